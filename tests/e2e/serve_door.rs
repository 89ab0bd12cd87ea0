//! `flywheel serve` against participants and passers-by who would stall,
//! slow or lock out the class: a client that stops reading, a flood of
//! window changes, silent connections, a loop of handshakes, a team on
//! too many laptops. Each test joins with russh's client (no OpenSSH
//! needed) and measures the other teams' key-to-frame times.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use crate::russh_client::{
    Choke, arrow, connect_from, drain, enter_pin, join_from, key_to_frame, p99, russh_join,
    tcp_from,
};
use crate::support::TempDir;
use crate::support::ssh::{Server, available, ssh};

/// The tests that measure other teams' key-to-frame times run one at a
/// time: each brings its own load (a flood, a loop of handshakes), and two
/// at once would measure each other.
static MEASURED: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn measured() -> std::sync::MutexGuard<'static, ()> {
    MEASURED.lock().unwrap_or_else(|e| e.into_inner())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The loopback address `127.0.0.N` (another machine, as far as the
/// server's door can tell).
fn lo(n: u8) -> IpAddr {
    [127, 0, 0, n].into()
}

/// A team's row in the board's text, e.g. `2    slow      0  ...`.
fn board_row(board: &str, team: &str) -> Option<String> {
    board
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(team))
        .map(str::to_string)
}

/// Waits until `cond` holds on the server's `board` command output.
fn wait_board(server: &mut Server, what: &str, cond: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let before = server.log().len();
        server.command("board");
        std::thread::sleep(Duration::from_millis(200));
        let log = server.log();
        let board = &log[before..];
        if cond(board) {
            return board.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the board never showed {what}; log:\n{log}"
        );
    }
}

