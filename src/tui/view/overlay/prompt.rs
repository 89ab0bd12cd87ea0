//! The pop-ups that ask: a line to type (a value, a file name) and the
//! lesson's prediction chooser.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, clear, popup, text, theme};
use crate::tui::app::App;

pub(super) fn prompt(
    question: &str,
    buffer: &str,
    info: Option<&str>,
    error: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    let r = centered(area, 70, 5);
    clear(r, buf);
    let mut text = vec![Line::from(vec![
        Span::from(format!("{question} ")).bold(),
        Span::from(buffer.to_string()),
        Span::from("█").fg(theme::ACCENT),
    ])];
    if let Some(e) = error {
        text.push(Line::from(e.to_string()).fg(theme::BAD));
    } else if let Some(i) = info {
        text.push(Line::from(i.to_string()).fg(theme::BASELINE));
    }
    Paragraph::new(wrap_all(text, usize::from(r.width.saturating_sub(2))))
        .block(popup(question.trim_end_matches(" =")))
        .render(r, buf);
}

/// The prediction chooser: the question, the choices, the highlighted one.
pub(super) fn predict(app: &App, choice: usize, area: Rect, buf: &mut Buffer) {
    let Some(p) = app.lesson_step().and_then(|s| s.predict.as_ref()) else {
        return;
    };
    let question = p.question.current();
    let mut lines = vec![Line::from(question.to_string()).bold(), Line::from("")];
    for (i, c) in p.choices.current().iter().enumerate() {
        let line = Line::from(format!(" {} {c} ", i + 1));
        lines.push(if i == choice {
            line.style(Style::new().reversed().bold())
        } else {
            line
        });
    }
    let h = lines.len() as u16 + 4;
    let r = centered(area, 70, h);
    clear(r, buf);
    Paragraph::new(wrap_all(lines, usize::from(r.width.saturating_sub(2))))
        .block(popup(&text::predict_title()))
        .render(r, buf);
}
