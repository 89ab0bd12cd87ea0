//! End to end: the real binary in tmux. Keys go in with `send-keys`, the
//! screen comes back with `capture-pane`, as a user would see it.

use std::process::Command;

use crate::support::tmux::Tmux;
use crate::support::{self, TempDir};

/// `sh -c COMMAND` in a 120x40 tmux session, in English whatever the
/// machine's locale, so the screens read as asserted.
fn start(name: &str, command: &str) -> Tmux {
    Tmux::start(
        &format!("e2e-{name}"),
        120,
        40,
        &format!("export LC_ALL=C.UTF-8; {command}"),
    )
}

/// The line under the KPI labels: "$486M ±0%  90.1k ±0% ...".
fn kpi_values(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("Total profit"))
        .expect("KPI strip");
    lines[i + 1].to_string()
}

/// `flywheel ARGS`, then `EXITED` when it ends. The shell then sleeps
/// instead of ending, so the pane stays to be read; the session is killed
/// when the test drops it.
fn command(args: &str) -> String {
    format!("'{}' {args}; echo EXITED; exec sleep 60", support::BIN)
}

#[test]
fn a_parameter_change_moves_the_numbers_and_quit_restores_the_terminal() {
    if !Tmux::available() {
        return;
    }
    let t = start("tui", &command("tui balanced"));
    let first = t.wait_for("the main screen", |s| {
        s.contains("Total profit") && s.contains("balanced")
    });
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "runs in the alternate screen"
    );
    let before = kpi_values(&first);
    assert!(
        before.contains("±0%"),
        "starts equal to the baseline: {before}"
    );

    // Market size is selected first: raise it by a coarse step.
    t.keys(&["PageUp"]);
    let after = t.wait_for("the KPIs to move", |s| kpi_values(s) != before);
    let moved = kpi_values(&after);
    assert!(moved.contains('+'), "a bigger market earns more: {moved}");
    assert!(after.contains("Parameters (1 changed)"), "{after}");

    // Undo brings the numbers back.
    t.keys(&["u"]);
    t.wait_for("undo", |s| kpi_values(s) == before);

    t.keys(&["q"]);
    let end = t.wait_for("the program to exit", |s| s.contains("EXITED"));
    assert!(
        !end.contains("Total profit"),
        "the screen was restored:\n{end}"
    );
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
}

#[test]
fn no_arguments_opens_balanced_and_ctrl_c_quits() {
    if !Tmux::available() {
        return;
    }
    let t = start("bare", &command(""));
    t.wait_for("the main screen", |s| {
        s.contains("balanced") && s.contains("Feedback lane")
    });
    t.keys(&["?"]);
    t.wait_for("the help overlay", |s| s.contains("Help (Esc close)"));
    t.keys(&["Escape"]);
    t.wait_for("help to close", |s| !s.contains("Help (Esc close)"));
    t.keys(&["C-c"]);
    t.wait_for("the program to exit", |s| s.contains("EXITED"));
    assert_eq!(t.display("#{alternate_on}"), "0");
}

/// The pid of the flywheel process running in the pane.
fn flywheel_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &shell, "-x", "flywheel"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    if !Tmux::available() {
        return;
    }
    if Command::new("pgrep").arg("-V").output().is_err() {
        support::missing("pgrep");
        return;
    }
    for signal in ["-TERM", "-HUP"] {
        let cmd = format!(
            "'{}' tui balanced; echo EXITED; stty -a; exec sleep 60",
            support::BIN
        );
        let t = start(&format!("sig{signal}"), &cmd);
        t.wait_for("the main screen", |s| s.contains("Total profit"));
        assert_eq!(t.display("#{alternate_on}"), "1");
        let pid = flywheel_pid(&t);
        assert!(!pid.is_empty(), "found the process");
        assert!(
            Command::new("kill")
                .args([signal, &pid])
                .status()
                .unwrap()
                .success()
        );
        let end = t.wait_for("the program to exit", |s| {
            s.contains("EXITED") && s.contains("icanon")
        });
        assert_eq!(
            t.display("#{alternate_on}"),
            "0",
            "{signal}: left the alternate screen"
        );
        // Raw mode is off again: the line discipline echoes and edits lines.
        assert!(
            end.contains(" icanon") && end.contains(" echo "),
            "{signal}: terminal still raw:\n{end}"
        );
    }
}

