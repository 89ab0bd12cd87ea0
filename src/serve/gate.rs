//! The door: who may open a connection, before a single byte of SSH is
//! spent on them. Strangers (connections not yet logged in) have a small
//! place of their own, overall and per address, so that silent or guessing
//! connections cannot fill the room; every address has a handshake budget;
//! a refused connection is told "server busy" in one plaintext SSH
//! disconnect message, with no key exchange; and refusals are summarised in
//! the log, a few lines per address a minute.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::class::lock;

/// The limits at the door.
#[derive(Debug, Clone, Copy)]
pub struct DoorLimits {
    /// Connections not yet logged in, from everywhere.
    pub waiting: usize,
    /// Connections not yet logged in, from one address.
    pub waiting_per_address: usize,
    /// Connections logged in (every team's laptops).
    pub open: usize,
    /// Handshakes one address may start at once (the bucket's size).
    pub handshake_burst: f64,
    /// Handshakes one address may start a second, over time.
    pub handshakes_per_sec: f64,
}

impl DoorLimits {
    /// The limits for a class of `max_teams` teams of at most `per_team`
    /// laptops each.
    pub fn for_class(max_teams: usize, per_team: usize) -> Self {
        DoorLimits {
            waiting: 64,
            waiting_per_address: 8,
            open: max_teams * per_team.max(1) + 8,
            handshake_burst: 20.0,
            handshakes_per_sec: 1.0,
        }
    }
}

/// Why a connection was not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// Too many connections are logging in at once.
    Waiting(usize),
    /// Too many connections from this address are logging in.
    FromAddress(usize),
    /// This address starts handshakes faster than its budget.
    TooFast,
    /// Every place is taken.
    Full(usize),
}

impl Busy {
    /// For the log.
    pub fn reason(self) -> String {
        match self {
            Busy::Waiting(n) => format!("server busy: {n} connections logging in"),
            Busy::FromAddress(n) => {
                format!("server busy: {n} connections from this address logging in")
            }
            Busy::TooFast => "server busy: handshakes from this address too fast".into(),
            Busy::Full(n) => format!("server busy: {n} connections open"),
        }
    }

    /// For the client: what `ssh` prints.
    pub fn message(self) -> &'static str {
        match self {
            Busy::Full(_) => "flywheel: server busy (every place taken); ask the facilitator",
            _ => "flywheel: server busy; try again in a minute",
        }
    }
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Debug, Default)]
struct Counts {
    waiting: HashMap<IpAddr, usize>,
    waiting_total: usize,
    open_total: usize,
    buckets: HashMap<IpAddr, Bucket>,
}

/// The places at the door, shared by the accept loop and every connection.
#[derive(Debug)]
pub struct Door {
    limits: DoorLimits,
    counts: Mutex<Counts>,
}

/// A place held by one connection: a stranger's until [`Ticket::logged_in`],
/// given back when dropped.
#[derive(Debug)]
pub struct Ticket {
    door: Arc<Door>,
    ip: IpAddr,
    logged_in: bool,
}

impl Door {
    /// A door with these limits.
    pub fn new(limits: DoorLimits) -> Arc<Door> {
        Arc::new(Door {
            limits,
            counts: Mutex::new(Counts::default()),
        })
    }

    /// A place for a new connection from `ip`, or why not.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Result<Ticket, Busy> {
        let l = self.limits;
        let mut c = lock(&self.counts);
        if c.open_total + c.waiting_total >= l.open + l.waiting {
            return Err(Busy::Full(l.open));
        }
        if c.waiting_total >= l.waiting {
            return Err(Busy::Waiting(l.waiting));
        }
        let mine = c.waiting.get(&ip).copied().unwrap_or(0);
        if mine >= l.waiting_per_address {
            return Err(Busy::FromAddress(l.waiting_per_address));
        }
        let now = Instant::now();
        if c.buckets.len() > 4096 {
            // Forget the addresses whose buckets are full again.
            let full = l.handshake_burst / l.handshakes_per_sec.max(1e-9);
            c.buckets
                .retain(|_, b| now.duration_since(b.at).as_secs_f64() < full);
        }
        let bucket = c.buckets.entry(ip).or_insert(Bucket {
            tokens: l.handshake_burst,
            at: now,
        });
        let gained = now.duration_since(bucket.at).as_secs_f64() * l.handshakes_per_sec;
        bucket.tokens = (bucket.tokens + gained).min(l.handshake_burst);
        bucket.at = now;
        if bucket.tokens < 1.0 {
            return Err(Busy::TooFast);
        }
        bucket.tokens -= 1.0;
        *c.waiting.entry(ip).or_insert(0) += 1;
        c.waiting_total += 1;
        Ok(Ticket {
            door: Arc::clone(self),
            ip,
            logged_in: false,
        })
    }

    /// Connections logging in now, and logged in.
    #[cfg(test)]
    pub fn counts(&self) -> (usize, usize) {
        let c = lock(&self.counts);
        (c.waiting_total, c.open_total)
    }
}

