//! The class: its teams (each one app, shared by every connection of the
//! team), the facilitator's controls (lockstep turns, lesson steps, news,
//! removal, the end of the game), the events the board and the log show, and
//! the session files in the class directory.
//!
//! Locks are std mutexes held only for an update or a draw, never across an
//! await; a team's watch channel tells its connections to redraw.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use tokio::sync::{mpsc, watch};

use crate::i18n::{Lang, with_lang};
use crate::model::Series;
use crate::play::debrief::{Debrief, Entry, debrief};
use crate::play::session::Session;
use crate::safe_write::{Overwrite, write_atomic};
use crate::scenario::Scenario;
use crate::tui::app::Gate;
use crate::tui::jobs::{Jobs, Pool};
use crate::tui::msg::Msg;
use crate::tui::runtime::event_action;
use crate::tui::{Action, App};

/// The class's own progress file in the class directory (the lockstep turn open).
pub const CLASS_PROGRESS: &str = "class.progress";

/// The longest team name kept, in characters.
pub const MAX_NAME_CHARS: usize = 32;

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
    /// Where session files (and the host key) live.
    pub dir: PathBuf,
    /// The most teams at once.
    pub max_teams: usize,
    /// A company's history every explorer draws and can fit (`F`).
    pub history: Option<crate::analysis::history::History>,
}

/// Something that happened, for the board and the log.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassEvent {
    /// A connection of a team came in (`resumed`: the team had played before).
    Joined {
        /// The team.
        team: String,
        /// Where from.
        peer: String,
        /// Whether it picked up an earlier game.
        resumed: bool,
        /// The turn it is on.
        turn: u32,
    },
    /// A connection of a team went away.
    Left {
        /// The team.
        team: String,
        /// Why.
        reason: String,
    },
    /// A connection or request was refused.
    Refused {
        /// Who (a team, or an address).
        who: String,
        /// Why.
        reason: String,
    },
    /// A team played a turn.
    Turn {
        /// The team.
        team: String,
        /// The turn it is on now.
        turn: u32,
        /// How many turns there are.
        total: u32,
    },
    /// The facilitator opened a turn (lockstep).
    Opened(u32),
    /// The facilitator moved every team to the next lesson step.
    Step,
    /// A news line went to every team.
    News(String),
    /// The facilitator removed a team.
    Removed(String),
    /// The game ended for every team.
    Ended,
    /// A session file could not be written.
    SaveFailed {
        /// The team.
        team: String,
        /// The error.
        error: String,
    },
    /// The server is stopping.
    Stopping,
    /// A line of information (start-up, loading).
    Info(String),
}

impl fmt::Display for ClassEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassEvent::Joined {
                team,
                peer,
                resumed,
                turn,
            } => {
                let how = if *resumed { "resumed" } else { "new team" };
                write!(f, "joined: {team} from {peer} ({how}, turn {turn})")
            }
            ClassEvent::Left { team, reason } => write!(f, "left: {team} ({reason})"),
            ClassEvent::Refused { who, reason } => write!(f, "refused: {who}: {reason}"),
            ClassEvent::Turn { team, turn, total } => {
                if turn > total {
                    write!(f, "turn: {team} finished the game")
                } else {
                    write!(f, "turn: {team} is on turn {turn}/{total}")
                }
            }
            ClassEvent::Opened(t) => write!(f, "opened: turn {t} for every team"),
            ClassEvent::Step => write!(f, "step: every team moved to the next lesson step"),
            ClassEvent::News(t) => write!(f, "news: {t}"),
            ClassEvent::Removed(t) => write!(f, "removed: {t}"),
            ClassEvent::Ended => write!(f, "ended: every team sees its debrief"),
            ClassEvent::SaveFailed { team, error } => {
                write!(f, "error: could not save {team}: {error}")
            }
            ClassEvent::Stopping => write!(f, "stopping: every participant was told"),
            ClassEvent::Info(t) => write!(f, "{t}"),
        }
    }
}

/// Why a team may not join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The user name has nothing usable in it.
    NoName,
    /// There are `max_teams` teams already.
    Full(usize),
    /// The facilitator removed this team.
    Removed,
    /// The server is stopping.
    Stopping,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoName => write!(
                f,
                "the user name is the team name: use letters or digits, e.g. ssh -p PORT team-a@HOST"
            ),
            Refusal::Full(n) => write!(
                f,
                "the class is full (at most {n} teams); please join one of the teams already playing"
            ),
            Refusal::Removed => write!(f, "the facilitator removed this team"),
            Refusal::Stopping => write!(f, "the class is closing"),
        }
    }
}

