//! A team: one app shared by every connection of the team, behind a lock
//! held only for an update or a draw, and a watch channel that tells its
//! connections to redraw.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Weak};

use tokio::sync::watch;

use crate::play::debrief::Entry;
use crate::tui::App;
use crate::tui::jobs::Jobs;

/// One team: its app, shared by all its connections.
#[derive(Debug)]
pub struct Team {
    /// The name as typed (control characters removed).
    pub name: String,
    /// The name as a file stem (letters, digits, `-`, `_`).
    pub stem: String,
    pub(super) state: Mutex<TeamState>,
    pub(super) changed: watch::Sender<u64>,
    /// The team itself, for the jobs that report back to it.
    pub(super) me: Weak<Team>,
}

/// A team's state behind its lock.
#[derive(Debug)]
pub struct TeamState {
    /// The app every connection of the team draws.
    pub app: App,
    /// Open connections.
    pub connections: usize,
    /// Whether the facilitator removed the team.
    pub removed: bool,
    /// How many times the facilitator dropped the team's connections.
    pub drops: u64,
    /// Whether the last save failed (said once, until one succeeds).
    pub(super) save_failing: bool,
    /// Bumped on every change.
    pub generation: u64,
    pub(super) saved: Option<(String, u32, usize)>,
    pub(super) saved_key: Option<ProgressKey>,
    pub(super) scored: Option<(ProgressKey, Option<Entry>)>,
    /// The team's background jobs (bands, best policy, refit).
    pub(super) jobs: Jobs,
    pub(super) last_tick: Option<std::time::Instant>,
}

impl Team {
    /// Locks the team's state.
    pub fn lock(&self) -> MutexGuard<'_, TeamState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A receiver that wakes when the team changes (to redraw).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    pub(super) fn bump(&self, state: &mut TeamState) {
        state.generation += 1;
        let g = state.generation;
        self.changed.send_replace(g);
    }

    /// The team, for what reports back to it later.
    pub(super) fn me(&self) -> Weak<Team> {
        self.me.clone()
    }

    pub(super) fn session_path(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.toml", self.stem))
    }
}

/// The turn an app is on (1-based) and how many there are; explore is turn 0 of 0.
pub fn turn_of(app: &App) -> (u32, u32) {
    match app.play_state() {
        Some(p) if p.game.finished() => {
            let (_, total) = p.turn();
            (total + 1, total)
        }
        Some(p) => p.turn(),
        None => (0, 0),
    }
}

/// What a team's files hold, in brief: decisions taken, the period
/// reached, changes made while exploring, the lesson step. Equal keys, equal files.
pub(super) type ProgressKey = (usize, u32, usize, usize);

pub(super) fn progress_key(app: &App) -> ProgressKey {
    let step = app.lesson().map_or(0, |l| l.step);
    match app.play_state() {
        Some(p) => (p.game.decisions.len(), p.game.period, 0, step),
        None => (0, 0, app.change_log().len(), step),
    }
}