impl Ticket {
    /// The connection logged in: its place moves from the strangers' to
    /// the class's.
    pub fn logged_in(&mut self) {
        if self.logged_in {
            return;
        }
        self.logged_in = true;
        let mut c = lock(&self.door.counts);
        release_waiting(&mut c, self.ip);
        c.open_total += 1;
    }
}

fn release_waiting(c: &mut Counts, ip: IpAddr) {
    c.waiting_total = c.waiting_total.saturating_sub(1);
    if let Some(n) = c.waiting.get_mut(&ip) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            c.waiting.remove(&ip);
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut c = lock(&self.door.counts);
        if self.logged_in {
            c.open_total = c.open_total.saturating_sub(1);
        } else {
            release_waiting(&mut c, self.ip);
        }
    }
}

/// SSH_DISCONNECT_TOO_MANY_CONNECTIONS (RFC 4253, 11.1).
const TOO_MANY_CONNECTIONS: u32 = 12;

/// The bytes that tell an SSH client "busy" before any key exchange: the
/// server's version line, then one unencrypted SSH_MSG_DISCONNECT packet
/// (RFC 4253 4.2 and 6), which OpenSSH prints as `Received disconnect from
/// HOST port PORT:12: MESSAGE`.
pub fn busy_bytes(message: &str) -> Vec<u8> {
    let mut payload = vec![1u8]; // SSH_MSG_DISCONNECT
    payload.extend_from_slice(&TOO_MANY_CONNECTIONS.to_be_bytes());
    let text = message.as_bytes();
    payload.extend_from_slice(&(text.len() as u32).to_be_bytes());
    payload.extend_from_slice(text);
    payload.extend_from_slice(&0u32.to_be_bytes()); // no language tag
    // The packet (length, padding length, payload, padding) is a multiple
    // of 8 bytes, with at least 4 bytes of padding.
    let mut pad = 8 - (4 + 1 + payload.len()) % 8;
    if pad < 4 {
        pad += 8;
    }
    let mut out = b"SSH-2.0-flywheel\r\n".to_vec();
    out.extend_from_slice(&((1 + payload.len() + pad) as u32).to_be_bytes());
    out.push(pad as u8);
    out.extend_from_slice(&payload);
    out.extend(std::iter::repeat_n(0u8, pad));
    out
}

/// Tells a refused client "busy" and closes: a write that fits any socket
/// buffer, then half a second at most to let the client read it (what it
/// sent meanwhile is read and dropped, so the close is not a reset, which
/// would lose the message).
pub async fn turn_away(mut stream: TcpStream, busy: Busy) {
    let _ = tokio::time::timeout(
        Duration::from_millis(500),
        stream.write_all(&busy_bytes(busy.message())),
    )
    .await;
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 1024];
    let _ = tokio::time::timeout(Duration::from_millis(500), async {
        let mut total = 0;
        while total < 64 * 1024 {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => return,
                Ok(n) => total += n,
            }
        }
    })
    .await;
}

/// How many refusals of one address are logged a minute, line by line;
/// the rest are counted and summarised in one line.
pub const REFUSALS_LOGGED_PER_MINUTE: usize = 3;

#[derive(Debug)]
struct Tally {
    since: Instant,
    logged: usize,
    more: usize,
    last: String,
}

/// The refusals of the last minute, per address and kind (the reason's
/// first word: `server`, `wrong`, `command`, ...), so that a flood of one
/// kind does not hide another.
#[derive(Debug, Default)]
pub struct Refusals {
    by_address: Mutex<HashMap<(IpAddr, String), Tally>>,
}

impl Refusals {
    /// A refusal of `ip`: true when it is to be logged as it is, false
    /// when it is only counted (and summarised when its minute is over).
    pub fn note(&self, ip: IpAddr, reason: &str) -> bool {
        let mut map = lock(&self.by_address);
        let now = Instant::now();
        let kind = reason.split_whitespace().next().unwrap_or("").to_string();
        if map.len() > 4096 {
            map.retain(|_, t| t.more > 0 || t.since.elapsed() < Duration::from_secs(60));
        }
        let t = map.entry((ip, kind)).or_insert(Tally {
            since: now,
            logged: 0,
            more: 0,
            last: String::new(),
        });
        t.last = reason.to_string();
        if t.logged < REFUSALS_LOGGED_PER_MINUTE {
            t.logged += 1;
            true
        } else {
            t.more += 1;
            false
        }
    }

