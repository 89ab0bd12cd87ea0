//! The app state and the one place it changes: [`App::update`]. It owns no
//! terminal, so tests drive it with [`Action`]s alone.
//!
//! The handlers live beside it: `explore` (the sliders, cursor and
//! animation), `lesson` (steps, locks, predictions), `play` (the
//! turn-based game), `files` (saving), `picker` and [`best`] (the
//! best steady policy).

/// Sets the status line: `status!(self, info, tr("saved"))` or
/// `status!(self, error, text::why(x))`. The text's expression is worded
/// in each language (see [`Status`]), so it must not move what it names.
macro_rules! status {
    ($app:expr, info, $text:expr) => {
        $app.status = Some($crate::tui::app::Status::new(false, || ($text).to_string()))
    };
    ($app:expr, error, $text:expr) => {
        $app.status = Some($crate::tui::app::Status::new(true, || ($text).to_string()))
    };
}

mod access;
mod analysis;
pub mod best;
mod explore;
mod files;
mod lesson;
mod picker;
mod play;
mod refit;
mod resume;
mod seat;
mod state;

use crate::model::{Config, LoopStrengths, ParamId, Params, Series, Summary};
use crate::model::{loop_strengths, simulate, summarize};
use crate::play::game::Decision;
use crate::scenario::Scenario;

pub use analysis::{BAND_RUNS, TORNADO_DELTA};
pub use best::{BEST_DEFAULT, Best};
pub(crate) use explore::stepped;
pub use files::FileKind;
pub use lesson::{Answer, LessonState};
pub use picker::{PickerEntry, scan};
pub use play::PlayState;
pub use refit::{Refit, RefitJob};
pub use seat::Seat;
pub(crate) use state::Work;
pub use state::{Gate, Leave, Mode, Program, Status, View};

use super::action::Action;
use super::effect::Effect;
use super::jobs::{Job, JobKind};

/// Animation speeds, in periods per second.
pub const SPEEDS: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];
const DEFAULT_SPEED: usize = 3;
/// How many charts there are (for Tab on small screens).
pub const CHART_COUNT: usize = 4;

/// How far the help can scroll (the view clamps to what is left).
const HELP_SCROLL_MAX: u16 = 500;

/// The whole interactive state: scenario, current and baseline runs, selection,
/// time cursor, animation, mode and status; a lesson or a game when there is one.
#[derive(Debug, Clone)]
pub struct App {
    /// The scenario as loaded (its parameters are the "loaded" values).
    pub(crate) scenario: Scenario,
    /// The configuration being run: loaded horizon and events, current parameters.
    pub(crate) config: Config,
    pub(crate) series: Series,
    pub(crate) summary: Summary,
    pub(crate) loops: Vec<LoopStrengths>,
    pub(crate) baseline: Series,
    pub(crate) baseline_summary: Summary,
    /// The summary of the scenario as loaded (lessons compare with it, never a pinned run).
    pub(crate) loaded_summary: Summary,
    pub(crate) baseline_pinned: bool,
    pub(crate) previous: Option<Series>,
    pub(crate) show_previous: bool,
    pub(crate) undo: Vec<Params>,
    /// Every parameter change, in order, as whole-run decisions (for sessions).
    pub(crate) log: Vec<Decision>,
    pub(crate) selected: usize,
    pub(crate) cursor: u32,
    pub(crate) playing: bool,
    pub(crate) revealing: bool,
    pub(crate) speed: usize,
    pub(crate) chart: usize,
    pub(crate) view: View,
    pub(crate) mode: Mode,
    pub(crate) status: Option<Status>,
    /// What the app asked the runtime to do since the last
    /// [`App::update`] or [`App::receive`] returned.
    pub(crate) out: Vec<Effect>,
    /// The request of each kind of job last asked for (its id), until it
    /// is answered or no longer wanted.
    pub(crate) asked: [Option<u64>; 3],
    /// What the host allows in play (a class in lockstep, a game ended).
    pub(crate) gate: Gate,
    pub(crate) player: String,
    /// Exploring, following the scenario's lesson, or playing it.
    pub(crate) program: Program,
    pub(crate) bands_on: bool,
    pub(crate) bands: Option<crate::analysis::montecarlo::MonteCarlo>,
    /// Counts parameter changes, so late Monte Carlo results can be told apart.
    pub(crate) generation: u64,
    pub(crate) reload_error: Option<String>,
    /// The first help line shown when the help does not fit the screen.
    pub(crate) help_scroll: u16,
    /// The work as last saved (or as loaded), to tell unsaved changes.
    pub(crate) saved: Work,
    /// The last search of the best steady policy (`O`).
    pub(crate) best: Option<Best>,
    /// A company's history drawn as points on the charts (`tui --data`).
    pub(crate) actuals: Option<crate::analysis::history::History>,
    /// Deciding from today: the past as it stands, "now" placed and its
    /// stocks reconciled; the sliders then act from now on.
    pub(crate) today: Option<Config>,
    /// The parameters marked for the fit (`x`), in the order marked.
    pub(crate) fit_marks: Vec<ParamId>,
    /// The last fit to the history (`F`).
    pub(crate) refit: Option<Refit>,
}

