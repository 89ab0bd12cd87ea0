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
                    column: s.column,
                    values: idx.iter().map(|&i| s.values[i]).collect(),
                })
                .collect(),
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
    let cut = history.last_period().saturating_sub(holdout);
    let (train, test) = split(history, cut);
    let needed = (2 * params.len()).max(4);
    if train.periods.len() < needed || test.periods.is_empty() || holdout == 0 {
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
    let bass = train
        .get("customers")
        .and_then(|c| bass_fit(&train.periods, c));
    let last_per_customer = {
        let last = |name: &str| {
            train.get(name).and_then(|s| {
                train
                    .periods
                    .iter()
                    .zip(&s.values)
                    .rev()
                    .find_map(|(p, v)| v.map(|v| (*p, v)))
            })
        };
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
            let obs: Vec<(u32, f64)> = test
                .periods
                .iter()
                .zip(&held.values)
                .filter_map(|(p, v)| v.map(|v| (*p, v)))
                .collect();
            let actual: Vec<f64> = obs.iter().map(|o| o.1).collect();
            let model: Vec<f64> = obs
                .iter()
                .map(|(p, _)| run.rows.get(*p as usize).map_or(0.0, held.column.get))
                .collect();
            let growth = naive(&train.periods, fitted);
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

/// Compound growth measured from `from` to `to`, continued.
#[derive(Debug, Clone, Copy)]
struct Growth {
    from: u32,
    to: u32,
    last: f64,
    rate: f64,
}

impl Growth {
    fn at(&self, period: u32) -> f64 {
        self.last * self.rate.powf(period as f64 - self.to as f64)
    }
}

/// The naive baseline of one series: the compound growth per period over
/// its last quarter of observed points (at least two), from positive values.
fn naive(periods: &[u32], s: &Observed) -> Option<Growth> {
    let obs: Vec<(u32, f64)> = periods
        .iter()
        .zip(&s.values)
        .filter_map(|(p, v)| v.map(|v| (*p, v)))
        .collect();
    let k = obs.len().div_ceil(4).max(2);
    if obs.len() < 2 {
        return None;
    }
    let (from, a) = obs[obs.len() - k];
    let (to, b) = obs[obs.len() - 1];
    let rate = if a > 0.0 && b > 0.0 && to > from {
        (b / a).powf(1.0 / (to - from) as f64)
    } else {
        1.0
    };
    Some(Growth {
        from,
        to,
        last: b,
        rate,
    })
}

/// A Bass curve: customers `start + (market - start) F(t)`, `t` periods
/// after `t0`, with `F` the Bass adoption share.
#[derive(Debug, Clone, Copy)]
struct Bass {
    t0: f64,
    market: f64,
    p: f64,
    q: f64,
    start: f64,
}

impl Bass {
    fn at(&self, period: u32) -> f64 {
        let t = (period as f64 - self.t0).max(0.0);
        let e = (-(self.p + self.q) * t).exp();
        let f = (1.0 - e) / (1.0 + self.q / self.p * e);
        self.start + (self.market - self.start).max(0.0) * f
    }

    /// From the search's unbounded variables.
    fn of(x: &[f64], t0: f64, scale: f64) -> Bass {
        Bass {
            t0,
            market: scale * x[0].exp(),
            p: x[1].exp(),
            q: x[2].exp(),
            start: scale * x[3].exp(),
        }
    }
}

/// The Bass curve fitted to `customers` by least squares (Nelder-Mead on
/// the logarithms of the four values, from a small grid of starts).
fn bass_fit(periods: &[u32], customers: &Observed) -> Option<Bass> {
    let obs: Vec<(u32, f64)> = periods
        .iter()
        .zip(&customers.values)
        .filter_map(|(p, v)| v.map(|v| (*p, v)))
        .collect();
    if obs.len() < 4 {
        return None;
    }
    let t0 = obs[0].0 as f64;
    let scale = obs.iter().map(|o| o.1).fold(0.0_f64, f64::max).max(1.0);
    let sse = |x: &[f64]| {
        let b = Bass::of(x, t0, scale);
        let s: f64 = obs
            .iter()
            .map(|(p, v)| ((b.at(*p) - v) / scale).powi(2))
            .sum();
        if s.is_finite() { s } else { f64::MAX }
    };
    let first = (obs[0].1 / scale).max(1e-6).ln();
    let mut best: Option<(f64, Vec<f64>)> = None;
    for m in [1.2_f64, 2.0, 5.0, 20.0] {
        for p in [0.001_f64, 0.01, 0.05] {
            for q in [0.05_f64, 0.2, 0.6] {
                let x = nelder_mead(&sse, vec![m.ln(), p.ln(), q.ln(), first], 600);
                let f = sse(&x);
                if best.as_ref().is_none_or(|b| f < b.0) {
                    best = Some((f, x));
                }
            }
        }
    }
    best.map(|(_, x)| Bass::of(&x, t0, scale))
}

/// Nelder-Mead minimisation of `f` from `x0` (steps of 0.5), at most `evals` runs.
fn nelder_mead(f: &dyn Fn(&[f64]) -> f64, x0: Vec<f64>, evals: usize) -> Vec<f64> {
    let n = x0.len();
    let mut pts: Vec<(f64, Vec<f64>)> = (0..=n)
        .map(|i| {
            let mut x = x0.clone();
            if i > 0 {
                x[i - 1] += 0.5;
            }
            (f(&x), x)
        })
        .collect();
    let mut used = n + 1;
    while used < evals {
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        if (pts[n].0 - pts[0].0).abs() <= 1e-14 * (1.0 + pts[0].0.abs()) {
            break;
        }
        let centre: Vec<f64> = (0..n)
            .map(|d| pts[..n].iter().map(|p| p.1[d]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|d| centre[d] + t * (pts[n].1[d] - centre[d]))
                .collect()
        };
        let r = along(-1.0);
        let fr = f(&r);
        used += 1;
        if fr < pts[0].0 {
            let e = along(-2.0);
            let fe = f(&e);
            used += 1;
            pts[n] = if fe < fr { (fe, e) } else { (fr, r) };
        } else if fr < pts[n - 1].0 {
            pts[n] = (fr, r);
        } else {
            let c = along(0.5);
            let fc = f(&c);
            used += 1;
            if fc < pts[n].0 {
                pts[n] = (fc, c);
            } else {
                let best = pts[0].1.clone();
                for p in pts.iter_mut().skip(1) {
                    p.1 =
                        p.1.iter()
                            .zip(&best)
                            .map(|(x, b)| b + 0.5 * (x - b))
                            .collect();
                    p.0 = f(&p.1);
                    used += 1;
                }
            }
        }
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts.swap_remove(0).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bass_curve_is_found_again_from_its_own_points() {
        let truth = Bass {
            t0: 0.0,
            market: 50_000.0,
            p: 0.004,
            q: 0.25,
            start: 300.0,
        };
        let periods: Vec<u32> = (0..40).collect();
        let s = Observed {
            column: crate::model::column("customers").unwrap(),
            values: periods.iter().map(|p| Some(truth.at(*p))).collect(),
        };
        let b = bass_fit(&periods, &s).unwrap();
        for p in [45, 60, 80] {
            let (a, f) = (truth.at(p), b.at(p));
            assert!((f - a).abs() < 0.02 * a, "period {p}: {f} against {a}");
        }
    }

    #[test]
    fn naive_growth_continues_the_last_quarter() {
        let periods: Vec<u32> = (0..8).collect();
        let s = Observed {
            column: crate::model::column("customers").unwrap(),
            values: vec![1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 10.0, 20.0]
                .into_iter()
                .map(Some)
                .collect(),
        };
        let g = naive(&periods, &s).unwrap();
        assert_eq!((g.from, g.to), (6, 7));
        assert!((g.at(9) - 80.0).abs() < 1e-9);
    }
}
