//! The scenario picker's pop-up: presets and files found, each with its
//! origin and description, and the highlighted one in detail below.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{centered, clear, popup, text, theme};
use crate::format::fit;
use crate::i18n::tr;
use crate::tui::app::PickerEntry;

/// `preset`, or the file's name (the detail shows the whole path).
fn origin(e: &PickerEntry) -> &str {
    if e.origin == "preset" {
        return tr("preset");
    }
    std::path::Path::new(&e.origin)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&e.origin)
}

pub(super) fn picker(entries: &[PickerEntry], selected: usize, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 100, entries.len() as u16 + 10);
    clear(r, buf);
    let block = popup(&text::picker());
    let inner = block.inner(r);
    block.render(r, buf);
    let detail_h = 7.min(inner.height / 2);
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    let name_w = 22;
    let height = usize::from(list.height);
    let first = selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, e)| {
            let (desc, style) = match &e.scenario {
                Ok(_) if e.session.is_some() => {
                    let n = e.session.as_ref().map_or(0, |x| x.decisions.len());
                    (text::session(n), Style::new().fg(theme::ACCENT))
                }
                Ok(s) => {
                    let d = s.description.current();
                    (d.lines().next().unwrap_or("").to_string(), Style::new())
                }
                Err(err) => (text::invalid(err), Style::new().fg(theme::BAD)),
            };
            let marker = if i == selected { "▶ " } else { "  " };
            let line = Line::from(vec![
                Span::from(marker).fg(theme::ACCENT),
                Span::from(fit(&e.name, name_w)).bold(),
                Span::from(" "),
                Span::from(fit(origin(e), 16)).fg(theme::BASELINE),
                Span::from(" "),
                Span::styled(desc, style),
            ]);
            if i == selected {
                line.style(Style::new().bg(ratatui::style::Color::Indexed(236)))
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
    if let Some(e) = entries.get(selected) {
        let text: Vec<Line> = match &e.scenario {
            Ok(s) => {
                let from = if e.origin == "preset" {
                    tr("preset")
                } else {
                    &e.origin
                };
                let mut t = vec![Line::from(format!("{} — {from}", s.name)).bold()];
                // The description and the lesson's summary, in the interface's language.
                for d in [s.description.current(), s.lesson.summary.current()] {
                    if !d.trim().is_empty() {
                        t.push(Line::from(d.trim().replace('\n', " ")));
                    }
                }
                t
            }
            Err(err) => vec![Line::from(err.clone()).fg(theme::BAD)],
        };
        Paragraph::new(wrap_all(text, usize::from(detail.width)))
            .block(
                Block::new()
                    .borders(ratatui::widgets::Borders::TOP)
                    .border_style(Style::new().fg(theme::BORDER)),
            )
            .render(detail, buf);
    }
}
