//! The intervals: a bootstrap of the residuals (each series' relative
//! residuals resampled in blocks onto the fitted curves, the parameters
//! refitted from the best point), each parameter's 5th to 95th percentile of the
//! refits (a 90% interval), the pairs whose refits move together, and what
//! the Jacobian at the best point says when the refits are too few.

use std::sync::atomic::{AtomicUsize, Ordering};

use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::{FitOptions, FitParam, Fitted, Problem, STRONG_CORRELATION, Target};
use crate::interrupt::{Cancelled, Stop};
use crate::model::{Config, Series};

/// The bootstrap's refits: `opts.bootstrap` searches from `best_u`, each
/// against the fitted curves plus residuals drawn as [`Noise`] says (the
/// draws seeded by `opts.seed` and the refit's number); each refit's values,
/// in the parameters' order. `progress` hears the number of refits done.
pub(super) fn refits(
    problem: &Problem<'_>,
    best_u: &[f64],
    best_series: &Series,
    opts: &FitOptions,
    progress: &(dyn Fn(usize) + Sync),
    stop: &Stop,
) -> Result<Vec<Vec<f64>>, Cancelled> {
    let done = AtomicUsize::new(0);
    // Every parameter acts on every series, so each series' residuals are
    // smaller than its noise by its own degrees of freedom.
    let noise: Vec<Noise> = problem
        .targets
        .iter()
        .map(|t| {
            let n = t.obs.len();
            let inflate = (n as f64 / n.saturating_sub(best_u.len()).max(1) as f64).sqrt();
            Noise::of(t, best_series, inflate)
        })
        .collect();
    (0..opts.bootstrap)
        .into_par_iter()
        .map(|b| {
            if stop.requested() {
                return None;
            }
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed.wrapping_add(b as u64));
            let targets: Vec<Target> = problem
                .targets
                .iter()
                .zip(&noise)
                .map(|(t, n)| Target {
                    get: t.get,
                    span: t.span,
                    obs: n.draw(&mut rng),
                    scale: t.scale,
                })
                .collect();
            let (u, _, _) = problem.search_to(best_u, opts.max_evals / 8, &targets, REFIT_TOL);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            Some(problem.values(&u))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(Cancelled)
}

/// The tolerance of a refit: it starts at the best point and only has to
/// land within a small share of the interval, not to the last digit.
const REFIT_TOL: f64 = 1e-7;

/// How much wider than the refits' percentiles an interval is, about the
/// fitted value: percentile intervals of a bootstrap run short in histories
/// of a few dozen points (the coverage study measured 83% to 94% for a nominal 90%
/// without it; see the README).
pub const WIDEN: f64 = 1.05;

/// Each parameter's best value and its 90% interval: the 5th and 95th
/// percentiles of the refits, widened by [`WIDEN`] about the best value and
/// to hold it (the value itself without refits), within the range searched.
pub(super) fn intervals(
    params: &[FitParam],
    refits: &[Vec<f64>],
    best_x: &[f64],
    base: &Config,
) -> Vec<Fitted> {
    params
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mut draws: Vec<f64> = refits.iter().map(|r| r[k]).collect();
            draws.sort_by(f64::total_cmp);
            let (low, high) = if draws.is_empty() {
                (best_x[k], best_x[k])
            } else {
                let (lo, hi) = (p.lo, p.hi);
                let widen = |q: f64| (best_x[k] + WIDEN * (q - best_x[k])).clamp(lo, hi);
                (
                    widen(quantile(&draws, 0.05)).min(best_x[k]),
                    widen(quantile(&draws, 0.95)).max(best_x[k]),
                )
            };
            Fitted {
                param: *p,
                loaded: p.get(base),
                value: best_x[k],
                low,
                high,
            }
        })
        .collect()
}

/// What the Jacobian at the best point says: for each parameter, the
/// linearised 90% interval's width as a share of the range searched
/// (infinite where the data do not respond to it), and the linearised
/// correlation of each pair.
pub(super) struct Linear {
    pub(super) width: Vec<f64>,
    pub(super) corr: Option<DMatrix<f64>>,
}

