//! The vocabulary of a scenario file, shared by the loader and the table
//! reader: its limits, the keys of `[scenario]` and the top-level tables, how
//! a number is parsed and checked against its parameter's range, and the
//! message for an unknown key.

use super::suggest::nearest;
use crate::i18n::{Text, says};
use crate::model::{PARAMS, ParamSpec, Section, fmt_num};

/// The largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The longest horizon a scenario may ask for.
pub const MAX_PERIODS: u32 = 10_000;
/// The key of the events-only funding parameter.
pub const CASH_INJECTION: &str = "finance.cash_injection";
/// The event-only key that adds people to the market.
pub const MARKET_CHANGE: &str = "market.size_change";
/// The most people an event may add to (or take from) the market.
pub const MARKET_CHANGE_MAX: f64 = 1e12;
/// The largest funding round an event may add (or remove).
pub const CASH_INJECTION_MAX: f64 = 1e15;

/// Keys of the `[scenario]` table (`*`: a text, a key per language, see
/// [`table_keys`](super::localized::table_keys)).
pub(super) const SCENARIO_KEYS: &[&str] = &[
    "name",
    "description*",
    "periods",
    "period_label",
    "start",
    "seed",
    "stochastic",
    "substeps",
];

/// The message for a key an earlier model version had: what replaced it.
pub fn removed_key_message(key: &str) -> Option<Text> {
    let new = crate::model::params::replacement(key)?;
    Some(says(
        "unknown key \"{}\": the model (version 3) replaced it; did you mean \"{}\"? (see `flywheel params`)",
        &[&key, &new],
    ))
}

/// Top-level tables a scenario may hold.
pub fn top_level_keys() -> Vec<&'static str> {
    let mut keys = vec!["scenario"];
    keys.extend(Section::ALL.iter().map(|s| s.key()));
    keys.extend(["events", "lesson", "play"]);
    keys
}

/// The message for an unknown `section.key`, with the nearest valid key.
pub(super) fn unknown_key_message(key: &str) -> Text {
    if let Some(msg) = removed_key_message(key) {
        return msg;
    }
    let mut all: Vec<String> = PARAMS.iter().map(|p| p.key.to_string()).collect();
    all.extend(
        super::localized::table_keys(SCENARIO_KEYS)
            .iter()
            .map(|k| format!("scenario.{k}")),
    );
    let leaf = key.rsplit('.').next().unwrap_or(key);
    if let Some(spec) = PARAMS.iter().find(|p| p.name == leaf) {
        return says(
            "unknown key \"{}\"; did you mean \"{}\"?",
            &[&key, &spec.key],
        );
    }
    match nearest(key, all.iter().map(String::as_str)) {
        Some(n) => says("unknown key \"{}\"; did you mean \"{}\"?", &[&key, &n]),
        None => says(
            "unknown key \"{}\"; see `flywheel params` for the valid keys",
            &[&key],
        ),
    }
}

/// Parses a number as written on a command line (`1e5`, `100_000`, `0.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok()
}

/// Checks a value against its parameter's range; the message names both.
pub fn check_value(spec: &ParamSpec, v: f64) -> Result<(), Text> {
    if !v.is_finite() {
        return Err(says(
            "{} must be a finite number, not {}; valid is {}",
            &[&spec.key, &v, &crate::format::range(spec)],
        ));
    }
    if spec.accepts(v) {
        return Ok(());
    }
    if spec.integer && v.fract() != 0.0 {
        return Err(says(
            "{} = {} must be a whole number; valid is {}",
            &[&spec.key, &fmt_num(v), &crate::format::range(spec)],
        ));
    }
    Err(says(
        "{} = {} is out of range; valid is {} ({})",
        &[
            &spec.key,
            &fmt_num(v),
            &crate::format::range(spec),
            &spec.unit_hint(),
        ],
    ))
}
