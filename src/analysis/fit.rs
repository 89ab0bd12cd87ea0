//! Fitting the model to a company's history: the values of chosen parameters,
//! each within its range, that make the deterministic run match the observed
//! series best, by weighted least squares (each series divided by its own
//! root mean square, so customers and revenue weigh alike).
//!
//! The search: a quasi-random (Halton) sample of the box, then
//! Levenberg-Marquardt (the `levenberg-marquardt` crate, Jacobian by forward
//! differences, the box kept by a sine transform) from the best few samples
//! in parallel, then a polish from the best. Intervals
//! are a bootstrap of the residuals: each series' residuals are resampled
//! with replacement onto the fitted curves, the parameters refitted from the
//! best point, and the 5th and 95th percentiles of the refits reported (a
//! 90% interval). The same refits give the correlation of each pair.

use std::sync::atomic::{AtomicUsize, Ordering};

use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt};
use nalgebra::{DMatrix, DVector, Dyn, U1, VecStorage};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::goodness::{Goodness, goodness};
use super::history::History;
use super::range::Form;
use crate::i18n::{Lang, mark, tr, trf, with_lang};
use crate::interrupt::{Cancelled, Stop};
use crate::model::{
    Config, ParamId, ParamSpec, Params, Series, fmt_num, simulate, simulate_rows_into,
};

/// The parameters fitted when none are named: word of mouth, discovery,
/// the sales win rate and the base churn (the parameter table's fit set).
pub const DEFAULT_PARAMS: [ParamId; 4] = crate::model::FIT_DEFAULT;

/// The most parameters one fit takes.
pub const MAX_PARAMS: usize = 12;

/// An interval wider than this share of the searched range is "not pinned down".
pub const WIDE_SHARE: f64 = 0.5;

/// A correlation of the refits beyond this (in absolute value) is "moves together".
pub const STRONG_CORRELATION: f64 = 0.9;

/// How the intervals are made, as written in reports.
pub const INTERVAL_METHOD: &str =
    mark("bootstrap of the residuals (5th to 95th percentile of the refits)");

/// One parameter to fit and the range searched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitParam {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The lowest value searched.
    pub lo: f64,
    /// The highest value searched.
    pub hi: f64,
}

impl FitParam {
    /// The default range: the valid range, cut to the slider's range or ten
    /// times the value in `params`, whichever is wider.
    pub fn around(id: ParamId, params: &Params) -> FitParam {
        let spec = ParamSpec::of(id);
        let lo = spec.clamp(spec.min.max(spec.ui_min.min(params[id])));
        let hi = spec.max.min(spec.ui_max.max(10.0 * params[id])).max(lo);
        FitParam { spec, lo, hi }
    }
}

/// How `fit --param` writes a range: a bare key takes its default range;
/// LOW must be below HIGH (the fit searches between them).
pub const FIT_PARAM: Form = Form {
    flag: "--param",
    syntax: "section.key or section.key=LOW..HIGH",
    example: "market.imitation=0..0.3",
    bare: true,
    suffix: None,
    strict: true,
};

/// Parses `section.key` (its default range) or `section.key=LOW..HIGH`.
pub fn parse_param(text: &str, params: &Params) -> Result<FitParam, String> {
    let key = text.split_once('=').map_or(text, |(k, _)| k).trim();
    if key.starts_with("scenario.") && ParamSpec::by_key(key).is_none() {
        return Err(trf(
            "--param {}: {} is a setting of the run, not a number of the model, \
             and cannot be fitted; name a model parameter (see `flywheel params`)",
            &[&text, &key],
        ));
    }
    let parsed = FIT_PARAM.parse(text).map_err(|e| e.text())?;
    let spec = parsed.spec;
    if spec.integer {
        return Err(trf(
            "--param {}: {} takes whole numbers only and cannot be fitted by a \
             continuous search; try its values with `flywheel sweep --param {}=LOW..HIGH:1`",
            &[&text, &key, &key],
        ));
    }
    let Some((lo, hi)) = parsed.bounds else {
        return Ok(FitParam::around(spec.id, params));
    };
    Ok(FitParam { spec, lo, hi })
}

