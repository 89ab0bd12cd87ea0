//! What the history cannot tell apart: for each parameter of the default fit
//! set that this fit held at its loaded value, the fit is made again with it
//! held elsewhere in its range. Where such a fit matches the history about as
//! well as the best (its extra squared error within what the noise makes in
//! nine fits out of ten: under the 90th percentile of χ² with one degree of
//! freedom, in units of the residual variance), the history cannot tell the
//! held value from that one, and the other explanation is kept: what-ifs
//! are then asked under each.

use std::sync::atomic::Ordering;

use super::problem::Problem;
use super::{DEFAULT_PARAMS, FitOptions, FitParam};
use crate::model::{ParamId, ParamSpec};

/// The 90th percentile of χ² with one degree of freedom.
const CHI2_1_90: f64 = 2.705_543_454_095_404;

/// Where, as shares of its range, a held parameter is tried.
const TRIED: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// Another explanation of the history, about as good as the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// The parameter held elsewhere.
    pub held: &'static ParamSpec,
    /// Where it was held.
    pub value: f64,
    /// The fitted parameters' values with it held there, in the fit's order.
    pub fitted: Vec<f64>,
    /// The weighted sum of squares of this explanation.
    pub objective: f64,
}

impl Alternative {
    /// Every value this explanation sets: the held parameter first, then the
    /// fit's parameters (`params`, in the fit's order).
    pub fn values(&self, params: &[super::Fitted]) -> Vec<(&'static ParamSpec, f64)> {
        std::iter::once((self.held, self.value))
            .chain(
                params
                    .iter()
                    .zip(&self.fitted)
                    .map(|(p, v)| (p.param.spec, *v)),
            )
            .collect()
    }
}

/// The other explanations of the history about as good as the best fit of
/// `fitted` (`best_f` at `best_u`), for each default parameter it leaves
/// out; their runs are counted in `fitted`'s.
pub(super) fn alternatives(
    fitted: &Problem<'_>,
    best_u: &[f64],
    best_f: f64,
    opts: &FitOptions,
) -> Vec<Alternative> {
    let (base, params, targets, stop) =
        (&fitted.base, fitted.params, &fitted.targets, &fitted.stop);
    let points: usize = targets.iter().map(|t| t.obs.len()).sum();
    let s2 = best_f / points.saturating_sub(params.len()).max(1) as f64;
    let held: Vec<ParamId> = DEFAULT_PARAMS
        .iter()
        .copied()
        .filter(|id| params.iter().all(|p| p.event.is_some() || p.spec.id != *id))
        .collect();
    let mut out = Vec::new();
    for id in held {
        let range = FitParam::around_in(id, &base.params, opts.weeks);
        for share in TRIED {
            if stop.requested() {
                return out;
            }
            let value = range.lo + share * (range.hi - range.lo);
            let mut cfg = base.clone();
            cfg.params[id] = value;
            if !cfg.params.cross_field_errors().is_empty() {
                continue;
            }
            let problem = Problem {
                base: cfg,
                params,
                targets: targets.to_vec(),
                runs: Default::default(),
                stop: stop.clone(),
            };
            let (u, f, _) = problem.search_to(best_u, opts.max_evals / 2, &problem.targets, 1e-9);
            fitted
                .runs
                .fetch_add(problem.runs.load(Ordering::Relaxed), Ordering::Relaxed);
            if (f - best_f) / s2.max(f64::MIN_POSITIVE) <= CHI2_1_90 {
                out.push(Alternative {
                    held: range.spec,
                    value,
                    fitted: problem.values(&u),
                    objective: f,
                });
            }
        }
    }
    out
}
