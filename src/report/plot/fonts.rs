//! The fonts of the pictures: DejaVu, carried in the binary, as
//! `sans-serif`; a CJK font found on the machine for Chinese in a PNG.

use std::sync::{Once, OnceLock};

use plotters::prelude::*;

use crate::i18n::Lang;

/// The font family registered for Chinese text, when a CJK font is found.
const CJK_FAMILY: &str = "flywheel-cjk";

/// Where CJK fonts usually live (Debian/Ubuntu, Fedora, Arch, macOS, Windows).
const CJK_PATHS: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
];

/// A font with Chinese glyphs for PNG pictures: the file named by
/// `FLYWHEEL_CJK_FONT` (empty: none), else the first of the usual system
/// paths that holds a font the renderer reads. Read once, kept for the run.
pub fn cjk_font() -> Option<&'static [u8]> {
    static FONT: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    *FONT.get_or_init(|| {
        let candidates: Vec<std::path::PathBuf> = match std::env::var_os("FLYWHEEL_CJK_FONT") {
            Some(p) if p.is_empty() => Vec::new(),
            Some(p) => vec![p.into()],
            None => CJK_PATHS.iter().map(Into::into).collect(),
        };
        candidates.iter().find_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let font: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            plotters::style::register_font(CJK_FAMILY, FontStyle::Normal, font).ok()?;
            plotters::style::register_font(CJK_FAMILY, FontStyle::Bold, font).ok()?;
            Some(font)
        })
    })
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

/// The font family for text in the current language: the CJK font for
/// Chinese in a PNG, else DejaVu (an SVG names `sans-serif` and its viewer
/// finds the glyphs).
pub(crate) fn family(png: bool) -> &'static str {
    if png && crate::i18n::current().is_chinese() && cjk_font().is_some() {
        CJK_FAMILY
    } else {
        "sans-serif"
    }
}

/// Whether a PNG in the current language would show every glyph: Chinese
/// needs a CJK font ([`cjk_font`]).
pub fn png_has_glyphs() -> bool {
    crate::i18n::current() == Lang::En || cjk_font().is_some()
}
