//! One face of a font collection (`.ttc`) as a font of its own: the
//! renderer reads only the first face of a collection, so a face further
//! in (the Traditional Chinese face of Noto Sans CJK) is copied out, its
//! table directory and the tables it points to, into a standalone
//! OpenType font with the offsets rewritten.

/// A big-endian `u32` at `at`.
fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// A big-endian `u16` at `at`.
fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// Face `index` of the collection `data` as a standalone font, or `None`
/// when `data` is not a collection or the face is not in it (or broken).
pub(crate) fn face_alone(data: &[u8], index: u32) -> Option<Vec<u8>> {
    if data.get(..4)? != b"ttcf" || index >= u32_at(data, 8)? {
        return None;
    }
    let dir = u32_at(data, 12 + 4 * index as usize)? as usize;
    build(data, dir, None)
}

/// The standalone font `data` with the table `tag` added (when the font has
/// none of that name), or `None`.
pub(crate) fn with_table(data: &[u8], tag: [u8; 4], table: &[u8]) -> Option<Vec<u8>> {
    build(data, 0, Some((tag, table)))
}

/// A standalone font of the table directory at `dir` in `data` and the
/// tables it points to, with `extra` added in its place by tag.
fn build(data: &[u8], dir: usize, extra: Option<([u8; 4], &[u8])>) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(data, dir + 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count + 1);
    for i in 0..count {
        let record = dir + 12 + 16 * i;
        let tag: [u8; 4] = data.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(data, record + 8)? as usize;
        let length = u32_at(data, record + 12)? as usize;
        tables.push((tag, data.get(offset..offset.checked_add(length)?)?));
    }
    if let Some((tag, table)) = extra {
        if tables.iter().any(|t| t.0 == tag) {
            return None;
        }
        tables.push((tag, table));
        tables.sort_by_key(|t| t.0);
    }
    let n = u16::try_from(tables.len()).ok()?;
    // The search fields: the largest power of two not above the count.
    let log = 15 - n.max(1).leading_zeros() as u16;
    let range = (1_u16 << log) * 16;
    let mut out = data.get(dir..dir + 4)?.to_vec();
    for field in [n, range, log, (n * 16).saturating_sub(range)] {
        out.extend_from_slice(&field.to_be_bytes());
    }
    let mut at = 12 + 16 * tables.len();
    let mut body: Vec<u8> = Vec::new();
    for (i, (tag, table)) in tables.iter().enumerate() {
        // Each table starts on a 4-byte boundary; the checksums stay as
        // they were (the renderer does not read them).
        let record = dir + 12 + 16 * i;
        let sum = match extra {
            Some(_) => 0,
            None => u32_at(data, record + 4)?,
        };
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(table.len()).ok()?.to_be_bytes());
        body.extend_from_slice(table);
        body.resize(body.len().next_multiple_of(4), 0);
        at = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ttf_parser::{Face, name_id};

    /// A collection of `fonts`, each font's tables moved along with it.
    fn collection(fonts: &[&[u8]]) -> Vec<u8> {
        let n = fonts.len();
        let mut out = b"ttcf".to_vec();
        out.extend_from_slice(&0x0001_0000_u32.to_be_bytes());
        out.extend_from_slice(&(n as u32).to_be_bytes());
        let mut at = 12 + 4 * n;
        for f in fonts {
            out.extend_from_slice(&(at as u32).to_be_bytes());
            at += f.len().next_multiple_of(4);
        }
        for f in fonts {
            let start = out.len();
            out.extend_from_slice(f);
            let tables = usize::from(u16_at(f, 4).unwrap());
            for i in 0..tables {
                let field = start + 12 + 16 * i + 8;
                let offset = u32_at(&out, field).unwrap() + start as u32;
                out[field..field + 4].copy_from_slice(&offset.to_be_bytes());
            }
            out.resize(out.len().next_multiple_of(4), 0);
        }
        out
    }

    fn name(face: &Face<'_>, id: u16) -> String {
        face.names()
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_second_face_of_a_collection_stands_alone() {
        let regular = dejavu::sans::regular();
        let bold = dejavu::sans::bold();
        let ttc = collection(&[regular, bold]);
        assert_eq!(ttf_parser::fonts_in_collection(&ttc), Some(2));
        let alone = face_alone(&ttc, 1).expect("face 1 copied out");
        assert_eq!(
            ttf_parser::fonts_in_collection(&alone),
            None,
            "not a collection"
        );
        let face = Face::parse(&alone, 0).expect("the face parses alone");
        assert_eq!(name(&face, name_id::SUBFAMILY), "Bold");
        let original = Face::parse(bold, 0).unwrap();
        assert_eq!(face.number_of_glyphs(), original.number_of_glyphs());
        let g = face.glyph_index('g').expect("a glyph for g");
        assert_eq!(face.glyph_hor_advance(g), original.glyph_hor_advance(g));
        assert!(face.outline_glyph(g, &mut Outline(0)).is_some());
        // The first face too, and nothing past the last.
        let first = face_alone(&ttc, 0).unwrap();
        let face = Face::parse(&first, 0).unwrap();
        assert_eq!(name(&face, name_id::SUBFAMILY), "Book");
        assert!(face_alone(&ttc, 2).is_none());
        assert!(
            face_alone(regular, 0).is_none(),
            "a single font is no collection"
        );
    }

    /// Counts the outline's segments.
    struct Outline(usize);

    impl ttf_parser::OutlineBuilder for Outline {
        fn move_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn line_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn close(&mut self) {}
    }
}
