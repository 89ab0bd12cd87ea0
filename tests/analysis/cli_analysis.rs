//! The analysis commands from the command line: output shapes, bad input, exit codes.

use predicates::prelude::*;

use crate::support::{self, TempDir, flywheel};

fn stdout_of(args: &[&str]) -> String {
    let out = flywheel().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Progress bars only appear on a terminal: nothing on stderr here.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn stochastic_runs_are_byte_identical_for_a_seed() {
    let a = stdout_of(&[
        "run",
        "balanced",
        "--stochastic",
        "--seed",
        "9",
        "--format",
        "csv",
    ]);
    let b = stdout_of(&[
        "run",
        "balanced",
        "--stochastic",
        "--seed",
        "9",
        "--format",
        "csv",
    ]);
    let c = stdout_of(&[
        "run",
        "balanced",
        "--stochastic",
        "--seed",
        "10",
        "--format",
        "csv",
    ]);
    assert_eq!(a, b);
    assert_ne!(a, c);
    // A file that asks for stochastic mode gives the same as the switch.
    let dir = TempDir::new("cli-analysis");
    let path = dir.join("s.toml");
    std::fs::write(&path, "[scenario]\nstochastic = true\nseed = 9\n").unwrap();
    let d = stdout_of(&["run", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(a, d);
}

#[test]
fn montecarlo_reports_percentiles_in_every_format() {
    let table = stdout_of(&["montecarlo", "balanced", "--runs", "30", "--periods", "52"]);
    assert!(table.contains("30 stochastic runs of 52 weeks"));
    assert!(table.contains("chance that cash goes below zero"));
    assert!(table.contains("Total revenue"), "{table}");
    let csv = stdout_of(&[
        "montecarlo",
        "balanced",
        "--runs",
        "30",
        "--periods",
        "52",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("period,customers_p5,customers_p25,customers_p50,customers_p75,customers_p95,new_customers_p5"));
    assert!(header.ends_with("cash_p95"));
    assert_eq!(lines.count(), 53);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "montecarlo",
        "balanced",
        "--runs",
        "30",
        "--periods",
        "52",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["runs"], 30);
    assert_eq!(json["bands"]["revenue"].as_array().unwrap().len(), 53);
    assert!(json["metrics"]["total_revenue"]["p50"].as_f64().unwrap() > 0.0);
}

#[test]
fn sweeps_give_a_table_a_grid_and_csv() {
    let one = stdout_of(&["sweep", "balanced", "--param", "feedback.latency=0..52:13"]);
    assert_eq!(one.lines().count(), 1 + 5);
    let grid = stdout_of(&[
        "sweep",
        "balanced",
        "--param",
        "feedback.latency=0..52:26",
        "--param",
        "pricing.price=50..200:50",
        "--metric",
        "total_revenue",
    ]);
    assert!(grid.contains("by feedback.latency (rows) and pricing.price (columns)"));
    assert!(grid.contains("scale"));
    assert!(
        !grid.contains('\x1b'),
        "no colour codes when not writing to a terminal"
    );
    let csv = stdout_of(&[
        "sweep",
        "balanced",
        "--param",
        "feedback.latency=0..52:26",
        "--param",
        "pricing.price=50..200:50",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("feedback.latency,pricing.price,total_revenue,final_customers")
    );
    assert_eq!(lines.count(), 3 * 4);
}

#[test]
fn sensitivity_draws_a_tornado() {
    let table = stdout_of(&["sensitivity", "balanced", "--delta", "10%"]);
    assert!(table.contains("moved down and up by 10%"));
    assert!(table.contains('█'));
    // By default the levers a user decides, named as the sliders are.
    assert!(
        table.contains("Sales share of revenue   sales.sales_share"),
        "{table}"
    );
    assert!(!table.contains("product.strength_exponent"), "{table}");
    assert!(
        table.contains("--all adds the structural constants"),
        "{table}"
    );
    let csv = stdout_of(&["sensitivity", "balanced", "--format", "csv"]);
    assert!(csv.starts_with(
        "rank,parameter,label,lever,base_value,low_value,high_value,metric_low,metric_high,swing"
    ));
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(
        rows.len() >= 5 && rows.len() < flywheel::model::PARAM_COUNT,
        "{csv}"
    );
    assert!(rows.iter().all(|r| r.contains(",true,")), "{csv}");
    // --all adds the structural constants.
    let all = stdout_of(&["sensitivity", "balanced", "--all", "--format", "csv"]);
    assert_eq!(all.lines().count(), 1 + flywheel::model::PARAM_COUNT);
    assert!(
        all.contains("product.strength_exponent,Strength exponent,false,"),
        "{all}"
    );
    // A play decision that is no default lever joins the ranking.
    let dir = TempDir::new("cli-analysis");
    let file = dir.join("decide_win_rate.toml");
    std::fs::write(&file, "[play]\ndecisions = [\"sales.win_rate\"]\n").unwrap();
    let with_play = stdout_of(&["sensitivity", file.to_str().unwrap(), "--format", "csv"]);
    assert!(with_play.contains(",sales.win_rate,"), "{with_play}");
}

#[test]
fn plots_are_written_and_never_overwritten_silently() {
    let dir = TempDir::new("cli-analysis");
    let svg = dir.join("chart.svg");
    flywheel()
        .args(["plot", "balanced", "--baseline", "silo", "-o"])
        .arg(&svg)
        .assert()
        .success();
    let first = std::fs::read_to_string(&svg).unwrap();
    assert!(first.contains("silo (baseline)"));
    flywheel()
        .args(["plot", "integrated", "-o"])
        .arg(&svg)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&svg).unwrap(),
        first,
        "the old picture is intact"
    );
    let png = dir.join("chart.png");
    flywheel()
        .args(["plot", "balanced", "-o"])
        .arg(&png)
        .assert()
        .success();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn bad_analysis_input_is_refused_with_exit_code_1() {
    for (args, fragment) in [
        (
            vec!["sweep", "balanced", "--param", "feedback.latency=0..52:0"],
            "STEP must be above 0",
        ),
        (
            vec!["sweep", "balanced", "--param", "feedback.latency=a..b:1"],
            "is not a number",
        ),
        (
            vec!["sweep", "balanced", "--param", "feedback.latency=52..0:4"],
            "reversed",
        ),
        (
            vec!["sweep", "balanced", "--param", "feedback.latncy=0..52:4"],
            "did you mean \"feedback.latency\"",
        ),
        (
            vec!["sweep", "balanced", "--param", "market.innovation=0..3:1"],
            "out of range",
        ),
        (
            vec![
                "sweep",
                "balanced",
                "--param",
                "feedback.latency=0..4:1",
                "--metric",
                "revenu",
            ],
            "unknown metric",
        ),
        (vec!["montecarlo", "balanced", "--runs", "0"], "--runs 0"),
        (
            vec!["montecarlo", "balanced", "--runs", "100000000"],
            "1–100000",
        ),
        (vec!["sensitivity", "balanced", "--delta", "0"], "--delta 0"),
        (
            vec!["sensitivity", "balanced", "--delta", "150%"],
            "at most 100%",
        ),
        (
            vec!["plot", "balanced", "-o", "/nonexistent-dir/x.svg"],
            "cannot write",
        ),
        (
            vec!["plot", "balanced", "-o", "chart.gif"],
            "end the file name in .svg or .png",
        ),
        (
            vec![
                "montecarlo",
                "balanced",
                "--runs",
                "5",
                "--out",
                "/nonexistent-dir/x.csv",
            ],
            "cannot write",
        ),
    ] {
        flywheel().args(&args).assert().code(1).stderr(
            predicate::str::contains(fragment).and(predicate::str::contains("panicked").not()),
        );
    }
    // A malformed command line is a usage error.
    flywheel().args(["sweep", "balanced"]).assert().code(2);
    flywheel()
        .args(["montecarlo", "balanced", "--runs", "many"])
        .assert()
        .code(2);
}

#[test]
fn a_bad_horizon_names_the_periods_option() {
    for p in ["0", "20000"] {
        flywheel()
            .args(["run", "balanced", "--periods", p])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with(format!(
                "--periods: {p} is out of range"
            )));
    }
}

#[test]
fn the_simulator_without_a_terminal_says_so_instead_of_panicking() {
    for args in [
        vec![],
        vec!["tui", "balanced"],
        vec!["play", "lesson-latency"],
    ] {
        let out = flywheel().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the simulator needs a terminal"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        // Nothing was sent to a terminal that is not there.
        assert!(!out.stdout.contains(&0x1b), "escape codes on stdout");
    }
}

/// A saved session of balanced: price raised at the start, R&D cut at week 52.
fn team_session(dir: &std::path::Path) -> std::path::PathBuf {
    let session = support::team_profit_session();
    let path = dir.join("team.session.toml");
    std::fs::write(&path, session.to_toml()).unwrap();
    path
}

#[test]
fn a_session_is_plotted_with_its_decisions_against_the_scenario_as_loaded() {
    let dir = TempDir::new("cli-analysis");
    let session = team_session(&dir);
    let svg = dir.join("team.svg");
    flywheel()
        .arg("plot")
        .arg(&session)
        .arg("-o")
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("Team Profit — balanced"),
        "the title names the team"
    );
    assert!(
        text.contains("balanced as loaded (baseline)"),
        "the baseline is named"
    );
    assert!(
        text.contains("Price 100 → 117"),
        "the decision at week 0 is marked"
    );
    assert!(
        text.contains("0.1 → 0.075"),
        "the decision at week 52 is marked"
    );
    // A session is drawn as played: overrides are refused, not ignored.
    flywheel()
        .arg("plot")
        .arg(&session)
        .args(["--set", "pricing.price=50", "-o"])
        .arg(dir.join("x.svg"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("drawn as it was played"));
}

#[test]
fn a_plot_takes_a_title_a_language_and_draws_shares_in_percent() {
    let dir = TempDir::new("cli-analysis");
    let svg = dir.join("titled.svg");
    flywheel()
        .args([
            "plot",
            "balanced",
            "--title",
            "Workshop A: the reference case",
            "-o",
        ])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Workshop A: the reference case"));
    // Conversion runs 0..22% in balanced: its axis reads 5%, 10%, 15%, 20%.
    assert!(text.contains("% of leads"));
    assert!(
        text.contains("\n15%\n") && text.contains("\n20%\n"),
        "percent ticks"
    );

    let zh = dir.join("zh.svg");
    flywheel()
        .args([
            "plot",
            "balanced",
            "--baseline",
            "silo",
            "--lang",
            "zh",
            "-o",
        ])
        .arg(&zh)
        .assert()
        .success();
    let text = std::fs::read_to_string(&zh).unwrap();
    for word in ["获客", "转化", "飞轮状态", "silo（基准）", "208周"] {
        assert!(text.contains(word), "{word} missing from the Chinese SVG");
    }
    assert!(!text.contains("Acquisition"));
}

#[test]
fn a_chinese_png_uses_a_cjk_font_or_says_that_it_falls_back_to_english() {
    let dir = TempDir::new("cli-analysis");
    // No CJK font: English labels, and a warning that says so and how to fix it.
    let fallback = dir.join("fallback.png");
    let out = flywheel()
        .env("FLYWHEEL_CJK_FONT", "")
        .args(["plot", "balanced", "--lang", "zh", "-o"])
        .arg(&fallback)
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    // The warning is in the language asked for; the picture falls back.
    assert!(stderr.contains("以英文绘制"), "{stderr}");
    assert!(
        stderr.contains("FLYWHEEL_CJK_FONT") && stderr.contains(".svg"),
        "{stderr}"
    );
    let english = dir.join("english.png");
    flywheel()
        .env("FLYWHEEL_CJK_FONT", "")
        .args(["plot", "balanced", "--lang", "en", "-o"])
        .arg(&english)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&fallback).unwrap(),
        std::fs::read(&english).unwrap(),
        "the fallback is the English picture"
    );
    // With a CJK font (where this machine has one), Chinese is drawn.
    if flywheel::report::plot::cjk_font().is_some()
        || support::missing("a CJK font (fonts-wqy-microhei)")
    {
        let chinese = dir.join("chinese.png");
        let out = flywheel()
            .env_remove("FLYWHEEL_CJK_FONT")
            .args(["plot", "balanced", "--lang", "zh", "-o"])
            .arg(&chinese)
            .assert()
            .success();
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(!stderr.contains("警告"), "{stderr}");
        assert_ne!(
            std::fs::read(&chinese).unwrap(),
            std::fs::read(&english).unwrap()
        );
    }
    // A font file that is not there is no font: the same fallback.
    let missing = dir.join("missing.png");
    flywheel()
        .env("FLYWHEEL_CJK_FONT", dir.join("no-such-font.ttc"))
        .args(["plot", "balanced", "--lang", "zh", "-o"])
        .arg(&missing)
        .assert()
        .success()
        .stderr(predicate::str::contains("以英文绘制"));
}
