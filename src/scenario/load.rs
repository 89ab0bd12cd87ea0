//! Reading scenario TOML into a validated [`Scenario`], collecting every
//! problem with its place in the file.

use std::path::Path;

use toml::de::DeTable;

use super::keys::unknown_key_message;
pub use super::keys::{
    CASH_INJECTION, CASH_INJECTION_MAX, MAX_FILE_BYTES, MAX_PERIODS, check_value, parse_number,
    top_level_keys,
};
use super::reader::Reader;
use super::source::SourceMap;
use super::suggest::nearest;
use super::{Diagnostic, Diagnostics, Scenario, presets};
use crate::i18n::{Text, says};
use crate::model::ParamSpec;

/// Parses scenario text; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Scenario, Diagnostics> {
    let mut reader = Reader {
        src: SourceMap::new(file, text),
        errors: Vec::new(),
        scenario: Scenario {
            source: file.to_string(),
            ..Scenario::default()
        },
        param_spans: Vec::new(),
        event_spans: Vec::new(),
        pending_event_spans: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    let mut syntax_errors: Vec<Diagnostic> = syntax
        .iter()
        .map(|e| {
            let at = e.span().map_or(0, |s| s.start);
            reader
                .src
                .at(at, says("invalid TOML: {}", &[&e.message().trim_end()]))
        })
        .collect();
    syntax_errors.dedup_by(|a, b| a.line == b.line && a.message == b.message);
    reader.document(doc.get_ref());
    if !syntax_errors.is_empty() {
        // Keep what the recovered document says elsewhere, but nothing on a
        // line that already has a syntax error (recovery guesses there), and
        // no cross-field or general messages built on guessed values.
        // A value the recovery made up has no place in the file (its span
        // is empty, at the start): a message about it would point at 1:1.
        let guessed = made_up(doc.get_ref());
        let bad_lines: Vec<usize> = syntax_errors.iter().map(|d| d.line).collect();
        let made_up_place = |d: &Diagnostic| guessed && d.line == 1 && d.column == 1;
        reader.errors.retain(|d| {
            let keep = !made_up_place(d);
            keep && d.line > 0
                && !bad_lines.contains(&d.line)
                && !super::diagnostic::is_cross_field(&d.message)
        });
        syntax_errors.append(&mut reader.errors);
        syntax_errors.sort_by_key(|d| (d.line, d.column));
        return Err(Diagnostics(syntax_errors));
    }
    if reader.errors.is_empty() {
        Ok(reader.scenario)
    } else {
        reader.errors.sort_by_key(|d| (d.line, d.column));
        Err(Diagnostics(reader.errors))
    }
}

/// Whether the parser's recovery made up a value: one with an empty span.
fn made_up(table: &DeTable<'_>) -> bool {
    fn value(v: &toml::Spanned<toml::de::DeValue<'_>>) -> bool {
        v.span().is_empty()
            || match v.get_ref() {
                toml::de::DeValue::Table(t) => made_up(t),
                toml::de::DeValue::Array(a) => a.iter().any(value),
                _ => false,
            }
    }
    table.iter().any(|(_, v)| value(v))
}

/// Reads and parses a scenario file: refuses files above [`MAX_FILE_BYTES`],
/// reports non-UTF-8 bytes with their place.
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostics> {
    let name = path.display().to_string();
    let fail = |msg: Text| Diagnostics::from(Diagnostic::general(name.clone(), msg));
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail(says("is a directory, not a scenario file", &[])));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(says(
            "file is {} bytes; scenario files are limited to {} bytes (1 MiB)",
            &[&meta.len(), &MAX_FILE_BYTES],
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(io_message(&e)))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let src = SourceMap::new(&name, &prefix);
            let mut d = src.at(
                good,
                says(
                    "the file is not valid UTF-8 (byte 0x{} at offset {}); save it as UTF-8",
                    &[&format!("{:02x}", bytes[good]), &good],
                ),
            );
            d.source_line = None;
            return Err(d.into());
        }
    };
    parse(&name, &text)
}

