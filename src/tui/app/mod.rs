//! The app state and the one place it changes: [`App::update`]. It owns no
//! terminal, so tests drive it with [`Action`]s alone.

mod files;
mod picker;

use std::path::PathBuf;
use std::time::Duration;

use crate::model::{Config, PARAM_COUNT, PARAMS, ParamId, ParamSpec, Params, Series, Summary};
use crate::model::{fmt_num, simulate, summarize};
use crate::scenario::Scenario;

pub use files::FileKind;
pub use picker::PickerEntry;

use super::action::Action;
use super::keymap::Scope;

/// Animation speeds, in periods per second.
pub const SPEEDS: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];
const DEFAULT_SPEED: usize = 3;
/// How many charts there are (for Tab on small screens).
pub const CHART_COUNT: usize = 4;

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
    /// Asking for a file name to save or export to.
    Prompt {
        /// What is being written.
        kind: FileKind,
        /// The path typed so far.
        buffer: String,
        /// Why the last attempt failed.
        error: Option<String>,
    },
    /// The file exists: overwrite it?
    Confirm {
        /// What is being written.
        kind: FileKind,
        /// The file that exists.
        path: PathBuf,
    },
}

impl Mode {
    /// The keymap scope that is live in this mode.
    pub fn scope(&self) -> Scope {
        match self {
            Mode::Normal => Scope::Normal,
            Mode::Editing { .. } | Mode::Prompt { .. } => Scope::Text,
            Mode::Help => Scope::Help,
            Mode::Picker { .. } => Scope::Picker,
            Mode::Confirm { .. } => Scope::Confirm,
        }
    }
}

/// A message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What happened.
    pub text: String,
    /// Whether it is an error (drawn in red).
    pub error: bool,
}

/// The whole interactive state: scenario, current and baseline runs, selection,
/// time cursor, animation, mode and status.
#[derive(Debug, Clone)]
pub struct App {
    /// The scenario as loaded (its parameters are the "loaded" values).
    pub(crate) scenario: Scenario,
    /// The configuration being run: loaded horizon and events, current parameters.
    pub(crate) config: Config,
    pub(crate) series: Series,
    pub(crate) summary: Summary,
    pub(crate) baseline: Series,
    pub(crate) baseline_summary: Summary,
    pub(crate) baseline_pinned: bool,
    pub(crate) previous: Option<Series>,
    pub(crate) show_previous: bool,
    pub(crate) undo: Vec<Params>,
    pub(crate) selected: usize,
    pub(crate) cursor: u32,
    pub(crate) playing: bool,
    pub(crate) revealing: bool,
    pub(crate) speed: usize,
    pub(crate) chart: usize,
    pub(crate) mode: Mode,
    pub(crate) status: Option<Status>,
    pub(crate) quit: bool,
    pub(crate) scan_dirs: Vec<PathBuf>,
}

impl App {
    /// A new app on a scenario: the run as loaded is also the baseline.
    pub fn new(scenario: Scenario) -> Self {
        let config = scenario.config.clone();
        let series = simulate(&config);
        let summary = summarize(&series);
        let cursor = series.horizon();
        App {
            scenario,
            config,
            baseline: series.clone(),
            baseline_summary: summary,
            series,
            summary,
            baseline_pinned: false,
            previous: None,
            show_previous: false,
            undo: Vec::new(),
            selected: 0,
            cursor,
            playing: false,
            revealing: false,
            speed: DEFAULT_SPEED,
            chart: 0,
            mode: Mode::Normal,
            status: None,
            quit: false,
            scan_dirs: vec![PathBuf::from("scenarios"), PathBuf::from(".")],
        }
    }

    /// Sets the directories the picker scans for `*.toml` (default `./scenarios`, `.`).
    pub fn with_scan_dirs(mut self, dirs: Vec<PathBuf>) -> Self {
        self.scan_dirs = dirs;
        self
    }

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

    /// The status line message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// How many changes `u` can undo.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
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

    /// Applies one action. The only place the state changes.
    pub fn update(&mut self, action: Action) {
        if action == Action::Tick {
            self.tick();
            return;
        }
        self.status = None;
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        match self.mode {
            Mode::Normal => self.normal(action),
            Mode::Editing { .. } => self.editing(action),
            Mode::Help => {
                if action == Action::Cancel {
                    self.mode = Mode::Normal;
                }
            }
            Mode::Picker { .. } => self.picker(action),
            Mode::Prompt { .. } => self.prompt(action),
            Mode::Confirm { .. } => self.confirm(action),
        }
    }

