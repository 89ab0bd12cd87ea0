//! The pop-ups' words, in one place (translated by [`crate::i18n`]).

use crate::i18n::{tr, trf};
use crate::tui::keymap::Scope;

pub fn editing(now: &str, range: &str) -> String {
    trf("now {} · valid {}", &[&now, &range])
}
pub fn file_prompt() -> &'static str {
    tr("Enter to write · Esc to cancel · never overwrites without asking")
}
pub fn exists(path: &str) -> String {
    trf("{} already exists.", &[&path])
}
pub fn overwrite_it() -> &'static str {
    tr("Overwrite it? ")
}
pub fn overwrite() -> &'static str {
    tr(" overwrite   ")
}
pub fn keep_it() -> &'static str {
    tr(" keep it")
}
pub fn file_exists() -> &'static str {
    tr("File exists")
}
pub fn leave_question(open: bool) -> &'static str {
    if open {
        tr("Open another scenario without saving?")
    } else {
        tr("Quit without saving?")
    }
}
pub fn not_saved(play: bool) -> &'static str {
    if play {
        tr("The game in progress is not saved.")
    } else {
        tr("Your changes are not saved.")
    }
}
pub fn leave_yes(open: bool) -> &'static str {
    if open { tr(" open   ") } else { tr(" quit   ") }
}
pub fn stay() -> &'static str {
    tr(" stay")
}
pub fn unsaved() -> &'static str {
    tr("Unsaved work")
}
pub fn best_title() -> &'static str {
    tr("Best steady policy for the sliders in view")
}
pub fn best_goal(objective: &str, conditions: &str) -> String {
    trf(
        "The most {} any constant setting of these sliders earns, with {}.",
        &[&objective, &conditions],
    )
}
pub fn searching() -> &'static str {
    tr("searching ")
}
pub fn searching_note() -> &'static str {
    tr("The screen stays live: Esc closes, the search goes on, O shows it again.")
}
pub fn on_bound() -> &'static str {
    tr(" (range end)")
}
pub fn binding(what: &str) -> String {
    trf("holding it back: {}", &[&what])
}
pub fn best_stale() -> &'static str {
    tr("the settings changed since the search: O searches again")
}
pub fn best_keys() -> &'static str {
    tr("Enter applies it (u undoes) · Esc closes")
}
pub fn not_moved(value: &str) -> String {
    trf("not moved (at {})", &[&value])
}
pub fn session(decisions: usize) -> String {
    trf("session: {} decisions; Enter replays it", &[&decisions])
}
pub fn tornado_intro(revenue: &str) -> String {
    trf(
        "Total revenue {} now; each lever you decide moved down and up by 20%:",
        &[&revenue],
    )
}
pub fn moved_down() -> &'static str {
    tr("▒ moved down  ")
}
pub fn moved_up() -> &'static str {
    tr("█ moved up")
}
pub fn tornado_title() -> String {
    trf("Which lever matters most now ({})", &[&close_hint()])
}
pub fn predict_title() -> String {
    trf("Your prediction ({})", &[&keys_line(Scope::Predict)])
}
pub fn mouse() -> &'static str {
    tr("Mouse")
}
/// What the mouse does, from the keymap's mouse table: where, and what it does there.
pub fn mouse_bindings() -> Vec<(&'static str, &'static str)> {
    crate::tui::keymap::MOUSE
        .iter()
        .filter_map(|m| m.help)
        .map(|(place, what)| (tr(place), tr(what)))
        .collect()
}
pub fn help_scrolled(first: usize, last: usize, of: usize) -> String {
    trf(
        "Help {}-{} of {} ({})",
        &[&first, &last, &of, &keys_line(Scope::Help)],
    )
}
/// The help's title when it all fits: nothing to scroll, so only the key that closes it.
pub fn help() -> String {
    trf("Help ({})", &[&close_hint()])
}
/// The key that closes the help and the tornado, `Esc close`.
fn close_hint() -> String {
    keys_line_where(Scope::Help, |h| h.actions == [crate::tui::Action::Cancel])
}
pub fn picker() -> String {
    trf("Open a scenario ({})", &[&keys_line(Scope::Picker)])
}
/// A popup's keys from the keymap, `Enter open · Esc close`.
fn keys_line(scope: Scope) -> String {
    keys_line_where(scope, |_| true)
}
/// The keys of those of `scope`'s popup hints that `keep` keeps.
fn keys_line_where(scope: Scope, keep: impl Fn(&crate::tui::keymap::Hint) -> bool) -> String {
    use crate::tui::keymap::{keys, popup_hints};
    popup_hints(scope)
        .iter()
        .filter(|h| keep(h))
        .filter_map(|h| keys(&[scope], h).map(|k| format!("{k} {}", tr(h.label))))
        .collect::<Vec<_>>()
        .join(" · ")
}
/// The key of `action` in `scope`'s popup, as help writes it (`y`).
pub fn key(scope: Scope, action: crate::tui::Action) -> &'static str {
    crate::tui::keymap::first_key(&[scope], action).unwrap_or("?")
}
pub fn invalid(err: &str) -> String {
    trf("invalid: {}", &[&err])
}

pub fn message() -> &'static str {
    tr("Message to product")
}

pub fn message_info() -> &'static str {
    tr("Enter sends it: product reads it after the team's feedback latency")
}
