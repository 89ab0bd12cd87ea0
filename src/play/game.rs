//! The turn-based game: the player sets the scenario's decisions each turn,
//! then advances; only the past is ever simulated for the view, so the
//! future cannot leak into it.

use crate::i18n::{Text, says};
use crate::model::{Config, ParamId, ParamSpec, Series, simulate};
use crate::scenario::Scenario;

pub use super::decision::{Decision, config_with};
use super::score::{Outcome, outcome};

/// A game in progress.
#[derive(Debug, Clone)]
pub struct Game {
    /// The scenario being played.
    pub scenario: Scenario,
    /// Decisions taken in earlier turns.
    pub decisions: Vec<Decision>,
    /// The current period: the past is 0..period.
    pub period: u32,
    /// Decisions set for this turn, not yet committed.
    pub pending: Vec<(ParamId, f64)>,
    past: Series,
}

impl Game {
    /// Starts a game at period 0.
    pub fn new(scenario: Scenario) -> Self {
        let mut g = Game {
            scenario,
            decisions: Vec::new(),
            period: 0,
            pending: Vec::new(),
            past: Series::default(),
        };
        g.refresh();
        g
    }

    /// The horizon T.
    pub fn horizon(&self) -> u32 {
        self.scenario.config.periods
    }

    /// Whether every turn has been played.
    pub fn finished(&self) -> bool {
        self.period >= self.horizon()
    }

    /// The value a decision has now (pending, else last decided, else the scenario's).
    pub fn value(&self, id: ParamId) -> f64 {
        if let Some((_, v)) = self.pending.iter().rev().find(|(p, _)| *p == id) {
            return *v;
        }
        self.committed(id)
    }

    /// The value a decision has in force now, before this turn's pending change.
    pub fn committed(&self, id: ParamId) -> f64 {
        // Events in the scenario that already happened count too.
        let mut v = self.scenario.config.params[id];
        let mut changes: Vec<(u32, usize, f64)> = Vec::new();
        for (i, e) in self.scenario.config.events.iter().enumerate() {
            for (p, x) in &e.set {
                if *p == id && e.at <= self.period {
                    changes.push((e.at, i, *x));
                }
            }
        }
        for d in &self.decisions {
            if d.key == id {
                changes.push((d.period, usize::MAX, d.new));
            }
        }
        changes.sort_by_key(|(at, order, _)| (*at, *order));
        if let Some((_, _, x)) = changes.last() {
            v = *x;
        }
        v
    }

    /// Sets a decision for this turn, validated against its range and the
    /// shares rule; refuses parameters the scenario does not offer.
    pub fn set(&mut self, id: ParamId, value: f64) -> Result<(), Text> {
        let spec = ParamSpec::of(id);
        if self.finished() {
            return Err(says("the game is over", &[]));
        }
        if !self.scenario.play.decisions.contains(&id) {
            return Err(says("{} is not a decision in this scenario", &[&spec.key]));
        }
        crate::scenario::load::check_value(
            crate::scenario::period::spec_in(&self.scenario.period_label, id),
            value,
        )?;
        let mut params = self.scenario.config.params;
        for d in &self.scenario.play.decisions {
            params[*d] = if *d == id { value } else { self.value(*d) };
        }
        if let Some((_, msg)) = crate::scenario::cross_field_messages(&params)
            .into_iter()
            .next()
        {
            return Err(msg);
        }
        self.pending.retain(|(p, _)| *p != id);
        if value != self.committed(id) {
            self.pending.push((id, value));
        }
        Ok(())
    }

    /// The cash the pending decisions will cost.
    pub fn pending_cost(&self) -> f64 {
        self.pending
            .iter()
            .map(|(id, v)| self.scenario.play.cost(*id, v - self.committed(*id)))
            .sum()
    }

