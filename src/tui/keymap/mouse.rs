//! The mouse's bindings, one table: where, which gesture, what it does, and
//! how help describes it. `tui::mouse_action` and the help overlay read it.

use crate::i18n::mark;

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A parameter's row.
    Parameter,
    /// A chart.
    Chart,
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// A button pressed.
    Click,
    /// The wheel turned up.
    WheelUp,
    /// The wheel turned down.
    WheelDown,
}

/// What a gesture does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Does {
    /// Select the parameter.
    Select,
    /// Raise the parameter by a step.
    Raise,
    /// Lower the parameter by a step.
    Lower,
    /// Move the cursor a period on.
    CursorNext,
    /// Move the cursor a period back.
    CursorPrev,
}

/// One binding; `help` is set on the first of the bindings help lists as one line.
#[derive(Debug, Clone, Copy)]
pub struct MouseBinding {
    /// Where.
    pub place: Place,
    /// Which gesture.
    pub gesture: Gesture,
    /// What it does.
    pub does: Does,
    /// How help describes it (and the bindings after it without their own): where, what.
    pub help: Option<(&'static str, &'static str)>,
}

/// The mouse's bindings, on the main screen (play mode has none).
pub static MOUSE: &[MouseBinding] = &[
    MouseBinding {
        place: Place::Parameter,
        gesture: Gesture::Click,
        does: Does::Select,
        help: Some((mark("click a parameter"), mark("select it"))),
    },
    MouseBinding {
        place: Place::Parameter,
        gesture: Gesture::WheelUp,
        does: Does::Raise,
        help: Some((mark("wheel on it"), mark("adjust it"))),
    },
    MouseBinding {
        place: Place::Parameter,
        gesture: Gesture::WheelDown,
        does: Does::Lower,
        help: None,
    },
    MouseBinding {
        place: Place::Chart,
        gesture: Gesture::WheelUp,
        does: Does::CursorNext,
        help: Some((mark("wheel on a chart"), mark("move the cursor"))),
    },
    MouseBinding {
        place: Place::Chart,
        gesture: Gesture::WheelDown,
        does: Does::CursorPrev,
        help: None,
    },
];

/// What `gesture` does over `place`, if anything.
pub fn mouse_does(place: Place, gesture: Gesture) -> Option<Does> {
    MOUSE
        .iter()
        .find(|m| m.place == place && m.gesture == gesture)
        .map(|m| m.does)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_gesture_and_place_does_one_thing_and_help_opens_with_a_line() {
        for (i, a) in MOUSE.iter().enumerate() {
            for b in &MOUSE[i + 1..] {
                assert!(
                    (a.place, a.gesture) != (b.place, b.gesture),
                    "{a:?} and {b:?}"
                );
            }
        }
        assert!(MOUSE[0].help.is_some(), "help lists the first binding");
        assert_eq!(
            mouse_does(Place::Parameter, Gesture::WheelUp),
            Some(Does::Raise)
        );
        assert_eq!(mouse_does(Place::Chart, Gesture::Click), None);
    }
}
