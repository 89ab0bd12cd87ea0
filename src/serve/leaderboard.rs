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
                }
            })
            .collect();
        BoardState {
            teams,
            opened: control.opened,
            lockstep: self.config.lockstep,
            ended: control.ended,
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
    /// Whether the game was ended.
    pub ended: bool,
    /// The news sent so far.
    pub news: Vec<String>,
}

impl BoardState {
    /// The teams by score (then revenue), best first.
    pub fn leaderboard(&self) -> Vec<&TeamRow> {
        let mut rows: Vec<&TeamRow> = self.teams.iter().collect();
        let key = |r: &TeamRow| {
            r.entry.as_ref().map_or((0, 0.0), |e| {
                (e.score.unwrap_or(0), e.summary.total_revenue)
            })
        };
        rows.sort_by(|a, b| {
            let (sa, ra) = key(a);
            let (sb, rb) = key(b);
            sb.cmp(&sa).then(rb.total_cmp(&ra))
        });
        rows
    }
}
