//! The walk over a parsed TOML document: sections, values and their checks,
//! every problem recorded with its place.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::{MAX_PERIODS, SCENARIO_KEYS, check_value, parse_number, top_level_keys};
use super::localized::{lang_of_key, table_keys};
use super::source::SourceMap;
use super::suggest::{nearest, top_level_hint};
use super::{Diagnostic, Scenario};
use crate::i18n::{Text, says};
use crate::model::{PARAMS, ParamId, ParamSpec, Section};

/// Reads one document into a scenario, collecting diagnostics.
pub(super) struct Reader<'a> {
    pub(super) src: SourceMap<'a>,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) scenario: Scenario,
    /// Where each parameter set in the file was written (for cross-field messages).
    pub(super) param_spans: Vec<(ParamId, usize)>,
    /// Where each accepted event set each parameter, parallel to the events.
    pub(super) event_spans: Vec<Vec<(ParamId, usize)>>,
    /// The spans of the event being read.
    pub(super) pending_event_spans: Vec<(ParamId, usize)>,
}

/// A key and its value, both with their spans.
pub(super) type Entry<'e, 'i> = (
    &'e Spanned<std::borrow::Cow<'i, str>>,
    &'e Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    pub(super) fn error(&mut self, at: usize, message: impl Into<Text>) {
        let d = self.src.at(at, message);
        self.errors.push(d);
    }

    pub(super) fn document(&mut self, doc: &DeTable<'_>) {
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
                "play" => self.play(v),
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
        for (id, msg) in super::cross_field_messages(&params) {
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

    pub(super) fn table<'e, 'i>(
        &mut self,
        what: &str,
        v: &'e Spanned<DeValue<'i>>,
    ) -> Option<&'e DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(
                    v.span().start,
                    says("[{}] must be a table, not {}", &[&what, &type_name(other)]),
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
                "name" | "period_label" => {
                    if let Some(text) = self.string(&format!("scenario.{key}"), v) {
                        let field = match key {
                            "name" => &mut self.scenario.name,
                            _ => &mut self.scenario.period_label,
                        };
                        *field = text;
                    }
                }
                _ if lang_of_key("description", key).is_some() => {
                    if let (Some(lang), Some(text)) = (
                        lang_of_key("description", key),
                        self.string(&format!("scenario.{key}"), v),
                    ) {
                        self.scenario.description.set(lang, text);
                    }
                }
                "start" => {
                    if let Some(text) = self.string("scenario.start", v) {
                        match super::calendar::parse_day(&text) {
                            Some(day) => self.scenario.start = Some(day),
                            None => self.error(
                                at,
                                says(
                                    "scenario.start = \"{}\" is not a date; write {} (the day period 0 begins, such as \"2013-01\")",
                                    &[&text, &super::calendar::FORMS],
                                ),
                            ),
                        }
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
                "substeps" => {
                    if let Some(n) = self.whole("scenario.substeps", v, 1, 1000) {
                        self.scenario.config.substeps = n as u32;
                    }
                }
                "stochastic" => match v.get_ref() {
                    DeValue::Boolean(b) => self.scenario.config.stochastic = *b,
                    other => self.error(
                        at,
                        says(
                            "scenario.stochastic must be true or false, not {}",
                            &[&type_name(other)],
                        ),
                    ),
                },
                _ => {
                    let msg = self.unknown_in("scenario", key, &table_keys(SCENARIO_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
    }

    pub(super) fn unknown_in<S: AsRef<str>>(&self, section: &str, key: &str, valid: &[S]) -> Text {
        let valid: Vec<&str> = valid.iter().map(AsRef::as_ref).collect();
        if let Some(msg) = super::keys::removed_key_message(&format!("{section}.{key}")) {
            return msg;
        }
        if let Some(spec) = PARAMS.iter().find(|p| p.name == key) {
            return says(
                "unknown key \"{}\" in [{}]: it belongs in [{}] (write it under [{}] as {} = ...)",
                &[
                    &key,
                    &section,
                    &spec.section.key(),
                    &spec.section.key(),
                    &spec.name,
                ],
            );
        }
        match nearest(key, valid.iter().copied()) {
            Some(n) => says(
                "unknown key \"{}\" in [{}]; did you mean \"{}\"?",
                &[&key, &section, &n],
            ),
            None => says(
                "unknown key \"{}\" in [{}]; valid keys are: {}",
                &[&key, &section, &valid.join(", ")],
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
                    says(
                        "finance.cash_injection is a one-off funding round: set it in an event ([[events]] with set = { \"finance.cash_injection\" = 500000 })",
                        &[],
                    )
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

    /// Whether `x` is valid for `spec` in this scenario's period (read
    /// first, with the `[scenario]` table); if not, an error at `at`.
    pub(super) fn in_range(&mut self, spec: &'static ParamSpec, x: f64, at: usize) -> bool {
        let spec = spec.in_period(super::period::weeks(&self.scenario.period_label));
        match check_value(spec, x) {
            Ok(()) => true,
            Err(msg) => {
                self.error(at, msg);
                false
            }
        }
    }

    pub(super) fn number(&mut self, key: &str, v: &Spanned<DeValue<'_>>) -> Option<f64> {
        let at = v.span().start;
        let x = match v.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => parse_number(f.as_str()),
            DeValue::String(s) => {
                let hint = match parse_number(s) {
                    Some(_) => says("; write it without quotes: {} = {}", &[&key, &s]),
                    None => Text::plain(""),
                };
                self.error(
                    at,
                    says(
                        "{} must be a number, not a string (\"{}\"){}",
                        &[&key, &s, &hint],
                    ),
                );
                return None;
            }
            other => {
                self.error(
                    at,
                    says("{} must be a number, not {}", &[&key, &type_name(other)]),
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
                let range = ParamSpec::by_key(key)
                    .map(|s| says("; valid is {}", &[&crate::format::range(s)]));
                self.error(
                    at,
                    says(
                        "{} must be a finite number, not {}{}",
                        &[&key, &written, &range.unwrap_or_else(|| Text::plain(""))],
                    ),
                );
                None
            }
        }
    }

    pub(super) fn whole(
        &mut self,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        min: u64,
        max: u64,
    ) -> Option<u64> {
        let at = v.span().start;
        let range = says("valid is {}–{}", &[&min, &max]);
        match v.get_ref() {
            DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n >= i128::from(min) && n <= i128::from(max) => Some(n as u64),
                Ok(n) => {
                    self.error(at, says("{} = {} is out of range; {}", &[&key, &n, &range]));
                    None
                }
                Err(_) => {
                    self.error(at, says("{} is too large; {}", &[&key, &range]));
                    None
                }
            },
            other => {
                self.error(
                    at,
                    says(
                        "{} must be a whole number, not {}; {}",
                        &[&key, &type_name(other), &range],
                    ),
                );
                None
            }
        }
    }

    pub(super) fn string(&mut self, key: &str, v: &Spanned<DeValue<'_>>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    v.span().start,
                    says(
                        "{} must be text in quotes, not {}",
                        &[&key, &type_name(other)],
                    ),
                );
                None
            }
        }
    }
}

/// How a TOML value's type reads in a message.
pub(super) fn type_name(v: &DeValue<'_>) -> Text {
    match v {
        DeValue::String(_) => says("a string", &[]),
        DeValue::Integer(_) => says("an integer", &[]),
        DeValue::Float(_) => says("a number", &[]),
        DeValue::Boolean(_) => says("a boolean", &[]),
        DeValue::Datetime(_) => says("a date", &[]),
        DeValue::Array(_) => says("an array", &[]),
        DeValue::Table(_) => says("a table", &[]),
    }
}

impl ParamSpec {
    /// The unit in words, for messages.
    pub fn unit_hint(&self) -> Text {
        let help = Text::Clause(self.help);
        if self.unit.is_empty() {
            help
        } else {
            says(
                "{}, {}",
                &[&crate::format::text::unit_words(self.unit), &help],
            )
        }
    }
}
