//! Full-width punctuation in its place. The renderer (plotters 0.3 on
//! ab_glyph) draws each glyph from the left edge of its outline, not from
//! its side bearing, so `（`, drawn in the right half of its box, would
//! stand against the character before it with a gap after it. A kerning
//! table, which the renderer does apply, puts such glyphs back: any
//! character before one kerns it right by its side bearing, and it kerns
//! the character after it back by as much.

use ttf_parser::Face;

use super::sfnt::with_table;

/// Punctuation a CJK font draws away from the left of its box.
pub(crate) const PUNCTUATION: &str = "（「『【《〈，。、：；！？";

/// The least side bearing set right, in font units (a thousandth of an em
/// in most CJK fonts): smaller ones do not show.
const LEAST: i16 = 50;

/// A `kern` table (Apple's version 1, one class subtable of format 3, which
/// covers every glyph) that sets the glyphs of `chars` right by their side
/// bearings; `None` when none needs it.
pub(crate) fn kern_table(face: &Face<'_>, chars: &str) -> Option<Vec<u8>> {
    let mut shifted: Vec<(u16, i16)> = Vec::new();
    for c in chars.chars() {
        let Some(g) = face.glyph_index(c) else {
            continue;
        };
        let Some(x) = face.glyph_bounding_box(g).map(|b| b.x_min) else {
            continue;
        };
        if x.abs() >= LEAST && !shifted.iter().any(|s| s.0 == g.0) {
            shifted.push((g.0, x));
        }
    }
    if shifted.is_empty() || shifted.len() > 14 {
        return None;
    }
    // Class 0: every other glyph; class k: the k-th shifted glyph.
    let bearing = |class: usize| if class == 0 { 0 } else { shifted[class - 1].1 };
    let classes = shifted.len() + 1;
    let mut values: Vec<i16> = Vec::new();
    let mut index: Vec<u8> = Vec::new();
    for left in 0..classes {
        for right in 0..classes {
            let v = bearing(right) - bearing(left);
            let at = match values.iter().position(|&x| x == v) {
                Some(at) => at,
                None => {
                    values.push(v);
                    values.len() - 1
                }
            };
            index.push(u8::try_from(at).ok()?);
        }
    }
    let glyphs = face.number_of_glyphs();
    let mut class = vec![0_u8; usize::from(glyphs)];
    for (k, (g, _)) in shifted.iter().enumerate() {
        *class.get_mut(usize::from(*g))? = u8::try_from(k + 1).ok()?;
    }
    let classes = u8::try_from(classes).ok()?;
    let mut data: Vec<u8> = glyphs.to_be_bytes().to_vec();
    data.extend([u8::try_from(values.len()).ok()?, classes, classes, 0]);
    values.iter().for_each(|v| data.extend(v.to_be_bytes()));
    data.extend(&class);
    data.extend(&class);
    data.extend(&index);
    let mut table: Vec<u8> = Vec::new();
    table.extend(0x0001_0000_u32.to_be_bytes());
    table.extend(1_u32.to_be_bytes());
    table.extend(u32::try_from(8 + data.len()).ok()?.to_be_bytes());
    // Horizontal, format 3, no variation.
    table.extend([0, 3, 0, 0]);
    table.extend(data);
    Some(table)
}

/// The standalone font `font` with its punctuation set right ([`kern_table`]),
/// or `None` when it needs none or already has a `kern` table.
pub(crate) fn kerned(font: &[u8]) -> Option<Vec<u8>> {
    let face = Face::parse(font, 0).ok()?;
    if face.tables().kern.is_some() {
        return None;
    }
    with_table(font, *b"kern", &kern_table(&face, PUNCTUATION)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ttf_parser::GlyphId;

    fn kerning(table: &ttf_parser::kern::Table<'_>, a: GlyphId, b: GlyphId) -> Option<i16> {
        table
            .subtables
            .into_iter()
            .filter(|s| s.horizontal && !s.variable)
            .find_map(|s| s.glyphs_kerning(a, b))
    }

    #[test]
    fn a_glyph_drawn_right_of_its_origin_is_kerned_back_in_place() {
        // DejaVu's brackets and slash stand a little right of their origin.
        let face = Face::parse(dejavu::sans::regular(), 0).unwrap();
        let glyph = |c| face.glyph_index(c).unwrap();
        let x = |c| face.glyph_bounding_box(glyph(c)).unwrap().x_min;
        assert!(x('(') >= LEAST && x('[') >= LEAST, "{} {}", x('('), x('['));
        let bytes = kern_table(&face, "([").expect("a table");
        let table = ttf_parser::kern::Table::parse(&bytes).expect("it parses");
        let (a, paren, square) = (glyph('a'), glyph('('), glyph('['));
        assert_eq!(kerning(&table, a, paren), Some(x('(')));
        assert_eq!(kerning(&table, paren, a), Some(-x('(')));
        assert_eq!(kerning(&table, paren, square), Some(x('[') - x('(')));
        assert_eq!(kerning(&table, a, a), Some(0));
        assert!(kern_table(&face, " ").is_none(), "nothing to set right");
    }

    #[test]
    fn a_font_with_the_table_added_reads_it() {
        // DejaVu has its own kern table: left as it is.
        assert!(kerned(dejavu::sans::regular()).is_none());
        let face = Face::parse(dejavu::sans::regular(), 0).unwrap();
        let table = kern_table(&face, "(").unwrap();
        assert!(with_table(dejavu::sans::regular(), *b"kern", &table).is_none());
        let added = with_table(dejavu::sans::regular(), *b"kerx", &table).unwrap();
        let face = Face::parse(&added, 0).expect("the font parses with a table more");
        assert!(
            face.raw_face()
                .table(ttf_parser::Tag::from_bytes(b"kerx"))
                .is_some()
        );
        assert_eq!(face.glyph_index('g'), dejavu_glyph('g'));
    }

    fn dejavu_glyph(c: char) -> Option<GlyphId> {
        Face::parse(dejavu::sans::regular(), 0)
            .unwrap()
            .glyph_index(c)
    }
}
