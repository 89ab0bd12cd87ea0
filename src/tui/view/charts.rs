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
use crate::format::{money, nice_ceil, number, period_word, ticks};
use crate::i18n::{tr, trf};
use crate::model::{Row, Series};
use crate::report::charts::{CHARTS as SPECS, ChartLine as Line_, Hue, Scale, line_of};
use crate::tui::app::App;
use unicode_width::UnicodeWidthStr;

/// A line's colour on the terminal.
fn color(hue: Hue) -> Color {
    match hue {
        Hue::Green => Color::Green,
        Hue::Blue => Color::Blue,
        Hue::Yellow => Color::Yellow,
        Hue::Cyan => Color::Cyan,
        Hue::Magenta => Color::Magenta,
    }
}

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
        Scale::Count => number(v),
        Scale::Money => money(v),
        Scale::Percent | Scale::Normalised => format!("{}%", number(v)),
    }
}

/// What the charts draw, all borrowed: the run in colour (absent while a
/// prediction hides it), ghosts, event markers and the cursor.
#[derive(Debug, Clone)]
pub struct ChartInput<'a> {
    /// The run drawn in colour, if it is shown.
    pub current: Option<&'a Series>,
    /// Runs drawn dim, with their colours.
    pub ghosts: Vec<(&'a Series, Color)>,
    /// Periods with an event marker.
    pub events: Vec<u32>,
    /// The time cursor, if drawn.
    pub cursor: Option<u32>,
    /// The x axis runs 0..=horizon.
    pub horizon: u32,
    /// Curves are drawn up to this period.
    pub reveal: u32,
    /// What a period is called.
    pub period_label: &'a str,
    /// The chart with the focus (Tab), drawn with an accent border.
    pub focused: Option<usize>,
    /// Monte Carlo bands around the run, when switched on and computed.
    pub bands: Option<&'a crate::analysis::montecarlo::MonteCarlo>,
    /// A company's history, drawn as points where a chart has its column.
    pub actuals: Option<&'a crate::analysis::history::History>,
    /// Deciding from today: the period the decisions act from (a bright line).
    pub now: Option<u32>,
    /// The scenario's calendar: the x axis shows dates.
    pub calendar: Option<crate::scenario::calendar::Calendar>,
}

/// What the explore screen's charts draw.
pub fn explore_input(app: &App) -> ChartInput<'_> {
    let hidden = app.curves_hidden();
    let mut ghosts: Vec<(&Series, Color)> = vec![(&app.baseline, theme::BASELINE)];
    if let Some(p) = app
        .previous
        .as_ref()
        .filter(|_| app.show_previous && !hidden)
    {
        ghosts.push((p, theme::PREVIOUS));
    }
    let horizon = app.series.horizon();
    ChartInput {
        current: (!hidden).then_some(&app.series),
        ghosts,
        events: app.config.events.iter().map(|e| e.at).collect(),
        cursor: Some(app.cursor()),
        horizon,
        reveal: if app.is_revealing() {
            app.cursor()
        } else {
            horizon
        },
        period_label: &app.scenario.period_label,
        focused: Some(app.chart),
        bands: if hidden { None } else { app.bands() },
        actuals: app.actuals.as_ref(),
        now: app.now(),
        calendar: app.scenario.calendar(),
    }
}

