//! How a board judges a game: the share of the gap between autopilot (the
//! scenario as loaded, nothing changed) and the best steady policy (the
//! play decisions held constant from week 0, searched over their ranges)
//! that the team closed, on the scenario's objective; 0 for a run that breaks
//! a requirement, with when and why. Targets stay as badges.

use std::sync::Arc;

use super::decision::{Decision, config_with};
use crate::analysis::optimize::{Decide, OptimizeError, Optimum, Problem, optimize_cached};
use crate::format::number;
use crate::model::{Metric, ParamSpec, Series, Summary, simulate, summarize};
use crate::scenario::Scenario;
use crate::scenario::lesson::{Condition, Op};

/// How a finished game did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The player's run.
    pub player: Summary,
    /// The scenario played with no decisions (autopilot).
    pub autopilot: Summary,
    /// The best steady policy (`None` when no steady policy meets the requirements).
    pub best: Option<Arc<Optimum>>,
    /// The metric the score is taken on.
    pub objective: &'static Metric,
    /// The player's objective.
    pub player_objective: Option<f64>,
    /// Autopilot's objective.
    pub autopilot_objective: Option<f64>,
    /// The requirement the run breaks, if any (it then scores 0 at most,
    /// and ranks below every run that keeps the requirements).
    pub broken: Option<Broken>,
    /// Whether the team did better than every steady policy (by changing course).
    pub beat_best: bool,
    /// Easy targets met, of those set (a badge).
    pub easy_met: (usize, usize),
    /// Expert targets met, of those set (a badge).
    pub expert_met: (usize, usize),
    /// The share of the gap from autopilot to the best steady policy
    /// closed, in percent: 0 is autopilot, 100 the best steady policy, below
    /// 0 worse than autopilot (at most [`SCORE_FLOOR`]); a run that breaks a
    /// requirement scores 0 at most.
    pub score: i32,
}

/// A requirement a run breaks, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// The requirement as written (`min_cash >= 0`), for files and JSON.
    pub condition: String,
    /// The requirement in words, in the language of the moment it was
    /// judged (`Lowest cash ≥ $0`), for screens.
    pub words: String,
    /// For a cash requirement: the first period cash fell short of it.
    pub cash_short_at: Option<u32>,
    /// The metric's value in the run (`None` where undefined).
    pub value: Option<f64>,
}

impl Broken {
    /// When and why, in words: "out of cash in week 61 (min_cash >= 0)".
    pub fn reason(&self, period: &str) -> String {
        match (self.cash_short_at, &self.value) {
            (Some(at), _) => format!("out of cash in {period} {at} ({})", self.condition),
            (None, Some(v)) => format!("{} not met: it reaches {}", self.condition, number(*v)),
            (None, None) => format!("{} not met: undefined", self.condition),
        }
    }
}

impl Outcome {
    /// The best steady policy's objective, if there is one.
    pub fn best_objective(&self) -> Option<f64> {
        self.best.as_ref().map(|b| b.objective)
    }
}

/// The search behind a score: the play decisions over their ranges (sliders'
/// drawn ranges unless `[play.ranges]` narrows them), with the play
/// objective, requirements and costs.
pub fn best_policy_problem(scenario: &Scenario) -> Problem {
    let decide = scenario
        .play
        .decisions
        .iter()
        .map(|id| {
            let (lo, hi) = scenario.play.range(*id);
            Decide {
                spec: ParamSpec::of(*id),
                lo,
                hi,
            }
        })
        .collect();
    Problem {
        base: scenario.config.clone(),
        decide,
        objective: scenario.play.objective,
        constraints: scenario.play.require.clone(),
        costs: scenario.play.costs.clone(),
    }
}

/// The best steady policy of a scenario's game (searched once per process and scenario).
pub fn best_policy(scenario: &Scenario) -> Result<Arc<Optimum>, OptimizeError> {
    optimize_cached(&best_policy_problem(scenario))
}

