//! Picking an app up again from a saved session (a participant who
//! reconnects, a server restarted), and the few things a host outside the
//! keyboard does to it: a news line, the next lesson step, the end of the game.

use super::{App, Mode};
use crate::play::game::Decision;
use crate::play::session::{Kind, Session};
use crate::scenario::{Diagnostics, Scenario};
use crate::tui::action::Action;

impl App {
    /// Records the work as it stands as saved (a server that writes every
    /// team's session itself), so quitting asks nothing.
    pub(crate) fn mark_saved(&mut self) {
        self.saved = self.work();
    }

    /// The app a session describes: in play, its decisions replayed turn by
    /// turn up to `period` (the turn the player had reached); in explore,
    /// its changes applied in order. The scenario is the session's own copy.
    pub fn resume(session: &Session, file: &str, period: u32) -> Result<App, Diagnostics> {
        let scenario = session.scenario(file)?;
        Ok(match session.kind {
            Kind::Play => {
                let mut app =
                    App::resume_play(scenario, &session.player, &session.decisions, period);
                if let Some(p) = app.program.play_mut() {
                    p.seats.split = session.two_seats;
                    p.seats.messages = session.messages.clone();
                }
                app
            }
            Kind::Explore => {
                let mut app = App::new(scenario).with_player(session.player.clone());
                for d in &session.decisions {
                    let mut p = app.config.params;
                    p[d.key] = d.new;
                    app.try_set(p, None);
                }
                app.status = None;
                app
            }
        })
    }

    /// A play-mode app with `decisions` committed at their periods, advanced
    /// until the game reaches `period` (or the last decision's turn).
    pub fn resume_play(
        scenario: Scenario,
        player: &str,
        decisions: &[Decision],
        period: u32,
    ) -> App {
        let mut app = App::new_play(scenario, player);
        let last = decisions.iter().map(|d| d.period + 1).max().unwrap_or(0);
        let until = period.max(last);
        while let Some(p) = app.program.play_mut() {
            if p.game.finished() || p.game.period >= until {
                break;
            }
            let now = p.game.period;
            for d in decisions.iter().filter(|d| d.period == now) {
                let _ = p.game.set(d.key, d.new);
            }
            app.apply(Action::Advance);
        }
        app.status = None;
        app
    }

    /// Shows a line from outside (the facilitator's news) in the status bar
    /// and, in play, among the game's news.
    pub(crate) fn show_news(&mut self, text: crate::i18n::Worded) {
        if let Some(p) = self.program.play_mut() {
            let at = p.game.period;
            p.news.push((at, text.clone()));
        }
        self.status = Some(super::Status::worded(false, text));
    }

    /// Moves a lesson to its next step, whatever overlay is open.
    pub(crate) fn next_lesson_step(&mut self) {
        if self.program.lesson().is_some() {
            self.mode = Mode::Normal;
            self.apply(Action::NextStep);
        }
    }

    /// Shows a lesson's step `step` (clamped to the lesson), as when resuming.
    pub fn set_lesson_step(&mut self, step: usize) {
        let count = self.scenario.lesson.steps.len();
        if let Some(l) = self.program.lesson_mut()
            && count > 0
        {
            l.step = step.min(count - 1);
        }
    }

    /// Ends a game: the remaining turns are played with the decisions in
    /// force, so the debrief shows. Returns whether anything was played.
    pub(crate) fn finish_game(&mut self) -> bool {
        let mut played = false;
        while self.program.play().is_some_and(|p| !p.game.finished()) {
            self.mode = Mode::Normal;
            // The host's end passes its own gate.
            self.advance();
            played = true;
        }
        played
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    #[test]
    fn a_resumed_game_has_its_decisions_and_its_turn() {
        let s = resolve("balanced").unwrap();
        let key = s.play.decisions[0];
        let mut app = App::new_play(s, "Team A");
        app.update(Action::Advance);
        let p = app.program.play_mut().unwrap();
        let v = p.game.value(key);
        p.game.set(key, v * 1.1).unwrap();
        app.update(Action::Advance);
        app.update(Action::Advance);
        let before = app.play_state().unwrap();
        let (period, decisions) = (before.game.period, before.game.decisions.clone());
        assert_eq!(decisions.len(), 1);
        let back = App::resume(&app.session(), "t.toml", period).unwrap();
        let after = back.play_state().unwrap();
        assert_eq!(after.game.period, period);
        assert_eq!(after.game.decisions, decisions);
        assert_eq!(after.run().rows.len(), before.run().rows.len());
        assert_eq!(back.player(), "Team A");
    }

    #[test]
    fn a_resumed_exploration_has_its_changes() {
        let mut app = App::new(resolve("balanced").unwrap());
        app.update(Action::Step(3));
        assert_ne!(app.params(), &app.scenario().config.params);
        let back = App::resume(&app.session(), "t.toml", 0).unwrap();
        assert_eq!(back.params(), app.params());
        assert_eq!(back.change_log().len(), 1);
    }

    #[test]
    fn finishing_a_game_plays_every_turn_and_news_reaches_it() {
        let mut app = App::new_play(resolve("balanced").unwrap(), "A");
        app.show_news(crate::i18n::Worded::same("coffee at 11"));
        assert_eq!(app.status().unwrap().text(), "coffee at 11");
        assert!(app.finish_game());
        let p = app.play_state().unwrap();
        assert!(p.game.finished());
        assert!(p.outcome().is_some());
        assert!(p.news.iter().any(|(_, n)| n.text() == "coffee at 11"));
        assert!(!app.finish_game());
    }
}
