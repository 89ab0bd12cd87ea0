//! The help pop-up, generated from the keymap (and the mouse table): the
//! scopes live on this screen, in one or two columns, scrolled when long.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, clear, popup, text, theme};
use crate::format::fit;
use crate::i18n::tr;
use crate::tui::app::{App, PlayState};
use crate::tui::keymap::{Scope, bindings};

/// The scopes help lists on this screen.
pub(super) fn help_scopes(app: &App) -> Vec<Scope> {
    if app.play_state().is_some() {
        vec![
            Scope::Play,
            Scope::Global,
            Scope::Text,
            Scope::Confirm,
            Scope::Leave,
        ]
    } else if app.lesson().is_some() {
        vec![
            Scope::Lesson,
            Scope::Normal,
            Scope::Global,
            Scope::Predict,
            Scope::Text,
            Scope::Picker,
            Scope::Confirm,
            Scope::Leave,
            Scope::Best,
        ]
    } else {
        vec![
            Scope::Normal,
            Scope::Global,
            Scope::Text,
            Scope::Picker,
            Scope::Confirm,
            Scope::Leave,
            Scope::Best,
        ]
    }
}

/// The help: in play mode the briefing first (one column, scrolled),
/// then the keys of `scopes`.
pub(super) fn help(
    scopes: &[Scope],
    play: Option<&PlayState>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    let mouse = play.is_none();
    let wide = area.width.saturating_sub(4).clamp(64, 100);
    let mut lines = match play {
        Some(p) => {
            let b = crate::play::briefing::briefing(&p.game.scenario).for_seat(p.seat());
            let mut l = crate::tui::view::briefing::lines(&b, usize::from(wide - 2));
            l.push(Line::default());
            l
        }
        None => Vec::new(),
    };
    let briefed = !lines.is_empty();
    for &scope in scopes {
        lines.push(Line::from(tr(scope.title())).bold().fg(theme::ACCENT));
        for b in bindings(scope) {
            lines.push(Line::from(vec![
                Span::from(format!("  {} ", fit(b.keys_text, 12))).bold(),
                Span::from(tr(b.label)),
            ]));
        }
    }
    // Play mode has no mouse bindings.
    if mouse {
        lines.push(Line::from(text::mouse()).bold().fg(theme::ACCENT));
        for (place, what) in text::mouse_bindings() {
            lines.push(Line::from(format!("  {} {what}", fit(place, 18))));
        }
    }
    // Two columns when one does not fit; scrolling (↑↓ PgUp PgDn) when two do not either.
    let room = usize::from(area.height.saturating_sub(2));
    let two = !briefed && area.width >= 70 && room < lines.len() && lines.len().div_ceil(2) <= room;
    let h = if two {
        lines.len().div_ceil(2)
    } else {
        lines.len().min(room)
    };
    let scroll = if two {
        0
    } else {
        usize::from(scroll).min(lines.len().saturating_sub(h))
    };
    let title = if !two && lines.len() > h {
        text::help_scrolled(scroll + 1, scroll + h, lines.len())
    } else {
        text::help()
    };
    let w = if two {
        100
    } else if briefed {
        wide
    } else {
        64
    };
    let r = centered(area, w, h as u16 + 2);
    clear(r, buf);
    let block = popup(&title);
    let inner = block.inner(r);
    block.render(r, buf);
    if !two {
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .render(inner, buf);
    } else {
        let half = lines.len().div_ceil(2);
        let right = lines.split_off(half);
        let [a, b] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(inner);
        Paragraph::new(lines).render(a, buf);
        Paragraph::new(right).render(b, buf);
    }
}