/// Waits (without blocking the test's runtime) until the server logs `text`.
async fn wait_log_async(server: &Server, text: &str) {
    let start = Instant::now();
    while !server.log().contains(text) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the server never logged {text:?}; log:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Another team's p99 key-to-frame time while team `stuck` is dropped for
/// taking nothing (`--write-timeout 2`), which the server must log while
/// the stuck one still holds its end open.
async fn quick_team_p99(server: &Server, stuck: &str) -> Duration {
    let (_s, mut ch) = russh_join(server.port, "quick", 100, 30).await;
    assert!(drain(&mut ch, Duration::from_millis(300)).await);
    let mut times = pace(&mut ch, 100).await;
    wait_log_async(
        server,
        &format!("left: {stuck} (dropped: its screen took nothing for 2 s)"),
    )
    .await;
    times.extend(pace(&mut ch, 10).await);
    p99(&mut times)
}

/// The key-to-frame times of `n` keys at a user's pace on `ch`.
async fn pace(ch: &mut russh::Channel<russh::client::Msg>, n: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        times.push(key_to_frame(ch, i).await);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times
}

#[test]
fn a_client_that_stops_reading_is_dropped_and_stalls_no_one() {
    let _one_at_a_time = measured();
    let dir = TempDir::new("serve-stall");
    let mut server = Server::start(&dir, &["--write-timeout", "2"]);
    let rt = runtime();
    let quick_p99 = rt.block_on(async {
        // The stuck one: keys all the time, and, once in, its socket takes
        // nothing (a terminal paused with Ctrl-S).
        let choke = Choke::new(lo(1), server.port).await;
        let (slow_session, mut slow) = choke.join("slow", 16 * 1024).await;
        assert!(drain(&mut slow, Duration::from_millis(300)).await);
        choke.stop_reading();
        let keys = tokio::spawn(async move {
            for i in 0..5000 {
                if slow.data(arrow(i)).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        });
        let p = quick_team_p99(&server, "slow").await;
        keys.abort();
        drop(slow_session);
        p
    });
    assert!(
        quick_p99 < Duration::from_millis(50),
        "the other team's p99 key to frame: {quick_p99:?}"
    );
    let board = wait_board(&mut server, "slow with no connection", |b| {
        board_row(b, "slow").is_some_and(|row| row.split_whitespace().nth(2) == Some("0"))
    });
    assert!(board_row(&board, "quick").is_some(), "{board}");
}

#[test]
fn a_flood_of_window_changes_without_reading_is_dropped() {
    let _one_at_a_time = measured();
    let dir = TempDir::new("serve-resize-flood");
    let server = Server::start(&dir, &["--write-timeout", "2"]);
    let rt = runtime();
    let quick_p99 = rt.block_on(async {
        let choke = Choke::new(lo(1), server.port).await;
        // OpenSSH's window: 2 MB, what a real client lets the server send.
        let (_flood_session, mut flood) = choke.join("flood", 2 * 1024 * 1024).await;
        assert!(drain(&mut flood, Duration::from_millis(300)).await);
        choke.stop_reading();
        let resizes = tokio::spawn(async move {
            for i in 0..1_000_000u32 {
                let (w, h) = if i.is_multiple_of(2) {
                    (300, 120)
                } else {
                    (80, 24)
                };
                if flood.window_change(w, h, 0, 0).await.is_err() {
                    return i;
                }
                if i.is_multiple_of(64) {
                    tokio::task::yield_now().await;
                }
            }
            1_000_000
        });
        let p = quick_team_p99(&server, "flood").await;
        resizes.abort();
        p
    });
    assert!(
        quick_p99 < Duration::from_millis(50),
        "the other team's p99 key to frame: {quick_p99:?}"
    );
}

#[test]
fn silent_connections_cannot_keep_a_participant_out() {
    let _one_at_a_time = measured();
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-silent");
    let server = Server::start(&dir, &[]);
    let rt = runtime();
    let held = rt.block_on(async {
        // 300 connections from another machine that say nothing.
        let mut held = Vec::new();
        for _ in 0..300 {
            if let Ok(s) = tcp_from(lo(2), server.port).await {
                held.push(s);
            }
        }
        held
    });
    assert!(
        held.len() >= 290,
        "the test opened {} connections",
        held.len()
    );
    // A participant still joins, at once.
    let start = Instant::now();
    let out = ssh(crate::support::ssh::CODE, server.port)
        .args(["-tt", "Latecomer@127.0.0.1"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    server.wait_log("joined: Latecomer");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "joined after {:?}",
        start.elapsed()
    );
    drop(out);
    // A connection turned away hears why, as an SSH disconnect.
    let busy = ssh(crate::support::ssh::CODE, server.port)
        .args(["-b", "127.0.0.2", "-tt", "Another@127.0.0.1"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&busy.stderr);
    assert!(said.contains("server busy"), "ssh said: {said}");
    // The log has a few lines for the address, and then a count.
    let log = server.log();
    let lines = log
        .lines()
        .filter(|l| l.contains("127.0.0.2") && l.contains("refused"))
        .count();
    assert!(
        (1..=gate_logged()).contains(&lines),
        "{lines} refusal lines for 127.0.0.2:\n{log}"
    );
    drop(held);
}

/// How many refusals of an address are logged line by line in a minute.
fn gate_logged() -> usize {
    flywheel::serve::gate::REFUSALS_LOGGED_PER_MINUTE
}

#[test]
fn a_loop_of_handshakes_slows_no_team() {
    let _one_at_a_time = measured();
    let dir = TempDir::new("serve-handshakes");
    let server = Server::start(&dir, &[]);
    let rt = runtime();
    let mut times = rt.block_on(async {
        // Twenty teams, each from its own address.
        let mut teams = Vec::new();
        for n in 0..20u8 {
            let (s, mut ch) =
                join_from(lo(10 + n), server.port, &format!("team{n}"), 100, 30).await;
            assert!(drain(&mut ch, Duration::from_millis(100)).await);
            teams.push((s, ch));
        }
        // A stranger's loop of handshakes, never logging in.
        let port = server.port;
        let handshakes = tokio::spawn(async move {
            let mut done = 0u32;
            loop {
                if connect_from(lo(2), port).await.is_ok() {
                    done += 1;
                }
                // As fast as a sequential loop on another machine.
                tokio::time::sleep(Duration::from_millis(2)).await;
                if done > 10_000 {
                    return done;
                }
            }
        });
        // Keys at a user's pace while the loop spends its budget of
        // handshakes and is then turned away.
        let mut times = Vec::new();
        let mut round = 0;
        while round < 10 || !server.log().contains("refused: 127.0.0.2:") {
            assert!(
                round < 200,
                "the loop was never turned away:\n{}",
                server.log()
            );
            for (_, ch) in teams.iter_mut() {
                times.push(key_to_frame(ch, round).await);
            }
            tokio::time::sleep(Duration::from_millis(40)).await;
            round += 1;
        }
        handshakes.abort();
        times
    });
    let p = p99(&mut times);
    assert!(
        p < Duration::from_millis(50),
        "20 teams' p99 key to frame: {p:?}"
    );
    // The stranger got its budget of handshakes, and then "busy".
    assert!(server.log().contains("server busy"), "{}", server.log());
}

#[test]
fn a_team_plays_on_four_laptops_at_most_or_one_with_one_per_team() {
    let dir = TempDir::new("serve-per-team");
    let server = Server::start(&dir, &[]);
    let rt = runtime();
    rt.block_on(async {
        let mut laptops = Vec::new();
        for i in 0..4 {
            let (s, mut ch) = russh_join(server.port, "crowd", 100, 30).await;
            if i > 0 {
                enter_pin(&mut ch, &server.pin("crowd")).await;
            }
            assert!(drain(&mut ch, Duration::from_millis(100)).await);
            laptops.push((s, ch));
        }
        let (_s, mut fifth) = russh_join(server.port, "crowd", 100, 30).await;
        enter_pin(&mut fifth, &server.pin("crowd")).await;
        let said = read_all(&mut fifth).await;
        assert!(said.contains("already playing on 4 laptops"), "{said}");
    });
    server.wait_log("refused: crowd");

    let dir = TempDir::new("serve-one-per-team");
    let server = Server::start(&dir, &["--one-per-team"]);
    rt.block_on(async {
        let (_s, mut first) = russh_join(server.port, "solo", 100, 30).await;
        assert!(drain(&mut first, Duration::from_millis(100)).await);
        let (_s2, mut second) = russh_join(server.port, "solo", 100, 30).await;
        enter_pin(&mut second, &server.pin("solo")).await;
        let said = read_all(&mut second).await;
        assert!(said.contains("already playing on another laptop"), "{said}");
    });
}

/// Everything the server sends on `ch` until it closes (5 s at most).
async fn read_all(ch: &mut russh::Channel<russh::client::Msg>) -> String {
    let mut all = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(msg) = ch.wait().await {
            if let russh::ChannelMsg::Data { data } = msg {
                all.extend_from_slice(&data);
            }
        }
    })
    .await;
    crate::russh_client::plain(&all)
}

#[test]
fn joining_another_team_needs_its_pin() {
    let dir = TempDir::new("serve-pin");
    let mut server = Server::start(&dir, &[]);
    let rt = runtime();
    let kept = rt.block_on(async {
        let (v, mut victim) = russh_join(server.port, "Victim Team", 110, 30).await;
        let first = read_for(&mut victim, Duration::from_millis(500)).await;
        let pin = server.pin("Victim Team");
        assert!(
            first.contains(&format!("team PIN {pin}")),
            "the PIN on the team's screen: {first:?}"
        );
        // The class code alone does not reach the team's game: three wrong
        // PINs and the connection ends.
        let (_i, mut intruder) = russh_join(server.port, "victim-team", 110, 30).await;
        let wrong = if pin == "0000" { "1111" } else { "0000" };
        for _ in 0..3 {
            enter_pin(&mut intruder, wrong).await;
        }
        let said = read_all(&mut intruder).await;
        assert!(said.contains("Wrong team PIN"), "{said}");
        assert!(
            !said.contains("turn 1/"),
            "the intruder never saw the game: {said}"
        );
        // With the PIN, a teammate's laptop joins, and the first hears of it.
        let (t, mut mate) = russh_join(server.port, "victim team", 110, 30).await;
        enter_pin(&mut mate, &pin).await;
        assert!(
            read_for(&mut mate, Duration::from_millis(500))
                .await
                .contains("turn 1/")
        );
        let told = read_for(&mut victim, Duration::from_millis(500)).await;
        assert!(told.contains("another laptop joined"), "{told}");
        (v, victim, t, mate)
    });
    server.wait_log("refused: victim-team from 127.0.0.1");
    assert!(server.log().contains("wrong team PIN"), "{}", server.log());
    // The trainer's new PIN closes the team's laptops.
    let old = server.pin("Victim Team");
    server.command("pin victim-team");
    let log = server.wait_log("Victim Team: new team PIN");
    assert!(!log.contains(&format!("new team PIN {old};")) || old.is_empty());
    server.wait_log("left: Victim Team (dropped by the facilitator)");
    drop(kept);
}

/// What the server sends on `ch` until `quiet` passes without data (or
/// 3 s, for a screen with a clock that redraws every second).
async fn read_for(ch: &mut russh::Channel<russh::client::Msg>, quiet: Duration) -> String {
    let mut all = Vec::new();
    let until = tokio::time::Instant::now() + Duration::from_secs(3);
    while let Ok(Ok(Some(msg))) =
        tokio::time::timeout_at(until, tokio::time::timeout(quiet, ch.wait())).await
    {
        if let russh::ChannelMsg::Data { data } = msg {
            all.extend_from_slice(&data);
        }
    }
    crate::russh_client::plain(&all)
}

/// Timed turns: once the only team has played, the next turn opens by
/// itself (`--auto-advance`) and its countdown is on the team's screen; a
/// narrow screen gets the short form.
#[test]
fn a_timed_turn_shows_its_countdown_on_every_screen() {
    let dir = TempDir::new("serve-clock");
    let server = Server::start(
        &dir,
        &["--lockstep", "--turn-seconds", "60", "--auto-advance"],
    );
    let rt = runtime();
    rt.block_on(async {
        let (_s, mut wide) = russh_join(server.port, "Clock", 120, 30).await;
        let first = read_for(&mut wide, Duration::from_millis(500)).await;
        assert!(!first.contains("turn closes in"), "turn 1 has no clock");
        wide.data(&b"a"[..]).await.unwrap();
        let later = read_for(&mut wide, Duration::from_millis(1500)).await;
        assert!(later.contains("turn closes in 0:5"), "{later}");
        let (_n, mut narrow) = russh_join(server.port, "Other", 80, 24).await;
        let small = read_for(&mut narrow, Duration::from_millis(500)).await;
        assert!(small.contains("⏱ 0:5"), "{small}");
    });
    server.wait_log("opened: turn 2");
}

/// A class of eight, as a trainer runs it: eight teams join (russh clients),
/// each sets its own decisions and plays four lockstep turns the trainer
/// opens one by one. Until the trainer reveals them the board shows results
/// so far only (no rank, no score); revealed, it ranks every team with a
/// score; the game ended, the class debrief ranks all eight with their
/// decision timelines.
#[test]
fn a_class_of_eight_plays_lockstep_turns_hidden_then_revealed() {
    let dir = TempDir::new("serve-eight");
    let mut server = Server::start(&dir, &["--lockstep"]);
    let rt = runtime();
    // The board as text: what the server prints for `board` after now.
    let board = |server: &mut Server| -> String {
        let before = server.log().len();
        server.command("board");
        let start = Instant::now();
        loop {
            let log = server.log();
            let new = log[before..].to_string();
            if new.lines().filter(|l| l.contains(" Team ")).count() >= 8 {
                return new;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no board:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    rt.block_on(async {
        let mut teams = Vec::new();
        for i in 0..8usize {
            let (s, mut ch) = russh_join(server.port, &format!("Team {}", i + 1), 120, 40).await;
            drain(&mut ch, Duration::from_millis(150)).await;
            // Each team its own policy: a decision chosen, moved i steps.
            for _ in 0..(i % 3) {
                ch.data(arrow(0)).await.unwrap();
            }
            let (right, left) = (&b"\x1b[C"[..], &b"\x1b[D"[..]);
            for _ in 0..i {
                ch.data(if i % 2 == 0 { right } else { left })
                    .await
                    .unwrap();
            }
            drain(&mut ch, Duration::from_millis(100)).await;
            teams.push((s, ch));
        }
        for turn in 1..=4u32 {
            for (_, ch) in teams.iter_mut() {
                ch.data(&b"a"[..]).await.unwrap();
            }
            for (_, ch) in teams.iter_mut() {
                drain(ch, Duration::from_millis(100)).await;
            }
            for i in 1..=8 {
                server.wait_log(&format!("turn: Team {i} is on turn {}/", turn + 1));
            }
            if turn < 4 {
                server.command("next");
                server.wait_log(&format!("opened: turn {} for every team", turn + 1));
            }
        }
        let hidden = board(&mut server);
        for i in 1..=8 {
            assert!(hidden.contains(&format!("Team {i}")), "{hidden}");
        }
        assert!(
            hidden.contains("played") && !hidden.contains("score"),
            "{hidden}"
        );
        assert!(
            hidden
                .lines()
                .filter(|l| l.starts_with("-    Team"))
                .count()
                == 8,
            "no rank before the reveal:\n{hidden}"
        );
        if std::env::var_os("FLYWHEEL_SHOW").is_some() {
            eprintln!("{hidden}");
        }
        server.command("reveal");
        let revealed = board(&mut server);
        assert!(revealed.contains("score"), "{revealed}");
        for rank in 1..=8 {
            assert!(
                revealed
                    .lines()
                    .any(|l| l.starts_with(&format!("{rank:<4} Team"))),
                "rank {rank}:\n{revealed}"
            );
        }
        server.command("end");
        server.wait_log("ended: every team sees its debrief");
        server.command("debrief");
        let log = server.wait_log("Decisions, team by team");
        let debrief = log.rsplit("ended: every team").next().unwrap();
        for i in 1..=8 {
            assert!(debrief.contains(&format!("Team {i}")), "{debrief}");
        }
        assert!(debrief.contains("week 0: "), "{debrief}");
        drop(teams);
    });
    server.stop();
}

/// Two seats at one team (`--roles`): `Duo/product` decides R&D and never
/// sees the price; `Duo/sales` decides the price and never sees R&D. The
/// turn waits until both seats press `a`. A message sales sends in week 0
/// travels through the team's feedback latency (4 weeks in `balanced`):
/// product does not have it before the turn plays, and reads it after.
#[test]
fn two_seats_pass_a_message_through_the_feedback_latency() {
    let dir = TempDir::new("serve-roles");
    let server = Server::start(&dir, &["--roles"]);
    let rt = runtime();
    rt.block_on(async {
        let (_p, mut product) = russh_join(server.port, "Duo/product", 120, 40).await;
        let first = read_for(&mut product, Duration::from_millis(400)).await;
        assert!(first.contains("product seat"), "{first}");
        assert!(
            first.contains("R&D share") && !first.contains("Price"),
            "{first}"
        );
        let (_s, mut sales) = russh_join(server.port, "Duo/sales", 120, 40).await;
        enter_pin(&mut sales, &server.pin("Duo")).await;
        let seen = read_for(&mut sales, Duration::from_millis(400)).await;
        assert!(seen.contains("sales seat"), "{seen}");
        assert!(
            seen.contains("Price") && !seen.contains("R&D share"),
            "{seen}"
        );
        sales.data(&b"m"[..]).await.unwrap();
        sales.data(&b"they ask for an API"[..]).await.unwrap();
        sales.data(&b"\r"[..]).await.unwrap();
        let sent = read_for(&mut sales, Duration::from_millis(400)).await;
        assert!(sent.contains("arrives week 4"), "{sent}");
        // Product presses a alone: the turn waits for sales.
        product.data(&b"a"[..]).await.unwrap();
        read_for(&mut product, Duration::from_millis(300)).await;
        // A new size redraws the whole screen, so the text reads whole.
        product.window_change(121, 40, 0, 0).await.unwrap();
        let waiting = read_for(&mut product, Duration::from_millis(400)).await;
        assert!(waiting.contains("sales seat presses a"), "{waiting}");
        assert!(
            !waiting.contains("they ask for an API"),
            "not arrived yet: {waiting}"
        );
        sales.data(&b"a"[..]).await.unwrap();
        read_for(&mut product, Duration::from_millis(500)).await;
        product.window_change(120, 40, 0, 0).await.unwrap();
        let after = read_for(&mut product, Duration::from_millis(500)).await;
        assert!(after.contains("turn 2/16"), "the turn played: {after}");
        assert!(
            after.contains("from sales (week 0): they ask for an API"),
            "{after}"
        );
    });
    server.wait_log("turn: Duo is on turn 2/");
}
