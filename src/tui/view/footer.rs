//! The status line: the last message (errors in red), or the main keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::i18n::{tr, trc};
use crate::tui::app::App;
use crate::tui::keymap::{Screen, keys};
use unicode_width::UnicodeWidthStr;

/// The hints of the screen in view, with their keys from the keymap,
/// translated.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let screen = if app.play_state().is_some() {
        Screen::Play
    } else if app.lesson().is_some() {
        Screen::Lesson
    } else {
        Screen::Explore
    };
    screen
        .hints()
        .iter()
        .filter_map(|h| {
            let label = match h.context {
                Some(context) => trc(context, h.label),
                None => tr(h.label),
            };
            keys(screen.scopes(), h).map(|k| (k, label))
        })
        .collect()
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let hints = hints(app);
    let line = match app.status() {
        Some(s) if s.error => Line::from(format!(" ✗ {}", s.text())).fg(theme::BAD).bold(),
        Some(s) => Line::from(format!(" ✓ {}", s.text())).fg(theme::GOOD),
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
