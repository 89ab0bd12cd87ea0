//! Lessons that cannot teach the wrong thing: every step goal must be
//! reachable with the sliders the step unlocks (searched with the
//! optimizer, each slider within its drawn range) and must not be met
//! already when the step opens (by the scenario as loaded), and a step that
//! names the levers it `teaches` must need them: its goal must be out of
//! reach of the other unlocked sliders while the taught ones stay at their
//! starting values.

use super::optimize::{Decide, OptimizeError, Problem, optimize};
use crate::format::number;
use crate::i18n::{Text, says, trf};
use crate::model::{ParamId, ParamSpec, simulate, summarize};
use crate::scenario::{Goal, LessonStep, Scenario};

/// What is wrong with a step's goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProblem {
    /// The step, counted from 1.
    pub step: usize,
    /// The step's title.
    pub title: String,
    /// What is wrong, naming the goal and the best value reachable.
    pub message: Text,
}

impl std::fmt::Display for GoalProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&trf(
            "lesson step {} \"{}\": {}",
            &[&self.step, &self.title, &self.message],
        ))
    }
}

/// The goal's conditions as written, joined by "and" in the reader's words.
fn conditions(goal: &Goal) -> Text {
    let mut parts = Vec::new();
    for (i, c) in goal.all.iter().enumerate() {
        if i > 0 {
            parts.push(says(" and ", &[]));
        }
        parts.push(Text::plain(c.text.as_str()));
    }
    Text::Join(parts)
}

/// Every step goal that is unreachable, or met before the student moves anything.
pub fn goal_problems(s: &Scenario) -> Vec<GoalProblem> {
    let loaded = summarize(&simulate(&s.config));
    let mut out = Vec::new();
    for (i, step) in s.lesson.steps.iter().enumerate() {
        let Some(goal) = &step.goal else {
            continue;
        };
        let problem = |message: Text| GoalProblem {
            step: i + 1,
            title: step.title.en().clone(),
            message,
        };
        if goal.met(&loaded, &loaded) {
            let values: Vec<String> = goal
                .all
                .iter()
                .map(|c| {
                    let v = (c.metric.get)(&loaded).map_or_else(|| "n/a".into(), number);
                    format!("{} = {v}", c.metric.name)
                })
                .collect();
            out.push(problem(says(
                "the goal \"{}\" is already met when the step opens ({} as loaded); ask for more than the scenario gives without a move",
                &[&conditions(goal), &values.join(", ")],
            )));
            continue;
        }
        if let Some(message) = unreachable(s, step, goal) {
            out.push(problem(message));
            continue;
        }
        if let Some(message) = reached_without_taught(s, step, goal) {
            out.push(problem(message));
        }
    }
    out
}

/// Why no setting of the step's unlocked sliders meets the goal, if none does.
fn unreachable(s: &Scenario, step: &LessonStep, goal: &Goal) -> Option<Text> {
    // A step that unlocks every slider cannot be searched whole; one that unlocks none cannot move.
    let unlock = step.unlock.as_ref()?;
    let keys: Vec<&str> = unlock.iter().map(|id| ParamSpec::of(*id).key).collect();
    if unlock.is_empty() {
        return Some(says(
            "the goal \"{}\" cannot be reached: the step unlocks no slider",
            &[&conditions(goal)],
        ));
    }
    let first = goal.all.first()?;
    let problem = Problem {
        base: s.config.clone(),
        decide: unlock.iter().map(|id| Decide::slider(*id)).collect(),
        objective: first.metric,
        constraints: goal.all.clone(),
        costs: Vec::new(),
    };
    match optimize(&problem, &|_| {}) {
        Ok(_) | Err(OptimizeError::Cancelled) => None,
        Err(OptimizeError::Invalid(e)) => Some(says(
            "the goal cannot be searched: {}",
            &[&Text::Plain(e.to_string())],
        )),
        Err(OptimizeError::Infeasible {
            closest, broken, ..
        }) => Some(says(
            "the goal \"{}\" cannot be reached with the sliders it unlocks ({}, each within its drawn range): the best, {}, breaks {}",
            &[&conditions(goal), &keys.join(", "), &closest, &broken],
        )),
    }
}

