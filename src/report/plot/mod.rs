//! Pictures for slides: the four charts of the simulator as SVG or PNG, with
//! title, axes, units, legends, the baseline ghost (named in the legend),
//! Monte Carlo bands, event markers and, for a session, the team's decisions
//! (numbered on the panels, worded in a key beneath them). Labels are placed
//! by the `layout` module so that none covers another or runs past its panel.
//! Shares are drawn on a % axis. Texts follow the interface language.
//!
//! Text is drawn with the DejaVu font carried in the binary. DejaVu has no
//! Chinese glyphs: Chinese in a PNG (a Chinese picture, or a Chinese name in
//! an English one) needs a CJK font found on the machine ([`cjk_font_for`]:
//! `FLYWHEEL_CJK_FONT`, else the usual system paths), in the face of the
//! picture's language; an SVG leaves glyphs to its viewer, so it carries
//! Chinese everywhere.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::montecarlo::MonteCarlo;
use crate::i18n::trf;
use crate::model::Series;
use crate::play::game::Decision;
use crate::report::charts::CHARTS;
use crate::safe_write::{Overwrite, write_atomic};
use crate::scenario::Scenario;

mod bearing;
mod fonts;
mod key;
mod layout;
mod panel;
mod sfnt;
mod tags;
mod words;

pub use fonts::{CjkFont, cjk_font, cjk_font_for, has_cjk, png_has_glyphs};
pub(crate) use fonts::{Fonts, register_fonts};
pub(crate) use layout::{Rect, fit_width, stack, text_width, wrap};
use panel::draw_panel;
pub(crate) use words::bracketed;

/// Picture size in pixels.
pub const SIZE: (u32, u32) = (1600, 1000);

/// What to draw.
pub struct PlotInput<'a> {
    /// The scenario (title, period label, events).
    pub scenario: &'a Scenario,
    /// The run.
    pub series: &'a Series,
    /// A baseline run, drawn as grey ghost curves.
    pub baseline: Option<(&'a str, &'a Series)>,
    /// Monte Carlo bands (5-95 and 25-75).
    pub bands: Option<&'a MonteCarlo>,
    /// The picture's title, instead of the scenario's name and horizon.
    pub title: Option<&'a str>,
    /// Decisions to mark on the charts (a session's), at their periods.
    pub decisions: &'a [Decision],
    /// A company's history, drawn as points on the lines of its columns.
    pub actuals: Option<&'a crate::analysis::history::History>,
}

/// Renders the picture as SVG text.
pub fn to_svg(input: &PlotInput<'_>) -> Result<String, String> {
    register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, input, Fonts::svg()).map_err(|e| format!("drawing failed: {e}"))?;
        root.present().map_err(|e| format!("drawing failed: {e}"))?;
    }
    Ok(svg)
}

/// Writes the picture to `path`; the format follows the extension (.svg or .png).
pub fn write(path: &Path, input: &PlotInput<'_>, overwrite: Overwrite) -> Result<(), String> {
    write_picture(
        path,
        overwrite,
        || to_svg(input),
        |tmp| {
            let root = BitMapBackend::new(tmp, SIZE).into_drawing_area();
            let fonts = Fonts::png(crate::i18n::current());
            draw(&root, input, fonts).map_err(|e| format!("drawing failed: {e}"))?;
            root.present()
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))
        },
    )
}

/// Writes a picture in the format `path`'s extension names: `svg` writes the
/// text `svg` returns atomically; `png` has `png` draw into a temporary file
/// beside the target (the encoder writes to a path), renamed into place.
/// Every picture the tool writes goes through here.
pub(crate) fn write_picture(
    path: &Path,
    overwrite: Overwrite,
    svg: impl FnOnce() -> Result<String, String>,
    png: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let fail = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "; pass --force to replace it"
        } else {
            ""
        };
        format!("{}: cannot write: {e}{hint}", path.display())
    };
    match ext.as_str() {
        "svg" => write_atomic(path, svg()?.as_bytes(), overwrite).map_err(fail),
        "png" => {
            if overwrite == Overwrite::Refuse && path.exists() {
                return Err(fail(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the file exists",
                )));
            }
            let tmp = crate::safe_write::temp_path(path).with_extension("tmp.png");
            register_fonts();
            let result = png(&tmp).and_then(|()| std::fs::rename(&tmp, path).map_err(fail));
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result
        }
        _ => Err(format!(
            "{}: unknown picture format; end the file name in .svg or .png",
            path.display()
        )),
    }
}

type DrawResult<T> = Result<T, String>;

fn boxed<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &PlotInput<'_>,
    fonts: Fonts,
) -> DrawResult<()> {
    root.fill(&WHITE).map_err(boxed)?;
    let title = match input.title {
        Some(t) => t.to_string(),
        None => default_title(input),
    };
    let (top, body) = root.split_vertically(56);
    top.draw_text(
        &title,
        &(fonts.pick(&title), 28, FontStyle::Bold)
            .into_font()
            .color(&BLACK),
        (20, 14),
    )
    .map_err(boxed)?;
    // A session's decisions: numbered tags on the panels, their key beneath.
    let notes = key::decision_notes(input.decisions);
    let body = if notes.is_empty() {
        body
    } else {
        let texts = key::key_texts(&notes, &input.scenario.period_label);
        let (width, height) = body.dim_in_pixel();
        let k = key::key_layout(&texts, f64::from(width) - 40.0, f64::from(height) * 0.22);
        let (panels, strip) = body.split_vertically(height - k.height.ceil() as u32);
        key::draw_key(&strip, &k, input.decisions.len(), fonts)?;
        panels
    };
    for (area, panel) in body.split_evenly((2, 2)).iter().zip(CHARTS.iter()) {
        draw_panel(area, panel, input, fonts)?;
    }
    Ok(())
}

/// `balanced — 208 weeks (grey: silo), bands: ...`, in the current language.
pub fn default_title(input: &PlotInput<'_>) -> String {
    let s = input.scenario;
    let word = crate::format::period_word(&s.period_label);
    let mut title = if crate::i18n::current().is_chinese() {
        format!("{} — {}{word}", s.name, s.config.periods)
    } else {
        format!("{} — {} {word}s", s.name, s.config.periods)
    };
    if let Some((name, _)) = input.baseline {
        title.push_str(&bracketed(&trf("grey: {}", &[&name])));
    }
    if let Some(mc) = input.bands {
        title.push_str(&trf(
            ", bands: 5-95% and 25-75% of {} stochastic runs",
            &[&mc.runs],
        ));
    }
    title
}
