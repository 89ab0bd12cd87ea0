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

use crate::analysis::range::Form;
use crate::i18n::{tr, trf};
use crate::model::{
    Config, Metric, ParamId, ParamSpec, Params, Summary, fmt_num, metric, simulate, summarize,
};
use crate::scenario::lesson::{Condition, Op, parse_condition, unknown_metric};
use crate::scenario::load::check_value;

mod search;
#[cfg(test)]
mod tests;

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
        let spec = ParamSpec::of(id);
        let (lo, hi) = crate::scenario::play::slider_range(spec);
        Decide { spec, lo, hi }
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
pub fn parse_decide(text: &str) -> Result<Decide, String> {
    let parsed = DECIDE.parse(text).map_err(|e| e.text())?;
    let spec = parsed.spec;
    let Some((lo, hi)) = parsed.bounds else {
        return Ok(Decide::slider(spec.id));
    };
    Ok(Decide { spec, lo, hi })
}

/// Parses an objective's name, suggesting the nearest metric.
pub fn parse_objective(name: &str) -> Result<&'static Metric, String> {
    metric(name.trim()).ok_or_else(|| unknown_metric(name.trim()))
}

/// A search: the run to start from, the decisions, what to maximise and
/// the conditions that must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The run as loaded (its values of the decisions are the "loaded" policy).
    pub base: Config,
    /// The decisions, each once.
    pub decide: Vec<Decide>,
    /// The metric to maximise.
    pub objective: &'static Metric,
    /// Conditions the run must meet (`baseline` in them is the run as loaded).
    pub constraints: Vec<Condition>,
    /// Cash charged once per unit a decision moves from its loaded value (as `[play.costs]`).
    pub costs: Vec<(ParamId, f64)>,
}

impl Problem {
    /// A problem with the default objective (`value`) and constraint (`min_cash >= 0`).
    pub fn new(base: Config, decide: Vec<Decide>) -> Problem {
        Problem {
            base,
            decide,
            objective: default_objective(),
            constraints: default_constraints(),
            costs: Vec::new(),
        }
    }

    /// Checks the problem's shape: at least one decision, none twice, ranges inside the valid values.
    pub fn validate(&self) -> Result<(), String> {
        if self.decide.is_empty() {
            return Err(tr(
                "name at least one decision to search, such as --decide pricing.price=50..200",
            )
            .into());
        }
        if self.decide.len() > MAX_DECISIONS {
            return Err(trf(
                "{} decisions; a search takes at most {}",
                &[&self.decide.len(), &MAX_DECISIONS],
            ));
        }
        for (i, d) in self.decide.iter().enumerate() {
            if self.decide[..i].iter().any(|e| e.spec.id == d.spec.id) {
                return Err(trf("{} is named twice as a decision", &[&d.spec.key]));
            }
            if d.lo.partial_cmp(&d.hi).is_none_or(|o| o.is_gt()) {
                return Err(trf(
                    "{}: the range {}..{} is empty",
                    &[&d.spec.key, &fmt_num(d.lo), &fmt_num(d.hi)],
                ));
            }
            for v in [d.lo, d.hi] {
                check_value(d.spec, v)?;
            }
        }
        Ok(())
    }

    /// The run with `values` (one per decision) in place of the loaded ones.
    pub fn config(&self, values: &[f64]) -> Config {
        let mut cfg = self.base.clone();
        for (d, v) in self.decide.iter().zip(values) {
            let loaded = self.base.params[d.spec.id];
            let per = self
                .costs
                .iter()
                .find(|(id, _)| *id == d.spec.id)
                .map_or(0.0, |(_, per)| *per);
            if per != 0.0 && *v != loaded {
                cfg.params[ParamId::InitialCash] -= per * (v - loaded).abs();
            }
            cfg.params[d.spec.id] = *v;
        }
        cfg
    }

    /// The values of the decisions in the run as loaded.
    pub fn loaded_values(&self) -> Vec<f64> {
        self.decide
            .iter()
            .map(|d| self.base.params[d.spec.id])
            .collect()
    }

