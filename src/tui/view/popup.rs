//! The frame of every pop-up: centred, cleared (wide characters at its
//! left edge included) and bordered in the accent colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme;

/// A rectangle of at most `w` x `h`, centred in `area`.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears a pop-up's area. A wide (Chinese) character just left of it would
/// spill into its first column and hide the border: it goes too.
pub(super) fn clear(r: Rect, buf: &mut Buffer) {
    Clear.render(r, buf);
    if r.x == 0 {
        return;
    }
    for y in r.top()..r.bottom() {
        if let Some(cell) = buf.cell_mut((r.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

pub(super) fn popup(title: &str) -> Block<'static> {
    Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(format!(" {title} ")).bold())
}
