//! The app's state types: the mode of the screen and where leaving goes,
//! the work a save keeps, the program (explore, lesson or play), what a
//! host allows, the view of the main area and the status line.

use std::path::PathBuf;

use super::{FileKind, LessonState, PickerEntry, PlayState};
use crate::model::Params;
use crate::tui::keymap::Scope;

/// What the screen is doing; each mode has its own keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// The main screen.
    Normal,
    /// Typing an exact value for the selected parameter.
    Editing {
        /// The text typed so far.
        buffer: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// The help overlay.
    Help,
    /// The scenario picker.
    Picker {
        /// Presets, then files found on disk (invalid ones with their error).
        entries: Vec<PickerEntry>,
        /// The highlighted entry.
        selected: usize,
    },
    /// Writing a message from sales to product.
    Message {
        /// The text typed so far.
        buffer: String,
    },
    /// Asking for a file name to save or export to.
    Prompt {
        /// What is being written.
        kind: FileKind,
        /// The path typed so far.
        buffer: String,
        /// Why the last attempt failed.
        error: Option<String>,
    },
    /// Which lever matters most now: the tornado for the current settings.
    Tornado {
        /// Each parameter's effect on total revenue, largest first.
        tornado: Box<crate::analysis::sensitivity::Tornado>,
    },
    /// The file exists: overwrite it?
    Confirm {
        /// What is being written.
        kind: FileKind,
        /// The file that exists.
        path: PathBuf,
    },
    /// Choosing the answer to a lesson step's prediction.
    Predict {
        /// The highlighted choice.
        choice: usize,
    },
    /// The best steady policy for the sliders in view: searching, or the suggestion.
    Best,
    /// The fit to the history (`F`): under way, or its values.
    Refit,
    /// Unsaved work: leave anyway?
    Leave {
        /// What happens on yes.
        then: Leave,
    },
}

/// Where a user goes when leaving the current scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Quit the program.
    Quit,
    /// Open the scenario picker (loading another scenario drops this one).
    Open,
}

/// What a save keeps: compared with the state now, it tells unsaved work.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Work {
    /// Exploring: the parameters and how many predictions were answered.
    Explore(Box<Params>, usize),
    /// Playing: the period, the decisions taken and the changes pending.
    Play(u32, usize, usize),
}

impl Mode {
    /// The keymap scope that is live in this mode (on the explore screen).
    pub fn scope(&self) -> Scope {
        match self {
            Mode::Normal => Scope::Normal,
            Mode::Editing { .. } | Mode::Prompt { .. } | Mode::Message { .. } => Scope::Text,
            Mode::Help | Mode::Tornado { .. } => Scope::Help,
            Mode::Picker { .. } => Scope::Picker,
            Mode::Confirm { .. } => Scope::Confirm,
            Mode::Predict { .. } => Scope::Predict,
            Mode::Leave { .. } => Scope::Leave,
            Mode::Best => Scope::Best,
            Mode::Refit => Scope::Refit,
        }
    }
}

/// What the user does with the scenario: explore it, follow its lesson
/// (when it has steps), or play it as a turn-based game. One at a time.
#[derive(Debug, Clone)]
pub enum Program {
    /// Moving sliders freely.
    Explore,
    /// The scenario's lesson, step by step.
    Lesson(Box<LessonState>),
    /// The game: decisions a turn at a time, the future hidden.
    Play(Box<PlayState>),
}

impl Program {
    /// The lesson, when following one.
    pub fn lesson(&self) -> Option<&LessonState> {
        match self {
            Program::Lesson(l) => Some(l),
            _ => None,
        }
    }

    /// The lesson, to change it.
    pub fn lesson_mut(&mut self) -> Option<&mut LessonState> {
        match self {
            Program::Lesson(l) => Some(l),
            _ => None,
        }
    }

    /// The game, when playing.
    pub fn play(&self) -> Option<&PlayState> {
        match self {
            Program::Play(p) => Some(p),
            _ => None,
        }
    }

    /// The game, to change it.
    pub fn play_mut(&mut self) -> Option<&mut PlayState> {
        match self {
            Program::Play(p) => Some(p),
            _ => None,
        }
    }
}

/// What a host allows in play: in a class, the turns the facilitator has
/// opened (lockstep) and whether the game was ended. Alone, everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gate {
    /// The last turn that may be played, when turns are opened for everyone.
    pub opened: Option<u32>,
    /// The game was ended for everyone.
    pub ended: bool,
}

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The four charts.
    #[default]
    Charts,
    /// The four stages drawn as a loop, with the stage that limits it.
    Flywheel,
}

/// A message for the status line, worded in every language the interface
/// speaks: a class's team may have two laptops in two languages, and each
/// shows the message in its reader's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What happened.
    said: crate::i18n::Worded,
    /// Whether it is an error (drawn in red).
    pub error: bool,
    /// Its place among statuses, newest last (see [`Seat`](super::Seat)).
    pub(super) seq: u64,
}

impl Status {
    /// A status worded by `text`, called once in each language.
    pub fn new(error: bool, text: impl Fn() -> String) -> Status {
        Status {
            said: crate::i18n::Worded::new(text),
            error,
            seq: super::seat::next_seq(),
        }
    }

    /// A status already worded (news from a class).
    pub fn worded(error: bool, said: crate::i18n::Worded) -> Status {
        Status {
            said,
            error,
            seq: super::seat::next_seq(),
        }
    }

    /// What happened, in the current language.
    pub fn text(&self) -> &str {
        self.said.text()
    }
}
