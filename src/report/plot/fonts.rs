//! The fonts of the pictures: DejaVu, carried in the binary, as
//! `sans-serif`; a CJK font found on the machine for Chinese in a PNG. A
//! font collection (Noto Sans CJK's `.ttc` holds a Japanese, Korean,
//! Simplified, Traditional and Hong Kong face) gives the face of the
//! picture's language: the same character (戶) is drawn differently in each.

use std::path::{Path, PathBuf};
use std::sync::{Once, OnceLock};

use plotters::prelude::*;
use ttf_parser::{Face, name_id};

use super::bearing::kerned;
use super::sfnt::face_alone;
use crate::i18n::Lang;

/// Where CJK fonts usually live (Debian/Ubuntu, Fedora, Arch, macOS,
/// Windows): Noto Sans CJK first, its Traditional Chinese files before the
/// collections, then WenQuanYi and the systems' own.
const CJK_PATHS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKtc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJKtc-Regular.otf",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJKtc-Regular.otf",
    "/usr/share/fonts/opentype/noto/NotoSansTC-Regular.otf",
    "/usr/share/fonts/noto/NotoSansTC-Regular.otf",
    "/usr/share/fonts/google-noto-sans-tc-fonts/NotoSansTC-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msjh.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
];

/// A CJK font file found on the machine, read once for the run.
struct Source {
    path: PathBuf,
    data: &'static [u8],
    /// Its bold twin beside it (`NotoSansCJK-Bold.ttc`), when there is one.
    bold: Option<&'static [u8]>,
}

/// The face a picture draws Chinese with, registered with the renderer.
#[derive(Debug)]
pub struct CjkFont {
    /// The font file.
    pub path: PathBuf,
    /// The face's family name, as the font names it (`Noto Sans CJK TC`).
    pub face: String,
    /// The family the face is registered under for plotters.
    family: &'static str,
}

/// The file's bytes, if it is a font with Chinese glyphs the renderer reads.
fn read_font(path: &Path) -> Option<&'static [u8]> {
    let bytes = std::fs::read(path).ok()?;
    let face = Face::parse(&bytes, 0).ok()?;
    face.glyph_index('中')?;
    Some(Box::leak(bytes.into_boxed_slice()))
}

/// The CJK font file: the one `FLYWHEEL_CJK_FONT` names (empty: none), else
/// the first of the usual system paths that holds a font with Chinese glyphs.
fn source() -> Option<&'static Source> {
    static SOURCE: OnceLock<Option<Source>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let candidates: Vec<PathBuf> = match std::env::var_os("FLYWHEEL_CJK_FONT") {
                Some(p) if p.is_empty() => Vec::new(),
                Some(p) => vec![p.into()],
                None => CJK_PATHS.iter().map(Into::into).collect(),
            };
            candidates.into_iter().find_map(|path| {
                let data = read_font(&path)?;
                let name = path.file_name()?.to_str()?;
                let bold = name
                    .contains("Regular")
                    .then(|| path.with_file_name(name.replace("Regular", "Bold")))
                    .and_then(|b| read_font(&b));
                Some(Source { path, data, bold })
            })
        })
        .as_ref()
}

/// The family names a face gives itself, English first.
pub(crate) fn face_names(face: &Face<'_>) -> Vec<String> {
    let mut names: Vec<(bool, String)> = face
        .names()
        .into_iter()
        .filter(|n| {
            n.is_unicode() && [name_id::TYPOGRAPHIC_FAMILY, name_id::FAMILY].contains(&n.name_id)
        })
        .filter_map(|n| {
            let english = n.language() == ttf_parser::Language::English_UnitedStates;
            Some((!english, n.to_string()?))
        })
        .collect();
    names.sort_by_key(|(other, _)| *other);
    names.into_iter().map(|(_, n)| n).collect()
}

/// How well a face named `names` suits `lang`: the Traditional Chinese
/// face (`TC`, then Hong Kong's) for Traditional, `SC` for Simplified;
/// a face with no region next, Japanese and Korean faces last, and a
/// monospaced face below its proportional twin.
pub(crate) fn face_rank(names: &[String], lang: Lang) -> u32 {
    let tags: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_ascii_uppercase)
        .collect();
    let has = |t: &str| tags.iter().any(|x| x == t);
    let region = match lang {
        Lang::Zh if has("SC") || has("CN") => 5,
        Lang::Zh if has("TC") || has("TW") => 3,
        Lang::Zh if has("HK") => 2,
        _ if has("TC") || has("TW") => 5,
        _ if has("HK") => 4,
        _ if has("SC") || has("CN") => 3,
        _ if has("JP") || has("KR") || has("JA") || has("KO") => 0,
        _ => 1,
    };
    2 * region + u32::from(!has("MONO"))
}

