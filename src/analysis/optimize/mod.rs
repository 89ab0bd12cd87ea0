//! The best steady policy: the constant values of chosen decisions, each
//! within its range, that maximise a summary metric while the model's rules
//! (`rd_share + sales_share <= 1`) and the given conditions (`min_cash >= 0`)
//! hold.
//!
//! The search is global and derivative-free: a quasi-random (Halton) sample
//! of the box, then COBYLA (constrained optimisation by linear
//! approximation, from the `cobyla` crate) from the best few samples in
//! parallel, a polish from the best result, and a final rounding of each
//! value to the fewest digits that keep the objective. Candidates are ranked
//! feasibility first, with the same conditions `check`, lessons and play
//! scoring use, so a reported optimum always meets them exactly. The
//! reported objective is the metric of a plain run with the reported values,
//! so `flywheel run --set KEY=VALUE ...` shows the same figure.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::analysis::range::{Form, RangeError};
use crate::i18n::trf;
use crate::model::{Metric, ParamId, ParamSpec, Summary, metric};
use crate::scenario::lesson::unknown_metric;

mod problem;
mod search;

pub use problem::{Evaluation, Problem, ProblemError, default_constraints, default_objective};

/// The objective when none is named.
pub const DEFAULT_OBJECTIVE: &str = "value";
/// The constraint when none is given.
pub const DEFAULT_CONSTRAINT: &str = "min_cash >= 0";
/// How close to the best a value must stay to count as part of the flat top.
pub const FLAT_SHARE: f64 = 0.01;
/// The most decisions one search takes.
pub const MAX_DECISIONS: usize = 12;

/// The model's rule tying the two shares together, as written in reports.
pub const SHARES_RULE: &str = "product.rd_share + sales.sales_share <= 1";

/// One decision to search and its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decide {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The lowest value searched.
    pub lo: f64,
    /// The highest value searched.
    pub hi: f64,
}

impl Decide {
    /// A decision over its slider's drawn range (`ui_min..ui_max`), kept valid.
    pub fn slider(id: ParamId) -> Decide {
        Decide::slider_in(id, 1.0)
    }

    /// A decision over its slider's drawn range in a period `weeks` weeks long.
    pub fn slider_in(id: ParamId, weeks: f64) -> Decide {
        let spec = ParamSpec::of(id).in_period(weeks);
        let (lo, hi) = crate::scenario::play::slider_range(spec);
        Decide { spec, lo, hi }
    }
}

impl Decide {
    /// This range widened, within the parameter's valid range, to hold
    /// `v` with room on its side: to twice `v` above, half `v` below.
    pub fn holding(self, v: f64) -> Decide {
        let (mut lo, mut hi) = (self.lo, self.hi);
        if v > hi {
            hi = self.spec.clamp(2.0 * v);
        }
        if v < lo {
            lo = self.spec.clamp(v / 2.0);
        }
        Decide { lo, hi, ..self }
    }
}

/// How `optimize --decide` writes a range: a bare key takes its slider's.
pub const DECIDE: Form = Form {
    flag: "--decide",
    syntax: "section.key=LOW..HIGH",
    example: "pricing.price=50..200",
    bare: true,
    suffix: None,
    strict: false,
};

/// Parses `section.key=LOW..HIGH` (or a bare `section.key`: its slider's range).
pub fn parse_decide(text: &str) -> Result<Decide, RangeError> {
    parse_decide_in(text, 1.0)
}

/// [`parse_decide`] for a scenario whose period is `weeks` weeks long.
pub fn parse_decide_in(text: &str, weeks: f64) -> Result<Decide, RangeError> {
    let parsed = DECIDE.parse_in(text, weeks)?;
    let spec = parsed.spec;
    let Some((lo, hi)) = parsed.bounds else {
        return Ok(Decide::slider_in(spec.id, weeks));
    };
    Ok(Decide { spec, lo, hi })
}

