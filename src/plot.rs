//! Pictures for slides: the four charts of the simulator as SVG or PNG, with
//! title, axes, units, legends, the baseline ghost (named in the legend),
//! Monte Carlo bands, event markers and, for a session, the team's decisions.
//! Shares are drawn on a % axis. Texts follow the interface language.
//!
//! Text is drawn with the DejaVu font carried in the binary. DejaVu has no
//! Chinese glyphs: a Chinese PNG needs a CJK font found on the machine
//! ([`cjk_font`]: `FLYWHEEL_CJK_FONT`, else the usual system paths); an SVG
//! leaves glyphs to its viewer, so it carries Chinese everywhere.

use std::path::Path;
use std::sync::{Once, OnceLock};

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::montecarlo::MonteCarlo;
use crate::format::{number, share};
use crate::i18n::{Lang, tr, trf};
use crate::model::{ParamSpec, Row, Series};
use crate::play::game::Decision;
use crate::report::charts::{CHARTS, ChartLine as Line, ChartSpec as Panel, Hue, Scale};
use crate::safe_write::{Overwrite, write_atomic};
use crate::scenario::Scenario;

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

type Getter = fn(&Row) -> f64;

/// The grey of the baseline's ghost curves.
const GHOST: RGBColor = RGBColor(170, 170, 170);

/// A line's colour in a picture.
fn rgb(hue: Hue) -> RGBColor {
    let (r, g, b) = hue.rgb();
    RGBColor(r, g, b)
}

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
fn family(png: bool) -> &'static str {
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

/// Renders the picture as SVG text.
pub fn to_svg(input: &PlotInput<'_>) -> Result<String, String> {
    register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, input, "sans-serif").map_err(|e| format!("drawing failed: {e}"))?;
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
            draw(&root, input, family(true)).map_err(|e| format!("drawing failed: {e}"))?;
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
    font: &'static str,
) -> DrawResult<()> {
    root.fill(&WHITE).map_err(boxed)?;
    let title = match input.title {
        Some(t) => t.to_string(),
        None => default_title(input),
    };
    let (top, body) = root.split_vertically(56);
    top.draw_text(
        &title,
        &(font, 28).into_font().style(FontStyle::Bold).color(&BLACK),
        (20, 14),
    )
    .map_err(boxed)?;
    for (area, panel) in body.split_evenly((2, 2)).iter().zip(CHARTS.iter()) {
        draw_panel(area, panel, input, font)?;
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
        title.push_str(&trf(" (grey: {})", &[&name]));
    }
    if let Some(mc) = input.bands {
        title.push_str(&trf(
            ", bands: 5-95% and 25-75% of {} stochastic runs",
            &[&mc.runs],
        ));
    }
    title
}

/// The decisions taken at each period, worded for a marker:
/// `(12, "Price 100 → 117, R&D share 0.1 → 0.08")`.
fn decision_notes(decisions: &[Decision]) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    for d in decisions {
        let spec = ParamSpec::of(d.key);
        let text = format!(
            "{} {} → {}",
            tr(spec.label),
            crate::model::fmt_num(d.old),
            crate::model::fmt_num(d.new)
        );
        match out.iter_mut().find(|(p, _)| *p == d.period) {
            Some((_, t)) => {
                t.push_str(", ");
                t.push_str(&text);
            }
            None => out.push((d.period, text)),
        }
    }
    out
}

