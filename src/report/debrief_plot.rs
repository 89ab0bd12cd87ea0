//! The debrief as one picture for the room, sized for a projector: four
//! panels (customers, cash, product strength, customer insight) with every
//! team's run in its colour, autopilot and the best steady policy dashed and
//! drawn over the teams (so a team that did nothing still shows both), a
//! cross where a team first ran out of cash, and the legend in a column of
//! its own beside the panels, ranked, with each team's score. Every word
//! follows the interface language; text is drawn with the DejaVu font in the
//! binary, or a CJK font found on the machine for Chinese in a PNG.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::format::{money, number};
use crate::i18n::{tr, trf};
use crate::model::{Row, Series};
use crate::play::debrief::Debrief;
use crate::report::plot::{Fonts, fit_width, register_fonts};
use crate::safe_write::Overwrite;

mod chart;
mod legend;
#[cfg(test)]
mod tests;

/// Picture size in pixels: a projector's 1080p.
pub const SIZE: (u32, u32) = (1920, 1080);

/// The height of the title band, in pixels.
const TITLE_HEIGHT: u32 = 84;
/// The width of the legend column, in pixels.
const LEGEND_WIDTH: u32 = 470;

/// Team colours, in rank order (repeated past twelve teams): strong hues
/// that hold on a projector, none black or grey (the references' colours).
const COLORS: [RGBColor; 12] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 170, 190),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(170, 170, 20),
    RGBColor(0, 110, 110),
    RGBColor(130, 0, 90),
    RGBColor(90, 90, 210),
];
/// Autopilot: black, long dashes.
const AUTOPILOT: RGBColor = RGBColor(0, 0, 0);
/// The best steady policy: dark grey, short dashes.
const BEST: RGBColor = RGBColor(95, 95, 95);
/// Out of cash: the zero line, the zone below it, the legend's words.
const BROKE: RGBColor = RGBColor(190, 20, 20);

type Getter = fn(&Row) -> f64;

/// What a curve is, which sets how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A team: a solid line, under the references.
    Team,
    /// Autopilot: long dashes, over the teams.
    Autopilot,
    /// The best steady policy: short dashes, over the teams.
    Best,
}

impl Role {
    /// Line width in pixels.
    fn width(self) -> u32 {
        match self {
            Role::Team => 5,
            Role::Autopilot => 3,
            Role::Best => 4,
        }
    }

    /// Dash and gap in pixels, for the references.
    fn dashes(self) -> Option<(u32, u32)> {
        match self {
            Role::Team => None,
            Role::Autopilot => Some((18, 10)),
            Role::Best => Some((6, 8)),
        }
    }
}

/// One curve: its rank and legend text, run, colour and role.
struct Curve<'a> {
    /// 1 for the best team (teams only).
    rank: Option<usize>,
    /// The legend's text: `3. Builders` for a team, the reference's name.
    label: String,
    /// A team's score, after its name in the legend: ` (72)`.
    score: String,
    series: &'a Series,
    color: RGBColor,
    role: Role,
    /// The first period with cash below 0 and the cash then (teams only).
    broke: Option<(u32, f64)>,
    /// What a period is called in this curve's scenario.
    period_label: &'a str,
}

/// The first period with cash below 0, and the cash then.
fn out_of_cash(series: &Series) -> Option<(u32, f64)> {
    series
        .rows
        .iter()
        .find(|r| r.cash < 0.0)
        .map(|r| (r.period, r.cash))
}

/// The teams in rank order (the debrief's order), then the references.
fn curves(d: &Debrief) -> Vec<Curve<'_>> {
    let many = d.references.len() > 1;
    let mut out: Vec<Curve<'_>> = d
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Curve {
            rank: Some(i + 1),
            label: format!("{}. {}", i + 1, e.player),
            score: e
                .score
                .map_or_else(String::new, |s| crate::report::plot::bracketed(&s)),
            series: &e.series,
            color: COLORS[i % COLORS.len()],
            role: Role::Team,
            broke: out_of_cash(&e.series),
            period_label: d
                .references
                .get(e.reference)
                .map_or("period", |r| r.period_label.as_str()),
        })
        .collect();
    for r in &d.references {
        let suffix = if many {
            format!(" · {}", r.scenario)
        } else {
            String::new()
        };
        out.push(Curve {
            rank: None,
            label: format!("{}{suffix}", tr("autopilot (no changes)")),
            score: String::new(),
            series: &r.autopilot_series,
            color: AUTOPILOT,
            role: Role::Autopilot,
            broke: None,
            period_label: &r.period_label,
        });
        if let Some(b) = &r.best_series {
            out.push(Curve {
                rank: None,
                label: format!("{}{suffix}", tr("best steady policy")),
                score: String::new(),
                series: b,
                color: BEST,
                role: Role::Best,
                broke: None,
                period_label: &r.period_label,
            });
        }
    }
    out
}

