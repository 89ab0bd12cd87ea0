//! Ctrl-C during a long job stops it cleanly: exit 130, a message, no output file.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{self, TempDir};

/// Whether process `pid` catches SIGINT, SIGTERM and SIGHUP (Linux: their
/// bits in `SigCgt` in /proc/PID/status); None where /proc does not say.
/// The program installs its handlers in that order, each in two steps, so
/// all three caught means SIGINT's handler is complete.
fn handles_signals(pid: u32) -> Option<bool> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let mask = status.lines().find_map(|l| l.strip_prefix("SigCgt:"))?;
    let mask = u64::from_str_radix(mask.trim(), 16).ok()?;
    let bit = |signal: u32| 1u64 << (signal - 1);
    let wanted = bit(1) | bit(2) | bit(15);
    Some(mask & wanted == wanted)
}

#[test]
fn ctrl_c_stops_a_long_monte_carlo_and_leaves_no_file() {
    let dir = TempDir::new("interrupt");
    let out = dir.join("bands.csv");
    let mut child = Command::new(support::BIN)
        .args([
            "montecarlo",
            "balanced",
            "--runs",
            "100000",
            "--periods",
            "10000",
            "--format",
            "csv",
            "--out",
        ])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Ready once its Ctrl-C handler is in place (the first thing it does);
    // a signal before that would kill it outright.
    let start = Instant::now();
    loop {
        match handles_signals(child.id()) {
            Some(true) => break,
            Some(false) => {}
            None => {
                // No /proc to ask: give it the time it takes to start.
                std::thread::sleep(Duration::from_millis(700));
                break;
            }
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the job ended before it could be interrupted"
        );
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the handler for Ctrl-C was never installed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the job should still be running"
    );
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    let output = loop {
        if child.try_wait().unwrap().is_some() {
            break child.wait_with_output().unwrap();
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "did not stop after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}