    /// Commits this turn's decisions and plays one turn. Returns the notes of
    /// the scenario's events that happened during the turn (the news).
    pub fn advance(&mut self) -> Vec<String> {
        if self.finished() {
            return Vec::new();
        }
        for (id, v) in std::mem::take(&mut self.pending) {
            let old = self.committed(id);
            self.decisions.push(Decision {
                period: self.period,
                key: id,
                old,
                new: v,
            });
        }
        let from = self.period;
        self.period = (self.period + self.scenario.play.turn).min(self.horizon());
        self.refresh();
        self.scenario
            .config
            .events
            .iter()
            .filter(|e| e.at > from && e.at <= self.period)
            .map(|e| {
                let note = self.scenario.note(e);
                format!("{} {}: {note}", self.scenario.period_label, e.at)
            })
            .collect()
    }

    /// The run with the decisions so far.
    pub fn config(&self) -> Config {
        config_with(&self.scenario, &self.decisions, true)
    }

    fn refresh(&mut self) {
        // Simulate only up to the present: rows 0..period exist, the future does not.
        let mut cfg = self.config();
        if self.period == 0 {
            self.past = Series::default();
            return;
        }
        cfg.periods = self.period - 1;
        cfg.events.retain(|e| e.at < self.period);
        self.past = simulate(&cfg);
    }

    /// The past: rows 0..period.
    pub fn past(&self) -> &Series {
        &self.past
    }

    /// The result, once finished: the player's whole run against autopilot and targets.
    pub fn outcome(&self) -> Option<Outcome> {
        self.finished()
            .then(|| outcome(&self.scenario, &self.decisions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    fn game() -> Game {
        let mut s = resolve("balanced").unwrap();
        s.config.periods = 52;
        Game::new(s)
    }

    #[test]
    fn the_view_never_holds_the_future() {
        let mut g = game();
        assert!(g.past().rows.is_empty());
        g.advance();
        assert_eq!(g.period, 13);
        assert_eq!(g.past().rows.len(), 13);
        assert_eq!(g.past().rows.last().unwrap().period, 12);
        g.advance();
        assert_eq!(g.past().horizon(), 25);
    }

    #[test]
    fn decisions_are_validated_and_recorded_with_old_and_new() {
        let mut g = game();
        assert!(
            g.set(ParamId::MarketSize, 5.0)
                .unwrap_err()
                .contains("not a decision")
        );
        assert!(g.set(ParamId::Price, -1.0).is_err());
        assert!(
            g.set(ParamId::RdShare, 0.9)
                .unwrap_err()
                .contains("at most 1")
        );
        g.set(ParamId::Price, 80.0).unwrap();
        g.advance();
        g.set(ParamId::Latency, 1.0).unwrap();
        g.advance();
        assert_eq!(
            g.decisions,
            vec![
                Decision {
                    period: 0,
                    key: ParamId::Price,
                    old: 100.0,
                    new: 80.0
                },
                Decision {
                    period: 13,
                    key: ParamId::Latency,
                    old: 4.0,
                    new: 1.0
                },
            ]
        );
        assert_eq!(g.value(ParamId::Price), 80.0);
        while !g.finished() {
            g.advance();
        }
        let o = g.outcome().unwrap();
        assert_ne!(o.player, o.autopilot);
    }

    #[test]
    fn the_past_does_not_depend_on_pending_decisions() {
        let mut a = game();
        let mut b = game();
        a.advance();
        b.advance();
        b.set(ParamId::Price, 10.0).unwrap();
        assert_eq!(a.past(), b.past());
    }

    #[test]
    fn the_news_is_in_the_readers_language() {
        use crate::i18n::{Lang, with_lang};
        let news_in = |lang| {
            let mut g = Game::new(resolve("competitor-shock").unwrap());
            with_lang(lang, || {
                let mut news = Vec::new();
                while !g.finished() {
                    news.extend(g.advance());
                }
                news
            })
        };
        let en = news_in(Lang::En);
        assert_eq!(en.len(), 2, "{en:?}");
        assert!(en[0].ends_with("78: Competitor launches"), "{en:?}");
        let hant = news_in(Lang::ZhHant);
        assert!(hant[0].ends_with("78: 競爭對手進場"), "{hant:?}");
        assert!(
            hant[1].contains("募資") && hant[1].contains("$2M"),
            "{hant:?}"
        );
        let zh = news_in(Lang::Zh);
        assert!(zh[0].ends_with("78: 竞争对手入场"), "{zh:?}");
    }
}
