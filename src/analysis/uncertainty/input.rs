//! The uncertain parameters as given: `montecarlo --vary KEY=LOW..HIGH[:SHAPE]`
//! or a fit's JSON report (`--from-fit`), and what is wrong with either.

use super::{Draws, Shape, Uncertain};
use crate::analysis::range::{Form, RangeError};
use crate::i18n::trf;
use crate::model::ParamSpec;

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
            UncertainError::UnknownParam { file, index, key } if key.starts_with("event.") => trf(
                "{}: params[{}]: {} is the value an event sets, which montecarlo does not draw; to draw the others, make the fit's JSON without it",
                &[file, index, key],
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
    parse_vary_in(text, current, 1.0)
}

/// [`parse_vary`] for a scenario whose period is `weeks` weeks long.
pub fn parse_vary_in(
    text: &str,
    current: &crate::model::Params,
    weeks: f64,
) -> Result<Uncertain, UncertainError> {
    let parsed = VARY.parse_in(text, weeks).map_err(UncertainError::Range)?;
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

/// What a fit's JSON report says is uncertain: its parameters, drawn as
/// whole refits where the report has them (a report without `draws`: each
/// triangular over its 90% interval, peaking at the fitted value), and the
/// other explanations about as good (each a full set of values).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FromFit {
    /// The parameters and the refits.
    pub draws: Draws,
    /// Other explanations of the history: every value each one sets.
    pub alternatives: Vec<Vec<(&'static ParamSpec, f64)>>,
}

/// Reads a fit's JSON report (`flywheel fit --format json`).
pub fn from_fit(file: &str, text: &str) -> Result<FromFit, UncertainError> {
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
    // Refits whose every value is a number, one a parameter.
    let rows: Vec<Vec<f64>> = doc["draws"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| {
                    let r = r.as_array()?;
                    let v: Vec<f64> = r.iter().filter_map(|x| x.as_f64()).collect();
                    (v.len() == params.len()
                        && r.len() == v.len()
                        && v.iter().all(|x| x.is_finite()))
                    .then_some(v)
                })
                .collect()
        })
        .unwrap_or_default();
    let vary = params
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
            Ok(if rows.is_empty() {
                Uncertain {
                    spec,
                    lo: lo.min(value),
                    hi: hi.max(value),
                    mode: value,
                    shape: Shape::Triangular,
                }
            } else {
                Uncertain {
                    spec,
                    lo: rows.iter().map(|r| r[i]).fold(value, f64::min),
                    hi: rows.iter().map(|r| r[i]).fold(value, f64::max),
                    mode: value,
                    shape: Shape::Refits,
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let alternatives = doc["alternatives"]
        .as_array()
        .map(|alts| {
            alts.iter()
                .filter_map(|a| {
                    let set = a["set"].as_object()?;
                    let mut set = set
                        .iter()
                        .map(|(k, v)| Some((ParamSpec::by_key(k)?, v.as_f64()?)))
                        .collect::<Option<Vec<_>>>()?;
                    // The parameter held elsewhere first.
                    set.sort_by_key(|(spec, _)| Some(spec.key) != a["held"].as_str());
                    Some(set)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(FromFit {
        draws: Draws { vary, rows },
        alternatives,
    })
}
