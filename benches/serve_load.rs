//! Load on `flywheel serve`: many participants at once over SSH, on
//! loopback. The server is the real binary (a child process, so its memory
//! and CPU are its own); the participants are russh clients, each its own
//! team with a 100x30 terminal, pressing a key (↓ or ↑, which always
//! changes the screen) every 100 ms, their keys spread over the 100 ms (as
//! people's are; in step, all 50 keys would arrive in the same instant).
//!
//! Reports the key-to-frame latency (p50, p99, max: from sending the key to
//! the first bytes of the frame that follows), the server's resident memory
//! per session, and its CPU while everyone is connected and nobody types.
//!
//! `cargo bench --bench serve_load` (release build); `SESSIONS`, `SECONDS`
//! override 50 sessions and 10 seconds of typing. Exits non-zero when a
//! target is missed (p99 < 50 ms, < 10 MB a session, idle CPU < 2%).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, Disconnect};

const CODE: &str = "load";

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// User plus system CPU time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses).
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0)
}

fn start_server(dir: &std::path::Path) -> (Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flywheel"))
        .args(["serve", "balanced", "--no-board", "--bind", "127.0.0.1"])
        .args(["--port", "0", "--code", CODE, "--max-teams", "200", "--dir"])
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let out = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(out).lines();
    let port = loop {
        let line = lines.next().expect("a banner line").expect("text");
        if let Some(p) = line.split("listening on 127.0.0.1:").nth(1) {
            break p.trim().parse().expect("a port");
        }
    };
    // Keep reading the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, port)
}

/// One participant: joins, then presses a key every 100 ms until `until`,
/// recording each key-to-frame latency; then stays connected, idle, until
/// `hold` is dropped.
async fn participant(
    port: u16,
    team: String,
    start_typing: Instant,
    until: Instant,
    hold: Arc<tokio::sync::Notify>,
) -> anyhow::Result<Vec<Duration>> {
    let config = Arc::new(client::Config {
        nodelay: true,
        ..Default::default()
    });
    let mut session = client::connect(config, ("127.0.0.1", port), Client).await?;
    let auth = session.authenticate_password(team, CODE).await?;
    anyhow::ensure!(auth.success(), "the class code was refused");
    let mut channel = session.channel_open_session().await?;
    channel
        .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
        .await?;
    channel.request_shell(false).await?;
    // The first frame.
    loop {
        match channel.wait().await {
            Some(ChannelMsg::Data { data }) if data.len() > 500 => break,
            Some(ChannelMsg::Data { .. }) => {}
            Some(_) => {}
            None => anyhow::bail!("closed before the first frame"),
        }
    }
    tokio::time::sleep_until(start_typing.into()).await;
    let mut latencies = Vec::new();
    let mut down = true;
    let mut next = Instant::now();
    while Instant::now() < until {
        tokio::time::sleep_until(next.into()).await;
        next += Duration::from_millis(100);
        let key: &[u8] = if down { b"\x1b[B" } else { b"\x1b[A" };
        down = !down;
        let sent = Instant::now();
        channel.data(key).await?;
        // The frame that answers it.
        let got = tokio::time::timeout(Duration::from_secs(2), async {
            loop {
                match channel.wait().await {
                    Some(ChannelMsg::Data { .. }) => return true,
                    Some(_) => {}
                    None => return false,
                }
            }
        })
        .await;
        match got {
            Ok(true) => latencies.push(sent.elapsed()),
            Ok(false) => anyhow::bail!("the connection closed"),
            Err(_) => latencies.push(Duration::from_secs(2)),
        }
    }
    hold.notified().await;
    let _ = session
        .disconnect(Disconnect::ByApplication, "done", "en")
        .await;
    Ok(latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; nothing else is read from the arguments.
    let sessions = env_or("SESSIONS", 50) as usize;
    let seconds = env_or("SECONDS", 10);
    let dir = std::env::temp_dir().join(format!("fw-serve-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let (mut server, port) = start_server(&dir);
    let pid = server.id();
    std::thread::sleep(Duration::from_millis(300));
    let rss_before = rss_kib(pid);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let hold = Arc::new(tokio::sync::Notify::new());
    let start_typing = Instant::now() + Duration::from_secs(3);
    let until = start_typing + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..sessions)
        .map(|i| {
            rt.spawn(participant(
                port,
                format!("team-{i:03}"),
                // Participants do not type in step: spread the keys over the 100 ms.
                start_typing + Duration::from_millis(100 * i as u64 / sessions as u64),
                until,
                Arc::clone(&hold),
            ))
        })
        .collect();
    // While they type: the server's CPU; then memory and idle CPU.
    std::thread::sleep(start_typing.saturating_duration_since(Instant::now()));
    let busy0 = (cpu_ticks(pid), Instant::now());
    std::thread::sleep(until.saturating_duration_since(Instant::now()));
    let busy_cpu =
        cpu_ticks(pid).saturating_sub(busy0.0) as f64 / 100.0 / busy0.1.elapsed().as_secs_f64()
            * 100.0;
    std::thread::sleep(Duration::from_millis(500));
    let rss_busy = rss_kib(pid);
    std::thread::sleep(Duration::from_secs(1));
    let idle_secs = 5.0;
    let ticks0 = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs_f64(idle_secs));
    let ticks1 = cpu_ticks(pid);
    hold.notify_waiters();
    // Tasks waiting on `hold` after the notification get a permit too.
    let notifier = Arc::clone(&hold);
    rt.spawn(async move {
        loop {
            notifier.notify_waiters();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut all = Vec::new();
    let mut failed = 0;
    for t in tasks {
        match rt.block_on(t) {
            Ok(Ok(l)) => all.extend(l),
            Ok(Err(e)) => {
                failed += 1;
                eprintln!("a session failed: {e:#}");
            }
            Err(e) => {
                failed += 1;
                eprintln!("a session panicked: {e}");
            }
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    all.sort();
    let p50 = percentile(&all, 0.50);
    let p99 = percentile(&all, 0.99);
    let max = all.last().copied().unwrap_or_default();
    let per_session_mb =
        rss_busy.saturating_sub(rss_before) as f64 / 1024.0 / sessions.max(1) as f64;
    let hz = 100.0; // USER_HZ on Linux
    let idle_cpu = (ticks1.saturating_sub(ticks0)) as f64 / hz / idle_secs * 100.0;
    println!(
        "serve_load: {sessions} sessions, a key every 100 ms for {seconds} s, {} keys answered, {failed} sessions failed",
        all.len()
    );
    println!(
        "key to frame: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
    println!(
        "server memory: {:.1} MB at start, {:.1} MB with {sessions} sessions: {per_session_mb:.2} MB a session",
        rss_before as f64 / 1024.0,
        rss_busy as f64 / 1024.0
    );
    println!("server CPU while they type: {busy_cpu:.0}% of one core");
    println!("server CPU while everyone is connected and idle: {idle_cpu:.2}%");
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "machine load average (1, 5, 15 min): {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let ok =
        failed == 0 && p99 < Duration::from_millis(50) && per_session_mb < 10.0 && idle_cpu < 2.0;
    if !ok {
        anyhow::bail!(
            "a target was missed (p99 < 50 ms, < 10 MB a session, idle CPU < 2%, no failures)"
        );
    }
    Ok(())
}
