//! The facilitator's controls: turns opened for everyone (lockstep), the
//! next lesson step, news, removing a team, ending the game, stopping.

use super::class::{CLASS_PROGRESS, Class, ClassEvent, display_name_long, lock};
use crate::safe_write::{Overwrite, write_private};
use crate::tui::app::Gate;
use crate::tui::msg::Msg;

/// Lockstep: whether a team (not removed, not finished) has yet to play
/// turn `opened`.
fn behind(st: &super::class::TeamState, opened: u32) -> bool {
    let (turn, total) = super::class::turn_of(&st.app);
    !st.removed && turn <= opened && turn <= total
}

impl Class {
    /// Lockstep: whether every team has played the turn open (or finished).
    pub fn all_played(&self) -> bool {
        let opened = self.opened_turn();
        let teams = self.teams();
        !teams.is_empty() && teams.iter().all(|t| !behind(&t.lock(), opened))
    }

    /// How long until the open turn plays itself, when turns are timed.
    pub fn turn_left(&self) -> Option<std::time::Duration> {
        let c = lock(&self.control);
        c.closes_at
            .map(|at| at.saturating_duration_since(std::time::Instant::now()))
    }

    /// Timed turns: when the open turn's time is up, plays it for every
    /// team that has not (with its decisions as they stand), then opens the
    /// next turn if `auto_advance`. Called every second; true when it
    /// played the turn.
    pub fn pace(&self) -> bool {
        if self.turn_left() != Some(std::time::Duration::ZERO) {
            return false;
        }
        let opened = {
            let mut c = lock(&self.control);
            c.closes_at = None;
            c.opened
        };
        let mut played = Vec::new();
        for team in self.teams() {
            if behind(&team.lock(), opened) {
                self.apply(&team, crate::i18n::Lang::En, &[crate::tui::Action::Advance]);
                played.push(team.name.clone());
            }
        }
        self.event(ClassEvent::Info(if played.is_empty() {
            crate::i18n::trf("turn {}: time is up", &[&opened])
        } else {
            crate::i18n::trf(
                "turn {}: time is up; played with the decisions as they stood for {}",
                &[&opened, &played.join(", ")],
            )
        }));
        // The last team's turn may have opened the next already.
        if self.config.auto_advance && self.opened_turn() == opened {
            self.open_next_turn();
        }
        true
    }

    /// Lockstep: the last turn teams may play now.
    pub fn opened_turn(&self) -> u32 {
        lock(&self.control).opened
    }

    /// Opens the next turn for every team (lockstep), with its countdown
    /// when turns are timed.
    pub fn open_next_turn(&self) -> u32 {
        let opened = {
            let mut c = lock(&self.control);
            c.opened += 1;
            c.closes_at = self.config.turn_time.map(|t| std::time::Instant::now() + t);
            c.opened
        };
        // Kept for a restart (a stray file is harmless: lockstep reads it only).
        let _ = write_private(
            &self.config.dir.join(CLASS_PROGRESS),
            format!("opened = {opened}\n").as_bytes(),
            Overwrite::Allow,
        );
        let note = crate::i18n::Worded::new(|| {
            crate::i18n::trf("turn {} is open: a plays it", &[&opened])
        });
        let gate = self.gate();
        // A status line, not news: the news panel keeps the scenario's
        // events and the trainer's lines.
        self.to_every_team(|| {
            vec![
                Msg::Gate(gate),
                Msg::Notice {
                    text: note.clone(),
                    bad: false,
                },
            ]
        });
        self.event(ClassEvent::Opened(opened));
        opened
    }

    /// Moves every team to its lesson's next step.
    pub fn next_step(&self) {
        self.to_every_team(|| vec![Msg::NextStep]);
        self.event(ClassEvent::Step);
    }

    /// Sends a news line to every team's status bar.
    pub fn news(&self, text: &str) {
        let text = display_name_long(text);
        if text.is_empty() {
            return;
        }
        lock(&self.control).news.push(text.clone());
        let line = crate::i18n::Worded::new(|| crate::i18n::trf("news: {}", &[&text]));
        self.to_every_team(|| vec![Msg::News(line.clone())]);
        self.event(ClassEvent::News(text));
    }

    /// The news sent so far.
    pub fn news_lines(&self) -> Vec<String> {
        lock(&self.control).news.clone()
    }

    /// Ends the game: every team's remaining turns are played with its
    /// decisions in force, so each sees its debrief.
    pub fn end_game(&self) {
        lock(&self.control).ended = true;
        let gate = self.gate();
        self.to_every_team(|| {
            vec![
                Msg::Gate(gate),
                Msg::EndGame,
                Msg::News(crate::i18n::Worded::new(|| {
                    crate::i18n::tr("the game is over").to_string()
                })),
            ]
        });
        self.event(ClassEvent::Ended);
    }

    /// Shows or hides the projections and scores on the board (until the
    /// game ends, the board shows results so far only).
    pub fn toggle_reveal(&self) -> bool {
        let mut c = lock(&self.control);
        c.revealed = !c.revealed;
        let on = c.revealed;
        drop(c);
        self.event(ClassEvent::Info(
            if on {
                crate::i18n::tr("the board shows each team's projected result and score")
            } else {
                crate::i18n::tr("the board shows results so far only")
            }
            .into(),
        ));
        on
    }

    /// Whether the game was ended.
    pub fn ended(&self) -> bool {
        lock(&self.control).ended
    }

    /// Removes a team: its connections close, it cannot join again (its
    /// session file stays in the class directory).
    pub fn remove(&self, stem: &str) -> bool {
        let Some(team) = lock(&self.teams).remove(stem) else {
            return false;
        };
        let listed: String = {
            let mut removed = lock(&self.removed);
            removed.insert(stem.to_string());
            removed.iter().map(|s| format!("{s}\n")).collect()
        };
        // Kept for a restart: a removed team does not come back.
        let _ = write_private(
            &self.config.dir.join(super::class::CLASS_REMOVED),
            listed.as_bytes(),
            Overwrite::Allow,
        );
        let mut st = team.lock();
        st.removed = true;
        team.bump(&mut st);
        drop(st);
        self.event(ClassEvent::Removed(team.name.clone()));
        true
    }

    /// Closes every connection of team `stem` (they may join again). False
    /// when there is no such team.
    pub fn drop_connections(&self, stem: &str) -> bool {
        let Some(team) = self.team(stem) else {
            return false;
        };
        let mut st = team.lock();
        st.drops += 1;
        team.bump(&mut st);
        true
    }

    /// Stops the class: every connection says goodbye and closes.
    pub fn stop(&self) {
        lock(&self.control).stopping = true;
        self.save_all();
        self.stop.send_replace(true);
        self.event(ClassEvent::Stopping);
    }

    /// Whether the class is stopping.
    pub fn is_stopping(&self) -> bool {
        lock(&self.control).stopping
    }

    pub(super) fn to_every_team(&self, msgs: impl Fn() -> Vec<Msg>) {
        for team in self.teams() {
            let mut st = team.lock();
            for msg in msgs() {
                let effects = st.app.receive(msg);
                self.perform(&team, &mut st, effects);
            }
            self.save(&team, &mut st);
            team.bump(&mut st);
        }
    }

    /// What the facilitator allows in play now, for every team's app.
    pub(super) fn gate(&self) -> Gate {
        let c = lock(&self.control);
        Gate {
            opened: self.config.lockstep.then_some(c.opened),
            ended: c.ended,
        }
    }
}
