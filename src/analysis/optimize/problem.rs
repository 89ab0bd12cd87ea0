//! The problem a search solves and how one run is judged: the decisions and
//! their ranges, the objective and the conditions, the run with a policy in
//! place (its switching costs charged), and each run's objective and margins
//! (the model's rules and every condition), ranked feasibility first.

use super::{DEFAULT_CONSTRAINT, DEFAULT_OBJECTIVE, Decide, MAX_DECISIONS};
use crate::i18n::{Text, tr, trf};
use crate::model::{
    Config, Metric, ParamId, ParamSpec, Params, Summary, fmt_num, metric, simulate, summarize,
};
use crate::scenario::lesson::{Condition, Op, parse_condition};
use crate::scenario::load::check_value;

/// What is wrong with a search's shape, worded when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemError {
    /// No decision to search.
    NoDecision,
    /// More decisions than [`MAX_DECISIONS`].
    TooMany {
        /// How many were named.
        count: usize,
    },
    /// A parameter named twice.
    Twice {
        /// The parameter.
        spec: &'static ParamSpec,
    },
    /// A range with LOW above HIGH.
    Empty {
        /// The parameter.
        spec: &'static ParamSpec,
        /// LOW.
        lo: f64,
        /// HIGH.
        hi: f64,
    },
    /// An end the parameter does not take (the validator's words).
    OutOfRange(Text),
}

impl std::fmt::Display for ProblemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ProblemError::NoDecision => {
                tr("name at least one decision to search, such as --decide pricing.price=50..200")
                    .to_string()
            }
            ProblemError::TooMany { count } => trf(
                "{} decisions; a search takes at most {}",
                &[count, &MAX_DECISIONS],
            ),
            ProblemError::Twice { spec } => trf("{} is named twice as a decision", &[&spec.key]),
            ProblemError::Empty { spec, lo, hi } => trf(
                "{}: the range {}..{} is empty",
                &[&spec.key, &fmt_num(*lo), &fmt_num(*hi)],
            ),
            ProblemError::OutOfRange(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ProblemError {}

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
    pub fn validate(&self) -> Result<(), ProblemError> {
        if self.decide.is_empty() {
            return Err(ProblemError::NoDecision);
        }
        if self.decide.len() > MAX_DECISIONS {
            return Err(ProblemError::TooMany {
                count: self.decide.len(),
            });
        }
        for (i, d) in self.decide.iter().enumerate() {
            if self.decide[..i].iter().any(|e| e.spec.id == d.spec.id) {
                return Err(ProblemError::Twice { spec: d.spec });
            }
            if d.lo.partial_cmp(&d.hi).is_none_or(|o| o.is_gt()) {
                return Err(ProblemError::Empty {
                    spec: d.spec,
                    lo: d.lo,
                    hi: d.hi,
                });
            }
            for v in [d.lo, d.hi] {
                check_value(d.spec, v).map_err(ProblemError::OutOfRange)?;
            }
        }
        Ok(())
    }

    /// The run with `values` (one per decision) in place of the loaded ones.
    pub fn config(&self, values: &[f64]) -> Config {
        let mut cfg = self.base.clone();
        for (d, v) in self.decide.iter().zip(values) {
            let loaded = self.base.decision(d.spec.id);
            let per = self
                .costs
                .iter()
                .find(|(id, _)| *id == d.spec.id)
                .map_or(0.0, |(_, per)| *per);
            if per != 0.0 && *v != loaded {
                cfg.params[ParamId::InitialCash] -= per * (v - loaded).abs();
            }
            cfg.decide(d.spec.id, *v);
        }
        cfg
    }

    /// The values of the decisions in the run as loaded.
    pub fn loaded_values(&self) -> Vec<f64> {
        self.decide
            .iter()
            .map(|d| self.base.decision(d.spec.id))
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
    pub(super) fn better_than(&self, other: &Evaluation) -> bool {
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
    if let Some(now) = &cfg.now {
        for spec in crate::model::PARAMS.iter() {
            p[spec.id] = cfg.in_force(spec.id, now.at);
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
