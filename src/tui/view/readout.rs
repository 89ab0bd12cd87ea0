//! The time cursor readout: every series at the cursor's period, and the
//! scenario's events with the ones already passed highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme;
use crate::tui::app::App;
use crate::tui::format::{money, pct, si};

/// What the readout says while a prediction hides the run.
const HIDDEN: &str = "predict first: the readout shows your run once you answer";

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.cursor();
    let period = &app.scenario.period_label;
    let row = app.series.rows.get(t as usize).copied().unwrap_or_default();
    let items: [(&str, String); 14] = [
        ("customers", si(row.customers)),
        ("new", si(row.new_customers)),
        ("leads org", si(row.leads_organic)),
        ("leads sales", si(row.leads_sales)),
        ("conv", pct(row.conversion)),
        ("self", pct(row.conv_self)),
        ("win", pct(row.win)),
        ("revenue", money(row.revenue)),
        ("profit", money(row.profit)),
        ("cash", money(row.cash)),
        ("strength", format!("{:.3}", row.strength)),
        ("reps", si(row.reps)),
        ("insight", si(row.insight)),
        ("churned", si(row.churned)),
    ];
    let mut spans = Vec::with_capacity(items.len() * 3);
    for (i, (label, value)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::from("  "));
        }
        spans.push(Span::from(format!("{label} ")).fg(theme::ACCENT));
        spans.push(Span::from(value.clone()).bold());
    }
    let lines = if app.curves_hidden() {
        vec![
            Line::from(crate::i18n::tr(HIDDEN))
                .italic()
                .fg(theme::BASELINE),
        ]
    } else {
        vec![Line::from(spans)]
    };
    let mut events: Vec<_> = app.config.events.iter().collect();
    events.sort_by_key(|e| e.at);
    let mut ev = Vec::new();
    if !events.is_empty() {
        ev.push(Span::from(" events ").fg(theme::EVENT));
        for e in events {
            let style = if e.at <= t {
                Style::new().fg(theme::EVENT).bold()
            } else {
                Style::new().fg(theme::BASELINE)
            };
            let note = if e.note.is_empty() { "event" } else { &e.note };
            ev.push(Span::styled(format!("│{} {} ", e.at, note), style));
        }
    }
    let title = Line::from(vec![
        Span::from(format!(" {period} {t} "))
            .bold()
            .fg(theme::CURSOR),
        Span::from("([ ] Home End) ").fg(theme::BASELINE),
    ]);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(title)
                .title_bottom(Line::from(ev)),
        )
        .render(area, buf);
}
