//! Reading `[lesson]` and `[[lesson.steps]]` from a scenario file, each
//! problem located like every other scenario error.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::lesson::{Goal, LessonStep, parse_condition, unknown_metric};
use super::localized::{lang_of_key, table_keys};
use super::reader::{Reader, type_name};
use super::suggest::param_hint;
use crate::i18n::{Text, says};
use crate::model::{Metric, ParamId, ParamSpec, metric};

/// The keys of each table (`*`: a text, a key per language).
const LESSON_KEYS: &[&str] = &["title*", "summary*", "steps"];
const STEP_KEYS: &[&str] = &[
    "title*", "text*", "unlock", "teaches", "predict", "goal", "debrief*",
];
const GOAL_KEYS: &[&str] = &["text*", "all"];

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    pub(super) fn lesson(&mut self, v: &Value<'_>) {
        let Some(t) = self.table("lesson", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let title = lang_of_key("title", key);
            let summary = lang_of_key("summary", key);
            match key {
                _ if title.or(summary).is_some() => {
                    if let Some(s) = self.string(&format!("lesson.{key}"), v) {
                        let l = &mut self.scenario.lesson;
                        match (title, summary) {
                            (Some(lang), _) => l.title.set(lang, s),
                            (_, Some(lang)) => l.summary.set(lang, s),
                            _ => {}
                        }
                    }
                }
                "steps" => self.steps(v),
                _ => {
                    let msg = self.unknown_in("lesson", key, &table_keys(LESSON_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
    }

    fn steps(&mut self, v: &Value<'_>) {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                says(
                    "lesson steps must be written as [[lesson.steps]] tables",
                    &[],
                ),
            );
            return;
        };
        for item in items.iter() {
            let Some(t) = self.table("[lesson.steps]", item) else {
                continue;
            };
            let step = self.step(t, item.span().start);
            self.scenario.lesson.steps.push(step);
        }
    }

    fn step(&mut self, t: &DeTable<'_>, start: usize) -> LessonStep {
        let mut step = LessonStep::default();
        let mut teaches_at = start;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let name = format!("lesson.steps.{key}");
            let text = |field| lang_of_key(field, key);
            match key {
                _ if text("title").is_some() || text("text").is_some() => {
                    let s = self.string(&name, v).unwrap_or_default();
                    match (text("title"), text("text")) {
                        (Some(lang), _) => step.title.set(lang, s),
                        (_, Some(lang)) => step.text.set(lang, s),
                        _ => {}
                    }
                }
                _ if text("debrief").is_some() => {
                    if let Some(lang) = text("debrief") {
                        step.debrief.set(lang, self.strings(&name, v));
                    }
                }
                "unlock" => step.unlock = Some(self.unlock(v)),
                "teaches" => {
                    teaches_at = v.span().start;
                    step.teaches = self.teaches(v);
                }
                "predict" => step.predict = self.predict(v),
                "goal" => step.goal = self.goal(v),
                _ => {
                    let msg = self.unknown_in("lesson.steps", key, &table_keys(STEP_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
        if let Some(unlock) = &step.unlock {
            let locked: Vec<String> = step
                .teaches
                .iter()
                .filter(|id| !unlock.contains(id))
                .map(|id| ParamSpec::of(*id).key.to_string())
                .collect();
            if !locked.is_empty() {
                self.error(
                    teaches_at,
                    says(
                        "lesson.steps.teaches: {} is not unlocked by the step; a step can teach only sliders it unlocks",
                        &[&locked.join(", ")],
                    ),
                );
            }
        }
        if !step.teaches.is_empty() && step.goal.is_none() {
            self.error(
                teaches_at,
                says(
                    "lesson.steps.teaches needs a goal: the levers a step teaches are the ones its goal cannot be reached without", &[]),
            );
        }
        if step.title.is_empty() {
            self.error(
                start,
                says("this lesson step has no title: add title = \"...\"", &[]),
            );
        }
        step
    }

    /// An array of strings.
    pub(super) fn strings(&mut self, key: &str, v: &Value<'_>) -> Vec<String> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                says(
                    "{} must be a list of texts, such as [\"one\", \"two\"], not {}",
                    &[&key, &type_name(v.get_ref())],
                ),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(key, item))
            .collect()
    }

    /// A list of parameter keys.
    pub(super) fn param_keys(&mut self, key: &str, v: &Value<'_>) -> Vec<ParamId> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                says(
                    "{} must be a list of parameter keys, such as [\"feedback.latency\"]",
                    &[&key],
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let Some(name) = self.string(key, item) else {
                continue;
            };
            match ParamSpec::by_key(&name) {
                Some(spec) => out.push(spec.id),
                None => {
                    let hint = param_hint(&name);
                    self.error(
                        item.span().start,
                        says("{}: unknown parameter \"{}\"{}", &[&key, &name, &hint]),
                    );
                }
            }
        }
        out
    }

    fn unlock(&mut self, v: &Value<'_>) -> Vec<ParamId> {
        let ids = self.param_keys("lesson.steps.unlock", v);
        for id in &ids {
            if ParamSpec::of(*id).initial_only {
                self.error(
                    v.span().start,
                    says("lesson.steps.unlock: {} is an initial value; a lesson can unlock only parameters that can change during a run", &[&id]),
                );
            }
        }
        ids
    }

    fn teaches(&mut self, v: &Value<'_>) -> Vec<ParamId> {
        let ids = self.param_keys("lesson.steps.teaches", v);
        let mut out: Vec<ParamId> = Vec::new();
        for id in ids {
            if ParamSpec::of(id).initial_only {
                self.error(
                    v.span().start,
                    says("lesson.steps.teaches: {} is an initial value; a lesson can teach only parameters that can change during a run", &[&id]),
                );
            } else if out.contains(&id) {
                self.error(
                    v.span().start,
                    says("lesson.steps.teaches: {} is named twice", &[&id]),
                );
            } else {
                out.push(id);
            }
        }
        out
    }

    pub(super) fn metric_name(&mut self, key: &str, v: &Value<'_>) -> Option<&'static Metric> {
        let name = self.string(key, v)?;
        match metric(&name) {
            Some(m) => Some(m),
            None => {
                self.error(v.span().start, format!("{key}: {}", unknown_metric(&name)));
                None
            }
        }
    }

    pub(super) fn numbers(&mut self, key: &str, v: &Value<'_>) -> Option<Vec<f64>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                says("{} must be a list of numbers, such as [100, 150]", &[&key]),
            );
            return None;
        };
        items.iter().map(|item| self.number(key, item)).collect()
    }

    fn goal(&mut self, v: &Value<'_>) -> Option<Goal> {
        let t = self.table("lesson.steps.goal", v)?;
        let mut goal = Goal {
            text: Default::default(),
            all: Vec::new(),
        };
        let mut written = 0;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                _ if lang_of_key("text", key).is_some() => {
                    if let Some(lang) = lang_of_key("text", key) {
                        let s = self.string(&format!("goal.{key}"), v).unwrap_or_default();
                        goal.text.set(lang, s);
                    }
                }
                "all" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        self.error(
                            v.span().start,
                            says("goal.all must be a list of conditions, such as [\"min_cash >= 0\"]", &[]),
                        );
                        continue;
                    };
                    written += items.len();
                    for item in items.iter() {
                        let Some(text) = self.string("goal.all", item) else {
                            continue;
                        };
                        match parse_condition(&text) {
                            Ok(c) => goal.all.push(c),
                            Err(msg) => {
                                let msg = Text::plain(format!("goal \"{text}\": ")).then(msg);
                                self.error(item.span().start, msg)
                            }
                        }
                    }
                }
                _ => {
                    let msg = self.unknown_in("goal", key, &table_keys(GOAL_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
        if written == 0 {
            self.error(
                v.span().start,
                says(
                    "this goal has no conditions: add all = [\"total_revenue >= 1.2 * baseline\"]",
                    &[],
                ),
            );
            return None;
        }
        (goal.all.len() == written).then_some(goal)
    }
}
