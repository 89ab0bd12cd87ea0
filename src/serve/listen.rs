//! The listening socket: every connection gets a place at the door (or
//! is told "server busy" for nothing), its handler, one deadline for the
//! greeting and the login, and a watchdog; the socket lives in the
//! connection's task, which drops it whatever the channel waits for.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;

use super::class::ClassEvent;
use super::{gate, ssh};

/// Accepts connections: each gets a place at the [`gate::Door`] (or is
/// told "server busy" at once, for nothing), its handler, one deadline for
/// the greeting and the login, and a watchdog.
pub(super) async fn accept_loop(
    listener: TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<ssh::Shared>,
) {
    // Refusals of strangers are told in one packet and half a second at
    // most; past this many at once they get the packet and no wait.
    const TURNING_AWAY: usize = 1024;
    let turning_away = Arc::new(AtomicUsize::new(0));
    {
        // The refusals summarised as their minutes end.
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(10)).await;
                for line in shared.refusals.summaries() {
                    shared
                        .class
                        .event(ClassEvent::Info(crate::i18n::trf("refused: {}", &[&line])));
                }
            }
        });
    }
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let ticket = match shared.door.admit(peer.ip()) {
            Ok(t) => t,
            Err(busy) => {
                shared.refused(Some(peer.ip()), peer.to_string(), busy.reason());
                if turning_away.load(Ordering::Relaxed) < TURNING_AWAY {
                    turning_away.fetch_add(1, Ordering::Relaxed);
                    let turning_away = Arc::clone(&turning_away);
                    tokio::spawn(async move {
                        gate::turn_away(stream, busy).await;
                        turning_away.fetch_sub(1, Ordering::Relaxed);
                    });
                } else {
                    let _ = stream.try_write(&gate::busy_bytes(busy.message()));
                }
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (config, shared) = (Arc::clone(&config), Arc::clone(&shared));
        tokio::spawn(connection(config, shared, stream, peer, ticket));
    }
}

/// One connection, from the greeting to the close. The socket lives here:
/// whatever the channel's task does, this drops it when the deadline
/// passes unjoined, when the channel's task ends, or when the watchdog
/// finds a frame stuck past the write deadline.
async fn connection(
    config: Arc<russh::server::Config>,
    shared: Arc<ssh::Shared>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    mut ticket: gate::Ticket,
) {
    let link = Arc::new(ssh::Link::default());
    let handler = ssh::Conn::new(Arc::clone(&shared), Some(peer), Arc::clone(&link));
    let limit = shared.limits.auth_timeout;
    // One deadline for the greeting, the key exchange and the login.
    let deadline = tokio::time::Instant::now() + limit;
    let late = || {
        shared.refused(
            Some(peer.ip()),
            peer.to_string(),
            format!("not joined within {} s", limit.as_secs()),
        );
    };
    let started =
        tokio::time::timeout_at(deadline, russh::server::run_stream(config, stream, handler));
    let session = match started.await {
        Ok(Ok(s)) => s,
        Ok(Err(_)) => return,
        Err(_) => return late(),
    };
    let handle = session.handle();
    tokio::pin!(session);
    let mut joined = false;
    let mut watchdog = tokio::time::interval(Duration::from_secs(1));
    let stuck_limit = shared.limits.write_timeout + Duration::from_secs(5);
    loop {
        tokio::select! {
            _ = &mut session => return,
            _ = link.joined.notified(), if !joined => {
                joined = true;
                ticket.logged_in();
            }
            _ = tokio::time::sleep_until(deadline), if !joined => {
                late();
                let bye = handle.disconnect(
                    russh::Disconnect::ByApplication,
                    "authentication timeout".into(),
                    "".into(),
                );
                let _ = tokio::time::timeout(Duration::from_secs(1), bye).await;
                break;
            }
            _ = link.kill.notified() => break,
            _ = watchdog.tick() => {
                if link.stuck_for() > stuck_limit {
                    shared.class.event(ClassEvent::Refused {
                        who: peer.to_string(),
                        reason: format!("dropped: no frame taken for {} s", stuck_limit.as_secs()),
                    });
                    break;
                }
            }
        }
    }
    // A moment for the session to close by itself; then the socket is
    // dropped with it, whatever it waits for.
    let _ = tokio::time::timeout(Duration::from_secs(2), &mut session).await;
}