/// One team: its app, shared by all its connections.
#[derive(Debug)]
pub struct Team {
    /// The name as typed (control characters removed).
    pub name: String,
    /// The name as a file stem (letters, digits, `-`, `_`).
    pub stem: String,
    state: Mutex<TeamState>,
    changed: watch::Sender<u64>,
    /// The team itself, for the jobs that report back to it.
    me: Weak<Team>,
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
    /// Bumped on every change.
    pub generation: u64,
    saved: Option<(String, u32, usize)>,
    saved_key: Option<ProgressKey>,
    scored: Option<(ProgressKey, Option<Entry>)>,
    /// The team's background jobs (bands, best policy, refit).
    pub(super) jobs: Jobs,
    last_tick: Option<std::time::Instant>,
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

    fn bump(&self, state: &mut TeamState) {
        state.generation += 1;
        let g = state.generation;
        self.changed.send_replace(g);
    }

    /// The team, for what reports back to it later.
    pub(super) fn me(&self) -> Weak<Team> {
        self.me.clone()
    }

    fn session_path(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.toml", self.stem))
    }
}

/// The facilitator's controls in force.
#[derive(Debug, Clone, Default)]
struct Control {
    /// Lockstep: the last turn teams may play.
    opened: u32,
    ended: bool,
    stopping: bool,
    news: Vec<String>,
}

