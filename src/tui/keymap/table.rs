//! The bindings themselves: one row per (scope, keys) -> action, with the
//! text help shows. Within a screen the first matching scope wins, so the
//! lesson's keys come before the main screen's.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Scope, ch, ctrl, k, shift};
use crate::tui::action::Action;

use KeyCode::{Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// Every binding, in the order help lists them.
pub static KEYMAP: &[Binding] = &[
    bind!(
        Global,
        [ctrl('c')],
        Action::Quit,
        "Ctrl-C",
        "quit at once (no question)"
    ),
    bind!(
        Normal,
        [ch('q'), k(Esc)],
        Action::RequestQuit,
        "q Esc",
        "quit (asks first if unsaved)"
    ),
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
        [ch('p'), ch('g')],
        Action::TogglePrevious,
        "p g",
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
    bind!(Normal, [k(Tab)], Action::NextChart, "Tab", "next chart"),
    bind!(
        Normal,
        [ch('o')],
        Action::OpenPicker,
        "o",
        "open a scenario (asks first if unsaved)"
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
    bind!(
        Normal,
        [ch('m')],
        Action::ToggleStochastic,
        "m",
        "deterministic / stochastic flows"
    ),
    bind!(
        Normal,
        [ch('N')],
        Action::NextSeed,
        "N",
        "stochastic: next seed"
    ),
    bind!(
        Normal,
        [ch('B')],
        Action::ToggleBands,
        "B",
        "Monte Carlo bands (5-95%, 25-75%)"
    ),
    bind!(
        Normal,
        [ch('T')],
        Action::Tornado,
        "T",
        "which lever matters most (tornado)"
    ),
    bind!(
        Normal,
        [ch('f')],
        Action::ToggleView,
        "f",
        "flywheel view / charts"
    ),
    bind!(
        Normal,
        [ch('S')],
        Action::BeginSaveSession,
        "S",
        "save session (for replay)"
    ),
    bind!(
        Normal,
        [ch('O')],
        Action::BestPolicy,
        "O",
        "best steady policy for the sliders in view"
    ),
    bind!(
        Normal,
        [ch('x')],
        Action::MarkFit,
        "x",
        "mark for the fit to history"
    ),
    bind!(
        Normal,
        [ch('F')],
        Action::Refit,
        "F",
        "fit marked parameters to history"
    ),
    bind!(Normal, [ch('?')], Action::Help, "?", "this help"),
    bind!(Lesson, [ch('n')], Action::NextStep, "n", "next lesson step"),
    bind!(
        Lesson,
        [ch('p')],
        Action::PrevStep,
        "p",
        "previous step (g: ghost run)"
    ),
    bind!(
        Lesson,
        [ch('a')],
        Action::BeginAnswer,
        "a",
        "answer the prediction"
    ),
    bind!(
        Lesson,
        [
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9')
        ],
        Action::Choose(0),
        "1-9",
        "answer with that choice"
    ),
    bind!(
        Predict,
        [k(Up), ch('k')],
        Action::Up,
        "↑ k",
        "previous choice"
    ),
    bind!(
        Predict,
        [k(Down), ch('j')],
        Action::Down,
        "↓ j",
        "next choice"
    ),
    bind!(
        Predict,
        [k(Enter)],
        Action::Submit,
        "Enter",
        "answer (then the curves show)"
    ),
    bind!(
        Predict,
        [
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9')
        ],
        Action::Choose(0),
        "1-9",
        "answer with that choice"
    ),
    bind!(Predict, [k(Esc)], Action::Cancel, "Esc", "not yet"),
    bind!(
        Play,
        [ch('q'), k(Esc)],
        Action::RequestQuit,
        "q Esc",
        "quit (asks first if unsaved)"
    ),
    bind!(Play, [k(Tab)], Action::NextChart, "Tab", "next chart"),
    bind!(
        Play,
        [k(Up), ch('k')],
        Action::Up,
        "↑ k",
        "previous decision"
    ),
    bind!(
        Play,
        [k(Down), ch('j')],
        Action::Down,
        "↓ j",
        "next decision"
    ),
    bind!(
        Play,
        [k(Left), ch('h')],
        Action::Step(-1),
        "← h",
        "lower by a step"
    ),
    bind!(
        Play,
        [k(Right), ch('l')],
        Action::Step(1),
        "→ l",
        "raise by a step"
    ),
    bind!(
        Play,
        [shift(Left), k(PageDown)],
        Action::Coarse(-1),
        "Shift-← PgDn",
        "lower by a coarse step"
    ),
    bind!(
        Play,
        [shift(Right), k(PageUp)],
        Action::Coarse(1),
        "Shift-→ PgUp",
        "raise by a coarse step"
    ),
    bind!(
        Play,
        [k(Enter)],
        Action::BeginEdit,
        "Enter",
        "type an exact value"
    ),
    bind!(
        Play,
        [ch('r')],
        Action::ResetOne,
        "r",
        "drop this decision's change"
    ),
    bind!(
        Play,
        [ch('R')],
        Action::ResetAll,
        "R",
        "drop every pending change"
    ),
    bind!(Play, [ch('a')], Action::Advance, "a", "advance one turn"),
    bind!(
        Play,
        [ch('f')],
        Action::ToggleView,
        "f",
        "flywheel view / charts"
    ),
    bind!(
        Play,
        [ch('s'), ch('S')],
        Action::BeginSaveSession,
        "s",
        "save the session"
    ),
    bind!(
        Play,
        [ch('e')],
        Action::BeginExport,
        "e",
        "export the run so far (CSV)"
    ),
    bind!(
        Play,
        [ch('y')],
        Action::Yes,
        "y",
        "accept the other seat's proposal (two seats)"
    ),
    bind!(
        Play,
        [ch('m')],
        Action::BeginMessage,
        "m",
        "send product a message (the sales seat)"
    ),
    bind!(Play, [ch('?')], Action::Help, "?", "this help"),
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
    bind!(Leave, [ch('y')], Action::Yes, "y", "leave without saving"),
    bind!(
        Leave,
        [ch('n'), k(Esc)],
        Action::No,
        "n Esc",
        "stay (s or S saves)"
    ),
    bind!(
        Best,
        [k(Enter)],
        Action::Submit,
        "Enter",
        "apply the suggestion (u undoes)"
    ),
    bind!(
        Best,
        [k(Esc), ch('q')],
        Action::Cancel,
        "Esc q",
        "close (the search goes on)"
    ),
    bind!(
        Refit,
        [k(Enter)],
        Action::Submit,
        "Enter",
        "apply the fitted values (u undoes)"
    ),
    bind!(
        Refit,
        [k(Esc), ch('q')],
        Action::Cancel,
        "Esc q",
        "close (the fit goes on)"
    ),
    bind!(
        Help,
        [k(Esc), ch('?'), ch('q')],
        Action::Cancel,
        "Esc ? q",
        "close help"
    ),
    bind!(Help, [k(Up), ch('k')], Action::Up, "↑ k", "scroll up"),
    bind!(Help, [k(Down), ch('j')], Action::Down, "↓ j", "scroll down"),
    bind!(Help, [k(PageUp)], Action::Coarse(-1), "PgUp", "page up"),
    bind!(Help, [k(PageDown)], Action::Coarse(1), "PgDn", "page down"),
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
