//! Fitting the model to a company's history: the values of chosen parameters,
//! each within its range, that make the deterministic run match the observed
//! series best, by weighted least squares (each series divided by its own
//! root mean square, so customers and revenue weigh alike).
//!
//! The search: a quasi-random (Halton) sample of the box, then
//! Levenberg-Marquardt (the `levenberg-marquardt` crate, Jacobian by forward
//! differences, the box kept by a sine transform) from the best few samples
//! in parallel, then a polish from the best. Intervals are a bootstrap of
//! the residuals under the noise the residuals show: each series' residuals
//! relative to its fitted values (a company's figures are off by a share of
//! their size), centred, inflated by the series' degrees of freedom, drawn
//! with replacement in blocks of neighbouring periods and put back onto the
//! fitted curves; the parameters are refitted from the best point and the
//! 5th and 95th percentiles of the refits reported (a 90% interval). Where
//! the local slope says a parameter is loose, its interval is at least the
//! slope's. The same refits give the correlation of each pair, and are
//! kept whole for joint draws. The coverage of these intervals is measured
//! by [`coverage`].

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::goodness::{Goodness, goodness};
use super::history::History;
use crate::i18n::{mark, trf};
use crate::interrupt::{Cancelled, Stop};
use crate::model::{Config, ParamId, Series, simulate};

mod alternatives;
mod bootstrap;
pub mod coverage;
mod explain;
mod param;
mod problem;

pub use alternatives::Alternative;
use bootstrap::{correlations, intervals, linearised, refits};
use explain::warnings;
pub use explain::{Loose, Warning};
pub use param::{FIT_PARAM, FitParam, ParamError, parse_param, parse_param_in, validate};
use problem::{PRIMES, Problem, Target, halton, targets};

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
pub const INTERVAL_METHOD: &str = mark(
    "bootstrap of the relative residuals in blocks of neighbouring periods (5th to 95th percentile of the refits; coverage measured in the README)",
);

/// How hard to search and how many refits make the intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// Quasi-random points of the box tried before the local searches.
    pub samples: usize,
    /// Local searches, from the best samples (and the loaded values).
    pub starts: usize,
    /// Bootstrap refits for the intervals (0: no intervals, and no search
    /// for other explanations: a quick fit).
    pub bootstrap: usize,
    /// The most runs one local search may make.
    pub max_evals: usize,
    /// The seed of the bootstrap's resampling.
    pub seed: u64,
    /// How many weeks a period of the scenario lasts: the ranges searched
    /// for other explanations are those of that period.
    pub weeks: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            samples: 64,
            starts: 4,
            bootstrap: 200,
            max_evals: 2_000,
            seed: 1,
            weeks: 1.0,
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
    /// Each bootstrap refit's values, in the parameters' order: drawn whole, they
    /// carry the parameters' correlations into a what-if.
    pub draws: Vec<Vec<f64>>,
    /// Other explanations of the history about as good as this one: a
    /// default parameter this fit held, held elsewhere.
    pub alternatives: Vec<Alternative>,
    /// Pairs whose refits move together: (i, j, correlation).
    pub correlated: Vec<(usize, usize, f64)>,
    /// What the data cannot pin down, fitted values at the edge of their
    /// range, pairs that move together: worded in the reader's language
    /// where shown.
    pub warnings: Vec<Warning>,
}

/// Why a fit could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// The parameters to fit are malformed (none, too many, one twice).
    #[error("{0}")]
    Invalid(ParamError),
    /// Every cell of every series of the history is empty.
    #[error("{}", trf("{}: every cell of every series is empty; there is nothing to fit", &[.0]))]
    NoData(String),
    /// Ctrl-C.
    #[error("{0}")]
    Cancelled(#[from] Cancelled),
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
    let targets = targets(history);
    if targets.is_empty() {
        return Err(FitError::NoData(history.source.clone()));
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
            let v = p.get(base);
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
    let refits = refits(&problem, &best_u, &best_series, opts, progress, stop)?;
    let linear = linearised(&problem, &best_u, best_f);
    // The table and the warnings tell one story: where the local slope says
    // the data cannot pin a parameter down, its interval is at least the
    // slope's (refits from the best point can stay in its valley).
    let fitted: Vec<Fitted> = intervals(params, &refits, &best_x, base)
        .into_iter()
        .zip(&linear.width)
        .map(|(mut f, w)| {
            if !refits.is_empty() && w.is_finite() && *w > WIDE_SHARE {
                let half = w / 2.0 * (f.param.hi - f.param.lo);
                f.low = f.low.min((f.value - half).max(f.param.lo));
                f.high = f.high.max((f.value + half).min(f.param.hi));
            }
            f
        })
        .collect();
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
    let alternatives = if opts.bootstrap > 0 {
        alternatives::alternatives(&problem, &best_u, best_f, opts)
    } else {
        Vec::new()
    };
    if stop.requested() {
        return Err(Cancelled.into());
    }
    let warnings = warnings(
        &fitted,
        &linear.width,
        &correlated,
        &alternatives,
        &problem.base,
    );
    let loaded_series = simulate(&problem.config(&problem.values(&loaded_u)));
    let report = |series: &Series| -> Vec<SeriesFit> {
        history
            .series
            .iter()
            .map(|s| {
                let (sim, obs): (Vec<f64>, Vec<f64>) = history
                    .observed(s)
                    .map(|(p, v)| (s.modelled(&series.rows, p as usize).unwrap_or(0.0), v))
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
        f.param.set(&mut config, f.value);
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
        draws: refits,
        alternatives,
        correlated,
        warnings,
    })
}

impl Fit {
    /// Bootstrap refits made.
    pub fn refits(&self) -> usize {
        self.draws.len()
    }
}

pub use crate::format::round_sig;

#[cfg(test)]
mod tests;
