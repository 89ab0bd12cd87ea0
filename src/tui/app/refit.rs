//! Refitting the model to the history loaded with `tui --data`: `x` marks
//! the parameters to fit (`~` in the list), `F` fits them (a lesson step's
//! unlocked sliders, or the default set of `flywheel fit`, when none are
//! marked) on a worker thread, with progress shown and the screen never
//! frozen; Enter applies the fitted values (one `u` undoes it). The fit is
//! [`crate::analysis::fit::fit`] with its default options, the same one
//! `flywheel fit` runs, intervals included.

use super::{App, Mode};
use crate::analysis::fit::FitError;
use crate::analysis::fit::{self, DEFAULT_PARAMS, Fit, FitOptions, FitParam, MAX_PARAMS};
use crate::analysis::history::History;
use crate::model::{Config, ParamId, ParamSpec};
use crate::tui::action::Action;

/// The status messages of the refit, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn no_history() -> &'static str {
        tr("no history to fit: open it with flywheel tui FILE --data CSV")
    }
    pub fn not_in_play() -> &'static str {
        tr("fitting to history is for exploring, not for play")
    }
    pub fn whole_numbers(label: &str) -> String {
        trf(
            "{} takes whole numbers only and cannot be fitted",
            &[&label],
        )
    }
    pub fn locked(label: &str) -> String {
        trf("{} is locked in this step", &[&label])
    }
    pub fn marked(label: &str, n: usize) -> String {
        trf("{} marked for the fit ({} marked; F fits)", &[&label, &n])
    }
    pub fn unmarked(label: &str, n: usize) -> String {
        trf("{} no longer marked ({} marked)", &[&label, &n])
    }
    pub fn too_many(max: usize) -> String {
        trf(
            "a fit takes at most {} parameters; unmark one first",
            &[&max],
        )
    }
    pub fn nothing() -> &'static str {
        tr("no slider of this step can be fitted")
    }
    pub fn stale() -> &'static str {
        tr("the settings changed since the fit: F fits again")
    }
    pub fn not_found() -> &'static str {
        tr("no fit to apply")
    }
    pub fn applied(n: usize) -> String {
        trf("fitted values applied ({} parameters; u undoes)", &[&n])
    }
}

/// A fit to the history and where it stands.
#[derive(Debug, Clone)]
pub struct Refit {
    /// This request (the worker's reports carry it; older ones are dropped).
    pub id: u64,
    /// The parameter generation it was asked for (stale once they change).
    pub generation: u64,
    /// What the worker fits.
    pub job: RefitJob,
    /// Bootstrap refits done so far (the intervals' part of the work).
    pub refits: usize,
    /// The result, once the fit is over (an error says why there is none).
    pub result: Option<Result<Box<Fit>, FitError>>,
}

impl Refit {
    /// The share of the work done, 0..=1, once the intervals are under way
    /// (`None` while the best fit itself is searched).
    pub fn progress(&self) -> Option<f64> {
        match (&self.result, self.refits) {
            (Some(_), _) => Some(1.0),
            (None, 0) => None,
            (None, n) => Some(n as f64 / self.job.options.bootstrap.max(1) as f64),
        }
    }
}

/// What a worker needs to fit: the run as it stands, the history, the
/// parameters with their ranges, and how hard to search.
#[derive(Debug, Clone)]
pub struct RefitJob {
    /// The current configuration (the fit starts from its values).
    pub config: Config,
    /// The observed series.
    pub history: History,
    /// The parameters fitted, with the ranges searched.
    pub params: Vec<FitParam>,
    /// The search and bootstrap sizes.
    pub options: FitOptions,
}

impl RefitJob {
    /// Runs the fit, telling `progress` each bootstrap refit done.
    pub fn run(&self, progress: &(dyn Fn(usize) + Sync)) -> Result<Box<Fit>, FitError> {
        self.run_until(progress, &crate::interrupt::Stop::new())
    }

    /// Like [`RefitJob::run`], stopped early when `stop` is.
    pub fn run_until(
        &self,
        progress: &(dyn Fn(usize) + Sync),
        stop: &crate::interrupt::Stop,
    ) -> Result<Box<Fit>, FitError> {
        fit::fit_until(
            &self.config,
            &self.history,
            &self.params,
            &self.options,
            progress,
            stop,
        )
        .map(Box::new)
    }
}

impl App {
    /// The history drawn on the charts (`tui --data`), if any.
    pub fn actuals(&self) -> Option<&History> {
        self.actuals.as_ref()
    }

    /// The parameters marked with `x` for the fit, in the order marked.
    pub fn fit_marks(&self) -> &[ParamId] {
        &self.fit_marks
    }

