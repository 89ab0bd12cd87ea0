//! The least-squares problem over the unit box: the observed series as
//! targets, each scaled by its own size; the weighted residuals of a run
//! against them; and a Levenberg-Marquardt search (Jacobian by forward
//! differences, the box kept by a sine transform). Also the Halton points
//! the searches start from.

use std::sync::atomic::{AtomicUsize, Ordering};

use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt};
use nalgebra::{DMatrix, DVector, Dyn, U1, VecStorage};

use super::{FitParam, MAX_PARAMS};
use crate::analysis::history::History;
use crate::interrupt::Stop;
use crate::model::{Config, ParamId, Series, simulate_rows_into};

/// One observed series, ready for the objective.
#[derive(Clone)]
pub(super) struct Target {
    pub(super) get: fn(&crate::model::Row) -> f64,
    /// Rows summed before each observed one (0: the row itself).
    pub(super) span: usize,
    /// (row index, observed value).
    pub(super) obs: Vec<(usize, f64)>,
    /// The series' own size (root mean square of the observations).
    pub(super) scale: f64,
}

/// The observed series of `history` as targets: each one's non-empty cells
/// at their periods, scaled by the series' root mean square (a series with
/// no cell left out).
pub(super) fn targets(history: &History) -> Vec<Target> {
    history
        .series
        .iter()
        .map(|s| {
            let obs: Vec<(usize, f64)> =
                history.observed(s).map(|(p, v)| (p as usize, v)).collect();
            let rms =
                (obs.iter().map(|(_, v)| v * v).sum::<f64>() / obs.len().max(1) as f64).sqrt();
            Target {
                get: s.column.get,
                span: s.span as usize,
                obs,
                scale: if rms > 0.0 { rms } else { 1.0 },
            }
        })
        .filter(|t| !t.obs.is_empty())
        .collect()
}

impl Target {
    /// What the run says at row `i`: the column there, or over a span the
    /// column summed over the rows before it (0 where the run does not reach).
    pub(super) fn model(&self, rows: &[crate::model::Row], i: usize) -> f64 {
        crate::analysis::history::modelled(rows, self.get, self.span, i).unwrap_or(0.0)
    }
}

thread_local! {
    /// Each search thread's run, reused from one evaluation to the next.
    static RUN_BUFFER: std::cell::RefCell<Series> = std::cell::RefCell::new(Series::default());
}

/// The least-squares problem over the unit box.
pub(super) struct Problem<'a> {
    pub(super) base: Config,
    pub(super) params: &'a [FitParam],
    pub(super) targets: Vec<Target>,
    pub(super) runs: AtomicUsize,
    /// Stops the fit early (a stale request, Ctrl-C).
    pub(super) stop: Stop,
}

