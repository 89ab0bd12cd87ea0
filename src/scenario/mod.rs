//! Scenario files: TOML in, a validated [`Scenario`] out, with every problem
//! reported as a located [`Diagnostic`] (file:line:column, the key, the valid
//! range, a suggestion). Presets ship embedded in the binary.

pub mod diagnostic;
pub mod load;
pub mod presets;
mod source;
pub mod suggest;
pub mod write;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::{apply_set, load_file, parse, resolve};
pub use presets::{PRESETS, Preset, preset};

use crate::model::Config;

/// A loaded scenario: its texts and the run configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name (`scenario.name`).
    pub name: String,
    /// One or more lines saying what it shows.
    pub description: String,
    /// The description in Chinese, where the file gives one.
    pub description_zh: String,
    /// What a period is called ("week").
    pub period_label: String,
    /// What to look at and what it teaches (`[lesson] summary`).
    pub lesson: String,
    /// The lesson in Chinese, where the file gives one.
    pub lesson_zh: String,
    /// Where it came from: a path, or `preset:NAME`.
    pub source: String,
    /// Parameters, horizon, events and mode.
    pub config: Config,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "unnamed".into(),
            description: String::new(),
            description_zh: String::new(),
            period_label: "week".into(),
            lesson: String::new(),
            lesson_zh: String::new(),
            source: String::new(),
            config: Config::default(),
        }
    }
}
