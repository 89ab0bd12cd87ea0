//! `flywheel params`: every key a scenario may set, with its label, default,
//! valid range in words, unit and help, in the reader's language (the keys
//! stay as typed); `--markdown` prints the table of docs/model.md.

use std::io::{self, Write};

use super::Failure;
use crate::i18n::tr;
use crate::model::{PARAMS, fmt_num};
use crate::report::table::aligned_by;

/// `flywheel params`.
pub(super) fn params(markdown: bool) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if markdown {
        out.write_all(params_markdown().as_bytes())?;
    } else {
        for line in table() {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The table `flywheel params` prints: a header, then a line per key of
/// `[scenario]` and per parameter, aligned in terminal columns.
pub fn table() -> Vec<String> {
    let mut rows = vec![vec![
        tr("key").to_string(),
        tr("label").to_string(),
        tr("default").to_string(),
        tr("valid").to_string(),
        tr("unit").to_string(),
        tr("meaning").to_string(),
    ]];
    for (key, default, _, _, _) in SCENARIO_KEYS {
        let [label, range, unit, help] = scenario_words(key);
        let default = if default == "(none)" {
            tr("(none)")
        } else {
            default
        };
        rows.push(vec![
            key.to_string(),
            label.to_string(),
            default.to_string(),
            range.to_string(),
            unit.to_string(),
            help.to_string(),
        ]);
    }
    for spec in PARAMS.iter() {
        rows.push(vec![
            spec.key.to_string(),
            tr(spec.label).to_string(),
            fmt_num(spec.default),
            crate::format::range(spec).to_string(),
            crate::format::text::unit_words(spec.unit),
            tr(spec.help).to_string(),
        ]);
    }
    // The default is a number: right-aligned; the rest read left to right.
    aligned_by(&rows, |i| i == 2, 2)
}

/// A scenario key's label, valid values, unit and help, in the reader's
/// language.
fn scenario_words(key: &str) -> [&'static str; 4] {
    match key {
        "scenario.start" => [
            tr("Start date"),
            tr("a date"),
            tr("date"),
            tr(
                "The day period 0 begins (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY): periods are dated on charts, in reports and in CSV, and a history may have a `date` column.",
            ),
        ],
        "scenario.periods" => [
            tr("Horizon"),
            tr("a whole number 1–10000"),
            tr("periods"),
            tr("The horizon T."),
        ],
        "scenario.substeps" => [
            tr("Steps per period"),
            tr("a whole number 1–1000"),
            tr("/period"),
            tr("Euler steps per period (dt = 1/substeps); keep dt <= 1/8 week."),
        ],
        "scenario.seed" => [
            tr("Seed"),
            tr("a whole number from 0 to 2^64-1"),
            "",
            tr("The seed of the stochastic draws."),
        ],
        _ => [
            tr("Stochastic"),
            tr("true or false"),
            "",
            tr("Draw flows of people instead of taking expected values."),
        ],
    }
}

/// The keys of `[scenario]` that shape a run: key, default, valid values,
/// unit and help (the parameters of the model follow them in `params`).
pub const SCENARIO_KEYS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "scenario.start",
        "(none)",
        "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY",
        "date",
        "The day period 0 begins: periods are dated on charts, in reports and in CSV, and a history may have a `date` column.",
    ),
    (
        "scenario.periods",
        "208",
        "1..=10000, whole",
        "periods",
        "The horizon T.",
    ),
    (
        "scenario.substeps",
        "8",
        "1..=1000, whole",
        "/period",
        "Euler steps per period (dt = 1/substeps); keep dt <= 1/8 week.",
    ),
    (
        "scenario.seed",
        "1",
        "0..=2^64-1",
        "",
        "The seed of the stochastic draws.",
    ),
    (
        "scenario.stochastic",
        "false",
        "true, false",
        "",
        "Draw flows of people instead of taking expected values.",
    ),
];

/// The parameter table as Markdown, as it appears in docs/model.md.
pub fn params_markdown() -> String {
    let mut s = String::from(
        "| key | default | valid | unit | event | meaning |\n|---|---|---|---|---|---|\n",
    );
    for (key, default, valid, unit, help) in SCENARIO_KEYS {
        s.push_str(&format!(
            "| `{key}` | {default} | {valid} | {unit} | no (scenario) | {help} |\n"
        ));
    }
    for p in PARAMS.iter() {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            p.key,
            fmt_num(p.default),
            p.range_text(),
            p.unit,
            if p.initial_only {
                "no (initial)"
            } else {
                "yes"
            },
            p.help
        ));
    }
    s
}
