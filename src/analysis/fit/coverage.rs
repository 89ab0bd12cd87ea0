//! The coverage study of the fit's intervals: histories made by the model at
//! known values, with measurement noise and missing periods, fitted again;
//! how often each parameter's 90% interval holds the value that made the
//! data. A method whose intervals say 90% must hold the truth about 90% of
//! the time; this is how that is measured (`tests/analysis` runs 20 seeds,
//! the ignored `coverage_study` test 100).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use super::{FitError, FitOptions, FitParam, fit};
use crate::analysis::history::{History, Observed};
use crate::model::{Config, ParamId, column, simulate};

/// How a study's histories are made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// The measurement noise: each cell is multiplied by `1 + noise × z`,
    /// `z` standard normal (so 0.03 is "3% noise").
    pub noise: f64,
    /// The share of periods (after the first) whose whole row is missing.
    pub missing: f64,
}

/// One parameter's result over a study's seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Covered {
    /// The parameter.
    pub id: ParamId,
    /// The value that made the data.
    pub truth: f64,
    /// Fits whose 90% interval held the truth.
    pub hits: usize,
    /// Fits made.
    pub fits: usize,
    /// The median width of the interval.
    pub median_width: f64,
    /// The spread of the fitted values over the seeds (5th to 95th percentile):
    /// the estimator's real spread, which the intervals should match.
    pub spread: f64,
}

impl Covered {
    /// The share of fits whose interval held the truth.
    pub fn share(&self) -> f64 {
        self.hits as f64 / self.fits.max(1) as f64
    }
}

/// A history of `truth` over its horizon: the named columns of its
/// deterministic run (names that are not columns left out), each cell times
/// `1 + noise × z`, and a share of the periods left out, drawn from `seed`.
pub fn noisy_history(truth: &Config, columns: &[&str], setting: Setting, seed: u64) -> History {
    let mut cfg = truth.clone();
    cfg.stochastic = false;
    let run = simulate(&cfg);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut uniform = || rand::RngExt::random::<f64>(&mut rng);
    let kept: Vec<usize> = (0..run.rows.len())
        .filter(|&i| i == 0 || uniform() >= setting.missing)
        .collect();
    // Each noise level draws its own noise (not one draw scaled).
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15 ^ setting.noise.to_bits());
    History {
        source: format!("coverage seed {seed}"),
        periods: kept.iter().map(|&i| run.rows[i].period).collect(),
        series: columns
            .iter()
            .filter_map(|name| column(name))
            .map(|c| {
                let values = kept
                    .iter()
                    .map(|&i| {
                        let z: f64 = StandardNormal.sample(&mut rng);
                        Some(((c.get)(&run.rows[i]) * (1.0 + setting.noise * z)).max(0.0))
                    })
                    .collect();
                Observed::new(c, values)
            })
            .collect(),
        header: (1, String::new()),
        dates: None,
    }
}

/// Fits `params` of `start` to a noisy history of `truth` for each seed and
/// counts, for each parameter, the fits whose interval holds the truth.
pub fn study(
    truth: &Config,
    start: &Config,
    params: &[FitParam],
    columns: &[&str],
    setting: Setting,
    seeds: std::ops::Range<u64>,
    opts: &FitOptions,
) -> Result<Vec<Covered>, FitError> {
    let fits: Vec<Vec<(f64, f64, f64)>> = seeds
        .map(|seed| {
            let h = noisy_history(truth, columns, setting, seed);
            let o = FitOptions { seed, ..*opts };
            let f = fit(start, &h, params, &o, &|_| {})?;
            Ok(f.params.iter().map(|p| (p.value, p.low, p.high)).collect())
        })
        .collect::<Result<_, FitError>>()?;
    Ok(params
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let t = truth.params[p.spec.id];
            let mut widths: Vec<f64> = fits.iter().map(|f| f[k].2 - f[k].1).collect();
            widths.sort_by(f64::total_cmp);
            let mut values: Vec<f64> = fits.iter().map(|f| f[k].0).collect();
            values.sort_by(f64::total_cmp);
            Covered {
                id: p.spec.id,
                truth: t,
                hits: fits.iter().filter(|f| f[k].1 <= t && t <= f[k].2).count(),
                fits: fits.len(),
                median_width: super::bootstrap::quantile(&widths, 0.5),
                spread: super::bootstrap::quantile(&values, 0.95)
                    - super::bootstrap::quantile(&values, 0.05),
            }
        })
        .collect())
}
