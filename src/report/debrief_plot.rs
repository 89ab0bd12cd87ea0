//! The debrief as one picture for the room: every team's customers and cash
//! over the run, labelled by team, with autopilot and the best steady policy
//! dashed, as SVG or PNG. Text is drawn with the DejaVu font in the binary.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::format::number;
use crate::model::{Row, Series};
use crate::play::debrief::Debrief;
use crate::safe_write::Overwrite;

/// Picture size in pixels.
pub const SIZE: (u32, u32) = crate::report::plot::SIZE;

/// Team colours, in order (repeated past ten teams).
const COLORS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(188, 189, 34),
    RGBColor(127, 127, 127),
];
const AUTOPILOT: RGBColor = RGBColor(150, 150, 150);
const BEST: RGBColor = RGBColor(20, 20, 20);

type Getter = fn(&Row) -> f64;

/// One curve: its label, run, colour and whether it is a reference (dashed).
struct Curve<'a> {
    label: String,
    series: &'a Series,
    color: RGBColor,
    dashed: bool,
}

fn curves(d: &Debrief) -> Vec<Curve<'_>> {
    let many = d.references.len() > 1;
    let mut out: Vec<Curve<'_>> = d
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Curve {
            label: match e.score {
                Some(s) => format!("{} ({s})", e.player),
                None => e.player.clone(),
            },
            series: &e.series,
            color: COLORS[i % COLORS.len()],
            dashed: false,
        })
        .collect();
    for r in &d.references {
        let suffix = if many {
            format!(", {}", r.scenario)
        } else {
            String::new()
        };
        out.push(Curve {
            label: format!("autopilot{suffix}"),
            series: &r.autopilot_series,
            color: AUTOPILOT,
            dashed: true,
        });
        if let Some(b) = &r.best_series {
            out.push(Curve {
                label: format!("best steady policy{suffix}"),
                series: b,
                color: BEST,
                dashed: true,
            });
        }
    }
    out
}

/// Renders the picture as SVG text.
pub fn to_svg(d: &Debrief) -> Result<String, String> {
    crate::report::plot::register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, d)?;
        root.present().map_err(|e| format!("drawing failed: {e}"))?;
    }
    Ok(svg)
}

/// Writes the picture to `path`; the format follows the extension (.svg or .png).
pub fn write(path: &Path, d: &Debrief, overwrite: Overwrite) -> Result<(), String> {
    crate::report::plot::write_picture(
        path,
        overwrite,
        || to_svg(d),
        |tmp| {
            let root = BitMapBackend::new(tmp, SIZE).into_drawing_area();
            draw(&root, d)?;
            root.present()
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))
        },
    )
}

fn boxed<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Debrief) -> Result<(), String> {
    root.fill(&WHITE).map_err(boxed)?;
    let title = match d.references.as_slice() {
        [one] => format!("Debrief: {}", one.scenario),
        _ => "Debrief".to_string(),
    };
    let root = root
        .margin(12, 0, 0, 0)
        .titled(
            &title,
            ("sans-serif", 34).into_font().style(FontStyle::Bold),
        )
        .map_err(boxed)?;
    let panels = root.split_evenly((2, 1));
    let period = d
        .references
        .first()
        .map_or("period", |r| r.period_label.as_str());
    let curves = curves(d);
    panel(&panels[0], "Customers", "people", period, &curves, |r| {
        r.customers
    })?;
    panel(&panels[1], "Cash", "$", period, &curves, |r| r.cash)?;
    Ok(())
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    period: &str,
    curves: &[Curve<'_>],
    get: Getter,
) -> Result<(), String> {
    let horizon = curves
        .iter()
        .map(|c| c.series.horizon())
        .max()
        .unwrap_or(1)
        .max(1);
    let (mut lo, mut hi) = curves
        .iter()
        .flat_map(|c| c.series.rows.iter().map(get))
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(a, b), v| (a.min(v), b.max(v)));
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let pad = 0.05 * (hi - lo);
    hi += pad;
    if lo < 0.0 {
        lo -= pad;
    }
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 24))
        .margin(14)
        .x_label_area_size(46)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..f64::from(horizon), lo..hi)
        .map_err(boxed)?;
    chart
        .configure_mesh()
        .x_desc(period)
        .y_desc(unit)
        .y_label_formatter(&|v| number(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(RGBColor(242, 242, 242))
        .bold_line_style(RGBColor(220, 220, 220))
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 16))
        .draw()
        .map_err(boxed)?;
    if lo < 0.0 {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (f64::from(horizon), 0.0)],
                RGBColor(200, 40, 40).stroke_width(1),
            )))
            .map_err(boxed)?;
    }
    for c in curves {
        let points: Vec<(f64, f64)> = c
            .series
            .rows
            .iter()
            .map(|r| (f64::from(r.period), get(r)))
            .filter(|(_, v)| v.is_finite())
            .collect();
        let color = c.color;
        let width = if c.dashed { 2 } else { 3 };
        let drawn = if c.dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    10,
                    6,
                    color.stroke_width(width),
                ))
                .map_err(boxed)?
        } else {
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(width)))
                .map_err(boxed)?
        };
        let dashed = c.dashed;
        drawn.label(c.label.clone()).legend(move |(x, y)| {
            let path = if dashed {
                vec![(x, y), (x + 8, y)]
            } else {
                vec![(x, y), (x + 20, y)]
            };
            PathElement::new(path, color.stroke_width(width))
        });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", 15))
        .draw()
        .map_err(boxed)?;
    Ok(())
}