    /// The summaries of the minutes that are over: one line per address
    /// whose refusals were not all logged.
    pub fn summaries(&self) -> Vec<String> {
        self.summaries_older_than(Duration::from_secs(60))
    }

    /// Like [`Refusals::summaries`], for windows older than `window`.
    pub fn summaries_older_than(&self, window: Duration) -> Vec<String> {
        let mut map = lock(&self.by_address);
        let mut lines = Vec::new();
        map.retain(|(ip, _), t| {
            if t.since.elapsed() < window {
                return true;
            }
            if t.more > 0 {
                lines.push(format!(
                    "{ip}: {} more refused in the last {} s (the last: {})",
                    t.more,
                    t.since.elapsed().as_secs(),
                    t.last
                ));
            }
            false
        });
        lines.sort();
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn door(waiting: usize, per_address: usize, open: usize, burst: f64) -> Arc<Door> {
        Door::new(DoorLimits {
            waiting,
            waiting_per_address: per_address,
            open,
            handshake_burst: burst,
            handshakes_per_sec: 0.001,
        })
    }

    #[test]
    fn strangers_have_a_place_of_their_own_and_logging_in_frees_it() {
        let d = door(3, 2, 2, 100.0);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let mut t1 = d.admit(a).unwrap();
        let _t2 = d.admit(a).unwrap();
        assert_eq!(d.admit(a).unwrap_err(), Busy::FromAddress(2));
        let _t3 = d.admit(b).unwrap();
        assert_eq!(d.admit(b).unwrap_err(), Busy::Waiting(3));
        t1.logged_in();
        assert_eq!(d.counts(), (2, 1));
        // The place t1 held as a stranger is free again.
        let t4 = d.admit(a).unwrap();
        drop(t4);
        drop(t1);
        assert_eq!(d.counts(), (2, 0));
    }

    #[test]
    fn every_place_taken_is_full() {
        let d = door(2, 2, 1, 100.0);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let mut t = d.admit(a).unwrap();
        t.logged_in();
        let _w1 = d.admit(a).unwrap();
        let _w2 = d.admit(a).unwrap();
        assert_eq!(d.admit(a).unwrap_err(), Busy::Full(1));
    }

    #[test]
    fn an_address_has_a_handshake_budget() {
        let d = door(100, 100, 100, 3.0);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..3 {
            drop(d.admit(a).unwrap());
        }
        assert_eq!(d.admit(a).unwrap_err(), Busy::TooFast);
        // Another address has its own.
        assert!(d.admit("10.0.0.2".parse().unwrap()).is_ok());
    }

    #[test]
    fn the_busy_message_is_a_well_formed_plaintext_packet() {
        let bytes = busy_bytes("server busy");
        let line_end = bytes.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
        assert_eq!(&bytes[..line_end], b"SSH-2.0-flywheel\r\n");
        let packet = &bytes[line_end..];
        let len = u32::from_be_bytes(packet[..4].try_into().unwrap()) as usize;
        assert_eq!(packet.len(), 4 + len);
        assert_eq!(packet.len() % 8, 0);
        let pad = packet[4] as usize;
        assert!(pad >= 4);
        let payload = &packet[5..4 + len - pad];
        assert_eq!(payload[0], 1);
        assert_eq!(u32::from_be_bytes(payload[1..5].try_into().unwrap()), 12);
        let n = u32::from_be_bytes(payload[5..9].try_into().unwrap()) as usize;
        assert_eq!(&payload[9..9 + n], b"server busy");
    }

    #[test]
    fn refusals_past_a_few_a_minute_are_summarised() {
        let r = Refusals::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let logged = (0..10).filter(|_| r.note(a, "too many")).count();
        assert_eq!(logged, REFUSALS_LOGGED_PER_MINUTE);
        // Another kind of refusal is not hidden by the flood.
        assert!(r.note(a, "wrong class code"));
        assert!(r.summaries().is_empty(), "the minute is not over");
        let lines = r.summaries_older_than(Duration::ZERO);
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("10.0.0.1: 7 more refused"),
            "{lines:?}"
        );
        // A new minute starts afresh.
        assert!(r.note(a, "too many"));
    }
}
