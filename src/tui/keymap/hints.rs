//! The short hints the footer shows, a line of them for each screen. Each
//! names actions and a short label; its keys come from [`KEYMAP`](super::KEYMAP),
//! so a key bound elsewhere shows elsewhere, and an action the screen does
//! not bind fails a test rather than showing a key that does nothing.

use super::Scope;
use crate::i18n::mark;
use crate::tui::action::Action;

/// One hint: the actions it covers (their keys side by side) and its label.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// The actions, whose first keys make the hint's keys (`↑↓`, `[ ]`).
    pub actions: &'static [Action],
    /// The label, in English (translated where shown).
    pub label: &'static str,
    /// A context for the label's translation, where the word is ambiguous.
    pub context: Option<&'static str>,
}

const fn hint(actions: &'static [Action], label: &'static str) -> Hint {
    Hint {
        actions,
        label,
        context: None,
    }
}

/// The screens with a line of hints, and where their keys are looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The main screen.
    Explore,
    /// The main screen with a lesson's keys.
    Lesson,
    /// Play mode.
    Play,
}

impl Screen {
    /// The scopes whose bindings the screen's keys come from, first first.
    pub fn scopes(self) -> &'static [Scope] {
        match self {
            Screen::Explore => &[Scope::Normal, Scope::Global],
            Screen::Lesson => &[Scope::Lesson, Scope::Normal, Scope::Global],
            Screen::Play => &[Scope::Play, Scope::Global],
        }
    }

    /// The hints, most useful first (the footer shows as many as fit).
    pub fn hints(self) -> &'static [Hint] {
        match self {
            Screen::Explore => EXPLORE,
            Screen::Lesson => LESSON,
            Screen::Play => PLAY,
        }
    }
}

use Action::{
    BeginEdit, BeginExport, BeginSave, BeginSaveSession, Choose, CursorNext, CursorPrev, Down,
    Help, NextStep, OpenPicker, PinBaseline, PrevStep, RequestQuit, ResetAll, ResetOne, Step,
    ToggleView, Undo, Up,
};

static EXPLORE: &[Hint] = &[
    hint(&[Help], mark("help")),
    hint(&[Up, Down], mark("select")),
    hint(&[Step(-1), Step(1)], mark("adjust")),
    hint(&[BeginEdit], mark("type")),
    hint(&[Undo], mark("undo")),
    hint(&[PinBaseline], mark("pin baseline")),
    Hint {
        actions: &[Action::TogglePlay],
        label: "play",
        context: Some("animation"),
    },
    hint(&[CursorPrev, CursorNext], mark("cursor")),
    hint(&[OpenPicker], mark("open")),
    hint(&[BeginSave], mark("save")),
    hint(&[BeginExport], mark("export")),
    hint(&[ToggleView], mark("flywheel")),
    hint(&[RequestQuit], mark("quit")),
];

static PLAY: &[Hint] = &[
    hint(&[Help], mark("help")),
    hint(&[Up, Down], mark("select")),
    hint(&[Step(-1), Step(1)], mark("set")),
    hint(&[BeginEdit], mark("type")),
    hint(&[Action::Advance], mark("advance a turn")),
    hint(&[ResetOne], mark("undo change")),
    hint(&[ToggleView], mark("flywheel")),
    hint(&[BeginSaveSession], mark("save session")),
    hint(&[RequestQuit], mark("quit")),
];

static LESSON: &[Hint] = &[
    hint(&[Help], mark("help")),
    hint(&[NextStep, PrevStep], mark("next/previous step")),
    hint(&[Up, Down], mark("select")),
    hint(&[Step(-1), Step(1)], mark("adjust")),
    hint(&[Choose(0)], mark("answer")),
    hint(&[ToggleView], mark("flywheel")),
    hint(&[Undo], mark("undo")),
    hint(&[ResetAll], mark("reset")),
    hint(&[BeginSaveSession], mark("save session")),
    hint(&[RequestQuit], mark("quit")),
];

static PREDICT: &[Hint] = &[
    hint(&[Up, Down], mark("choose")),
    hint(&[Action::Submit], mark("answer")),
    hint(&[Action::Cancel], mark("later")),
];
static PICKER: &[Hint] = &[
    hint(&[Action::Submit], mark("open")),
    hint(&[Action::Cancel], mark("close")),
];
static HELP: &[Hint] = &[
    hint(&[Up, Down], mark("scroll")),
    hint(&[Action::Cancel], mark("close")),
];

/// The hints a popup's title shows, by the scope it is in.
pub fn popup_hints(scope: Scope) -> &'static [Hint] {
    match scope {
        Scope::Predict => PREDICT,
        Scope::Picker => PICKER,
        Scope::Help => HELP,
        _ => &[],
    }
}

/// The first key of the binding for `action` in `scopes`, as help writes
/// it (`↑` of `↑ k`, `1-9`, `Space`), or `None` if nothing binds it there.
pub fn first_key(scopes: &[Scope], action: Action) -> Option<&'static str> {
    scopes.iter().find_map(|&scope| {
        super::bindings(scope)
            .find(|b| b.action == action)
            .and_then(|b| b.keys_text.split(' ').next())
    })
}

/// A hint's keys: arrows side by side (`↑↓`), other keys apart (`[ ]`, `n p`).
pub fn keys(scopes: &[Scope], hint: &Hint) -> Option<String> {
    let keys: Vec<&str> = hint
        .actions
        .iter()
        .map(|&a| first_key(scopes, a))
        .collect::<Option<_>>()?;
    let arrows = keys.iter().all(|k| matches!(*k, "↑" | "↓" | "←" | "→"));
    Some(keys.join(if arrows { "" } else { " " }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_names_keys_its_screen_binds() {
        for screen in [Screen::Explore, Screen::Lesson, Screen::Play] {
            for h in screen.hints() {
                assert!(
                    keys(screen.scopes(), h).is_some(),
                    "{screen:?}: \"{}\" names an action the screen does not bind",
                    h.label
                );
            }
        }
        let explore = Screen::Explore;
        let shown: Vec<String> = explore
            .hints()
            .iter()
            .filter_map(|h| keys(explore.scopes(), h))
            .collect();
        assert_eq!(
            shown,
            [
                "?", "↑↓", "←→", "Enter", "u", "b", "Space", "[ ]", "o", "s", "e", "f", "q"
            ]
        );
        let lesson = Screen::Lesson;
        assert_eq!(
            keys(lesson.scopes(), &lesson.hints()[1]).as_deref(),
            Some("n p")
        );
        assert_eq!(
            keys(lesson.scopes(), &lesson.hints()[4]).as_deref(),
            Some("1-9")
        );
        let play = Screen::Play;
        assert_eq!(keys(play.scopes(), &play.hints()[4]).as_deref(), Some("a"));
        for scope in [Scope::Predict, Scope::Picker, Scope::Help] {
            for h in popup_hints(scope) {
                assert!(keys(&[scope], h).is_some(), "{scope:?}: {}", h.label);
            }
        }
        // An action the scopes do not bind has no keys.
        assert_eq!(keys(play.scopes(), &hint(&[NextStep], "next")), None);
    }
}
