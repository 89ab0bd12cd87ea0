//! One participant's connection once the SSH side let it in: wait for the
//! terminal, join the team, then run [`drive`](crate::tui::drive::drive)
//! over the channel (bytes in through [`InputParser`](super::input::InputParser), frames out through a
//! [`RemoteScreen`](crate::tui::runtime::RemoteScreen)) from this laptop's [`Seat`](crate::tui::Seat) at the team's game.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use russh::keys::PublicKey;
use russh::server::Msg;
use russh::{Channel, ChannelMsg};
use tokio::sync::watch;
use tokio::time::Instant;

use super::class::{Class, ClassEvent, Team};
use super::input::{ESC_WAIT, InputParser};
use crate::i18n::{Lang, with_lang};
use crate::tui::drive::{self, Ended, Input, Place, Port};
use crate::tui::runtime::RemoteScreen;
use crate::tui::{App, Seat};

/// The most bytes of one read that are parsed (the rest is dropped).
pub const MAX_READ: usize = 4096;

/// The most events one read turns into actions.
pub const MAX_EVENTS_PER_READ: usize = 64;

/// The limits of a connection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long a connection may take to authenticate and ask for a terminal.
    pub auth_timeout: Duration,
    /// How long a participant may send nothing before being disconnected.
    pub idle_timeout: Duration,
}

/// What every connection shares.
#[derive(Debug)]
pub struct Shared {
    /// The class.
    pub class: Arc<Class>,
    /// The class code (the password); `None` when only public keys get in.
    pub code: Option<String>,
    /// Public keys accepted (instead of the code, or beside an explicit one).
    pub keys: Vec<PublicKey>,
    /// The limits.
    pub limits: Limits,
    /// The language when the client sends none.
    pub lang: Lang,
}

