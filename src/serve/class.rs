//! The class: its teams (each one app, shared by every connection of the
//! team), the facilitator's controls (lockstep turns, lesson steps, news,
//! removal, the end of the game), the events the board and the log show, and
//! the session files in the class directory.
//!
//! Locks are std mutexes held only for an update or a draw, never across an
//! await; a team's watch channel tells its connections to redraw.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use tokio::sync::{mpsc, watch};

use crate::i18n::{Lang, with_lang};
use crate::scenario::Scenario;
use crate::tui::jobs::{Jobs, Pool};
use crate::tui::msg::Msg;
use crate::tui::runtime::event_action;
use crate::tui::{Action, App, Seat};

pub(super) use super::roster::display_name_long;
pub use super::roster::{ClassEvent, MAX_NAME_CHARS, Refusal, display_name, file_stem};
pub(super) use super::team::progress_key;
pub use super::team::{Team, TeamState, turn_of};

/// The class's own progress file in the class directory (the lockstep turn open).
pub const CLASS_PROGRESS: &str = "class.progress";
/// The teams the trainer removed, one file stem a line: they stay removed
/// after a restart.
pub const CLASS_REMOVED: &str = "class.removed";

/// How a connection proves it may play a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass<'a> {
    /// The class code only: enough for a new team.
    Code,
    /// The class code and the team's PIN.
    Pin(&'a str),
    /// A public key of `--authorized-keys`: its fingerprint, and the team
    /// its line names, if any.
    Key {
        /// The key's SHA-256 fingerprint.
        fingerprint: &'a str,
        /// The team named in the key's line (`team="..."`).
        team: Option<&'a str>,
    },
}

/// What each participant gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ServeMode {
    /// The turn-based game (the future hidden).
    #[default]
    Play,
    /// The explorer (with the scenario's lesson steps, when it has them).
    Explore,
}

/// How the class runs.
#[derive(Debug, Clone)]
pub struct ClassConfig {
    /// The scenario every new team starts on.
    pub scenario: Scenario,
    /// Play or explore.
    pub mode: ServeMode,
    /// Whether teams wait for the facilitator to open each turn.
    pub lockstep: bool,
    /// Lockstep: how long a turn stays open before it plays itself for the
    /// teams that have not played it (with their decisions as they stand).
    pub turn_time: Option<std::time::Duration>,
    /// Lockstep: open the next turn as soon as every team has played.
    pub auto_advance: bool,
    /// Two seats a team (`team/product`, `team/sales`), in play.
    pub roles: bool,
    /// Where session files (and the host key) live.
    pub dir: PathBuf,
    /// The most teams at once.
    pub max_teams: usize,
    /// The most connections (laptops) one team may have at once.
    pub max_per_team: usize,
    /// A company's history every explorer draws and can fit (`F`).
    pub history: Option<crate::analysis::history::History>,
}

/// The facilitator's controls in force.
#[derive(Debug, Clone, Default)]
pub(super) struct Control {
    /// Lockstep: the last turn teams may play.
    pub(super) opened: u32,
    pub(super) ended: bool,
    /// Whether the board shows projections and scores (the trainer's `r`,
    /// or the game's end); else results so far only.
    pub(super) revealed: bool,
    /// When the open turn plays itself (`turn_time`).
    pub(super) closes_at: Option<std::time::Instant>,
    pub(super) stopping: bool,
    pub(super) news: Vec<String>,
}

/// The class.
#[derive(Debug)]
pub struct Class {
    /// How it runs.
    pub config: ClassConfig,
    pub(super) teams: Mutex<BTreeMap<String, Arc<Team>>>,
    pub(super) removed: Mutex<BTreeSet<String>>,
    pub(super) control: Mutex<Control>,
    /// Every team's PIN, by stem (kept in `class.pins`).
    pub(super) pins: Mutex<BTreeMap<String, String>>,
    /// The team each public key is bound to, by fingerprint (`class.keys`).
    pub(super) bound_keys: Mutex<BTreeMap<String, String>>,
    pub(super) events: mpsc::UnboundedSender<ClassEvent>,
    pub(super) stop: watch::Sender<bool>,
    /// The class itself, for the jobs that report back to a team.
    pub(super) me: Weak<Class>,
    /// The slots every team's jobs share.
    pub(super) pool: Arc<Pool>,
}