fn io_message(e: &std::io::Error) -> Text {
    match e.kind() {
        std::io::ErrorKind::NotFound => says("no such file", &[]),
        std::io::ErrorKind::PermissionDenied => {
            says("permission denied: cannot read the file", &[])
        }
        _ => says("cannot read the file: {}", &[&e]),
    }
}

/// Opens a file path if one exists, or else an embedded preset by name.
pub fn resolve(arg: &str) -> Result<Scenario, Diagnostics> {
    let path = Path::new(arg);
    if path.exists() {
        return load_file(path);
    }
    if let Some(p) = presets::preset(arg) {
        return parse(&format!("preset:{}", p.name), p.toml);
    }
    let names: Vec<&str> = presets::PRESETS.iter().map(|p| p.name).collect();
    let hint = match nearest(arg, names.iter().copied()) {
        Some(n) => says("; did you mean the preset \"{}\"?", &[&n]),
        None => Text::plain(""),
    };
    Err(Diagnostic::general(
        arg,
        says(
            "no such file, and no preset of that name{} (presets: {})",
            &[&hint, &names.join(", ")],
        ),
    )
    .into())
}

/// Applies `section.key=value` assignments (as from `--set`), validated like
/// file values, then checks the cross-field rules. All problems are reported.
pub fn apply_set(scenario: &mut Scenario, assignments: &[String]) -> Result<(), Diagnostics> {
    let mut errors = Vec::new();
    for a in assignments {
        if let Err(msg) = apply_one(scenario, a) {
            errors.push(Diagnostic::general(
                "--set",
                Text::plain(format!("{a}: ")).then(msg),
            ));
        }
    }
    if errors.is_empty() {
        for (_, msg) in super::cross_field_messages(&scenario.config.params) {
            errors.push(Diagnostic::general("--set", msg));
        }
        if errors.is_empty() {
            errors.extend(
                super::rules::timeline(&scenario.config)
                    .into_iter()
                    .map(|b| Diagnostic::general("--set", b.text)),
            );
        }
        for e in &scenario.config.events {
            if e.at > scenario.config.periods {
                errors.push(Diagnostic::general(
                    "--set",
                    super::rules::past_horizon(u64::from(e.at), scenario.config.periods),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

fn apply_one(s: &mut Scenario, assignment: &str) -> Result<(), Text> {
    let Some((key, value)) = assignment.split_once('=') else {
        return Err(says(
            "expected section.key=value (for example feedback.latency=12)",
            &[],
        ));
    };
    let (key, value) = (key.trim(), value.trim());
    match key {
        "scenario.name" => s.name = value.to_string(),
        "scenario.description" => s.description.set(crate::i18n::Lang::En, value.to_string()),
        "scenario.period_label" => s.period_label = value.to_string(),
        "scenario.start" => {
            s.start = Some(super::calendar::parse_day(value).ok_or_else(|| {
                says(
                    "scenario.start = \"{}\" is not a date; write {} (the day period 0 begins, such as \"2013-01\")",
                    &[&value, &super::calendar::FORMS],
                )
            })?);
        }
        "scenario.periods" => {
            s.config.periods = value
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=MAX_PERIODS).contains(p))
                .ok_or_else(|| {
                    says(
                        "scenario.periods must be a whole number in 1–{}",
                        &[&MAX_PERIODS],
                    )
                })?;
        }
        "scenario.seed" => {
            s.config.seed = value.parse::<u64>().map_err(|_| {
                says(
                    "scenario.seed must be a whole number in 0–18446744073709551615",
                    &[],
                )
            })?;
        }
        "scenario.stochastic" => {
            s.config.stochastic = value
                .parse::<bool>()
                .map_err(|_| says("scenario.stochastic must be true or false", &[]))?;
        }
        _ => {
            let spec = ParamSpec::by_key(key).ok_or_else(|| unknown_key_message(key))?;
            let v = parse_number(value)
                .ok_or_else(|| says("{} must be a number, not \"{}\"", &[&key, &value]))?;
            check_value(spec.in_period(super::period::weeks(&s.period_label)), v)?;
            s.config.params[spec.id] = v;
        }
    }
    Ok(())
}
