//! The one tmux driver: a program in a private tmux server, keys in with
//! `send-keys`, the screen back with `capture-pane`, as a user sees it.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a wait for the screen lasts before the test fails showing it.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A private tmux server (its own socket) with one session, killed on drop.
pub struct Tmux {
    socket: String,
}

/// The session's name in its private server.
const SESSION: &str = "fw";

impl Tmux {
    /// Whether tmux runs here; if not, [`super::missing`] says so (and fails
    /// where the tools are required).
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
            || super::missing("tmux")
    }

    /// Runs `sh -c COMMAND` in a new `width` x `height` session, in the
    /// system's temporary directory. `name` goes into the socket's name.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let t = Tmux {
            socket: format!(
                "fw-{name}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ),
        };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-s", SESSION])
            .args(["-x", &width.to_string(), "-y", &height.to_string(), "-c"])
            .arg(std::env::temp_dir())
            .args(["sh", "-c", command])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    /// `tmux -L SOCKET`: a command to this session's server.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Sends each key (tmux key names: `Right`, `C-c`, `a`), one at a time.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = self
                .cmd()
                .args(["send-keys", "-t", SESSION, k])
                .status()
                .expect("tmux runs");
            assert!(ok.success(), "tmux send-keys {k} failed");
            // Nothing on screen says a key was read (many change nothing
            // visible), so the keys are spaced instead: a lone Escape
            // followed at once by another key would reach the program as
            // one Alt+key sequence.
            sleep(Duration::from_millis(80));
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", SESSION])
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format's value for the session, e.g. `#{alternate_on}`.
    pub fn display(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display", "-p", "-t", SESSION, format])
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Resizes the window, as a user resizing the terminal.
    pub fn resize(&self, width: u16, height: u16) {
        let ok = self
            .cmd()
            .args(["resize-window", "-t", SESSION])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .expect("tmux runs");
        assert!(ok.success(), "tmux resize-window failed");
    }

    /// Waits until the screen satisfies `ok` and returns it, or fails
    /// after [`TIMEOUT`] showing the screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(TIMEOUT, what, ok)
    }

    /// [`Tmux::wait_for`] with another time limit, for a screen that waits
    /// on a long computation rather than on the program answering a key.
    pub fn wait_for_within(
        &self,
        limit: Duration,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < limit,
                "timed out after {limit:?} waiting for {what}; screen:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .cmd()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