/// Terminal modes for the participant: the alternate screen, no cursor,
/// mouse reporting (SGR), bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1002h\x1b[?1006h\x1b[?2004h";
/// Everything [`ENTER`] turned on, turned off again.
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[0m\x1b[?1049l";

/// Leaves the team when the connection's task ends, however it ends.
struct Membership {
    class: Arc<Class>,
    team: Arc<Team>,
    reason: String,
}

impl Drop for Membership {
    fn drop(&mut self) {
        self.class.leave(&self.team, &self.reason);
    }
}

/// The language a client's environment asks for.
fn lang_of(name: &str, value: &str) -> Option<Lang> {
    matches!(name, "LANG" | "LC_ALL" | "LC_MESSAGES")
        .then(|| Lang::parse(value))
        .flatten()
}

/// Sends a text line to the client and ends the channel.
async fn goodbye(channel: &Channel<Msg>, text: &str, status: u32) {
    let mut bytes = text.replace('\n', "\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n");
    let _ = channel.data_bytes(bytes).await;
    let _ = channel.exit_status(status).await;
    let _ = channel.eof().await;
    let _ = channel.close().await;
}

/// One connection's channel: wait for the terminal, join the team, then run
/// the team's app until the participant leaves, is idle too long, is
/// removed, or the server stops.
pub(super) async fn run_channel(
    shared: Arc<Shared>,
    user: String,
    peer: String,
    mut channel: Channel<Msg>,
    ready: Arc<AtomicBool>,
) {
    let class = Arc::clone(&shared.class);
    let mut size = (80u32, 24u32);
    let mut lang = shared.lang;
    let deadline = Instant::now() + shared.limits.auth_timeout;
    // Until the shell: the terminal's size and language.
    loop {
        let msg = tokio::time::timeout_at(deadline, channel.wait()).await;
        match msg {
            Err(_) => {
                class.event(ClassEvent::Refused {
                    who: peer.clone(),
                    reason: "no terminal asked for in time".into(),
                });
                goodbye(&channel, "timed out", 1).await;
                return;
            }
            Ok(None | Some(ChannelMsg::Close | ChannelMsg::Eof)) => return,
            Ok(Some(ChannelMsg::RequestPty {
                col_width,
                row_height,
                ..
            })) => size = (col_width, row_height),
            Ok(Some(ChannelMsg::SetEnv {
                variable_name,
                variable_value,
                ..
            })) => {
                if let Some(l) = lang_of(&variable_name, &variable_value) {
                    lang = l;
                }
            }
            Ok(Some(ChannelMsg::RequestShell { .. })) => break,
            Ok(Some(ChannelMsg::Exec { .. })) => {
                let text = "flywheel serve runs no commands: join with ssh -p PORT TEAM@HOST";
                goodbye(&channel, text, 1).await;
                return;
            }
            Ok(Some(ChannelMsg::RequestSubsystem { .. })) => {
                goodbye(&channel, "flywheel serve offers no subsystems", 1).await;
                return;
            }
            Ok(Some(_)) => {}
        }
    }
    let team = match class.join(&user, &peer) {
        Ok(t) => t,
        Err(refusal) => {
            goodbye(&channel, &format!("flywheel: {refusal}"), 1).await;
            return;
        }
    };
    ready.store(true, Ordering::Relaxed);
    let mut membership = Membership {
        class: Arc::clone(&class),
        team: Arc::clone(&team),
        reason: "disconnected".into(),
    };
    let reason = session(&shared, &team, &mut channel, size, lang).await;
    let text = match &reason {
        End::Quit => "You left the class; ssh again to pick up where you were.".to_string(),
        End::Idle => format!(
            "Disconnected after {} without a key; ssh again to pick up where you were.",
            duration_words(shared.limits.idle_timeout)
        ),
        End::Removed => "The facilitator removed this team.".to_string(),
        End::Stopping => {
            "The class is over: the facilitator stopped the server. Your game is saved.".to_string()
        }
        End::Gone | End::Failed => String::new(),
    };
    membership.reason = reason.as_str().to_string();
    if !matches!(reason, End::Gone) {
        let _ = channel.data_bytes(LEAVE.to_vec()).await;
        goodbye(&channel, &text, 0).await;
    }
}

/// A duration in minutes, or seconds when under two minutes.
fn duration_words(d: Duration) -> String {
    match d.as_secs() {
        s if s < 120 => format!("{s} seconds"),
        s => format!("{} minutes", s / 60),
    }
}

/// Why a connection's loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Quit,
    Idle,
    Removed,
    Stopping,
    Gone,
    Failed,
}

impl End {
    fn as_str(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::Idle => "idle",
            End::Removed => "removed",
            End::Stopping => "server stopping",
            End::Gone => "connection closed",
            End::Failed => "send failed",
        }
    }
}

/// One laptop at the team's game: its own seat (selection, overlay,
/// status) and language; the game is the team's.
struct Laptop<'a> {
    class: &'a Class,
    team: &'a Arc<Team>,
    seat: Seat,
    lang: Lang,
}

impl Place for Laptop<'_> {
    fn events(&mut self, area: Rect, events: &[Event]) -> bool {
        let events = &events[..events.len().min(MAX_EVENTS_PER_READ)];
        self.class
            .apply_events(self.team, self.lang, &mut self.seat, area, events)
            .quit
    }

    /// A team's jobs report to the class ([`Class::deliver`]), never to one
    /// connection.
    fn receive(&mut self, _msg: crate::tui::msg::Msg) -> bool {
        false
    }

    /// Every connection asks; the class plays the frame once when it is due.
    fn tick(&mut self) -> bool {
        self.class.tick(self.team);
        false
    }

    fn tick_interval(&self) -> Option<Duration> {
        self.class.tick_interval(self.team)
    }

    fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R> {
        let mut st = self.team.lock();
        if st.removed {
            return None;
        }
        st.app.swap_seat(&mut self.seat);
        let out = with_lang(self.lang, || f(&st.app));
        st.app.swap_seat(&mut self.seat);
        Some(out)
    }
}

/// The channel as a [`Port`]: its bytes parsed into events, the team's
/// changes and the class's stop watched, frames sent as the client takes them.
struct Wire<'a> {
    shared: &'a Shared,
    team: &'a Team,
    channel: &'a mut Channel<Msg>,
    screen: RemoteScreen,
    parser: InputParser,
    changed: watch::Receiver<u64>,
    stopping: watch::Receiver<bool>,
    idle_at: Instant,
    frame: Vec<u8>,
    cut_logged: bool,
}

