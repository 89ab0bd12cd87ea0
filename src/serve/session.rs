//! One participant's connection once the SSH side let it in: wait for the
//! terminal, join the team, then run [`drive`](crate::tui::drive::drive)
//! over the channel (bytes in through [`InputParser`](super::input::InputParser), frames out through a
//! [`RemoteScreen`](crate::tui::runtime::RemoteScreen)) from this laptop's [`Seat`](crate::tui::Seat) at the team's game.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::class::{Class, ClassEvent, Pass, Refusal, Team, display_name};
use super::input::{ESC_WAIT, InputParser};
use super::pin::{MAX_PIN_TRIES, PinKey};
use crate::i18n::{Lang, with_lang};
use crate::i18n::{tr, trf};
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
    /// How long a frame may wait for a client that does not read (a
    /// terminal paused with Ctrl-S, a script) before the connection is
    /// dropped.
    pub write_timeout: Duration,
}

/// What one connection's tasks share: the SSH side (which holds the
/// socket), the channel's task (reads and draws) and its writer.
#[derive(Debug)]
pub struct Link {
    /// Told once the participant is in a team (no longer a stranger).
    pub joined: Notify,
    /// Told to end the connection now: the SSH side drops the socket.
    pub kill: Notify,
    /// When the frame being written began to wait for the client, in
    /// milliseconds since `born`; 0 when nothing is waiting.
    writing_since: AtomicU64,
    born: std::time::Instant,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            joined: Notify::new(),
            kill: Notify::new(),
            writing_since: AtomicU64::new(0),
            born: std::time::Instant::now(),
        }
    }
}

impl Link {
    fn now_ms(&self) -> u64 {
        (self.born.elapsed().as_millis() as u64).max(1)
    }

    /// How long the frame being written has waited for the client
    /// (zero when none waits): the watchdog's measure of a stuck connection.
    pub fn stuck_for(&self) -> Duration {
        match self.writing_since.load(Ordering::Relaxed) {
            0 => Duration::ZERO,
            since => Duration::from_millis(self.now_ms().saturating_sub(since)),
        }
    }
}

/// What every connection shares.
#[derive(Debug)]
pub struct Shared {
    /// The class.
    pub class: Arc<Class>,
    /// The class code (the password); `None` when only public keys get in.
    pub code: Option<String>,
    /// Public keys accepted (instead of the code, or beside an explicit one).
    pub keys: Vec<super::keys::AuthorizedKey>,
    /// The limits.
    pub limits: Limits,
    /// The language when the client sends none.
    pub lang: Lang,
    /// The places at the door.
    pub door: Arc<super::gate::Door>,
    /// The refusals of the last minute, per address.
    pub refusals: super::gate::Refusals,
}

