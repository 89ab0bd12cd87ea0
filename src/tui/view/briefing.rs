//! The briefing on the play screen: before the first turn it takes the
//! charts' place (they would be empty axes), and `?` shows it above the
//! keys. The words are [`crate::play::briefing`]'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use super::wrap::wrap;
use crate::i18n::tr;
use crate::play::briefing::Briefing;

/// The panel's title.
fn title() -> &'static str {
    tr(" Briefing ")
}

/// The briefing as lines wrapped to `width`: the story, the goal and the
/// rules (bold), how the score is taken, the turns, autopilot, and a line
/// per decision with its range in words.
pub(super) fn lines(b: &Briefing, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let para = |line: Line<'static>, out: &mut Vec<Line<'static>>| {
        out.extend(wrap(&line, width));
    };
    // A seat reads what it decides first.
    if let Some(seat) = &b.seat {
        para(Line::from(seat.clone()).bold().fg(theme::CHANGED), &mut out);
        out.push(Line::default());
    }
    if !b.story.trim().is_empty() {
        para(Line::from(b.story.clone()), &mut out);
        out.push(Line::default());
    }
    para(
        Line::from(b.goal.clone()).bold().fg(theme::ACCENT),
        &mut out,
    );
    for r in &b.rules {
        para(Line::from(r.clone()).bold(), &mut out);
    }
    para(Line::from(b.score.clone()), &mut out);
    out.push(Line::default());
    para(Line::from(b.turns.clone()), &mut out);
    para(
        Line::from(b.autopilot.clone()).fg(theme::BASELINE),
        &mut out,
    );
    if !b.levers.is_empty() {
        out.push(Line::default());
        out.push(Line::from(tr("Your decisions")).bold().fg(theme::ACCENT));
        for l in &b.levers {
            para(
                Line::from(vec![
                    Span::from("• "),
                    Span::from(l.label.clone()).bold(),
                    Span::styled(format!(" ({})", l.range), Style::new().fg(theme::CHANGED)),
                    Span::from(format!(": {}", l.help)),
                ]),
                &mut out,
            );
        }
    }
    out
}

/// The briefing in a bordered panel (before the first turn).
pub(super) fn render(b: &Briefing, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(title()).bold());
    let inner = block.inner(area);
    block.render(area, buf);
    let body = lines(b, usize::from(inner.width.saturating_sub(1)).max(1));
    Paragraph::new(body).render(
        Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(1),
            ..inner
        },
        buf,
    );
}