impl App {
    /// A new app on a scenario: the run as loaded is also the baseline. A
    /// scenario with lesson steps opens on its first step.
    pub fn new(scenario: Scenario) -> Self {
        let config = scenario.config.clone();
        let series = simulate(&config);
        let summary = summarize(&series);
        let loops = loop_strengths(&config, &series);
        let cursor = series.horizon();
        let lesson = LessonState::for_scenario(&scenario);
        let scenario_params = scenario.config.params;
        App {
            scenario,
            config,
            baseline: series.clone(),
            baseline_summary: summary,
            loaded_summary: summary,
            series,
            summary,
            loops,
            baseline_pinned: false,
            previous: None,
            show_previous: false,
            undo: Vec::new(),
            log: Vec::new(),
            selected: 0,
            cursor,
            playing: false,
            revealing: false,
            speed: DEFAULT_SPEED,
            chart: 0,
            view: View::Charts,
            mode: Mode::Normal,
            status: None,
            out: Vec::new(),
            asked: [None; 3],
            gate: Gate::default(),
            player: String::new(),
            program: lesson.map_or(Program::Explore, |l| Program::Lesson(Box::new(l))),
            bands_on: false,
            bands: None,
            generation: 0,
            reload_error: None,
            help_scroll: 0,
            saved: Work::Explore(Box::new(scenario_params), 0),
            best: None,
            actuals: None,
            today: None,
            fit_marks: Vec::new(),
            refit: None,
        }
    }

    /// Draws a company's history as points on the matching charts, with the
    /// fit of the current run (MAPE per series) over the KPI strip.
    pub fn with_actuals(mut self, history: crate::analysis::history::History) -> Self {
        self.actuals = Some(history);
        self
    }

    /// Decides from today: `past` is the scenario as it stands with its
    /// "now" placed (and stocks reconciled); the sliders act from then on,
    /// the run as it stands is the baseline and every figure is from now.
    pub fn with_today(mut self, past: Config) -> Self {
        self.config.periods = self.config.periods.max(past.periods);
        self.cursor = past.from_period();
        self.today = Some(past);
        self.series = simulate(&self.run_config());
        self.summary = summarize(&self.series);
        self.loops = loop_strengths(&self.run_config(), &self.series);
        self.baseline = self.series.clone();
        self.baseline_summary = self.summary;
        self.loaded_summary = self.summary;
        self
    }

    /// The run the screen shows. Deciding from today, the levers (what a
    /// company decides) act from now on a fixed past, while the structural
    /// parameters (how the market responds: what a fit explains the history
    /// with) hold from the start, past included. Otherwise every slider
    /// acts from the start.
    pub(crate) fn run_config(&self) -> Config {
        match &self.today {
            Some(today) => {
                let mut past = today.clone();
                for spec in crate::model::PARAMS.iter() {
                    if spec.sets.role == crate::model::Role::Structural {
                        past.params[spec.id] = self.config.params[spec.id];
                    }
                }
                past.from_today(&self.config, today.from_period())
            }
            None => self.config.clone(),
        }
    }

    /// The period the sliders act from, when deciding from today.
    pub fn now(&self) -> Option<u32> {
        self.today.as_ref().map(Config::from_period)
    }

    /// Names the player or team (recorded in saved sessions).
    pub fn with_player(mut self, player: impl Into<String>) -> Self {
        self.player = player.into();
        if let Some(p) = self.program.play_mut() {
            p.player = self.player.clone();
        }
        self
    }

    /// What the app has asked for and not yet handed over (the effects of
    /// building it: a resumed game, bands asked for at the start). The
    /// runtime takes them once, before the first event.
    pub fn pending(&mut self) -> Vec<Effect> {
        self.effects()
    }

