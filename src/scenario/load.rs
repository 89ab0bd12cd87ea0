//! Reading scenario TOML into a validated [`Scenario`], collecting every
//! problem with its place in the file.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::source::SourceMap;
use super::suggest::{nearest, top_level_hint};
use super::{Diagnostic, Diagnostics, Scenario, presets};
use crate::model::{Event, PARAMS, ParamId, ParamSpec, Params, Section, fmt_num};

/// The largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The longest horizon a scenario may ask for.
pub const MAX_PERIODS: u32 = 10_000;
/// The key of the events-only funding parameter.
pub const CASH_INJECTION: &str = "finance.cash_injection";
/// The largest funding round an event may add (or remove).
pub const CASH_INJECTION_MAX: f64 = 1e15;

const SCENARIO_KEYS: &[&str] = &[
    "name",
    "description",
    "description_zh",
    "periods",
    "period_label",
    "seed",
    "stochastic",
];
const LESSON_KEYS: &[&str] = &["summary", "summary_zh"];
const EVENT_KEYS: &[&str] = &["at", "note", "set"];

/// Top-level tables a scenario may hold.
pub fn top_level_keys() -> Vec<&'static str> {
    let mut keys = vec!["scenario"];
    keys.extend(Section::ALL.iter().map(|s| s.key()));
    keys.extend(["events", "lesson"]);
    keys
}

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
                .at(at, format!("invalid TOML: {}", e.message().trim_end()))
        })
        .collect();
    syntax_errors.dedup_by(|a, b| a.line == b.line && a.message == b.message);
    reader.document(doc.get_ref());
    if !syntax_errors.is_empty() {
        // Keep what the recovered document says elsewhere, but nothing on a
        // line that already has a syntax error (recovery guesses there), and
        // no cross-field or general messages built on guessed values.
        let bad_lines: Vec<usize> = syntax_errors.iter().map(|d| d.line).collect();
        reader.errors.retain(|d| {
            d.line > 0 && !bad_lines.contains(&d.line) && !d.message.contains(" must be at most ")
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

/// Reads and parses a scenario file: refuses files above [`MAX_FILE_BYTES`],
/// reports non-UTF-8 bytes with their place.
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostics> {
    let name = path.display().to_string();
    let fail = |msg: String| Diagnostics::from(Diagnostic::general(name.clone(), msg));
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a scenario file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is {} bytes; scenario files are limited to {} bytes (1 MiB)",
            meta.len(),
            MAX_FILE_BYTES
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
                format!(
                    "the file is not valid UTF-8 (byte 0x{:02x} at offset {good}); save it as UTF-8",
                    bytes[good]
                ),
            );
            d.source_line = None;
            return Err(d.into());
        }
    };
    parse(&name, &text)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read the file".into(),
        _ => format!("cannot read the file: {e}"),
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
        Some(n) => format!("; did you mean the preset \"{n}\"?"),
        None => String::new(),
    };
    Err(Diagnostic::general(
        arg,
        format!(
            "no such file, and no preset of that name{hint} (presets: {})",
            names.join(", ")
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
            errors.push(Diagnostic::general("--set", format!("{a}: {msg}")));
        }
    }
    if errors.is_empty() {
        for (_, msg) in scenario.config.params.cross_field_errors() {
            errors.push(Diagnostic::general("--set", msg));
        }
        for e in &scenario.config.events {
            if e.at > scenario.config.periods {
                errors.push(Diagnostic::general(
                    "--set",
                    format!(
                        "an event at period {} lies past the horizon of {} periods; raise scenario.periods or move the event",
                        e.at, scenario.config.periods
                    ),
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

fn apply_one(s: &mut Scenario, assignment: &str) -> Result<(), String> {
    let Some((key, value)) = assignment.split_once('=') else {
        return Err("expected section.key=value (for example feedback.latency=12)".into());
    };
    let (key, value) = (key.trim(), value.trim());
    match key {
        "scenario.name" => s.name = value.to_string(),
        "scenario.description" => s.description = value.to_string(),
        "scenario.period_label" => s.period_label = value.to_string(),
        "scenario.periods" => {
            s.config.periods = value
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=MAX_PERIODS).contains(p))
                .ok_or_else(|| {
                    format!("scenario.periods must be a whole number in 1..={MAX_PERIODS}")
                })?;
        }
        "scenario.seed" => {
            s.config.seed = value.parse::<u64>().map_err(|_| {
                "scenario.seed must be a whole number in 0..=18446744073709551615".to_string()
            })?;
        }
        "scenario.stochastic" => {
            s.config.stochastic = value
                .parse::<bool>()
                .map_err(|_| "scenario.stochastic must be true or false".to_string())?;
        }
        _ => {
            let spec = ParamSpec::by_key(key).ok_or_else(|| unknown_key_message(key))?;
            let v = parse_number(value)
                .ok_or_else(|| format!("{key} must be a number, not \"{value}\""))?;
            check_value(spec, v)?;
            s.config.params[spec.id] = v;
        }
    }
    Ok(())
}

fn unknown_key_message(key: &str) -> String {
    let mut all: Vec<String> = PARAMS.iter().map(|p| p.key.to_string()).collect();
    all.extend(SCENARIO_KEYS.iter().map(|k| format!("scenario.{k}")));
    let leaf = key.rsplit('.').next().unwrap_or(key);
    if let Some(spec) = PARAMS.iter().find(|p| p.name == leaf) {
        return format!("unknown key \"{key}\"; did you mean \"{}\"?", spec.key);
    }
    match nearest(key, all.iter().map(String::as_str)) {
        Some(n) => format!("unknown key \"{key}\"; did you mean \"{n}\"?"),
        None => format!("unknown key \"{key}\"; see `flywheel params` for the valid keys"),
    }
}

/// Parses a number as written on a command line (`1e5`, `100_000`, `0.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok()
}

/// Checks a value against its parameter's range; the message names both.
pub fn check_value(spec: &ParamSpec, v: f64) -> Result<(), String> {
    if !v.is_finite() {
        return Err(format!(
            "{} must be a finite number, not {v}; valid is {}",
            spec.key,
            spec.range_text()
        ));
    }
    if spec.accepts(v) {
        return Ok(());
    }
    if spec.integer && v.fract() != 0.0 {
        return Err(format!(
            "{} = {} must be a whole number; valid is {}",
            spec.key,
            fmt_num(v),
            spec.range_text()
        ));
    }
    Err(format!(
        "{} = {} is out of range; valid is {} ({})",
        spec.key,
        fmt_num(v),
        spec.range_text(),
        spec.unit_hint()
    ))
}

struct Reader<'a> {
    src: SourceMap<'a>,
    errors: Vec<Diagnostic>,
    scenario: Scenario,
    /// Where each parameter set in the file was written (for cross-field messages).
    param_spans: Vec<(ParamId, usize)>,
    /// Where each accepted event set each parameter, parallel to the events.
    event_spans: Vec<Vec<(ParamId, usize)>>,
    /// The spans of the event being read.
    pending_event_spans: Vec<(ParamId, usize)>,
}

type Entry<'e, 'i> = (
    &'e Spanned<std::borrow::Cow<'i, str>>,
    &'e Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    fn error(&mut self, at: usize, message: String) {
        let d = self.src.at(at, message);
        self.errors.push(d);
    }

    fn document(&mut self, doc: &DeTable<'_>) {
        // The scenario table first: the horizon bounds the events.
        if let Some((k, v)) = doc.iter().find(|(k, _)| k.get_ref() == "scenario") {
            self.scenario_table((k, v));
        }
        for (k, v) in doc.iter() {
            let name = k.get_ref().as_ref();
            match name {
                "scenario" => {}
                "events" => self.events(v),
                "lesson" => self.lesson(v),
                _ => match Section::from_key(name) {
                    Some(section) => self.section(section, v),
                    None => {
                        let msg = top_level_hint(name, &top_level_keys());
                        self.error(k.span().start, msg);
                    }
                },
            }
        }
        let params = self.scenario.config.params;
        for (id, msg) in params.cross_field_errors() {
            let at = self.span_of(id).or_else(|| self.span_of(ParamId::RdShare));
            match at {
                Some(at) => self.error(at, msg),
                None => self.errors.push(Diagnostic::general(self.src.file(), msg)),
            }
        }
        self.check_event_timeline();
    }

    fn span_of(&self, id: ParamId) -> Option<usize> {
        self.param_spans
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| *s)
    }

    fn table<'e, 'i>(
        &mut self,
        what: &str,
        v: &'e Spanned<DeValue<'i>>,
    ) -> Option<&'e DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(
                    v.span().start,
                    format!("[{what}] must be a table, not {}", type_name(other)),
                );
                None
            }
        }
    }

    fn scenario_table(&mut self, (_, v): Entry<'_, '_>) {
        let Some(t) = self.table("scenario", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let at = v.span().start;
            match key {
                "name" | "description" | "description_zh" | "period_label" => {
                    if let Some(text) = self.string(&format!("scenario.{key}"), v) {
                        let field = match key {
                            "name" => &mut self.scenario.name,
                            "description" => &mut self.scenario.description,
                            "description_zh" => &mut self.scenario.description_zh,
                            _ => &mut self.scenario.period_label,
                        };
                        *field = text;
                    }
                }
                "periods" => {
                    if let Some(p) = self.whole("scenario.periods", v, 1, u64::from(MAX_PERIODS)) {
                        self.scenario.config.periods = p as u32;
                    }
                }
                "seed" => {
                    if let Some(seed) = self.whole("scenario.seed", v, 0, u64::MAX) {
                        self.scenario.config.seed = seed;
                    }
                }
                "stochastic" => match v.get_ref() {
                    DeValue::Boolean(b) => self.scenario.config.stochastic = *b,
                    other => self.error(
                        at,
                        format!(
                            "scenario.stochastic must be true or false, not {}",
                            type_name(other)
                        ),
                    ),
                },
                _ => {
                    let msg = self.unknown_in("scenario", key, SCENARIO_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
    }

    fn unknown_in(&self, section: &str, key: &str, valid: &[&str]) -> String {
        if let Some(spec) = PARAMS.iter().find(|p| p.name == key) {
            return format!(
                "unknown key \"{key}\" in [{section}]: it belongs in [{}] (write it under [{}] as {} = ...)",
                spec.section.key(),
                spec.section.key(),
                spec.name
            );
        }
        match nearest(key, valid.iter().copied()) {
            Some(n) => format!("unknown key \"{key}\" in [{section}]; did you mean \"{n}\"?"),
            None => format!(
                "unknown key \"{key}\" in [{section}]; valid keys are: {}",
                valid.join(", ")
            ),
        }
    }

    fn section(&mut self, section: Section, v: &Spanned<DeValue<'_>>) {
        let Some(t) = self.table(section.key(), v) else {
            return;
        };
        let valid: Vec<&str> = PARAMS
            .iter()
            .filter(|p| p.section == section)
            .map(|p| p.name)
            .collect();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let Some(spec) = PARAMS
                .iter()
                .find(|p| p.section == section && p.name == key)
            else {
                let msg = if section == Section::Finance && key == "cash_injection" {
                    "finance.cash_injection is a one-off funding round: set it in an event ([[events]] with set = { \"finance.cash_injection\" = 500000 })".to_string()
                } else {
                    self.unknown_in(section.key(), key, &valid)
                };
                self.error(k.span().start, msg);
                continue;
            };
            if let Some(x) = self.number(spec.key, v)
                && self.in_range(spec, x, v.span().start)
            {
                self.scenario.config.params[spec.id] = x;
                self.param_spans.push((spec.id, k.span().start));
            }
        }
    }

    fn in_range(&mut self, spec: &ParamSpec, x: f64, at: usize) -> bool {
        match check_value(spec, x) {
            Ok(()) => true,
            Err(msg) => {
                self.error(at, msg);
                false
            }
        }
    }

    fn number(&mut self, key: &str, v: &Spanned<DeValue<'_>>) -> Option<f64> {
        let at = v.span().start;
        let x = match v.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => parse_number(f.as_str()),
            DeValue::String(s) => {
                let hint = match parse_number(s) {
                    Some(_) => format!("; write it without quotes: {key} = {s}"),
                    None => String::new(),
                };
                self.error(
                    at,
                    format!("{key} must be a number, not a string (\"{s}\"){hint}"),
                );
                return None;
            }
            other => {
                self.error(
                    at,
                    format!("{key} must be a number, not {}", type_name(other)),
                );
                return None;
            }
        };
        match x {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                let written = match v.get_ref() {
                    DeValue::Float(f) => f.as_str().to_string(),
                    DeValue::Integer(i) => i.as_str().to_string(),
                    _ => String::new(),
                };
                let range =
                    ParamSpec::by_key(key).map(|s| format!("; valid is {}", s.range_text()));
                self.error(
                    at,
                    format!(
                        "{key} must be a finite number, not {written}{}",
                        range.unwrap_or_default()
                    ),
                );
                None
            }
        }
    }

    fn whole(&mut self, key: &str, v: &Spanned<DeValue<'_>>, min: u64, max: u64) -> Option<u64> {
        let at = v.span().start;
        let range = format!("valid is {min}..={max}");
        match v.get_ref() {
            DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n >= i128::from(min) && n <= i128::from(max) => Some(n as u64),
                Ok(n) => {
                    self.error(at, format!("{key} = {n} is out of range; {range}"));
                    None
                }
                Err(_) => {
                    self.error(at, format!("{key} is too large; {range}"));
                    None
                }
            },
            other => {
                self.error(
                    at,
                    format!(
                        "{key} must be a whole number, not {}; {range}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    fn string(&mut self, key: &str, v: &Spanned<DeValue<'_>>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    v.span().start,
                    format!("{key} must be text in quotes, not {}", type_name(other)),
                );
                None
            }
        }
    }

    fn lesson(&mut self, v: &Spanned<DeValue<'_>>) {
        let Some(t) = self.table("lesson", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "summary" => {
                    if let Some(s) = self.string("lesson.summary", v) {
                        self.scenario.lesson = s;
                    }
                }
                "summary_zh" => {
                    if let Some(s) = self.string("lesson.summary_zh", v) {
                        self.scenario.lesson_zh = s;
                    }
                }
                _ => {
                    let msg = self.unknown_in("lesson", key, LESSON_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
    }

    fn events(&mut self, v: &Spanned<DeValue<'_>>) {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                "events must be written as [[events]] tables (each with at, note and set)".into(),
            );
            return;
        };
        for item in items.iter() {
            let Some(t) = self.table("[events]", item) else {
                continue;
            };
            self.pending_event_spans.clear();
            if let Some(e) = self.event(t, item.span().start) {
                self.scenario.config.events.push(e);
                let spans = std::mem::take(&mut self.pending_event_spans);
                self.event_spans.push(spans);
            }
        }
    }

    fn event(&mut self, t: &DeTable<'_>, start: usize) -> Option<Event> {
        let mut event = Event::default();
        let mut ok = true;
        let mut at_seen = false;
        let horizon = self.scenario.config.periods;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "at" => {
                    at_seen = true;
                    match self.whole("events.at", v, 0, u64::from(u32::MAX)) {
                        Some(at) if at <= u64::from(horizon) => event.at = at as u32,
                        Some(at) => {
                            self.error(
                                v.span().start,
                                format!(
                                    "event at period {at} lies past the horizon ({horizon} periods); valid is 0..={horizon}, or raise scenario.periods"
                                ),
                            );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                "note" => match self.string("events.note", v) {
                    Some(n) => event.note = n,
                    None => ok = false,
                },
                "set" => {
                    let Some(set) = self.table("events.set", v) else {
                        ok = false;
                        continue;
                    };
                    let mut flat = Vec::new();
                    flatten("", set, &mut flat);
                    for (key, kspan, value) in flat {
                        ok &= self.event_set(&mut event, &key, kspan, value);
                    }
                }
                _ => {
                    let msg = self.unknown_in("events", key, EVENT_KEYS);
                    self.error(k.span().start, msg);
                    ok = false;
                }
            }
        }
        if !at_seen {
            self.error(
                start,
                "this event has no `at`: say the period it happens (at = 52)".into(),
            );
            ok = false;
        }
        ok.then_some(event)
    }

    fn event_set(
        &mut self,
        event: &mut Event,
        key: &str,
        kspan: usize,
        v: &Spanned<DeValue<'_>>,
    ) -> bool {
        if key == CASH_INJECTION {
            let Some(x) = self.number(key, v) else {
                return false;
            };
            if x.abs() > CASH_INJECTION_MAX {
                self.error(
                    v.span().start,
                    format!(
                        "{key} = {} is out of range; valid is -1e15..=1e15",
                        fmt_num(x)
                    ),
                );
                return false;
            }
            event.cash_injection += x;
            return true;
        }
        let Some(spec) = ParamSpec::by_key(key) else {
            let msg = unknown_key_message(key);
            self.error(kspan, format!("event sets an {msg}"));
            return false;
        };
        if spec.initial_only {
            let settable: Vec<&str> = PARAMS
                .iter()
                .filter(|p| !p.initial_only)
                .map(|p| p.key)
                .collect();
            self.error(
                kspan,
                format!(
                    "{key} is an initial value and cannot be set by an event; an event can set {} or {CASH_INJECTION}",
                    settable.join(", ")
                ),
            );
            return false;
        }
        let Some(x) = self.number(key, v) else {
            return false;
        };
        if !self.in_range(spec, x, v.span().start) {
            return false;
        }
        event.set.push((spec.id, x));
        self.pending_event_spans.push((spec.id, kspan));
        true
    }

    /// Checks the cross-field rules as events change parameters over time.
    /// A broken rule is reported at the event that sets one of its keys, at that key.
    fn check_event_timeline(&mut self) {
        let mut events: Vec<(&Event, &[(ParamId, usize)])> = self
            .scenario
            .config
            .events
            .iter()
            .zip(self.event_spans.iter().map(Vec::as_slice))
            .collect();
        events.sort_by_key(|(e, _)| e.at);
        let mut p: Params = self.scenario.config.params;
        let mut found = Vec::new();
        for (e, spans) in events {
            for &(id, v) in &e.set {
                p[id] = v;
            }
            for (id, msg) in p.cross_field_errors() {
                let related = match id {
                    ParamId::SalesShare => [ParamId::RdShare, ParamId::SalesShare],
                    other => [other, ParamId::MarketSize],
                };
                // An event that touches none of the rule's keys did not break it.
                if let Some(&(_, at)) = spans.iter().find(|(k, _)| related.contains(k)) {
                    found.push((
                        at,
                        format!("after the event at period {} ({}): {msg}", e.at, e.note),
                    ));
                }
            }
        }
        for (at, msg) in found {
            self.error(at, msg);
        }
    }
}

/// Flattens `set = { product = { obsolescence = 0.03 } }` into dotted keys.
fn flatten<'e, 'i>(
    prefix: &str,
    t: &'e DeTable<'i>,
    out: &mut Vec<(String, usize, &'e Spanned<DeValue<'i>>)>,
) {
    for (k, v) in t.iter() {
        let key = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        match v.get_ref() {
            DeValue::Table(inner) => flatten(&key, inner, out),
            _ => out.push((key, k.span().start, v)),
        }
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl ParamSpec {
    /// The unit in words, for messages.
    pub fn unit_hint(&self) -> String {
        if self.unit.is_empty() {
            self.help.trim_end_matches('.').to_string()
        } else {
            format!("{}, {}", self.unit, self.help.trim_end_matches('.'))
        }
    }
}