impl Problem<'_> {
    pub(super) fn values(&self, u: &[f64]) -> Vec<f64> {
        self.params
            .iter()
            .zip(u)
            .map(|(p, u)| p.lo + u.clamp(0.0, 1.0) * (p.hi - p.lo))
            .collect()
    }

    pub(super) fn config(&self, x: &[f64]) -> Config {
        let mut cfg = self.base.clone();
        for (p, v) in self.params.iter().zip(x) {
            p.set(&mut cfg, *v);
        }
        cfg
    }

    pub(super) fn run(&self, u: &[f64]) -> Series {
        self.runs.fetch_add(1, Ordering::Relaxed);
        let mut out = Series::default();
        simulate_rows_into(&self.config(&self.values(u)), &mut out);
        out
    }

    /// The weighted residuals against `targets`, and one for a broken rule.
    pub(super) fn residuals(&self, u: &[f64], targets: &[Target]) -> Vec<f64> {
        self.runs.fetch_add(1, Ordering::Relaxed);
        let cfg = self.config(&self.values(u));
        let mut out = Vec::with_capacity(targets.iter().map(|t| t.obs.len()).sum::<usize>() + 1);
        RUN_BUFFER.with(|buffer| {
            let mut series = buffer.borrow_mut();
            simulate_rows_into(&cfg, &mut series);
            for t in targets {
                for &(i, a) in &t.obs {
                    let s = t.model(&series.rows, i);
                    let r = (s - a) / t.scale;
                    out.push(if r.is_finite() { r } else { 1e150 });
                }
            }
        });
        out.push(1e3 * (-self.slack(u)).max(0.0));
        out
    }

    /// The weighted sum of squares against `targets`.
    pub(super) fn sse(&self, u: &[f64], targets: &[Target]) -> f64 {
        let sum: f64 = self.residuals(u, targets).iter().map(|r| r * r).sum();
        if sum.is_finite() { sum } else { 1e300 }
    }

    /// How far the model's rules are met at `u` (>= 0 when they hold).
    pub(super) fn slack(&self, u: &[f64]) -> f64 {
        let p = self.config(&self.values(u)).params;
        let shares = 1.0 - p[ParamId::RdShare] - p[ParamId::SalesShare];
        let customers = (p[ParamId::MarketSize] - p[ParamId::InitialCustomers])
            / p[ParamId::MarketSize].max(1.0);
        shares.min(customers)
    }

    /// A Levenberg-Marquardt search from `u0`: the best point, its value and
    /// whether it converged. The box is kept by searching `z` with
    /// `u = (1 + sin z) / 2`.
    pub(super) fn search(
        &self,
        u0: &[f64],
        max_evals: usize,
        targets: &[Target],
    ) -> (Vec<f64>, f64, bool) {
        self.search_to(u0, max_evals, targets, 1e-12)
    }

    /// [`Problem::search`] to a relative tolerance `tol` (of the sum of
    /// squares and of the step).
    pub(super) fn search_to(
        &self,
        u0: &[f64],
        max_evals: usize,
        targets: &[Target],
        tol: f64,
    ) -> (Vec<f64>, f64, bool) {
        let z0: Vec<f64> = u0
            .iter()
            .map(|u| (2.0 * u.clamp(1e-9, 1.0 - 1e-9) - 1.0).asin())
            .collect();
        let ls = Squares {
            problem: self,
            targets,
            z: DVector::from_vec(z0),
            left: std::cell::Cell::new(max_evals),
        };
        let patience = (max_evals / (u0.len() + 1)).max(1);
        let (ls, report) = LevenbergMarquardt::new()
            .with_patience(patience)
            .with_ftol(tol)
            .with_xtol(tol)
            .minimize(ls);
        // A search that used up its budget has not shown it converged, even
        // where its last steps were too small to move (at the box's edge).
        let converged =
            report.termination.was_successful() && report.number_of_evaluations < max_evals;
        let u = unbox(ls.z.as_slice());
        let value = self.sse(&u, targets);
        let start = self.sse(u0, targets);
        if value.is_finite() && value <= start && self.slack(&u) >= -1e-9 {
            (u, value, converged)
        } else {
            // No better point than the start: the search stays where it began.
            (u0.to_vec(), start, converged)
        }
    }
}

/// The unit box from the unbounded search variables.
fn unbox(z: &[f64]) -> Vec<f64> {
    z.iter().map(|z| 0.5 * (1.0 + z.sin())).collect()
}

/// The problem as the Levenberg-Marquardt solver sees it.
struct Squares<'a, 'b> {
    problem: &'a Problem<'b>,
    targets: &'a [Target],
    z: DVector<f64>,
    /// Runs left of the search's budget, the Jacobian's included.
    left: std::cell::Cell<usize>,
}

impl Squares<'_, '_> {
    /// Takes `runs` from the budget; false when it cannot.
    fn spend(&self, runs: usize) -> bool {
        let left = self.left.get();
        self.left.set(left.saturating_sub(runs));
        left >= runs
    }
}

impl LeastSquaresProblem<f64, Dyn, Dyn> for Squares<'_, '_> {
    type ResidualStorage = VecStorage<f64, Dyn, U1>;
    type JacobianStorage = VecStorage<f64, Dyn, Dyn>;
    type ParameterStorage = VecStorage<f64, Dyn, U1>;

    fn set_params(&mut self, z: &DVector<f64>) {
        self.z.copy_from(z);
    }

    fn params(&self) -> DVector<f64> {
        self.z.clone()
    }

    fn residuals(&self) -> Option<DVector<f64>> {
        if self.problem.stop.requested() || !self.spend(1) {
            return None;
        }
        let r = self
            .problem
            .residuals(&unbox(self.z.as_slice()), self.targets);
        Some(DVector::from_vec(r))
    }

    fn jacobian(&self) -> Option<DMatrix<f64>> {
        if self.problem.stop.requested() || !self.spend(self.z.len() + 1) {
            return None;
        }
        let z = self.z.as_slice();
        let r0 = self.problem.residuals(&unbox(z), self.targets);
        let mut j = DMatrix::zeros(r0.len(), z.len());
        for k in 0..z.len() {
            let h = 1e-7 * z[k].abs().max(1.0);
            let mut zk = z.to_vec();
            zk[k] += h;
            let rk = self.problem.residuals(&unbox(&zk), self.targets);
            for (i, (a, b)) in rk.iter().zip(&r0).enumerate() {
                j[(i, k)] = (a - b) / h;
            }
        }
        Some(j)
    }
}

/// The radical inverse of `i` in base `b` (a Halton coordinate).
pub(super) fn halton(mut i: usize, b: usize) -> f64 {
    let (mut f, mut r) = (1.0, 0.0);
    while i > 0 {
        f /= b as f64;
        r += f * (i % b) as f64;
        i /= b;
    }
    r
}

pub(super) const PRIMES: [usize; MAX_PARAMS] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