/// How hard to search and how many refits make the intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// Quasi-random points of the box tried before the local searches.
    pub samples: usize,
    /// Local searches, from the best samples (and the loaded values).
    pub starts: usize,
    /// Bootstrap refits for the intervals (0: no intervals).
    pub bootstrap: usize,
    /// The most runs one local search may make.
    pub max_evals: usize,
    /// The seed of the bootstrap's resampling.
    pub seed: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            samples: 64,
            starts: 4,
            bootstrap: 200,
            max_evals: 2_000,
            seed: 1,
        }
    }
}

/// A fitted parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fitted {
    /// The parameter and its searched range.
    pub param: FitParam,
    /// The value before the fit.
    pub loaded: f64,
    /// The best value found.
    pub value: f64,
    /// The 90% interval's low end (the value itself without bootstrap).
    pub low: f64,
    /// The 90% interval's high end.
    pub high: f64,
}

/// The fit of one observed series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesFit {
    /// The column.
    pub column: &'static str,
    /// R², MAPE, Theil's statistics.
    pub goodness: Goodness,
}

/// The result of a fit.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The fitted parameters, in the order asked.
    pub params: Vec<Fitted>,
    /// Each observed series at the fitted values.
    pub series: Vec<SeriesFit>,
    /// Each series at the loaded values, for comparison.
    pub loaded_series: Vec<SeriesFit>,
    /// The run configuration with the fitted values (horizon as given).
    pub config: Config,
    /// The weighted sum of squares at the fitted values.
    pub objective: f64,
    /// The same at the loaded values.
    pub loaded_objective: f64,
    /// Whether the final search met its tolerance within its run budget.
    pub converged: bool,
    /// Runs of the model made (the refits included).
    pub evaluations: usize,
    /// Bootstrap refits made.
    pub refits: usize,
    /// Pairs whose refits move together: (i, j, correlation).
    pub correlated: Vec<(usize, usize, f64)>,
    /// What the data cannot pin down, and fitted values at the edge of their
    /// range, in the interface's language.
    pub warnings: Vec<String>,
    /// The same warnings in English, for the JSON report and the saved
    /// scenario's comments.
    pub warnings_en: Vec<String>,
}

/// Why a fit could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// The problem is malformed (no parameters, a parameter twice, ...).
    #[error("{0}")]
    Invalid(String),
    /// Ctrl-C.
    #[error("{0}")]
    Cancelled(#[from] Cancelled),
}

/// One observed series, ready for the objective.
struct Target {
    get: fn(&crate::model::Row) -> f64,
    /// (row index, observed value).
    obs: Vec<(usize, f64)>,
    /// The series' own size (root mean square of the observations).
    scale: f64,
}

thread_local! {
    /// Each search thread's run, reused from one evaluation to the next.
    static RUN_BUFFER: std::cell::RefCell<Series> = std::cell::RefCell::new(Series::default());
}

/// The least-squares problem over the unit box.
struct Problem<'a> {
    base: Config,
    params: &'a [FitParam],
    targets: Vec<Target>,
    runs: AtomicUsize,
    /// Stops the fit early (a stale request, Ctrl-C).
    stop: Stop,
}

