//! The class debrief on the board, for the projector: the whole terminal,
//! laid out for its width (`report::debrief::lines`), scrolled with the
//! arrows and the page keys. It shows every team's projected result, so it
//! opens only once the trainer has revealed the results or the game ended.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};

use crate::play::debrief::Debrief;

/// The debrief as the board shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DebriefView {
    /// The debrief, or why there is none (not revealed yet, a session that
    /// does not load).
    pub debrief: Result<Debrief, String>,
    /// The first line shown.
    pub scroll: usize,
}

impl DebriefView {
    /// The class's debrief now; `revealed` false keeps the projections hidden.
    pub fn new(class: &crate::serve::Class, revealed: bool) -> Self {
        let debrief = if revealed {
            class.debrief().map_err(|e| e.to_string())
        } else {
            Err(crate::i18n::tr("The debrief shows every team's projected result: reveal the results first (r), or end the game (e).").to_string())
        };
        DebriefView { debrief, scroll: 0 }
    }

    /// The lines at a width.
    pub fn lines(&self, width: usize) -> Vec<String> {
        match &self.debrief {
            Ok(d) => crate::report::debrief::lines(d, width),
            Err(e) => vec![e.clone()],
        }
    }

    /// Handles a key; true when the debrief closes.
    pub fn key(&mut self, code: KeyCode, page: usize) -> bool {
        let page = page.max(1);
        match code {
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll += page,
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => self.scroll = usize::MAX / 2,
            _ => return true,
        }
        false
    }

    /// Draws it over the whole board.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let inner_w = usize::from(area.width.saturating_sub(4));
        let lines = self.lines(inner_w);
        let room = usize::from(area.height.saturating_sub(2));
        let scroll = self.scroll.min(lines.len().saturating_sub(room));
        let title = if lines.len() > room {
            crate::i18n::trf(
                " class debrief: lines {}-{} of {} (↑↓ PgUp PgDn scroll, Esc closes) ",
                &[
                    &(scroll + 1),
                    &(scroll + room).min(lines.len()),
                    &lines.len(),
                ],
            )
        } else {
            crate::i18n::tr(" class debrief (Esc closes) ").to_string()
        };
        let text: Vec<Line> = lines
            .iter()
            .enumerate()
            .skip(scroll)
            .take(room)
            .map(|(i, l)| {
                // The heading row of the table stands out.
                if l.starts_with("  #") || (i == 0 && self.debrief.is_ok()) {
                    Line::from(l.clone()).bold()
                } else {
                    Line::from(l.clone())
                }
            })
            .collect();
        Paragraph::new(text)
            .block(
                Block::bordered()
                    .border_style(Style::new().fg(Color::Cyan))
                    .padding(Padding::horizontal(1))
                    .title(Line::from(title).bold()),
            )
            .render(area, buf);
    }
}
