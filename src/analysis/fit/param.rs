//! Which parameters a fit searches and over what ranges: `--param` read
//! (`section.key` or `section.key=LOW..HIGH`), the default ranges, and the
//! checks on the set (at least one, at most [`MAX_PARAMS`], none twice).

use super::MAX_PARAMS;
use crate::analysis::range::{Form, RangeError};
use crate::i18n::{tr, trf};
use crate::model::{ParamId, ParamSpec, Params};

/// One parameter to fit and the range searched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitParam {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The lowest value searched.
    pub lo: f64,
    /// The highest value searched.
    pub hi: f64,
    /// The value an event sets, rather than the value at the start
    /// (`--param event.NAME.KEY`).
    pub event: Option<EventParam>,
}

/// A parameter's value in a named event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventParam {
    /// The event's index in the scenario's events.
    pub index: usize,
    /// How it is named: `event.starter_tier.pricing.price`.
    pub key: &'static str,
}

impl FitParam {
    /// Its name: the parameter's key, or the event's (`event.NAME.KEY`).
    pub fn key(&self) -> &'static str {
        self.event.map_or(self.spec.key, |e| e.key)
    }

    /// Its value in `cfg`: at the start, or as its event sets it.
    pub fn get(&self, cfg: &crate::model::Config) -> f64 {
        match self.event {
            Some(e) => cfg.events[e.index]
                .set
                .iter()
                .rfind(|(id, _)| *id == self.spec.id)
                .map_or(cfg.params[self.spec.id], |(_, v)| *v),
            None => cfg.params[self.spec.id],
        }
    }

    /// Sets its value in `cfg`: at the start, or in its event.
    pub fn set(&self, cfg: &mut crate::model::Config, v: f64) {
        match self.event {
            Some(e) => {
                let set = &mut cfg.events[e.index].set;
                match set.iter_mut().rfind(|(id, _)| *id == self.spec.id) {
                    Some(slot) => slot.1 = v,
                    None => set.push((self.spec.id, v)),
                }
            }
            None => cfg.params[self.spec.id] = v,
        }
    }

    /// `--param event.NAME.KEY[=LOW..HIGH]`: the value a named event of
    /// `cfg` sets, searched over its default range about that value or
    /// `LOW..HIGH`. Errors name the events and what they set.
    pub fn in_event(
        text: &str,
        cfg: &crate::model::Config,
        weeks: f64,
    ) -> Result<FitParam, crate::i18n::Text> {
        use crate::i18n::says;
        let rest = text.trim().strip_prefix("event.").unwrap_or(text.trim());
        let names: Vec<&str> = cfg
            .events
            .iter()
            .filter(|e| !e.name.is_empty())
            .map(|e| e.name.as_str())
            .collect();
        let found = cfg
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.name.is_empty())
            .find(|(_, e)| rest.starts_with(&format!("{}.", e.name)));
        let Some((index, event)) = found else {
            return Err(says(
                "--param {}: no event of the scenario has that name; named events: {} (name one with name = \"...\" in its [[events]] table)",
                &[
                    &text,
                    &if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    },
                ],
            ));
        };
        let param = &rest[event.name.len() + 1..];
        let parsed = parse_param_in(param, &cfg.params, weeks)
            .map_err(|e| crate::i18n::Text::plain(e.to_string()))?;
        let Some(&(_, value)) = event.set.iter().rfind(|(id, _)| *id == parsed.spec.id) else {
            let sets: Vec<&str> = event
                .set
                .iter()
                .map(|(id, _)| ParamSpec::of(*id).key)
                .collect();
            return Err(says(
                "--param {}: the event \"{}\" does not set {}; it sets {}",
                &[&text, &event.name, &parsed.spec.key, &sets.join(", ")],
            ));
        };
        let (lo, hi) = if param.contains('=') {
            (parsed.lo, parsed.hi)
        } else {
            let mut at_event = cfg.params;
            at_event[parsed.spec.id] = value;
            let r = FitParam::around_in(parsed.spec.id, &at_event, weeks);
            (r.lo, r.hi)
        };
        let key: &'static str =
            Box::leak(format!("event.{}.{}", event.name, parsed.spec.key).into_boxed_str());
        // The row under the event's name, so every report and warning says
        // which value it is (`event.starter_tier.pricing.price`).
        let spec: &'static ParamSpec = Box::leak(Box::new(ParamSpec {
            key,
            ..*parsed.spec
        }));
        Ok(FitParam {
            spec,
            lo,
            hi,
            event: Some(EventParam { index, key }),
        })
    }

    /// The default range: the valid range, cut to the slider's range or ten
    /// times the value in `params`, whichever is wider.
    pub fn around(id: ParamId, params: &Params) -> FitParam {
        FitParam::around_in(id, params, 1.0)
    }

    /// [`FitParam::around`] in a period `weeks` weeks long (the ranges of
    /// that period, [`ParamSpec::in_period`]).
    pub fn around_in(id: ParamId, params: &Params, weeks: f64) -> FitParam {
        let spec = ParamSpec::of(id).in_period(weeks);
        let lo = spec.clamp(spec.min.max(spec.ui_min.min(params[id])));
        let hi = spec.max.min(spec.ui_max.max(10.0 * params[id])).max(lo);
        FitParam {
            spec,
            lo,
            hi,
            event: None,
        }
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

/// What is wrong with the parameters to fit, worded when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamError {
    /// The `--param` argument does not parse.
    Range(RangeError),
    /// A setting of the run (`scenario.periods`), not a number of the model.
    Setting {
        /// The argument as typed.
        typed: String,
        /// The key.
        key: String,
    },
    /// A parameter that takes whole numbers only.
    Whole {
        /// The argument as typed.
        typed: String,
        /// The parameter.
        spec: &'static ParamSpec,
    },
    /// No parameter named.
    None,
    /// More than [`MAX_PARAMS`].
    TooMany {
        /// How many were named.
        count: usize,
    },
    /// One named twice.
    Twice {
        /// The parameter.
        spec: &'static ParamSpec,
    },
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ParamError::Range(e) => e.text(),
            ParamError::Setting { typed, key } => trf(
                "--param {}: {} is a setting of the run, not a number of the model, \
                 and cannot be fitted; name a model parameter (see `flywheel params`)",
                &[typed, key],
            ),
            ParamError::Whole { typed, spec } => trf(
                "--param {}: {} takes whole numbers only and cannot be fitted by a \
                 continuous search; try its values with `flywheel sweep --param {}=LOW..HIGH:1`",
                &[typed, &spec.key, &spec.key],
            ),
            ParamError::None => {
                tr("name at least one parameter to fit, such as --param market.imitation")
                    .to_string()
            }
            ParamError::TooMany { count } => trf(
                "{} parameters named; a fit takes at most {} (fewer fit better)",
                &[count, &MAX_PARAMS],
            ),
            ParamError::Twice { spec } => {
                trf("--param {} is named twice; name it once", &[&spec.key])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ParamError {}

/// Parses `section.key` (its default range) or `section.key=LOW..HIGH`.
pub fn parse_param(text: &str, params: &Params) -> Result<FitParam, ParamError> {
    parse_param_in(text, params, 1.0)
}

/// [`parse_param`] for a scenario whose period is `weeks` weeks long.
pub fn parse_param_in(text: &str, params: &Params, weeks: f64) -> Result<FitParam, ParamError> {
    let key = text.split_once('=').map_or(text, |(k, _)| k).trim();
    if key.starts_with("scenario.") && ParamSpec::by_key(key).is_none() {
        return Err(ParamError::Setting {
            typed: text.to_string(),
            key: key.to_string(),
        });
    }
    let parsed = FIT_PARAM.parse_in(text, weeks).map_err(ParamError::Range)?;
    let spec = parsed.spec;
    if spec.integer {
        return Err(ParamError::Whole {
            typed: text.to_string(),
            spec,
        });
    }
    let Some((lo, hi)) = parsed.bounds else {
        return Ok(FitParam::around_in(spec.id, params, weeks));
    };
    Ok(FitParam {
        spec,
        lo,
        hi,
        event: None,
    })
}

/// Checks the parameters: at least one, at most [`MAX_PARAMS`], none twice.
pub fn validate(params: &[FitParam]) -> Result<(), ParamError> {
    if params.is_empty() {
        return Err(ParamError::None);
    }
    if params.len() > MAX_PARAMS {
        return Err(ParamError::TooMany {
            count: params.len(),
        });
    }
    for (i, p) in params.iter().enumerate() {
        let index = |f: &FitParam| f.event.map(|e| e.index);
        if params[..i]
            .iter()
            .any(|q| q.spec.id == p.spec.id && index(q) == index(p))
        {
            return Err(ParamError::Twice { spec: p.spec });
        }
    }
    Ok(())
}
