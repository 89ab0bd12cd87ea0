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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::model::{
    Config, Metric, PARAMS, ParamId, ParamSpec, Params, Summary, fmt_num, metric, simulate,
    summarize,
};
use crate::scenario::lesson::{Condition, Op, parse_condition, unknown_metric};
use crate::scenario::load::{check_value, parse_number};
use crate::scenario::suggest::nearest;

/// The objective when none is named.
pub const DEFAULT_OBJECTIVE: &str = "total_profit";
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
        let lo = valid_at_or_above(spec, spec.ui_min.max(spec.min));
        let hi = spec.ui_max.min(spec.max).max(lo);
        Decide { spec, lo, hi }
    }
}

/// The smallest valid value at or above `v` (an exclusive minimum is stepped over).
fn valid_at_or_above(spec: &ParamSpec, v: f64) -> f64 {
    if spec.accepts(v) { v } else { spec.clamp(v) }
}

/// Parses `section.key=LOW..HIGH` (or a bare `section.key`: its slider's range).
pub fn parse_decide(text: &str) -> Result<Decide, String> {
    let usage = "write it as section.key=LOW..HIGH, for example pricing.price=50..200";
    let (key, range) = match text.split_once('=') {
        Some((k, r)) => (k.trim(), Some(r)),
        None => (text.trim(), None),
    };
    let spec = ParamSpec::by_key(key).ok_or_else(|| {
        let names = PARAMS.iter().map(|p| p.key);
        match nearest(key, names) {
            Some(n) => {
                format!("--decide {text}: unknown parameter \"{key}\"; did you mean \"{n}\"?")
            }
            None => format!("--decide {text}: unknown parameter \"{key}\"; see `flywheel params`"),
        }
    })?;
    let Some(range) = range else {
        return Ok(Decide::slider(spec.id));
    };
    let (lo, hi) = range
        .split_once("..")
        .ok_or_else(|| format!("--decide {text}: missing '..' between LOW and HIGH; {usage}"))?;
    let num = |s: &str, what: &str| {
        parse_number(s.trim())
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                format!(
                    "--decide {text}: {what} \"{}\" is not a number; {usage}",
                    s.trim()
                )
            })
    };
    let (lo, hi) = (num(lo, "LOW")?, num(hi, "HIGH")?);
    if lo > hi {
        return Err(format!(
            "--decide {text}: the range is reversed (LOW {} > HIGH {}); write {key}={}..{}",
            fmt_num(lo),
            fmt_num(hi),
            fmt_num(hi),
            fmt_num(lo)
        ));
    }
    for v in [lo, hi] {
        check_value(spec, v).map_err(|e| format!("--decide {text}: {e}"))?;
    }
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
    /// A problem with the default objective (`total_profit`) and constraint (`min_cash >= 0`).
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
            return Err(
                "name at least one decision to search, such as --decide pricing.price=50..200"
                    .into(),
            );
        }
        if self.decide.len() > MAX_DECISIONS {
            return Err(format!(
                "{} decisions; a search takes at most {MAX_DECISIONS}",
                self.decide.len()
            ));
        }
        for (i, d) in self.decide.iter().enumerate() {
            if self.decide[..i].iter().any(|e| e.spec.id == d.spec.id) {
                return Err(format!("{} is named twice as a decision", d.spec.key));
            }
            if d.lo.partial_cmp(&d.hi).is_none_or(|o| o.is_gt()) {
                return Err(format!(
                    "{}: the range {}..{} is empty",
                    d.spec.key,
                    fmt_num(d.lo),
                    fmt_num(d.hi)
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

/// The default objective, `total_profit`.
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
    #[error(
        "no policy within the ranges meets {conditions}; the closest, {closest}, breaks {broken}"
    )]
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
    problem.validate().map_err(OptimizeError::Invalid)?;
    let search = Search::new(problem);
    search.run(progress)
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

/// The working state of one search: the free dimensions in unit coordinates.
struct Search<'a> {
    problem: &'a Problem,
    baseline: Summary,
    /// Indices of decisions whose range is wider than a point.
    free: Vec<usize>,
    evaluations: AtomicUsize,
}

impl<'a> Search<'a> {
    fn new(problem: &'a Problem) -> Search<'a> {
        let baseline = summarize(&simulate(&problem.base));
        let free = (0..problem.decide.len())
            .filter(|&i| problem.decide[i].hi > problem.decide[i].lo)
            .collect();
        Search {
            problem,
            baseline,
            free,
            evaluations: AtomicUsize::new(0),
        }
    }

    /// Full values from unit coordinates of the free decisions.
    fn values(&self, u: &[f64]) -> Vec<f64> {
        let mut x: Vec<f64> = self.problem.decide.iter().map(|d| d.lo).collect();
        for (k, &i) in self.free.iter().enumerate() {
            let d = &self.problem.decide[i];
            x[i] = self.snap(i, d.lo + u[k].clamp(0.0, 1.0) * (d.hi - d.lo));
        }
        x
    }

    /// A value kept inside its range and valid (whole numbers rounded).
    fn snap(&self, i: usize, v: f64) -> f64 {
        let d = &self.problem.decide[i];
        let mut v = v.clamp(d.lo, d.hi);
        if d.spec.integer {
            v = v.round().clamp(d.lo.ceil(), d.hi.floor().max(d.lo.ceil()));
        }
        if !d.spec.accepts(v) {
            v = d.lo;
        }
        v
    }

    fn unit(&self, x: &[f64]) -> Vec<f64> {
        self.free
            .iter()
            .map(|&i| {
                let d = &self.problem.decide[i];
                (x[i] - d.lo) / (d.hi - d.lo)
            })
            .collect()
    }

    fn eval(&self, x: &[f64]) -> Evaluation {
        self.evaluations.fetch_add(1, Ordering::Relaxed);
        self.problem.evaluate(x, &self.baseline)
    }

    fn run(&self, progress: &(dyn Fn(f64) + Sync)) -> Result<Optimum, OptimizeError> {
        let cancelled = || crate::interrupt::requested();
        let loaded = self.eval(&self.problem.loaded_values());
        let dims = self.free.len();
        let mut best = if dims == 0 {
            self.eval(&self.values(&[]))
        } else {
            // 1. A quasi-random sample of the box, and its corners' centre.
            let n = (32 + 24 * dims).min(400);
            let mut points: Vec<Vec<f64>> = (0..n).map(|k| halton(k + 1, dims)).collect();
            points.push(vec![0.5; dims]);
            let loaded_u: Vec<f64> = self.unit(&loaded.values);
            if loaded_u.iter().all(|u| (0.0..=1.0).contains(u)) {
                points.push(loaded_u);
            }
            let mut sample: Vec<Evaluation> = points
                .par_iter()
                .map(|u| self.eval(&self.values(u)))
                .collect();
            if cancelled() {
                return Err(OptimizeError::Cancelled);
            }
            progress(0.1);
            sample.sort_by(order);
            if !sample[0].feasible() {
                // No sample meets the conditions: look for a point that does first.
                let starts = self.starts(&sample, 4);
                let found: Vec<Evaluation> = starts
                    .par_iter()
                    .map(|u| self.local(u, 0.2, 200 * dims.max(2), true))
                    .collect();
                sample.extend(found);
                sample.sort_by(order);
            }
            // 2. COBYLA from the best few distinct samples, in parallel.
            let starts = self.starts(&sample, 8);
            let done = AtomicUsize::new(0);
            let results: Vec<Evaluation> = starts
                .par_iter()
                .map(|u| {
                    let r = self.local(u, 0.15, 300 * dims.max(2), false);
                    let k = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(0.1 + 0.7 * k as f64 / starts.len() as f64);
                    r
                })
                .collect();
            if cancelled() {
                return Err(OptimizeError::Cancelled);
            }
            let mut best = sample.swap_remove(0);
            for r in results {
                if r.better_than(&best) {
                    best = r;
                }
            }
            // 3. Polish from the best, with a small first step.
            let polished = self.local(&self.unit(&best.values), 0.01, 400 * dims.max(2), false);
            if polished.better_than(&best) {
                best = polished;
            }
            best = self.integer_polish(best);
            progress(0.85);
            best
        };
        if !best.feasible() {
            return Err(self.infeasible(&best));
        }
        // 4. The fewest digits that keep the objective.
        best = self.round(best);
        if cancelled() {
            return Err(OptimizeError::Cancelled);
        }
        progress(0.9);
        let decisions = self.choices(&best, &loaded);
        progress(1.0);
        Ok(Optimum {
            decisions,
            objective_name: self.problem.objective.name,
            objective: best.objective.unwrap_or(f64::NAN),
            loaded: loaded.objective,
            loaded_feasible: loaded.feasible(),
            summary: best.summary,
            loaded_summary: loaded.summary,
            binding: self.binding(&best),
            evaluations: self.evaluations.load(Ordering::Relaxed),
        })
    }

    /// Up to `n` well-separated points among the best of `sample` (sorted best first).
    fn starts(&self, sample: &[Evaluation], n: usize) -> Vec<Vec<f64>> {
        let mut starts: Vec<Vec<f64>> = Vec::new();
        for e in sample {
            let u = self.unit(&e.values);
            if starts.iter().all(|s| distance(s, &u) > 0.15) {
                starts.push(u);
            }
            if starts.len() >= n {
                break;
            }
        }
        starts
    }

    /// One COBYLA run from `u0`; returns the best run it saw (feasibility first).
    /// With `feasibility`, it minimises how badly the run breaks the conditions instead.
    fn local(&self, u0: &[f64], rho: f64, maxeval: usize, feasibility: bool) -> Evaluation {
        use std::cell::RefCell;
        let dims = self.free.len();
        let memo: RefCell<Option<Evaluation>> = RefCell::new(None);
        let best: RefCell<Option<Evaluation>> = RefCell::new(None);
        let judge = |u: &[f64]| -> Evaluation {
            let x = self.values(u);
            if let Some(e) = memo.borrow().as_ref()
                && e.values == x
            {
                return e.clone();
            }
            let e = self.eval(&x);
            let mut b = best.borrow_mut();
            if b.as_ref().is_none_or(|b| e.better_than(b)) {
                *b = Some(e.clone());
            }
            *memo.borrow_mut() = Some(e.clone());
            e
        };
        // Scale the objective by its size at the start so the steps are comparable.
        let first = judge(u0);
        let scale = first.objective.map_or(1.0, |v| v.abs().max(1.0));
        {
            let f = |u: &[f64], _: &mut ()| -> f64 {
                if crate::interrupt::requested() {
                    return 0.0;
                }
                let e = judge(u);
                if feasibility {
                    return shortfall(&e);
                }
                match e.objective {
                    Some(v) => -v / scale,
                    None => 1e3,
                }
            };
            let rules = |u: &[f64], _: &mut ()| judge(u).rule_slack;
            let mut cons: Vec<Box<Margin<'_>>> = Vec::new();
            if !feasibility {
                cons.push(Box::new(rules));
            }
            for k in (0..self.problem.constraints.len()).filter(|_| !feasibility) {
                let judge = &judge;
                cons.push(Box::new(move |u: &[f64], _: &mut ()| judge(u).slack[k]));
            }
            let cons_refs: Vec<&Margin<'_>> = cons.iter().map(|c| c.as_ref()).collect();
            let stop = cobyla::StopTols {
                ftol_rel: 1e-12,
                xtol_abs: vec![1e-9; dims],
                ..cobyla::StopTols::default()
            };
            let _ = cobyla::minimize(
                f,
                u0,
                &vec![(0.0, 1.0); dims],
                &cons_refs,
                (),
                maxeval,
                cobyla::RhoBeg::All(rho),
                Some(stop),
            );
        }
        best.into_inner().unwrap_or(first)
    }

    /// For whole-number decisions: try each neighbour until none is better.
    fn integer_polish(&self, mut best: Evaluation) -> Evaluation {
        let ints: Vec<usize> = self
            .free
            .iter()
            .copied()
            .filter(|&i| self.problem.decide[i].spec.integer)
            .collect();
        for _ in 0..50 {
            let mut improved = false;
            for &i in &ints {
                for delta in [-1.0, 1.0] {
                    let mut x = best.values.clone();
                    x[i] = self.snap(i, x[i] + delta);
                    if x[i] == best.values[i] {
                        continue;
                    }
                    let e = self.eval(&x);
                    if e.better_than(&best) {
                        best = e;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
        best
    }

    /// Rounds each value to the fewest significant digits that keep the run
    /// feasible and its objective within a millionth of the best.
    fn round(&self, best: Evaluation) -> Evaluation {
        let Some(top) = best.objective else {
            return best;
        };
        let tol = 1e-6 * top.abs().max(1e-9);
        let mut cur = best;
        for &i in &self.free {
            if self.problem.decide[i].spec.integer {
                continue;
            }
            let v = cur.values[i];
            for digits in 1..=15 {
                let r = self.snap(i, round_sig(v, digits));
                if r == v {
                    break;
                }
                let mut x = cur.values.clone();
                x[i] = r;
                let e = self.eval(&x);
                if e.feasible() && e.objective.is_some_and(|o| o >= top - tol) {
                    cur = e;
                    break;
                }
            }
        }
        cur
    }

    fn choices(&self, best: &Evaluation, loaded: &Evaluation) -> Vec<Choice> {
        let top = best.objective.unwrap_or(f64::NAN);
        let floor = top - FLAT_SHARE * top.abs();
        let ok = |e: &Evaluation| e.feasible() && e.objective.is_some_and(|o| o >= floor);
        self.problem
            .decide
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let value = best.values[i];
                let width = d.hi - d.lo;
                let on_bound = if width <= 0.0 {
                    None
                } else if value - d.lo <= 1e-6 * width {
                    Some(Bound::Low)
                } else if d.hi - value <= 1e-6 * width {
                    Some(Bound::High)
                } else {
                    None
                };
                let flat = if width <= 0.0 {
                    (value, value)
                } else {
                    self.flat(i, best, &ok)
                };
                Choice {
                    id: d.spec.id,
                    value,
                    loaded: loaded.values[i],
                    range: (d.lo, d.hi),
                    on_bound,
                    flat,
                }
            })
            .collect()
    }

    /// The contiguous range around the optimum, along decision `i`, where `ok` holds.
    fn flat(
        &self,
        i: usize,
        best: &Evaluation,
        ok: &(dyn Fn(&Evaluation) -> bool + Sync),
    ) -> (f64, f64) {
        let d = &self.problem.decide[i];
        let at = |v: f64| {
            let mut x = best.values.clone();
            x[i] = self.snap(i, v);
            (x[i], ok(&self.eval(&x)))
        };
        const GRID: usize = 40;
        let grid: Vec<(f64, bool)> = (0..=GRID)
            .into_par_iter()
            .map(|k| at(d.lo + (d.hi - d.lo) * k as f64 / GRID as f64))
            .collect();
        let v0 = best.values[i];
        // Walk out from the optimum to the first grid point that fails, then bisect the edge.
        let edge = |inside: f64, outside: Option<f64>| -> f64 {
            let Some(mut out) = outside else {
                return inside;
            };
            let mut inn = inside;
            for _ in 0..30 {
                let mid = 0.5 * (inn + out);
                let (m, good) = at(mid);
                if m == inn || m == out {
                    break;
                }
                if good {
                    inn = m;
                } else {
                    out = m;
                }
            }
            inn
        };
        let below: Vec<&(f64, bool)> = grid.iter().filter(|(v, _)| *v < v0).rev().collect();
        let mut inside = v0;
        let mut outside = None;
        for (v, good) in below {
            if *good {
                inside = *v;
            } else {
                outside = Some(*v);
                break;
            }
        }
        let lo = edge(inside, outside);
        let above = grid.iter().filter(|(v, _)| *v > v0);
        let mut inside = v0;
        let mut outside = None;
        for (v, good) in above {
            if *good {
                inside = *v;
            } else {
                outside = Some(*v);
                break;
            }
        }
        let hi = edge(inside, outside);
        (lo, hi)
    }

    /// The conditions and rules the optimum sits on (a margin under 1%).
    fn binding(&self, best: &Evaluation) -> Vec<String> {
        let mut out = Vec::new();
        let decides_share = self
            .problem
            .decide
            .iter()
            .any(|d| matches!(d.spec.id, ParamId::RdShare | ParamId::SalesShare));
        if decides_share && best.rule_slack < 1e-3 {
            out.push(SHARES_RULE.to_string());
        }
        for (c, s) in self.problem.constraints.iter().zip(&best.slack) {
            if *s < 1e-2 {
                out.push(c.text.clone());
            }
        }
        out
    }

    fn infeasible(&self, closest: &Evaluation) -> OptimizeError {
        let mut conditions: Vec<String> = self
            .problem
            .constraints
            .iter()
            .map(|c| c.text.clone())
            .collect();
        conditions.push(SHARES_RULE.to_string());
        let mut broken: Vec<String> = closest
            .broken
            .iter()
            .map(|&k| {
                let c = &self.problem.constraints[k];
                let got = (c.metric.get)(&closest.summary)
                    .map_or_else(|| "undefined".to_string(), crate::format::number);
                format!("{} (it reaches {got})", c.text)
            })
            .collect();
        if closest.rule_slack < 0.0 {
            broken.push(SHARES_RULE.to_string());
        }
        if closest.objective.is_none() {
            broken.push(format!("{} (undefined)", self.problem.objective.name));
        }
        OptimizeError::Infeasible {
            conditions: conditions.join(" and "),
            closest: self
                .problem
                .decide
                .iter()
                .zip(&closest.values)
                .map(|(d, v)| format!("{}={}", d.spec.key, fmt_num(*v)))
                .collect::<Vec<_>>()
                .join(" "),
            broken: broken.join(", "),
        }
    }
}

/// How far a run is from meeting the rules and conditions, with a little
/// room inside (0 when it meets them all with that room).
fn shortfall(e: &Evaluation) -> f64 {
    let room = 1e-9;
    let mut v = (room - e.rule_slack).max(0.0) * 1e3;
    for s in &e.slack {
        v += (room - s).max(0.0);
    }
    if e.objective.is_none() {
        v += 1.0;
    }
    v
}

/// A constraint as COBYLA takes it: non-negative where met.
type Margin<'a> = dyn Fn(&[f64], &mut ()) -> f64 + 'a;

/// Feasibility first, then the higher objective (for sorting, best first).
fn order(a: &Evaluation, b: &Evaluation) -> std::cmp::Ordering {
    if a.better_than(b) {
        std::cmp::Ordering::Less
    } else if b.better_than(a) {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// `v` rounded to `digits` significant digits.
fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = digits - 1 - magnitude;
    // Rounding through the decimal text keeps the result the shortest number that prints so.
    if decimals >= 0 {
        format!("{v:.*}", decimals as usize).parse().unwrap_or(v)
    } else {
        let f = 10f64.powi(-decimals);
        (v / f).round() * f
    }
}

/// The `k`-th point of the Halton sequence in `dims` dimensions (bases: the first primes).
fn halton(k: usize, dims: usize) -> Vec<f64> {
    let mut primes = Vec::with_capacity(dims);
    let mut n = 2u64;
    while primes.len() < dims {
        if (2..n)
            .take_while(|p| p * p <= n)
            .all(|p| !n.is_multiple_of(p))
        {
            primes.push(n);
        }
        n += 1;
    }
    primes
        .iter()
        .map(|&b| {
            let (mut f, mut r, mut i) = (1.0, 0.0, k as u64);
            while i > 0 {
                f /= b as f64;
                r += f * (i % b) as f64;
                i /= b;
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn balanced() -> Config {
        crate::scenario::resolve("balanced").unwrap().config
    }

    #[test]
    fn decisions_parse_and_refuse_bad_ranges() {
        let d = parse_decide("pricing.price=50..200").unwrap();
        assert_eq!((d.lo, d.hi), (50.0, 200.0));
        let s = parse_decide("sales.sales_share").unwrap();
        assert_eq!(s.spec.id, ParamId::SalesShare);
        for (bad, fragment) in [
            ("pricing.prise=1..2", "did you mean \"pricing.price\""),
            ("pricing.price=200..50", "reversed"),
            ("pricing.price=a..5", "LOW \"a\" is not a number"),
            ("pricing.price=5", "missing '..'"),
            ("sales.sales_share=0..2", "out of range"),
        ] {
            let err = parse_decide(bad).unwrap_err();
            assert!(err.contains(fragment), "{bad}: {err}");
        }
    }

    #[test]
    fn the_optimum_beats_every_sampled_point_and_meets_the_constraint() {
        let p = Problem::new(
            balanced(),
            vec![
                parse_decide("pricing.price=50..200").unwrap(),
                parse_decide("sales.sales_share=0..0.9").unwrap(),
            ],
        );
        let o = optimize(&p, &|_| {}).unwrap();
        assert!(o.summary.min_cash >= 0.0);
        let baseline = summarize(&simulate(&p.base));
        for i in 0..=10 {
            for j in 0..=10 {
                let x = [50.0 + 15.0 * f64::from(i), 0.09 * f64::from(j)];
                let e = p.evaluate(&x, &baseline);
                if e.feasible() {
                    assert!(
                        e.objective.unwrap() <= o.objective * (1.0 + 1e-6),
                        "{x:?} gives {:?} above {}",
                        e.objective,
                        o.objective
                    );
                }
            }
        }
        // The reported objective is the plain run's.
        let again = summarize(&simulate(
            &p.config(&o.values().iter().map(|v| v.1).collect::<Vec<_>>()),
        ));
        assert_eq!(again.total_profit, o.objective);
        for c in &o.decisions {
            assert!(c.flat.0 <= c.value && c.value <= c.flat.1);
        }
    }

    #[test]
    fn shares_never_overspend_and_an_impossible_goal_says_so() {
        let mut p = Problem::new(
            balanced(),
            vec![
                parse_decide("product.rd_share=0..1").unwrap(),
                parse_decide("sales.sales_share=0..1").unwrap(),
            ],
        );
        let o = optimize(&p, &|_| {}).unwrap();
        let v = o.values();
        assert!(v[0].1 + v[1].1 <= 1.0 + 1e-12);
        p.constraints
            .push(parse_condition("min_cash >= 1e15").unwrap());
        match optimize(&p, &|_| {}) {
            Err(OptimizeError::Infeasible { broken, .. }) => {
                assert!(broken.contains("min_cash >= 1e15"), "{broken}")
            }
            other => panic!("expected infeasible, got {other:?}"),
        }
    }

    #[test]
    fn rounding_keeps_few_digits() {
        assert_eq!(round_sig(117.34567, 3), 117.0);
        assert_eq!(round_sig(0.0123456, 2), 0.012);
        assert_eq!(round_sig(123456.0, 2), 120000.0);
        let h = halton(1, 2);
        assert_eq!(h, vec![0.5, 1.0 / 3.0]);
    }

    #[test]
    fn problems_without_decisions_are_refused() {
        let p = Problem::new(balanced(), Vec::new());
        assert!(matches!(
            optimize(&p, &|_| {}),
            Err(OptimizeError::Invalid(_))
        ));
    }
}
