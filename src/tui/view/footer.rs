//! The status line: the last message (errors in red), or the main keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::tui::app::App;
use unicode_width::UnicodeWidthStr;

/// The hints, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trc};

    pub fn hints() -> [(&'static str, &'static str); 13] {
        [
            ("?", tr("help")),
            ("↑↓", tr("select")),
            ("←→", tr("adjust")),
            ("Enter", tr("type")),
            ("u", tr("undo")),
            ("b", tr("pin baseline")),
            ("Space", trc("animation", "play")),
            ("[ ]", tr("cursor")),
            ("o", tr("open")),
            ("s", tr("save")),
            ("e", tr("export")),
            ("f", tr("flywheel")),
            ("q", tr("quit")),
        ]
    }

    pub fn play_hints() -> [(&'static str, &'static str); 9] {
        [
            ("?", tr("help")),
            ("↑↓", tr("select")),
            ("←→", tr("set")),
            ("Enter", tr("type")),
            ("a", tr("advance a turn")),
            ("r", tr("undo change")),
            ("f", tr("flywheel")),
            ("s", tr("save session")),
            ("q", tr("quit")),
        ]
    }

    pub fn lesson_hints() -> [(&'static str, &'static str); 10] {
        [
            ("?", tr("help")),
            ("n p", tr("next/previous step")),
            ("↑↓", tr("select")),
            ("←→", tr("adjust")),
            ("1-9", tr("answer")),
            ("f", tr("flywheel")),
            ("u", tr("undo")),
            ("R", tr("reset")),
            ("S", tr("save session")),
            ("q", tr("quit")),
        ]
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let hints: Vec<(&str, &str)> = if app.play_state().is_some() {
        text::play_hints().to_vec()
    } else if app.lesson().is_some() {
        text::lesson_hints().to_vec()
    } else {
        text::hints().to_vec()
    };
    let line = match app.status() {
        Some(s) if s.error => Line::from(format!(" ✗ {}", s.text)).fg(theme::BAD).bold(),
        Some(s) => Line::from(format!(" ✓ {}", s.text)).fg(theme::GOOD),
        // A broken file on disk stays in view until it is fixed.
        None if app.reload_error().is_some() => {
            Line::from(format!(" ⚠ {}", app.reload_error().unwrap_or_default()))
                .fg(theme::BAD)
                .bold()
        }
        None => {
            let mut spans = Vec::with_capacity(hints.len() * 2);
            let mut used = 0;
            for (key, what) in hints {
                used += key.width() + what.width() + 3;
                if used > usize::from(area.width) {
                    break;
                }
                spans.push(Span::styled(
                    format!(" {key}"),
                    Style::new().fg(theme::ACCENT).bold(),
                ));
                spans.push(Span::styled(
                    format!(" {what} "),
                    Style::new().fg(theme::BASELINE),
                ));
            }
            Line::from(spans)
        }
    };
    Paragraph::new(line).render(area, buf);
}
