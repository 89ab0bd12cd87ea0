//! Monte Carlo: many stochastic runs (seeds seed, seed+1, ...), in parallel,
//! reduced to per-period percentiles and the distribution of the summary
//! metrics. Memory stays bounded: only a deterministic subsample of runs
//! (every k-th) keeps its trajectory for the percentile bands.

use rayon::prelude::*;

use crate::interrupt::{Cancelled, Stop};
use crate::model::{Config, Row, Summary, simulate, summarize};

/// The percentiles reported, in order.
pub const PERCENTILES: [f64; 5] = [5.0, 25.0, 50.0, 75.0, 95.0];

/// The most runs a Monte Carlo may ask for.
pub const MAX_RUNS: usize = 100_000;

/// The most trajectory values kept for the bands (runs x periods x series).
pub const KEPT_VALUES_BUDGET: usize = 32 * 1024 * 1024;

/// A series whose spread is reported per period.
#[derive(Debug, Clone, Copy)]
pub struct BandSeries {
    /// The column name (`customers`).
    pub name: &'static str,
    /// Reads it from a row.
    pub get: fn(&Row) -> f64,
}

/// The series with per-period bands.
pub static BAND_SERIES: [BandSeries; 5] = [
    BandSeries {
        name: "customers",
        get: |r| r.customers,
    },
    BandSeries {
        name: "new_customers",
        get: |r| r.new_customers,
    },
    BandSeries {
        name: "conversion",
        get: |r| r.conversion,
    },
    BandSeries {
        name: "revenue",
        get: |r| r.revenue,
    },
    BandSeries {
        name: "cash",
        get: |r| r.cash,
    },
];

/// Percentiles of one series at one period, in [`PERCENTILES`] order.
pub type Quantiles = [f64; 5];

/// The spread of one summary metric over all runs.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Distribution {
    /// Mean over the runs where it is defined.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// How many runs define it.
    pub count: usize,
}

/// The result of a Monte Carlo.
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarlo {
    /// Runs made.
    pub runs: usize,
    /// Runs whose trajectories fed the bands (all of them unless memory required a subsample).
    pub band_runs: usize,
    /// `bands[series][period]`: percentiles per period, series as in [`BAND_SERIES`].
    pub bands: Vec<Vec<Quantiles>>,
    /// Summary metric name and its distribution.
    pub metrics: Vec<(&'static str, Distribution)>,
    /// Share of runs in which cash went below zero.
    pub prob_cash_negative: f64,
}

struct RunResult {
    summary: Summary,
    trajectory: Option<Vec<f32>>,
}

/// Runs `runs` stochastic simulations of `cfg` with seeds `cfg.seed + i`.
/// `progress` is called with the number of runs finished so far (from any thread).
pub fn run(
    cfg: &Config,
    runs: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<MonteCarlo, Cancelled> {
    run_until(cfg, runs, progress, &Stop::new())
}

/// Like [`run`], stopped early (with [`Cancelled`]) when `stop` is.
pub fn run_until(
    cfg: &Config,
    runs: usize,
    progress: &(dyn Fn(usize) + Sync),
    stop: &Stop,
) -> Result<MonteCarlo, Cancelled> {
    let periods = cfg.periods as usize + 1;
    let per_run = periods * BAND_SERIES.len();
    let keep_every = (runs * per_run).div_ceil(KEPT_VALUES_BUDGET).max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);

    let results: Vec<RunResult> = (0..runs)
        .into_par_iter()
        .map(|i| {
            if stop.requested() {
                return None;
            }
            let mut c = cfg.clone();
            c.stochastic = true;
            c.seed = cfg.seed.wrapping_add(i as u64);
            let series = simulate(&c);
            let trajectory = (i % keep_every == 0).then(|| {
                let mut v = Vec::with_capacity(per_run);
                for s in &BAND_SERIES {
                    v.extend(series.rows.iter().map(|r| (s.get)(r) as f32));
                }
                v
            });
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n);
            Some(RunResult {
                summary: summarize(&series),
                trajectory,
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(Cancelled)?;

    let kept: Vec<&Vec<f32>> = results
        .iter()
        .filter_map(|r| r.trajectory.as_ref())
        .collect();
    let bands = (0..BAND_SERIES.len())
        .map(|s| {
            (0..periods)
                .into_par_iter()
                .map(|t| {
                    let mut values: Vec<f64> =
                        kept.iter().map(|k| f64::from(k[s * periods + t])).collect();
                    quantiles(&mut values)
                })
                .collect()
        })
        .collect();

    let summaries: Vec<&Summary> = results.iter().map(|r| &r.summary).collect();
    let metrics = crate::model::METRICS
        .iter()
        .map(|m| {
            let mut values: Vec<f64> = summaries.iter().filter_map(|s| (m.get)(s)).collect();
            (m.name, distribution(&mut values))
        })
        .collect();
    let negative = summaries.iter().filter(|s| s.min_cash < 0.0).count();

    Ok(MonteCarlo {
        runs,
        band_runs: kept.len(),
        bands,
        metrics,
        prob_cash_negative: if runs == 0 {
            0.0
        } else {
            negative as f64 / runs as f64
        },
    })
}

/// The percentiles of `values` (sorted in place), linear interpolation between ranks.
pub fn quantiles(values: &mut [f64]) -> Quantiles {
    values.sort_by(f64::total_cmp);
    PERCENTILES.map(|p| percentile_sorted(values, p))
}

fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let rank = p / 100.0 * (n - 1) as f64;
            let lo = rank.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            let w = rank - lo as f64;
            sorted[lo] * (1.0 - w) + sorted[hi] * w
        }
    }
}

fn distribution(values: &mut [f64]) -> Distribution {
    let count = values.len();
    let mean = if count == 0 {
        0.0
    } else {
        values.iter().sum::<f64>() / count as f64
    };
    let q = quantiles(values);
    Distribution {
        mean,
        p5: q[0],
        p25: q[1],
        p50: q[2],
        p75: q[3],
        p95: q[4],
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_and_are_ordered() {
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        let q = quantiles(&mut v);
        assert_eq!(q, [5.0, 25.0, 50.0, 75.0, 95.0]);
        let mut one = vec![3.0];
        assert_eq!(quantiles(&mut one), [3.0; 5]);
    }

    #[test]
    fn runs_are_reproducible_and_bands_ordered() {
        let cfg = Config {
            periods: 52,
            ..Config::default()
        };
        let a = run(&cfg, 40, &|_| {}).unwrap();
        let b = run(&cfg, 40, &|_| {}).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.band_runs, 40);
        for series in &a.bands {
            assert_eq!(series.len(), 53);
            for q in series {
                assert!(q.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
            }
        }
        // The runs really differ: the band around customers at the end has width.
        let last = a.bands[0][52];
        assert!(last[4] > last[0]);
    }
}
