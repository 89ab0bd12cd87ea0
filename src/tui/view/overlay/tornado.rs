//! The tornado's pop-up: which lever matters most now, each moved down
//! and up, as bars around total revenue.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, clear, popup, text, theme};
use crate::format::{fit, money};
use crate::i18n::tr;
use crate::model::fmt_num;

pub(super) fn tornado_view(
    t: &crate::analysis::sensitivity::Tornado,
    area: Rect,
    buf: &mut Buffer,
) {
    let r = centered(area, 96, area.height.saturating_sub(2));
    clear(r, buf);
    let rows = usize::from(r.height.saturating_sub(5));
    let half = usize::from(r.width.saturating_sub(70) / 2).clamp(6, 20);
    let mut lines = vec![
        Line::from(text::tornado_intro(&money(t.base))),
        Line::from(vec![
            Span::from(text::moved_down()).fg(theme::BAD),
            Span::from(text::moved_up()).fg(theme::GOOD),
        ]),
    ];
    for (e, bar) in crate::analysis::sensitivity::tornado_lines(t, rows, half) {
        let range = if e.not_moved() {
            text::not_moved(&fmt_num(e.base_value))
        } else {
            format!("{} → {}", money(e.low), money(e.high))
        };
        let spec = e.spec;
        let (left, right) = bar.split_once('│').unwrap_or((&bar, ""));
        lines.push(Line::from(vec![
            Span::from(format!("{} ", fit(tr(spec.label), 22))),
            Span::from(left.to_string()).fg(theme::ACCENT),
            Span::from("│"),
            Span::from(right.to_string()).fg(theme::ACCENT),
            Span::from(format!(" {range}")).fg(theme::BASELINE),
        ]));
    }
    Paragraph::new(lines)
        .block(popup(&text::tornado_title()))
        .render(r, buf);
}