impl Shared {
    /// Logs a refusal of a connection from `ip`: the first few of an
    /// address a minute as they are, the rest summarised (see
    /// [`super::gate::Refusals`]).
    pub fn refused(&self, ip: Option<std::net::IpAddr>, who: String, reason: String) {
        if ip.is_none_or(|ip| self.refusals.note(ip, &reason)) {
            self.class.event(ClassEvent::Refused { who, reason });
        }
    }
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

/// Sends a text line to the client and ends the channel (waiting for the
/// client [`LAST_WORDS`] at most).
async fn goodbye(channel: &Channel<Msg>, text: &str, status: u32) {
    let mut bytes = text.replace('\n', "\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n");
    let words = async {
        let _ = channel.data_bytes(bytes).await;
        let _ = channel.exit_status(status).await;
        let _ = channel.eof().await;
        let _ = channel.close().await;
    };
    let _ = tokio::time::timeout(LAST_WORDS, words).await;
}

/// One connection's channel: wait for the terminal, join the team, then run
/// the team's app until the participant leaves, is idle too long, is
/// removed, or the server stops.
pub(super) async fn run_channel(
    shared: Arc<Shared>,
    user: String,
    peer: String,
    mut channel: Channel<Msg>,
    link: Arc<Link>,
    key: Option<KeyPass>,
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
    let Some(team) = join(&shared, &user, &peer, key, &mut channel, lang).await else {
        return;
    };
    link.joined.notify_one();
    let mut membership = Membership {
        class: Arc::clone(&class),
        team: Arc::clone(&team),
        reason: "disconnected".into(),
    };
    let (read, write) = channel.split();
    let write = Arc::new(write);
    let reason = session(&shared, &team, &link, read, &write, size, lang).await;
    let text = match &reason {
        End::Quit => "You left the class; ssh again to pick up where you were.".to_string(),
        End::Idle => format!(
            "Disconnected after {} without a key; ssh again to pick up where you were.",
            duration_words(shared.limits.idle_timeout)
        ),
        End::Removed => "The facilitator removed this team.".to_string(),
        End::Dropped => {
            "The facilitator closed this laptop's connection; ssh again with the team's PIN to rejoin."
                .to_string()
        }
        End::Stopping => {
            "The class is over: the facilitator stopped the server. Your game is saved.".to_string()
        }
        End::Gone | End::Failed | End::Stalled => String::new(),
    };
    membership.reason = match reason {
        End::Stalled => format!(
            "dropped: its screen took nothing for {} s",
            shared.limits.write_timeout.as_secs()
        ),
        _ => reason.as_str().to_string(),
    };
    if !matches!(reason, End::Gone | End::Stalled) {
        // The last words wait for the client a moment at most.
        let last = async {
            let _ = write.data_bytes(LEAVE.to_vec()).await;
            let mut bytes = text.replace('\n', "\r\n").into_bytes();
            bytes.extend_from_slice(b"\r\n");
            let _ = write.data_bytes(bytes).await;
            let _ = write.exit_status(0).await;
            let _ = write.eof().await;
            let _ = write.close().await;
        };
        let _ = tokio::time::timeout(LAST_WORDS, last).await;
    }
}

/// How long the last words (or a refusal) may wait for the client.
const LAST_WORDS: Duration = Duration::from_secs(2);

/// The public key a connection logged in with: its fingerprint and the
/// team its line in `--authorized-keys` names.
#[derive(Debug, Clone)]
pub struct KeyPass {
    /// The key's SHA-256 fingerprint.
    pub fingerprint: String,
    /// `team="..."` in the key's line.
    pub team: Option<String>,
}

/// How long a participant has to type a team's PIN.
const PIN_WAIT: Duration = Duration::from_secs(90);

/// Joins the team: at once for a new team (or a key bound to it), after
/// the team's PIN for another laptop ([`MAX_PIN_TRIES`] tries, a second
/// apart). `None` when the connection is over (refused, left, timed out).
async fn join(
    shared: &Shared,
    user: &str,
    peer: &str,
    key: Option<KeyPass>,
    channel: &mut Channel<Msg>,
    lang: Lang,
) -> Option<Arc<Team>> {
    let class = &shared.class;
    let mut typed: Option<String> = None;
    let mut tries = 0;
    loop {
        let pass = match (&typed, &key) {
            (Some(pin), _) => Pass::Pin(pin),
            (None, Some(k)) => Pass::Key {
                fingerprint: &k.fingerprint,
                team: k.team.as_deref(),
            },
            (None, None) => Pass::Code,
        };
        let refusal = match class.join(user, peer, pass) {
            Ok(team) => return Some(team),
            Err(r) => r,
        };
        let ask = match refusal {
            Refusal::NeedPin => {
                let name = class
                    .team(&class.stem_of(user))
                    .map_or_else(|| display_name(user), |t| t.name.clone());
                with_lang(lang, || {
                    trf(
                        "{} is already playing. Type the team PIN (at the top right of its screen; the facilitator has it too), then Enter: ",
                        &[&name],
                    )
                })
            }
            Refusal::WrongPin => {
                tries += 1;
                if tries >= MAX_PIN_TRIES {
                    let text =
                        with_lang(lang, || tr("Wrong team PIN. Ask the facilitator for it."));
                    goodbye(channel, &format!("\r\n{text}"), 1).await;
                    return None;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
                with_lang(lang, || {
                    trf(
                        "Wrong PIN (try {}/{}). Team PIN: ",
                        &[&tries, &MAX_PIN_TRIES],
                    )
                })
            }
            other => {
                goodbye(channel, &format!("flywheel: {other}"), 1).await;
                return None;
            }
        };
        match read_pin(channel, &ask).await {
            Some(pin) => typed = Some(pin),
            None => {
                goodbye(channel, "", 1).await;
                return None;
            }
        }
    }
}

/// Asks for a PIN on the raw terminal (digits echoed as `*`); `None` when
/// the participant leaves or waits past [`PIN_WAIT`].
async fn read_pin(channel: &mut Channel<Msg>, ask: &str) -> Option<String> {
    let deadline = Instant::now() + PIN_WAIT;
    let prompt = format!("\r\n{ask}").into_bytes();
    let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(prompt)).await;
    let mut line = super::pin::PinLine::default();
    loop {
        let msg = tokio::time::timeout_at(deadline, channel.wait())
            .await
            .ok()??;
        let ChannelMsg::Data { data } = msg else {
            if matches!(msg, ChannelMsg::Close | ChannelMsg::Eof) {
                return None;
            }
            continue;
        };
        let mut echo = Vec::new();
        for key in line.feed(&data[..data.len().min(MAX_READ)]) {
            match key {
                PinKey::Echo => echo.push(b'*'),
                PinKey::Erase => echo.extend_from_slice(b"\x08 \x08"),
                PinKey::Done(pin) => {
                    echo.extend_from_slice(b"\r\n");
                    let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(echo)).await;
                    return Some(pin);
                }
                PinKey::Quit => return None,
                PinKey::Ignored => {}
            }
        }
        if !echo.is_empty() {
            let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(echo)).await;
        }
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
    Stalled,
    Dropped,
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
            End::Stalled => "not reading",
            End::Dropped => "dropped by the facilitator",
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
    /// The team's drop count when this laptop joined: a later drop (the
    /// facilitator's, after a PIN reset) ends this connection.
    drops: u64,
    dropped: bool,
}

