//! Helpers shared by the integration tests: each harness (`tests/*/main.rs`)
//! includes this module with `#[path = "../support/mod.rs"] mod support;`.

// Each harness uses the part it needs.
#![allow(dead_code)]

pub mod ssh;
pub mod tmux;
pub mod tui;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use flywheel::scenario::Scenario;

/// Whether tests that need an outside tool (tmux, ssh, PySD, a CJK font)
/// must fail, not skip, when it is missing: `.ci/run` sets
/// `FLYWHEEL_REQUIRE_TOOLS=1` after installing them, so a missing tool can
/// never pass as green.
pub fn tools_required() -> bool {
    std::env::var("FLYWHEEL_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Reports a missing tool: a failure where tools are required, else a
/// note that the test was skipped. Returns false, for `if !...` guards.
pub fn missing(what: &str) -> bool {
    assert!(
        !tools_required(),
        "FLYWHEEL_REQUIRE_TOOLS=1 but {what} is missing (.ci/run installs it)"
    );
    eprintln!("SKIPPED: {what} is missing (.ci/run installs it)");
    false
}

/// The `flywheel` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_flywheel");

/// `flywheel` as a command to run and assert on.
pub fn flywheel() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("flywheel")
}

/// `flywheel` with no locale from the environment: English unless told.
pub fn flywheel_unlocalized() -> assert_cmd::Command {
    let mut cmd = flywheel();
    for k in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(k);
    }
    cmd
}

/// What a command that succeeds prints on stdout, with `--lang lang`.
pub fn stdout_in(lang: &str, args: &[&str]) -> String {
    let out = flywheel_unlocalized()
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .expect("the command runs");
    assert!(
        out.status.success(),
        "{args:?} --lang {lang}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// A scenario as `flywheel` finds it from an argument: a file, else a preset.
/// Panics with the diagnostics if it does not load.
pub fn scenario(name: &str) -> Scenario {
    flywheel::scenario::resolve(name).unwrap_or_else(|e| panic!("{name} does not load:\n{e}"))
}

/// The `balanced` preset, where most tests start.
pub fn balanced() -> Scenario {
    scenario("balanced")
}

/// A fresh, empty directory for one test, removed with everything in it when
/// dropped, so also when the test panics. Its name says which test made it.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Makes `fw-NAME-PID-N` under the system's temporary directory (unique
    /// in this process, where the tests of a harness run side by side).
    pub fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "fw-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot make {}: {e}", dir.display()));
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `flywheel replay SESSION` as a user runs it: the CSV on standard output.
pub fn replay(session: &Path) -> Vec<u8> {
    let out = flywheel()
        .arg("replay")
        .arg(session)
        .output()
        .expect("flywheel runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `flywheel ARGS`: whether it succeeded, its stdout and its stderr.
pub fn run(args: &[&str]) -> (bool, String, String) {
    let out = flywheel().args(args).output().expect("flywheel runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An explore session of `balanced` by "Team Profit": the price raised to 117
/// at the start, the R&D share cut to 0.075 at week 52.
pub fn team_profit_session() -> flywheel::play::session::Session {
    use flywheel::model::ParamId;
    use flywheel::play::game::Decision;
    use flywheel::play::session::{Kind, Session};
    Session {
        kind: Kind::Explore,
        player: "Team Profit".into(),
        scenario_toml: flywheel::scenario::preset("balanced")
            .expect("the balanced preset")
            .toml
            .to_string(),
        seed: 1,
        stochastic: false,
        decisions: vec![
            Decision {
                period: 0,
                key: ParamId::Price,
                old: 100.0,
                new: 117.0,
            },
            Decision {
                period: 52,
                key: ParamId::RdShare,
                old: 0.1,
                new: 0.075,
            },
        ],
        ..Session::default()
    }
}
