//! The one keymap: (scope, key) -> (action, label). The key handler and the
//! help overlay both read [`KEYMAP`], so the help can never go stale.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Which group of bindings is live: one per kind of [`Mode`](super::Mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Bindings that work everywhere.
    Global,
    /// The main screen.
    Normal,
    /// Typing an exact value or a file name.
    Text,
    /// A yes/no question.
    Confirm,
    /// Leaving with unsaved work: quit (or open another scenario) anyway?
    Leave,
    /// The best steady policy's suggestion.
    Best,
    /// The fit to the history: under way, or its values.
    Refit,
    /// The help overlay.
    Help,
    /// The scenario picker.
    Picker,
    /// A lesson's keys on the main screen (checked before [`Scope::Normal`]).
    Lesson,
    /// Choosing the answer to a prediction.
    Predict,
    /// The play-mode screen.
    Play,
}

impl Scope {
    /// The heading used in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Anywhere",
            Scope::Normal => "Main screen",
            Scope::Text => "Typing a value or file name",
            Scope::Confirm => "Overwrite question",
            Scope::Leave => "Unsaved work question",
            Scope::Best => "Best steady policy",
            Scope::Refit => "Fit to history",
            Scope::Help => "Help",
            Scope::Picker => "Scenario picker",
            Scope::Lesson => "Lesson",
            Scope::Predict => "Answering a prediction",
            Scope::Play => "Play mode",
        }
    }
}

/// A key: its code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key code.
    pub code: KeyCode,
    /// Required modifiers (Shift is ignored for characters).
    pub mods: KeyModifiers,
}

/// One binding: the keys, what they do, and how help describes them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// The keys as help shows them.
    pub keys_text: &'static str,
    /// What help says it does.
    pub label: &'static str,
}

pub(super) const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub(super) const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

pub(super) const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

macro_rules! bind {
    ($scope:ident, [$($key:expr),+], $action:expr, $keys_text:literal, $label:literal) => {
        Binding {
            scope: Scope::$scope,
            keys: &[$($key),+],
            action: $action,
            keys_text: $keys_text,
            label: $label,
        }
    };
}

mod hints;
mod mouse;
mod table;
pub use hints::{Hint, Screen, first_key, keys, popup_hints};
pub use mouse::{Does, Gesture, MOUSE, MouseBinding, Place, mouse_does};
pub use table::KEYMAP;

impl Key {
    fn matches(&self, ev: &KeyEvent) -> bool {
        if self.code != ev.code {
            return false;
        }
        let relevant = KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT;
        let mut mods = ev.modifiers & relevant;
        if matches!(ev.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        mods == self.mods
    }
}

/// The action for a key press in a scope, if any. In [`Scope::Text`] an
/// unbound printable character becomes [`Action::Input`].
pub fn action_for(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    action_in(&[scope], ev)
}

/// The action for a key press where several scopes are live: the first
/// scope (in order) with a binding for the key wins, then [`Scope::Global`].
/// [`Action::Choose`] carries the digit pressed (`1` is choice 0).
pub fn action_in(scopes: &[Scope], ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let found = scopes
        .iter()
        .chain(std::iter::once(&Scope::Global))
        .find_map(|&scope| {
            KEYMAP
                .iter()
                .filter(|b| b.scope == scope)
                .find(|b| b.keys.iter().any(|key| key.matches(ev)))
                .map(|b| b.action)
        });
    match (found, ev.code) {
        (Some(Action::Choose(_)), KeyCode::Char(c)) => {
            return c
                .to_digit(10)
                .and_then(|d| (d as usize).checked_sub(1))
                .map(Action::Choose);
        }
        (Some(a), _) => return Some(a),
        (None, _) => {}
    }
    match (scopes.first(), ev.code) {
        (Some(Scope::Text), KeyCode::Char(c))
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The bindings of one scope, for the help overlay.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scope == scope)
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode::{Enter, Esc, Left};

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_resolve_per_scope() {
        let n = Scope::Normal;
        assert_eq!(
            action_for(n, &press(Left, KeyModifiers::NONE)),
            Some(Action::Step(-1))
        );
        assert_eq!(
            action_for(n, &press(Left, KeyModifiers::SHIFT)),
            Some(Action::Coarse(-1))
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('R'), KeyModifiers::SHIFT)),
            Some(Action::ResetAll)
        );
        assert_eq!(
            action_for(n, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Scope::Text, &press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(Scope::Text, &press(Esc, KeyModifiers::NONE)),
            Some(Action::Cancel)
        );
        assert_eq!(
            action_for(Scope::Picker, &press(Enter, KeyModifiers::NONE)),
            Some(Action::Submit)
        );
    }
}
