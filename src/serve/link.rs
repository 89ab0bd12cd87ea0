//! What one connection's tasks share: the limits, the class and the keys
//! ([`Shared`]), the link between the SSH side and the channel's tasks
//! ([`Link`]), why a connection ends ([`End`]), and its last words.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use russh::Channel;
use russh::server::Msg;
use tokio::sync::Notify;

use super::class::{Class, ClassEvent};
use crate::i18n::Lang;

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
    pub(super) writing_since: AtomicU64,
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
    pub(super) fn now_ms(&self) -> u64 {
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

/// Sends a text line to the client and ends the channel (waiting for the
/// client [`LAST_WORDS`] at most).
pub(super) async fn goodbye(channel: &Channel<Msg>, text: &str, status: u32) {
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

/// How long the last words (or a refusal) may wait for the client.
pub(super) const LAST_WORDS: Duration = Duration::from_secs(2);

/// Why a connection's loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
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
    pub(super) fn as_str(self) -> &'static str {
        match self {
            End::Quit => crate::i18n::mark("quit"),
            End::Idle => crate::i18n::mark("idle"),
            End::Removed => crate::i18n::mark("removed"),
            End::Stopping => crate::i18n::mark("server stopping"),
            End::Gone => crate::i18n::mark("connection closed"),
            End::Failed => crate::i18n::mark("send failed"),
            End::Stalled => crate::i18n::mark("not reading"),
            End::Dropped => crate::i18n::mark("dropped by the facilitator"),
        }
    }
}
