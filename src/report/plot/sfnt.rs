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
    let tables = usize::from(u16_at(data, dir + 4)?);
    let header = 12 + 16 * tables;
    // The header as it was (version, count and search fields stay right).
    let mut out = data.get(dir..dir + header)?.to_vec();
    for i in 0..tables {
        let record = dir + 12 + 16 * i;
        let offset = u32_at(data, record + 8)? as usize;
        let length = u32_at(data, record + 12)? as usize;
        let table = data.get(offset..offset.checked_add(length)?)?;
        let at = u32::try_from(out.len()).ok()?;
        out[12 + 16 * i + 8..12 + 16 * i + 12].copy_from_slice(&at.to_be_bytes());
        out.extend_from_slice(table);
        // Each table starts on a 4-byte boundary.
        out.resize(out.len().next_multiple_of(4), 0);
    }
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