pub(super) fn linearised(problem: &Problem<'_>, u: &[f64], sse: f64) -> Linear {
    let n = u.len();
    let r0 = problem.residuals(u, &problem.targets);
    let m = r0.len().saturating_sub(1);
    let mut j = DMatrix::zeros(r0.len(), n);
    for k in 0..n {
        let h = if u[k] + 1e-6 <= 1.0 { 1e-6 } else { -1e-6 };
        let mut uk = u.to_vec();
        uk[k] += h;
        let rk = problem.residuals(&uk, &problem.targets);
        for (i, (a, b)) in rk.iter().zip(&r0).enumerate() {
            j[(i, k)] = (a - b) / h;
        }
    }
    let jtj = j.transpose() * &j;
    let scale = (0..n).map(|k| jtj[(k, k)]).fold(0.0_f64, f64::max);
    let dead: Vec<bool> = (0..n)
        .map(|k| jtj[(k, k)].is_nan() || jtj[(k, k)] <= 1e-14 * scale.max(1e-300))
        .collect();
    let s2 = sse / (m.saturating_sub(n).max(1)) as f64;
    let inv = if dead.iter().any(|d| *d) {
        None
    } else {
        jtj.try_inverse()
    };
    let width = (0..n)
        .map(|k| match &inv {
            _ if dead[k] => f64::INFINITY,
            Some(c) => 2.0 * 1.645 * (s2 * c[(k, k)].max(0.0)).sqrt(),
            None => f64::INFINITY,
        })
        .collect();
    let corr = inv.map(|c| {
        DMatrix::from_fn(n, n, |a, b| {
            let d = (c[(a, a)] * c[(b, b)]).sqrt();
            if d > 0.0 { c[(a, b)] / d } else { 0.0 }
        })
    });
    Linear { width, corr }
}

/// The `q` quantile of sorted values, interpolated.
pub(super) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos.fract());
    let next = sorted.get(i + 1).copied().unwrap_or(sorted[i]);
    sorted[i] + frac * (next - sorted[i])
}

/// Pairs of parameters whose refits correlate beyond [`STRONG_CORRELATION`].
pub(super) fn correlations(draws: &[Vec<f64>], dims: usize) -> Vec<(usize, usize, f64)> {
    let n = draws.len() as f64;
    if draws.len() < 3 {
        return Vec::new();
    }
    let mean: Vec<f64> = (0..dims)
        .map(|k| draws.iter().map(|d| d[k]).sum::<f64>() / n)
        .collect();
    let sd: Vec<f64> = (0..dims)
        .map(|k| (draws.iter().map(|d| (d[k] - mean[k]).powi(2)).sum::<f64>() / n).sqrt())
        .collect();
    let mut out = Vec::new();
    for i in 0..dims {
        for j in i + 1..dims {
            if sd[i] <= 1e-12 * mean[i].abs().max(1e-300)
                || sd[j] <= 1e-12 * mean[j].abs().max(1e-300)
            {
                continue;
            }
            let cov = draws
                .iter()
                .map(|d| (d[i] - mean[i]) * (d[j] - mean[j]))
                .sum::<f64>()
                / n;
            let r = cov / (sd[i] * sd[j]);
            if r.abs() > STRONG_CORRELATION {
                out.push((i, j, r));
            }
        }
    }
    out
}

/// One series' noise as the residuals show it: each residual relative to the
/// fitted value (the noise of a company's figures grows with them), centred,
/// inflated for the parameters fitted, and resampled in blocks of
/// neighbouring periods (so a run of misses stays a run).
struct Noise {
    /// (row index, fitted value, the size its residual is relative to) of
    /// each observation.
    fitted: Vec<(usize, f64, f64)>,
    /// The relative residuals, in period order.
    relative: Vec<f64>,
    /// Neighbouring residuals drawn together.
    block: usize,
}

impl Noise {
    fn of(t: &Target, best: &Series, inflate: f64) -> Noise {
        // A fitted value near zero keeps a residual of at least a millionth
        // of the series' size.
        let floor = 1e-6 * t.scale;
        let fitted: Vec<(usize, f64, f64)> = t
            .obs
            .iter()
            .map(|&(i, _)| {
                let s = t.model(&best.rows, i);
                (i, s, s.abs().max(floor))
            })
            .collect();
        let mut relative: Vec<f64> = t
            .obs
            .iter()
            .zip(&fitted)
            .map(|(&(_, a), &(_, s, size))| (a - s) / size)
            .collect();
        let mean = relative.iter().sum::<f64>() / relative.len().max(1) as f64;
        for r in &mut relative {
            *r = (*r - mean) * inflate;
        }
        // Blocks of about the cube root of the series' length (the usual
        // choice for a moving-block bootstrap).
        let block = ((relative.len() as f64).cbrt().round() as usize).max(1);
        Noise {
            fitted,
            relative,
            block,
        }
    }

    /// New observations: the fitted values with residuals drawn in blocks.
    fn draw(&self, rng: &mut ChaCha8Rng) -> Vec<(usize, f64)> {
        let n = self.relative.len();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            // Circular blocks: every residual is as likely to be drawn.
            let start = rng.random_range(0..n);
            for k in (start..start + self.block).map(|k| k % n) {
                if out.len() == n {
                    break;
                }
                let (i, s, size) = self.fitted[out.len()];
                out.push((i, s + size * self.relative[k]));
            }
        }
        out
    }
}
