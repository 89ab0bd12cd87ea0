//! Lessons carried in scenario files: `[lesson]` with a summary and
//! `[[lesson.steps]]`, each with text and, optionally, the sliders it
//! unlocks, a prediction asked before the curves are shown, a goal checked
//! live, and debrief questions.

use super::localized::Localized;
use super::suggest::likely;
use crate::i18n::{Text, says};
use crate::model::{METRICS, Metric, ParamId, Params, Summary, metric};

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LessonStep {
    /// A short title.
    pub title: Localized,
    /// What to do or look at.
    pub text: Localized,
    /// Only these sliders can move in this step (`None`: all of them).
    pub unlock: Option<Vec<ParamId>>,
    /// The levers the step teaches: its goal must need them (a goal the
    /// other unlocked sliders reach with these at their starting values
    /// teaches nothing about them).
    pub teaches: Vec<ParamId>,
    /// A question to answer before the curves are revealed.
    pub predict: Option<Prediction>,
    /// A condition on the run's metrics, checked live.
    pub goal: Option<Goal>,
    /// Questions for the discussion afterwards.
    pub debrief: Localized<Vec<String>>,
}

/// A multiple-choice prediction, scored against the run.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The question.
    pub question: Localized,
    /// The choices, in order of the metric (one more than `thresholds`);
    /// each translation is empty or as long as the English.
    pub choices: Localized<Vec<String>>,
    /// The metric that decides the answer.
    pub metric: &'static Metric,
    /// Cut points between the choices, increasing.
    pub thresholds: Vec<f64>,
    /// Whether the metric is read as a change against the baseline (0.1 = +10%).
    pub relative: bool,
    /// The question's own setting: parameters applied on top of the scenario
    /// as the step opens. The answer is computed from that run, and answering
    /// applies them, so the curves shown are the ones asked about. Empty: the
    /// student's own run is scored (files written before `set` existed).
    pub set: Vec<(ParamId, f64)>,
}

impl Prediction {
    /// The parameters the question asks about: `open` with `set` applied.
    pub fn applied(&self, open: &Params) -> Params {
        let mut p = *open;
        for &(id, v) in &self.set {
            p[id] = v;
        }
        p
    }

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

/// A condition prints as its author wrote it (`min_cash >= 0`), never
/// rebuilt from its parts.
impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A goal: every condition must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// What the goal asks, in words.
    pub text: Localized,
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
pub fn parse_condition(text: &str) -> Result<Condition, Text> {
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
        .ok_or_else(|| {
            says(
                "\"{}\" has no comparison: write it as metric >= value, such as \"min_cash >= 0\"",
                &[&text],
            )
        })?;
    let name = text[..pos].trim();
    let rhs = text[pos + sym.len()..].trim();
    let metric = metric(name).ok_or_else(|| unknown_metric(name))?;
    let (value, of_baseline) = parse_rhs(rhs).ok_or_else(|| {
        says("\"{}\" is not a number or a multiple of the baseline (such as 0, 1.2 * baseline or baseline)", &[&rhs])
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
    let num = |s: &str| super::keys::parse_number(s).filter(|v| v.is_finite());
    match parts.as_slice() {
        ["baseline"] => Some((1.0, true)),
        [x] => num(x).map(|v| (v, false)),
        [x, "baseline"] | ["baseline", x] => num(x).map(|v| (v, true)),
        _ => None,
    }
}

/// The message for an unknown metric name.
pub fn unknown_metric(name: &str) -> Text {
    let names: Vec<&str> = METRICS.iter().map(|m| m.name).collect();
    match likely(name, &names) {
        Some(n) => says("unknown metric \"{}\"; did you mean \"{}\"?", &[&name, &n]),
        None => says(
            "unknown metric \"{}\"; valid metrics are: {}",
            &[&name, &names.join(", ")],
        ),
    }
}

/// A lesson: its summary and steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lesson {
    /// The lesson's title.
    pub title: Localized,
    /// What to look at and what it teaches.
    pub summary: Localized,
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
        assert_eq!(c2.to_string(), "min_cash >= 0");
        let spaced = parse_condition("  total_profit>=1e6 ").unwrap();
        assert_eq!(spaced.to_string(), "total_profit>=1e6");
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
            question: Localized::new("q"),
            choices: Localized::new(vec!["falls".into(), "flat".into(), "rises".into()]),
            metric: metric("total_revenue").unwrap(),
            thresholds: vec![-0.05, 0.05],
            relative: true,
            set: Vec::new(),
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
