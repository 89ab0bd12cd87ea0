//! Scenario files: TOML in, a validated [`Scenario`] out, with every problem
//! reported as a located [`Diagnostic`] (file:line:column, the key, the valid
//! range, a suggestion). Presets ship embedded in the binary.

mod amounts;
pub mod calendar;
pub mod diagnostic;
mod events;
mod goal_words;
pub mod init;
pub mod keys;
pub mod lesson;
mod lesson_reader;
pub mod load;
pub mod localized;
pub mod period;
pub mod play;
mod predict_reader;
pub mod presets;
mod reader;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod texts;
pub mod translation;
mod update;
pub mod write;

pub use diagnostic::{Diagnostic, Diagnostics, cross_field_messages, cross_field_text};
pub use load::{apply_set, load_file, parse, resolve};
pub use presets::{PRESETS, Preset, preset};

/// A source map for locating byte offsets in `text` (used by other file readers).
pub fn source_map<'a>(file: &'a str, text: &'a str) -> source::SourceMap<'a> {
    source::SourceMap::new(file, text)
}

pub use lesson::{Goal, Lesson, LessonStep, Prediction};

impl Scenario {
    /// Its calendar, when `scenario.start` is given and its period is a
    /// day, week, month, quarter or year.
    pub fn calendar(&self) -> Option<calendar::Calendar> {
        calendar::Calendar::new(self.start?, &self.period_label)
    }

    /// Period `t` as a reader names it: `month 36 (2016-01)` with a
    /// calendar, `month 36` without.
    pub fn period_at(&self, t: u32) -> String {
        let plain = crate::format::period_at(&self.period_label, t);
        match self.calendar() {
            Some(c) => format!("{plain} ({})", c.label(t)),
            None => plain,
        }
    }
}
pub use localized::Localized;
pub use play::PlayConfig;

use crate::model::Config;

/// A loaded scenario: its texts and the run configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name (`scenario.name`).
    pub name: String,
    /// One or more lines saying what it shows, in the languages the file
    /// gives (`description`, `description_zh`, `description_zh_hant`).
    pub description: Localized,
    /// What a period is called ("week").
    pub period_label: String,
    /// The calendar day period 0 begins (`scenario.start`), if given:
    /// periods are then dated on charts, in reports and in CSV.
    pub start: Option<calendar::Day>,
    /// What to look at and what it teaches, and the lesson's steps.
    pub lesson: Lesson,
    /// How the scenario is played turn by turn.
    pub play: PlayConfig,
    /// Where it came from: a path, or `preset:NAME`.
    pub source: String,
    /// Parameters, horizon, events and mode.
    pub config: Config,
    /// The events' notes that have translations, each with its English as
    /// the event's `note` says it (see [`Scenario::note`]).
    pub event_notes: Vec<Localized>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "unnamed".into(),
            description: Localized::default(),
            period_label: "week".into(),
            start: None,
            lesson: Lesson::default(),
            play: PlayConfig::default(),
            source: String::new(),
            config: Config::default(),
            event_notes: Vec::new(),
        }
    }
}
