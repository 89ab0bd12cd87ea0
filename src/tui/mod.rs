//! The interactive simulator: move a parameter and watch the flywheel re-run
//! at once, against a baseline.
//!
//! Shape: [`App`] holds all state and changes only in [`App::update`] from an
//! [`Action`]; [`keymap`] turns keys into actions (and feeds the help
//! overlay); the view is `impl Widget for &App`. [`runtime`] turns terminal
//! events into actions and draws frames, over the local terminal ([`run`]
//! owns it) or a remote one (`flywheel serve`).

pub mod action;
pub mod app;
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
pub fn run_app(mut app: App) -> anyhow::Result<()> {
    let (_guard, mut terminal) = TerminalGuard::new()?;
    event_loop(&mut app, &mut terminal)
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

/// Draws, then blocks until something happens: a key, a background result,
/// a signal, or (only while the animation plays) the next frame. An idle
/// screen costs no CPU. Effects go to a [`host::Local`]: files written where
/// the user asked, jobs on the job system, their results back on this loop.
fn event_loop(app: &mut App, terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
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
    let mut host = host::Local::new(deliver);
    let mut watched = app.watch_path();
    let mut _watcher = watched.clone().and_then(|p| watch(p, tx.clone()));
    let mut done = host.start(app);
    while !done {
        runtime::draw(terminal, app)?;
        let incoming = match app.tick_interval() {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(i) => Some(i),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    done = host.act(app, Action::Tick);
                    None
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(i) => Some(i),
                Err(_) => break,
            },
        };
        match incoming {
            Some(Incoming::Terminal(ev)) => {
                let size = terminal.size()?;
                let area = Rect::new(0, 0, size.width, size.height);
                if let Some(action) = runtime::event_action(app, area, &ev) {
                    done = host.act(app, action);
                }
            }
            Some(Incoming::Msg(msg)) => done = host.receive(app, msg),
            Some(Incoming::Stop) => break,
            None => {}
        }
        // Opening another scenario moves the watch to its file.
        let now = app.watch_path();
        if now != watched {
            watched = now;
            _watcher = watched.clone().and_then(|p| watch(p, tx.clone()));
        }
    }
    Ok(())
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
