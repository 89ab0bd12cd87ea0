//! The interactive simulator: move a parameter and watch the flywheel re-run
//! at once, against a baseline.
//!
//! Shape: [`App`] holds all state and changes only in [`App::update`] from an
//! [`Action`]; [`keymap`] turns keys into actions (and feeds the help
//! overlay); the view is `impl Widget for &App`. [`runtime`] turns terminal
//! events into actions and draws frames; [`drive`] is the one loop every
//! screen runs, over the local terminal ([`run`] owns it), a remote one
//! (`flywheel serve`) or a test's script.

pub mod action;
pub mod app;
pub mod drive;
pub mod effect;
pub mod host;
pub mod jobs;
pub mod keymap;
pub mod msg;
pub mod runtime;
pub mod stage;
pub mod view;

use std::io::stdout;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEvent, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::{Position, Rect};

pub use action::Action;
pub use app::{App, FileKind, Leave, Mode, PickerEntry, Program, Seat, Status, View};
pub use effect::Effect;

use crate::scenario::{self, Scenario};
use keymap::{Does, Gesture, Place, mouse_does};
use msg::Msg;

/// Restores the terminal (mouse capture, raw mode, alternate screen) when
/// dropped: on quit, on an error returned with `?`, and while unwinding from
/// a panic (ratatui's panic hook restores raw mode and the screen first).
struct TerminalGuard;

impl TerminalGuard {
    fn new() -> anyhow::Result<(Self, DefaultTerminal)> {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
            anyhow::bail!(
                "the simulator needs a terminal (standard input and output are not one); \
                 for output without a terminal use `flywheel run`, e.g. `flywheel run balanced --format csv`"
            );
        }
        // Runs before ratatui's own hook (installed by init, chained after
        // this one), so a panic also turns mouse reporting off.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            hook(info);
        }));
        let terminal =
            ratatui::try_init().map_err(|e| anyhow::anyhow!("cannot open the terminal: {e}"))?;
        let guard = TerminalGuard;
        let _ = execute!(stdout(), EnableMouseCapture);
        Ok((guard, terminal))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Opens the interactive simulator on a scenario and runs until the user quits.
/// The terminal is restored on quit, on error, on panic, and on SIGTERM,
/// SIGHUP or SIGINT.
pub fn run(scenario: Scenario) -> anyhow::Result<()> {
    run_app(App::new(scenario))
}

/// Runs an app (explore, a lesson, or play mode) until the user quits.
pub fn run_app(app: App) -> anyhow::Result<()> {
    let (_guard, mut terminal) = TerminalGuard::new()?;
    event_loop(app, &mut terminal)
}

/// Everything the loop waits for, on one channel.
enum Incoming {
    /// A key, mouse or resize event.
    Terminal(Event),
    /// A background result.
    Msg(Msg),
    /// A signal asked the program to stop.
    Stop,
}

/// Reads terminal events on a thread of its own, so the loop can also wait
/// for background results.
fn spawn_input(tx: Sender<Incoming>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Incoming::Terminal(ev)).is_err() {
                return;
            }
        }
        // The terminal is gone (read failed): stop rather than wait forever.
        let _ = tx.send(Incoming::Stop);
    });
}

/// Turns SIGTERM, SIGHUP and SIGINT into a clean stop (the guard restores the terminal).
fn spawn_signals(tx: Sender<Incoming>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Incoming::Stop);
            }
        });
    }
}

/// How long the file must stay quiet before it is read: editors write in
/// steps (truncate, write, rename), and a half-written file must not load.
const RELOAD_SETTLE: Duration = Duration::from_millis(200);

/// Watches the scenario file (through its directory, as editors replace
/// files) and, once it has settled, sends each new version, parsed, to the loop.
fn watch(path: PathBuf, tx: Sender<Incoming>) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let name = path.file_name()?.to_owned();
    let (ping_tx, ping_rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && event
                .paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            let _ = ping_tx.send(());
        }
    })
    .ok()?;
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    std::thread::spawn(move || {
        let mut last = std::fs::read(&path).ok();
        while ping_rx.recv().is_ok() {
            // Wait until the writes stop.
            while ping_rx.recv_timeout(RELOAD_SETTLE).is_ok() {}
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if last.as_deref() == Some(bytes.as_slice()) {
                continue;
            }
            last = Some(bytes);
            let parsed = scenario::load_file(&path).map(Box::new);
            if tx.send(Incoming::Msg(Msg::FileChanged(parsed))).is_err() {
                break;
            }
        }
    });
    Some(watcher)
}

/// Why the local screen closed.
enum LocalEnd {
    /// A signal asked the program to stop, or the terminal went away.
    Stopped,
    /// The terminal could not be drawn.
    Failed(std::io::Error),
}

/// The local terminal as a [`drive::Port`]: events and background results
/// arrive on one channel; frames are drawn straight to the terminal.
struct LocalScreen<'a> {
    terminal: &'a mut DefaultTerminal,
    rx: mpsc::Receiver<Incoming>,
}

