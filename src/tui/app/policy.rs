//! The best steady policy on one key (explore mode only): the sliders in
//! view (a lesson step's unlocked ones, otherwise the shares, the price and
//! the base budgets) are searched in the background from the current
//! settings, each within its drawn range, for the most total profit with
//! cash never below zero. The suggestion is shown beside the current values
//! and applied on Enter as one undoable change.

use std::sync::Arc;

use super::{App, Mode};
use crate::analysis::optimize::{Decide, Optimum, Problem};
use crate::i18n::{tr, trf};
use crate::model::{ParamId, ParamSpec, fmt_num};
use crate::tui::action::Action;

/// The sliders searched when no lesson step says otherwise.
pub const POLICY_DEFAULT: [ParamId; 5] = [
    ParamId::RdShare,
    ParamId::SalesShare,
    ParamId::Price,
    ParamId::RdBase,
    ParamId::SalesBase,
];

/// A search in progress or done.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySearch {
    /// The parameter set it searches from.
    pub generation: u64,
    /// The sliders searched.
    pub keys: Vec<ParamId>,
    /// The share done (0..=1).
    pub progress: f64,
    /// The suggestion, or why there is none; `None` while searching.
    pub result: Option<Result<Arc<Optimum>, String>>,
    /// Whether the search has been handed to the worker.
    requested: bool,
}

impl App {
    /// The sliders the search would move now.
    pub fn policy_keys(&self) -> Vec<ParamId> {
        match self.unlocked() {
            Some(keys) => keys.to_vec(),
            None => POLICY_DEFAULT.to_vec(),
        }
    }

    /// The search problem for the current settings and the sliders in view.
    pub fn policy_problem(&self, keys: &[ParamId]) -> Problem {
        Problem::new(
            self.config.clone(),
            keys.iter().map(|id| Decide::slider(*id)).collect(),
        )
    }

    pub(super) fn open_policy(&mut self) {
        if self.play.is_some() {
            return;
        }
        let keys = self.policy_keys();
        if keys.is_empty() {
            self.info(tr(
                "this step unlocks no slider: there is no policy to search",
            ));
            return;
        }
        self.mode = Mode::Policy(Box::new(PolicySearch {
            generation: self.generation,
            keys,
            progress: 0.0,
            result: None,
            requested: false,
        }));
    }

    /// A search the app is waiting for: the event loop hands it to a worker thread once.
    pub fn take_policy_request(&mut self) -> Option<(u64, Problem)> {
        let Mode::Policy(p) = &self.mode else {
            return None;
        };
        if p.requested || p.result.is_some() {
            return None;
        }
        let (generation, keys) = (p.generation, p.keys.clone());
        let problem = self.policy_problem(&keys);
        if let Mode::Policy(p) = &mut self.mode {
            p.requested = true;
        }
        Some((generation, problem))
    }

    pub(super) fn policy_progress(&mut self, generation: u64, done: f64) {
        if let Mode::Policy(p) = &mut self.mode
            && p.generation == generation
            && p.result.is_none()
        {
            p.progress = done.clamp(0.0, 1.0);
        }
    }

    pub(super) fn policy_result(&mut self, generation: u64, result: Result<Box<Optimum>, String>) {
        if let Mode::Policy(p) = &mut self.mode
            && p.generation == generation
            && p.result.is_none()
        {
            p.progress = 1.0;
            p.result = Some(result.map(Arc::from));
        }
    }

    pub(super) fn policy(&mut self, action: Action) {
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => {
                let Mode::Policy(p) = &self.mode else {
                    return;
                };
                let Some(Ok(o)) = &p.result else {
                    return;
                };
                let mut params = self.config.params;
                for (id, v) in o.values() {
                    params[id] = v;
                }
                let changed: Vec<String> = o
                    .decisions
                    .iter()
                    .filter(|c| c.value != self.config.params[c.id])
                    .map(|c| format!("{}={}", ParamSpec::of(c.id).key, fmt_num(c.value)))
                    .collect();
                self.mode = Mode::Normal;
                if changed.is_empty() {
                    self.info(tr("already the best steady policy: nothing to change"));
                } else {
                    let message = trf(
                        "best steady policy applied: {} (u undoes it)",
                        &[&changed.join(", ")],
                    );
                    self.try_set(params, message);
                }
            }
            _ => {}
        }
    }
}
