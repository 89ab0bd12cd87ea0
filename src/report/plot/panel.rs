//! One chart of a picture: its axes and legend, the Monte Carlo bands, the
//! baseline's ghost curves, the run, a company's history as points, the
//! scenario's events and the team's decisions.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::key::{TEAL, decision_notes};
use super::layout::Edge;
use super::tags::{Tags, draw_tags};
use super::words::{axis_unit, bracketed};
use super::{DrawResult, Fonts, PlotInput, boxed};
use crate::analysis::montecarlo::MonteCarlo;
use crate::format::{number, share};
use crate::i18n::{tr, trf};
use crate::model::{Row, Series};
use crate::report::charts::{ChartLine as Line, ChartSpec as Panel, Hue, Scale};

type Getter = fn(&Row) -> f64;

/// The grey of the baseline's ghost curves.
const GHOST: RGBColor = RGBColor(170, 170, 170);

/// A line's colour in a picture.
fn rgb(hue: Hue) -> RGBColor {
    let (r, g, b) = hue.rgb();
    RGBColor(r, g, b)
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

pub(super) fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    input: &PlotInput<'_>,
    fonts: Fonts,
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
        .caption(tr(panel.title), (fonts.pick(tr(panel.title)), 24))
        .margin(14)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .right_y_label_area_size(if secondary.is_empty() { 0 } else { 70 })
        .build_cartesian_2d(0.0..horizon, y0..y1)
        .map_err(boxed)?
        .set_secondary_coord(0.0..horizon, s0..s1);
    let label = crate::format::period_word(&input.scenario.period_label);
    let unit = axis_unit(panel, &input.scenario.period_label);
    let words = fonts.pick_all([label.as_str(), unit.as_str()]);
    chart
        .configure_mesh()
        .x_desc(&label)
        .y_desc(&unit)
        .y_label_formatter(&|v| {
            if matches!(panel.scale, Scale::Percent | Scale::Normalised) {
                share(*v)
            } else {
                number(*v)
            }
        })
        .x_label_formatter(&|v| match (input.scenario.calendar(), *v >= 0.0) {
            // With a calendar, a period shows the date it begins.
            (Some(c), true) => c.label(v.round() as u32),
            _ => format!("{v:.0}"),
        })
        .light_line_style(RGBColor(242, 242, 242))
        .bold_line_style(RGBColor(220, 220, 220))
        .label_style((fonts.pick(""), 15))
        .axis_desc_style((words, 16))
        .draw()
        .map_err(boxed)?;
    if !secondary.is_empty() {
        chart
            .configure_secondary_axes()
            .y_desc(tr("cash ($)"))
            .y_label_formatter(&|v| crate::format::money(*v))
            .label_style((fonts.pick(""), 15))
            .axis_desc_style((fonts.pick(tr("cash ($)")), 16))
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

    // The legend's texts, for the font that draws them all.
    let mut legend: Vec<String> = Vec::new();
    if let Some((name, base)) = input.baseline {
        for (i, (line, k)) in scaled.iter().enumerate() {
            let series = LineSeries::new(points(base, line.get, *k), GHOST.stroke_width(2));
            let drawn = if line.secondary {
                chart.draw_secondary_series(series).map_err(boxed)?
            } else {
                chart.draw_series(series).map_err(boxed)?
            };
            if i == 0 {
                legend.push(trf("{} (baseline)", &[&name]));
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
            Some(_) => format!("{label}{}", bracketed(&input.scenario.name)),
            None => label,
        };
        legend.push(label.clone());
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
                .drawn(obs)
                .map(|(p, v)| (p, v / k))
                .map(move |pt| Circle::new(pt, 3, color.filled()));
            let drawn = if line.secondary {
                chart.draw_secondary_series(dots).map_err(boxed)?
            } else {
                chart.draw_series(dots).map_err(boxed)?
            };
            let label = trf("{} (data)", &[&obs.name()]);
            legend.push(label.clone());
            drawn
                .label(label)
                .legend(move |(x, y)| Circle::new((x + 10, y), 3, color.filled()));
        }
        let now = input.scenario.config.now.as_ref().map(|n| n.at);
        if any && now != Some(h.last_period()) {
            let x = f64::from(h.last_period());
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, y0), (x, y1)],
                    BLACK.mix(0.5).stroke_width(1),
                )))
                .map_err(boxed)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!(" {}", tr("data end")),
                    (x, y0 + (y1 - y0) * 0.05),
                    (fonts.pick(tr("data end")), 14),
                )))
                .map_err(boxed)?;
        }
    }

    // Now: where the past ends and the decisions act from.
    if let Some(now) = &input.scenario.config.now {
        let x = f64::from(now.at);
        let amber = RGBColor(200, 120, 0);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, y0), (x, y1)],
                amber.stroke_width(2),
            )))
            .map_err(boxed)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {}", crate::i18n::tr("now")),
                (x, y0 + (y1 - y0) * 0.05),
                (fonts.pick(tr("now")), 14).into_font().color(&amber),
            )))
            .map_err(boxed)?;
    }

    // The scenario's events: red lines, their notes in rows from the top.
    let red = RGBColor(200, 40, 40);
    let events = &input.scenario.config.events;
    for event in events {
        let x = f64::from(event.at);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, y0), (x, y1)],
                red.stroke_width(1),
            )))
            .map_err(boxed)?;
    }
    let notes: Vec<(f64, String)> = events
        .iter()
        .map(|e| (f64::from(e.at), input.scenario.note(e).to_string()))
        .collect();
    let tags = Tags {
        color: red,
        size: 14.0,
        edge: Edge::Top,
        framed: false,
    };
    draw_tags(chart.plotting_area(), &notes, &tags, fonts)?;

    // The team's decisions: dashed teal lines, each period's numbered in
    // rows from the bottom (the key beneath the panels says what changed).
    let decisions = decision_notes(input.decisions);
    for (at, _) in &decisions {
        let x = f64::from(*at);
        let dashes = (0..40).map(|k| {
            let a = y0 + (y1 - y0) * f64::from(k) / 40.0;
            let b = y0 + (y1 - y0) * (f64::from(k) + 0.5) / 40.0;
            PathElement::new(vec![(x, a), (x, b)], TEAL.stroke_width(2))
        });
        chart.draw_series(dashes).map_err(boxed)?;
    }
    let numbers: Vec<(f64, String)> = decisions
        .iter()
        .enumerate()
        .map(|(i, (at, _))| (f64::from(*at), (i + 1).to_string()))
        .collect();
    let tags = Tags {
        color: TEAL,
        size: 17.0,
        edge: Edge::Bottom,
        framed: true,
    };
    draw_tags(chart.plotting_area(), &numbers, &tags, fonts)?;

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((fonts.pick_all(legend.iter().map(String::as_str)), 15))
        .draw()
        .map_err(boxed)?;
    Ok(())
}
