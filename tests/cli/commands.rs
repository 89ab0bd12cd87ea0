//! The command line, end to end: every command, every output format, and the
//! exit codes (0 ok, 1 invalid input, 2 usage). `flywheel` with no command and
//! `flywheel tui` open the interactive simulator and are not run here.

use std::fs;
use std::path::Path;

use flywheel::cli::params_markdown;
use flywheel::model::{COLUMNS, PARAMS, ParamId, simulate, summarize};
use flywheel::scenario::{self, PRESETS};
use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{self, TempDir, flywheel};

/// MODEL.md's output columns, in its order: the CSV header is exactly this.
const MODEL_COLUMNS: &str = "period, potential, customers, lapsed, market_size, strength, reps, rookies, \
insight, insight_share, willingness_to_pay, cash, leads_organic, leads_sales, leads, new_organic, \
new_sales, new_customers, conversion, churned, warned_off, returned, revenue, feedback_sent, \
feedback_stale, feedback_arrived, rd_spend, sales_spend, interest, costs, profit, discounted_profit";

fn stdout_of(args: &[&str]) -> String {
    let out = flywheel().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("stdout is UTF-8")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|v| {
                    v.parse::<f64>()
                        .unwrap_or_else(|_| panic!("not a number: {v}"))
                })
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn run_table_shows_the_summary_and_the_periods() {
    let out = stdout_of(&["run", "balanced"]);
    for metric in [
        "total_revenue",
        "final_customers",
        "final_strength",
        "min_cash",
        "peak_acquisition_period",
        "mean_conversion",
        "ltv_cac",
    ] {
        let label = flywheel::model::metric(metric).unwrap().label;
        assert!(out.contains(label), "table lacks {label}:\n{out}");
    }
    assert!(out.starts_with("balanced: 208 weeks"), "{out}");
    // The per-period table ends with the last period.
    let last = out.lines().last().unwrap();
    assert_eq!(last.split_whitespace().next(), Some("208"), "{out}");
    // Stochastic runs say so, with their seed.
    flywheel()
        .args([
            "run",
            "balanced",
            "--stochastic",
            "--seed",
            "9",
            "--periods",
            "20",
        ])
        .assert()
        .success()
        .stdout(contains("stochastic (seed 9)"));
}

#[test]
fn run_csv_has_the_contract_header_and_t_plus_one_rows() {
    let out = stdout_of(&["run", "balanced", "--format", "csv"]);
    let (header, rows) = csv_rows(&out);
    assert_eq!(header.join(", "), MODEL_COLUMNS);
    assert_eq!(
        out.lines().next().unwrap(),
        MODEL_COLUMNS.replace(", ", ",")
    );
    assert_eq!(rows.len(), 208 + 1);
    for (t, row) in rows.iter().enumerate() {
        assert_eq!(row[0], t as f64);
        assert_eq!(row.len(), COLUMNS.len());
    }
    // Full precision: every value reads back to the library's f64, bit for bit.
    let s = support::balanced();
    let series = simulate(&s.config);
    for (row, lib) in rows.iter().zip(&series.rows) {
        for (v, c) in row.iter().zip(COLUMNS) {
            assert_eq!(*v, (c.get)(lib), "{} at period {}", c.name, lib.period);
        }
    }
}

