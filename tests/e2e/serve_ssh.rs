//! End to end: `flywheel serve` on 127.0.0.1 with the real OpenSSH client
//! (`ssh -tt` inside tmux, the password from `sshpass`). The server runs with
//! `--no-board`, so its log lines and commands go through stdout and stdin.
//! Skipped with a note when ssh, sshpass or tmux is missing, a failure
//! where `FLYWHEEL_REQUIRE_TOOLS=1` (`.ci/run` installs them). The tests that
//! join with russh's client need none of them.

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::russh_client::{AnyHost, russh_join};
use crate::support::ssh::{CODE, Participant, Server, available, ssh};
use crate::support::tmux::Tmux;
use crate::support::{self, TempDir};

/// The "So far" table's line for the player, e.g. `you  $64.7k  87.6 ...`.
fn you_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("│you "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_team_joins_plays_turns_and_sees_the_numbers_move() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-play");
    let server = Server::start(&dir, &[]);
    let p = Participant::join(&server, "Team A");
    let first = p.wait("turn 1/");
    assert!(first.contains("player Team A"), "{first}");
    p.keys(&["Right", "a"]);
    let second = p.wait("turn 2/");
    let after_one = you_line(&second);
    assert!(!after_one.is_empty(), "{second}");
    p.keys(&["a"]);
    let third = p.wait("turn 3/");
    let after_two = you_line(&third);
    assert_ne!(after_one, after_two, "the numbers moved");
    server.wait_log("turn: Team A is on turn 3/");
    // The session file is in DIR, in the session format.
    let file = dir.join("teams/team-a.toml");
    let replay = Command::new(crate::support::BIN)
        .arg("replay")
        .arg(&file)
        .output()
        .unwrap();
    assert!(replay.status.success(), "{replay:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("player = \"Team A\"") && text.contains("pricing.price"),
        "{text}"
    );
    // The team's files, the class's and the host key are the trainer's
    // alone (files 0600, folders 0700).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut folders = vec![dir.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for f in std::fs::read_dir(&folder).unwrap().flatten() {
                let meta = f.metadata().unwrap();
                let mode = meta.permissions().mode() & 0o777;
                if meta.is_dir() {
                    assert_eq!(mode, 0o700, "{}", f.path().display());
                    folders.push(f.path());
                } else {
                    assert_eq!(mode, 0o600, "{}", f.path().display());
                }
            }
        }
    }
}

/// A class directory the server makes is its owner's alone; a short code is
/// warned about when the server starts.
#[test]
fn a_new_class_folder_is_private_and_a_short_code_is_warned_about() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-private");
    let class = dir.join("class");
    let server = Server::start(&class, &["--code", "coffee"]);
    server.wait_log("the class code `coffee` is easy to guess");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&class).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}