    fn normal(&mut self, action: Action) {
        let spec = &PARAMS[self.selected];
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(PARAM_COUNT - 1),
            Action::Select(i) => self.selected = i.min(PARAM_COUNT - 1),
            Action::Step(n) => self.step(n, spec.step),
            Action::Coarse(n) => self.step(n, spec.coarse),
            Action::StepParam(i, n) => {
                self.selected = i.min(PARAM_COUNT - 1);
                self.step(n, PARAMS[self.selected].step);
            }
            Action::BeginEdit => {
                self.mode = Mode::Editing {
                    buffer: String::new(),
                    error: None,
                };
            }
            Action::ResetOne => {
                let mut p = self.config.params;
                p[spec.id] = self.scenario.config.params[spec.id];
                self.try_set(p, format!("{} reset to {}", spec.key, fmt_num(p[spec.id])));
            }
            Action::ResetAll => {
                let p = self.scenario.config.params;
                self.try_set(p, "every parameter reset to the loaded scenario".into());
            }
            Action::Undo => self.undo_last(),
            Action::PinBaseline => {
                self.baseline = self.series.clone();
                self.baseline_summary = self.summary;
                self.baseline_pinned = true;
                self.info("baseline pinned: the current run is now the ghost to compare with");
            }
            Action::TogglePrevious => {
                self.show_previous = !self.show_previous;
                let state = if self.show_previous {
                    "shown"
                } else {
                    "hidden"
                };
                self.info(format!("previous run {state}"));
            }
            Action::CursorPrev => self.set_cursor(self.cursor.saturating_sub(1)),
            Action::CursorNext => self.set_cursor(self.cursor.saturating_add(1)),
            Action::CursorHome => self.set_cursor(0),
            Action::CursorEnd => self.set_cursor(u32::MAX),
            Action::CursorTo(t) => self.set_cursor(t),
            Action::TogglePlay => self.toggle_play(),
            Action::Faster => self.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => self.speed = self.speed.saturating_sub(1),
            Action::NextChart => self.chart = (self.chart + 1) % CHART_COUNT,
            Action::Help => self.mode = Mode::Help,
            Action::OpenPicker => self.open_picker(),
            Action::BeginSave => self.begin_prompt(FileKind::Scenario),
            Action::BeginExport => self.begin_prompt(FileKind::Csv),
            _ => {}
        }
    }

    fn editing(&mut self, action: Action) {
        let Mode::Editing { buffer, error } = &mut self.mode else {
            return;
        };
        match action {
            Action::Input(c) => buffer.push(c),
            Action::Backspace => {
                buffer.pop();
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => {
                let text = buffer.trim().replace('_', "");
                if text.is_empty() {
                    self.mode = Mode::Normal;
                    return;
                }
                let spec = &PARAMS[self.selected];
                match parse_value(spec, &text) {
                    Err(msg) => *error = Some(msg),
                    Ok(v) => {
                        let mut p = self.config.params;
                        p[spec.id] = v;
                        let cross = p.cross_field_errors();
                        if let Some((_, msg)) = cross.first() {
                            *error = Some(msg.clone());
                        } else {
                            self.mode = Mode::Normal;
                            self.try_set(p, format!("{} set to {}", spec.key, fmt_num(v)));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Moves the selected parameter by `n` steps of `size`, snapping to the step grid.
    fn step(&mut self, n: i32, size: f64) {
        let spec = &PARAMS[self.selected];
        let v = stepped(spec, self.config.params[spec.id], n, size);
        let mut p = self.config.params;
        p[spec.id] = v;
        self.try_set(p, String::new());
    }

    /// Re-runs with new parameters, unless a cross-field rule forbids them.
    fn try_set(&mut self, p: Params, message: String) {
        if p == self.config.params {
            if !message.is_empty() {
                self.info(message);
            }
            return;
        }
        if let Some((_, msg)) = p.cross_field_errors().first() {
            self.error(format!("not changed: {msg}"));
            return;
        }
        self.undo.push(self.config.params);
        self.set_params(p);
        if !message.is_empty() {
            self.info(message);
        }
    }

    fn set_params(&mut self, p: Params) {
        self.config.params = p;
        let old = std::mem::replace(&mut self.series, simulate(&self.config));
        self.previous = Some(old);
        self.summary = summarize(&self.series);
        self.cursor = self.cursor.min(self.series.horizon());
    }

    fn undo_last(&mut self) {
        match self.undo.pop() {
            Some(p) => {
                self.set_params(p);
                self.info(format!("undone ({} more to undo)", self.undo.len()));
            }
            None => self.info("nothing to undo"),
        }
    }

    /// Replaces the scenario: a fresh start with the run as loaded as baseline.
    pub(crate) fn load(&mut self, scenario: Scenario) {
        let dirs = std::mem::take(&mut self.scan_dirs);
        let speed = self.speed;
        *self = App::new(scenario);
        self.scan_dirs = dirs;
        self.speed = speed;
    }

    fn set_cursor(&mut self, t: u32) {
        self.cursor = t.min(self.series.horizon());
    }

    fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
            self.info(format!(
                "paused at {} {}",
                self.scenario.period_label, self.cursor
            ));
            return;
        }
        if !self.revealing || self.cursor >= self.series.horizon() {
            self.cursor = 0;
        }
        self.revealing = true;
        self.playing = true;
    }

    fn tick(&mut self) {
        if !self.playing {
            return;
        }
        self.cursor = (self.cursor + 1).min(self.series.horizon());
        if self.cursor >= self.series.horizon() {
            self.playing = false;
            self.revealing = false;
        }
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}

/// Parses a typed value and checks it against the parameter's range.
fn parse_value(spec: &ParamSpec, text: &str) -> Result<f64, String> {
    let v: f64 = text.parse().map_err(|_| {
        format!(
            "`{text}` is not a number; {} must be {}",
            spec.key,
            spec.range_text()
        )
    })?;
    if spec.accepts(v) {
        Ok(v)
    } else {
        Err(format!(
            "{} must be {} (got {text})",
            spec.key,
            spec.range_text()
        ))
    }
}

/// `v` moved by `n` grid steps of `size` (onto the grid first when off it),
/// clamped to the valid range and tidied of float noise.
pub(crate) fn stepped(spec: &ParamSpec, v: f64, n: i32, size: f64) -> f64 {
    let mut x = v;
    for _ in 0..n.unsigned_abs() {
        let q = x / size;
        let k = if n > 0 {
            (q + 1e-9).floor() + 1.0
        } else {
            (q - 1e-9).ceil() - 1.0
        };
        x = k * size;
    }
    let x = spec.clamp(x);
    format!("{x:.9e}").parse().unwrap_or(x)
}
