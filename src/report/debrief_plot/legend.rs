//! The legend column of the debrief picture, beside the panels so that it
//! covers no curve: the teams ranked, best first, with their scores (and,
//! under a team that ran out of cash, when), then the references and what
//! the marks mean. Its layout is a pure function of the texts and the room:
//! the largest font at which every line fits, each line in a row of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{BROKE, Curve, Role, boxed};
use crate::format::period_at;
use crate::i18n::{tr, trf};
use crate::report::plot::{Fonts, Rect, fit_width, text_width, wrap};

/// The margin inside the column, in pixels.
const PAD: f64 = 18.0;
/// The width of a line's sample, in pixels.
const SWATCH: f64 = 64.0;
/// The font sizes tried, largest first.
const SIZES: std::ops::RangeInclusive<u32> = 18..=36;

/// What stands before a line's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    /// Nothing: the text starts at the column's margin.
    Blank,
    /// A sample of a curve.
    Line(RGBColor, Role),
    /// An out-of-cash cross.
    Cross(RGBColor),
}

/// One entry of the legend.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Item {
    pub text: String,
    /// Kept whole after the text when the text is cut (a team's score).
    pub tail: String,
    pub mark: Mark,
    pub color: RGBColor,
    pub bold: bool,
    /// Wrapped onto more lines when too wide (else cut with `…`).
    pub wrap: bool,
    /// Half a line of space before it (a new group).
    pub gap: bool,
    /// A note: free to take several lines (an entry keeps to one where a
    /// font size allows).
    pub note: bool,
}

impl Item {
    fn new(text: impl Into<String>, mark: Mark) -> Item {
        Item {
            text: text.into(),
            tail: String::new(),
            mark,
            color: BLACK,
            bold: false,
            wrap: false,
            gap: false,
            note: false,
        }
    }
}

/// One line of the legend, placed: its text's box and, on an entry's first
/// line, its mark's box (in pixels).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    pub text: String,
    pub text_box: Rect,
    pub mark: Mark,
    pub mark_box: Option<Rect>,
    pub color: RGBColor,
    pub bold: bool,
    pub size: f64,
}