/// The class.
#[derive(Debug)]
pub struct Class {
    /// How it runs.
    pub config: ClassConfig,
    teams: Mutex<BTreeMap<String, Arc<Team>>>,
    removed: Mutex<BTreeSet<String>>,
    control: Mutex<Control>,
    events: mpsc::UnboundedSender<ClassEvent>,
    stop: watch::Sender<bool>,
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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A team name as shown: control characters removed, trimmed, at most
/// [`MAX_NAME_CHARS`] characters.
pub fn display_name(typed: &str) -> String {
    let clean: String = typed.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(MAX_NAME_CHARS).collect()
}

/// A team name as a file stem: letters and digits (any script), `-` and
/// `_`; anything else becomes `-`; lower case, so `Team A` and `team a`
/// are one team. Empty when nothing usable is left.
pub fn file_stem(typed: &str) -> String {
    let mapped: String = display_name(typed)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::new();
    for c in mapped.chars() {
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
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

    /// Picks up every session file in the class directory (a restart, or a
    /// crash): each becomes a team, not connected, where it was.
    pub fn load_dir(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.config.lockstep
            && let Ok(text) = std::fs::read_to_string(self.config.dir.join(CLASS_PROGRESS))
            && let Some(n) = text
                .lines()
                .find_map(|l| l.strip_prefix("opened = ")?.trim().parse::<u32>().ok())
        {
            lock(&self.control).opened = n.max(1);
            notes.push(format!("lockstep: turn {n} is open, as before the restart"));
        }
        let Ok(entries) = std::fs::read_dir(&self.config.dir) else {
            return notes;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let file = path.display().to_string();
            let session = match crate::play::session::load(&path) {
                Ok(s) => s,
                Err(d) => {
                    notes.push(format!("skipped {file}: {d}"));
                    continue;
                }
            };
            let (period, step) = read_progress(&progress_path(&self.config.dir, &stem));
            let app = match App::resume(&session, &file, period) {
                Ok(a) => a,
                Err(d) => {
                    notes.push(format!("skipped {file}: {d}"));
                    continue;
                }
            };
            let name = if session.player.is_empty() {
                stem.clone()
            } else {
                display_name(&session.player)
            };
            let mut app = app;
            app.set_lesson_step(step);
            let text = session.to_toml();
            let team = self.insert(name, stem, app);
            let mut st = team.lock();
            st.saved = Some((text, period, step));
            drop(st);
            notes.push(format!("resumed {} from {file}", team.name));
        }
        notes
    }

    fn new_app(&self, name: &str) -> App {
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

    fn insert(&self, name: String, stem: String, app: App) -> Arc<Team> {
        let (changed, _) = watch::channel(0);
        let team = Arc::new_cyclic(|me| Team {
            name,
            stem: stem.clone(),
            state: Mutex::new(TeamState {
                app,
                connections: 0,
                removed: false,
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
        lock(&self.teams).insert(stem, Arc::clone(&team));
        team
    }

    /// A connection of team `typed` joins: the team is found (resumed) or
    /// made; every connection of a team shares its game.
    pub fn join(&self, typed: &str, peer: &str) -> Result<Arc<Team>, Refusal> {
        let stem = file_stem(typed);
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
        let (team, resumed) = match self.team(&stem) {
            Some(t) => (t, true),
            None => {
                if lock(&self.teams).len() >= self.config.max_teams {
                    return refuse(Refusal::Full(self.config.max_teams));
                }
                let name = display_name(typed);
                let app = self.new_app(&name);
                let t = self.insert(name, stem, app);
                self.save(&t, &mut t.lock());
                (t, false)
            }
        };
        let mut st = team.lock();
        st.connections += 1;
        let turn = turn_of(&st.app).0;
        self.bump_team(&team, &mut st);
        drop(st);
        self.event(ClassEvent::Joined {
            team: team.name.clone(),
            peer: peer.to_string(),
            resumed,
            turn,
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
        self.run(team, lang, actions.len(), |_| it.next())
    }

    /// Like [`Class::apply`], for terminal events on a screen of `area`:
    /// each event is read in the mode the previous one left.
    pub fn apply_events(&self, team: &Team, lang: Lang, area: Rect, events: &[Event]) -> Applied {
        let mut it = events.iter();
        self.run(team, lang, events.len(), |app| {
            it.next()
                .map(|ev| event_action(app, area, ev).unwrap_or(Action::Tick))
        })
    }

    fn run(
        &self,
        team: &Team,
        lang: Lang,
        n: usize,
        mut next: impl FnMut(&App) -> Option<Action>,
    ) -> Applied {
        let mut out = Applied::default();
        if n == 0 {
            return out;
        }
        let mut st = team.lock();
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

    /// Writes a team's session file (and its progress) when a decision was
    /// taken or a turn played since the last write.
    fn save(&self, team: &Team, st: &mut TeamState) {
        let key = progress_key(&st.app);
        if st.saved_key == Some(key) {
            return;
        }
        let text = st.app.session().to_toml();
        let period = st.app.play_state().map_or(0, |p| p.game.period);
        let step = st.app.lesson().map_or(0, |l| l.step);
        if st
            .saved
            .as_ref()
            .is_some_and(|(t, p, s)| *t == text && *p == period && *s == step)
        {
            st.saved_key = Some(key);
            let effects = st.app.receive(Msg::Saved);
            self.perform(team, st, effects);
            return;
        }
        let dir = &self.config.dir;
        let result = write_atomic(&team.session_path(dir), text.as_bytes(), Overwrite::Allow)
            .and_then(|()| {
                write_atomic(
                    &progress_path(dir, &team.stem),
                    format!("period = {period}\nstep = {step}\n").as_bytes(),
                    Overwrite::Allow,
                )
            });
        match result {
            Ok(()) => {
                st.saved = Some((text, period, step));
                st.saved_key = Some(key);
                let effects = st.app.receive(Msg::Saved);
                self.perform(team, st, effects);
            }
            Err(e) => self.event(ClassEvent::SaveFailed {
                team: team.name.clone(),
                error: e.to_string(),
            }),
        }
    }

    /// Saves every team (on the way out).
    pub fn save_all(&self) {
        for team in self.teams() {
            let mut st = team.lock();
            self.save(&team, &mut st);
        }
    }

    /// Lockstep: the last turn teams may play now.
    pub fn opened_turn(&self) -> u32 {
        lock(&self.control).opened
    }

    /// Opens the next turn for every team (lockstep).
    pub fn open_next_turn(&self) -> u32 {
        let opened = {
            let mut c = lock(&self.control);
            c.opened += 1;
            c.opened
        };
        // Kept for a restart (a stray file is harmless: lockstep reads it only).
        let _ = write_atomic(
            &self.config.dir.join(CLASS_PROGRESS),
            format!("opened = {opened}\n").as_bytes(),
            Overwrite::Allow,
        );
        let note = crate::i18n::trf("turn {} is open: a plays it", &[&opened]);
        let gate = self.gate();
        self.to_every_team(|| vec![Msg::Gate(gate), Msg::News(note.clone())]);
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
        let line = format!("{}: {text}", crate::i18n::tr("news"));
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
                Msg::News(crate::i18n::tr("the game is over").to_string()),
            ]
        });
        self.event(ClassEvent::Ended);
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
        lock(&self.removed).insert(stem.to_string());
        let mut st = team.lock();
        st.removed = true;
        team.bump(&mut st);
        drop(st);
        self.event(ClassEvent::Removed(team.name.clone()));
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

    fn to_every_team(&self, msgs: impl Fn() -> Vec<Msg>) {
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
    fn gate(&self) -> Gate {
        let c = lock(&self.control);
        Gate {
            opened: self.config.lockstep.then_some(c.opened),
            ended: c.ended,
        }
    }

    /// Every team's sessions, for the class debrief.
    pub fn sessions(&self) -> Vec<(String, Session)> {
        self.teams()
            .iter()
            .map(|t| {
                let file = t.session_path(&self.config.dir).display().to_string();
                (file, t.lock().app.session())
            })
            .collect()
    }

    /// The class debrief: what `flywheel debrief DIR/*.toml` prints.
    pub fn debrief(&self) -> Result<Debrief, crate::scenario::Diagnostics> {
        debrief(&self.sessions())
    }

    /// The class debrief as the text table `flywheel debrief` prints.
    pub fn debrief_text(&self) -> String {
        let mut out = Vec::new();
        match self.debrief() {
            Ok(d) => {
                let _ = crate::play::debrief::write_table(&d, &mut out);
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
                        let file = t.session_path(&self.config.dir).display().to_string();
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

/// News text: control characters removed, at most 200 characters.
fn display_name_long(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(200).collect()
}

/// What a team's files hold, in brief: decisions taken, the period
/// reached, changes made while exploring, the lesson step. Equal keys, equal files.
type ProgressKey = (usize, u32, usize, usize);

fn progress_key(app: &App) -> ProgressKey {
    let step = app.lesson().map_or(0, |l| l.step);
    match app.play_state() {
        Some(p) => (p.game.decisions.len(), p.game.period, 0, step),
        None => (0, 0, app.change_log().len(), step),
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

fn progress_path(dir: &Path, stem: &str) -> PathBuf {
    dir.join(format!("{stem}.progress"))
}

/// A team's progress file: the period reached and the lesson step (0 when absent).
fn read_progress(path: &Path) -> (u32, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let period = u32::try_from(field("period = ")).unwrap_or(0);
    let step = usize::try_from(field("step = ")).unwrap_or(0);
    (period, step)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn class(dir: &Path, max: usize, lockstep: bool) -> Arc<Class> {
        let config = ClassConfig {
            scenario: crate::scenario::resolve("balanced").unwrap(),
            mode: ServeMode::Play,
            lockstep,
            dir: dir.to_path_buf(),
            max_teams: max,
            history: None,
        };
        Class::new(config).0
    }

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("fw-class-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn names_become_safe_file_stems() {
        assert_eq!(file_stem("Team A"), "team-a");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("飞轮 队"), "飞轮-队");
        assert_eq!(file_stem("  ..  "), "");
        assert_eq!(display_name("a\u{1b}[2Jb"), "a[2Jb");
        assert_eq!(
            display_name(&"x".repeat(100)).chars().count(),
            MAX_NAME_CHARS
        );
    }

    #[test]
    fn teams_share_a_game_and_are_refused_when_full() {
        let dir = temp("full");
        let c = class(&dir, 2, false);
        let a = c.join("Team A", "here").unwrap();
        let a2 = c.join("team a", "there").unwrap();
        assert!(Arc::ptr_eq(&a, &a2));
        assert_eq!(a.lock().connections, 2);
        c.join("B", "here").unwrap();
        assert_eq!(c.join("C", "here").unwrap_err(), Refusal::Full(2));
        // A known team still joins when the class is full.
        assert!(c.join("B", "again").is_ok());
        assert_eq!(c.join("///", "x").unwrap_err(), Refusal::NoName);
        c.remove("b");
        assert_eq!(c.join("B", "x").unwrap_err(), Refusal::Removed);
    }

    #[test]
    fn decisions_are_saved_and_a_restart_resumes_them() {
        let dir = temp("resume");
        let c = class(&dir, 10, false);
        let a = c.join("Team A", "here").unwrap();
        c.apply(
            &a,
            Lang::En,
            &[Action::Step(2), Action::Advance, Action::Advance],
        );
        let (period, decisions) = {
            let st = a.lock();
            let p = st.app.play_state().unwrap();
            (p.game.period, p.game.decisions.clone())
        };
        assert!(period > 0);
        assert_eq!(decisions.len(), 1);
        let file = dir.join("team-a.toml");
        let saved = crate::play::session::load(&file).unwrap();
        assert_eq!(saved.decisions, decisions);
        assert_eq!(saved.player, "Team A");

        let c2 = class(&dir, 10, false);
        let notes = c2.load_dir();
        assert!(
            notes.iter().any(|n| n.contains("resumed Team A")),
            "{notes:?}"
        );
        let b = c2.join("TEAM A", "later").unwrap();
        let st = b.lock();
        let p = st.app.play_state().unwrap();
        assert_eq!(p.game.period, period);
        assert_eq!(p.game.decisions, decisions);
    }

    #[test]
    fn explore_mode_teams_follow_the_lesson_steps_and_cannot_open_files() {
        let dir = temp("lesson");
        let config = ClassConfig {
            scenario: crate::scenario::resolve("lesson-latency").unwrap(),
            mode: ServeMode::Explore,
            lockstep: false,
            dir: dir.clone(),
            max_teams: 10,
            history: None,
        };
        let c = Class::new(config).0;
        let a = c.join("A", "here").unwrap();
        let b = c.join("B", "here").unwrap();
        assert_eq!(a.lock().app.lesson().unwrap().step, 0);
        c.apply(&b, Lang::En, &[Action::Help]);
        c.next_step();
        assert_eq!(a.lock().app.lesson().unwrap().step, 1);
        assert_eq!(
            b.lock().app.lesson().unwrap().step,
            1,
            "even with help open"
        );
        // A restart keeps the step.
        let config = ClassConfig {
            scenario: crate::scenario::resolve("lesson-latency").unwrap(),
            mode: ServeMode::Explore,
            lockstep: false,
            dir: dir.clone(),
            max_teams: 10,
            history: None,
        };
        let c2 = Class::new(config).0;
        c2.load_dir();
        assert_eq!(c2.team("a").unwrap().lock().app.lesson().unwrap().step, 1);
        c.apply(&a, Lang::En, &[Action::OpenPicker]);
        {
            let st = a.lock();
            assert_eq!(*st.app.mode(), crate::tui::Mode::Normal);
            let status = &st.app.status().unwrap().text;
            assert!(
                status.contains("facilitator chose the scenario"),
                "{status}"
            );
        }
        // A save typed as a path outside lands in the team's folder, by its name.
        let mut keys = vec![Action::BeginSave];
        for _ in 0..40 {
            keys.push(Action::Backspace);
        }
        keys.extend("../../escape.toml".chars().map(Action::Input));
        keys.push(Action::Submit);
        c.apply(&a, Lang::En, &keys);
        let inside = dir
            .join(super::super::host::FILES_DIR)
            .join("a")
            .join("escape.toml");
        assert!(inside.is_file(), "{} was not written", inside.display());
        assert!(!dir.join("../../escape.toml").exists());
        assert!(!dir.parent().unwrap().join("escape.toml").exists());
        let st = a.lock();
        assert_eq!(*st.app.mode(), crate::tui::Mode::Normal);
        assert!(st.app.status().unwrap().text.contains("escape.toml"));
        drop(st);
        // A second save of the same name asks before it overwrites.
        let mut keys = vec![Action::BeginSave];
        for _ in 0..40 {
            keys.push(Action::Backspace);
        }
        keys.extend("escape.toml".chars().map(Action::Input));
        keys.push(Action::Submit);
        c.apply(&a, Lang::En, &keys);
        assert!(matches!(
            a.lock().app.mode(),
            crate::tui::Mode::Confirm { .. }
        ));
    }

    #[test]
    fn lockstep_holds_teams_until_the_turn_opens() {
        let dir = temp("lockstep");
        let c = class(&dir, 10, true);
        let a = c.join("A", "here").unwrap();
        c.apply(&a, Lang::En, &[Action::Advance, Action::Advance]);
        assert_eq!(turn_of(&a.lock().app).0, 2, "only turn 1 was open");
        assert!(a.lock().app.status().unwrap().text.contains("wait"));
        c.open_next_turn();
        c.apply(&a, Lang::En, &[Action::Advance]);
        assert_eq!(turn_of(&a.lock().app).0, 3);
        // A restart keeps the turn open.
        let c2 = class(&dir, 10, true);
        c2.load_dir();
        assert_eq!(c2.opened_turn(), 2);
    }

    #[test]
    fn the_board_ranks_teams_with_debrief_scores_and_the_end_finishes_all() {
        let dir = temp("board");
        let c = class(&dir, 10, false);
        let a = c.join("A", "here").unwrap();
        let _b = c.join("B", "here").unwrap();
        c.apply(&a, Lang::En, &[Action::Advance]);
        let board = c.board();
        assert_eq!(board.teams.len(), 2);
        assert!(board.teams.iter().all(|t| t.entry.is_some()));
        assert_eq!(board.teams[0].turn, 2);
        assert!(!board.teams[0].customers.is_empty());
        c.news("coffee");
        assert!(a.lock().app.status().unwrap().text.contains("coffee"));
        c.end_game();
        let board = c.board();
        assert!(board.ended && board.teams.iter().all(|t| t.finished));
        let text = c.debrief_text();
        assert!(text.contains('A') && text.contains('B'), "{text}");
        assert_eq!(board.leaderboard().len(), 2);
    }
}
