//! Which face draws Chinese: the face of the picture's language out of a
//! collection, and the CJK font for any text with Chinese in it.

use super::*;

/// Debian's Noto Sans CJK collection (`fonts-noto-cjk`, which `.ci/run`
/// installs): its bytes, or `None` (a failure under CI) where it is missing.
fn noto() -> Option<&'static [u8]> {
    const NOTO: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    if let Some(data) = read_font(Path::new(NOTO)) {
        return Some(data);
    }
    let required = std::env::var("FLYWHEEL_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    assert!(!required, "FLYWHEEL_REQUIRE_TOOLS=1 but {NOTO} is missing");
    eprintln!("SKIPPED: {NOTO} is missing (.ci/run installs fonts-noto-cjk)");
    None
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

#[test]
fn each_language_ranks_its_own_face_first() {
    let faces = [
        "Noto Sans CJK JP",
        "Noto Sans CJK KR",
        "Noto Sans CJK SC",
        "Noto Sans CJK TC",
        "Noto Sans CJK HK",
    ];
    let best = |lang| {
        faces
            .iter()
            .max_by_key(|f| face_rank(&names(&[f]), lang))
            .copied()
    };
    assert_eq!(best(Lang::ZhHant), Some("Noto Sans CJK TC"));
    assert_eq!(best(Lang::En), Some("Noto Sans CJK TC"));
    assert_eq!(best(Lang::Zh), Some("Noto Sans CJK SC"));
    // Hong Kong's face before the Simplified one for a Traditional reader.
    let hk = face_rank(&names(&["Noto Sans CJK HK"]), Lang::ZhHant);
    assert!(hk > face_rank(&names(&["Noto Sans CJK SC"]), Lang::ZhHant));
    // A face with no region beats a Japanese one; a proportional face its
    // monospaced twin.
    let plain = face_rank(&names(&["WenQuanYi Micro Hei"]), Lang::ZhHant);
    assert!(plain > face_rank(&names(&["Noto Sans CJK JP"]), Lang::ZhHant));
    assert!(plain > face_rank(&names(&["WenQuanYi Micro Hei Mono"]), Lang::ZhHant));
}

#[test]
fn chinese_is_told_from_latin() {
    assert!(has_cjk("客戶至上"));
    assert!(has_cjk("Team 飛輪"));
    assert!(has_cjk("（8）"));
    assert!(!has_cjk("Builders (72) — week 3 → $1.2M"));
}

#[test]
fn the_noto_collection_gives_traditional_and_simplified_faces() {
    let Some(data) = noto() else { return };
    let (tc, name) = face_for(data, Lang::ZhHant).expect("a Traditional face");
    assert!(name.split(' ').any(|w| w == "TC"), "{name}");
    let (sc, name) = face_for(data, Lang::Zh).expect("a Simplified face");
    assert!(name.split(' ').any(|w| w == "SC"), "{name}");
    // Each stands alone and draws 戶, in its own shape: not the first
    // (Japanese) face's glyph, which the renderer would read from the file.
    let first = Face::parse(data, 0).unwrap();
    assert!(face_names(&first).iter().any(|n| n.contains("JP")));
    let japanese = first.glyph_index('戶').expect("戶 in the JP face");
    for font in [tc, sc] {
        assert_eq!(ttf_parser::fonts_in_collection(font), None);
        let face = Face::parse(font, 0).expect("the face parses alone");
        let glyph = face.glyph_index('戶').expect("a glyph for 戶");
        assert!(
            face.glyph_bounding_box(glyph).is_some(),
            "戶 has an outline"
        );
        assert_ne!(glyph, japanese, "戶 in its Japanese shape");
    }
}

#[test]
fn a_png_draws_chinese_with_the_face_of_its_language() {
    assert_eq!(Fonts::svg().pick("客戶"), "sans-serif");
    assert_eq!(Fonts::png(Lang::En).pick("Builders (72)"), "sans-serif");
    let (Some(tc), Some(sc)) = (cjk_font_for(Lang::ZhHant), cjk_font_for(Lang::Zh)) else {
        // Without a CJK font every text is DejaVu's (and shows boxes).
        assert_eq!(Fonts::png(Lang::ZhHant).pick("客戶"), "sans-serif");
        let _ = noto();
        return;
    };
    // A Chinese name in an English picture, every text of a Chinese one.
    assert_eq!(Fonts::png(Lang::En).pick("1. 客戶至上 (8)"), tc.family);
    assert_eq!(Fonts::png(Lang::ZhHant).pick("1. Builders (8)"), tc.family);
    assert_eq!(Fonts::png(Lang::Zh).pick("客户"), sc.family);
    assert_ne!(tc.family, sc.family);
    let legend = ["Acquisition (balanced)", "silo (飛輪)"];
    assert_eq!(Fonts::png(Lang::En).pick_all(legend), tc.family);
    assert_eq!(Fonts::png(Lang::En).pick_all(["a", "b"]), "sans-serif");
}
