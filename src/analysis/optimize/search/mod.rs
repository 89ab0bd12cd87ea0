//! The search itself: a Halton sample of the box in unit coordinates, a
//! feasibility phase when no sample meets the conditions, COBYLA from the
//! best few samples in parallel, a polish, whole numbers tried one step
//! either way, the fewest digits that keep the objective, and the flat top.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Bound, Choice, Evaluation, FLAT_SHARE, OptimizeError, Optimum, Problem, SHARES_RULE};
use crate::interrupt::Stop;
use crate::model::{Summary, simulate, summarize};

mod local;
mod outcome;

/// The working state of one search: the free dimensions in unit coordinates.
pub(super) struct Search<'a> {
    problem: &'a Problem,
    baseline: Summary,
    /// Indices of decisions whose range is wider than a point.
    free: Vec<usize>,
    evaluations: AtomicUsize,
    /// Stops the search early (a stale request, Ctrl-C).
    stop: Stop,
}

impl<'a> Search<'a> {
    pub(super) fn new(problem: &'a Problem, stop: Stop) -> Search<'a> {
        let baseline = summarize(&simulate(&problem.base));
        let free = (0..problem.decide.len())
            .filter(|&i| problem.decide[i].hi > problem.decide[i].lo)
            .collect();
        Search {
            problem,
            baseline,
            free,
            evaluations: AtomicUsize::new(0),
            stop,
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

    pub(super) fn run(&self, progress: &(dyn Fn(f64) + Sync)) -> Result<Optimum, OptimizeError> {
        let cancelled = || self.stop.requested();
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
}

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
pub(super) fn round_sig(v: f64, digits: i32) -> f64 {
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
pub(super) fn halton(k: usize, dims: usize) -> Vec<f64> {
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
