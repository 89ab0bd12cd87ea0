//! What the best steady policy would do: `O` searches it for the sliders in
//! view (a lesson step's unlocked sliders; otherwise the shares, price and
//! base budgets) on a worker thread, with progress shown and the screen
//! never frozen; Enter applies the suggestion (one `u` undoes it). The search
//! is [`crate::analysis::optimize`], the same one `flywheel optimize` and
//! play scoring use. Not offered in play mode.

use crate::analysis::optimize::OptimizeError;
use std::sync::atomic::{AtomicU32, Ordering};

use super::{App, Mode};
use crate::analysis::optimize::{self, Decide, Optimum, Problem};
use crate::model::{ParamId, ParamSpec};
use crate::tui::action::Action;
use crate::tui::msg::Msg;

/// The parameters searched when no lesson step limits the sliders (the
/// parameter table's best set).
pub use crate::model::BEST_DEFAULT;

/// Runs the search `id` asks for (on a worker: the TUI's thread, the
/// server's blocking pool), telling `report` each whole percent of progress;
/// the result, as the message for [`App::receive`].
pub fn search(id: u64, problem: &Problem, report: &(dyn Fn(Msg) + Sync)) -> Msg {
    let last = AtomicU32::new(0);
    let progress = |share: f64| {
        let pct = (share.clamp(0.0, 1.0) * 100.0) as u32;
        if pct > last.fetch_max(pct, Ordering::Relaxed) {
            report(Msg::BestProgress { id, share });
        }
    };
    let result = optimize::optimize(problem, &progress).map(Box::new);
    Msg::Best { id, result }
}

/// The status messages of the search, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn none_in_view() -> &'static str {
        tr("no sliders move in this step: nothing to search")
    }
    pub fn not_in_play() -> &'static str {
        tr("the best steady policy is for exploring; in play the debrief shows it")
    }
    pub fn stale() -> &'static str {
        tr("the settings changed since the search: O searches again")
    }
    pub fn not_found() -> &'static str {
        tr("no suggestion to apply")
    }
    pub fn applied(n: usize) -> String {
        trf("best steady policy applied ({} sliders; u undoes)", &[&n])
    }
}

/// A search for the best steady policy and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    /// This request (the worker's results carry it; older ones are dropped).
    pub id: u64,
    /// The parameter generation it was asked for (stale once they change).
    pub generation: u64,
    /// The search itself.
    pub problem: Problem,
    /// The share done, 0..=1.
    pub progress: f64,
    /// The result, once the search is over (an error says why there is none).
    pub result: Option<Result<Box<Optimum>, OptimizeError>>,
}

impl App {
    /// The parameters `O` searches now: the step's unlocked sliders, else [`BEST_DEFAULT`].
    pub fn best_params(&self) -> Vec<ParamId> {
        match self.unlocked() {
            Some(u) => u.to_vec(),
            None => BEST_DEFAULT.to_vec(),
        }
    }

    /// The search of the best steady policy, if one was asked for.
    pub fn best(&self) -> Option<&Best> {
        self.best.as_ref()
    }

    /// A search the app is waiting for: its id and the problem. The event
    /// loop hands it to a worker thread.
    pub fn best_request(&self) -> Option<(u64, Problem)> {
        let b = self.best.as_ref()?;
        b.result.is_none().then(|| (b.id, b.problem.clone()))
    }

    /// Whether the search result was computed for the parameters as they are now.
    pub fn best_is_current(&self) -> bool {
        self.best
            .as_ref()
            .is_some_and(|b| b.generation == self.generation)
    }

    /// `O`: shows the search for the current parameters, starting it unless
    /// one for them is already under way or done.
    pub(super) fn open_best(&mut self) {
        if self.program.play().is_some() {
            status!(self, info, text::not_in_play());
            return;
        }
        let ids = self.best_params();
        if ids.is_empty() {
            status!(self, error, text::none_in_view());
            return;
        }
        let same = self.best.as_ref().is_some_and(|b| {
            b.generation == self.generation
                && b.problem
                    .decide
                    .iter()
                    .map(|d| d.spec.id)
                    .eq(ids.iter().copied())
        });
        if !same {
            let s = &self.scenario.play;
            let decide = ids
                .iter()
                .map(|id| {
                    let (lo, hi) = s.range(*id);
                    Decide {
                        spec: ParamSpec::of(*id),
                        lo,
                        hi,
                    }
                })
                .collect();
            let problem = Problem {
                base: self.run_config(),
                decide,
                objective: s.objective,
                constraints: s.require.clone(),
                costs: Vec::new(),
            };
            let id = self.best.as_ref().map_or(1, |b| b.id + 1);
            self.best = Some(Best {
                id,
                generation: self.generation,
                problem,
                progress: 0.0,
                result: None,
            });
        }
        self.mode = Mode::Best;
    }

    /// The suggestion's overlay: Enter applies it, Esc closes (the search goes on).
    pub(super) fn best_action(&mut self, action: Action) {
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => self.apply_best(),
            Action::BestPolicy => self.open_best(),
            _ => {}
        }
    }

    fn apply_best(&mut self) {
        let values = match self.best.as_ref().and_then(|b| b.result.as_ref()) {
            Some(Ok(o)) => o.values(),
            _ => {
                status!(self, error, text::not_found());
                return;
            }
        };
        let current = self.best_is_current();
        let n = values.len();
        let stale = super::Status::new(true, || text::stale().to_string());
        let applied = super::Status::new(false, || text::applied(n));
        self.apply_found(&values, current, stale, applied);
    }

    /// A background report on the search: progress or the result.
    pub(super) fn best_progress(&mut self, id: u64, share: f64) {
        if let Some(b) = self.best.as_mut().filter(|b| b.id == id) {
            b.progress = share.clamp(0.0, 1.0).max(b.progress);
        }
    }

    /// The search's result; one for an older request is dropped.
    pub(super) fn best_found(&mut self, id: u64, result: Result<Box<Optimum>, OptimizeError>) {
        if let Some(b) = self.best.as_mut().filter(|b| b.id == id) {
            b.progress = 1.0;
            b.result = Some(result);
        }
    }
}