/// Parses an objective's name, suggesting the nearest metric.
pub fn parse_objective(name: &str) -> Result<&'static Metric, crate::i18n::Text> {
    metric(name.trim()).ok_or_else(|| unknown_metric(name.trim()))
}

/// Which end of its range a decision sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// The lower end.
    Low,
    /// The upper end.
    High,
}

/// One decision of the optimum.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The parameter.
    pub id: ParamId,
    /// The best value, rounded to the digits that matter.
    pub value: f64,
    /// The value in the run as loaded.
    pub loaded: f64,
    /// The range searched.
    pub range: (f64, f64),
    /// The end of the range it sits on, if any.
    pub on_bound: Option<Bound>,
    /// The values of this decision (others held at the optimum) that keep the
    /// objective within [`FLAT_SHARE`] of the best and every condition met.
    pub flat: (f64, f64),
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimum {
    /// One entry per decision, in the problem's order.
    pub decisions: Vec<Choice>,
    /// The objective's name.
    pub objective_name: &'static str,
    /// The objective at the optimum: what a plain run with those values reports.
    pub objective: f64,
    /// The objective of the run as loaded (`None` where undefined).
    pub loaded: Option<f64>,
    /// Whether the run as loaded meets every condition and rule.
    pub loaded_feasible: bool,
    /// The summary at the optimum.
    pub summary: Summary,
    /// The summary of the run as loaded.
    pub loaded_summary: Summary,
    /// The conditions (as written) and model rules the optimum sits on.
    pub binding: Vec<String>,
    /// Model runs the search took.
    pub evaluations: usize,
}

impl Optimum {
    /// The decisions as `(parameter, value)` pairs.
    pub fn values(&self) -> Vec<(ParamId, f64)> {
        self.decisions.iter().map(|c| (c.id, c.value)).collect()
    }

    /// The decisions as `--set` assignments (`pricing.price=117.5`).
    pub fn assignments(&self) -> Vec<String> {
        self.decisions
            .iter()
            .map(|c| format!("{}={}", ParamSpec::of(c.id).key, c.value))
            .collect()
    }
}

/// Why a search gave no optimum.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimizeError {
    /// The problem itself is malformed (the message says how).
    #[error("{0}")]
    Invalid(ProblemError),
    /// No value in the ranges meets every condition; the least bad point is given.
    #[error("{}", trf(
        "no policy within the ranges meets {}; the closest, {}, breaks {}",
        &[.conditions, .closest, .broken],
    ))]
    Infeasible {
        /// The conditions and rules, as written, joined.
        conditions: String,
        /// The closest point, as `key=value` pairs.
        closest: String,
        /// What it breaks.
        broken: String,
    },
    /// Stopped by Ctrl-C.
    #[error("{}", crate::interrupt::Cancelled)]
    Cancelled,
}

/// Finds the best steady policy. `progress` is told the share done (0..=1).
pub fn optimize(
    problem: &Problem,
    progress: &(dyn Fn(f64) + Sync),
) -> Result<Optimum, OptimizeError> {
    optimize_until(problem, progress, &crate::interrupt::Stop::new())
}

/// Like [`optimize`], stopped early ([`OptimizeError::Cancelled`]) when `stop` is.
pub fn optimize_until(
    problem: &Problem,
    progress: &(dyn Fn(f64) + Sync),
    stop: &crate::interrupt::Stop,
) -> Result<Optimum, OptimizeError> {
    problem.validate().map_err(OptimizeError::Invalid)?;
    search::Search::new(problem, stop.clone()).run(progress)
}

/// Like [`optimize`], but remembers results: the same problem is searched once per process.
pub fn optimize_cached(problem: &Problem) -> Result<Arc<Optimum>, OptimizeError> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Optimum>>>> = OnceLock::new();
    let key = format!("{problem:?}");
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(hit);
    }
    let found = Arc::new(optimize(problem, &|_| {})?);
    if let Ok(mut c) = cache.lock() {
        if c.len() > 256 {
            c.clear();
        }
        c.insert(key, Arc::clone(&found));
    }
    Ok(found)
}

#[cfg(test)]
mod tests;
