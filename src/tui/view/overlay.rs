//! Pop-ups over the main screen: help (generated from the keymap), the
//! scenario picker, the value editor, file prompts and the overwrite question.
//!
//! Each pop-up draws in its own file: [`help`], [`picker`], [`prompt`] (the
//! value editor, file prompts and the prediction chooser), [`best`] and
//! [`tornado`]; their words are in [`text`]. The questions about leaving
//! and overwriting are drawn here.

mod best;
mod help;
mod picker;
mod prompt;
mod text;
mod tornado;

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::params::short_value;
use super::popup::{centered, clear, popup};
use super::theme;
use crate::format::range;
use crate::model::fmt_num;
use crate::tui::Action;
use crate::tui::app::{App, Leave, Mode};
use crate::tui::keymap::Scope;
use best::best_view;
use help::{help, help_scopes};
use picker::picker;
use prompt::{predict, prompt};
use tornado::tornado_view;

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match app.mode() {
        Mode::Normal => {}
        Mode::Help => help(
            &help_scopes(app),
            app.play_state(),
            app.help_scroll,
            area,
            buf,
        ),
        Mode::Predict { choice } => predict(app, *choice, area, buf),
        Mode::Tornado { tornado } => tornado_view(tornado, area, buf),
        Mode::Picker { entries, selected } => picker(entries, *selected, area, buf),
        Mode::Editing { buffer, error } => {
            let spec = app.edit_target();
            let current = match app.play_state() {
                Some(p) => fmt_num(p.game.value(spec.id)),
                None => fmt_num(app.params()[spec.id]),
            };
            let info = text::editing(
                &current,
                &range(crate::scenario::period::spec_in(
                    &app.scenario().period_label,
                    spec.id,
                ))
                .to_string(),
            );
            let question = format!("{} =", crate::i18n::tr(spec.label));
            prompt(&question, buffer, Some(&info), error.as_deref(), area, buf);
        }
        Mode::Prompt {
            kind,
            buffer,
            error,
        } => {
            let info = text::file_prompt();
            prompt(
                kind.question(),
                buffer,
                Some(info),
                error.as_deref(),
                area,
                buf,
            );
        }
        Mode::Message { buffer } => prompt(
            text::message(),
            buffer,
            Some(text::message_info()),
            None,
            area,
            buf,
        ),
        Mode::Best => best_view(app, area, buf),
        Mode::Refit => super::refit::render(app, area, buf),
        Mode::Leave { then } => {
            let open = *then == Leave::Open;
            let r = centered(area, 50, 5);
            clear(r, buf);
            let text = vec![
                Line::from(text::not_saved(app.play_state().is_some())),
                Line::from(vec![
                    Span::from(format!("{} ", text::leave_question(open))).bold(),
                    Span::from(text::key(Scope::Leave, Action::Yes))
                        .bold()
                        .fg(theme::BAD),
                    Span::from(text::leave_yes(open)),
                    Span::from(text::key(Scope::Leave, Action::No))
                        .bold()
                        .fg(theme::GOOD),
                    Span::from(text::stay()),
                ]),
            ];
            Paragraph::new(wrap_all(text, usize::from(r.width.saturating_sub(2))))
                .block(popup(text::unsaved()))
                .render(r, buf);
        }
        Mode::Confirm { path, .. } => {
            let r = centered(area, 64, 5);
            clear(r, buf);
            let text = vec![
                Line::from(text::exists(&path.display().to_string())),
                Line::from(vec![
                    Span::from(text::overwrite_it()),
                    Span::from(text::key(Scope::Confirm, Action::Yes))
                        .bold()
                        .fg(theme::BAD),
                    Span::from(text::overwrite()),
                    Span::from(text::key(Scope::Confirm, Action::No))
                        .bold()
                        .fg(theme::GOOD),
                    Span::from(text::keep_it()),
                ]),
            ];
            Paragraph::new(wrap_all(text, usize::from(r.width.saturating_sub(2))))
                .block(popup(text::file_exists()))
                .render(r, buf);
        }
    }
}
