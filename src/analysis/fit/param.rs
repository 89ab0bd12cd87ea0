//! Which parameters a fit searches and over what ranges: `--param` read
//! (`section.key` or `section.key=LOW..HIGH`), the default ranges, and the
//! checks on the set (at least one, at most [`MAX_PARAMS`], none twice).

use super::MAX_PARAMS;
use crate::analysis::range::Form;
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
}

impl FitParam {
    /// The default range: the valid range, cut to the slider's range or ten
    /// times the value in `params`, whichever is wider.
    pub fn around(id: ParamId, params: &Params) -> FitParam {
        let spec = ParamSpec::of(id);
        let lo = spec.clamp(spec.min.max(spec.ui_min.min(params[id])));
        let hi = spec.max.min(spec.ui_max.max(10.0 * params[id])).max(lo);
        FitParam { spec, lo, hi }
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

/// Parses `section.key` (its default range) or `section.key=LOW..HIGH`.
pub fn parse_param(text: &str, params: &Params) -> Result<FitParam, String> {
    let key = text.split_once('=').map_or(text, |(k, _)| k).trim();
    if key.starts_with("scenario.") && ParamSpec::by_key(key).is_none() {
        return Err(trf(
            "--param {}: {} is a setting of the run, not a number of the model, \
             and cannot be fitted; name a model parameter (see `flywheel params`)",
            &[&text, &key],
        ));
    }
    let parsed = FIT_PARAM.parse(text).map_err(|e| e.text())?;
    let spec = parsed.spec;
    if spec.integer {
        return Err(trf(
            "--param {}: {} takes whole numbers only and cannot be fitted by a \
             continuous search; try its values with `flywheel sweep --param {}=LOW..HIGH:1`",
            &[&text, &key, &key],
        ));
    }
    let Some((lo, hi)) = parsed.bounds else {
        return Ok(FitParam::around(spec.id, params));
    };
    Ok(FitParam { spec, lo, hi })
}

/// Checks the parameters: at least one, at most [`MAX_PARAMS`], none twice.
pub fn validate(params: &[FitParam]) -> Result<(), String> {
    if params.is_empty() {
        return Err(
            tr("name at least one parameter to fit, such as --param market.imitation").into(),
        );
    }
    if params.len() > MAX_PARAMS {
        return Err(trf(
            "{} parameters named; a fit takes at most {} (fewer fit better)",
            &[&params.len(), &MAX_PARAMS],
        ));
    }
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.spec.id == p.spec.id) {
            return Err(trf(
                "--param {} is named twice; name it once",
                &[&p.spec.key],
            ));
        }
    }
    Ok(())
}