#[test]
fn run_json_has_scenario_summary_and_rows() {
    let out = stdout_of(&["run", "silo", "--format", "json", "--periods", "52"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let obj = doc.as_object().unwrap();
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort();
    assert_eq!(keys, ["rows", "scenario", "summary"]);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 52 + 1);
    for (t, row) in rows.iter().enumerate() {
        let names: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        let mut got = names.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(row["period"], t as u64);
    }
    // The resolved scenario: every parameter by section, with the run's horizon.
    assert_eq!(doc["scenario"]["scenario"]["name"], "silo");
    assert_eq!(doc["scenario"]["scenario"]["periods"], 52);
    for p in PARAMS.iter() {
        let v = &doc["scenario"][p.section.key()][p.name];
        assert!(v.is_number(), "{} missing from the JSON scenario", p.key);
    }
    assert_eq!(doc["scenario"]["feedback"]["latency"], 26.0);
    // The summary is the library's.
    let mut s = scenario::preset("silo").unwrap().load().unwrap();
    s.config.periods = 52;
    let summary = summarize(&simulate(&s.config));
    assert_eq!(
        doc["summary"]["total_revenue"].as_f64(),
        Some(summary.total_revenue)
    );
    assert_eq!(
        doc["summary"]["peak_acquisition_period"].as_u64(),
        Some(u64::from(summary.peak_acquisition_period))
    );
}

#[test]
fn run_json_lists_events_with_the_funding_round() {
    let out = stdout_of(&["run", "competitor-shock", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let events = doc["scenario"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .any(|e| e["set"]["finance.cash_injection"].as_f64() == Some(2e6))
    );
}

#[test]
fn run_reads_files_as_well_as_presets() {
    let dir = TempDir::new("cli-file");
    let path = dir.join("mine.toml");
    fs::write(
        &path,
        "[feedback]\nlatency = 13\n[scenario]\nperiods = 10\n",
    )
    .unwrap();
    let out = stdout_of(&["run", path.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["scenario"]["feedback"]["latency"], 13.0);
    assert_eq!(doc["rows"].as_array().unwrap().len(), 11);
    // A file that fails to load: exit 1 with the located message.
    fs::write(&path, "[finance]\nvaluation_lag = 2.5\n").unwrap();
    flywheel()
        .args(["run", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains(format!(
            "{}:2:17: finance.valuation_lag = 2.5 must be a whole number",
            path.display()
        )));
}

#[test]
fn run_out_writes_the_file_atomically_and_never_overwrites_without_force() {
    let dir = TempDir::new("cli-out");
    let path = dir.join("run.csv");
    let p = path.to_str().unwrap();
    flywheel()
        .args([
            "run",
            "balanced",
            "--periods",
            "10",
            "--format",
            "csv",
            "--out",
            p,
        ])
        .assert()
        .success()
        .stdout("");
    let first = fs::read_to_string(&path).unwrap();
    assert_eq!(csv_rows(&first).1.len(), 11);
    assert_eq!(
        files_in(&dir),
        ["run.csv"],
        "no temporary file is left behind"
    );

    // Refused without --force: exit 1, a hint, the old content intact.
    flywheel()
        .args([
            "run",
            "balanced",
            "--periods",
            "20",
            "--format",
            "csv",
            "--out",
            p,
        ])
        .assert()
        .code(1)
        .stderr(contains("--force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    assert_eq!(files_in(&dir), ["run.csv"]);

    // With --force it is replaced.
    flywheel()
        .args([
            "run",
            "balanced",
            "--periods",
            "20",
            "--format",
            "csv",
            "-o",
            p,
            "--force",
        ])
        .assert()
        .success();
    assert_eq!(csv_rows(&fs::read_to_string(&path).unwrap()).1.len(), 21);
    assert_eq!(files_in(&dir), ["run.csv"]);

    // An unwritable place: exit 1, nothing created.
    let nowhere = dir.join("missing-dir").join("x.json");
    flywheel()
        .args(["run", "balanced", "--format", "json", "--out"])
        .arg(&nowhere)
        .assert()
        .code(1)
        .stderr(contains("cannot write"));
    assert!(!nowhere.exists());
    assert_eq!(files_in(&dir), ["run.csv"]);
}

#[test]
fn run_set_applies_valid_values_and_rejects_invalid_ones() {
    let out = stdout_of(&[
        "run",
        "balanced",
        "--format",
        "json",
        "--set",
        "feedback.latency=26",
        "--set",
        "pricing.price=80",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["scenario"]["feedback"]["latency"], 26.0);
    assert_eq!(doc["scenario"]["pricing"]["price"], 80.0);
    // The override really changes the run.
    let mut s = support::balanced();
    s.config.params[ParamId::Latency] = 26.0;
    s.config.params[ParamId::Price] = 80.0;
    let summary = summarize(&simulate(&s.config));
    assert_eq!(
        doc["summary"]["total_revenue"].as_f64(),
        Some(summary.total_revenue)
    );

    for (set, message) in [
        (
            "market.innovation=1.5",
            "market.innovation = 1.5 is out of range",
        ),
        ("market.imitaton=0.1", "did you mean \"market.imitation\""),
        ("pricing.price=cheap", "pricing.price must be a number"),
        ("finance.valuation_lag=2.5", "must be a whole number"),
        (
            "product.rd_scale=5",
            "did you mean \"product.rd_per_person\"",
        ),
        ("feedback.latency=NaN", "must be a finite number"),
        ("sales.sales_share=0.9", "must be at most 1"),
        ("latency", "expected section.key=value"),
    ] {
        flywheel()
            .args(["run", "balanced", "--set", set])
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains(message));
    }
}

#[test]
fn run_periods_sets_the_horizon_within_its_range() {
    let out = stdout_of(&["run", "bass-classic", "--periods", "7", "--format", "csv"]);
    assert_eq!(csv_rows(&out).1.len(), 8);
    let out = stdout_of(&["run", "bass-classic", "--periods", "1", "--format", "csv"]);
    assert_eq!(csv_rows(&out).1.len(), 2);
    for bad in ["0", "10001"] {
        flywheel()
            .args(["run", "balanced", "--periods", bad])
            .assert()
            .code(1)
            .stderr(contains("1–10000"));
    }
    // Not a number at all is a usage error.
    flywheel()
        .args(["run", "balanced", "--periods", "many"])
        .assert()
        .code(2);
    // An event past a shortened horizon is invalid input.
    flywheel()
        .args(["run", "competitor-shock", "--periods", "50"])
        .assert()
        .code(1)
        .stderr(contains("past the horizon"));
}

#[test]
fn check_accepts_good_files_and_locates_errors_in_bad_ones() {
    let presets: Vec<String> = PRESETS
        .iter()
        .map(|p| format!("{}/scenarios/{}.toml", env!("CARGO_MANIFEST_DIR"), p.name))
        .collect();
    let out = flywheel().arg("check").args(&presets).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.contains(": ok")).count(),
        PRESETS.len()
    );

    let bad = format!(
        "{}/tests/invalid/several_errors.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let nan = format!("{}/tests/invalid/nan.toml", env!("CARGO_MANIFEST_DIR"));
    let out = flywheel()
        .args(["check", &presets[0], &bad, &nan])
        .assert()
        .code(1)
        .stdout(contains(": ok"))
        .stderr(contains(format!(
            "{bad}:7:14: market.innovation = 2 is out of range"
        )))
        .stderr(contains(format!("{bad}:8:1: unknown key \"imitaton\"")))
        .stderr(contains(format!(
            "{nan}:3:15: retention.churn_floor must be a finite number"
        )));
    // Every headline on stderr is `file:line:column: message`.
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let headlines: Vec<&str> = stderr.lines().filter(|l| l.starts_with('/')).collect();
    assert_eq!(headlines.len(), 6, "{stderr}");
    for h in headlines {
        let mut parts = h.splitn(4, ':');
        let (file, line, col) = (parts.next(), parts.next(), parts.next());
        assert!(file.is_some_and(|f| f.ends_with(".toml")), "{h}");
        assert!(line.is_some_and(|l| l.parse::<usize>().is_ok()), "{h}");
        assert!(col.is_some_and(|c| c.parse::<usize>().is_ok()), "{h}");
    }

    // A missing file: exit 1, named.
    flywheel()
        .args(["check", "no-such-scenario.toml"])
        .assert()
        .code(1)
        .stderr(contains("no-such-scenario.toml: no such file"));
}

#[test]
fn list_names_every_preset() {
    let out = stdout_of(&["list"]);
    for p in PRESETS {
        assert!(
            out.lines().any(|l| l.starts_with(p.name)),
            "{} missing:\n{out}",
            p.name
        );
    }
    assert!(out.lines().next().unwrap().contains("(default)"));
}

#[test]
fn show_prints_toml_that_parses_back_as_the_same_preset() {
    for p in PRESETS {
        let out = stdout_of(&["show", p.name]);
        let back = scenario::parse("shown.toml", &out).unwrap();
        let original = p.load().unwrap();
        assert_eq!(back.config, original.config, "{}", p.name);
        assert_eq!(back.name, original.name);
        assert_eq!(back.lesson, original.lesson);
    }
    flywheel()
        .args(["show", "balancd"])
        .assert()
        .code(1)
        .stderr(contains("did you mean the preset \"balanced\""));
}

#[test]
fn params_lists_every_parameter() {
    let out = stdout_of(&["params"]);
    let scenario = flywheel::cli::SCENARIO_KEYS.len();
    // A header, then a line per key.
    assert_eq!(out.lines().count(), 1 + scenario + PARAMS.len());
    assert!(out.starts_with("key "), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("scenario.substeps")),
        "{out}"
    );
    for (line, p) in out.lines().skip(1 + scenario).zip(PARAMS.iter()) {
        assert!(line.starts_with(&format!("{} ", p.key)), "{line}");
        assert!(line.contains(p.label), "{line}");
        let range = flywheel::format::range(p).to_string();
        assert!(line.contains(&range), "{line}");
        assert!(line.contains(p.help), "{line}");
    }
    let md = stdout_of(&["params", "--markdown"]);
    assert_eq!(md, params_markdown());
    assert_eq!(md.lines().count(), scenario + PARAMS.len() + 2);
    assert!(md.starts_with("| key |"));
}

#[test]
fn every_command_has_help_with_examples() {
    flywheel()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Example"));
    // Every subcommand clap knows, so a new one cannot ship without examples.
    let cli = <flywheel::cli::Cli as clap::CommandFactory>::command();
    let commands: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for must in ["run", "check", "list", "show", "params", "tui"] {
        assert!(commands.iter().any(|c| c == must), "no `{must}` command");
    }
    for cmd in &commands {
        let cmd = cmd.as_str();
        flywheel()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(contains("Example"))
            .stdout(contains(format!("flywheel {cmd}")));
        flywheel()
            .args(["help", cmd])
            .assert()
            .success()
            .stdout(contains("Example"));
    }
    flywheel()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_with_code_2() {
    for args in [
        &["frobnicate"][..],
        &["run"],
        &["run", "balanced", "--format", "xml"],
        &["run", "balanced", "--no-such-flag"],
        &["check"],
        &["show"],
        &["params", "--markdown", "extra"],
        &["run", "balanced", "--seed", "-1"],
    ] {
        flywheel()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("error:").and(contains("--help")));
    }
}

#[test]
fn invalid_input_exits_with_code_1() {
    for args in [
        &["run", "no-such-preset"][..],
        &["run", "balanced", "--set", "x.y=1"],
        &["show", "nothing"],
        &["check", "nothing.toml"],
    ] {
        flywheel().args(args).assert().code(1).stdout("");
    }
}

#[test]
fn check_warns_when_a_translation_says_other_numbers() {
    let dir = TempDir::new("cli-translation-numbers");
    let path = dir.join("t.toml");
    fs::write(
        &path,
        r#"[scenario]
description = "A market of 10k prospects."
description_zh = "一个有1万潜在客户的市场。"

[[lesson.steps]]
title = "Wait"
title_zh = "等待"
text = "Wait 13 weeks, then raise the price by 20%."
text_zh = "等待26周，然后把价格提高20%。"
"#,
    )
    .unwrap();
    let out = flywheel()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains(": ok"));
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    // 10k and 1万 agree; 13 and 26 do not; 20% matches 20%.
    assert_eq!(warnings.len(), 1, "{stderr}");
    let w = warnings[0];
    assert!(w.contains("lesson.steps[1].text_zh"), "{w}");
    assert!(
        w.contains("only in the English 13") && w.contains("only in the translation 26"),
        "{w}"
    );
}

#[test]
fn a_reader_that_leaves_early_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    for format in ["csv", "table", "json"] {
        let mut child = Command::new(support::BIN)
            .args(["run", "balanced", "--periods", "10000", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe closes here, long before 10,000 rows are written.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn show_period_keeps_every_value_in_quarters_and_years() {
    for (period, imitation) in [
        ("quarter", "1.04"),
        ("year", "4.16"),
        ("month", "0.346666666667"),
    ] {
        let out = support::flywheel()
            .args(["show", "balanced", "--period", period])
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        // Bass q of 0.08 a week: valid in any period, as a rate's range is per week.
        assert!(
            out.status.success() && stderr.is_empty(),
            "{period}: {stderr}"
        );
        assert!(!stdout.contains("# warning"), "{stdout}");
        assert!(
            stdout.contains(&format!("imitation = {imitation}")),
            "{period}: {stdout}"
        );
    }
}