#[test]
fn the_open_file_reloads_live_and_a_broken_edit_keeps_the_last_good_state() {
    if !Tmux::available() {
        return;
    }
    let dir = TempDir::new("e2e-reload");
    let file = dir.join("plan.toml");
    std::fs::write(
        &file,
        "# my plan\n[scenario]\nname = \"plan\"\n[feedback]\nlatency = 12\n",
    )
    .unwrap();
    let t = start("reload", &command(&format!("tui '{}'", file.display())));
    let first = t.wait_for("the main screen", |s| {
        s.contains("plan") && s.contains("Total profit")
    });
    let before = kpi_values(&first);

    std::fs::write(
        &file,
        "# my plan\n[scenario]\nname = \"plan\"\n[feedback]\nlatency = 2\n",
    )
    .unwrap();
    let reloaded = t.wait_for("the reload", |s| {
        s.contains("reloaded") && kpi_values(s) != before
    });
    let good = kpi_values(&reloaded);

    std::fs::write(
        &file,
        "# my plan\n[scenario]\nname = \"plan\"\n[feedback]\nlatency = -2\n",
    )
    .unwrap();
    let broken = t.wait_for("the banner", |s| s.contains("the file on disk is invalid"));
    assert!(
        broken.contains("plan.toml:5:11"),
        "the banner names the place:\n{broken}"
    );
    assert_eq!(
        kpi_values(&broken),
        good,
        "the last good state stays on screen"
    );

    std::fs::write(
        &file,
        "# my plan\n[scenario]\nname = \"plan\"\n[feedback]\nlatency = 12\n",
    )
    .unwrap();
    let fixed = t.wait_for("the fix", |s| {
        !s.contains("the file on disk is invalid") && kpi_values(s) == before
    });
    assert!(fixed.contains("reloaded"));
    t.keys(&["q"]);
    t.wait_for("the program to exit", |s| s.contains("EXITED"));
}

#[test]
fn play_mode_advances_a_turn_and_quits_cleanly() {
    if !Tmux::available() {
        return;
    }
    let t = start("play", &command("play lesson-latency --player Ann"));
    let first = t.wait_for("the play screen", |s| {
        s.contains("PLAY") && s.contains("turn 1/16") && s.contains("Decisions")
    });
    assert!(first.contains("the future is hidden"), "{first}");
    assert!(first.contains("player Ann"), "{first}");
    // Lower the price a step, then advance one turn.
    t.keys(&["Left"]);
    t.wait_for("the pending change", |s| s.contains("1 change pending"));
    t.keys(&["a"]);
    let next = t.wait_for("the next turn", |s| s.contains("turn 2/16"));
    assert!(next.contains("week 13 of 208"), "{next}");
    assert!(next.contains("played weeks 0–12"), "{next}");
    assert!(
        next.contains("Price 100 → 95") && !next.contains("pricing.price"),
        "{next}"
    );

    // A game in progress is not thrown away on one key: q asks, n stays.
    t.keys(&["q"]);
    t.wait_for("the question", |s| {
        s.contains("Quit without saving? y quit")
    });
    t.keys(&["n"]);
    t.wait_for("the game again", |s| {
        !s.contains("Quit without saving?") && s.contains("turn 2/16")
    });
    t.keys(&["q"]);
    t.wait_for("the question", |s| s.contains("Quit without saving?"));
    t.keys(&["y"]);
    let end = t.wait_for("the program to exit", |s| s.contains("EXITED"));
    assert!(
        !end.contains("Decisions"),
        "the screen was restored:\n{end}"
    );
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
}

#[test]
fn a_lesson_at_80x24_shows_its_choices_and_asks_before_losing_the_answer() {
    if !Tmux::available() {
        return;
    }
    let t = start("lesson80", &command("tui lesson-latency"));
    t.wait_for("the lesson", |s| s.contains("Step 1/4"));
    t.resize(80, 24);
    assert_eq!(t.display("#{window_width}x#{window_height}"), "80x24");
    t.keys(&["n"]);
    let asked = t.wait_for("the prediction", |s| {
        s.contains("Step 2/4") && s.contains("4 rises by more than 25%")
    });
    for choice in [
        "1 falls or stays flat",
        "2 rises by up to 10%",
        "3 rises by 10% to 25%",
    ] {
        assert!(asked.contains(choice), "{choice}:\n{asked}");
    }
    t.keys(&["4"]);
    let answered = t.wait_for("the answer", |s| {
        s.contains("4 rises by more than 25% ✓ ← you")
    });
    assert!(answered.contains("in flight"), "{answered}");
    t.keys(&["q"]);
    t.wait_for("the question", |s| {
        s.contains("Quit without saving? y quit")
    });
    t.keys(&["y"]);
    t.wait_for("the program to exit", |s| s.contains("EXITED"));
}

#[test]
fn f_fits_to_the_history_in_the_background_and_enter_applies_it() {
    if !Tmux::available() {
        return;
    }
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let t = start(
        "refit",
        &command(&format!(
            "tui '{examples}/acme.toml' --data '{examples}/history.csv'"
        )),
    );
    let first = t.wait_for("the main screen", |s| s.contains("fit to history (MAPE)"));
    let before = kpi_values(&first);
    t.keys(&["F"]);
    let done = t.wait_for("the fit's result", |s| s.contains("MAPE now"));
    assert!(done.contains("90% interval"), "{done}");
    t.keys(&["Enter"]);
    let applied = t.wait_for("the values applied", |s| {
        s.contains("fitted values applied (4 parameters; u undoes)")
    });
    assert!(applied.contains("Parameters (4 changed)"), "{applied}");
    assert_ne!(kpi_values(&applied), before);
    t.keys(&["u"]);
    t.wait_for("one undo", |s| kpi_values(s) == before);
    t.keys(&["q"]);
    t.wait_for("the program to exit", |s| s.contains("EXITED"));
}
