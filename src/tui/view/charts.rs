//! The four charts. Each draws the current run in colour over the baseline
//! (and optionally the previous run) as dim ghosts, with event markers and
//! the time cursor as vertical lines. The legend is in the title.
//!
//! Scales: Acquisition in people per period; Conversion in percent;
//! Revenue in money per period, with cash divided by a round factor shown
//! in its legend (`cash ÷100`) so it shares the flows' axis; Flywheel state
//! normalises each series to its own maximum (shown in the legend).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Widget};

use super::theme;
use crate::model::{Row, Series};
use crate::tui::app::App;
use crate::tui::format::{money, nice_ceil, si, ticks};

/// How a chart's y values are scaled and labelled.
#[derive(Clone, Copy, PartialEq)]
enum Scale {
    /// Counts of people (`12k`).
    Count,
    /// Rates, shown as percent.
    Percent,
    /// Money (`$1.2M`).
    Money,
    /// Each series over its own maximum, in percent.
    Normalised,
}

/// One plotted line: its legend name, a shorter one for narrow charts.
struct Line_ {
    name: &'static str,
    short: &'static str,
    get: fn(&Row) -> f64,
    color: Color,
}

const fn line(
    name: &'static str,
    short: &'static str,
    get: fn(&Row) -> f64,
    color: Color,
) -> Line_ {
    Line_ {
        name,
        short,
        get,
        color,
    }
}

struct Spec {
    title: &'static str,
    scale: Scale,
    lines: &'static [Line_],
}

static SPECS: [Spec; 4] = [
    Spec {
        title: "Acquisition",
        scale: Scale::Count,
        lines: &[
            line(
                "organic leads",
                "organic",
                |r| r.leads_organic,
                Color::Green,
            ),
            line("sales leads", "sales", |r| r.leads_sales, Color::Blue),
            line("new customers", "new", |r| r.new_customers, Color::Yellow),
        ],
    },
    Spec {
        title: "Conversion",
        scale: Scale::Percent,
        lines: &[
            line("overall", "overall", |r| r.conversion, Color::Yellow),
            line("self-serve", "self", |r| r.conv_self, Color::Green),
            line("sales win", "win", |r| r.win, Color::Blue),
        ],
    },
    Spec {
        title: "Revenue",
        scale: Scale::Money,
        lines: &[
            line("revenue", "revenue", |r| r.revenue, Color::Green),
            line("profit", "profit", |r| r.profit, Color::Yellow),
            line("cash", "cash", |r| r.cash, Color::Cyan),
        ],
    },
    Spec {
        title: "Flywheel state",
        scale: Scale::Normalised,
        lines: &[
            line("strength", "strength", |r| r.strength, Color::Magenta),
            line("reps", "reps", |r| r.reps, Color::Blue),
            line("insight", "insight", |r| r.insight, Color::Green),
            line("customers", "cust", |r| r.customers, Color::Yellow),
        ],
    },
];

