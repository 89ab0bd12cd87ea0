//! Uncertain parameters: draw the values we do not know (uniform or
//! triangular over a range, or from a fit's intervals), run each draw, and
//! report the spread of every result, how much each uncertain parameter
//! drives it (Spearman rank correlation), and how often one policy beats
//! another under the same draws.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::montecarlo::{Distribution, quantiles};
use super::range::{Form, RangeError};
use crate::i18n::trf;
use crate::interrupt::{self, Cancelled};
use crate::model::{Config, METRICS, Metric, ParamSpec, simulate, summarize};

/// How a parameter is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Every value in the range as likely.
    Uniform,
    /// Most likely at the mode, falling to nothing at the ends.
    Triangular,
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

/// How `montecarlo --vary` writes a range: an optional shape.
pub const VARY: Form = Form {
    flag: "--vary",
    syntax: "section.key=LOW..HIGH[:triangular|uniform]",
    example: "sales.win_rate=0.2..0.4:triangular",
    bare: false,
    suffix: Some(("SHAPE", false)),
    strict: false,
};

/// What is wrong with an uncertain parameter, worded when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum UncertainError {
    /// The `--vary` argument does not parse.
    Range(RangeError),
    /// A shape other than uniform or triangular.
    UnknownShape {
        /// The argument as typed.
        typed: String,
        /// The shape as typed.
        shape: String,
    },
    /// `--from-fit`'s file is not JSON.
    NotJson {
        /// The file.
        file: String,
        /// Where the JSON breaks (1-based).
        line: usize,
        /// The column (1-based).
        column: usize,
        /// The JSON reader's words.
        error: String,
    },
    /// The JSON has no `params` list.
    NoParams {
        /// The file.
        file: String,
    },
    /// A fitted parameter the model does not have.
    UnknownParam {
        /// The file.
        file: String,
        /// Its place in `params` (0-based).
        index: usize,
        /// The key written.
        key: String,
    },
    /// A fitted parameter without one of its numbers.
    NoNumber {
        /// The file.
        file: String,
        /// Its place in `params` (0-based).
        index: usize,
        /// The key written.
        key: String,
        /// `value`, `low` or `high`.
        field: &'static str,
    },
}

impl std::fmt::Display for UncertainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            UncertainError::Range(e) => e.text(),
            UncertainError::UnknownShape { typed, shape } => trf(
                "--vary {}: unknown shape \"{}\"; use uniform or triangular",
                &[typed, shape],
            ),
            UncertainError::NotJson {
                file,
                line,
                column,
                error,
            } => format!(
                "{file}:{line}:{column}: {}",
                trf(
                    "not the JSON of a fit ({}); make it with `flywheel fit ... --format json > {}`",
                    &[error, file],
                )
            ),
            UncertainError::NoParams { file } => trf(
                "{}: no \"params\" list; make it with `flywheel fit ... --format json`",
                &[file],
            ),
            UncertainError::UnknownParam { file, index, key } => trf(
                "{}: params[{}]: unknown parameter \"{}\"",
                &[file, index, key],
            ),
            UncertainError::NoNumber {
                file,
                index,
                key,
                field,
            } => trf(
                "{}: params[{}] ({}): no number \"{}\"",
                &[file, index, key, field],
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for UncertainError {}

/// Parses `KEY=LOW..HIGH[:triangular|uniform]`; a triangle peaks at `current`.
pub fn parse_vary(text: &str, current: &crate::model::Params) -> Result<Uncertain, UncertainError> {
    let parsed = VARY.parse(text).map_err(UncertainError::Range)?;
    let spec = parsed.spec;
    let (lo, hi) = parsed.bounds.unwrap_or_default();
    let shape = match parsed.suffix.unwrap_or("uniform") {
        "uniform" => Shape::Uniform,
        "triangular" => Shape::Triangular,
        other => {
            return Err(UncertainError::UnknownShape {
                typed: text.to_string(),
                shape: other.to_string(),
            });
        }
    };
    Ok(Uncertain {
        spec,
        lo,
        hi,
        mode: current[spec.id].clamp(lo, hi),
        shape,
    })
}

/// The uncertain parameters of a fit's JSON report (`flywheel fit --format
/// json`): each triangular over its 90% interval, peaking at the fitted value.
pub fn from_fit(file: &str, text: &str) -> Result<Vec<Uncertain>, UncertainError> {
    let doc: serde_json::Value =
        serde_json::from_str(text).map_err(|e| UncertainError::NotJson {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            error: e.to_string(),
        })?;
    let params = doc["params"]
        .as_array()
        .ok_or_else(|| UncertainError::NoParams {
            file: file.to_string(),
        })?;
    params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let key = p["key"].as_str().unwrap_or("");
            let spec = ParamSpec::by_key(key).ok_or_else(|| UncertainError::UnknownParam {
                file: file.to_string(),
                index: i,
                key: key.to_string(),
            })?;
            let num = |k: &'static str| {
                p[k].as_f64()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| UncertainError::NoNumber {
                        file: file.to_string(),
                        index: i,
                        key: key.to_string(),
                        field: k,
                    })
            };
            let (value, lo, hi) = (num("value")?, num("low")?, num("high")?);
            Ok(Uncertain {
                spec,
                lo: lo.min(value),
                hi: hi.max(value),
                mode: value,
                shape: Shape::Triangular,
            })
        })
        .collect()
}

