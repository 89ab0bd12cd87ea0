//! What the search reports about its best point: each decision's choice
//! (its bound, if it sits on one, and the flat top around it), the conditions
//! it sits on, and, when nothing is feasible, the closest point and what it
//! breaks.

use rayon::prelude::*;

use super::{Bound, Choice, Evaluation, FLAT_SHARE, OptimizeError, SHARES_RULE, Search};
use crate::model::{ParamId, fmt_num};

impl Search<'_> {
    pub(super) fn choices(&self, best: &Evaluation, loaded: &Evaluation) -> Vec<Choice> {
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
    pub(super) fn binding(&self, best: &Evaluation) -> Vec<String> {
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

    pub(super) fn infeasible(&self, closest: &Evaluation) -> OptimizeError {
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
