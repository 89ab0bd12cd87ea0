//! The app's accessors: what the view, the host and the tests read of the
//! state (the runs, the selection, the cursor, the mode, the status, the
//! lesson or game, the live keymap scopes), without changing it.

use std::time::Duration;

use super::{App, LessonState, Mode, PlayState, SPEEDS, Status, View};
use crate::model::{LoopStrengths, PARAMS, ParamId, Params, Series, Summary};
use crate::play::game::Decision;
use crate::scenario::Scenario;
use crate::tui::keymap::Scope;

impl App {
    /// The scenario as loaded.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The current parameter values.
    pub fn params(&self) -> &Params {
        &self.config.params
    }

    /// The current run.
    pub fn series(&self) -> &Series {
        &self.series
    }

    /// The summary of the current run.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The summary of the scenario as loaded.
    pub fn loaded_summary(&self) -> &Summary {
        &self.loaded_summary
    }

    /// Which loop drives the current run, period by period.
    pub fn loops(&self) -> &[LoopStrengths] {
        &self.loops
    }

    /// The baseline run (as loaded, or pinned with `b`).
    pub fn baseline(&self) -> &Series {
        &self.baseline
    }

    /// The run before the last change, if any.
    pub fn previous(&self) -> Option<&Series> {
        self.previous.as_ref()
    }

    /// The index (in [`PARAMS`]) of the selected parameter.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The time cursor's period.
    pub fn cursor(&self) -> u32 {
        self.cursor
    }

    /// Whether the animation is playing.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Whether the curves are drawn only up to the cursor (animation started).
    pub fn is_revealing(&self) -> bool {
        self.revealing
    }

    /// The animation speed in periods per second.
    pub fn speed(&self) -> u32 {
        SPEEDS[self.speed]
    }

    /// The current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// What the main area shows.
    pub fn view(&self) -> View {
        self.view
    }

    /// The status line message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// How many changes `u` can undo.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The player or team name.
    pub fn player(&self) -> &str {
        &self.player
    }

    /// Every parameter change made while exploring, in order.
    pub fn change_log(&self) -> &[Decision] {
        &self.log
    }

    /// The lesson in progress, if the scenario has one.
    pub fn lesson(&self) -> Option<&LessonState> {
        self.program.lesson()
    }

    /// The game in progress, in play mode.
    pub fn play_state(&self) -> Option<&PlayState> {
        self.program.play()
    }

    /// The keymap scopes live now, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match (
            &self.mode,
            self.program.play().is_some(),
            self.program.lesson().is_some(),
        ) {
            (Mode::Normal, true, _) => vec![Scope::Play],
            (Mode::Normal, false, true) => vec![Scope::Lesson, Scope::Normal],
            (m, ..) => vec![m.scope()],
        }
    }

    /// How long to wait for the next animation frame; `None` when idle.
    pub fn tick_interval(&self) -> Option<Duration> {
        self.playing
            .then(|| Duration::from_millis(1000 / u64::from(SPEEDS[self.speed])))
    }

    /// Every parameter whose value differs from the loaded scenario.
    pub fn changed(&self) -> Vec<ParamId> {
        let loaded = &self.scenario.config.params;
        PARAMS
            .iter()
            .map(|s| s.id)
            .filter(|&id| self.config.params[id] != loaded[id])
            .collect()
    }
}
