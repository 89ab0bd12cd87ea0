//! The best steady policy overlay: a progress line while the search runs,
//! then each searched slider's current and suggested value, the profit now
//! and with the suggestion, and how to apply it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::overlay::{centered, clear, popup};
use super::theme;
use crate::format::{fit, money};
use crate::model::{ParamSpec, fmt_num};
use crate::tui::app::{App, PolicySearch};

/// The overlay's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title() -> &'static str {
        tr("Best steady policy")
    }
    pub fn intro() -> &'static str {
        tr(
            "the most total profit with cash never below zero, each slider held steady within its drawn range",
        )
    }
    pub fn searching(share: u32) -> String {
        trf("searching… {}%", &[&share])
    }
    pub fn now() -> &'static str {
        tr("now")
    }
    pub fn suggested() -> &'static str {
        tr("suggested")
    }
    pub fn profit(now: &str, best: &str) -> String {
        trf(
            "total profit: {} now, {} with the suggestion",
            &[&now, &best],
        )
    }
    pub fn bound() -> &'static str {
        tr("at the end of its range")
    }
    pub fn keys() -> &'static str {
        tr("Enter applies it (u undoes) · Esc closes")
    }
    pub fn none(why: &str) -> String {
        trf("no suggestion: {}", &[&why])
    }
}

pub(super) fn render(app: &App, p: &PolicySearch, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 84, (p.keys.len() as u16 + 9).min(area.height));
    clear(r, buf);
    let mut lines = vec![
        Line::from(text::intro()).fg(theme::BASELINE),
        Line::from(""),
    ];
    match &p.result {
        None => {
            let share = (p.progress * 100.0).round() as u32;
            lines.push(Line::from(text::searching(share)).fg(theme::ACCENT));
        }
        Some(Err(why)) => lines.push(Line::from(text::none(why)).fg(theme::BAD)),
        Some(Ok(o)) => {
            lines.push(
                Line::from(format!(
                    "{} {} {}",
                    fit("", 28),
                    fit(text::now(), 12),
                    fit(text::suggested(), 12)
                ))
                .bold(),
            );
            for c in &o.decisions {
                let now = app.params()[c.id];
                let changed = now != c.value;
                let mut spans = vec![
                    Span::from(format!("{} ", fit(ParamSpec::of(c.id).key, 28))),
                    Span::from(format!("{} ", fit(&fmt_num(now), 12))).fg(theme::BASELINE),
                    if changed {
                        Span::from(fit(&fmt_num(c.value), 12))
                            .bold()
                            .fg(theme::ACCENT)
                    } else {
                        Span::from(fit(&fmt_num(c.value), 12))
                    },
                ];
                if c.on_bound.is_some() {
                    spans.push(Span::from(format!(" {}", text::bound())).fg(theme::BASELINE));
                }
                lines.push(Line::from(spans));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(text::profit(
                &money(app.summary().total_profit),
                &money(o.objective),
            )));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            popup(text::title())
                .title_bottom(Line::from(format!(" {} ", text::keys())).fg(theme::BASELINE)),
        )
        .render(r, buf);
}
