//! Lessons carried in scenario files: `[lesson]` with a summary and
//! `[[lesson.steps]]`, each with text and, optionally, the sliders it
//! unlocks, a prediction asked before the curves are shown, a goal checked
//! live, and debrief questions.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::reader::{Reader, type_name};
use super::suggest::nearest;
use crate::model::{METRICS, Metric, PARAMS, ParamId, ParamSpec, Summary, metric};

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LessonStep {
    /// A short title.
    pub title: String,
    /// The title in Chinese.
    pub title_zh: String,
    /// What to do or look at.
    pub text: String,
    /// The text in Chinese.
    pub text_zh: String,
    /// Only these sliders can move in this step (`None`: all of them).
    pub unlock: Option<Vec<ParamId>>,
    /// A question to answer before the curves are revealed.
    pub predict: Option<Prediction>,
    /// A condition on the run's metrics, checked live.
    pub goal: Option<Goal>,
    /// Questions for the discussion afterwards.
    pub debrief: Vec<String>,
    /// The debrief questions in Chinese.
    pub debrief_zh: Vec<String>,
}

/// A multiple-choice prediction, scored against the run.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The question.
    pub question: String,
    /// The question in Chinese.
    pub question_zh: String,
    /// The choices, in order of the metric (one more than `thresholds`).
    pub choices: Vec<String>,
    /// The choices in Chinese (empty or as many as `choices`).
    pub choices_zh: Vec<String>,
    /// The metric that decides the answer.
    pub metric: &'static Metric,
    /// Cut points between the choices, increasing.
    pub thresholds: Vec<f64>,
    /// Whether the metric is read as a change against the baseline (0.1 = +10%).
    pub relative: bool,
}

impl Prediction {
    /// The index of the right choice for a run (and its baseline).
    pub fn answer(&self, run: &Summary, baseline: &Summary) -> Option<usize> {
        let v = (self.metric.get)(run)?;
        let v = if self.relative {
            let b = (self.metric.get)(baseline)?;
            if b == 0.0 {
                return None;
            }
            (v - b) / b.abs()
        } else {
            v
        };
        Some(self.thresholds.iter().filter(|t| v >= **t).count())
    }
}

/// A comparison in a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `>=`
    AtLeast,
    /// `<=`
    AtMost,
    /// `>`
    Above,
    /// `<`
    Below,
}

/// One condition: `metric op value`, where value may be a multiple of the baseline's metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The metric on the left.
    pub metric: &'static Metric,
    /// The comparison.
    pub op: Op,
    /// The number on the right.
    pub value: f64,
    /// Whether the right side is `value * baseline`.
    pub of_baseline: bool,
    /// The condition as written.
    pub text: String,
}

impl Condition {
    /// Whether the run meets the condition; `None` where the metric is undefined.
    pub fn met(&self, run: &Summary, baseline: &Summary) -> Option<bool> {
        let lhs = (self.metric.get)(run)?;
        let rhs = if self.of_baseline {
            self.value * (self.metric.get)(baseline)?
        } else {
            self.value
        };
        Some(match self.op {
            Op::AtLeast => lhs >= rhs,
            Op::AtMost => lhs <= rhs,
            Op::Above => lhs > rhs,
            Op::Below => lhs < rhs,
        })
    }
}

/// A goal: every condition must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// What the goal asks, in words.
    pub text: String,
    /// The goal in Chinese.
    pub text_zh: String,
    /// The conditions.
    pub all: Vec<Condition>,
}

impl Goal {
    /// Whether every condition holds.
    pub fn met(&self, run: &Summary, baseline: &Summary) -> bool {
        self.all.iter().all(|c| c.met(run, baseline) == Some(true))
    }
}

/// Parses `total_revenue >= 1.2 * baseline` or `min_cash >= 0`.
pub fn parse_condition(text: &str) -> Result<Condition, String> {
    let ops = [
        (">=", Op::AtLeast),
        ("<=", Op::AtMost),
        (">", Op::Above),
        ("<", Op::Below),
    ];
    let (pos, sym, op) = ops
        .iter()
        .filter_map(|(sym, op)| text.find(sym).map(|p| (p, *sym, *op)))
        .min_by_key(|(p, sym, _)| (*p, std::cmp::Reverse(sym.len())))
        .ok_or_else(|| format!("\"{text}\" has no comparison: write it as metric >= value, such as \"min_cash >= 0\""))?;
    let name = text[..pos].trim();
    let rhs = text[pos + sym.len()..].trim();
    let metric = metric(name).ok_or_else(|| unknown_metric(name))?;
    let (value, of_baseline) = parse_rhs(rhs).ok_or_else(|| {
        format!("\"{rhs}\" is not a number or a multiple of the baseline (such as 0, 1.2 * baseline or baseline)")
    })?;
    Ok(Condition {
        metric,
        op,
        value,
        of_baseline,
        text: text.trim().to_string(),
    })
}