pub(super) fn render(input: &ChartInput, index: usize, area: Rect, buf: &mut Buffer) {
    let spec = &SPECS[index];
    let ghosts = &input.ghosts;
    let all: Vec<&Series> = input
        .current
        .into_iter()
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
            Scale::Percent => (100.0, tr(l.name).to_string(), tr(l.short).to_string()),
            Scale::Normalised => {
                let (_, hi) = extent(&all, l.get);
                let f = if hi > 0.0 { 100.0 / hi } else { 1.0 };
                let max = if l.column == "strength" {
                    format!("{hi:.2}")
                } else {
                    number(hi)
                };
                (
                    f,
                    trf("{} (max {})", &[&tr(l.name), &max]),
                    format!("{} {max}", tr(l.short)),
                )
            }
            Scale::Money if l.secondary && divisor > 1.0 => {
                let d = number(divisor);
                (1.0 / divisor, trf("cash ÷{}", &[&d]), trf("cash÷{}", &[&d]))
            }
            _ => (1.0, tr(l.name).to_string(), tr(l.short).to_string()),
        })
        .collect();

    let (horizon, reveal) = (input.horizon, input.reveal);
    let points = |s: &Series, l: &Line_, f: f64, upto: u32| -> Vec<(f64, f64)> {
        s.rows
            .iter()
            .take_while(|r| r.period <= upto)
            .map(|r| (f64::from(r.period), (l.get)(r) * f))
            .collect()
    };
    let mut data: Vec<(Vec<(f64, f64)>, Color)> = Vec::new();
    // Bands first, under everything: each filled with a zigzag between its edges.
    if let Some(mc) = input.bands {
        for (l, (f, ..)) in spec.lines.iter().zip(&factors) {
            let Some(b) = l.band else { continue };
            for (outer, inner, color) in [(0, 4, theme::BAND_OUTER), (1, 3, theme::BAND_INNER)] {
                let pts: Vec<(f64, f64)> = mc.bands[b]
                    .iter()
                    .enumerate()
                    .take_while(|(t, _)| *t as u32 <= reveal)
                    .flat_map(|(t, q)| {
                        let (a, z) = (q[outer] * f, q[inner] * f);
                        let x = t as f64;
                        if t % 2 == 0 {
                            [(x, a), (x, z)]
                        } else {
                            [(x, z), (x, a)]
                        }
                    })
                    .collect();
                data.push((pts, color));
            }
        }
    }
    for (s, color) in ghosts {
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
    // The history's points stay on the chart too.
    if let Some(h) = input.actuals {
        for s in &h.series {
            if let Some((_, k)) = line_of(s.name()).filter(|(c, _)| *c == index) {
                for (_, v) in h.drawn(s) {
                    lo = lo.min(v * factors[k].0);
                    hi = hi.max(v * factors[k].0);
                }
            }
        }
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

    if let Some(t) = input.cursor {
        let t = f64::from(t);
        data.push((vec![(t, lo), (t, hi)], theme::CURSOR));
    }
    if let Some(current) = input.current {
        for (l, (f, ..)) in spec.lines.iter().zip(&factors) {
            data.push((points(current, l, *f, reveal), color(l.hue)));
        }
    }
    // Event lines last, over the curves, so each stays visible and numbered
    // however dense the curves are where it stands.
    for &at in &input.events {
        let x = f64::from(at);
        data.push((vec![(x, lo), (x, hi)], theme::EVENT));
    }

    // The history: a dotted line where its data end, then its points.
    let mut actual_points: Vec<(Vec<(f64, f64)>, Color)> = Vec::new();
    if let Some(h) = input.actuals {
        let mut drawn = false;
        for s in &h.series {
            let Some((_, k)) = line_of(s.name()).filter(|(c, _)| *c == index) else {
                continue;
            };
            let (f, ..) = &factors[k];
            let pts: Vec<(f64, f64)> = h
                .drawn(s)
                .map(|(p, v)| (p, v * f))
                .filter(|(x, _)| *x <= f64::from(horizon))
                .collect();
            actual_points.push((pts, color(spec.lines[k].hue)));
            drawn = true;
        }
        if drawn && input.now != Some(h.last_period()) {
            let x = f64::from(h.last_period().min(horizon));
            data.push((vec![(x, lo), (x, hi)], theme::BASELINE));
        }
    }
    // Now: where the past ends and the decisions act from.
    if let Some(at) = input.now {
        let x = f64::from(at.min(horizon));
        data.push((vec![(x, lo), (x, hi)], theme::NOW));
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
        .chain(actual_points.iter().map(|(pts, color)| {
            Dataset::default()
                .data(pts)
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(Style::new().fg(*color).bold())
        }))
        .collect();

    let period = period_word(input.period_label);
    let y_unit = match spec.scale {
        Scale::Count => trf("people/{}", &[&period]),
        Scale::Percent => tr("% of leads").into(),
        Scale::Money => format!("$/{period}"),
        Scale::Normalised => tr("% of each max").into(),
    };
    let title = Line::from(vec![
        Span::from(format!(" {} ", tr(spec.title))).bold(),
        Span::from(format!("{y_unit} ")).fg(theme::BASELINE),
    ]);
    let room = usize::from(area.width.saturating_sub(4));
    // The longest legend that fits: full names, short names with figures, bare short names.
    let forms: [Vec<&str>; 3] = [
        factors.iter().map(|f| f.1.as_str()).collect(),
        factors.iter().map(|f| f.2.as_str()).collect(),
        spec.lines.iter().map(|l| tr(l.short)).collect(),
    ];
    let width = |names: &Vec<&str>| names.iter().map(|n| n.width() + 2).sum::<usize>();
    let names = forms.iter().find(|f| width(f) <= room).unwrap_or(&forms[2]);
    let mut legend = vec![Span::from(" ")];
    for (l, name) in spec.lines.iter().zip(names) {
        legend.push(Span::styled(
            format!("━{name} "),
            Style::new().fg(color(l.hue)),
        ));
    }
    let y_labels: Vec<String> = ticks.iter().map(|&v| tick(spec.scale, v)).collect();
    let focused = input.focused == Some(index);
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
                .title(Line::from(period).fg(theme::BASELINE))
                .bounds([0.0, f64::from(horizon.max(1))])
                .labels([0, horizon / 2, horizon].map(|t| match &input.calendar {
                    Some(c) => c.label(t),
                    None => t.to_string(),
                }))
                .style(Style::new().fg(theme::BASELINE)),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(y_labels)
                .style(Style::new().fg(theme::BASELINE)),
        );
    chart.render(area, buf);
    number_events(&input.events, area, buf);
}

/// Numbers each event's vertical line at its top, so the
/// lines can be matched with the notes listed under the readout. The lines
/// are found where the chart drew them: a column in the event colour over at
/// least half the plot's height (curves drawn later may cover the rest).
fn number_events(events: &[u32], area: Rect, buf: &mut Buffer) {
    let mut periods: Vec<u32> = events.to_vec();
    periods.sort_unstable();
    periods.dedup();
    if periods.is_empty() || periods.len() > 9 || area.height < 6 {
        return;
    }
    let rows = (area.y + 1)..area.bottom().saturating_sub(3);
    let tall = rows.len();
    let mut columns: Vec<u16> = Vec::new();
    for x in (area.x + 1)..area.right().saturating_sub(1) {
        let hits = rows
            .clone()
            .filter(|&y| {
                buf.cell((x, y))
                    .is_some_and(|c| c.fg == theme::EVENT && c.symbol() != " ")
            })
            .count();
        if hits * 2 >= tall && columns.last() != Some(&(x - 1)) {
            columns.push(x);
        }
    }
    if columns.len() != periods.len() {
        return; // two events share a column, or one is off the chart: leave the lines unnumbered
    }
    for (i, x) in columns.into_iter().enumerate() {
        // The top of the line becomes its number.
        if let Some(cell) = buf.cell_mut((x, area.y + 1)) {
            cell.set_symbol(&(i + 1).to_string());
            cell.set_style(Style::new().fg(theme::EVENT).bold());
        }
    }
}
