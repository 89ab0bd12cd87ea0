//! The back-test of a fit: fit the history before a cut-off, forecast the
//! periods after it, and compare the forecast's error with two simple
//! baselines a planner would otherwise use:
//!
//! - *naive*: each series' compound growth over the last stretch of the
//!   fitted span (its last quarter of observed points, at least two),
//!   continued;
//! - *Bass*: a Bass diffusion curve (market, innovation, imitation and the
//!   customers at the first period) fitted by least squares to the same
//!   span of `customers`; `revenue` follows it at the last revenue per
//!   customer; other series have no Bass baseline.
//!
//! `rolling` repeats the test at several cut-offs, each forecasting the
//! periods up to the next.

use super::fit::{Fit, FitError, FitOptions, FitParam, fit_until};
use super::goodness::goodness;
use super::history::{History, Observed};
use crate::interrupt::Stop;
use crate::model::{Config, simulate};

mod baselines;

use baselines::{bass_fit, naive};

/// One series' forecast errors over the held-out periods.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesTest {
    /// The column.
    pub column: &'static str,
    /// Held-out observations compared.
    pub points: usize,
    /// The model's MAPE, in percent.
    pub mape: Option<f64>,
    /// The naive baseline's.
    pub naive_mape: Option<f64>,
    /// The Bass baseline's (customers and revenue only).
    pub bass_mape: Option<f64>,
}

impl SeriesTest {
    /// The baselines that forecast this series better than the model.
    pub fn beaten_by(&self) -> Vec<&'static str> {
        let Some(m) = self.mape else {
            return Vec::new();
        };
        [("naive", self.naive_mape), ("Bass", self.bass_mape)]
            .into_iter()
            .filter_map(|(name, b)| (b? < m).then_some(name))
            .collect()
    }
}

/// A back-test at one cut-off.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// The last period fitted.
    pub cut: u32,
    /// The last period forecast.
    pub end: u32,
    /// The periods the naive baseline's growth was measured over, per series.
    pub naive_from: Vec<(u32, u32)>,
    /// Each series' errors.
    pub series: Vec<SeriesTest>,
}

/// Why a back-test cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BacktestError {
    /// Too few periods left to fit before the cut-off.
    #[error("{}", crate::i18n::trf("--holdout {}: the history has {} rows; holding out {} periods leaves {} to fit, and a fit of {} parameters needs at least {}", &[.holdout, .rows, .holdout, .left, .params, .needed]))]
    TooShort {
        /// Periods held out.
        holdout: u32,
        /// Rows of the history.
        rows: usize,
        /// Rows left to fit.
        left: usize,
        /// Parameters fitted.
        params: usize,
        /// Rows needed.
        needed: usize,
    },
    /// No period held out.
    #[error("{}", crate::i18n::tr("--holdout 0: hold out at least one period"))]
    NothingHeldOut,
    /// Too few periods before a rolling back-test's earliest cut-off.
    #[error("{}", crate::i18n::trf("--holdout {} --rolling {}: the earliest cut-off, after period {}, leaves {} rows to fit, and a fit of {} parameters needs at least {}; hold out fewer periods or use fewer cut-offs", &[.holdout, .k, .cut, .left, .params, .needed]))]
    RollingTooShort {
        /// Periods held out.
        holdout: u32,
        /// Cut-offs.
        k: u32,
        /// The earliest cut-off.
        cut: u32,
        /// Rows left to fit before it.
        left: usize,
        /// Parameters fitted.
        params: usize,
        /// Rows needed.
        needed: usize,
    },
    /// The fit failed.
    #[error("{0}")]
    Fit(#[from] FitError),
}

/// The history up to `cut` (inclusive) and after it.
pub fn split(h: &History, cut: u32) -> (History, History) {
    let part = |keep: &dyn Fn(u32) -> bool| {
        let idx: Vec<usize> = (0..h.periods.len())
            .filter(|&i| keep(h.periods[i]))
            .collect();
        History {
            source: h.source.clone(),
            periods: idx.iter().map(|&i| h.periods[i]).collect(),
            series: h
                .series
                .iter()
                .map(|s| Observed {
                    values: idx.iter().map(|&i| s.values[i]).collect(),
                    ..s.clone()
                })
                .collect(),
            header: h.header.clone(),
            dates: None,
        }
    };
    (part(&|p| p <= cut), part(&|p| p > cut))
}

