//! One-at-a-time sensitivity: each parameter moved down and up by a delta,
//! the effect on a metric ranked largest first (a tornado chart).
//!
//! By default the tornado ranks the *levers*, the parameters a user decides
//! ([`is_lever`], plus a scenario's lesson and play decisions: [`levers`]);
//! the structural constants (exponents, scales, half-saturations) join them
//! only when asked for ([`Scope::All`]).

use rayon::prelude::*;

use crate::model::{Config, Metric, PARAMS, ParamId, ParamSpec, simulate, summarize};
use crate::scenario::Scenario;

/// Whether a parameter is one a user decides ([`crate::model::Role::Lever`]
/// in the parameter table); the rest are the model's structural constants.
pub fn is_lever(id: ParamId) -> bool {
    ParamSpec::of(id).sets.role == crate::model::Role::Lever
}

/// Which parameters a tornado moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The levers a user decides (the default).
    #[default]
    Levers,
    /// Every parameter, structural constants included.
    All,
}

/// The levers of a scenario, in the parameter table's order: every
/// [`is_lever`] parameter, every slider a lesson step unlocks and every
/// play decision.
pub fn levers(s: &Scenario) -> Vec<ParamId> {
    let mut chosen: Vec<ParamId> = s.play.decisions.clone();
    for step in &s.lesson.steps {
        chosen.extend(step.unlock.iter().flatten().copied());
    }
    PARAMS
        .iter()
        .map(|p| p.id)
        .filter(|id| is_lever(*id) || chosen.contains(id))
        .collect()
}

/// The parameters a tornado of `scope` moves for the scenario.
pub fn parameters(s: &Scenario, scope: Scope) -> Vec<ParamId> {
    match scope {
        Scope::Levers => levers(s),
        Scope::All => PARAMS.iter().map(|p| p.id).collect(),
    }
}

/// The effect of one parameter on the metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// Its value in the base run.
    pub base_value: f64,
    /// The value tried below (clamped to the valid range).
    pub low_value: f64,
    /// The value tried above (clamped to the valid range).
    pub high_value: f64,
    /// The metric with the parameter moved down.
    pub low: f64,
    /// The metric with the parameter moved up.
    pub high: f64,
}

impl Effect {
    /// The width of the bar: how far apart the two runs land.
    pub fn swing(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// The ranked effects and the base value of the metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// The metric's value in the base run.
    pub base: f64,
    /// Effects, largest swing first; parameters with no effect come last.
    pub effects: Vec<Effect>,
}

/// Moves `v` by `delta` (a fraction of its value) down or up, clamped to the
/// valid range; a parameter at zero stays there.
pub fn moved(spec: &ParamSpec, v: f64, delta: f64, up: bool) -> f64 {
    let by = delta * v.abs();
    let x = if up { v + by } else { v - by };
    let x = spec.clamp(x);
    if spec.accepts(x) { x } else { v }
}

/// Runs the tornado for `metric` around `base`, moving every parameter by `delta`.
pub fn run(
    base: &Config,
    metric: &Metric,
    delta: f64,
    progress: &(dyn Fn(usize) + Sync),
) -> Tornado {
    let all: Vec<ParamId> = PARAMS.iter().map(|p| p.id).collect();
    run_over(base, metric, delta, &all, progress)
}

/// Runs the tornado for `metric` around `base`, moving each of `ids` by `delta`.
pub fn run_over(
    base: &Config,
    metric: &Metric,
    delta: f64,
    ids: &[ParamId],
    progress: &(dyn Fn(usize) + Sync),
) -> Tornado {
    let eval = |cfg: &Config| (metric.get)(&summarize(&simulate(cfg))).unwrap_or(0.0);
    let base_value = eval(base);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut effects: Vec<Effect> = ids
        .par_iter()
        .map(|id| {
            let spec = ParamSpec::of(*id);
            let v = base.decision(spec.id);
            let try_at = |x: f64| {
                let mut cfg = base.clone();
                cfg.decide(spec.id, x);
                // Keep the shares within their joint budget.
                if !cfg.params_now().cross_field_errors().is_empty() {
                    return (v, base_value);
                }
                (x, eval(&cfg))
            };
            let (low_value, low) = try_at(moved(spec, v, delta, false));
            let (high_value, high) = try_at(moved(spec, v, delta, true));
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            Effect {
                spec,
                base_value: v,
                low_value,
                high_value,
                low,
                high,
            }
        })
        .collect();
    effects.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    Tornado {
        base: base_value,
        effects,
    }
}

/// The tornado as text bars around the base value of the metric: the first
/// `rows` effects, each with its bar (`▒` moved down, `█` moved up, `│` the
/// base). Callers word the figures in their own format and language.
pub fn tornado_lines(t: &Tornado, rows: usize, half_width: usize) -> Vec<(&Effect, String)> {
    let max = t
        .effects
        .iter()
        .map(|e| (e.low - t.base).abs().max((e.high - t.base).abs()))
        .fold(0.0, f64::max);
    t.effects
        .iter()
        .take(rows)
        .map(|e| {
            let cells = |v: f64| {
                if max > 0.0 {
                    ((v - t.base).abs() / max * half_width as f64).round() as usize
                } else {
                    0
                }
            };
            let mut left = vec![' '; half_width];
            let mut right = vec![' '; half_width];
            for (v, ch) in [(e.low, '▒'), (e.high, '█')] {
                let n = cells(v).min(half_width);
                if v < t.base {
                    for c in left.iter_mut().rev().take(n) {
                        *c = ch;
                    }
                } else {
                    for c in right.iter_mut().take(n) {
                        *c = ch;
                    }
                }
            }
            let bar: String = left.into_iter().chain(['│']).chain(right).collect();
            (e, bar)
        })
        .collect()
}

impl Effect {
    /// Whether neither move changed the parameter (it sits at zero or at a bound).
    pub fn not_moved(&self) -> bool {
        self.low_value == self.base_value && self.high_value == self.base_value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levers_are_decisions_and_constants_are_not() {
        for id in [ParamId::RdShare, ParamId::Price, ParamId::Latency] {
            assert!(is_lever(id), "{id:?}");
        }
        for id in [
            ParamId::StrengthExponent,
            ParamId::RdPerPerson,
            ParamId::InsightPerPerson,
        ] {
            assert!(!is_lever(id), "{id:?}");
        }
        let mut s = Scenario::default();
        assert!(!levers(&s).contains(&ParamId::WinRate));
        s.play.decisions = vec![ParamId::WinRate];
        assert!(levers(&s).contains(&ParamId::WinRate));
        let all = parameters(&s, Scope::All);
        assert_eq!(all.len(), PARAMS.len());
    }

    #[test]
    fn moves_clamp_to_the_valid_range() {
        let capture = ParamSpec::of(crate::model::ParamId::Capture);
        assert_eq!(moved(capture, 0.5, 0.2, true), 0.6);
        assert_eq!(moved(capture, 0.9, 0.2, true), 1.0);
        let growth = ParamSpec::of(crate::model::ParamId::MarketGrowth);
        // A relative move of a parameter at zero leaves it there.
        assert_eq!(moved(growth, 0.0, 0.2, true), 0.0);
        let price = ParamSpec::of(crate::model::ParamId::Price);
        assert_eq!(moved(price, 100.0, 0.2, false), 80.0);
    }
}
