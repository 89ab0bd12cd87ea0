//! The SSH side: authentication with the class code (or a public key), the
//! refusal of everything but a terminal, and one task per connection that
//! runs the team's app over the channel (bytes in through [`InputParser`],
//! frames out through a [`RemoteScreen`]).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, ChannelMsg, MethodKind, MethodSet};
use tokio::time::Instant;

use super::class::{Class, ClassEvent, Team, display_name};
use super::input::{ESC_WAIT, InputParser};
use crate::i18n::{Lang, with_lang};
use crate::tui::Seat;
use crate::tui::runtime::RemoteScreen;

/// Wrong class codes allowed on one connection.
pub const MAX_CODE_TRIES: u32 = 3;

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

/// One connection's handler.
pub struct Conn {
    shared: Arc<Shared>,
    peer: String,
    user: Option<String>,
    tries: u32,
    /// Set once the participant is in (the connection's watchdog reads it).
    pub ready: Arc<AtomicBool>,
    session_open: bool,
}

impl Conn {
    /// A handler for a connection from `peer`.
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>, ready: Arc<AtomicBool>) -> Self {
        Conn {
            shared,
            peer: peer.map_or_else(|| "?".into(), |p| p.to_string()),
            user: None,
            tries: 0,
            ready,
            session_open: false,
        }
    }

    fn refuse(&self, reason: &str) {
        let who = match &self.user {
            Some(u) => format!("{} from {}", display_name(u), self.peer),
            None => self.peer.clone(),
        };
        self.shared.class.event(ClassEvent::Refused {
            who,
            reason: reason.to_string(),
        });
    }

    fn methods(&self) -> MethodSet {
        let mut m = MethodSet::empty();
        if self.shared.code.is_some() {
            m.push(MethodKind::Password);
            m.push(MethodKind::KeyboardInteractive);
        }
        if !self.shared.keys.is_empty() {
            m.push(MethodKind::PublicKey);
        }
        m
    }

    fn reject(&self) -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(self.methods()),
            partial_success: false,
        }
    }

    /// Lets a public key in when it is one of `--authorized-keys`.
    fn check_key(&mut self, user: &str, key: &PublicKey) -> Auth {
        self.user = Some(user.to_string());
        if self
            .shared
            .keys
            .iter()
            .any(|k| k.key_data() == key.key_data())
        {
            Auth::Accept
        } else {
            self.reject()
        }
    }

    /// Checks a typed code; after [`MAX_CODE_TRIES`] wrong ones the connection ends.
    fn check_code(&mut self, user: &str, code: &str) -> Result<Auth, russh::Error> {
        self.user = Some(user.to_string());
        let Some(expected) = &self.shared.code else {
            self.refuse("a password, but only public keys get in");
            return Ok(self.reject());
        };
        if code.trim() == expected {
            return Ok(Auth::Accept);
        }
        self.tries += 1;
        self.refuse(&format!(
            "wrong class code (try {}/{MAX_CODE_TRIES})",
            self.tries
        ));
        if self.tries >= MAX_CODE_TRIES {
            return Err(russh::Error::Disconnect);
        }
        Ok(self.reject())
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        self.user = Some(user.to_string());
        Ok(self.reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        self.check_code(user, password)
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let answer = response.and_then(|mut r| r.next());
        match answer {
            None => Ok(Auth::Partial {
                name: "flywheel".into(),
                instructions: "The class code is on the facilitator's screen.".into(),
                prompts: vec![("Class code (password): ".into(), false)].into(),
            }),
            Some(bytes) => {
                let code = String::from_utf8_lossy(&bytes).into_owned();
                self.check_code(user, &code)
            }
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.check_key(user, offer.public_key))
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.check_key(user, key.public_key))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.session_open {
            self.refuse("a second session on one connection");
            drop(reply);
            return Ok(());
        }
        self.session_open = true;
        reply.accept().await;
        let shared = Arc::clone(&self.shared);
        let user = self.user.clone().unwrap_or_default();
        let peer = self.peer.clone();
        let ready = Arc::clone(&self.ready);
        let handle = session.handle();
        tokio::spawn(async move {
            run_channel(shared, user, peer, channel, ready).await;
            // Whatever happened, the connection ends with the channel (after
            // a moment, so the last words reach the client first).
            tokio::time::sleep(Duration::from_millis(300)).await;
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, "bye".into(), "".into())
                .await;
        });
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 channel");
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("port forwarding to {host}:{port}"));
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        socket_path: &str,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("socket forwarding to {socket_path}"));
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _col_width: u32,
        _row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let cmd: String = String::from_utf8_lossy(data).chars().take(60).collect();
        self.refuse(&format!("command `{cmd}` (no commands are run)"));
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("subsystem {name}"));
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 forwarding");
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse("agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote port forwarding from {address}:{port}"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote socket forwarding from {socket_path}"));
        Ok(false)
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
async fn run_channel(
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
    let reason = session_loop(&shared, &team, &mut channel, size, lang).await;
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

async fn session_loop(
    shared: &Shared,
    team: &Arc<Team>,
    channel: &mut Channel<Msg>,
    size: (u32, u32),
    lang: Lang,
) -> End {
    let class = &shared.class;
    let Ok(mut screen) = RemoteScreen::new(size.0, size.1) else {
        return End::Failed;
    };
    let mut parser = InputParser::new();
    let mut changed = team.subscribe();
    let mut stopping = class.stopping();
    let mut idle_at = Instant::now() + shared.limits.idle_timeout;
    if channel.data_bytes(ENTER.to_vec()).await.is_err() {
        return End::Gone;
    }
    let mut dirty = true;
    let mut cut_logged = false;
    // This laptop's own selection, overlay and status; the game is the team's.
    let mut seat = team.lock().app.seat();
    loop {
        if *stopping.borrow() {
            return End::Stopping;
        }
        if dirty {
            dirty = false;
            changed.borrow_and_update();
            let frame = {
                let mut st = team.lock();
                if st.removed {
                    return End::Removed;
                }
                st.app.swap_seat(&mut seat);
                let frame = with_lang(lang, || screen.draw_app(&st.app));
                st.app.swap_seat(&mut seat);
                frame
            };
            match frame {
                Ok(bytes) if bytes.is_empty() => {}
                Ok(bytes) => {
                    // Waits for the client's window: a slow client holds
                    // only its own task, and frames in between are skipped.
                    if channel.data_bytes(bytes).await.is_err() {
                        return End::Gone;
                    }
                }
                Err(_) => return End::Failed,
            }
        }
        let esc_wait = parser.is_waiting();
        let tick = class.tick_interval(team);
        tokio::select! {
            msg = channel.wait() => match msg {
                None | Some(ChannelMsg::Close | ChannelMsg::Eof) => return End::Gone,
                Some(ChannelMsg::Data { data }) => {
                    idle_at = Instant::now() + shared.limits.idle_timeout;
                    let bytes = &data[..data.len().min(MAX_READ)];
                    let mut events = parser.feed(bytes);
                    if (data.len() > MAX_READ || events.len() > MAX_EVENTS_PER_READ) && !cut_logged {
                        cut_logged = true;
                        class.event(ClassEvent::Refused {
                            who: team.name.clone(),
                            reason: format!(
                                "input cut to {MAX_READ} bytes and {MAX_EVENTS_PER_READ} keys a read (said once a connection)"
                            ),
                        });
                    }
                    events.truncate(MAX_EVENTS_PER_READ);
                    if apply_events(class, team, &mut seat, &screen, lang, &events) {
                        return End::Quit;
                    }
                    dirty = true;
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    if screen.resize(col_width, row_height).is_err() {
                        return End::Failed;
                    }
                    dirty = true;
                }
                Some(_) => {}
            },
            _ = tokio::time::sleep(ESC_WAIT), if esc_wait => {
                let events = parser.timeout();
                if apply_events(class, team, &mut seat, &screen, lang, &events) {
                    return End::Quit;
                }
                dirty = true;
            }
            r = changed.changed() => {
                if r.is_err() {
                    return End::Removed;
                }
                dirty = true;
            }
            _ = tokio::time::sleep(tick.unwrap_or_default()), if tick.is_some() => {
                class.tick(team);
                dirty = true;
            }
            _ = stopping.changed() => {}
            _ = tokio::time::sleep_until(idle_at) => return End::Idle,
        }
    }
}

/// Applies events to the team's game; true when the participant asked to leave.
fn apply_events(
    class: &Class,
    team: &Team,
    seat: &mut Seat,
    screen: &RemoteScreen,
    lang: Lang,
    events: &[ratatui::crossterm::event::Event],
) -> bool {
    let events = &events[..events.len().min(MAX_EVENTS_PER_READ)];
    class
        .apply_events(team, lang, seat, screen.area(), events)
        .quit
}