impl drive::Port for LocalScreen<'_> {
    type End = LocalEnd;

    /// Blocks until something happens: a key, a background result, a
    /// signal, or (only while the animation plays) the next frame. An idle
    /// screen costs no CPU.
    async fn next(&mut self, tick: Option<Duration>) -> Result<drive::Input, LocalEnd> {
        let incoming = match tick {
            Some(wait) => match self.rx.recv_timeout(wait) {
                Ok(i) => i,
                Err(mpsc::RecvTimeoutError::Timeout) => return Ok(drive::Input::Tick),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(LocalEnd::Stopped),
            },
            None => self.rx.recv().map_err(|_| LocalEnd::Stopped)?,
        };
        match incoming {
            Incoming::Terminal(ev) => Ok(drive::Input::Events(vec![ev])),
            Incoming::Msg(msg) => Ok(drive::Input::Msg(msg)),
            Incoming::Stop => Err(LocalEnd::Stopped),
        }
    }

    fn render(&mut self, app: &App) -> Result<(), LocalEnd> {
        runtime::draw(self.terminal, app).map_err(LocalEnd::Failed)
    }

    async fn flush(&mut self) -> Result<(), LocalEnd> {
        Ok(())
    }

    fn area(&self) -> Rect {
        let size = self.terminal.size().unwrap_or_default();
        Rect::new(0, 0, size.width, size.height)
    }
}

/// The app on this machine as a [`drive::Place`]: effects go to a
/// [`host::Local`] (files written where the user asked, jobs on the job
/// system, their results back on the loop's channel), and the scenario's
/// file is watched for edits.
struct Here {
    app: App,
    host: host::Local,
    tx: Sender<Incoming>,
    watched: Option<PathBuf>,
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Here {
    /// Opening another scenario moves the watch to its file.
    fn rewatch(&mut self) {
        let now = self.app.watch_path();
        if now != self.watched {
            self.watched = now;
            self._watcher = self.watched.clone().and_then(|p| watch(p, self.tx.clone()));
        }
    }

    /// `done`, once the watch follows the file the app has open now.
    fn rewatched(&mut self, done: bool) -> bool {
        self.rewatch();
        done
    }
}

impl drive::Place for Here {
    fn events(&mut self, area: Rect, events: &[Event]) -> bool {
        let mut done = false;
        for ev in events {
            if let Some(action) = runtime::event_action(&self.app, area, ev)
                && self.host.act(&mut self.app, action)
            {
                done = true;
                break;
            }
        }
        self.rewatched(done)
    }

    fn receive(&mut self, msg: Msg) -> bool {
        let done = self.host.receive(&mut self.app, msg);
        self.rewatched(done)
    }

    fn tick(&mut self) -> bool {
        let done = self.host.act(&mut self.app, Action::Tick);
        self.rewatched(done)
    }

    fn tick_interval(&self) -> Option<Duration> {
        self.app.tick_interval()
    }

    fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R> {
        Some(f(&self.app))
    }
}

/// Runs the app on the local terminal with [`drive::drive`].
fn event_loop(app: App, terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone());
    let deliver = {
        let tx = std::sync::Mutex::new(tx.clone());
        Arc::new(move |msg: Msg| {
            let _ = tx
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .send(Incoming::Msg(msg));
        })
    };
    let mut here = Here {
        app,
        host: host::Local::new(deliver),
        tx,
        watched: None,
        _watcher: None,
    };
    here.rewatch();
    if here.host.start(&mut here.app) {
        return Ok(());
    }
    let mut port = LocalScreen { terminal, rx };
    match drive::block_on(drive::drive(&mut here, &mut port)) {
        drive::Ended::Closed(LocalEnd::Failed(e)) => Err(e.into()),
        _ => Ok(()),
    }
}

/// The action a key press asks for in the current mode.
pub fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    keymap::action_in(&app.scopes(), key)
}

/// The action a mouse event asks for on a screen of `area`: a click selects
/// the parameter under it, the wheel adjusts it; the wheel over a chart moves
/// the time cursor.
pub fn mouse_action(app: &App, area: Rect, m: &MouseEvent) -> Option<Action> {
    if *app.mode() != Mode::Normal || app.play_state().is_some() {
        return None;
    }
    let areas = view::layout(area, app)?;
    let here = view::param_at(&areas, app, m.column, m.row);
    let pos = Position::new(m.column, m.row);
    let on_chart = areas.charts.iter().flatten().any(|r| r.contains(pos));
    let gesture = match m.kind {
        MouseEventKind::Down(_) => Gesture::Click,
        MouseEventKind::ScrollUp => Gesture::WheelUp,
        MouseEventKind::ScrollDown => Gesture::WheelDown,
        _ => return None,
    };
    let place = match here {
        Some(_) => Place::Parameter,
        None if on_chart => Place::Chart,
        None => return None,
    };
    let i = here.unwrap_or_default();
    Some(match mouse_does(place, gesture)? {
        Does::Select => Action::Select(i),
        Does::Raise => Action::StepParam(i, 1),
        Does::Lower => Action::StepParam(i, -1),
        Does::CursorNext => Action::CursorNext,
        Does::CursorPrev => Action::CursorPrev,
    })
}