/// Scores a set of decisions on a scenario.
pub fn outcome(scenario: &Scenario, decisions: &[Decision]) -> Outcome {
    let series = simulate(&config_with(scenario, decisions, true));
    let player = summarize(&series);
    let autopilot = summarize(&simulate(&scenario.config));
    let best = best_policy(scenario).ok();
    score(scenario, &series, player, autopilot, best)
}

fn score(
    scenario: &Scenario,
    series: &Series,
    player: Summary,
    autopilot: Summary,
    best: Option<Arc<Optimum>>,
) -> Outcome {
    let play = &scenario.play;
    let met = |targets: &[crate::scenario::play::Target]| {
        let n = targets
            .iter()
            .filter(|t| (t.metric.get)(&player).is_some_and(|v| v >= t.at_least))
            .count();
        (n, targets.len())
    };
    let objective = play.objective;
    let player_objective = (objective.get)(&player);
    let autopilot_objective = (objective.get)(&autopilot);
    let broken = play
        .require
        .iter()
        .find(|c| c.met(&player, &autopilot) != Some(true))
        .map(|c| why_broken(c, series, &player));
    let best_objective = best.as_ref().map(|b| b.objective);
    let autopilot_ok = play
        .require
        .iter()
        .all(|c| c.met(&autopilot, &autopilot) == Some(true));
    let (score, beat_best) = match (&broken, player_objective) {
        (_, None) => (0.0, false),
        (Some(_), Some(_)) if best_objective.is_none() => (0.0, false),
        (_, Some(p)) => match best_objective {
            // No steady policy meets the requirements, and this run does.
            None => (100.0, true),
            Some(b) => {
                // An autopilot that breaks a requirement is no bar to clear: start from zero then.
                let zero = match autopilot_objective {
                    Some(a) if autopilot_ok => a,
                    Some(a) => a.min(0.0),
                    None => 0.0,
                };
                let tol = 1e-9 * b.abs().max(1.0);
                let floor = f64::from(SCORE_FLOOR) / 100.0;
                let share = if b - zero <= tol {
                    if p >= b - tol { 1.0 } else { floor }
                } else {
                    ((p - zero) / (b - zero)).clamp(floor, 1.0)
                };
                // A run that breaks a requirement is never above autopilot.
                let share = if broken.is_some() {
                    share.min(0.0)
                } else {
                    share
                };
                (
                    100.0 * share,
                    broken.is_none() && p > b + 1e-6 * b.abs().max(1.0),
                )
            }
        },
    };
    Outcome {
        player,
        autopilot,
        best,
        objective,
        player_objective,
        autopilot_objective,
        broken,
        beat_best,
        easy_met: met(&play.easy),
        expert_met: met(&play.expert),
        score: score.round() as i32,
    }
}

/// The lowest score: ten times the gap from autopilot to the best steady
/// policy below autopilot.
pub const SCORE_FLOOR: i32 = -999;

