//! russh's SSH client, for the classroom tests that need what OpenSSH
//! cannot script: a client that never reads, a flood of window changes, a
//! loop of handshakes, connections from other loopback addresses
//! (`127.0.0.2`, ...: every 127.x address is this machine on Linux).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;

use crate::support::ssh::CODE;

/// A client that trusts any host key (the server is the test's own).
pub struct AnyHost;

impl russh::client::Handler for AnyHost {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A TCP connection to the server on 127.0.0.1:`port` from the loopback
/// address `from`.
pub async fn tcp_from(from: IpAddr, port: u16) -> std::io::Result<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    socket.connect(([127, 0, 0, 1], port).into()).await
}

/// An SSH session (not logged in) from `from`.
pub async fn connect_from(
    from: IpAddr,
    port: u16,
) -> Result<russh::client::Handle<AnyHost>, russh::Error> {
    let config = Arc::new(russh::client::Config {
        nodelay: true,
        ..Default::default()
    });
    let stream = tcp_from(from, port).await?;
    russh::client::connect_stream(config, stream, AnyHost).await
}

/// Joins as `team` from `from`: logged in with the class code, a terminal
/// of `w` x `h`, the shell.
pub async fn join_from(
    from: IpAddr,
    port: u16,
    team: &str,
    w: u32,
    h: u32,
) -> (
    russh::client::Handle<AnyHost>,
    russh::Channel<russh::client::Msg>,
) {
    let s = connect_from(from, port).await.unwrap();
    log_in(s, team, w, h).await
}

/// Logs `s` in as `team` with the class code and opens a terminal of `w`
/// x `h` running the shell.
async fn log_in(
    mut s: russh::client::Handle<AnyHost>,
    team: &str,
    w: u32,
    h: u32,
) -> (
    russh::client::Handle<AnyHost>,
    russh::Channel<russh::client::Msg>,
) {
    assert!(s.authenticate_password(team, CODE).await.unwrap().success());
    let ch = s.channel_open_session().await.unwrap();
    ch.request_pty(false, "xterm", w, h, 0, 0, &[])
        .await
        .unwrap();
    ch.request_shell(false).await.unwrap();
    (s, ch)
}

/// Joins as `team` from 127.0.0.1.
pub async fn russh_join(
    port: u16,
    team: &str,
    w: u32,
    h: u32,
) -> (
    russh::client::Handle<AnyHost>,
    russh::Channel<russh::client::Msg>,
) {
    join_from([127, 0, 0, 1].into(), port, team, w, h).await
}

/// Reads until `quiet` passes without data (nothing says a frame is the
/// last); false when the channel closed.
pub async fn drain(ch: &mut russh::Channel<russh::client::Msg>, quiet: Duration) -> bool {
    loop {
        match tokio::time::timeout(quiet, ch.wait()).await {
            Err(_) => return true,
            Ok(None | Some(ChannelMsg::Close | ChannelMsg::Eof)) => return false,
            Ok(Some(_)) => {}
        }
    }
}

/// The `i`th of a pair of keys that move a selection and back: down, up.
pub fn arrow(i: usize) -> &'static [u8] {
    if i.is_multiple_of(2) {
        b"\x1b[B"
    } else {
        b"\x1b[A"
    }
}

/// Sends a key (down or up, alternately by `i`) and waits for the frame
/// that answers it: the time from key to frame.
pub async fn key_to_frame(ch: &mut russh::Channel<russh::client::Msg>, i: usize) -> Duration {
    let key = arrow(i);
    let sent = Instant::now();
    ch.data(key).await.unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match ch.wait().await {
                Some(ChannelMsg::Data { .. }) => return true,
                None | Some(ChannelMsg::Close | ChannelMsg::Eof) => return false,
                Some(_) => {}
            }
        }
    })
    .await;
    assert_eq!(got, Ok(true), "key {i} got no frame within 5 s");
    sent.elapsed()
}

/// The 99th percentile of `times` (the largest but one in a hundred).
pub fn p99(times: &mut [Duration]) -> Duration {
    times.sort();
    let i = ((times.len() as f64) * 0.99).ceil() as usize;
    times[i.saturating_sub(1).min(times.len() - 1)]
}

/// A client's socket that can stop reading: a proxy on the loopback between
/// a client and the server (reached from `from`) whose server-to-client
/// side stops taking bytes once [`Choke::stop_reading`] is called, as a
/// terminal paused with Ctrl-S, or a script that only writes, would.
pub struct Choke {
    /// The proxy's port: connect here instead of the server's.
    pub port: u16,
    paused: Arc<std::sync::atomic::AtomicBool>,
}

impl Choke {
    /// A proxy for one connection to the server on `server_port`.
    pub async fn new(from: IpAddr, server_port: u16) -> Choke {
        use std::sync::atomic::{AtomicBool, Ordering};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let paused = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&paused);
        tokio::spawn(async move {
            let (client, _) = listener.accept().await.unwrap();
            let server = tcp_from(from, server_port).await.unwrap();
            let (mut cr, mut cw) = client.into_split();
            let (mut sr, mut sw) = server.into_split();
            tokio::spawn(async move {
                let _ = tokio::io::copy(&mut cr, &mut sw).await;
            });
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                if stop.load(Ordering::Relaxed) {
                    // Takes nothing more: the server's bytes pile up.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                match tokio::time::timeout(Duration::from_millis(50), sr.read(&mut buf)).await {
                    Err(_) => {}
                    Ok(Ok(0) | Err(_)) => return,
                    Ok(Ok(n)) => {
                        if cw.write_all(&buf[..n]).await.is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Choke { port, paused }
    }

    /// From now on the client's side takes nothing from the server.
    pub fn stop_reading(&self) {
        self.paused
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Joins as `team` through the proxy, with a channel window of
    /// `window` bytes (what the server may send before the client must
    /// make room).
    pub async fn join(
        &self,
        team: &str,
        window: u32,
    ) -> (
        russh::client::Handle<AnyHost>,
        russh::Channel<russh::client::Msg>,
    ) {
        let config = Arc::new(russh::client::Config {
            nodelay: true,
            window_size: window,
            ..Default::default()
        });
        let s = russh::client::connect(config, ("127.0.0.1", self.port), AnyHost)
            .await
            .unwrap();
        log_in(s, team, 200, 60).await
    }
}

/// Reads until the screen asks for the team PIN, then types `pin` and
/// Enter.
pub async fn enter_pin(ch: &mut russh::Channel<russh::client::Msg>, pin: &str) {
    let mut seen = Vec::new();
    let asked = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(msg) = ch.wait().await {
            if let ChannelMsg::Data { data } = msg {
                seen.extend_from_slice(&data);
                if plain(&seen).to_lowercase().contains("team pin") {
                    return true;
                }
            }
        }
        false
    })
    .await;
    assert_eq!(asked, Ok(true), "no PIN prompt: {}", plain(&seen));
    ch.data(format!("{pin}\r").as_bytes()).await.unwrap();
}

/// Terminal output as text: escape sequences (styles, cursor moves) removed.
pub fn plain(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters, then one final byte in @..~.
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out
}