/// The legend's entries for these curves, in the current language.
pub(super) fn items(curves: &[Curve<'_>]) -> Vec<Item> {
    let mut out = vec![Item {
        bold: true,
        wrap: true,
        ..Item::new(tr("Teams, best first (score)"), Mark::Blank)
    }];
    for c in curves.iter().filter(|c| c.role == Role::Team) {
        out.push(Item {
            tail: c.score.clone(),
            ..Item::new(c.label.clone(), Mark::Line(c.color, c.role))
        });
        if let Some((at, _)) = c.broke {
            out.push(Item {
                color: BROKE,
                wrap: true,
                ..Item::new(
                    trf("out of cash in {}", &[&period_at(c.period_label, at)]),
                    Mark::Cross(c.color),
                )
            });
        }
    }
    let mut first = true;
    for c in curves.iter().filter(|c| c.role != Role::Team) {
        out.push(Item {
            gap: std::mem::take(&mut first),
            wrap: true,
            ..Item::new(c.label.clone(), Mark::Line(c.color, c.role))
        });
    }
    let any_broke = curves.iter().any(|c| c.broke.is_some());
    if any_broke {
        out.push(Item {
            gap: true,
            wrap: true,
            note: true,
            color: BROKE,
            ..Item::new(
                tr("where a team's cash first went below $0, its rank above"),
                Mark::Cross(BROKE),
            )
        });
    }
    out.push(Item {
        gap: true,
        wrap: true,
        note: true,
        ..Item::new(
            tr("The dashed references are drawn over the teams' lines."),
            Mark::Blank,
        )
    });
    out
}

/// The lines of `items` at `size` within `max` pixels: each item's text,
/// wrapped or cut to fit.
fn lines(item: &Item, size: f64, max: f64) -> Vec<String> {
    // Bold glyphs are wider: measured a size up.
    let size = if item.bold { size * 1.1 } else { size };
    if item.wrap {
        wrap(&format!("{}{}", item.text, item.tail), size, max)
    } else {
        let tail = text_width(&item.tail, size);
        vec![format!(
            "{}{}",
            fit_width(&item.text, size, max - tail),
            item.tail
        )]
    }
}

/// Places `items` in `area`: the largest font at which all fit (and, if a
/// size allows, every entry with a mark keeps to one line), one row per
/// line, top down. At the smallest font, lines that would pass the bottom
/// are left out, so nothing is drawn outside the column.
pub(super) fn layout(items: &[Item], area: &Rect) -> Vec<Placed> {
    let text_x = |m: &Mark| match m {
        Mark::Blank => area.x + PAD,
        _ => area.x + PAD + SWATCH + 12.0,
    };
    let room = |m: &Mark| area.x + area.w - PAD - text_x(m);
    let height = |size: f64| {
        let line = (size * 1.25).round();
        items
            .iter()
            .map(|i| {
                let gap = if i.gap { line * 0.6 } else { 0.0 };
                gap + lines(i, size, room(&i.mark)).len() as f64 * line
            })
            .sum::<f64>()
    };
    // Every entry with a mark on one line, where a size allows.
    let one_line = |size: f64| {
        items
            .iter()
            .filter(|i| i.mark != Mark::Blank && !i.note)
            .all(|i| lines(i, size, room(&i.mark)).len() == 1)
    };
    let room_y = area.h - 2.0 * PAD;
    let sizes = || SIZES.rev().map(f64::from).filter(|&s| height(s) <= room_y);
    let size = sizes()
        .find(|&s| one_line(s))
        .or_else(|| sizes().next())
        .unwrap_or(f64::from(*SIZES.start()));
    let line = (size * 1.25).round();
    let mut out = Vec::new();
    let mut y = area.y + PAD;
    for item in items {
        if item.gap {
            y += (line * 0.6).round();
        }
        for (k, text) in lines(item, size, room(&item.mark)).into_iter().enumerate() {
            if y + line > area.y + area.h - PAD {
                return out;
            }
            let x = text_x(&item.mark);
            let first = k == 0 && item.mark != Mark::Blank;
            out.push(Placed {
                text_box: Rect {
                    x,
                    y,
                    w: text_width(&text, size),
                    h: line,
                },
                text,
                mark: item.mark,
                mark_box: first.then_some(Rect {
                    x: area.x + PAD,
                    y,
                    w: SWATCH,
                    h: line,
                }),
                color: item.color,
                bold: item.bold,
                size,
            });
            y += line;
        }
    }
    out
}

/// Draws the legend in its column.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curves: &[Curve<'_>],
    fonts: Fonts,
) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (i32::try_from(w).unwrap_or(0), i32::try_from(h).unwrap_or(0));
    area.draw(&Rectangle::new(
        [(0, 0), (w, h)],
        RGBColor(247, 247, 247).filled(),
    ))
    .map_err(boxed)?;
    area.draw(&PathElement::new(
        vec![(0, 0), (0, h)],
        RGBColor(200, 200, 200).stroke_width(2),
    ))
    .map_err(boxed)?;
    let room = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(w),
        h: f64::from(h),
    };
    for p in layout(&items(curves), &room) {
        if let Some(b) = p.mark_box {
            let y = (b.y + b.h / 2.0).round() as i32;
            let (x0, x1) = (b.x.round() as i32, (b.x + b.w).round() as i32);
            match p.mark {
                Mark::Blank => {}
                Mark::Line(color, role) => draw_sample(area, (x0, x1, y), color, role)?,
                Mark::Cross(color) => {
                    let c = ((x0 + x1) / 2, y);
                    area.draw(&Cross::new(c, 10, WHITE.stroke_width(9)))
                        .map_err(boxed)?;
                    area.draw(&Cross::new(c, 9, color.stroke_width(5)))
                        .map_err(boxed)?;
                }
            }
        }
        let weight = if p.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let style = (fonts.pick(&p.text), p.size, weight).into_font();
        let top = p.text_box.y + (p.text_box.h - p.size / 1.24) / 2.0;
        area.draw(&Text::new(
            p.text.clone(),
            (p.text_box.x.round() as i32, top.round() as i32),
            style.color(&p.color),
        ))
        .map_err(boxed)?;
    }
    Ok(())
}

/// A sample of a curve from `x0` to `x1` at `y`: solid, or in its dashes.
fn draw_sample<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, x1, y): (i32, i32, i32),
    color: RGBColor,
    role: Role,
) -> Result<(), String> {
    let style = color.stroke_width(role.width());
    match role.dashes() {
        None => area
            .draw(&PathElement::new(vec![(x0, y), (x1, y)], style))
            .map_err(boxed),
        Some((dash, gap)) => {
            let (dash, gap) = (dash as i32, gap as i32);
            let mut x = x0;
            while x < x1 {
                let end = (x + dash).min(x1);
                area.draw(&PathElement::new(vec![(x, y), (end, y)], style))
                    .map_err(boxed)?;
                x += dash + gap;
            }
            Ok(())
        }
    }
}
