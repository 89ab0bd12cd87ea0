//! The status line: the last message (errors in red), or the main keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::tui::app::App;

const HINTS: &[(&str, &str)] = &[
    ("?", "help"),
    ("↑↓", "select"),
    ("←→", "adjust"),
    ("Enter", "type"),
    ("u", "undo"),
    ("b", "pin baseline"),
    ("Space", "play"),
    ("[ ]", "cursor"),
    ("o", "open"),
    ("s", "save"),
    ("e", "export"),
    ("f", "flywheel"),
    ("q", "quit"),
];

const PLAY_HINTS: &[(&str, &str)] = &[
    ("?", "help"),
    ("↑↓", "select"),
    ("←→", "set"),
    ("Enter", "type"),
    ("a", "advance a turn"),
    ("r", "undo change"),
    ("f", "flywheel"),
    ("s", "save session"),
    ("q", "quit"),
];

const LESSON_HINTS: &[(&str, &str)] = &[
    ("?", "help"),
    ("n p", "next/previous step"),
    ("↑↓", "select"),
    ("←→", "adjust"),
    ("1-9", "answer"),
    ("f", "flywheel"),
    ("u", "undo"),
    ("R", "reset"),
    ("S", "save session"),
    ("q", "quit"),
];

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let hints = if app.play_state().is_some() {
        PLAY_HINTS
    } else if app.lesson().is_some() {
        LESSON_HINTS
    } else {
        HINTS
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
                used += key.chars().count() + what.chars().count() + 3;
                if used > usize::from(area.width) {
                    break;
                }
                spans.push(Span::styled(
                    format!(" {key}"),
                    Style::new().fg(theme::ACCENT).bold(),
                ));
                let what = crate::i18n::tr(what);
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