impl Problem<'_> {
    fn values(&self, u: &[f64]) -> Vec<f64> {
        self.params
            .iter()
            .zip(u)
            .map(|(p, u)| p.lo + u.clamp(0.0, 1.0) * (p.hi - p.lo))
            .collect()
    }

    fn config(&self, x: &[f64]) -> Config {
        let mut cfg = self.base.clone();
        for (p, v) in self.params.iter().zip(x) {
            cfg.params[p.spec.id] = *v;
        }
        cfg
    }

    fn run(&self, u: &[f64]) -> Series {
        self.runs.fetch_add(1, Ordering::Relaxed);
        let mut out = Series::default();
        simulate_rows_into(&self.config(&self.values(u)), &mut out);
        out
    }

    /// The weighted residuals against `targets`, and one for a broken rule.
    fn residuals(&self, u: &[f64], targets: &[Target]) -> Vec<f64> {
        self.runs.fetch_add(1, Ordering::Relaxed);
        let cfg = self.config(&self.values(u));
        let mut out = Vec::with_capacity(targets.iter().map(|t| t.obs.len()).sum::<usize>() + 1);
        RUN_BUFFER.with(|buffer| {
            let mut series = buffer.borrow_mut();
            simulate_rows_into(&cfg, &mut series);
            for t in targets {
                for &(i, a) in &t.obs {
                    let s = series.rows.get(i).map_or(0.0, t.get);
                    let r = (s - a) / t.scale;
                    out.push(if r.is_finite() { r } else { 1e150 });
                }
            }
        });
        out.push(1e3 * (-self.slack(u)).max(0.0));
        out
    }

    /// The weighted sum of squares against `targets`.
    fn sse(&self, u: &[f64], targets: &[Target]) -> f64 {
        let sum: f64 = self.residuals(u, targets).iter().map(|r| r * r).sum();
        if sum.is_finite() { sum } else { 1e300 }
    }

    /// How far the model's rules are met at `u` (>= 0 when they hold).
    fn slack(&self, u: &[f64]) -> f64 {
        let p = self.config(&self.values(u)).params;
        let shares = 1.0 - p[ParamId::RdShare] - p[ParamId::SalesShare];
        let customers = (p[ParamId::MarketSize] - p[ParamId::InitialCustomers])
            / p[ParamId::MarketSize].max(1.0);
        shares.min(customers)
    }

    /// A Levenberg-Marquardt search from `u0`: the best point, its value and
    /// whether it converged. The box is kept by searching `z` with
    /// `u = (1 + sin z) / 2`.
    fn search(&self, u0: &[f64], max_evals: usize, targets: &[Target]) -> (Vec<f64>, f64, bool) {
        let z0: Vec<f64> = u0
            .iter()
            .map(|u| (2.0 * u.clamp(1e-9, 1.0 - 1e-9) - 1.0).asin())
            .collect();
        let ls = Squares {
            problem: self,
            targets,
            z: DVector::from_vec(z0),
        };
        let patience = (max_evals / (u0.len() + 1)).max(1);
        let (ls, report) = LevenbergMarquardt::new()
            .with_patience(patience)
            .with_ftol(1e-12)
            .with_xtol(1e-12)
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
        if self.problem.stop.requested() {
            return None;
        }
        let r = self
            .problem
            .residuals(&unbox(self.z.as_slice()), self.targets);
        Some(DVector::from_vec(r))
    }

    fn jacobian(&self) -> Option<DMatrix<f64>> {
        if self.problem.stop.requested() {
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
fn halton(mut i: usize, b: usize) -> f64 {
    let (mut f, mut r) = (1.0, 0.0);
    while i > 0 {
        f /= b as f64;
        r += f * (i % b) as f64;
        i /= b;
    }
    r
}

const PRIMES: [usize; MAX_PARAMS] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

/// Checks the parameters: at least one, at most [`MAX_PARAMS`], none twice.
pub fn validate(params: &[FitParam]) -> Result<(), String> {
    if params.is_empty() {
        return Err(
            tr("name at least one parameter to fit, such as --param market.imitation").into(),
        );
    }
    if params.len() > MAX_PARAMS {
        return Err(trf(
            "{} parameters named; a fit takes at most {} (fewer fit better)",
            &[&params.len(), &MAX_PARAMS],
        ));
    }
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.spec.id == p.spec.id) {
            return Err(trf(
                "--param {} is named twice; name it once",
                &[&p.spec.key],
            ));
        }
    }
    Ok(())
}