/// The value range of some lines over the run, the baseline and the bands.
fn range(input: &PlotInput<'_>, lines: &[(&Line, f64)]) -> (f64, f64) {
    let mut lo = 0.0_f64;
    let mut hi = 0.0_f64;
    let mut extend = |v: f64| {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    };
    for (line, k) in lines {
        let runs = std::iter::once(input.series).chain(input.baseline.map(|(_, b)| b));
        for series in runs {
            series.values(line.get).for_each(|v| extend(v / k));
        }
        if let (Some(mc), Some(b)) = (input.bands, line.band) {
            mc.bands[b].iter().for_each(|q| {
                extend(q[0] / k);
                extend(q[4] / k);
            });
        }
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.08;
    (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad)
}

/// The band polygons (5-95 and 25-75) of a line, scaled by `k`.
fn band_polygons(
    mc: &MonteCarlo,
    band: usize,
    k: f64,
    color: RGBColor,
) -> Vec<Polygon<(f64, f64)>> {
    let band = &mc.bands[band];
    [(0, 4, 0.12), (1, 3, 0.25)]
        .into_iter()
        .map(|(outer, inner, alpha)| {
            let mut poly: Vec<(f64, f64)> = band
                .iter()
                .enumerate()
                .map(|(t, q)| (t as f64, q[outer] / k))
                .collect();
            poly.extend(
                band.iter()
                    .enumerate()
                    .rev()
                    .map(|(t, q)| (t as f64, q[inner] / k)),
            );
            Polygon::new(poly, color.mix(alpha).filled())
        })
        .collect()
}

fn points(series: &Series, get: Getter, k: f64) -> Vec<(f64, f64)> {
    series
        .rows
        .iter()
        .map(|r| (f64::from(r.period), get(r) / k))
        .collect()
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    input: &PlotInput<'_>,
    font: &'static str,
) -> DrawResult<()> {
    let horizon = f64::from(input.series.horizon().max(1));
    // Normalised panels scale each line by its largest value over run and baseline.
    let scaled: Vec<(&Line, f64)> = panel
        .lines
        .iter()
        .map(|line| {
            let k = if panel.scale == Scale::Normalised {
                let runs = std::iter::once(input.series).chain(input.baseline.map(|(_, b)| b));
                runs.flat_map(|s| s.values(line.get))
                    .fold(0.0_f64, |a, b| a.max(b.abs()))
                    .max(1e-12)
            } else {
                1.0
            };
            (line, k)
        })
        .collect();
    let (primary, secondary): (Vec<_>, Vec<_>) =
        scaled.iter().copied().partition(|(l, _)| !l.secondary);
    let (y0, y1) = range(input, &primary);
    let (s0, s1) = range(input, &secondary);

    let mut chart = ChartBuilder::on(area)
        .caption(tr(panel.title), (font, 24))
        .margin(14)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .right_y_label_area_size(if secondary.is_empty() { 0 } else { 70 })
        .build_cartesian_2d(0.0..horizon, y0..y1)
        .map_err(boxed)?
        .set_secondary_coord(0.0..horizon, s0..s1);
    let label = crate::format::period_word(&input.scenario.period_label);
    chart
        .configure_mesh()
        .x_desc(label)
        .y_desc(tr(panel.unit))
        .y_label_formatter(&|v| {
            if matches!(panel.scale, Scale::Percent | Scale::Normalised) {
                share(*v)
            } else {
                number(*v)
            }
        })
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(RGBColor(242, 242, 242))
        .bold_line_style(RGBColor(220, 220, 220))
        .label_style((font, 15))
        .axis_desc_style((font, 16))
        .draw()
        .map_err(boxed)?;
    if !secondary.is_empty() {
        chart
            .configure_secondary_axes()
            .y_desc(tr("cash ($)"))
            .y_label_formatter(&|v| crate::format::money(*v))
            .label_style((font, 15))
            .axis_desc_style((font, 16))
            .draw()
            .map_err(boxed)?;
    }

    // Bands first, under the curves.
    if let Some(mc) = input.bands {
        for (line, k) in &scaled {
            let Some(b) = line.band else { continue };
            let polys = band_polygons(mc, b, *k, rgb(line.hue));
            if line.secondary {
                chart.draw_secondary_series(polys).map_err(boxed)?;
            } else {
                chart.draw_series(polys).map_err(boxed)?;
            }
        }
    }

    if let Some((name, base)) = input.baseline {
        for (i, (line, k)) in scaled.iter().enumerate() {
            let series = LineSeries::new(points(base, line.get, *k), GHOST.stroke_width(2));
            let drawn = if line.secondary {
                chart.draw_secondary_series(series).map_err(boxed)?
            } else {
                chart.draw_series(series).map_err(boxed)?
            };
            if i == 0 {
                drawn
                    .label(trf("{} (baseline)", &[&name]))
                    .legend(|(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], GHOST.stroke_width(2))
                    });
            }
        }
    }

    for (line, k) in &scaled {
        let color = rgb(line.hue);
        let label = if panel.scale == Scale::Normalised {
            trf("{} (max {})", &[&tr(line.name), &number(*k)])
        } else if line.secondary {
            trf("{} (right axis)", &[&tr(line.name)])
        } else {
            tr(line.name).to_string()
        };
        // Beside a baseline, every line says whose it is.
        let label = match input.baseline {
            Some(_) => format!("{label} ({})", input.scenario.name),
            None => label,
        };
        let series = LineSeries::new(points(input.series, line.get, *k), color.stroke_width(3));
        let drawn = if line.secondary {
            chart.draw_secondary_series(series).map_err(boxed)?
        } else {
            chart.draw_series(series).map_err(boxed)?
        };
        drawn.label(label).legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
        });
    }

    // The history: its points on the lines of its columns, and where it ends.
    if let Some(h) = input.actuals {
        let mut any = false;
        for (line, k) in &scaled {
            let Some(obs) = h.get(line.column) else {
                continue;
            };
            any = true;
            let color = rgb(line.hue);
            let dots = h
                .periods
                .iter()
                .zip(&obs.values)
                .filter_map(|(p, v)| v.map(|v| (f64::from(*p), v / k)))
                .map(move |pt| Circle::new(pt, 3, color.filled()));
            let drawn = if line.secondary {
                chart.draw_secondary_series(dots).map_err(boxed)?
            } else {
                chart.draw_series(dots).map_err(boxed)?
            };
            drawn
                .label(format!("{} (data)", obs.name()))
                .legend(move |(x, y)| Circle::new((x + 10, y), 3, color.filled()));
        }
        if any {
            let x = f64::from(h.last_period());
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, y0), (x, y1)],
                    BLACK.mix(0.5).stroke_width(1),
                )))
                .map_err(boxed)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    " data end",
                    (x, y0 + (y1 - y0) * 0.05),
                    ("sans-serif", 14),
                )))
                .map_err(boxed)?;
        }
    }

    let red = RGBColor(200, 40, 40);
    for (i, event) in input.scenario.config.events.iter().enumerate() {
        let x = f64::from(event.at);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, y0), (x, y1)],
                red.stroke_width(1),
            )))
            .map_err(boxed)?;
        // Stagger the notes so that close events stay readable.
        let y = y1 - (y1 - y0) * (0.03 + 0.06 * (i % 3) as f64);
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {}", event.note),
                (x, y),
                (font, 14).into_font().color(&red),
            )))
            .map_err(boxed)?;
    }

    // The team's decisions: dashed teal lines with what changed, low in the
    // chart so that they do not cover the event notes.
    let teal = RGBColor(0, 128, 128);
    for (i, (at, note)) in decision_notes(input.decisions).iter().enumerate() {
        let x = f64::from(*at);
        let dashes = (0..40).map(|k| {
            let a = y0 + (y1 - y0) * f64::from(k) / 40.0;
            let b = y0 + (y1 - y0) * (f64::from(k) + 0.5) / 40.0;
            PathElement::new(vec![(x, a), (x, b)], teal.stroke_width(2))
        });
        chart.draw_series(dashes).map_err(boxed)?;
        let y = y0 + (y1 - y0) * (0.06 + 0.06 * (i % 4) as f64);
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {note}"),
                (x, y),
                (font, 14).into_font().color(&teal),
            )))
            .map_err(boxed)?;
    }

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((font, 15))
        .draw()
        .map_err(boxed)?;
    Ok(())
}