impl Wire<'_> {
    /// Parses a read: at most [`MAX_READ`] bytes and [`MAX_EVENTS_PER_READ`]
    /// events, the cut said once a connection.
    fn read(&mut self, data: &[u8]) -> Vec<Event> {
        self.idle_at = Instant::now() + self.shared.limits.idle_timeout;
        let mut events = self.parser.feed(&data[..data.len().min(MAX_READ)]);
        if (data.len() > MAX_READ || events.len() > MAX_EVENTS_PER_READ) && !self.cut_logged {
            self.cut_logged = true;
            self.shared.class.event(ClassEvent::Refused {
                who: self.team.name.clone(),
                reason: format!(
                    "input cut to {MAX_READ} bytes and {MAX_EVENTS_PER_READ} keys a read (said once a connection)"
                ),
            });
        }
        events.truncate(MAX_EVENTS_PER_READ);
        events
    }
}

impl Port for Wire<'_> {
    type End = End;

    async fn next(&mut self, tick: Option<Duration>) -> Result<Input, End> {
        loop {
            if *self.stopping.borrow() {
                return Err(End::Stopping);
            }
            let esc_wait = self.parser.is_waiting();
            tokio::select! {
                msg = self.channel.wait() => match msg {
                    None | Some(ChannelMsg::Close | ChannelMsg::Eof) => return Err(End::Gone),
                    Some(ChannelMsg::Data { data }) => return Ok(Input::Events(self.read(&data))),
                    Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                        self.screen.resize(col_width, row_height).map_err(|_| End::Failed)?;
                        return Ok(Input::Redraw);
                    }
                    Some(_) => {}
                },
                _ = tokio::time::sleep(ESC_WAIT), if esc_wait => {
                    return Ok(Input::Events(self.parser.timeout()));
                }
                r = self.changed.changed() => {
                    r.map_err(|_| End::Removed)?;
                    return Ok(Input::Redraw);
                }
                _ = tokio::time::sleep(tick.unwrap_or_default()), if tick.is_some() => {
                    return Ok(Input::Tick);
                }
                _ = self.stopping.changed() => {}
                _ = tokio::time::sleep_until(self.idle_at) => return Err(End::Idle),
            }
        }
    }

    fn render(&mut self, app: &App) -> Result<(), End> {
        // This frame shows every change so far.
        self.changed.borrow_and_update();
        self.frame = self.screen.draw_app(app).map_err(|_| End::Failed)?;
        Ok(())
    }

    /// Waits for the client's window: a slow client holds only its own
    /// task, and the changes made meanwhile go out as one frame.
    async fn flush(&mut self) -> Result<(), End> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.frame);
        self.channel.data_bytes(bytes).await.map_err(|_| End::Gone)
    }

    fn area(&self) -> Rect {
        self.screen.area()
    }
}

/// Runs the team's game on this connection until it ends, and says why.
async fn session(
    shared: &Shared,
    team: &Arc<Team>,
    channel: &mut Channel<Msg>,
    size: (u32, u32),
    lang: Lang,
) -> End {
    let Ok(screen) = RemoteScreen::new(size.0, size.1) else {
        return End::Failed;
    };
    if channel.data_bytes(ENTER.to_vec()).await.is_err() {
        return End::Gone;
    }
    let seat = team.lock().app.seat();
    let mut laptop = Laptop {
        class: &shared.class,
        team,
        seat,
        lang,
    };
    let mut wire = Wire {
        shared,
        team,
        changed: team.subscribe(),
        stopping: shared.class.stopping(),
        idle_at: Instant::now() + shared.limits.idle_timeout,
        channel,
        screen,
        parser: InputParser::new(),
        frame: Vec::new(),
        cut_logged: false,
    };
    match drive::drive(&mut laptop, &mut wire).await {
        Ended::Quit => End::Quit,
        Ended::Gone => End::Removed,
        Ended::Closed(end) => end,
    }
}
