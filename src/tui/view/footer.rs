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
    ("q", "quit"),
];

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
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
            let mut spans = Vec::with_capacity(HINTS.len() * 2);
            let mut used = 0;
            for (key, what) in HINTS {
                used += key.chars().count() + what.chars().count() + 3;
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
