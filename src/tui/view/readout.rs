//! The time cursor readout: every series at the cursor's period, and the
//! scenario's events with the ones already passed highlighted.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::format::{money, number, people, share};
use crate::tui::app::App;
use unicode_width::UnicodeWidthStr;

/// The readout's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::tr;

    /// What the readout says while a prediction hides the run.
    pub fn hidden() -> &'static str {
        tr("predict first: the readout shows your run once you answer")
    }
    pub fn events() -> &'static str {
        tr(" events ")
    }
    pub fn event() -> &'static str {
        tr("event")
    }
    /// The figures' names, in the order of the readout.
    pub fn labels() -> [&'static str; 14] {
        [
            tr("customers"),
            tr("new"),
            tr("leads org"),
            tr("leads sales"),
            tr("conv"),
            tr("self"),
            tr("win"),
            tr("revenue"),
            tr("profit"),
            tr("cash"),
            tr("strength"),
            tr("reps"),
            tr("insight"),
            tr("churned"),
        ]
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.cursor();
    let row = app.series.rows.get(t as usize).copied().unwrap_or_default();
    let values: [String; 14] = [
        people(row.customers),
        people(row.new_customers),
        people(row.leads_organic),
        people(row.leads_sales),
        share(row.conversion),
        share(row.conv_self),
        share(row.win),
        money(row.revenue),
        money(row.profit),
        money(row.cash),
        format!("{:.3}", row.strength),
        people(row.reps),
        number(row.insight),
        people(row.churned),
    ];
    let items: Vec<(&str, String)> = text::labels().into_iter().zip(values).collect();
    // Each figure stays beside its name: the figures are packed into lines
    // by display width, so a wide (Chinese) name never wraps apart from its value.
    let room = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for (label, value) in &items {
        let w = label.width() + 1 + value.width();
        if used > 0 && used + 2 + w > room {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::from("  "));
            used += 2;
        }
        spans.push(Span::from(format!("{label} ")).fg(theme::ACCENT));
        spans.push(Span::from(value.clone()).bold());
        used += w;
    }
    lines.push(Line::from(spans));
    if app.curves_hidden() {
        lines = vec![Line::from(text::hidden()).italic().fg(theme::BASELINE)];
    }
    let mut events: Vec<_> = app.config.events.iter().collect();
    events.sort_by_key(|e| e.at);
    let mut ev = Vec::new();
    if !events.is_empty() {
        ev.push(Span::from(text::events()).fg(theme::EVENT));
        // Numbered as on the charts' top borders (one number per period).
        let mut periods: Vec<u32> = events.iter().map(|e| e.at).collect();
        periods.dedup();
        for e in events {
            let n = periods.iter().position(|p| *p == e.at).map_or(0, |i| i + 1);
            let style = if e.at <= t {
                Style::new().fg(theme::EVENT).bold()
            } else {
                Style::new().fg(theme::BASELINE)
            };
            let note = if e.note.is_empty() {
                text::event()
            } else {
                app.scenario.note(e)
            };
            ev.push(Span::styled(format!("│{n}: {} {} ", e.at, note), style));
        }
    }
    let title = Line::from(vec![
        Span::from(format!(" {} ", app.scenario.period_at(t)))
            .bold()
            .fg(theme::CURSOR),
        Span::from("([ ] Home End) ").fg(theme::BASELINE),
    ]);
    Paragraph::new(wrap_all(lines, usize::from(area.width.saturating_sub(2))))
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(title)
                .title_bottom(Line::from(ev)),
        )
        .render(area, buf);
}
