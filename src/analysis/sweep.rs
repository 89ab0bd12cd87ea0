//! Parameter sweeps: one parameter over a range (a table), or two (a grid).

use rayon::prelude::*;

use super::range::{Form, Problem, RangeError};
use crate::i18n::trf;
use crate::model::{Config, Metric, ParamSpec, fmt_num, metric, simulate, summarize};
use crate::scenario::load::{check_value, parse_number};

/// The most values one swept parameter may take.
pub const MAX_AXIS_VALUES: usize = 1_000;
/// The most cells a two-parameter grid may have.
pub const MAX_GRID_CELLS: usize = 40_000;

/// One swept parameter and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The values, in increasing order.
    pub values: Vec<f64>,
}

/// How `sweep --param` writes a range: a required step.
pub const AXIS: Form = Form {
    flag: "--param",
    syntax: "section.key=LOW..HIGH:STEP",
    example: "feedback.latency=0..52:4",
    bare: false,
    suffix: Some(("STEP", true)),
    strict: false,
};

/// What is wrong with a sweep, worded in the reader's language when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum SweepError {
    /// The `--param` argument does not parse.
    Range(RangeError),
    /// STEP is zero or below.
    StepNotPositive {
        /// The argument as typed.
        typed: String,
    },
    /// More values than [`MAX_AXIS_VALUES`].
    TooManyValues {
        /// The argument as typed.
        typed: String,
        /// How many values it makes.
        count: f64,
    },
    /// A value of the range the parameter does not take.
    Invalid {
        /// The argument as typed.
        typed: String,
        /// The value.
        value: f64,
        /// The parameter.
        spec: &'static ParamSpec,
    },
    /// A metric name that is none of [`crate::model::METRICS`].
    UnknownMetric {
        /// The name as typed.
        name: String,
    },
    /// More combinations than [`MAX_GRID_CELLS`].
    TooManyCells {
        /// How many.
        cells: usize,
    },
    /// Stopped before the end (Ctrl-C).
    Cancelled,
}

impl std::fmt::Display for SweepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SweepError::Range(e) => e.text(),
            SweepError::StepNotPositive { typed } => trf(
                "{} {}: STEP must be above 0; {}",
                &[&AXIS.flag, typed, &AXIS.usage()],
            ),
            SweepError::TooManyValues { typed, count } => trf(
                "--param {}: {} values; a sweep takes at most {} per parameter: use a larger STEP",
                &[typed, count, &MAX_AXIS_VALUES],
            ),
            SweepError::Invalid { typed, value, spec } => trf(
                "--param {}: {} is not valid for {}: {}",
                &[
                    typed,
                    &fmt_num(*value),
                    &spec.key,
                    &crate::format::range(spec),
                ],
            ),
            SweepError::UnknownMetric { name } => {
                let names: Vec<&str> = crate::model::METRICS.iter().map(|m| m.name).collect();
                trf(
                    "unknown metric \"{}\"; valid metrics are: {}",
                    &[name, &names.join(", ")],
                )
            }
            SweepError::TooManyCells { cells } => trf(
                "the sweep has {} combinations; the limit is {}: use larger steps",
                &[cells, &MAX_GRID_CELLS],
            ),
            SweepError::Cancelled => crate::interrupt::Cancelled.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SweepError {}

/// Parses `section.key=lo..hi:step` into an axis, validating each part.
pub fn parse_axis(text: &str) -> Result<Axis, SweepError> {
    parse_axis_in(text, 1.0)
}