/// What a team's keys did, for the connection that typed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// The participant asked to leave (this connection closes; the team stays).
    pub quit: bool,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Class {
    /// A class with no teams, and the receiver of its events.
    pub fn new(config: ClassConfig) -> (Arc<Class>, mpsc::UnboundedReceiver<ClassEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let (stop, _) = watch::channel(false);
        let class = Arc::new_cyclic(|me| Class {
            config,
            teams: Mutex::new(BTreeMap::new()),
            removed: Mutex::new(BTreeSet::new()),
            control: Mutex::new(Control {
                opened: 1,
                ..Control::default()
            }),
            pins: Mutex::new(BTreeMap::new()),
            bound_keys: Mutex::new(BTreeMap::new()),
            events: tx,
            stop,
            me: me.clone(),
            pool: Pool::per_core(),
        });
        (class, rx)
    }

    /// Records an event for the board or the log.
    pub fn event(&self, e: ClassEvent) {
        let _ = self.events.send(e);
    }

    /// A receiver that turns true when the server stops.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    /// Every team, in name order.
    pub fn teams(&self) -> Vec<Arc<Team>> {
        lock(&self.teams).values().cloned().collect()
    }

    /// A team by its file stem.
    pub fn team(&self, stem: &str) -> Option<Arc<Team>> {
        lock(&self.teams).get(stem).cloned()
    }

    pub(super) fn new_app(&self, name: &str) -> App {
        let s = self.config.scenario.clone();
        match self.config.mode {
            ServeMode::Play => App::new_play(s, name),
            ServeMode::Explore => {
                let app = App::new(s).with_player(name);
                match &self.config.history {
                    Some(h) => app.with_actuals(h.clone()),
                    None => app,
                }
            }
        }
    }

    pub(super) fn insert(&self, name: String, stem: String, app: App) -> Arc<Team> {
        let (changed, _) = watch::channel(0);
        let team = Arc::new_cyclic(|me| Team {
            name,
            stem: stem.clone(),
            state: Mutex::new(TeamState {
                app,
                connections: 0,
                removed: false,
                drops: 0,
                save_failing: false,
                generation: 0,
                saved: None,
                saved_key: None,
                scored: None,
                jobs: Jobs::new(Arc::clone(&self.pool)),
                last_tick: None,
            }),
            changed,
            me: me.clone(),
        });
        {
            let mut st = team.lock();
            let gate = self.gate();
            let effects = st.app.receive(Msg::Gate(gate));
            let mut more = st.app.pending();
            more.extend(effects);
            self.perform(&team, &mut st, more);
        }
        self.ensure_pin(&stem);
        lock(&self.teams).insert(stem, Arc::clone(&team));
        team
    }

    /// The file stem of the team named `typed` (its file is
    /// `DIR/teams/STEM.toml`, apart from the class's own files).
    pub fn stem_of(&self, typed: &str) -> String {
        file_stem(typed)
    }

    /// A connection of team `typed` joins with `pass`: the team is found
    /// (a laptop joining a team that plays already needs its PIN, or a key
    /// bound to it) or made; every connection of a team shares its game.
    pub fn join(&self, typed: &str, peer: &str, pass: Pass<'_>) -> Result<Arc<Team>, Refusal> {
        let stem = self.stem_of(typed);
        let refuse = |r: Refusal| {
            self.event(ClassEvent::Refused {
                who: format!("{} from {peer}", display_name(typed)),
                reason: r.to_string(),
            });
            Err(r)
        };
        if lock(&self.control).stopping {
            return refuse(Refusal::Stopping);
        }
        if stem.is_empty() {
            return refuse(Refusal::NoName);
        }
        if lock(&self.removed).contains(&stem) {
            return refuse(Refusal::Removed);
        }
        if let Some(owner) = self.key_owner(pass)
            && self.stem_of(&owner) != stem
        {
            // A key plays its own team only.
            return refuse(Refusal::KeyTeam(owner));
        }
        let (team, resumed) = match self.team(&stem) {
            Some(t) => {
                if !self.key_is_for(&stem, pass) {
                    match pass {
                        Pass::Pin(p) if p == self.pin_of(&t) => {}
                        Pass::Pin(_) => return refuse(Refusal::WrongPin),
                        _ => return Err(Refusal::NeedPin),
                    }
                }
                (t, true)
            }
            None => {
                if lock(&self.teams).len() >= self.config.max_teams {
                    return refuse(Refusal::Full(self.config.max_teams));
                }
                let name = display_name(typed);
                self.warn_look_alike(&name);
                let app = self.new_app(&name);
                let t = self.insert(name, stem.clone(), app);
                self.save(&t, &mut t.lock());
                (t, false)
            }
        };
        let mut st = team.lock();
        if st.connections >= self.config.max_per_team {
            drop(st);
            return refuse(Refusal::TeamFull(self.config.max_per_team));
        }
        st.connections += 1;
        let now = st.connections;
        if now > 1 {
            // Every laptop of the team hears of another one.
            let note = crate::i18n::Worded::new(move || {
                crate::i18n::trf("another laptop joined this team ({} playing now)", &[&now])
            });
            let effects = st.app.receive(Msg::Notice {
                text: note,
                bad: false,
            });
            self.perform(&team, &mut st, effects);
        }
        let turn = turn_of(&st.app).0;
        self.bump_team(&team, &mut st);
        drop(st);
        self.bind_key(pass, &stem);
        self.event(ClassEvent::Joined {
            team: team.name.clone(),
            peer: peer.to_string(),
            resumed,
            turn,
            pin: (!resumed).then(|| self.pin_of(&team)),
        });
        Ok(team)
    }

    /// A connection of a team leaves.
    pub fn leave(&self, team: &Team, reason: &str) {
        let mut st = team.lock();
        st.connections = st.connections.saturating_sub(1);
        self.bump_team(team, &mut st);
        drop(st);
        self.event(ClassEvent::Left {
            team: team.name.clone(),
            reason: reason.to_string(),
        });
    }

    fn bump_team(&self, team: &Team, st: &mut TeamState) {
        team.bump(st);
    }

    /// Applies a participant's actions to the team's game (in the
    /// participant's language), with what a shared server does not allow
    /// turned into a message; saves after every decision.
    pub fn apply(&self, team: &Team, lang: Lang, actions: &[Action]) -> Applied {
        let mut it = actions.iter().copied();
        self.run(team, lang, None, actions.len(), |_| it.next())
    }

    /// Like [`Class::apply`], from one laptop's seat: its selection,
    /// overlay and status are its own (see [`Seat`]).
    pub fn apply_from(
        &self,
        team: &Team,
        lang: Lang,
        seat: &mut Seat,
        actions: &[Action],
    ) -> Applied {
        let mut it = actions.iter().copied();
        self.run(team, lang, Some(seat), actions.len(), |_| it.next())
    }

    /// Like [`Class::apply`], for terminal events on a screen of `area`:
    /// each event is read in the mode the previous one left.
    pub fn apply_events(
        &self,
        team: &Team,
        lang: Lang,
        seat: &mut Seat,
        area: Rect,
        events: &[Event],
    ) -> Applied {
        let mut it = events.iter();
        self.run(team, lang, Some(seat), events.len(), |app| {
            it.next()
                .map(|ev| event_action(app, area, ev).unwrap_or(Action::Tick))
        })
    }

    fn run(
        &self,
        team: &Team,
        lang: Lang,
        mut seat: Option<&mut Seat>,
        n: usize,
        mut next: impl FnMut(&App) -> Option<Action>,
    ) -> Applied {
        let mut out = Applied::default();
        if n == 0 {
            return out;
        }
        let mut st = team.lock();
        if let Some(seat) = seat.as_deref_mut() {
            st.app.swap_seat(seat);
        }
        let turn_before = turn_of(&st.app);
        with_lang(lang, || {
            while let Some(action) = next(&st.app) {
                if action == Action::Tick {
                    // Nothing asked for (Tick only drives the local animation).
                    continue;
                }
                let effects = st.app.update(action);
                if self.perform(team, &mut st, effects) {
                    // The team stays; only this connection closes.
                    out.quit = true;
                    break;
                }
            }
        });
        if let Some(seat) = seat {
            st.app.swap_seat(seat);
        }
        let turn_after = turn_of(&st.app);
        self.save(team, &mut st);
        team.bump(&mut st);
        drop(st);
        if turn_after.0 != turn_before.0 {
            self.event(ClassEvent::Turn {
                team: team.name.clone(),
                turn: turn_after.0,
                total: turn_after.1,
            });
            if self.config.auto_advance && self.all_played() {
                self.open_next_turn();
            }
        }
        out
    }

    /// Hands a background result (bands, a search's progress or result) to
    /// the team's app.
    pub fn deliver(&self, team: &Team, msg: Msg) {
        let mut st = team.lock();
        let effects = st.app.receive(msg);
        self.perform(team, &mut st, effects);
        team.bump(&mut st);
    }

    /// One animation frame, when the team's animation plays and its frame
    /// is due (however many connections ask). Returns the wait until the next.
    pub fn tick(&self, team: &Team) -> Option<std::time::Duration> {
        let mut st = team.lock();
        let every = st.app.tick_interval()?;
        let due = st
            .last_tick
            .is_none_or(|t| t.elapsed() + every / 5 >= every);
        if due {
            st.last_tick = Some(std::time::Instant::now());
            let effects = st.app.update(Action::Tick);
            self.perform(team, &mut st, effects);
            team.bump(&mut st);
        }
        st.app.tick_interval()
    }

    /// How long until the team's next animation frame; `None` when still.
    pub fn tick_interval(&self, team: &Team) -> Option<std::time::Duration> {
        team.lock().app.tick_interval()
    }
}

#[cfg(test)]
mod tests;