/// Why the goal teaches nothing about the step's `teaches` levers, if the
/// other unlocked sliders reach it with those held at their starting values.
fn reached_without_taught(s: &Scenario, step: &LessonStep, goal: &Goal) -> Option<Text> {
    if step.teaches.is_empty() {
        return None;
    }
    let unlock = step.unlock.as_ref()?;
    let taught: Vec<&str> = step
        .teaches
        .iter()
        .map(|id| ParamSpec::of(*id).key)
        .collect();
    let others: Vec<ParamId> = unlock
        .iter()
        .copied()
        .filter(|id| !step.teaches.contains(id))
        .collect();
    // With nothing else to move, the run is the one as loaded, checked above.
    if others.is_empty() {
        return None;
    }
    let first = goal.all.first()?;
    let problem = Problem {
        base: s.config.clone(),
        decide: others.iter().map(|id| Decide::slider(*id)).collect(),
        objective: first.metric,
        constraints: goal.all.clone(),
        costs: Vec::new(),
    };
    let best = optimize(&problem, &|_| {}).ok()?;
    let keys: Vec<&str> = others.iter().map(|id| ParamSpec::of(*id).key).collect();
    Some(says(
        "the goal \"{}\" is reached without the levers the step teaches ({}, held at their starting values): {} alone reach {} = {} ({}); ask for more, or teach fewer levers",
        &[
            &conditions(goal),
            &taught.join(", "),
            &keys.join(", "),
            &best.objective_name,
            &number(best.objective),
            &best.assignments().join(", "),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    fn lesson(goal: &str, unlock: &str) -> Scenario {
        let text = format!(
            "[[lesson.steps]]\ntitle = \"Try\"\ntext = \"t\"\nunlock = {unlock}\ngoal = {{ text = \"g\", all = {goal} }}\n"
        );
        parse("t.toml", &text).unwrap()
    }

    #[test]
    fn goals_out_of_reach_or_already_met_are_named() {
        let s = lesson("[\"final_customers >= 1e9\"]", "[\"pricing.price\"]");
        let p = goal_problems(&s);
        assert_eq!(p.len(), 1, "{p:?}");
        let m = p[0].to_string();
        assert!(m.contains("lesson step 1 \"Try\""), "{m}");
        assert!(m.contains("final_customers >= 1e9"), "{m}");
        assert!(m.contains("cannot be reached"), "{m}");
        assert!(m.contains("it reaches"), "{m}");

        let s = lesson("[\"min_cash >= 0\"]", "[\"pricing.price\"]");
        let m = goal_problems(&s)[0].to_string();
        assert!(m.contains("already met when the step opens"), "{m}");

        // Reachable, and not met as loaded.
        let s = lesson(
            "[\"total_profit >= 1.1 * baseline\", \"min_cash >= 0\"]",
            "[\"pricing.price\", \"sales.sales_share\"]",
        );
        assert_eq!(goal_problems(&s), Vec::new());

        let s = lesson("[\"total_profit >= 1.1 * baseline\"]", "[]");
        assert!(goal_problems(&s)[0].message.contains("unlocks no slider"));
    }

    #[test]
    fn a_goal_reached_without_the_taught_levers_is_refused() {
        let taught = |teaches: &str, goal: &str| {
            let text = format!(
                "[[lesson.steps]]\ntitle = \"Try\"\ntext = \"t\"\nunlock = [\"pricing.price\", \"feedback.capture\"]\nteaches = {teaches}\ngoal = {{ text = \"g\", all = {goal} }}\n"
            );
            goal_problems(&parse("t.toml", &text).unwrap())
        };
        // A little more value: price alone gets there, so capture is not needed.
        let p = taught(
            "[\"feedback.capture\"]",
            "[\"value >= 1.01 * baseline\", \"min_cash >= 0\"]",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        let m = p[0].to_string();
        assert!(m.contains("value >= 1.01 * baseline"), "{m}");
        assert!(m.contains("without the levers the step teaches"), "{m}");
        assert!(m.contains("feedback.capture"), "{m}");
        assert!(m.contains("value = "), "{m}");
        // Without teaches, the same goal is fine.
        let text = "[[lesson.steps]]\ntitle = \"Try\"\ntext = \"t\"\nunlock = [\"pricing.price\", \"feedback.capture\"]\ngoal = { text = \"g\", all = [\"value >= 1.01 * baseline\", \"min_cash >= 0\"] }\n";
        assert_eq!(goal_problems(&parse("t.toml", text).unwrap()), Vec::new());
    }
}
