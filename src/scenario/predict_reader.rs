//! Reading a lesson step's `predict` table: the question and its choices in
//! each language, the metric and the thresholds between the choices, and
//! the settings the question asks about (`predict.set`).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::lesson::Prediction;
use super::localized::{Localized, lang_of_key, table_keys};
use super::reader::{Reader, type_name};
use crate::i18n::{Text, says};
use crate::model::{ParamId, ParamSpec};

/// The keys of `predict` (`*`: a text, a key per language).
const PREDICT_KEYS: &[&str] = &[
    "question*",
    "choices*",
    "metric",
    "thresholds",
    "relative",
    "set",
];

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    pub(super) fn predict(&mut self, v: &Value<'_>) -> Option<Prediction> {
        let t = self.table("lesson.steps.predict", v)?;
        let start = v.span().start;
        let (mut question, mut choices) = (None, None);
        let mut translated = Localized::<String>::default();
        let mut translated_choices = Localized::<Vec<String>>::default();
        let (mut metric, mut thresholds, mut relative) = (None, None, false);
        let mut set = Vec::new();
        let mut thresholds_at = start;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let name = format!("predict.{key}");
            match key {
                "question" => question = self.string(&name, v),
                "choices" => choices = Some(self.strings(&name, v)),
                _ if lang_of_key("question", key).is_some() => {
                    if let Some(lang) = lang_of_key("question", key) {
                        translated.set(lang, self.string(&name, v).unwrap_or_default());
                    }
                }
                _ if lang_of_key("choices", key).is_some() => {
                    if let Some(lang) = lang_of_key("choices", key) {
                        translated_choices.set(lang, self.strings(&name, v));
                    }
                }
                "metric" => metric = self.metric_name(&name, v),
                "thresholds" => {
                    thresholds_at = v.span().start;
                    thresholds = self.numbers(&name, v);
                }
                "set" => set = self.predict_set(v),
                "relative" => match v.get_ref() {
                    DeValue::Boolean(b) => relative = *b,
                    other => self.error(
                        v.span().start,
                        says(
                            "predict.relative must be true or false, not {}",
                            &[&type_name(other)],
                        ),
                    ),
                },
                _ => {
                    let msg = self.unknown_in("predict", key, &table_keys(PREDICT_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
        let mut missing = |what: Text| {
            self.error(start, says("this prediction has no {}", &[&what]));
        };
        let (Some(question), Some(choices), Some(metric), Some(thresholds)) =
            (question, choices, metric, thresholds)
        else {
            missing(says(
                "question, choices, metric and thresholds (all four are needed)",
                &[],
            ));
            return None;
        };
        if choices.len() < 2 || choices.len() != thresholds.len() + 1 {
            self.error(
                thresholds_at,
                says("a prediction with {} choices needs {} thresholds (the cut points between them), not {}", &[&choices.len(), &choices.len().saturating_sub(1), &thresholds.len()]),
            );
            return None;
        }
        if thresholds.windows(2).any(|w| w[0] >= w[1]) {
            self.error(
                thresholds_at,
                says(
                    "predict.thresholds must increase from the first choice to the last",
                    &[],
                ),
            );
            return None;
        }
        for (lang, list) in translated_choices.translations() {
            let name = format!("predict.choices{}", lang.suffix());
            if list.len() != choices.len() {
                self.error(
                    start,
                    says(
                        "{} has {} choices; choices has {}",
                        &[&name, &list.len(), &choices.len()],
                    ),
                );
            }
        }
        let mut question = Localized::new(question);
        for (lang, text) in translated.translations() {
            question.set(lang, text.clone());
        }
        let mut localized_choices = Localized::new(choices);
        for (lang, list) in translated_choices.translations() {
            localized_choices.set(lang, list.clone());
        }
        Some(Prediction {
            question,
            choices: localized_choices,
            metric,
            thresholds,
            relative,
            set,
        })
    }

    /// `predict.set = { "feedback.latency" = 4 }`: parameters and their values.
    fn predict_set(&mut self, v: &Value<'_>) -> Vec<(ParamId, f64)> {
        let Some(t) = self.table("predict.set", v) else {
            return Vec::new();
        };
        let mut flat = Vec::new();
        super::events::flatten("", t, &mut flat);
        let mut out: Vec<(ParamId, f64)> = Vec::new();
        for (key, at, value) in flat {
            let Some(spec) = ParamSpec::by_key(&key) else {
                let msg = super::keys::unknown_key_message(&key);
                self.error(at, Text::plain("predict.set: ").then(msg));
                continue;
            };
            let Some(x) = self.number(&format!("predict.set.{key}"), value) else {
                continue;
            };
            if self.in_range(spec, x, value.span().start) {
                out.retain(|(id, _)| *id != spec.id);
                out.push((spec.id, x));
            }
        }
        if out.is_empty() && flat_was_empty(t) {
            self.error(
                v.span().start,
                says("predict.set is empty: name the setting the question asks about, such as { \"feedback.latency\" = 4 }", &[]),
            );
        }
        out
    }
}

fn flat_was_empty(t: &DeTable<'_>) -> bool {
    t.iter().next().is_none()
}