#[test]
fn a_wrong_code_is_refused() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-code");
    let server = Server::start(&dir, &[]);
    let out = ssh("not-the-code", server.port)
        .args(["-tt", "intruder@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    server.wait_log("wrong class code");
    assert!(!dir.join("teams/intruder.toml").exists());
}

/// Only cheap key exchanges: a client that asks for a finite-field group
/// (600 ms of the server's CPU each) is refused at once, before any work;
/// the default (X25519 or its hybrid) still joins.
#[test]
fn an_expensive_key_exchange_is_refused_at_once() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-kex");
    let server = Server::start(&dir, &[]);
    let started = std::time::Instant::now();
    // Without sshpass's LogLevel, so the client says why it stopped.
    let out = Command::new("ssh")
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args([
            "-o",
            "BatchMode=yes",
            "-o",
            "KexAlgorithms=diffie-hellman-group18-sha512",
        ])
        .args(["-p", &server.port.to_string(), "team-dh@127.0.0.1", "true"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("no matching key exchange method"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(!dir.join("teams/team-dh.toml").exists());
    // The client's own list: a hybrid it may not know is skipped.
    let known = Command::new("ssh").arg("-Q").arg("kex").output().unwrap();
    let known = String::from_utf8_lossy(&known.stdout).to_string();
    for kex in ["curve25519-sha256", "mlkem768x25519-sha256"] {
        if !known.lines().any(|l| l == kex) {
            continue;
        }
        let team = format!("team-{}", &kex[..5]);
        let p = Participant::join_with(
            &server,
            &team,
            "C.UTF-8",
            &format!("-o KexAlgorithms={kex}"),
        );
        p.wait("turn 1/");
        server.wait_log(&format!("joined: {team} from"));
    }
}

#[test]
fn commands_subsystems_and_forwarding_are_refused() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-refuse");
    let server = Server::start(&dir, &[]);
    let out = ssh(CODE, server.port)
        .args(["team-x@127.0.0.1", "ls", "/"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("etc"), "no listing: {stdout}");
    server.wait_log("refused: team-x from 127.0.0.1");
    server.wait_log("command `ls /`");
    // An exec string with escape sequences (a window title, a clipboard
    // write) and a bidi override reaches the log cleaned.
    let out = ssh(CODE, server.port)
        .args([
            "team-x@127.0.0.1",
            "\u{1b}]52;c;ZXZpbA==\u{7}echo\u{202e}evil",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let log = server.wait_log("command `]52;c;ZXZpbA==echoevil`");
    assert!(
        !log.contains('\u{1b}') && !log.contains('\u{202e}'),
        "{log:?}"
    );

    let out = ssh(CODE, server.port)
        .args(["-s", "team-x@127.0.0.1", "sftp"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    server.wait_log("subsystem sftp");

    // -L: a connection to the forwarded port gets nothing from the target
    // (the server itself, which would greet with "SSH-2.0").
    let local = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let lport = local.local_addr().unwrap().port();
    drop(local);
    let mut fwd = ssh(CODE, server.port)
        .args([
            "-N",
            "-L",
            &format!("127.0.0.1:{lport}:127.0.0.1:{}", server.port),
        ])
        .arg("team-x@127.0.0.1")
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let got = loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", lport)) {
            use std::io::Read;
            s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
            let mut buf = [0u8; 64];
            break s
                .read(&mut buf)
                .map(|n| buf[..n].to_vec())
                .unwrap_or_default();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "ssh -L never listened"
        );
        sleep(Duration::from_millis(100));
    };
    let _ = fwd.kill();
    let _ = fwd.wait();
    assert!(
        !String::from_utf8_lossy(&got).contains("SSH-2.0"),
        "{got:?}"
    );
    server.wait_log("port forwarding to 127.0.0.1");
}

#[test]
fn a_team_that_reconnects_resumes_and_two_connections_share_the_game() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-rejoin");
    let server = Server::start(&dir, &[]);
    let p = Participant::join(&server, "Blue");
    p.wait("turn 1/");
    p.keys(&["a"]);
    p.wait("turn 2/");
    // A second connection of the same team sees the same game, live.
    let q = Participant::join_team(&server, "blue", "Blue");
    q.wait("turn 2/");
    // Each laptop of the team hears of the other.
    p.wait("another laptop joined this team");
    q.keys(&["a"]);
    q.wait("turn 3/");
    p.wait("turn 3/");
    // Leaving (q) and joining again picks up where the team was.
    p.keys(&["q"]);
    p.wait("SSH-EXITED");
    drop(p);
    drop(q);
    server.wait_log("left: Blue");
    let again = Participant::join_team(&server, "BLUE", "Blue");
    again.wait("turn 3/");
    assert!(
        server.log().contains("(resumed, turn 3)"),
        "{}",
        server.log()
    );
}

#[test]
fn two_teams_appear_on_the_board_and_in_the_debrief() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-board");
    let mut server = Server::start(&dir, &[]);
    let a = Participant::join(&server, "Ants");
    let b = Participant::join(&server, "Bees");
    a.wait("turn 1/");
    b.wait("turn 1/");
    a.keys(&["Right", "Right", "a"]);
    a.wait("turn 2/");
    server.command("board");
    let log = server.wait_log("Bees ");
    assert!(log.contains("Ants "), "{log}");
    server.command("news lunch at noon");
    a.wait("lunch at noon");
    b.wait("lunch at noon");
    server.command("end");
    a.wait("Debrief");
    b.wait("Debrief");
    server.command("debrief");
    let log = server.wait_log("Decisions, team by team");
    assert!(log.contains("Ants") && log.contains("Bees"), "{log}");
    // The files in DIR make the same debrief.
    let out = Command::new(crate::support::BIN)
        .arg("debrief")
        .args([dir.join("teams/ants.toml"), dir.join("teams/bees.toml")])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("Ants") && text.contains("Bees"),
        "{text}"
    );
}

#[test]
fn a_restarted_server_resumes_every_team_and_keeps_its_host_key() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-restart");
    let server = Server::start(&dir, &[]);
    let first_key = server
        .log()
        .lines()
        .find(|l| l.starts_with("host key"))
        .unwrap()
        .to_string();
    let p = Participant::join(&server, "Crows");
    p.wait("turn 1/");
    let pin = server.pin("Crows");
    p.keys(&["Left", "a", "a"]);
    p.wait("turn 3/");
    // Ctrl-C stops the server: every participant is told, every file complete.
    let log = server.interrupt();
    assert!(log.contains("stopping"), "{log}");
    // The participant was told.
    p.wait("The class is over");
    drop(p);

    let server = Server::start(&dir, &[]);
    let log = server.wait_log("resumed Crows");
    assert!(log.contains(&first_key), "the same host key: {log}");
    // The team's PIN is the same after the restart.
    let p = Participant::join(&server, "crows");
    p.wait("team PIN");
    p.keys(&[&pin, "Enter"]);
    p.wait("turn 3/");
}

#[test]
fn a_full_class_says_so_politely() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-full");
    let server = Server::start(&dir, &["--max-teams", "1"]);
    let a = Participant::join(&server, "Solo");
    a.wait("turn 1/");
    let out = ssh(CODE, server.port)
        .args(["-tt", "Second@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the class is full (at most 1 teams)"),
        "{text}"
    );
    server.wait_log("refused: Second from 127.0.0.1");
}