/// When and why a run breaks a requirement.
fn why_broken(c: &Condition, series: &Series, run: &Summary) -> Broken {
    let lower_bound = matches!(c.op, Op::AtLeast | Op::Above) && !c.of_baseline;
    let cash_short_at = if lower_bound && matches!(c.metric.name, "min_cash" | "final_cash") {
        series
            .rows
            .iter()
            .find(|r| match c.op {
                Op::Above => r.cash <= c.value,
                _ => r.cash < c.value,
            })
            .map(|r| r.period)
    } else {
        None
    };
    Broken {
        condition: c.text.clone(),
        words: c.words(),
        cash_short_at,
        value: (c.metric.get)(run),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParamId;
    use crate::scenario::resolve;

    fn team(s: &Scenario, set: &[(ParamId, f64)]) -> Vec<Decision> {
        set.iter()
            .map(|(id, v)| Decision {
                period: 0,
                key: *id,
                old: s.config.params[*id],
                new: *v,
            })
            .collect()
    }

    #[test]
    fn profit_beats_revenue_and_the_broke_team_scores_below_autopilot() {
        let mut s = resolve("balanced").unwrap();
        s.play.decisions = vec![ParamId::RdShare, ParamId::SalesShare, ParamId::Price];
        let broke = outcome(
            &s,
            &team(&s, &[(ParamId::RdShare, 0.05), (ParamId::SalesShare, 0.95)]),
        );
        let revenue = outcome(
            &s,
            &team(
                &s,
                &[
                    (ParamId::RdShare, 0.1),
                    (ParamId::SalesShare, 0.7),
                    (ParamId::Price, 80.0),
                ],
            ),
        );
        let profit = outcome(
            &s,
            &team(
                &s,
                &[
                    (ParamId::RdShare, 0.14),
                    (ParamId::SalesShare, 0.25),
                    (ParamId::Price, 105.0),
                ],
            ),
        );
        // Worse than autopilot, and out of cash: below 0.
        assert!(broke.score < 0, "{broke:?}");
        let why = broke.broken.as_ref().unwrap().reason("week");
        assert!(why.starts_with("out of cash in week "), "{why}");
        assert!(
            profit.score > revenue.score,
            "profit {} vs revenue {}",
            profit.score,
            revenue.score
        );
        // The best steady policy scores 100 against itself; autopilot scores 0.
        let best = profit.best.clone().unwrap();
        let best_team: Vec<(ParamId, f64)> = best.values();
        let top = outcome(&s, &team(&s, &best_team));
        assert_eq!(top.score, 100);
        assert!(!top.beat_best);
        assert_eq!(outcome(&s, &[]).score, 0);
        // A solvent team worse than autopilot scores below 0 too, and a
        // team that broke the cash rule never above 0, whatever it made.
        let timid = outcome(
            &s,
            &team(&s, &[(ParamId::RdShare, 0.05), (ParamId::SalesShare, 0.05)]),
        );
        assert!(timid.broken.is_none() && timid.score < 0, "{}", timid.score);
        assert!(timid.score >= SCORE_FLOOR);
    }

    #[test]
    fn changing_course_can_beat_every_steady_policy_and_is_told_so() {
        let mut s = resolve("balanced").unwrap();
        s.play.decisions = vec![ParamId::Price];
        // Steady policies may only sell at 15, barely above the cost to serve:
        // none of them keeps cash above zero.
        s.play.ranges = vec![(ParamId::Price, 15.0, 15.0)];
        assert!(matches!(
            best_policy(&s),
            Err(OptimizeError::Infeasible { .. })
        ));
        // Start there, then go back to the scenario's price in week 1.
        let mut d = team(&s, &[(ParamId::Price, 15.0)]);
        d.push(Decision {
            period: 1,
            key: ParamId::Price,
            old: 15.0,
            new: s.config.params[ParamId::Price],
        });
        let o = outcome(&s, &d);
        assert_eq!(o.broken, None);
        assert!(o.best.is_none());
        assert!(o.beat_best);
        assert_eq!(o.score, 100);
    }

    #[test]
    fn a_late_change_of_course_that_beats_the_best_steady_policy_is_told_so() {
        let mut s = resolve("balanced").unwrap();
        s.play.decisions = vec![ParamId::Price];
        let price = s.config.params[ParamId::Price];
        // The only steady policy is the price as loaded: autopilot is the best.
        s.play.ranges = vec![(ParamId::Price, price, price)];
        let best = best_policy(&s).unwrap();
        assert_eq!(best.values()[0].1, price);
        // Lowering or raising the price for the second half: one of them beats it.
        let outcomes: Vec<Outcome> = [0.8, 1.25]
            .iter()
            .map(|k| {
                let d = Decision {
                    period: 104,
                    key: ParamId::Price,
                    old: price,
                    new: price * k,
                };
                outcome(&s, &[d])
            })
            .collect();
        let better: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.player_objective > o.best_objective())
            .collect();
        assert!(!better.is_empty(), "{outcomes:?}");
        for o in outcomes.iter() {
            let beats = o.player_objective > o.best_objective();
            assert_eq!(o.beat_best, beats && o.broken.is_none());
            if o.beat_best {
                assert_eq!(o.score, 100);
            }
        }
    }
}