impl Place for Laptop<'_> {
    /// Off the async threads (the model runs, the file is saved), so no
    /// team's work delays another's keys.
    fn events(&mut self, area: Rect, events: &[Event]) -> bool {
        let events = &events[..events.len().min(MAX_EVENTS_PER_READ)];
        tokio::task::block_in_place(|| {
            self.class
                .apply_events(self.team, self.lang, &mut self.seat, area, events)
                .quit
        })
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

    /// The frame is drawn off the async threads too.
    fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R> {
        tokio::task::block_in_place(|| {
            let mut st = self.team.lock();
            if st.removed {
                return None;
            }
            if st.drops != self.drops {
                self.dropped = true;
                return None;
            }
            st.app.swap_seat(&mut self.seat);
            let out = with_lang(self.lang, || f(&st.app));
            st.app.swap_seat(&mut self.seat);
            Some(out)
        })
    }
}

/// How a connection's writer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrote {
    /// The connection is over (every frame sent, or the channel closed).
    Done,
    /// A frame waited [`Limits::write_timeout`] for a client that took
    /// nothing.
    Stalled,
}

/// Sends frames as the client takes them, on its own task, so that
/// reading never waits on writing: the connection's loop keeps reading
/// (and russh keeps reading the socket, window adjustments included) while
/// a frame waits for the client's window.
fn writer(
    write: Arc<ChannelWriteHalf<Msg>>,
    link: Arc<Link>,
    deadline: Duration,
) -> (mpsc::Sender<Vec<u8>>, JoinHandle<Wrote>) {
    // One frame queued beside the one being sent: the loop draws the next
    // only when this place is free, so a slow client gets the newest
    // screen, never a backlog.
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(1);
    let task = tokio::spawn(async move {
        while let Some(frame) = rx.recv().await {
            link.writing_since.store(link.now_ms(), Ordering::Relaxed);
            let sent = tokio::time::timeout(deadline, write.data_bytes(frame)).await;
            link.writing_since.store(0, Ordering::Relaxed);
            match sent {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return Wrote::Done,
                Err(_) => return Wrote::Stalled,
            }
        }
        Wrote::Done
    });
    (tx, task)
}

