//! Uncertain parameters: draw the values we do not know (uniform or
//! triangular over a range, or from a fit's intervals), run each draw, and
//! report the spread of every result, how much each uncertain parameter
//! drives it (Spearman rank correlation), and how often one policy beats
//! another under the same draws.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

mod answers;
mod input;
pub use answers::{Answer, answers, cannot_tell};
pub use input::{FromFit, UncertainError, VARY, from_fit, parse_vary, parse_vary_in};

use super::montecarlo::{Distribution, quantiles};
use crate::interrupt::{self, Cancelled};
use crate::model::{Config, METRICS, Metric, ParamSpec, simulate, summarize};

/// How a parameter is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Every value in the range as likely.
    Uniform,
    /// Most likely at the mode, falling to nothing at the ends.
    Triangular,
    /// A fit's refit, drawn whole with the other fitted parameters (the
    /// range is the refits' lowest and highest, the mode the fitted value).
    Refits,
}

/// What a Monte Carlo run draws: the uncertain parameters, and for those of
/// shape [`Shape::Refits`] the refits' rows (one value a refitted parameter,
/// in their order among `vary`), of which each draw takes one whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draws {
    /// The uncertain parameters.
    pub vary: Vec<Uncertain>,
    /// A fit's refits.
    pub rows: Vec<Vec<f64>>,
}

/// One uncertain parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uncertain {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The lowest value drawn.
    pub lo: f64,
    /// The highest value drawn.
    pub hi: f64,
    /// The most likely value (triangular).
    pub mode: f64,
    /// How it is drawn.
    pub shape: Shape,
}

impl Uncertain {
    /// One value, from `u` uniform in 0..1 (inverse of the distribution function).
    pub fn at(&self, u: f64) -> f64 {
        let (a, b) = (self.lo, self.hi);
        if b <= a {
            return a;
        }
        let v = match self.shape {
            Shape::Uniform => a + u * (b - a),
            Shape::Refits => self.mode,
            Shape::Triangular => {
                let c = self.mode.clamp(a, b);
                let f = (c - a) / (b - a);
                if u < f {
                    a + (u * (b - a) * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
                }
            }
        };
        self.spec.clamp(v)
    }
}

/// The draws: `runs` rows of one value per uncertain parameter, from seed
/// `seed + i`; the refitted ones together, from one refit drawn whole.
pub fn draw(d: &Draws, runs: usize, seed: u64) -> Vec<Vec<f64>> {
    (0..runs)
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(i as u64));
            let row = (!d.rows.is_empty()).then(|| &d.rows[rng.random_range(0..d.rows.len())]);
            let mut k = 0;
            d.vary
                .iter()
                .map(|v| {
                    // Drawn for every parameter, so the others' values do
                    // not depend on which ones come from the refits.
                    let u = rng.random::<f64>();
                    match (v.shape, row) {
                        (Shape::Refits, Some(row)) => {
                            k += 1;
                            v.spec.clamp(row.get(k - 1).copied().unwrap_or(v.mode))
                        }
                        _ => v.at(u),
                    }
                })
                .collect()
        })
        .collect()
}