#[test]
fn the_client_language_cjk_names_and_window_changes_reach_the_app() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-lang");
    let server = Server::start(&dir, &[]);
    let p = Participant::join_with(&server, "飞轮队", "zh_CN.UTF-8", "");
    let screen = p.wait("飞轮队");
    assert!(screen.contains("回合"), "Chinese from LANG: {screen}");
    server.wait_log("joined: 飞轮队 from 127.0.0.1");
    assert!(dir.join("teams/飞轮队.toml").exists());
    // A smaller window: the app is drawn again at that size.
    let wide = p.screen();
    assert!(wide.lines().any(|l| l.chars().count() > 100), "{wide}");
    p.resize(84, 28);
    let start = Instant::now();
    loop {
        let s = p.screen();
        let widest = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        if widest <= 84 && s.contains("飞轮队") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "not redrawn:\n{s}"
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn explore_mode_gives_the_explorer_and_typed_values() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-explore");
    let server = Server::start(&dir, &["--mode", "explore"]);
    let p = Participant::join(&server, "Owls");
    p.wait("Parameters");
    // Type an exact value: Enter, digits, Enter.
    p.keys(&["Enter", "1", "2", "3", "Enter"]);
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(dir.join("teams/owls.toml")).unwrap_or_default();
        if text.contains("new = 123") {
            assert!(text.contains("kind = \"explore\""), "{text}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the typed value was not saved: {text}\n{}",
            p.screen()
        );
        sleep(Duration::from_millis(50));
    }
    // A save lands in the team's folder of the class directory, under the
    // name typed, never at a path of the participant's.
    p.keys(&["s"]);
    p.wait("Save scenario as");
    p.keys(&["Enter"]);
    p.wait("saved scenario to");
    let saved = dir.join("files").join("owls").join("balanced.toml");
    let start = Instant::now();
    while !saved.is_file() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{} was not written:\n{}",
            saved.display(),
            p.screen()
        );
        sleep(Duration::from_millis(50));
    }
    assert!(
        flywheel::scenario::load_file(&saved).is_ok(),
        "the saved scenario loads"
    );
    // The best steady policy is searched on the server and arrives. The
    // search is real work for the test build of the server (about 17 s
    // here with other builds running), so it gets longer than a key.
    p.keys(&["O"]);
    p.wait_within(Duration::from_secs(90), "within 1% of the best");
}