/// Ends the writer with the connection's loop, however it ends.
struct Abort<T>(JoinHandle<T>);

impl<T> Drop for Abort<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The channel as a [`Port`]: its bytes parsed into events, the team's
/// changes and the class's stop watched, frames handed to the writer.
struct Wire<'a> {
    shared: &'a Shared,
    team: &'a Team,
    read: ChannelReadHalf,
    out: mpsc::Sender<Vec<u8>>,
    writer: Abort<Wrote>,
    /// A frame was due while the writer was busy: drawn once it is free.
    held: bool,
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

    /// How the writer ended (it has, or is about to).
    async fn writer_end(&mut self) -> End {
        let r = tokio::time::timeout(Duration::from_secs(1), &mut self.writer.0).await;
        r.map_or(End::Gone, wrote)
    }

    /// The newest of the window changes already waiting (a flood of them
    /// costs one resize); any other message waiting is returned for the loop.
    fn latest_size(&mut self, mut size: (u32, u32)) -> (u32, u32, Option<ChannelMsg>) {
        loop {
            let Some(msg) = now_or_never(self.read.wait()) else {
                return (size.0, size.1, None);
            };
            match msg {
                Some(ChannelMsg::WindowChange {
                    col_width,
                    row_height,
                    ..
                }) => size = (col_width, row_height),
                other => return (size.0, size.1, other.or(Some(ChannelMsg::Close))),
            }
        }
    }
}

/// The team's PIN at the top right of every screen of the team, for a
/// teammate's laptop to join with (and the turn's countdown, when turns
/// are timed).
fn pin_badge(f: &mut ratatui::Frame, badge: &str) {
    use ratatui::style::Style;
    use ratatui::widgets::Paragraph;
    let text = format!(" {badge} ");
    let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
    let area = f.area();
    if area.width < width + 30 {
        return;
    }
    let at = Rect::new(area.x + area.width - width, area.y, width, 1);
    f.render_widget(
        Paragraph::new(text).style(Style::new().fg(crate::tui::view::theme::ACCENT).reversed()),
        at,
    );
}

/// Why the connection ends, from how its writer ended.
fn wrote(r: Result<Wrote, tokio::task::JoinError>) -> End {
    match r {
        Ok(Wrote::Stalled) => End::Stalled,
        _ => End::Gone,
    }
}

/// Waits until the writer has room for a frame.
async fn free(out: &mpsc::Sender<Vec<u8>>) {
    let _ = out.reserve().await;
}