/// The draws: `runs` rows of one value per uncertain parameter, from seed `seed + i`.
pub fn draw(vary: &[Uncertain], runs: usize, seed: u64) -> Vec<Vec<f64>> {
    (0..runs)
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(i as u64));
            vary.iter().map(|v| v.at(rng.random::<f64>())).collect()
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
    vary: &[Uncertain],
    runs: usize,
    seed: u64,
    metric: &'static Metric,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Uncertainty, Cancelled> {
    let all = draw(vary, runs, seed);
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
    let first_better = versus.map(|_| {
        let pairs: Vec<(f64, f64)> = kept
            .iter()
            .zip(&target)
            .filter_map(|((_, _, o), t)| Some((t.as_ref().copied()?, o.as_ref().copied()?)))
            .collect();
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
mod tests {
    use super::*;
    use crate::model::Params;

    #[test]
    fn draws_stay_in_range_and_repeat_by_seed() {
        let p = Params::default();
        let v = vec![
            parse_vary("sales.win_rate=0.3..0.5:triangular", &p).unwrap(),
            parse_vary("pricing.price=80..120", &p).unwrap(),
        ];
        let a = draw(&v, 200, 7);
        assert_eq!(a, draw(&v, 200, 7));
        assert_ne!(a, draw(&v, 200, 8));
        assert!(
            a.iter()
                .all(|d| (0.3..=0.5).contains(&d[0]) && (80.0..=120.0).contains(&d[1]))
        );
        // A triangle peaking at 0.4 puts more draws near it than a uniform would.
        let near = a.iter().filter(|d| (d[0] - 0.4).abs() < 0.05).count();
        assert!(near > 110, "{near} of 200 within 0.05 of the mode");
    }

    #[test]
    fn bad_vary_names_the_problem() {
        let p = Params::default();
        assert!(
            parse_vary("sales.win_rat=0..1", &p)
                .unwrap_err()
                .to_string()
                .contains("sales.win_rate")
        );
        assert!(
            parse_vary("sales.win_rate=0..2", &p)
                .unwrap_err()
                .to_string()
                .contains("out of range")
        );
        assert!(
            parse_vary("sales.win_rate=0..1:normal", &p)
                .unwrap_err()
                .to_string()
                .contains("triangular")
        );
        assert!(
            parse_vary("sales.win_rate", &p)
                .unwrap_err()
                .to_string()
                .contains("'='")
        );
    }

    #[test]
    fn spearman_reads_monotone_relations() {
        let up: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(i * i))).collect();
        assert!((spearman(&up) - 1.0).abs() < 1e-12);
        let down: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), -f64::from(i))).collect();
        assert!((spearman(&down) + 1.0).abs() < 1e-12);
    }
}
