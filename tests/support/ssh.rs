//! `flywheel serve` on 127.0.0.1 and the participants who join it with the
//! real OpenSSH client (`ssh -tt` in tmux, the class code from `sshpass`).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{JoinHandle, sleep};
use std::time::{Duration, Instant};

use super::tmux::Tmux;

/// The class code the servers are started with.
pub const CODE: &str = "tea-time";

/// Whether ssh, sshpass and tmux run here; if not, [`super::missing`] says
/// so (and fails where the tools are required).
pub fn available() -> bool {
    let ok = |c: &str, a: &str| {
        Command::new(c)
            .arg(a)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    ok("ssh", "-V") && ok("sshpass", "-V") && ok("tmux", "-V")
        || super::missing("ssh, sshpass or tmux (apt-get install openssh-client sshpass tmux)")
}

/// A running `flywheel serve --no-board`: its log lines (stdout and stderr)
/// collected, commands written to its stdin. Killed on drop.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
    pub port: u16,
}

impl Server {
    /// Serves `balanced` from `dir` on a free port, with the class code
    /// (left out with `--authorized-keys`: only the keys get in; or another
    /// given in `extra`) and
    /// `extra` options; returns once it logs that it listens.
    pub fn start(dir: &Path, extra: &[&str]) -> Server {
        let code: &[&str] = if extra.contains(&"--authorized-keys") || extra.contains(&"--code") {
            &[]
        } else {
            &["--code", CODE]
        };
        let mut child = Command::new(super::BIN)
            .args(["serve", "balanced", "--no-board", "--bind", "127.0.0.1"])
            .args(["--port", "0", "--dir"])
            .arg(dir)
            .args(code)
            .args(extra)
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take();
        let out = Arc::new(Mutex::new(String::new()));
        let readers = [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ]
        .into_iter()
        .map(|stream| {
            let out = Arc::clone(&out);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    let mut o = out.lock().unwrap();
                    o.push_str(&line);
                    o.push('\n');
                }
            })
        })
        .collect();
        let mut s = Server {
            child,
            stdin,
            out,
            readers,
            port: 0,
        };
        let line = s.wait_log("listening on 127.0.0.1:");
        s.port = line
            .lines()
            .find_map(|l| l.split("listening on 127.0.0.1:").nth(1))
            .and_then(|p| p.trim().parse().ok())
            .expect("the banner names the port");
        s
    }

    /// Everything logged so far.
    pub fn log(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// Waits until the log contains `text`; returns the log.
    pub fn wait_log(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(text) {
                return log;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server never logged {text:?}; log:\n{log}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// The PIN of `team` (as shown), from the log line of its first join.
    pub fn pin(&self, team: &str) -> String {
        let log = self.wait_log(&format!("joined: {team} from"));
        log.lines()
            .filter(|l| l.contains(&format!("joined: {team} from")))
            .find_map(|l| l.split(", PIN ").nth(1))
            .map(|p| p.trim_end_matches(')').to_string())
            .unwrap_or_else(|| panic!("no PIN logged for {team}:\n{log}"))
    }

    /// Types a command line into the server's terminal.
    pub fn command(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Stops the server with SIGINT, as Ctrl-C in its terminal does;
    /// returns its whole log.
    pub fn interrupt(self) -> String {
        let pid = self.child.id().to_string();
        let ok = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(ok.success());
        self.wait_exit()
    }

    /// Stops the server with its `quit` command; returns its whole log.
    pub fn stop(mut self) -> String {
        self.command("quit");
        self.wait_exit()
    }

    /// Waits for a successful exit, then for the last lines it wrote.
    fn wait_exit(mut self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "serve exited with {status}");
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the server did not stop; log:\n{}",
                self.log()
            );
            sleep(Duration::from_millis(50));
        }
        // Its pipes close with it: the readers end once they have every line.
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        self.log()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The options every ssh here takes: no host key check, no key of the
/// user's, LANG sent along, the server's port.
pub fn ssh_args(port: u16) -> Vec<String> {
    [
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "PubkeyAuthentication=no",
        "-o",
        "SendEnv=LANG",
        "-p",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([port.to_string()])
    .collect()
}

/// `ssh` with the class code (or another password) given by sshpass.
pub fn ssh(password: &str, port: u16) -> Command {
    let mut c = Command::new("sshpass");
    c.args(["-p", password, "ssh"]).args(ssh_args(port));
    c.env("LC_ALL", "C.UTF-8");
    c
}

/// A participant: `ssh -tt TEAM@127.0.0.1` in a 110x36 tmux session. When
/// ssh ends, the pane shows `SSH-EXITED` and stays for the screen to be read.
pub struct Participant {
    pub tmux: Tmux,
}

impl Participant {
    /// Joins `server` as `team` with the class code, in a UTF-8 locale.
    pub fn join(server: &Server, team: &str) -> Participant {
        Participant::join_with(server, team, "C.UTF-8", "")
    }

    /// Joins with a locale (sent as LANG) and extra ssh options.
    pub fn join_with(server: &Server, team: &str, lang: &str, extra: &str) -> Participant {
        let args = ssh_args(server.port).join(" ");
        let cmd = format!(
            "export LANG={lang}; sshpass -p {CODE} ssh -tt {extra} {args} '{team}'@127.0.0.1; echo SSH-EXITED; exec sleep 60"
        );
        let name = format!("serve-{}", team.replace(' ', "_"));
        Participant {
            tmux: Tmux::start(&name, 110, 36, &cmd),
        }
    }

    /// Joins a team that plays already: the class code, then the team's
    /// PIN at the prompt.
    pub fn join_team(server: &Server, team: &str, shown: &str) -> Participant {
        let pin = server.pin(shown);
        let p = Participant::join(server, team);
        p.wait("team PIN");
        p.tmux.keys(&[&pin, "Enter"]);
        p
    }

    /// The participant's screen.
    pub fn screen(&self) -> String {
        self.tmux.screen()
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait(&self, text: &str) -> String {
        self.tmux.wait(text)
    }

    /// [`Participant::wait`] with another time limit, for a screen that
    /// waits on a long computation on the server.
    pub fn wait_within(&self, limit: Duration, text: &str) -> String {
        self.tmux
            .wait_for_within(limit, &format!("{text:?}"), |s| s.contains(text))
    }

    /// Sends keys (tmux key names), one at a time.
    pub fn keys(&self, keys: &[&str]) {
        self.tmux.keys(keys);
    }

    /// Resizes the participant's terminal.
    pub fn resize(&self, width: u16, height: u16) {
        self.tmux.resize(width, height);
    }
}
