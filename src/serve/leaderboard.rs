//! What the facilitator's board shows, without a terminal: each team's
//! turn, figures and score, the leaderboard order, and the class debrief.

use super::class::{Class, lock, progress_key, turn_of};
use crate::model::Series;
use crate::play::debrief::{Debrief, Entry, debrief};

impl Class {
    /// The class debrief: what `flywheel debrief DIR/*.toml` prints.
    pub fn debrief(&self) -> Result<Debrief, crate::scenario::Diagnostics> {
        debrief(&self.sessions())
    }

    /// The class debrief as the text table `flywheel debrief` prints.
    pub fn debrief_text(&self) -> String {
        let mut out = Vec::new();
        match self.debrief() {
            Ok(d) => {
                let _ = crate::report::debrief::write_table(&d, &mut out);
            }
            Err(e) => out.extend_from_slice(e.to_string().as_bytes()),
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// What the board shows, computed now.
    pub fn board(&self) -> BoardState {
        let control = lock(&self.control).clone();
        let teams = self
            .teams()
            .iter()
            .map(|t| {
                let mut st = t.lock();
                let (turn, total) = turn_of(&st.app);
                let key = progress_key(&st.app);
                let entry = match &st.scored {
                    Some((k, e)) if *k == key => e.clone(),
                    _ => {
                        let file = t.session_path(&self.teams_dir()).display().to_string();
                        let e = debrief(&[(file, st.app.session())])
                            .ok()
                            .and_then(|d| d.entries.into_iter().next());
                        st.scored = Some((key, e.clone()));
                        e
                    }
                };
                let run: &Series = st.app.exported_run();
                let customers = run.rows.iter().map(|r| r.customers).collect();
                // So far: the rows played (in play; the whole run in explore).
                let past: &[crate::model::Row] = match st.app.play_state() {
                    Some(p) => {
                        let n = (p.game.period as usize).min(run.rows.len());
                        &run.rows[..n]
                    }
                    None => &run.rows,
                };
                let so_far = SoFar {
                    profit: past.iter().map(|r| r.profit).sum(),
                    customers: past.last().map_or(0.0, |r| r.customers),
                    cash: past.last().map_or(0.0, |r| r.cash),
                    low_cash: past.iter().map(|r| r.cash).fold(f64::INFINITY, f64::min),
                };
                TeamRow {
                    name: t.name.clone(),
                    stem: t.stem.clone(),
                    connections: st.connections,
                    pin: self.pin_of(t),
                    turn,
                    total,
                    finished: st.app.play_state().is_some_and(|p| p.game.finished()),
                    entry,
                    customers,
                    horizon: st.app.scenario().config.periods,
                    so_far,
                    messages: st
                        .app
                        .play_state()
                        .filter(|p| p.seats.split)
                        .map(|p| p.seats.messages.len()),
                }
            })
            .collect();
        BoardState {
            teams,
            opened: control.opened,
            lockstep: self.config.lockstep,
            steps: self.config.mode == super::class::ServeMode::Explore,
            ended: control.ended,
            revealed: control.revealed || control.ended,
            turn_left: self.turn_left(),
            news: control.news,
        }
    }
}

/// One team on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    /// The team's name.
    pub name: String,
    /// Its file stem (the key to remove it).
    pub stem: String,
    /// Open connections (0: gone).
    pub connections: usize,
    /// The team's PIN (another laptop joins the team with it).
    pub pin: String,
    /// The turn it is on (past the total once finished).
    pub turn: u32,
    /// How many turns there are.
    pub total: u32,
    /// Whether it has played every turn.
    pub finished: bool,
    /// Its debrief entry: the whole run with its decisions, and the score.
    pub entry: Option<Entry>,
    /// Customers, period by period, so far.
    pub customers: Vec<f64>,
    /// The scenario's horizon in periods.
    pub horizon: u32,
    /// Its results so far (what the team itself has seen).
    pub so_far: SoFar,
    /// In two seats: the messages sales has sent product (`None`: one
    /// person at both levers).
    pub messages: Option<usize>,
}

impl TeamRow {
    /// The team's name on the board: with its seats and messages when it
    /// plays in two (`Duo (2 seats, 3 msgs)`).
    pub fn label(&self) -> String {
        match self.messages {
            Some(n) => format!("{} (2 seats, {n} msgs)", self.name),
            None => self.name.clone(),
        }
    }

    /// Lockstep: whether the team has played turn `opened` (it waits for
    /// the next), or finished.
    pub fn has_played(&self, opened: u32) -> bool {
        self.finished || self.turn > opened
    }
}

/// A team's results over the periods it has played.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SoFar {
    /// Profit summed so far.
    pub profit: f64,
    /// Customers now.
    pub customers: f64,
    /// Cash now.
    pub cash: f64,
    /// The lowest cash so far (infinite before the first period).
    pub low_cash: f64,
}

/// Everything the facilitator's board shows, without a terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardState {
    /// Every team, in name order.
    pub teams: Vec<TeamRow>,
    /// Lockstep: the last turn open.
    pub opened: u32,
    /// Whether the class runs in lockstep.
    pub lockstep: bool,
    /// Whether the teams explore (with lesson steps to move through);
    /// a class that plays turns has no steps.
    pub steps: bool,
    /// Whether the game was ended.
    pub ended: bool,
    /// Whether projections and scores show (the trainer revealed them, or
    /// the game ended).
    pub revealed: bool,
    /// Timed turns: how long the open turn has left.
    pub turn_left: Option<std::time::Duration>,
    /// The news sent so far.
    pub news: Vec<String>,
}

impl BoardState {
    /// The teams in the board's order: by name until the results are
    /// revealed; then ranked, best first: those that keep every requirement
    /// (cash) before any that breaks one, then by score, then by the
    /// objective (see [`Entry::rank`](crate::play::debrief::Entry::rank));
    /// teams without a score last, by name.
    pub fn leaderboard(&self) -> Vec<&TeamRow> {
        let mut rows: Vec<&TeamRow> = self.teams.iter().collect();
        if !self.revealed {
            // Unranked until revealed: the ranking is the projection's.
            rows.sort_by(|a, b| a.name.cmp(&b.name));
            return rows;
        }
        rows.sort_by(|a, b| match (&a.entry, &b.entry) {
            (Some(x), Some(y)) => crate::play::debrief::by_rank(x, y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.cmp(&b.name),
        });
        rows
    }
}