/// Fits `params` of `base` to `history`. `progress` hears the number of
/// bootstrap refits done. The horizon of the runs is the history's last
/// period; the returned configuration keeps `base`'s horizon (or the
/// history's, if longer).
pub fn fit(
    base: &Config,
    history: &History,
    params: &[FitParam],
    opts: &FitOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Fit, FitError> {
    fit_until(base, history, params, opts, progress, &Stop::new())
}

/// Like [`fit`], stopped early (with [`Cancelled`]) when `stop` is.
pub fn fit_until(
    base: &Config,
    history: &History,
    params: &[FitParam],
    opts: &FitOptions,
    progress: &(dyn Fn(usize) + Sync),
    stop: &Stop,
) -> Result<Fit, FitError> {
    validate(params).map_err(FitError::Invalid)?;
    let mut run_cfg = base.clone();
    run_cfg.stochastic = false;
    run_cfg.periods = history.last_period().max(1);
    let targets: Vec<Target> = history
        .series
        .iter()
        .map(|s| {
            let obs: Vec<(usize, f64)> = history
                .periods
                .iter()
                .zip(&s.values)
                .filter_map(|(p, v)| v.map(|v| (*p as usize, v)))
                .collect();
            let rms =
                (obs.iter().map(|(_, v)| v * v).sum::<f64>() / obs.len().max(1) as f64).sqrt();
            Target {
                get: s.column.get,
                obs,
                scale: if rms > 0.0 { rms } else { 1.0 },
            }
        })
        .filter(|t| !t.obs.is_empty())
        .collect();
    if targets.is_empty() {
        return Err(FitError::Invalid(trf(
            "{}: every cell of every series is empty; there is nothing to fit",
            &[&history.source],
        )));
    }
    let problem = Problem {
        base: run_cfg,
        params,
        targets,
        runs: AtomicUsize::new(0),
        stop: stop.clone(),
    };
    let dims = params.len();
    let loaded_u: Vec<f64> = params
        .iter()
        .map(|p| {
            let v = base.params[p.spec.id];
            if p.hi > p.lo {
                ((v - p.lo) / (p.hi - p.lo)).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();

    // 1. A quasi-random sample of the box, and the loaded point.
    let mut points: Vec<Vec<f64>> = (1..=opts.samples)
        .map(|i| (0..dims).map(|d| halton(i, PRIMES[d])).collect())
        .collect();
    points.push(loaded_u.clone());
    let mut scored: Vec<(f64, Vec<f64>)> = points
        .into_par_iter()
        .filter(|u| problem.slack(u) >= 0.0)
        .map(|u| (problem.sse(&u, &problem.targets), u))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    if scored.is_empty() {
        scored.push((problem.sse(&loaded_u, &problem.targets), loaded_u.clone()));
    }

    // 2. Local searches from the best few, in parallel; 3. a polish from the best.
    let starts: Vec<Vec<f64>> = scored
        .iter()
        .take(opts.starts.max(1))
        .map(|(_, u)| u.clone())
        .collect();
    let mut found: Vec<(Vec<f64>, f64, bool)> = starts
        .par_iter()
        .map(|u| problem.search(u, opts.max_evals, &problem.targets))
        .collect();
    if stop.requested() {
        return Err(Cancelled.into());
    }
    found.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (best_u, best_f, _) = found.swap_remove(0);
    let (best_u, best_f, converged) = {
        let (u, f, c) = problem.search(&best_u, opts.max_evals, &problem.targets);
        if f <= best_f {
            (u, f, c)
        } else {
            (best_u, best_f, c)
        }
    };
    if stop.requested() {
        return Err(Cancelled.into());
    }
    let best_x = problem.values(&best_u);
    let best_series = problem.run(&best_u);

    // 4. Bootstrap of the residuals.
    let done = AtomicUsize::new(0);
    let refits: Vec<Vec<f64>> = (0..opts.bootstrap)
        .into_par_iter()
        .map(|b| {
            if stop.requested() {
                return None;
            }
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed.wrapping_add(b as u64));
            let targets: Vec<Target> = problem
                .targets
                .iter()
                .map(|t| {
                    let fitted: Vec<f64> = t
                        .obs
                        .iter()
                        .map(|&(i, _)| best_series.rows.get(i).map_or(0.0, t.get))
                        .collect();
                    let resid: Vec<f64> = t
                        .obs
                        .iter()
                        .zip(&fitted)
                        .map(|(&(_, a), s)| a - s)
                        .collect();
                    let obs = t
                        .obs
                        .iter()
                        .zip(&fitted)
                        .map(|(&(i, _), s)| (i, s + resid[rng.random_range(0..resid.len())]))
                        .collect();
                    Target {
                        get: t.get,
                        obs,
                        scale: t.scale,
                    }
                })
                .collect();
            let (u, _, _) = problem.search(&best_u, opts.max_evals, &targets);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            Some(problem.values(&u))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(Cancelled)?;

    let fitted: Vec<Fitted> = params
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mut draws: Vec<f64> = refits.iter().map(|r| r[k]).collect();
            draws.sort_by(f64::total_cmp);
            let (low, high) = if draws.is_empty() {
                (best_x[k], best_x[k])
            } else {
                (
                    quantile(&draws, 0.05).min(best_x[k]),
                    quantile(&draws, 0.95).max(best_x[k]),
                )
            };
            Fitted {
                param: *p,
                loaded: base.params[p.spec.id],
                value: best_x[k],
                low,
                high,
            }
        })
        .collect();
    let linear = linearised(&problem, &best_u, best_f);
    let mut correlated = correlations(&refits, dims);
    if refits.len() < 3
        && let Some(c) = &linear.corr
    {
        for i in 0..dims {
            for j in i + 1..dims {
                if c[(i, j)].abs() > STRONG_CORRELATION {
                    correlated.push((i, j, c[(i, j)]));
                }
            }
        }
    }
    let warnings_en = with_lang(Lang::En, || warnings(&fitted, &linear.width, &correlated));
    let warnings = warnings(&fitted, &linear.width, &correlated);
    let loaded_series = simulate(&problem.config(&problem.values(&loaded_u)));
    let report = |series: &Series| -> Vec<SeriesFit> {
        history
            .series
            .iter()
            .map(|s| {
                let (sim, obs): (Vec<f64>, Vec<f64>) = history
                    .periods
                    .iter()
                    .zip(&s.values)
                    .filter_map(|(p, v)| {
                        v.map(|v| (series.rows.get(*p as usize).map_or(0.0, s.column.get), v))
                    })
                    .unzip();
                SeriesFit {
                    column: s.name(),
                    goodness: goodness(&sim, &obs),
                }
            })
            .collect()
    };
    let mut config = base.clone();
    config.periods = base.periods.max(history.last_period());
    for f in &fitted {
        config.params[f.param.spec.id] = f.value;
    }
    let mut loaded_cfg = problem.base.clone();
    loaded_cfg.params = base.params;
    let loaded_objective = problem.sse(&loaded_u, &problem.targets);
    Ok(Fit {
        params: fitted,
        series: report(&best_series),
        loaded_series: report(&loaded_series),
        config,
        objective: best_f,
        loaded_objective,
        converged,
        evaluations: problem.runs.load(Ordering::Relaxed),
        refits: refits.len(),
        correlated,
        warnings,
        warnings_en,
    })
}

/// What the Jacobian at the best point says: for each parameter, the
/// linearised 90% interval's width as a share of the range searched
/// (infinite where the data do not respond to it), and the linearised
/// correlation of each pair.
struct Linear {
    width: Vec<f64>,
    corr: Option<DMatrix<f64>>,
}

fn linearised(problem: &Problem<'_>, u: &[f64], sse: f64) -> Linear {
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
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos.fract());
    let next = sorted.get(i + 1).copied().unwrap_or(sorted[i]);
    sorted[i] + frac * (next - sorted[i])
}

/// Pairs of parameters whose refits correlate beyond [`STRONG_CORRELATION`].
fn correlations(draws: &[Vec<f64>], dims: usize) -> Vec<(usize, usize, f64)> {
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

fn warnings(fitted: &[Fitted], linear: &[f64], correlated: &[(usize, usize, f64)]) -> Vec<String> {
    let mut out = Vec::new();
    for (f, lin) in fitted.iter().zip(linear) {
        let (lo, hi) = (f.param.lo, f.param.hi);
        let width = hi - lo;
        if lin.is_infinite() {
            out.push(trf(
                "{}: the data do not respond to it near the fitted value; it keeps a value the data say nothing about ({}); fix it and fit fewer, or add a series it drives",
                &[&f.param.spec.key, &fmt_num(round_sig(f.value))],
            ));
        } else if width > 0.0 && (f.high - f.low > WIDE_SHARE * width || *lin > WIDE_SHARE) {
            let boot = (f.high - f.low) / width;
            let how = if boot >= *lin {
                trf(
                    "its 90% interval ({}..{}) covers {}%",
                    &[
                        &fmt_num(round_sig(f.low)),
                        &fmt_num(round_sig(f.high)),
                        &format!("{:.0}", 100.0 * boot.min(1.0)),
                    ],
                )
            } else {
                trf(
                    "by the local slope of the fit its 90% interval covers {}%",
                    &[&format!("{:.0}", 100.0 * lin.min(1.0))],
                )
            };
            out.push(trf(
                "{}: the data cannot pin it down: {} of the range searched ({}..{}); add a series it drives, or fix it and fit fewer",
                &[&f.param.spec.key, &how, &fmt_num(lo), &fmt_num(hi)],
            ));
        }
        let edge = 1e-6 * width;
        if width > 0.0
            && ((f.value - lo).abs() <= edge && lo > f.param.spec.min
                || (hi - f.value).abs() <= edge && hi < f.param.spec.max)
        {
            out.push(trf(
                "{}: the fit stops at the edge of the range searched ({}..{}); widen it with --param {}=LOW..HIGH",
                &[&f.param.spec.key, &fmt_num(lo), &fmt_num(hi), &f.param.spec.key],
            ));
        }
    }
    for &(i, j, r) in correlated {
        out.push(trf(
            "{} and {} move together (correlation {} over the refits): the data tell one combination of them, not each; fix one, or add a series that tells them apart",
            &[&fitted[i].param.spec.key, &fitted[j].param.spec.key, &format!("{r:+.2}")],
        ));
    }
    out
}

pub use crate::format::round_sig;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halton_points_fill_the_unit_interval() {
        let xs: Vec<f64> = (1..=8).map(|i| halton(i, 2)).collect();
        assert_eq!(xs[..3], [0.5, 0.25, 0.75]);
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [0.0, 1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), 2.0);
        assert!((quantile(&v, 0.05) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn params_parse_with_ranges_and_refuse_what_cannot_be_fitted() {
        let p = Params::default();
        let f = parse_param("market.imitation=0.01..0.2", &p).unwrap();
        assert_eq!((f.lo, f.hi), (0.01, 0.2));
        let d = parse_param("market.imitation", &p).unwrap();
        assert!(d.lo <= p[ParamId::Imitation] && p[ParamId::Imitation] <= d.hi);
        assert!(
            parse_param("scenario.name", &p)
                .unwrap_err()
                .contains("cannot be fitted")
        );
        assert!(
            parse_param("finance.valuation_lag", &p)
                .unwrap_err()
                .contains("sweep")
        );
        assert!(
            parse_param("market.imitaton", &p)
                .unwrap_err()
                .contains("market.imitation")
        );
        assert!(
            parse_param("market.imitation=2..3", &p)
                .unwrap_err()
                .contains("out of range")
        );
    }
}
