//! The facilitator's debrief: several sessions side by side, each team
//! against the two references a score is taken between: autopilot (the
//! scenario as loaded) and the best steady policy.

use std::sync::Arc;

use super::game::Decision;
use super::score::{Outcome, best_policy, best_policy_problem, outcome};
use super::session::{Kind, Session};
use crate::analysis::optimize::Optimum;
use crate::model::{Metric, ParamId, Series, Summary, simulate, summarize};
use crate::scenario::Diagnostics;

/// One session's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The session file.
    pub file: String,
    /// The player or team.
    pub player: String,
    /// The scenario played.
    pub scenario: String,
    /// Play or explore.
    pub kind: Kind,
    /// The run's summary.
    pub summary: Summary,
    /// The run, period by period (for the picture).
    pub series: Series,
    /// The scenario's play objective, in this run.
    pub objective: Option<f64>,
    /// The score and its reasons, for play sessions.
    pub outcome: Option<Outcome>,
    /// The score, for play sessions.
    pub score: Option<i32>,
    /// Predictions answered right, of those answered (`None` when the session answered none).
    pub predictions: Option<(usize, usize)>,
    /// The parameters the session changed, with their final values.
    pub changed: Vec<(ParamId, f64)>,
    /// Every decision, in order.
    pub decisions: Vec<Decision>,
    /// Which of [`Debrief::references`] this session is judged against.
    pub reference: usize,
    /// The feedback settings at the end: capture and latency (periods).
    pub feedback: (f64, f64),
    /// Whether the team played in two seats (product and sales).
    pub two_seats: bool,
    /// The messages sales sent product.
    pub messages: Vec<super::seats::Message>,
}

impl Entry {
    /// The order of a ranking, best first: a run that keeps every
    /// requirement (cash, say) before any that breaks one, then the higher
    /// score, then the higher objective (never revenue, unless it is the
    /// objective). Sort by `Reverse(entry.rank())` or compare `b` to `a`.
    pub fn rank(&self) -> (bool, i32, f64) {
        let kept = self.outcome.as_ref().is_none_or(|o| o.broken.is_none());
        let objective = self.objective.unwrap_or(f64::NEG_INFINITY);
        (kept, self.score.unwrap_or(i32::MIN), objective)
    }
}

/// Compares two entries for a ranking, best first (see [`Entry::rank`]).
pub fn by_rank(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let (ka, sa, oa) = a.rank();
    let (kb, sb, ob) = b.rank();
    kb.cmp(&ka).then(sb.cmp(&sa)).then(ob.total_cmp(&oa))
}

/// What a scenario's teams are judged between.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The scenario's name.
    pub scenario: String,
    /// What a period is called.
    pub period_label: String,
    /// The objective of `[play]`.
    pub objective: &'static Metric,
    /// The scenario as loaded.
    pub autopilot: Summary,
    /// Its run.
    pub autopilot_series: Series,
    /// The best steady policy (`None` when no steady policy meets the requirements).
    pub best: Option<Arc<Optimum>>,
    /// Its run.
    pub best_series: Option<Series>,
    /// The scenario's feedback settings: capture and latency (periods).
    pub feedback: (f64, f64),
    /// The embedded scenario text and the seed (to tell scenarios apart).
    toml: String,
    seed: (u64, bool),
}

/// The spread of one decision over all sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionStats {
    /// The parameter.
    pub key: ParamId,
    /// How many times it was set.
    pub count: usize,
    /// The lowest value set.
    pub min: f64,
    /// The highest value set.
    pub max: f64,
    /// The mean of the values set.
    pub mean: f64,
}

/// The whole debrief.
#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    /// One entry per session, in the order given.
    pub entries: Vec<Entry>,
    /// One per distinct scenario, in the order first met.
    pub references: Vec<Reference>,
    /// Every decision's spread, in parameter order.
    pub decisions: Vec<DecisionStats>,
}

/// Builds the debrief of several sessions (file name and session).
pub fn debrief(sessions: &[(String, Session)]) -> Result<Debrief, Diagnostics> {
    let mut entries = Vec::new();
    let mut references: Vec<Reference> = Vec::new();
    let mut values: Vec<(ParamId, f64)> = Vec::new();
    for (file, s) in sessions {
        let (scenario, cfg) = s.config(file)?;
        let series = simulate(&cfg);
        let summary = summarize(&series);
        let reference = match references
            .iter()
            .position(|r| r.toml == s.scenario_toml && r.seed == (s.seed, s.stochastic))
        {
            Some(i) => i,
            None => {
                let autopilot_series = simulate(&scenario.config);
                let best = best_policy(&scenario).ok();
                let best_series = best.as_ref().map(|b| {
                    let values: Vec<f64> = b.decisions.iter().map(|c| c.value).collect();
                    simulate(&best_policy_problem(&scenario).config(&values))
                });
                references.push(Reference {
                    scenario: scenario.name.clone(),
                    period_label: scenario.period_label.clone(),
                    objective: scenario.play.objective,
                    autopilot: summarize(&autopilot_series),
                    autopilot_series,
                    best,
                    best_series,
                    feedback: (
                        scenario.config.params[ParamId::Capture],
                        scenario.config.params[ParamId::Latency],
                    ),
                    toml: s.scenario_toml.clone(),
                    seed: (s.seed, s.stochastic),
                });
                references.len() - 1
            }
        };
        let outcome = (s.kind == Kind::Play).then(|| outcome(&scenario, &s.decisions));
        let mut changed: Vec<(ParamId, f64)> = Vec::new();
        for d in &s.decisions {
            values.push((d.key, d.new));
            match changed.iter_mut().find(|(k, _)| *k == d.key) {
                Some(c) => c.1 = d.new,
                None => changed.push((d.key, d.new)),
            }
        }
        changed.sort_by_key(|(k, _)| *k);
        let last = |id: ParamId| {
            changed
                .iter()
                .find(|(k, _)| *k == id)
                .map_or(scenario.config.params[id], |(_, v)| *v)
        };
        let feedback = (last(ParamId::Capture), last(ParamId::Latency));
        entries.push(Entry {
            file: file.clone(),
            player: if s.player.is_empty() {
                file.clone()
            } else {
                s.player.clone()
            },
            scenario: scenario.name.clone(),
            kind: s.kind,
            objective: (scenario.play.objective.get)(&summary),
            summary,
            series,
            score: outcome.as_ref().map(|o| o.score),
            outcome,
            predictions: (!s.predictions.is_empty()).then(|| {
                let right = s.predictions.iter().filter(|p| p.is_right()).count();
                (right, s.predictions.len())
            }),
            changed,
            decisions: s.decisions.clone(),
            reference,
            feedback,
            two_seats: s.two_seats,
            messages: s.messages.clone(),
        });
    }
    // Ranked, best first: sessions of one scenario compare; explore
    // sessions (unscored) after the played ones, in the order given.
    entries.sort_by(|a, b| match (a.score, b.score) {
        (Some(_), Some(_)) => by_rank(a, b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut keys: Vec<ParamId> = values.iter().map(|(k, _)| *k).collect();
    keys.sort();
    keys.dedup();
    let decisions = keys
        .into_iter()
        .map(|key| {
            let v: Vec<f64> = values
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, x)| *x)
                .collect();
            DecisionStats {
                key,
                count: v.len(),
                min: v.iter().copied().fold(f64::INFINITY, f64::min),
                max: v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                mean: v.iter().sum::<f64>() / v.len() as f64,
            }
        })
        .collect();
    Ok(Debrief {
        entries,
        references,
        decisions,
    })
}