#[test]
fn idle_and_silent_connections_are_dropped() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-idle");
    // Long enough for ssh to log in on a loaded machine, short for a test.
    let server = Server::start(&dir, &["--idle-timeout", "1", "--auth-timeout", "4"]);
    let p = Participant::join(&server, "Sleepy");
    p.wait("Disconnected after 1 seconds without a key");
    server.wait_log("left: Sleepy (idle)");
    // A connection that never says anything is closed.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let opened = Instant::now();
    let mut all = Vec::new();
    use std::io::Read;
    let _ = s.read_to_end(&mut all);
    assert!(String::from_utf8_lossy(&all).starts_with("SSH-2.0-"));
    assert!(
        opened.elapsed() < Duration::from_secs(12),
        "closed by the server"
    );
    server.wait_log("refused: 127.0.0.1");
}

#[test]
fn authorized_keys_let_a_team_in_without_the_code() {
    if !available() {
        return;
    }
    let dir = TempDir::new("serve-keys");
    let key = dir.join("id_test");
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(ok.success());
    let auth = dir.join("authorized_keys");
    std::fs::copy(dir.join("id_test.pub"), &auth).unwrap();
    let server = Server::start(&dir, &["--authorized-keys", auth.to_str().unwrap()]);
    let extra = format!(
        "-o PubkeyAuthentication=yes -o PasswordAuthentication=no -o KbdInteractiveAuthentication=no -o IdentitiesOnly=yes -i {}",
        key.display()
    );
    let p = Participant::join_with(&server, "Keyed", "C.UTF-8", &extra);
    p.wait("player Keyed");
    assert!(
        server
            .log()
            .contains("(their public key in --authorized-keys)")
    );
    // Without the key, no password gets in.
    let out = ssh(CODE, server.port)
        .args(["-tt", "Guess@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!server.log().contains("joined: Guess"));
    // The key is bound to the team it first joined: it plays no other.
    let other = Command::new("ssh")
        .args(extra.split(' '))
        .args(crate::support::ssh::ssh_args(server.port))
        .args(["-tt", "Other@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&other.stdout);
    assert!(said.contains("this key belongs to team Keyed"), "{said}");
    // Options the server cannot honour refuse the file at the start.
    let line = std::fs::read_to_string(dir.join("id_test.pub")).unwrap();
    for option in ["no-pty", "command=\"ls -l\""] {
        std::fs::write(&auth, format!("{option} {line}")).unwrap();
        let out = Command::new(crate::support::BIN)
            .args([
                "serve",
                "balanced",
                "--no-board",
                "--port",
                "0",
                "--authorized-keys",
            ])
            .arg(&auth)
            .arg("--dir")
            .arg(dir.join("other-class"))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let name = option.split('=').next().unwrap();
        assert!(
            !out.status.success()
                && err.contains(&format!(
                    "authorized_keys:1:1: option `{name}` cannot be honoured"
                )),
            "{err}"
        );
    }
}

#[test]
fn three_wrong_codes_end_the_connection_after_a_delay() {
    // russh's client, so no OpenSSH is needed; the server binary is the same.
    let dir = TempDir::new("serve-tries");
    let server = Server::start(&dir, &[]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let config = std::sync::Arc::new(russh::client::Config::default());
        let mut s = russh::client::connect(config, ("127.0.0.1", server.port), AnyHost)
            .await
            .unwrap();
        let start = Instant::now();
        for _ in 0..2 {
            let r = s.authenticate_password("mallory", "guess").await.unwrap();
            assert!(!r.success());
        }
        assert!(
            start.elapsed() >= Duration::from_millis(1500),
            "each refusal waits: {:?}",
            start.elapsed()
        );
        let third = s.authenticate_password("mallory", "guess").await;
        assert!(!third.is_ok_and(|r| r.success()));
        // The connection is gone: even the right code is no use on it.
        let fourth = s.authenticate_password("mallory", CODE).await;
        assert!(!fourth.is_ok_and(|r| r.success()));
    });
    server.wait_log("wrong class code (try 3/3)");
    assert!(!server.log().contains("joined: mallory"));
}

#[test]
fn a_flood_of_input_is_cut_and_logged_and_the_session_goes_on() {
    let dir = TempDir::new("serve-flood");
    let server = Server::start(&dir, &[]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use russh::ChannelMsg;
        let config = std::sync::Arc::new(russh::client::Config::default());
        let mut s = russh::client::connect(config, ("127.0.0.1", server.port), AnyHost)
            .await
            .unwrap();
        let r = s.authenticate_password("flood", CODE).await.unwrap();
        assert!(r.success());
        let mut ch = s.channel_open_session().await.unwrap();
        ch.request_pty(false, "xterm", 100, 30, 0, 0, &[])
            .await
            .unwrap();
        ch.request_shell(false).await.unwrap();
        // 20,000 presses of → in one write.
        ch.data(&b"\x1b[C".repeat(20_000)[..]).await.unwrap();
        let start = Instant::now();
        while !server.log().contains("input cut to") {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{}",
                server.log()
            );
            let _ = tokio::time::timeout(Duration::from_millis(50), ch.wait()).await;
        }
        // Still answering: a key brings a frame. First the frames already
        // on their way are read until 300 ms pass without one (nothing says
        // the last has come), so the frame waited for is the key's.
        while tokio::time::timeout(Duration::from_millis(300), ch.wait())
            .await
            .is_ok()
        {}
        ch.data(&b"\x1b[B"[..]).await.unwrap();
        let frame = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                if let Some(ChannelMsg::Data { .. }) = ch.wait().await {
                    return true;
                }
            }
        })
        .await;
        assert_eq!(frame, Ok(true));
    });
    assert!(
        server
            .log()
            .contains("refused: flood: input cut to 4096 bytes")
    );
}

