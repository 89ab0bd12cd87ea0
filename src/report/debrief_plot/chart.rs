//! One panel of the debrief picture: its axes, the teams' runs (best on
//! top), the references dashed over them, and on the cash panel the zone
//! below $0 and a cross where each team first ran out of cash, with the
//! team's rank over it (the legend says what the rank's team is).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{BROKE, Curve, Panel, Role, boxed};
use crate::report::plot::{Fonts, Rect, stack, text_width};

/// The font size of the rank over an out-of-cash cross.
const RANK_SIZE: f64 = 30.0;

/// The value range of the panel over every curve, padded.
fn range(panel: &Panel, curves: &[Curve<'_>]) -> (f64, f64) {
    let (mut lo, mut hi) = curves
        .iter()
        .flat_map(|c| c.series.rows.iter().map(panel.get))
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(a, b), v| (a.min(v), b.max(v)));
    if panel.unit_range {
        hi = hi.max(1.0);
    }
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let pad = 0.06 * (hi - lo);
    if !panel.unit_range || hi > 1.0 {
        hi += pad;
    }
    if lo < 0.0 {
        // Room below 0 for the crosses, however tall the axis.
        lo = lo.min(-0.04 * hi) - pad;
    }
    (lo, hi)
}

/// The boxes of the ranks over the out-of-cash crosses: each cross at its
/// pixel `(x, y)` with its text, inside `area` (the plotting area). The
/// ranks sit in rows above the highest cross, centred on their crosses
/// where they fit; none covers another.
pub(super) fn rank_boxes(crosses: &[(f64, f64, String)], area: &Rect) -> Vec<Rect> {
    let pad = 6.0;
    let h = (RANK_SIZE * 1.1).round();
    let spans: Vec<(f64, f64)> = crosses
        .iter()
        .map(|(x, _, t)| (*x, text_width(t, RANK_SIZE) + 2.0 * pad))
        .collect();
    let placed = stack(&spans, area.x, area.x + area.w, 4.0);
    let rows = placed.iter().map(|p| p.1 + 1).max().unwrap_or(0) as f64;
    let highest = crosses.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    // The lowest row's top: over the highest cross, kept inside the area.
    let base = (highest - 16.0 - h)
        .max(area.y + (rows - 1.0) * h)
        .min(area.y + area.h - h);
    placed
        .iter()
        .zip(&spans)
        .map(|(&(x, row), &(_, w))| Rect {
            x,
            y: base - row as f64 * h,
            w,
            h,
        })
        .collect()
}

/// Draws one panel in `area`, its x axis named `period`.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    period: &str,
    curves: &[Curve<'_>],
    fonts: Fonts,
) -> Result<(), String> {
    let horizon = curves
        .iter()
        .map(|c| c.series.horizon())
        .max()
        .unwrap_or(1)
        .max(1);
    let horizon = f64::from(horizon);
    let (lo, hi) = range(panel, curves);
    let mut chart = ChartBuilder::on(area)
        .caption(panel.title, (fonts.pick(panel.title), 42, FontStyle::Bold))
        .margin(12)
        .margin_right(24)
        .x_label_area_size(70)
        .y_label_area_size(124)
        .build_cartesian_2d(0.0..horizon, lo..hi)
        .map_err(boxed)?;
    let tick = panel.tick;
    chart
        .configure_mesh()
        .x_desc(period)
        .y_desc(panel.unit)
        .x_labels(7)
        .y_labels(6)
        .y_label_formatter(&|v| tick(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(RGBColor(245, 245, 245))
        .bold_line_style(RGBColor(215, 215, 215))
        .label_style((fonts.pick(""), 27))
        .axis_desc_style((fonts.pick_all([period, panel.unit]), 28))
        .draw()
        .map_err(boxed)?;

    if panel.cash && lo < 0.0 {
        // The zone below $0, shaded, under a heavy zero line.
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, lo), (horizon, 0.0)],
                RGBColor(253, 226, 226).filled(),
            )))
            .map_err(boxed)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (horizon, 0.0)],
                BROKE.stroke_width(3),
            )))
            .map_err(boxed)?;
    }

    // The teams, the best drawn last (on top); then the references over them.
    let teams = curves.iter().filter(|c| c.role == Role::Team).rev();
    let references = curves.iter().filter(|c| c.role != Role::Team);
    for c in teams.chain(references) {
        let points: Vec<(f64, f64)> = c
            .series
            .rows
            .iter()
            .map(|r| (f64::from(r.period), (panel.get)(r)))
            .filter(|(_, v)| v.is_finite())
            .collect();
        let style = c.color.stroke_width(c.role.width());
        match c.role.dashes() {
            Some((dash, gap)) => chart
                .draw_series(DashedLineSeries::new(points, dash, gap, style))
                .map(|_| ()),
            None => chart
                .draw_series(LineSeries::new(points, style))
                .map(|_| ()),
        }
        .map_err(boxed)?;
    }

    if panel.cash {
        draw_crosses(&mut chart, curves, fonts.pick(""))?;
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A cross where each team first ran out of cash, its rank over it.
fn draw_crosses<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    curves: &[Curve<'_>],
    font: &'static str,
) -> Result<(), String> {
    let broke: Vec<(&Curve<'_>, (f64, f64))> = curves
        .iter()
        .filter_map(|c| c.broke.map(|(at, cash)| (c, (f64::from(at), cash))))
        .collect();
    if broke.is_empty() {
        return Ok(());
    }
    for (c, at) in &broke {
        chart
            .draw_series([
                Cross::new(*at, 13, WHITE.stroke_width(11)),
                Cross::new(*at, 12, c.color.stroke_width(6)),
            ])
            .map_err(boxed)?;
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let area = Rect {
        x: f64::from(xs.start),
        y: f64::from(ys.start),
        w: f64::from(xs.end - xs.start),
        h: f64::from(ys.end - ys.start),
    };
    let crosses: Vec<(f64, f64, String)> = broke
        .iter()
        .map(|(c, at)| {
            let (x, y) = chart.backend_coord(at);
            let rank = c.rank.map_or_else(String::new, |r| r.to_string());
            (f64::from(x), f64::from(y), rank)
        })
        .collect();
    let boxes = rank_boxes(&crosses, &area);
    for (((c, at), (x, y, text)), b) in broke.iter().zip(&crosses).zip(&boxes) {
        // Offsets from the cross, in pixels.
        let dx = (b.x - x).round() as i32;
        let dy = (b.y - y).round() as i32;
        let (w, h) = (b.w.round() as i32, b.h.round() as i32);
        let label = EmptyElement::at(*at)
            + Rectangle::new([(dx, dy), (dx + w, dy + h)], WHITE.filled())
            + Rectangle::new([(dx, dy), (dx + w, dy + h)], c.color.stroke_width(2))
            + Text::new(
                text.clone(),
                (dx + 6, dy + ((b.h - RANK_SIZE / 1.24) / 2.0).round() as i32),
                (font, RANK_SIZE, FontStyle::Bold)
                    .into_font()
                    .color(&c.color),
            );
        chart.plotting_area().draw(&label).map_err(boxed)?;
    }
    Ok(())
}