/// One panel: its title, the unit of its axis, the column it draws.
struct Panel {
    title: &'static str,
    unit: &'static str,
    get: Getter,
    tick: fn(f64) -> String,
    /// A 0..1 quantity: the axis spans 0 to 1.
    unit_range: bool,
    /// The cash panel: the zone below 0 and the out-of-cash crosses.
    cash: bool,
}

/// The four panels, in reading order, in the current language.
fn panels() -> [Panel; 4] {
    let plain = |v: f64| number(v);
    [
        Panel {
            title: tr("Customers"),
            unit: tr("people"),
            get: |r| r.customers,
            tick: plain,
            unit_range: false,
            cash: false,
        },
        Panel {
            title: tr("Cash"),
            unit: tr("cash ($)"),
            get: |r| r.cash,
            tick: money,
            unit_range: false,
            cash: true,
        },
        Panel {
            title: tr("Product strength"),
            unit: tr("1 = fits the market"),
            get: |r| r.strength,
            tick: plain,
            unit_range: true,
            cash: false,
        },
        Panel {
            title: tr("Customer insight"),
            unit: tr("insight"),
            get: |r| r.insight,
            tick: plain,
            unit_range: false,
            cash: false,
        },
    ]
}

/// The picture's title, in the current language.
fn title(d: &Debrief) -> String {
    match d.references.as_slice() {
        [one] => trf("Debrief: {}", &[&one.scenario]),
        _ => tr("Debrief").to_string(),
    }
}

/// Whether a team or a scenario is named in Chinese (its PNG needs a CJK
/// font in any language).
pub fn has_chinese_names(d: &Debrief) -> bool {
    let teams = d.entries.iter().map(|e| e.player.as_str());
    let scenarios = d.references.iter().map(|r| r.scenario.as_str());
    teams.chain(scenarios).any(crate::report::plot::has_cjk)
}

/// Every text the picture draws, in the current language: the title, each
/// panel's title and axis words, and the legend's lines (whole, uncut).
pub fn texts(d: &Debrief) -> Vec<String> {
    let curves = curves(d);
    let period = crate::format::period_word(curves.first().map_or("period", |c| c.period_label));
    let mut out = vec![title(d), period];
    for p in panels() {
        out.extend([p.title.to_string(), p.unit.to_string()]);
    }
    let legend = legend::items(&curves);
    out.extend(legend.into_iter().map(|i| format!("{}{}", i.text, i.tail)));
    out
}

/// Renders the picture as SVG text.
pub fn to_svg(d: &Debrief) -> Result<String, String> {
    register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, d, Fonts::svg())?;
        root.present().map_err(|e| format!("drawing failed: {e}"))?;
    }
    Ok(svg)
}

/// Writes the picture to `path`; the format follows the extension (.svg or
/// .png). A Chinese PNG needs a CJK font ([`crate::report::plot::cjk_font`]).
pub fn write(path: &Path, d: &Debrief, overwrite: Overwrite) -> Result<(), String> {
    crate::report::plot::write_picture(
        path,
        overwrite,
        || to_svg(d),
        |tmp| {
            let root = BitMapBackend::new(tmp, SIZE).into_drawing_area();
            draw(&root, d, Fonts::png(crate::i18n::current()))?;
            root.present()
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))
        },
    )
}

fn boxed<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &Debrief,
    fonts: Fonts,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(boxed)?;
    let (width, _) = root.dim_in_pixel();
    let (top, body) = root.split_vertically(TITLE_HEIGHT);
    let size = 58.0;
    let text = fit_width(&title(d), size, f64::from(width) - 48.0);
    top.draw_text(
        &text,
        &(fonts.pick(&text), size, FontStyle::Bold)
            .into_font()
            .color(&BLACK),
        (24, 18),
    )
    .map_err(boxed)?;
    let (charts, side) = body.split_horizontally(width.saturating_sub(LEGEND_WIDTH));
    let curves = curves(d);
    let period = crate::format::period_word(curves.first().map_or("period", |c| c.period_label));
    for (area, panel) in charts.split_evenly((2, 2)).iter().zip(panels()) {
        chart::draw(area, &panel, &period, &curves, fonts)?;
    }
    legend::draw(&side, &curves, fonts)
}