    /// Runs the model with `values` and judges the run.
    pub fn evaluate(&self, values: &[f64], baseline: &Summary) -> Evaluation {
        let cfg = self.config(values);
        let rule_slack = rule_slack(&cfg);
        let summary = summarize(&simulate(&cfg));
        let objective = (self.objective.get)(&summary).filter(|v| v.is_finite());
        let slack = self
            .constraints
            .iter()
            .map(|c| condition_slack(c, &summary, baseline))
            .collect();
        let broken = self
            .constraints
            .iter()
            .enumerate()
            .filter(|(_, c)| c.met(&summary, baseline) != Some(true))
            .map(|(i, _)| i)
            .collect();
        Evaluation {
            values: values.to_vec(),
            summary,
            objective,
            rule_slack,
            slack,
            broken,
        }
    }
}

/// The default objective, `value`: discounted profit plus the value of the end state.
pub fn default_objective() -> &'static Metric {
    metric(DEFAULT_OBJECTIVE).unwrap_or(&crate::model::METRICS[0])
}

/// The default constraints, `min_cash >= 0`.
pub fn default_constraints() -> Vec<Condition> {
    parse_condition(DEFAULT_CONSTRAINT).into_iter().collect()
}

/// One judged run.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The decisions' values.
    pub values: Vec<f64>,
    /// The run's summary.
    pub summary: Summary,
    /// The objective (`None` where the metric is undefined).
    pub objective: Option<f64>,
    /// How far the model's rules are from breaking (negative: broken), over the whole timeline.
    pub rule_slack: f64,
    /// Each constraint's margin, scaled (negative: broken; `-1` where undefined).
    pub slack: Vec<f64>,
    /// The constraints the run breaks, by index.
    pub broken: Vec<usize>,
}

impl Evaluation {
    /// Whether the run keeps the rules, meets every constraint and has an objective.
    pub fn feasible(&self) -> bool {
        self.rule_slack >= 0.0 && self.broken.is_empty() && self.objective.is_some()
    }

    /// How badly the run breaks the rules and constraints (0 when it breaks none).
    fn violation(&self) -> f64 {
        let mut v = (-self.rule_slack).max(0.0) * 1e3;
        for s in &self.slack {
            v += (-s).max(0.0);
        }
        if !self.broken.is_empty() && v == 0.0 {
            // Met only up to rounding, or a strict comparison at equality.
            v = 1e-12 * self.broken.len() as f64;
        }
        if self.objective.is_none() {
            v += 1.0;
        }
        v
    }

    /// Feasibility first, then the higher objective.
    fn better_than(&self, other: &Evaluation) -> bool {
        match (self.feasible(), other.feasible()) {
            (true, false) => true,
            (false, true) => false,
            (true, true) => self.objective > other.objective,
            (false, false) => self.violation() < other.violation(),
        }
    }
}

/// Margin of the model's cross-field rules at the start and after each event
/// (1 - rd_share - sales_share, and the customers' share of the market left).
fn rule_slack(cfg: &Config) -> f64 {
    let slack = |p: &Params| {
        let shares = 1.0 - p[ParamId::RdShare] - p[ParamId::SalesShare];
        let size = p[ParamId::MarketSize];
        let customers = if size > 0.0 {
            (size - p[ParamId::InitialCustomers]) / size
        } else {
            0.0
        };
        // Anything else the model refuses counts as broken.
        let other = if p.cross_field_errors().is_empty() || shares < 0.0 || customers < 0.0 {
            f64::INFINITY
        } else {
            -1.0
        };
        shares.min(customers).min(other)
    };
    let mut p = cfg.params;
    let mut worst = slack(&p);
    let mut events: Vec<_> = cfg.events.iter().collect();
    events.sort_by_key(|e| e.at);
    for e in events {
        for (id, v) in &e.set {
            p[*id] = *v;
        }
        worst = worst.min(slack(&p));
    }
    // The rules allow a rounding error of 1e-12, as the model's check does.
    if worst > -1e-12 {
        worst.max(0.0)
    } else {
        worst
    }
}

/// A condition's margin, scaled by the size of its right side (negative: broken).
fn condition_slack(c: &Condition, run: &Summary, baseline: &Summary) -> f64 {
    let Some(lhs) = (c.metric.get)(run) else {
        return -1.0;
    };
    let rhs = if c.of_baseline {
        match (c.metric.get)(baseline) {
            Some(b) => c.value * b,
            None => return -1.0,
        }
    } else {
        c.value
    };
    let scale = rhs
        .abs()
        .max((c.metric.get)(baseline).map_or(0.0, f64::abs))
        .max(1.0);
    let margin = match c.op {
        Op::AtLeast | Op::Above => lhs - rhs,
        Op::AtMost | Op::Below => rhs - lhs,
    };
    margin / scale
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
    Invalid(String),
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