/// Polls a future once: its output if it is ready now.
fn now_or_never<F: std::future::Future>(f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
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
            let held = self.held;
            // A countdown on screen: drawn again every second.
            let timed = self.shared.class.turn_left().is_some();
            tokio::select! {
                msg = self.read.wait() => match msg {
                    None | Some(ChannelMsg::Close | ChannelMsg::Eof) => return Err(End::Gone),
                    Some(ChannelMsg::Data { data }) => return Ok(Input::Events(self.read(&data))),
                    Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                        let (w, h, other) = self.latest_size((col_width, row_height));
                        self.screen.resize(w, h).map_err(|_| End::Failed)?;
                        match other {
                            None => return Ok(Input::Redraw),
                            Some(ChannelMsg::Close | ChannelMsg::Eof) => return Err(End::Gone),
                            Some(ChannelMsg::Data { data }) => return Ok(Input::Events(self.read(&data))),
                            Some(_) => return Ok(Input::Redraw),
                        }
                    }
                    Some(_) => {}
                },
                r = &mut self.writer.0 => return Err(wrote(r)),
                _ = free(&self.out), if held => {
                    self.held = false;
                    return Ok(Input::Redraw);
                }
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
                _ = tokio::time::sleep(Duration::from_secs(1)), if timed => {
                    return Ok(Input::Redraw);
                }
                _ = self.stopping.changed() => {}
                _ = tokio::time::sleep_until(self.idle_at) => return Err(End::Idle),
            }
        }
    }

    fn render(&mut self, app: &App) -> Result<(), End> {
        // This frame shows every change so far (or the one drawn when the
        // writer is free again will).
        self.changed.borrow_and_update();
        if self.out.capacity() == 0 {
            self.held = true;
            return Ok(());
        }
        // Short on a narrow screen, so the header keeps the team's name.
        let narrow = self.screen.area().width < 110;
        let pin = self.shared.class.pin_of(self.team);
        let mut badge = if narrow {
            format!("PIN {pin}")
        } else {
            trf("team PIN {}", &[&pin])
        };
        if let Some(left) = self.shared.class.turn_left() {
            let secs = left.as_secs();
            let clock = format!("{}:{:02}", secs / 60, secs % 60);
            let clock = if narrow {
                format!("⏱ {clock}")
            } else {
                trf("turn closes in {}", &[&clock])
            };
            badge = format!("{clock} · {badge}");
        }
        self.frame = self
            .screen
            .frame(|f| {
                f.render_widget(app, f.area());
                pin_badge(f, &badge);
            })
            .map_err(|_| End::Failed)?;
        Ok(())
    }

    /// Hands the frame to the writer: never waits for the client.
    async fn flush(&mut self) -> Result<(), End> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.frame);
        match self.out.try_send(bytes) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Full(_)) => {
                // Not drawn while the writer was busy (see `render`).
                self.held = true;
                Ok(())
            }
            // The writer ended: why it did.
            Err(mpsc::error::TrySendError::Closed(_)) => Err(self.writer_end().await),
        }
    }

    fn area(&self) -> Rect {
        self.screen.area()
    }
}

/// Runs the team's game on this connection until it ends, and says why.
async fn session(
    shared: &Shared,
    team: &Arc<Team>,
    link: &Arc<Link>,
    read: ChannelReadHalf,
    write: &Arc<ChannelWriteHalf<Msg>>,
    size: (u32, u32),
    lang: Lang,
) -> End {
    let Ok(screen) = RemoteScreen::new(size.0, size.1) else {
        return End::Failed;
    };
    let (out, task) = writer(
        Arc::clone(write),
        Arc::clone(link),
        shared.limits.write_timeout,
    );
    if out.try_send(ENTER.to_vec()).is_err() {
        return End::Gone;
    }
    let (seat, drops) = {
        let st = team.lock();
        (st.app.seat(), st.drops)
    };
    let mut laptop = Laptop {
        class: &shared.class,
        team,
        seat,
        lang,
        drops,
        dropped: false,
    };
    let mut wire = Wire {
        shared,
        team,
        changed: team.subscribe(),
        stopping: shared.class.stopping(),
        idle_at: Instant::now() + shared.limits.idle_timeout,
        read,
        out,
        writer: Abort(task),
        held: false,
        screen,
        parser: InputParser::new(),
        frame: Vec::new(),
        cut_logged: false,
    };
    let end = match drive::drive(&mut laptop, &mut wire).await {
        Ended::Quit => End::Quit,
        Ended::Gone if laptop.dropped => End::Dropped,
        Ended::Gone => End::Removed,
        Ended::Closed(end) => end,
    };
    if matches!(end, End::Gone | End::Stalled | End::Failed) {
        return end;
    }
    // The last frame goes out before the last words (a moment at most).
    let Wire {
        out, mut writer, ..
    } = wire;
    drop(out);
    let _ = tokio::time::timeout(LAST_WORDS, &mut writer.0).await;
    end
}