/// [`parse_axis`] for a scenario whose period is `weeks` weeks long.
pub fn parse_axis_in(text: &str, weeks: f64) -> Result<Axis, SweepError> {
    let parsed = AXIS.parse_in(text, weeks).map_err(SweepError::Range)?;
    let spec = parsed.spec;
    let (lo, hi) = parsed.bounds.unwrap_or_default();
    let step_text = parsed.suffix.unwrap_or_default();
    let step = parse_number(step_text)
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            SweepError::Range(AXIS.error(
                text,
                Problem::NotANumber {
                    which: "STEP",
                    typed: step_text.to_string(),
                },
            ))
        })?;
    if step <= 0.0 {
        return Err(SweepError::StepNotPositive {
            typed: text.to_string(),
        });
    }
    let count = ((hi - lo) / step + 1e-9).floor() + 1.0;
    if count > MAX_AXIS_VALUES as f64 {
        return Err(SweepError::TooManyValues {
            typed: text.to_string(),
            count,
        });
    }
    let values: Vec<f64> = (0..count as usize)
        .map(|i| {
            let v = lo + step * i as f64;
            // Keep decimal steps clean (0.1 + 0.2 ...).
            let v = (v * 1e9).round() / 1e9;
            if spec.integer { v.round() } else { v }
        })
        .collect();
    if let Some(bad) = values.iter().find(|v| check_value(spec, **v).is_err()) {
        return Err(SweepError::Invalid {
            typed: text.to_string(),
            value: *bad,
            spec,
        });
    }
    Ok(Axis { spec, values })
}

/// Parses a comma-separated list of metric names.
pub fn parse_metrics(text: &str) -> Result<Vec<&'static Metric>, SweepError> {
    text.split(',')
        .map(|name| {
            let name = name.trim();
            metric(name).ok_or_else(|| SweepError::UnknownMetric {
                name: name.to_string(),
            })
        })
        .collect()
}

/// One evaluated point: the parameter values and each metric (None where
/// undefined, or where the combination breaks a cross-field rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The swept values, one per axis.
    pub at: Vec<f64>,
    /// One value per metric.
    pub values: Vec<Option<f64>>,
}

/// Evaluates every combination of the axes (first axis outermost).
pub fn run(
    base: &Config,
    axes: &[Axis],
    metrics: &[&'static Metric],
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Cell>, SweepError> {
    let cells: usize = axes.iter().map(|a| a.values.len()).product();
    if cells > MAX_GRID_CELLS {
        return Err(SweepError::TooManyCells { cells });
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    let cells: Option<Vec<Cell>> = (0..cells)
        .into_par_iter()
        .map(|i| {
            if crate::interrupt::requested() {
                return None;
            }
            let mut rest = i;
            let mut at = vec![0.0; axes.len()];
            for (k, axis) in axes.iter().enumerate().rev() {
                at[k] = axis.values[rest % axis.values.len()];
                rest /= axis.values.len();
            }
            let mut cfg = base.clone();
            for (axis, v) in axes.iter().zip(&at) {
                cfg.params[axis.spec.id] = *v;
            }
            let values = if cfg.params.cross_field_errors().is_empty() {
                let summary = summarize(&simulate(&cfg));
                metrics.iter().map(|m| (m.get)(&summary)).collect()
            } else {
                vec![None; metrics.len()]
            };
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            Some(Cell { at, values })
        })
        .collect();
    cells.ok_or(SweepError::Cancelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_parse_and_refuse_bad_ranges() {
        let a = parse_axis("feedback.latency=0..52:4").unwrap();
        assert_eq!(a.values.len(), 14);
        assert_eq!(a.values[13], 52.0);
        let p = parse_axis("pricing.price=50..200:25").unwrap();
        assert_eq!(
            p.values,
            vec![50.0, 75.0, 100.0, 125.0, 150.0, 175.0, 200.0]
        );
        for (bad, fragment) in [
            ("feedback.latency=0..52:0", "STEP must be above 0"),
            ("feedback.latency=a..b:1", "LOW \"a\" is not a number"),
            ("feedback.latency=52..0:4", "reversed"),
            (
                "feedback.latncy=0..52:4",
                "did you mean \"feedback.latency\"",
            ),
            ("market.innovation=0..2:0.5", "out of range"),
            ("feedback.latency=0..52", "missing ':STEP'"),
            ("feedback.latency=0..1000:0.5", "at most 1000"),
        ] {
            let err = parse_axis(bad).unwrap_err().to_string();
            assert!(err.contains(fragment), "{bad}: {err}");
        }
    }
}