#[test]
fn the_mouse_wheel_over_a_parameter_moves_it() {
    let dir = TempDir::new("serve-mouse");
    let server = Server::start(&dir, &["--mode", "explore"]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (_s, mut ch) = russh_join(server.port, "mice", 120, 40).await;
        // The wheel is mapped on the screen as last drawn: read the first
        // frame until 500 ms pass without data (nothing says it is whole).
        while tokio::time::timeout(Duration::from_millis(500), ch.wait())
            .await
            .is_ok()
        {}
        // SGR wheel-up events down the parameter panel (1-based column 10).
        for row in 6..14 {
            ch.data(format!("\x1b[<64;10;{row}M").as_bytes())
                .await
                .unwrap();
        }
        // The session file records the change: read frames until it does.
        let start = Instant::now();
        loop {
            let text = std::fs::read_to_string(dir.join("teams/mice.toml")).unwrap_or_default();
            if text.contains("[[decisions]]") {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the wheel changed nothing: {text}"
            );
            let _ = tokio::time::timeout(Duration::from_millis(50), ch.wait()).await;
        }
    });
    let text = std::fs::read_to_string(dir.join("teams/mice.toml")).unwrap();
    assert!(
        text.contains("[[decisions]]"),
        "the wheel changed nothing: {text}"
    );
}

/// The trainer's terminal goes away under the board (its window closed, its
/// tmux killed): the server stops the class and ends, rather than spin a
/// core on a terminal that reads as end of file forever.
#[test]
fn a_board_whose_terminal_hangs_up_stops_the_class() {
    if !Tmux::available() {
        return;
    }
    let dir = TempDir::new("serve-hangup");
    let log = dir.join("stderr.log");
    let t = Tmux::start(
        "serve-hangup",
        120,
        40,
        &format!(
            "export LC_ALL=C.UTF-8; '{}' serve balanced --port 0 --dir '{}' --code strong-code-123 2>'{}'",
            support::BIN,
            dir.join("class").display(),
            log.display()
        ),
    );
    t.wait("teams");
    let alive = || {
        std::process::Command::new("pgrep")
            .args(["-f", &dir.join("class").display().to_string()])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    assert!(alive(), "the server runs under its board");
    let _ = t.cmd().arg("kill-server").status();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while alive() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !alive(),
        "still running 15 s after its terminal went away: {said}"
    );
    assert!(said.contains("the board's terminal is gone"), "{said}");
}