    /// The parameters `F` fits now: the marked ones (within a lesson step's
    /// unlocked sliders), else the step's unlocked sliders, else
    /// [`DEFAULT_PARAMS`]; never a whole-number one.
    pub fn refit_params(&self) -> Vec<ParamId> {
        let fittable = |id: &ParamId| !ParamSpec::of(*id).integer;
        let unlocked = self.unlocked();
        let marked: Vec<ParamId> = self
            .fit_marks
            .iter()
            .copied()
            .filter(|id| unlocked.is_none_or(|u| u.contains(id)))
            .collect();
        let ids = match (marked.is_empty(), unlocked) {
            (false, _) => marked,
            (true, Some(u)) => u.to_vec(),
            (true, None) => DEFAULT_PARAMS.to_vec(),
        };
        ids.into_iter().filter(fittable).take(MAX_PARAMS).collect()
    }

    /// The last fit to the history, if one was asked for.
    pub fn refit(&self) -> Option<&Refit> {
        self.refit.as_ref()
    }

    /// A fit the app is waiting for: its id and the job. The event loop
    /// hands it to a worker thread.
    pub fn refit_request(&self) -> Option<(u64, RefitJob)> {
        let r = self.refit.as_ref()?;
        r.result.is_none().then(|| (r.id, r.job.clone()))
    }

    /// Whether the fit was made from the parameters as they are now.
    pub fn refit_is_current(&self) -> bool {
        self.refit
            .as_ref()
            .is_some_and(|r| r.generation == self.generation)
    }

    /// `x`: marks the selected parameter for the fit, or unmarks it.
    pub(super) fn toggle_fit_mark(&mut self) {
        if self.actuals.is_none() {
            status!(self, error, text::no_history());
            return;
        }
        let spec = &crate::model::PARAMS[self.selected];
        let label = crate::i18n::tr(spec.label);
        if let Some(at) = self.fit_marks.iter().position(|id| *id == spec.id) {
            self.fit_marks.remove(at);
            status!(self, info, text::unmarked(label, self.fit_marks.len()));
            return;
        }
        if spec.integer {
            status!(self, error, text::whole_numbers(label));
        } else if self.unlocked().is_some_and(|u| !u.contains(&spec.id)) {
            status!(self, error, text::locked(label));
        } else if self.fit_marks.len() >= MAX_PARAMS {
            status!(self, error, text::too_many(MAX_PARAMS));
        } else {
            self.fit_marks.push(spec.id);
            status!(self, info, text::marked(label, self.fit_marks.len()));
        }
    }

    /// `F`: shows the fit of the current parameters to the history,
    /// starting it unless one for them is already under way or done.
    pub(super) fn open_refit(&mut self) {
        if self.program.play().is_some() {
            status!(self, info, text::not_in_play());
            return;
        }
        let Some(history) = self.actuals.as_ref() else {
            status!(self, error, text::no_history());
            return;
        };
        let ids = self.refit_params();
        if ids.is_empty() {
            status!(self, error, text::nothing());
            return;
        }
        let same = self.refit.as_ref().is_some_and(|r| {
            r.generation == self.generation
                && r.job
                    .params
                    .iter()
                    .map(|p| p.spec.id)
                    .eq(ids.iter().copied())
        });
        if !same {
            let params = ids
                .iter()
                .map(|id| {
                    let weeks = crate::scenario::period::weeks(&self.scenario.period_label);
                    FitParam::around_in(*id, &self.config.params, weeks)
                })
                .collect();
            // The fit is of the past: from the start, without "now".
            let config = crate::model::Config {
                now: None,
                ..self.run_config()
            };
            let job = RefitJob {
                config,
                history: history.clone(),
                params,
                options: FitOptions::default(),
            };
            let id = self.refit.as_ref().map_or(1, |r| r.id + 1);
            self.refit = Some(Refit {
                id,
                generation: self.generation,
                job,
                refits: 0,
                result: None,
            });
        }
        self.mode = Mode::Refit;
    }

    /// The fit's overlay: Enter applies it, Esc closes (the fit goes on).
    pub(super) fn refit_action(&mut self, action: Action) {
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => self.apply_refit(),
            Action::Refit => self.open_refit(),
            _ => {}
        }
    }

    fn apply_refit(&mut self) {
        let values: Vec<(ParamId, f64)> = match self.refit.as_ref().and_then(|r| r.result.as_ref())
        {
            Some(Ok(f)) => f
                .params
                .iter()
                .map(|p| (p.param.spec.id, p.value))
                .collect(),
            _ => {
                status!(self, error, text::not_found());
                return;
            }
        };
        let current = self.refit_is_current();
        let n = values.len();
        let stale = super::Status::new(true, || text::stale().to_string());
        let applied = super::Status::new(false, || text::applied(n));
        self.apply_found(&values, current, stale, applied);
    }

    /// A background report: this many bootstrap refits are done.
    pub(super) fn refit_progress(&mut self, id: u64, refits: usize) {
        if let Some(r) = self.refit.as_mut().filter(|r| r.id == id) {
            r.refits = r.refits.max(refits);
        }
    }

    /// The fit's result; one for an older request is dropped.
    pub(super) fn refit_found(&mut self, id: u64, result: Result<Box<Fit>, FitError>) {
        if let Some(r) = self.refit.as_mut().filter(|r| r.id == id) {
            r.result = Some(result);
        }
    }
}

#[cfg(test)]
mod tests;