fn extent(series: &[&Series], get: fn(&Row) -> f64) -> (f64, f64) {
    series
        .iter()
        .flat_map(|s| s.rows.iter().map(get))
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// Divides cash by a round factor so its extent fits the flows' extent.
fn cash_divisor(series: &[&Series]) -> f64 {
    let flows = SPECS[2].lines[..2]
        .iter()
        .map(|l| extent(series, l.get))
        .fold(0.0_f64, |m, (lo, hi)| m.max(lo.abs()).max(hi.abs()));
    let (lo, hi) = extent(series, |r| r.cash);
    let cash = lo.abs().max(hi.abs());
    if flows <= 0.0 || cash <= flows {
        1.0
    } else {
        nice_ceil(cash / flows)
    }
}

fn tick(scale: Scale, v: f64) -> String {
    match scale {
        Scale::Count => si(v),
        Scale::Money => money(v),
        Scale::Percent | Scale::Normalised => format!("{}%", si(v)),
    }
}

pub(super) fn render(app: &App, index: usize, area: Rect, buf: &mut Buffer) {
    let spec = &SPECS[index];
    let mut ghosts: Vec<(&Series, Color)> = vec![(&app.baseline, theme::BASELINE)];
    if let Some(p) = app.previous.as_ref().filter(|_| app.show_previous) {
        ghosts.push((p, theme::PREVIOUS));
    }
    let all: Vec<&Series> = std::iter::once(&app.series)
        .chain(ghosts.iter().map(|g| g.0))
        .collect();
    let divisor = if spec.scale == Scale::Money {
        cash_divisor(&all)
    } else {
        1.0
    };

    // Per line: the factor turning a value into a plotted y, and its legend
    // (long and short forms).
    let factors: Vec<(f64, String, String)> = spec
        .lines
        .iter()
        .map(|l| match spec.scale {
            Scale::Percent => (100.0, l.name.to_string(), l.short.to_string()),
            Scale::Normalised => {
                let (_, hi) = extent(&all, l.get);
                let f = if hi > 0.0 { 100.0 / hi } else { 1.0 };
                let max = if l.name == "strength" {
                    format!("{hi:.2}")
                } else {
                    si(hi)
                };
                (
                    f,
                    format!("{} (max {max})", l.name),
                    format!("{} {max}", l.short),
                )
            }
            Scale::Money if l.name == "cash" && divisor > 1.0 => {
                let d = si(divisor);
                (1.0 / divisor, format!("cash ÷{d}"), format!("cash÷{d}"))
            }
            _ => (1.0, l.name.to_string(), l.short.to_string()),
        })
        .collect();

    let horizon = app.series.horizon();
    let reveal = if app.is_revealing() {
        app.cursor()
    } else {
        horizon
    };
    let points = |s: &Series, l: &Line_, f: f64, upto: u32| -> Vec<(f64, f64)> {
        s.rows
            .iter()
            .take_while(|r| r.period <= upto)
            .map(|r| (f64::from(r.period), (l.get)(r) * f))
            .collect()
    };
    let mut data: Vec<(Vec<(f64, f64)>, Color)> = Vec::new();
    for (s, color) in &ghosts {
        for (l, (f, ..)) in spec.lines.iter().zip(&factors) {
            // While the animation reveals the run, ghosts are revealed with it.
            data.push((points(s, l, *f, reveal), *color));
        }
    }
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for (l, (f, ..)) in spec.lines.iter().zip(&factors) {
        let (a, b) = extent(&all, l.get);
        lo = lo.min(a * f);
        hi = hi.max(b * f);
    }
    let hi = if spec.scale == Scale::Normalised {
        100.0
    } else {
        hi
    };
    // A dip below zero too small to see is not worth a band of negative axis.
    let lo = if -lo < 0.02 * hi { 0.0 } else { lo };
    let ticks = ticks(lo, hi);
    let (lo, hi) = (ticks[0], ticks[ticks.len() - 1]);

    for e in &app.config.events {
        let x = f64::from(e.at);
        data.push((vec![(x, lo), (x, hi)], theme::EVENT));
    }
    let t = f64::from(app.cursor());
    data.push((vec![(t, lo), (t, hi)], theme::CURSOR));
    for (l, (f, ..)) in spec.lines.iter().zip(&factors) {
        data.push((points(&app.series, l, *f, reveal), l.color));
    }

    let datasets: Vec<Dataset> = data
        .iter()
        .map(|(pts, color)| {
            Dataset::default()
                .data(pts)
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(*color))
        })
        .collect();

    let period = &app.scenario.period_label;
    let y_unit = match spec.scale {
        Scale::Count => format!("people/{period}"),
        Scale::Percent => "% of leads".into(),
        Scale::Money => format!("$/{period}"),
        Scale::Normalised => "% of each max".into(),
    };
    let title = Line::from(vec![
        Span::from(format!(" {} ", spec.title)).bold(),
        Span::from(format!("{y_unit} ")).fg(theme::BASELINE),
    ]);
    let room = usize::from(area.width.saturating_sub(4));
    // The longest legend that fits: full names, short names with figures, bare short names.
    let forms: [Vec<&str>; 3] = [
        factors.iter().map(|f| f.1.as_str()).collect(),
        factors.iter().map(|f| f.2.as_str()).collect(),
        spec.lines.iter().map(|l| l.short).collect(),
    ];
    let width = |names: &Vec<&str>| names.iter().map(|n| n.chars().count() + 2).sum::<usize>();
    let names = forms.iter().find(|f| width(f) <= room).unwrap_or(&forms[2]);
    let mut legend = vec![Span::from(" ")];
    for (l, name) in spec.lines.iter().zip(names) {
        legend.push(Span::styled(format!("━{name} "), Style::new().fg(l.color)));
    }
    let y_labels: Vec<String> = ticks.iter().map(|&v| tick(spec.scale, v)).collect();
    let focused = app.chart == index;
    let border = if focused {
        theme::ACCENT
    } else {
        theme::BORDER
    };
    let chart = Chart::new(datasets)
        .block(
            Block::bordered()
                .border_style(Style::new().fg(border))
                .title(title)
                .title_bottom(Line::from(legend)),
        )
        .legend_position(None)
        .x_axis(
            Axis::default()
                .title(Line::from(period.clone()).fg(theme::BASELINE))
                .bounds([0.0, f64::from(horizon.max(1))])
                .labels([
                    "0".to_string(),
                    (horizon / 2).to_string(),
                    horizon.to_string(),
                ])
                .style(Style::new().fg(theme::BASELINE)),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(y_labels)
                .style(Style::new().fg(theme::BASELINE)),
        );
    chart.render(area, buf);
}
