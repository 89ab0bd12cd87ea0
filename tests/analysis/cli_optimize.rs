//! `flywheel optimize` from the command line: the reported objective is a
//! plain run's, bad input is named, an impossible problem says so.

use serde_json::Value;

use crate::support::{TempDir, flywheel};

fn json_of(args: &[&str]) -> Value {
    let out = flywheel().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn failure_of(args: &[&str]) -> String {
    let out = flywheel().args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    String::from_utf8(out.stderr).expect("utf-8")
}

const THREE: [&str; 6] = [
    "--decide",
    "product.rd_share=0..0.5",
    "--decide",
    "sales.sales_share=0..0.95",
    "--decide",
    "pricing.price=50..200",
];

#[test]
fn the_objective_is_what_run_reports_with_those_values() {
    let mut args = vec!["optimize", "balanced", "--format", "json"];
    args.extend(THREE);
    let o = json_of(&args);
    let decisions = o["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 3);
    let mut run = vec![
        "run".to_string(),
        "balanced".into(),
        "--format".into(),
        "json".into(),
    ];
    for d in decisions {
        let key = d["key"].as_str().expect("key");
        let value = d["value"].as_f64().expect("value");
        run.push("--set".into());
        run.push(format!("{key}={value}"));
        let flat = d["flat"].as_array().expect("flat");
        let (lo, hi) = (flat[0].as_f64().unwrap(), flat[1].as_f64().unwrap());
        assert!(lo <= value && value <= hi, "{d}");
    }
    let args: Vec<&str> = run.iter().map(String::as_str).collect();
    let r = json_of(&args);
    assert_eq!(r["summary"]["value"], o["objective"], "{o}");
    assert!(r["summary"]["min_cash"].as_f64().unwrap() >= 0.0);
    // Better than the scenario as loaded, which is reported beside it.
    assert!(o["objective"].as_f64().unwrap() > o["loaded"].as_f64().unwrap());
}

#[test]
fn another_objective_and_constraint_are_honoured() {
    let o = json_of(&[
        "optimize",
        "balanced",
        "--decide",
        "sales.sales_share=0..0.95",
        "--objective",
        "final_customers",
        "--constraint",
        "total_profit >= 0",
        "--format",
        "json",
    ]);
    assert_eq!(o["objective_metric"], "final_customers");
    assert!(o["summary"]["total_profit"].as_f64().unwrap() >= 0.0);
    assert_eq!(o["summary"]["final_customers"], o["objective"]);
}

#[test]
fn bad_input_names_the_nearest_valid_name() {
    let err = failure_of(&["optimize", "balanced", "--decide", "pricing.prise=1..2"]);
    assert!(err.contains("did you mean \"pricing.price\""), "{err}");
    let err = failure_of(&[
        "optimize",
        "balanced",
        "--decide",
        "pricing.price=50..200",
        "--objective",
        "total_proft",
    ]);
    assert!(err.contains("did you mean \"total_profit\""), "{err}");
    let err = failure_of(&[
        "optimize",
        "balanced",
        "--decide",
        "pricing.price=50..200",
        "--constraint",
        "min_cahs >= 0",
    ]);
    assert!(err.contains("did you mean \"min_cash\""), "{err}");
    let err = failure_of(&[
        "optimize",
        "balanced",
        "--decide",
        "pricing.price=50..200",
        "--format",
        "csv",
    ]);
    assert!(err.contains("table or json"), "{err}");
}

#[test]
fn a_problem_with_no_feasible_point_says_so() {
    let err = failure_of(&[
        "optimize",
        "balanced",
        "--decide",
        "pricing.price=50..200",
        "--constraint",
        "min_cash >= 1e13",
    ]);
    assert!(
        err.contains("no policy within the ranges meets min_cash >= 1e13"),
        "{err}"
    );
}

#[test]
fn the_table_names_bounds_bindings_and_a_command_to_check() {
    let mut args = vec!["optimize", "balanced"];
    args.extend(THREE);
    let out = flywheel().args(&args).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for fragment in [
        "within 1% of the best",
        "binding:",
        "check:   flywheel run balanced --set",
    ] {
        assert!(text.contains(fragment), "{fragment}:\n{text}");
    }
}

#[test]
fn check_refuses_a_goal_out_of_reach_and_one_met_at_the_start() {
    let dir = TempDir::new("check-goal");
    let file = dir.join("class.toml");
    std::fs::write(
        &file,
        r#"
[[lesson.steps]]
title = "Out of reach"
text = "Raise customers with the price alone."
unlock = ["pricing.price"]
goal = { text = "a billion customers", all = ["final_customers >= 1e9"] }

[[lesson.steps]]
title = "Nothing to do"
text = "Keep cash above zero."
unlock = ["pricing.price"]
goal = { text = "stay solvent", all = ["min_cash >= 0"] }
"#,
    )
    .unwrap();
    let out = flywheel().arg("check").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "lesson step 1 \"Out of reach\": the goal \"final_customers >= 1e9\" cannot be reached"
        ),
        "{err}"
    );
    assert!(err.contains("pricing.price"), "{err}");
    assert!(err.contains("it reaches"), "{err}");
    assert!(
        err.contains("lesson step 2 \"Nothing to do\": the goal \"min_cash >= 0\" is already met"),
        "{err}"
    );
}