/// The result of an uncertainty analysis.
#[derive(Debug, Clone)]
pub struct Uncertainty {
    /// The draws that ran (rows of parameter values).
    pub draws: Vec<Vec<f64>>,
    /// Draws skipped for breaking a rule of the model (`rd_share + sales_share <= 1`).
    pub skipped: usize,
    /// The spread of every metric.
    pub metrics: Vec<(&'static str, Distribution)>,
    /// For the chosen metric, the rank correlation with each uncertain parameter.
    pub sensitivity: Vec<f64>,
    /// The metric the sensitivity and the comparison are about.
    pub metric: &'static Metric,
    /// With a second policy: the share of draws in which the first does better.
    pub first_better: Option<f64>,
    /// The draws in which both policies' metric was defined (what
    /// `first_better` is a share of).
    pub compared: usize,
}

impl Uncertainty {
    /// The 90% interval of [`Uncertainty::first_better`] over the draws
    /// compared.
    pub fn first_better_interval(&self) -> Option<(f64, f64)> {
        let p = self.first_better?;
        share_interval((p * self.compared as f64).round() as usize, self.compared)
    }
}

/// The 90% interval of a share seen `k` times in `n` draws (Wilson's score
/// interval): the uncertainty of counting a finite number of draws, not of
/// what the draws are drawn from.
pub fn share_interval(k: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    const Z: f64 = 1.644_853_626_951_472_2; // the 95th percentile of the normal
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// One draw's values, its summary and the other policy's metric.
type Drawn = (Vec<f64>, crate::model::Summary, Option<f64>);

fn apply(base: &Config, vary: &[Uncertain], values: &[f64], i: usize) -> Option<Config> {
    let mut c = base.clone();
    for (v, x) in vary.iter().zip(values) {
        c.params[v.spec.id] = *x;
    }
    c.seed = base.seed.wrapping_add(i as u64);
    c.params.cross_field_errors().is_empty().then_some(c)
}

/// Runs every draw of `vary` on `base` (and on `versus`, with the same values).
pub fn run(
    base: &Config,
    versus: Option<&Config>,
    drawn: &Draws,
    runs: usize,
    seed: u64,
    metric: &'static Metric,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Uncertainty, Cancelled> {
    let vary = &drawn.vary;
    let all = draw(drawn, runs, seed);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Option<Drawn>> = all
        .par_iter()
        .enumerate()
        .map(|(i, values)| {
            if interrupt::requested() {
                return Err(Cancelled);
            }
            let out = apply(base, vary, values, i).and_then(|c| {
                let s = summarize(&simulate(&c));
                let other = match versus {
                    Some(b) => {
                        let cb = apply(b, vary, values, i)?;
                        (metric.get)(&summarize(&simulate(&cb)))
                    }
                    None => None,
                };
                Some((values.clone(), s, other))
            });
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            Ok(out)
        })
        .collect::<Result<_, _>>()?;
    let skipped = results.iter().filter(|r| r.is_none()).count();
    let kept: Vec<_> = results.into_iter().flatten().collect();
    let metrics = METRICS
        .iter()
        .map(|m| {
            let mut v: Vec<f64> = kept.iter().filter_map(|(_, s, _)| (m.get)(s)).collect();
            (m.name, distribution(&mut v))
        })
        .collect();
    let target: Vec<Option<f64>> = kept.iter().map(|(_, s, _)| (metric.get)(s)).collect();
    let sensitivity = (0..vary.len())
        .map(|k| {
            let pairs: Vec<(f64, f64)> = kept
                .iter()
                .zip(&target)
                .filter_map(|((d, _, _), t)| t.map(|t| (d[k], t)))
                .collect();
            spearman(&pairs)
        })
        .collect();
    let pairs: Vec<(f64, f64)> = kept
        .iter()
        .zip(&target)
        .filter_map(|((_, _, o), t)| Some((t.as_ref().copied()?, o.as_ref().copied()?)))
        .collect();
    let compared = if versus.is_some() { pairs.len() } else { 0 };
    let first_better = versus.map(|_| {
        if pairs.is_empty() {
            0.0
        } else {
            pairs.iter().filter(|(a, b)| a > b).count() as f64 / pairs.len() as f64
        }
    });
    Ok(Uncertainty {
        draws: kept.into_iter().map(|(d, _, _)| d).collect(),
        skipped,
        metrics,
        sensitivity,
        metric,
        first_better,
        compared,
    })
}

fn distribution(values: &mut [f64]) -> Distribution {
    let count = values.len();
    let mean = if count == 0 {
        0.0
    } else {
        values.iter().sum::<f64>() / count as f64
    };
    let [p5, p25, p50, p75, p95] = quantiles(values);
    Distribution {
        mean,
        p5,
        p25,
        p50,
        p75,
        p95,
        count,
    }
}

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|a, b| v[*a].total_cmp(&v[*b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rank correlation of the pairs (0 when either side does not vary).
pub fn spearman(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len();
    if n < 3 {
        return 0.0;
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let m = (n - 1) as f64 / 2.0;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(&b) {
        sab += (x - m) * (y - m);
        saa += (x - m).powi(2);
        sbb += (y - m).powi(2);
    }
    if saa > 0.0 && sbb > 0.0 {
        sab / (saa * sbb).sqrt()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests;
