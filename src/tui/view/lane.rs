//! The feedback lane: what the front line heard travelling to product. The
//! lane is as long as the latency in force at the cursor (one cell per
//! period, or several periods per cell when it is long); each cell shades
//! the feedback sent that many periods ago that is still in transit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::format::{number, period_at, period_word};
use crate::model::Series;
use crate::tui::app::App;
use unicode_width::UnicodeWidthStr;

/// The lane's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title() -> &'static str {
        tr(" Feedback lane ")
    }
    pub fn latency(n: usize, period: &str) -> String {
        trf("latency {} {}s ", &[&n, &period])
    }
    pub fn totals(at: &str, sent: &str, arrived: &str) -> String {
        trf(" at {}: sent {} · arrived {} ", &[&at, &sent, &arrived])
    }
    pub fn in_flight(n: &str) -> String {
        trf("  in flight {}", &[&n])
    }
    pub fn sales() -> &'static str {
        tr("sales ▶")
    }
    pub fn product() -> &'static str {
        tr(" ▶ product")
    }
    pub fn instant() -> &'static str {
        tr(" instant ")
    }
}

/// In-transit feedback at the end of period `t` by periods elapsed since it
/// was sent (what it is still worth: sent less what went stale), grouped
/// into `cells` cells of `per_cell` periods; what was in transit at the
/// start and has not arrived yet sits in the oldest cell.
fn in_transit(
    series: &Series,
    t: usize,
    latency: usize,
    cells: usize,
    per_cell: usize,
) -> Vec<f64> {
    let mut out = vec![0.0; cells];
    for elapsed in 0..latency.min(t + 1) {
        let r = &series.rows[t - elapsed];
        if r.period as usize + r.latency.round() as usize > t {
            let cell = (elapsed / per_cell).min(cells - 1);
            out[cell] += r.feedback_sent - r.feedback_stale;
        }
    }
    let start = series.valuation.feedback_in_transit_at_start;
    if latency > t + 1 && start > 0.0 {
        out[cells - 1] += start * (latency - t - 1) as f64 / latency as f64;
    }
    out
}

fn shade(v: f64, max: f64) -> &'static str {
    if v <= 0.0 || max <= 0.0 {
        return "·";
    }
    match v / max {
        x if x > 0.75 => "█",
        x if x > 0.5 => "▓",
        x if x > 0.25 => "▒",
        _ => "░",
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.cursor() as usize;
    let period = &app.scenario.period_label;
    // While a prediction hides the run, the lane shows the baseline's.
    let series = if app.curves_hidden() {
        &app.baseline
    } else {
        &app.series
    };
    let Some(row) = series.rows.get(t) else {
        return;
    };
    let latency = row.latency as usize;
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::BORDER))
        .title(Line::from(vec![
            Span::from(text::title()).bold(),
            Span::from(text::latency(latency, &period_word(period))).fg(theme::BASELINE),
        ]))
        .title_bottom(
            Line::from(text::totals(
                &period_at(period, t),
                &number(row.feedback_sent),
                &number(row.feedback_arrived),
            ))
            .fg(theme::BASELINE)
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);

    let stats = text::in_flight(&number(row.feedback_in_flight));
    // In a narrow lane the arrow alone says where the feedback goes.
    let full = text::sales().width() + text::product().width() + stats.width();
    let product = if usize::from(inner.width) < full + 8 {
        " ▶"
    } else {
        text::product()
    };
    let fixed = text::sales().width() + product.width() + stats.width();
    let room = usize::from(inner.width).saturating_sub(fixed);
    let mut spans = vec![Span::from(text::sales()).fg(theme::ACCENT)];
    if latency == 0 {
        spans.push(Span::from(text::instant()).fg(theme::BASELINE));
    } else {
        let (cells, per_cell) = lane_cells(latency, room);
        let max = series
            .rows
            .iter()
            .map(|r| r.feedback_sent)
            .fold(0.0, f64::max)
            * per_cell as f64;
        // Two columns a period while it fits, so a longer latency is a longer lane.
        let wide = if latency * 2 <= room { 2 } else { 1 };
        for v in in_transit(series, t, latency, cells, per_cell) {
            spans.push(Span::from(shade(v, max).repeat(wide)).fg(theme::GOOD));
        }
        if per_cell > 1 {
            spans.push(Span::from(scale_mark(per_cell)).fg(theme::BASELINE));
        }
    }
    spans.push(Span::from(product).fg(theme::ACCENT));
    // The figure in flight is never cut: it is drawn last, against the right edge.
    let [lane, figure] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(stats.width() as u16),
    ])
    .areas(inner);
    Paragraph::new(Line::from(spans)).render(lane, buf);
    Paragraph::new(Line::from(Span::from(stats).bold())).render(figure, buf);
}

fn scale_mark(per_cell: usize) -> String {
    format!("(×{per_cell})")
}

/// How many cells the lane draws, and how many periods each holds, so that
/// the cells and the `(×n)` mark fit in `room` columns (at least 4 cells).
fn lane_cells(latency: usize, room: usize) -> (usize, usize) {
    let mut per_cell = latency.div_ceil(room.max(4));
    loop {
        let cells = latency.div_ceil(per_cell);
        let mark = if per_cell > 1 {
            scale_mark(per_cell).width()
        } else {
            0
        };
        if cells + mark <= room || cells <= 4 {
            return (cells, per_cell);
        }
        per_cell += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, ParamId, simulate};

    #[test]
    fn the_lane_and_its_scale_fit_their_room() {
        for latency in [1, 4, 13, 26, 52, 200, 1000] {
            for room in [4, 10, 14, 31, 60] {
                let (cells, per) = lane_cells(latency, room);
                assert!(cells * per >= latency, "{latency} in {room}");
                let mark = if per > 1 { scale_mark(per).width() } else { 0 };
                assert!(cells + mark <= room || cells <= 4, "{latency} in {room}");
            }
        }
    }

    #[test]
    fn transit_adds_up_to_in_flight() {
        let mut cfg = Config::default();
        cfg.params[ParamId::Latency] = 6.0;
        let s = simulate(&cfg);
        for t in [0, 3, 50, 200] {
            let lane: f64 = in_transit(&s, t, 6, 3, 2).iter().sum();
            let want = s.rows[t].feedback_in_flight;
            assert!(
                (lane - want).abs() <= 1e-6 * want.max(1.0),
                "t={t}: {lane} vs {want}"
            );
        }
    }
}