/// The face of `data` for `lang` (the first of the best ranked), as a font
/// of its own, and its family name.
fn face_for(data: &'static [u8], lang: Lang) -> Option<(&'static [u8], String)> {
    let count = ttf_parser::fonts_in_collection(data);
    let mut best: Option<(u32, u32, String)> = None;
    for index in 0..count.unwrap_or(1) {
        let Ok(face) = Face::parse(data, index) else {
            continue;
        };
        if face.glyph_index('中').is_none() {
            continue;
        }
        let names = face_names(&face);
        let rank = face_rank(&names, lang);
        if best.as_ref().is_none_or(|b| rank > b.0) {
            let name = names.into_iter().next().unwrap_or_default();
            best = Some((rank, index, name));
        }
    }
    let (_, index, name) = best?;
    let alone = match count {
        Some(_) => Some(face_alone(data, index)?),
        None => None,
    };
    let font = alone.as_deref().unwrap_or(data);
    // Full-width punctuation kerned into place, where the font needs it.
    let font: &'static [u8] = match (kerned(font), alone) {
        (Some(k), _) | (None, Some(k)) => Box::leak(k.into_boxed_slice()),
        (None, None) => data,
    };
    Some((font, name))
}

/// The CJK face for pictures in `lang`, registered with the renderer:
/// Traditional Chinese (and English, for a Chinese name in it) get the
/// Traditional face, Simplified Chinese the Simplified one. Each is made
/// once for the run, so pictures in both can be drawn side by side.
pub fn cjk_font_for(lang: Lang) -> Option<&'static CjkFont> {
    static FACES: [OnceLock<Option<CjkFont>>; 2] = [OnceLock::new(), OnceLock::new()];
    let (slot, family) = match lang {
        Lang::Zh => (0, "flywheel-cjk-sc"),
        Lang::En | Lang::ZhHant => (1, "flywheel-cjk-tc"),
    };
    FACES[slot]
        .get_or_init(|| {
            let src = source()?;
            let (regular, face) = face_for(src.data, lang)?;
            plotters::style::register_font(family, FontStyle::Normal, regular).ok()?;
            let bold = src.bold.and_then(|b| face_for(b, lang)).map(|(f, _)| f);
            let _ =
                plotters::style::register_font(family, FontStyle::Bold, bold.unwrap_or(regular));
            Some(CjkFont {
                path: src.path.clone(),
                face,
                family,
            })
        })
        .as_ref()
}

/// The CJK face for pictures in the current language ([`cjk_font_for`]).
pub fn cjk_font() -> Option<&'static CjkFont> {
    cjk_font_for(crate::i18n::current())
}

/// Registers DejaVu as `sans-serif`, once, for text in every picture.
pub(crate) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

/// Whether `text` has a character DejaVu lacks and a CJK font has: Han,
/// kana, Hangul, CJK and full-width punctuation.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{2E80}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}')
    })
}

/// The fonts of one picture: which family draws which text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fonts {
    /// A PNG's language (an SVG names `sans-serif`; its viewer finds glyphs).
    png: Option<Lang>,
}

impl Fonts {
    /// An SVG's: `sans-serif` everywhere.
    pub fn svg() -> Fonts {
        Fonts { png: None }
    }

    /// A PNG's in `lang`: a Chinese picture draws every text with the CJK
    /// face of its language, an English one only its Chinese texts (a
    /// team's name), the rest with DejaVu. The CJK font is read when a
    /// text first needs it.
    pub fn png(lang: Lang) -> Fonts {
        Fonts { png: Some(lang) }
    }

    /// The family that draws `text`.
    pub fn pick(self, text: &str) -> &'static str {
        self.png
            .filter(|lang| lang.is_chinese() || has_cjk(text))
            .and_then(cjk_font_for)
            .map_or("sans-serif", |f| f.family)
    }

    /// The family for texts drawn in one style (a legend, an axis's words).
    pub fn pick_all<'a>(self, texts: impl IntoIterator<Item = &'a str>) -> &'static str {
        let cjk = texts.into_iter().find(|t| has_cjk(t));
        self.pick(cjk.unwrap_or(""))
    }
}

/// Whether a PNG in the current language would show every glyph: Chinese
/// needs a CJK font ([`cjk_font`]).
pub fn png_has_glyphs() -> bool {
    crate::i18n::current() == Lang::En || cjk_font().is_some()
}

#[cfg(test)]
mod tests;
