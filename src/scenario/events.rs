//! `[[events]]`: parameter changes and funding rounds at given periods.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Scenario;
use super::keys::{
    CASH_INJECTION, CASH_INJECTION_MAX, MARKET_CHANGE, MARKET_CHANGE_MAX, unknown_key_message,
};
use super::localized::{Localized, lang_of_key, table_keys};
use super::reader::Reader;
use crate::i18n::{mark, says};
use crate::model::{Event, PARAMS, ParamSpec, fmt_num};

/// The keys of `[[events]]` (`*`: a text, a key per language).
const EVENT_KEYS: &[&str] = &["at", "name", "note*", "set"];

impl Scenario {
    /// An event's note in the reader's language: its translation where the
    /// file gave one, else the note as written.
    pub fn note<'a>(&'a self, event: &'a Event) -> &'a str {
        self.event_notes
            .iter()
            .find(|n| !event.note.is_empty() && *n.en() == event.note)
            .map_or(event.note.as_str(), |n| n.current().as_str())
    }

    /// A note in every language the file gave it (`note`, `note_zh`, ...).
    pub fn note_texts(&self, english: &str) -> Localized {
        self.event_notes
            .iter()
            .find(|n| !english.is_empty() && n.en() == english)
            .cloned()
            .unwrap_or_else(|| Localized::new(english))
    }
}

/// Whether `n` may name an event: letters, digits, `_` and `-`, not empty.
pub fn valid_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && n.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

impl Reader<'_> {
    pub(super) fn events(&mut self, v: &Spanned<DeValue<'_>>) {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                says(
                    "events must be written as [[events]] tables (each with at, note and set)",
                    &[],
                ),
            );
            return;
        };
        for item in items.iter() {
            let Some(t) = self.table("[events]", item) else {
                continue;
            };
            self.pending_event_spans.clear();
            if let Some((e, note)) = self.event(t, item.span().start) {
                if note.translations().next().is_some() {
                    self.scenario.event_notes.push(note);
                }
                self.scenario.config.events.push(e);
                let spans = std::mem::take(&mut self.pending_event_spans);
                self.event_spans.push(spans);
            }
        }
    }

    fn event(&mut self, t: &DeTable<'_>, start: usize) -> Option<(Event, Localized)> {
        let mut event = Event::default();
        let mut note = Localized::default();
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
                            self.error(v.span().start, super::rules::past_horizon(at, horizon));
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                "name" => {
                    match self.string("events.name", v) {
                        Some(n) if valid_name(&n) => {
                            let taken = self.scenario.config.events.iter().any(|e| e.name == n);
                            if taken {
                                self.error(
                                v.span().start,
                                says("another event is named \"{}\"; give each a name of its own", &[&n]),
                            );
                                ok = false;
                            } else {
                                event.name = n;
                            }
                        }
                        Some(n) => {
                            self.error(
                            v.span().start,
                            says(
                                "events.name = \"{}\": a name is letters, digits, _ and - (such as \"starter_tier\")",
                                &[&n],
                            ),
                        );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                _ if lang_of_key("note", key).is_some() => {
                    match (
                        lang_of_key("note", key),
                        self.string(&format!("events.{key}"), v),
                    ) {
                        (Some(lang), Some(n)) => note.set(lang, n),
                        _ => ok = false,
                    }
                }
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
                    let msg = self.unknown_in("events", key, &table_keys(EVENT_KEYS));
                    self.error(k.span().start, msg);
                    ok = false;
                }
            }
        }
        if !at_seen {
            self.error(
                start,
                says(
                    "this event has no `at`: say the period it happens (at = 52)",
                    &[],
                ),
            );
            ok = false;
        }
        if note.en().trim().is_empty() && note.translations().next().is_some() {
            self.error(
                start,
                says(
                    "this event's note has a translation but no English: add note = \"...\"",
                    &[],
                ),
            );
            ok = false;
        }
        event.note = note.en().clone();
        ok.then_some((event, note))
    }

    fn event_set(
        &mut self,
        event: &mut Event,
        key: &str,
        kspan: usize,
        v: &Spanned<DeValue<'_>>,
    ) -> bool {
        // The one-off amounts an event adds, each within its bound.
        let one_off = match key {
            MARKET_CHANGE => Some((
                &mut event.market_change,
                MARKET_CHANGE_MAX,
                mark("{} = {} is out of range; valid is -1e12–1e12 (people)"),
            )),
            CASH_INJECTION => Some((
                &mut event.cash_injection,
                CASH_INJECTION_MAX,
                mark("{} = {} is out of range; valid is -1e15–1e15"),
            )),
            _ => None,
        };
        if let Some((total, max, out_of_range)) = one_off {
            let Some(x) = self.number(key, v) else {
                return false;
            };
            if x.abs() > max {
                self.error(v.span().start, says(out_of_range, &[&key, &fmt_num(x)]));
                return false;
            }
            *total += x;
            return true;
        }
        let Some(spec) = ParamSpec::by_key(key) else {
            let msg = unknown_key_message(key);
            self.error(kspan, says("event sets an {}", &[&msg]));
            return false;
        };
        if spec.id == crate::model::ParamId::MarketSize {
            self.error(
                kspan,
                says(
                    "market.size is the market at the start; an event changes the market by adding people to it: {} = 50000 (negative: prospects lost)",
                    &[&MARKET_CHANGE],
                ),
            );
            return false;
        }
        if spec.initial_only {
            let settable: Vec<&str> = PARAMS
                .iter()
                .filter(|p| !p.initial_only)
                .map(|p| p.key)
                .collect();
            self.error(
                kspan,
                says("{} is an initial value and cannot be set by an event; an event can set {} or {}", &[&key, &settable.join(", "), &CASH_INJECTION]),
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

    /// Checks the cross-field rules as events change parameters over time
    /// ([`super::rules::timeline`]). A broken rule is reported at the event
    /// that sets one of its keys, at that key.
    pub(super) fn check_event_timeline(&mut self) {
        for b in super::rules::timeline(&self.scenario.config) {
            let at = self
                .event_spans
                .get(b.event)
                .and_then(|spans| spans.iter().find(|(k, _)| *k == b.key).map(|(_, at)| *at));
            match at {
                Some(at) => self.error(at, b.text),
                None => self
                    .errors
                    .push(super::Diagnostic::general(self.src.file(), b.text)),
            }
        }
    }
}

/// Flattens `set = { product = { obsolescence = 0.03 } }` into dotted keys.
pub(super) fn flatten<'e, 'i>(
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