/// Fits `params` to the history before its last `holdout` periods and
/// back-tests the forecast of those periods: the fit of the earlier part
/// and the test.
pub fn backtest(
    base: &Config,
    history: &History,
    params: &[FitParam],
    holdout: u32,
    opts: &FitOptions,
    progress: &(dyn Fn(usize) + Sync),
    stop: &Stop,
) -> Result<(Fit, Backtest), BacktestError> {
    if holdout == 0 {
        return Err(BacktestError::NothingHeldOut);
    }
    let cut = history.last_period().saturating_sub(holdout);
    let (train, test) = split(history, cut);
    let needed = (2 * params.len()).max(4);
    if train.periods.len() < needed || test.periods.is_empty() {
        return Err(BacktestError::TooShort {
            holdout,
            rows: history.periods.len(),
            left: train.periods.len(),
            params: params.len(),
            needed,
        });
    }
    let f = fit_until(base, &train, params, opts, progress, stop)?;
    let t = test_at(&f, &train, &test);
    Ok((f, t))
}

/// The back-test at `k` cut-offs `holdout` periods apart (the last one
/// `holdout` periods before the end), each forecasting the `holdout`
/// periods after it, without intervals.
pub fn rolling(
    base: &Config,
    history: &History,
    params: &[FitParam],
    holdout: u32,
    k: u32,
    opts: &FitOptions,
    stop: &Stop,
) -> Result<Vec<Backtest>, BacktestError> {
    let opts = FitOptions {
        bootstrap: 0,
        ..*opts
    };
    let cut = history.last_period().saturating_sub(k * holdout);
    let left = history.periods.iter().filter(|p| **p <= cut).count();
    let needed = (2 * params.len()).max(4);
    if left < needed || history.last_period() < k * holdout {
        return Err(BacktestError::RollingTooShort {
            holdout,
            k,
            cut,
            left,
            params: params.len(),
            needed,
        });
    }
    (0..k)
        .rev()
        .map(|i| {
            let end = history.last_period().saturating_sub(i * holdout);
            let (upto, _) = split(history, end);
            backtest(base, &upto, params, holdout, &opts, &|_| {}, stop).map(|(_, t)| t)
        })
        .collect()
}

/// The mean of each series' errors over several back-tests.
pub fn mean(tests: &[Backtest]) -> Vec<SeriesTest> {
    let Some(first) = tests.first() else {
        return Vec::new();
    };
    let avg = |get: &dyn Fn(&SeriesTest) -> Option<f64>, column: &str| {
        let v: Vec<f64> = tests
            .iter()
            .filter_map(|t| t.series.iter().find(|s| s.column == column).and_then(get))
            .collect();
        (v.len() == tests.len()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    first
        .series
        .iter()
        .map(|s| SeriesTest {
            column: s.column,
            points: tests
                .iter()
                .filter_map(|t| t.series.iter().find(|x| x.column == s.column))
                .map(|x| x.points)
                .sum(),
            mape: avg(&|x| x.mape, s.column),
            naive_mape: avg(&|x| x.naive_mape, s.column),
            bass_mape: avg(&|x| x.bass_mape, s.column),
        })
        .collect()
}

/// The test of fit `f` (made on `train`) against `test`.
fn test_at(f: &Fit, train: &History, test: &History) -> Backtest {
    let mut cfg = f.config.clone();
    cfg.stochastic = false;
    cfg.periods = test.last_period().max(1);
    let run = simulate(&cfg);
    let points = |s: &Observed| -> Vec<(u32, f64)> { train.observed(s).collect() };
    let bass = train.get("customers").and_then(|c| bass_fit(&points(c)));
    let last_per_customer = {
        let last = |name: &str| train.get(name).and_then(|s| train.observed(s).next_back());
        match (last("revenue"), last("customers")) {
            (Some((_, r)), Some((_, c))) if c > 0.0 => Some(r / c),
            _ => None,
        }
    };
    let mut naive_from = Vec::new();
    let series = test
        .series
        .iter()
        .zip(&train.series)
        .map(|(held, fitted)| {
            let obs: Vec<(u32, f64)> = test.observed(held).collect();
            let actual: Vec<f64> = obs.iter().map(|o| o.1).collect();
            let model: Vec<f64> = obs
                .iter()
                .map(|(p, _)| held.modelled(&run.rows, *p as usize).unwrap_or(0.0))
                .collect();
            let growth = naive(&points(fitted));
            naive_from.push(growth.map_or((0, 0), |g| (g.from, g.to)));
            let naive_mape = growth.and_then(|g| {
                let f: Vec<f64> = obs.iter().map(|(p, _)| g.at(*p)).collect();
                goodness(&f, &actual).mape
            });
            let bass_mape = bass.as_ref().and_then(|b| {
                let scale = match held.name() {
                    "customers" => 1.0,
                    "revenue" => last_per_customer?,
                    _ => return None,
                };
                let f: Vec<f64> = obs.iter().map(|(p, _)| scale * b.at(*p)).collect();
                goodness(&f, &actual).mape
            });
            SeriesTest {
                column: held.name(),
                points: obs.len(),
                mape: goodness(&model, &actual).mape,
                naive_mape,
                bass_mape,
            }
        })
        .collect();
    Backtest {
        cut: train.last_period(),
        end: test.last_period(),
        naive_from,
        series,
    }
}
