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
    /// The help overlay.
    Help,
    /// The scenario picker.
    Picker,
}

impl Scope {
    /// The heading used in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Anywhere",
            Scope::Normal => "Main screen",
            Scope::Text => "Typing a value or file name",
            Scope::Confirm => "Overwrite question",
            Scope::Help => "Help",
            Scope::Picker => "Scenario picker",
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

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn ctrl(c: char) -> Key {
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

use KeyCode::{Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// Every binding, in the order help lists them.
pub static KEYMAP: &[Binding] = &[
    bind!(Global, [ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
    bind!(Normal, [ch('q'), k(Esc)], Action::Quit, "q Esc", "quit"),
    bind!(
        Normal,
        [k(Up), ch('k')],
        Action::Up,
        "↑ k",
        "previous parameter"
    ),
    bind!(
        Normal,
        [k(Down), ch('j')],
        Action::Down,
        "↓ j",
        "next parameter"
    ),
    bind!(
        Normal,
        [k(Left), ch('h')],
        Action::Step(-1),
        "← h",
        "lower by a step"
    ),
    bind!(
        Normal,
        [k(Right), ch('l')],
        Action::Step(1),
        "→ l",
        "raise by a step"
    ),
    bind!(
        Normal,
        [shift(Left), k(PageDown)],
        Action::Coarse(-1),
        "Shift-← PgDn",
        "lower by a coarse step"
    ),
    bind!(
        Normal,
        [shift(Right), k(PageUp)],
        Action::Coarse(1),
        "Shift-→ PgUp",
        "raise by a coarse step"
    ),
    bind!(
        Normal,
        [k(Enter)],
        Action::BeginEdit,
        "Enter",
        "type an exact value"
    ),
    bind!(
        Normal,
        [ch('r')],
        Action::ResetOne,
        "r",
        "reset to loaded value"
    ),
    bind!(
        Normal,
        [ch('R')],
        Action::ResetAll,
        "R",
        "reset every parameter"
    ),
    bind!(Normal, [ch('u')], Action::Undo, "u", "undo the last change"),
    bind!(
        Normal,
        [ch('b')],
        Action::PinBaseline,
        "b",
        "pin current run as baseline"
    ),
    bind!(
        Normal,
        [ch('p')],
        Action::TogglePrevious,
        "p",
        "previous run as ghost on/off"
    ),
    bind!(
        Normal,
        [ch('[')],
        Action::CursorPrev,
        "[",
        "cursor one period back"
    ),
    bind!(
        Normal,
        [ch(']')],
        Action::CursorNext,
        "]",
        "cursor one period on"
    ),
    bind!(
        Normal,
        [k(Home)],
        Action::CursorHome,
        "Home",
        "cursor to the start"
    ),
    bind!(
        Normal,
        [k(End)],
        Action::CursorEnd,
        "End",
        "cursor to the end"
    ),
    bind!(
        Normal,
        [ch(' ')],
        Action::TogglePlay,
        "Space",
        "play / pause"
    ),
    bind!(
        Normal,
        [ch('+'), ch('=')],
        Action::Faster,
        "+",
        "play faster"
    ),
    bind!(
        Normal,
        [ch('-'), ch('_')],
        Action::Slower,
        "-",
        "play slower"
    ),
    bind!(
        Normal,
        [k(Tab)],
        Action::NextChart,
        "Tab",
        "next chart (narrow)"
    ),
    bind!(
        Normal,
        [ch('o')],
        Action::OpenPicker,
        "o",
        "open a scenario"
    ),
    bind!(
        Normal,
        [ch('s')],
        Action::BeginSave,
        "s",
        "save scenario to file"
    ),
    bind!(
        Normal,
        [ch('e')],
        Action::BeginExport,
        "e",
        "export run as CSV"
    ),
    bind!(Normal, [ch('?')], Action::Help, "?", "this help"),
    bind!(Text, [k(Enter)], Action::Submit, "Enter", "accept"),
    bind!(Text, [k(Esc)], Action::Cancel, "Esc", "cancel"),
    bind!(
        Text,
        [k(Backspace)],
        Action::Backspace,
        "Backspace",
        "delete a character"
    ),
    bind!(Confirm, [ch('y')], Action::Yes, "y", "overwrite the file"),
    bind!(
        Confirm,
        [ch('n'), k(Esc)],
        Action::No,
        "n Esc",
        "keep the file"
    ),
    bind!(
        Help,
        [k(Esc), ch('?'), ch('q')],
        Action::Cancel,
        "Esc ? q",
        "close help"
    ),
    bind!(
        Picker,
        [k(Up), ch('k')],
        Action::Up,
        "↑ k",
        "previous scenario"
    ),
    bind!(
        Picker,
        [k(Down), ch('j')],
        Action::Down,
        "↓ j",
        "next scenario"
    ),
    bind!(Picker, [k(Enter)], Action::Submit, "Enter", "open it"),
    bind!(
        Picker,
        [k(Esc), ch('q')],
        Action::Cancel,
        "Esc q",
        "close the picker"
    ),
];

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
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let found = KEYMAP
        .iter()
        .filter(|b| b.scope == scope || b.scope == Scope::Global)
        .find(|b| b.keys.iter().any(|key| key.matches(ev)))
        .map(|b| b.action);
    if found.is_some() {
        return found;
    }
    match (scope, ev.code) {
        (Scope::Text, KeyCode::Char(c))
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