    /// The effects asked for so far, with the jobs the state now wants
    /// started (or the ones it no longer wants cancelled).
    fn effects(&mut self) -> Vec<Effect> {
        let wanted = [
            self.band_request().map(|(generation, cfg)| Job::Bands {
                generation,
                cfg: Box::new(cfg),
            }),
            self.best_request().map(|(id, problem)| Job::Best {
                id,
                problem: Box::new(problem),
            }),
            self.refit_request().map(|(id, job)| Job::Refit {
                id,
                job: Box::new(job),
            }),
        ];
        for (i, (want, kind)) in wanted.into_iter().zip(JobKind::ALL).enumerate() {
            match want {
                Some(job) if self.asked[i] != Some(job.id()) => {
                    self.asked[i] = Some(job.id());
                    self.out.push(Effect::Spawn(job));
                }
                None if self.asked[i].is_some() => {
                    self.asked[i] = None;
                    self.out.push(Effect::Cancel(kind));
                }
                _ => {}
            }
        }
        std::mem::take(&mut self.out)
    }

    pub(crate) fn emit(&mut self, effect: Effect) {
        self.out.push(effect);
    }

    /// Applies one action: with [`App::receive`], the only place the state
    /// changes. Nothing is written, read or started here: what the action
    /// needs from the world comes back as effects for the runtime.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.apply(action);
        self.effects()
    }

    /// Applies one action, its effects kept for the caller of [`App::update`].
    pub(crate) fn apply(&mut self, action: Action) {
        if action == Action::Tick {
            self.tick();
            return;
        }
        self.status = None;
        if action == Action::Quit {
            self.emit(Effect::Quit);
            return;
        }
        if action == Action::RequestQuit && self.mode == Mode::Normal {
            self.leave(Leave::Quit);
            return;
        }
        match self.mode {
            Mode::Normal if self.program.play().is_some() => self.play_action(action),
            Mode::Normal => {
                if !self.lesson_action(action) {
                    self.normal(action);
                }
            }
            Mode::Editing { .. } => self.editing(action),
            Mode::Help | Mode::Tornado { .. } => match action {
                Action::Cancel => self.mode = Mode::Normal,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll = (self.help_scroll + 1).min(HELP_SCROLL_MAX),
                Action::Coarse(n) if n < 0 => {
                    self.help_scroll = self.help_scroll.saturating_sub(10)
                }
                Action::Coarse(_) => {
                    self.help_scroll = (self.help_scroll + 10).min(HELP_SCROLL_MAX)
                }
                _ => {}
            },
            Mode::Picker { .. } => self.picker(action),
            Mode::Prompt { .. } => self.prompt(action),
            Mode::Message { .. } => self.message_input(action),
            Mode::Confirm { .. } => self.confirm(action),
            Mode::Predict { .. } => self.predict(action),
            Mode::Best => self.best_action(action),
            Mode::Refit => self.refit_action(action),
            Mode::Leave { then } => match action {
                Action::Yes => {
                    self.mode = Mode::Normal;
                    self.go(then);
                }
                Action::No | Action::Cancel => {
                    self.mode = Mode::Normal;
                    status!(
                        self,
                        info,
                        if self.program.play().is_some() {
                            crate::i18n::tr("nothing lost: s saves the session")
                        } else {
                            crate::i18n::tr("nothing lost: s saves the scenario, S the session")
                        }
                    );
                }
                _ => {}
            },
        }
    }

    /// The work as it stands, to compare with the last save.
    pub(crate) fn work(&self) -> Work {
        match self.program.play() {
            Some(p) => Work::Play(p.game.period, p.game.decisions.len(), p.game.pending.len()),
            None => {
                let answered = self
                    .program
                    .lesson()
                    .map_or(0, |l| l.answers.iter().flatten().count());
                Work::Explore(Box::new(self.config.params), answered)
            }
        }
    }

    /// Whether there is work a save would keep that has not been saved:
    /// changed parameters or answers while exploring, a game begun in play.
    pub fn unsaved(&self) -> bool {
        self.work() != self.saved
    }

    /// Quits or opens the picker, asking first when work is unsaved.
    pub(crate) fn leave(&mut self, then: Leave) {
        if self.unsaved() {
            self.mode = Mode::Leave { then };
        } else {
            self.go(then);
        }
    }

    fn go(&mut self, then: Leave) {
        match then {
            Leave::Quit => self.emit(Effect::Quit),
            Leave::Open => self.open_picker(),
        }
    }

    /// Replaces the scenario: a fresh start with the run as loaded as baseline.
    pub(crate) fn load(&mut self, scenario: Scenario) {
        let player = std::mem::take(&mut self.player);
        let out = std::mem::take(&mut self.out);
        let (asked, gate, speed) = (self.asked, self.gate, self.speed);
        *self = App::new(scenario);
        self.player = player;
        self.out = out;
        self.asked = asked;
        self.gate = gate;
        self.speed = speed;
    }
}