fn parse_rhs(rhs: &str) -> Option<(f64, bool)> {
    let parts: Vec<&str> = rhs.split('*').map(str::trim).collect();
    let num = |s: &str| super::load::parse_number(s).filter(|v| v.is_finite());
    match parts.as_slice() {
        ["baseline"] => Some((1.0, true)),
        [x] => num(x).map(|v| (v, false)),
        [x, "baseline"] | ["baseline", x] => num(x).map(|v| (v, true)),
        _ => None,
    }
}

/// The message for an unknown metric name.
pub fn unknown_metric(name: &str) -> String {
    let names: Vec<&str> = METRICS.iter().map(|m| m.name).collect();
    match nearest(name, names.iter().copied()) {
        Some(n) => format!("unknown metric \"{name}\"; did you mean \"{n}\"?"),
        None => format!(
            "unknown metric \"{name}\"; valid metrics are: {}",
            names.join(", ")
        ),
    }
}

const LESSON_KEYS: &[&str] = &["title", "title_zh", "summary", "summary_zh", "steps"];
const STEP_KEYS: &[&str] = &[
    "title",
    "title_zh",
    "text",
    "text_zh",
    "unlock",
    "predict",
    "goal",
    "debrief",
    "debrief_zh",
];
const PREDICT_KEYS: &[&str] = &[
    "question",
    "question_zh",
    "choices",
    "choices_zh",
    "metric",
    "thresholds",
    "relative",
];
const GOAL_KEYS: &[&str] = &["text", "text_zh", "all"];

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    pub(super) fn lesson(&mut self, v: &Value<'_>) {
        let Some(t) = self.table("lesson", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "title" | "title_zh" | "summary" | "summary_zh" => {
                    if let Some(s) = self.string(&format!("lesson.{key}"), v) {
                        let l = &mut self.scenario.lesson;
                        *match key {
                            "title" => &mut l.title,
                            "title_zh" => &mut l.title_zh,
                            "summary" => &mut l.summary,
                            _ => &mut l.summary_zh,
                        } = s;
                    }
                }
                "steps" => self.steps(v),
                _ => {
                    let msg = self.unknown_in("lesson", key, LESSON_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
    }

    fn steps(&mut self, v: &Value<'_>) {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                "lesson steps must be written as [[lesson.steps]] tables".into(),
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
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let name = format!("lesson.steps.{key}");
            match key {
                "title" => step.title = self.string(&name, v).unwrap_or_default(),
                "title_zh" => step.title_zh = self.string(&name, v).unwrap_or_default(),
                "text" => step.text = self.string(&name, v).unwrap_or_default(),
                "text_zh" => step.text_zh = self.string(&name, v).unwrap_or_default(),
                "debrief" => step.debrief = self.strings(&name, v),
                "debrief_zh" => step.debrief_zh = self.strings(&name, v),
                "unlock" => step.unlock = Some(self.unlock(v)),
                "predict" => step.predict = self.predict(v),
                "goal" => step.goal = self.goal(v),
                _ => {
                    let msg = self.unknown_in("lesson.steps", key, STEP_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
        if step.title.is_empty() {
            self.error(
                start,
                "this lesson step has no title: add title = \"...\"".into(),
            );
        }
        step
    }

    /// An array of strings.
    pub(super) fn strings(&mut self, key: &str, v: &Value<'_>) -> Vec<String> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                format!(
                    "{key} must be a list of texts, such as [\"one\", \"two\"], not {}",
                    type_name(v.get_ref())
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
                format!("{key} must be a list of parameter keys, such as [\"feedback.latency\"]"),
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
                    let hint = nearest(&name, PARAMS.iter().map(|p| p.key))
                        .map(|n| format!("; did you mean \"{n}\"?"))
                        .unwrap_or_default();
                    self.error(
                        item.span().start,
                        format!("{key}: unknown parameter \"{name}\"{hint}"),
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
                    format!("lesson.steps.unlock: {id} is an initial value; a lesson can unlock only parameters that can change during a run"),
                );
            }
        }
        ids
    }

    fn metric_name(&mut self, key: &str, v: &Value<'_>) -> Option<&'static Metric> {
        let name = self.string(key, v)?;
        match metric(&name) {
            Some(m) => Some(m),
            None => {
                self.error(v.span().start, format!("{key}: {}", unknown_metric(&name)));
                None
            }
        }
    }

    fn numbers(&mut self, key: &str, v: &Value<'_>) -> Option<Vec<f64>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                format!("{key} must be a list of numbers, such as [100, 150]"),
            );
            return None;
        };
        items.iter().map(|item| self.number(key, item)).collect()
    }

    fn predict(&mut self, v: &Value<'_>) -> Option<Prediction> {
        let t = self.table("lesson.steps.predict", v)?;
        let start = v.span().start;
        let (mut question, mut question_zh, mut choices, mut choices_zh) =
            (None, String::new(), None, Vec::new());
        let (mut metric, mut thresholds, mut relative) = (None, None, false);
        let mut thresholds_at = start;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let name = format!("predict.{key}");
            match key {
                "question" => question = self.string(&name, v),
                "question_zh" => question_zh = self.string(&name, v).unwrap_or_default(),
                "choices" => choices = Some(self.strings(&name, v)),
                "choices_zh" => choices_zh = self.strings(&name, v),
                "metric" => metric = self.metric_name(&name, v),
                "thresholds" => {
                    thresholds_at = v.span().start;
                    thresholds = self.numbers(&name, v);
                }
                "relative" => match v.get_ref() {
                    DeValue::Boolean(b) => relative = *b,
                    other => self.error(
                        v.span().start,
                        format!(
                            "predict.relative must be true or false, not {}",
                            type_name(other)
                        ),
                    ),
                },
                _ => {
                    let msg = self.unknown_in("predict", key, PREDICT_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
        let mut missing = |what: &str| {
            self.error(start, format!("this prediction has no {what}"));
        };
        let (Some(question), Some(choices), Some(metric), Some(thresholds)) =
            (question, choices, metric, thresholds)
        else {
            missing("question, choices, metric and thresholds (all four are needed)");
            return None;
        };
        if choices.len() < 2 || choices.len() != thresholds.len() + 1 {
            self.error(
                thresholds_at,
                format!(
                    "a prediction with {} choices needs {} thresholds (the cut points between them), not {}",
                    choices.len(),
                    choices.len().saturating_sub(1),
                    thresholds.len()
                ),
            );
            return None;
        }
        if thresholds.windows(2).any(|w| w[0] >= w[1]) {
            self.error(
                thresholds_at,
                "predict.thresholds must increase from the first choice to the last".into(),
            );
            return None;
        }
        if !choices_zh.is_empty() && choices_zh.len() != choices.len() {
            self.error(
                start,
                format!(
                    "predict.choices_zh has {} choices; choices has {}",
                    choices_zh.len(),
                    choices.len()
                ),
            );
        }
        Some(Prediction {
            question,
            question_zh,
            choices,
            choices_zh,
            metric,
            thresholds,
            relative,
        })
    }

    fn goal(&mut self, v: &Value<'_>) -> Option<Goal> {
        let t = self.table("lesson.steps.goal", v)?;
        let mut goal = Goal {
            text: String::new(),
            text_zh: String::new(),
            all: Vec::new(),
        };
        let mut written = 0;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "text" => goal.text = self.string("goal.text", v).unwrap_or_default(),
                "text_zh" => goal.text_zh = self.string("goal.text_zh", v).unwrap_or_default(),
                "all" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        self.error(
                            v.span().start,
                            "goal.all must be a list of conditions, such as [\"min_cash >= 0\"]"
                                .into(),
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
                            Err(msg) => self.error(item.span().start, format!("goal: {msg}")),
                        }
                    }
                }
                _ => {
                    let msg = self.unknown_in("goal", key, GOAL_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
        if written == 0 {
            self.error(
                v.span().start,
                "this goal has no conditions: add all = [\"total_revenue >= 1.2 * baseline\"]"
                    .into(),
            );
            return None;
        }
        (goal.all.len() == written).then_some(goal)
    }
}

/// A lesson: its summary and steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lesson {
    /// The lesson's title.
    pub title: String,
    /// The title in Chinese.
    pub title_zh: String,
    /// What to look at and what it teaches.
    pub summary: String,
    /// The summary in Chinese.
    pub summary_zh: String,
    /// The steps, in order.
    pub steps: Vec<LessonStep>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::summarize;

    #[test]
    fn conditions_parse_and_evaluate() {
        let c = parse_condition("total_revenue >= 1.2 * baseline").unwrap();
        assert_eq!((c.op, c.value, c.of_baseline), (Op::AtLeast, 1.2, true));
        let c2 = parse_condition("min_cash >= 0").unwrap();
        assert!(!c2.of_baseline);
        assert!(
            parse_condition("total_revenu >= 1")
                .unwrap_err()
                .contains("did you mean \"total_revenue\"")
        );
        assert!(
            parse_condition("min_cash 0")
                .unwrap_err()
                .contains("no comparison")
        );
        assert!(
            parse_condition("min_cash >= lots")
                .unwrap_err()
                .contains("not a number")
        );

        let base = summarize(&crate::model::simulate(&crate::model::Config::default()));
        let mut better = base;
        better.total_revenue *= 1.25;
        assert_eq!(c.met(&better, &base), Some(true));
        assert_eq!(c.met(&base, &base), Some(false));
    }

    #[test]
    fn predictions_pick_the_bucket_of_the_run() {
        let p = Prediction {
            question: "q".into(),
            question_zh: String::new(),
            choices: vec!["falls".into(), "flat".into(), "rises".into()],
            choices_zh: Vec::new(),
            metric: metric("total_revenue").unwrap(),
            thresholds: vec![-0.05, 0.05],
            relative: true,
        };
        let base = summarize(&crate::model::simulate(&crate::model::Config::default()));
        let mut s = base;
        assert_eq!(p.answer(&s, &base), Some(1));
        s.total_revenue = base.total_revenue * 0.5;
        assert_eq!(p.answer(&s, &base), Some(0));
        s.total_revenue = base.total_revenue * 1.5;
        assert_eq!(p.answer(&s, &base), Some(2));
    }
}
