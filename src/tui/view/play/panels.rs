//! The play screen's left-hand panels that change each turn: the decisions
//! (with pending changes, their cost, and in two seats what waits for
//! whom) and the news (with the seats' messages and the team's decisions).

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::super::params::{short_unit, short_value, slider};
use super::super::theme;
use super::text;
use crate::format::{fit, money, period_at};
use crate::i18n::tr;
use crate::model::ParamSpec;
use crate::play::seats::Role;
use crate::tui::app::{App, PlayState};

pub(super) fn render_decisions(app: &App, p: &PlayState, area: Rect, buf: &mut Buffer) {
    let g = &p.game;
    let period = &app.scenario().period_label;
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(text::decisions()).bold());
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, &id) in p.decisions().iter().enumerate() {
        let spec = ParamSpec::of(id);
        let selected = i == p.selected;
        let value = g.value(id);
        let pending = g.pending.iter().any(|(q, _)| *q == id);
        // The value in force now: a pending one replaces it next turn.
        let committed_text = short_value(spec, g.committed(id));
        let value_text = if pending {
            format!("{committed_text} → {}", short_value(spec, value))
        } else {
            committed_text
        };
        let marker = if selected { "▶" } else { " " };
        let name_w = w.saturating_sub(value_text.width() + 10);
        let mut first = vec![
            Span::from(marker).fg(theme::ACCENT),
            Span::styled(
                if pending { "*" } else { " " },
                Style::new().fg(theme::CHANGED),
            ),
            Span::styled(
                fit(tr(spec.label), name_w),
                if selected {
                    Style::new().bold()
                } else {
                    Style::new()
                },
            ),
            Span::from(" "),
            Span::styled(
                value_text,
                if pending {
                    Style::new().fg(theme::CHANGED).bold()
                } else {
                    Style::new().bold()
                },
            ),
        ];
        first.push(Span::from(format!(" {}", short_unit(spec.unit, period))).fg(theme::BASELINE));
        let mut second = vec![Span::from("  ")];
        let drawn = crate::scenario::period::spec_in(&g.scenario.period_label, spec.id);
        second.extend(slider(drawn, value, value, 10));
        let cost = g
            .scenario
            .play
            .costs
            .iter()
            .find(|(q, _)| *q == id)
            .map(|(_, per)| text::cost(&money(*per)))
            .unwrap_or_default();
        let words = crate::play::briefing::range_words(&g.scenario, id);
        second.push(Span::from(format!(" {words}{cost}")).fg(theme::BASELINE));
        let bg = Style::new().bg(ratatui::style::Color::Indexed(236));
        let (a, b) = (Line::from(first), Line::from(second));
        if selected {
            lines.push(a.style(bg));
            lines.push(b.style(bg));
        } else {
            lines.push(a);
            lines.push(b);
        }
    }
    let pending = if g.pending.is_empty() {
        Line::from(text::pending_none()).fg(theme::BASELINE)
    } else {
        Line::from(text::pending(g.pending.len(), &money(g.pending_cost())))
            .fg(theme::CHANGED)
            .bold()
    };
    lines.push(pending);
    lines.extend(seat_lines(p));
    Paragraph::new(lines).render(inner, buf);
}

/// In two seats: what waits for whom (proposals, who is ready).
pub(super) fn seat_lines(p: &PlayState) -> Vec<Line<'static>> {
    let Some(me) = p.seat() else {
        return Vec::new();
    };
    let g = &p.game;
    let mut out = Vec::new();
    for (id, by) in p.seats.waiting() {
        let spec = ParamSpec::of(id);
        let what = format!("{} → {}", tr(spec.label), short_value(spec, g.value(id)));
        let line = if by == me {
            text::you_propose(&what, me.other().label())
        } else {
            text::proposes(by.label(), &what)
        };
        out.push(Line::from(line).fg(theme::CHANGED).bold());
    }
    if p.seats.ready.contains(&me) {
        out.push(Line::from(text::ready(me.other().label())).fg(theme::ACCENT));
    }
    out
}

pub(super) fn render_news(app: &App, p: &PlayState, area: Rect, buf: &mut Buffer) {
    let latest = p.news.last().map(|(at, _)| *at);
    let label = &app.scenario().period_label;
    let mut lines: Vec<Line> = p
        .news
        .iter()
        .rev()
        .map(|(at, n)| {
            if Some(*at) == latest {
                Line::from(format!("• {n}")).bold().fg(theme::EVENT)
            } else {
                Line::from(format!("• {n}")).fg(theme::BASELINE)
            }
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(text::no_news()).italic().fg(theme::BASELINE));
    }
    // In two seats, the messages: product reads those arrived, sales
    // those sent and when each arrives.
    let at = |t: u32| period_at(label, t);
    let messages: Vec<Line> = match p.seat() {
        Some(Role::Product) => p
            .seats
            .arrived(p.game.period)
            .map(|m| Line::from(text::from_sales(&at(m.sent), &m.text)).fg(theme::CHANGED))
            .collect(),
        Some(Role::Sales) => p
            .seats
            .messages
            .iter()
            .rev()
            .map(|m| Line::from(text::to_product(&at(m.sent), &at(m.arrives), &m.text)))
            .collect(),
        None => Vec::new(),
    };
    if !messages.is_empty() {
        let mut head = vec![Line::from(text::messages()).bold().fg(theme::ACCENT)];
        head.extend(messages);
        head.extend(lines);
        lines = head;
    }
    if !p.game.decisions.is_empty() {
        lines.push(Line::from(text::your_decisions()).bold().fg(theme::ACCENT));
        for d in p.game.decisions.iter().rev() {
            lines.push(Line::from(format!(
                "{}{} {} → {}",
                crate::i18n::trf("{}: ", &[&period_at(label, d.period)]),
                {
                    let spec = ParamSpec::of(d.key);
                    crate::i18n::tr(spec.label)
                },
                crate::model::fmt_num(d.old),
                crate::model::fmt_num(d.new)
            )));
        }
    }
    Paragraph::new(wrap_all(lines, usize::from(area.width.saturating_sub(2))))
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(Line::from(text::news()).bold()),
        )
        .render(area, buf);
}
