//! What-ifs from today on the command line: `--data` (and `--from`,
//! `--from-data`) on run, compare, optimize, montecarlo and plot. The past
//! is the fitted run reconciled to the last actuals, the what-if acts from
//! then, and the figures are measured from then.

use crate::support::run;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv");
const FITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-fitted.toml");
const MORE_REPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/more-reps.toml");
const MORE_RD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/more-rd.toml");
const FIT_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-fit.json");

fn json(args: &[&str]) -> (serde_json::Value, String) {
    let (ok, out, err) = run(&[args, &["--format", "json"]].concat());
    assert!(ok, "{err}");
    (serde_json::from_str(&out).unwrap(), err)
}

fn rows(doc: &serde_json::Value) -> &Vec<serde_json::Value> {
    doc["rows"].as_array().unwrap()
}

#[test]
fn run_from_the_data_keeps_the_past_reconciles_the_stocks_and_measures_from_now() {
    let (today, err) = json(&[
        "run",
        FITTED,
        "--data",
        SAMPLE,
        "--set",
        "sales.sales_share=0.3",
    ]);
    // The fitted scenario ends with its history: it is looked ahead as far.
    assert!(err.contains("from month 36 on"), "{err}");
    assert!(err.contains("customers 5098 (the run had 5160)"), "{err}");
    assert!(err.contains("runs to month 72"), "{err}");
    let now = &today["scenario"]["now"];
    assert_eq!(now["at"], 36);
    assert_eq!(now["reconciled"]["customers"], 5098.0);
    assert_eq!(now["set"]["sales.sales_share"], 0.3);
    // The past: the fitted run, untouched by --set.
    let (plain, _) = json(&["run", FITTED, "--periods", "72"]);
    let (t, p) = (rows(&today), rows(&plain));
    assert_eq!(t.len(), 73);
    assert_eq!(t[..36], p[..36]);
    assert_eq!(t[36]["customers"], 5098.0);
    assert!(t[48]["reps"].as_f64().unwrap() > 2.0 * p[48]["reps"].as_f64().unwrap());
    // Every figure from now: revenue summed over months 36..71.
    let revenue: f64 = t[36..72]
        .iter()
        .map(|r| r["revenue"].as_f64().unwrap())
        .sum();
    let total = today["summary"]["total_revenue"].as_f64().unwrap();
    assert!(
        (total / revenue - 1.0).abs() < 1e-12,
        "{total} vs {revenue}"
    );
    // The table says so, with the change since now.
    let (ok, table, _) = run(&["run", FITTED, "--data", SAMPLE]);
    assert!(ok);
    assert!(
        table.contains("from month 36 on (now): nothing changes; every figure below is from then"),
        "{table}"
    );
    assert!(table.contains("since then: customers 5098 ->"), "{table}");
}

#[test]
fn from_a_period_without_data_holds_the_past_and_acts_from_then() {
    let (today, err) = json(&[
        "run",
        "balanced",
        "--from",
        "100",
        "--set",
        "pricing.price=150",
    ]);
    assert!(err.contains("from week 100 on"), "{err}");
    let (plain, _) = json(&["run", "balanced"]);
    assert_eq!(rows(&today)[..100], rows(&plain)[..100]);
    assert_ne!(rows(&today)[100], rows(&plain)[100]);
    assert_eq!(
        rows(&today)[100]["customers"],
        rows(&plain)[100]["customers"]
    );
}

#[test]
fn bad_requests_from_today_are_refused_with_the_fix() {
    let (ok, _, err) = run(&["run", FITTED, "--from", "36"]);
    assert!(!ok);
    assert!(
        err.contains("--from 36: now must come before the horizon (36 periods); give --periods"),
        "{err}"
    );
    let (ok, _, err) = run(&[
        "run",
        FITTED,
        "--data",
        SAMPLE,
        "--from",
        "50",
        "--periods",
        "80",
    ]);
    assert!(!ok);
    assert!(
        err.contains("has no row at that period") && err.contains("its last is 36"),
        "{err}"
    );
    let (ok, _, err) = run(&["run", FITTED, "--from-data"]);
    assert!(!ok);
    assert!(err.contains("--data"), "{err}");
}

#[test]
fn compare_from_the_data_puts_each_policy_on_the_same_past_and_warns_of_starting_values() {
    let (ok, out, err) = run(&["compare", FITTED, MORE_REPS, MORE_RD, "--data", SAMPLE]);
    assert!(ok, "{err}");
    assert!(!err.contains("warning"), "{err}");
    // Four reps more at the start: from month 36 that does nothing.
    let dir = crate::support::TempDir::new("today");
    let start = dir.join("start.toml");
    let text = std::fs::read_to_string(FITTED).unwrap();
    assert!(text.contains("initial_reps = 6"));
    std::fs::write(
        &start,
        text.replace("initial_reps = 6", "initial_reps = 10"),
    )
    .unwrap();
    let (ok, _, err) = run(&["compare", FITTED, start.to_str().unwrap(), "--data", SAMPLE]);
    assert!(ok, "{err}");
    assert!(
        err.contains("sales.initial_reps is a value at the start only, so from month 36 on it changes nothing"),
        "{err}"
    );
    let differs: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("parameters that differ"))
        .skip(1)
        .take_while(|l| !l.starts_with('('))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(differs, ["product.rd_base", "sales.sales_base"], "{out}");
}

#[test]
fn optimize_from_the_data_plans_the_rest_of_the_horizon_and_its_check_line_reproduces_it() {
    let args = [
        "optimize",
        FITTED,
        "--data",
        SAMPLE,
        "--decide",
        "sales.sales_share=0..0.9",
        "--decide",
        "product.rd_share=0..0.5",
        "--decide",
        "pricing.price",
    ];
    let (ok, out, err) = run(&args);
    assert!(ok, "{err}");
    // A bare key searches its slider's range in months (a weekly 0.01..500).
    let price = out
        .lines()
        .find(|l| l.starts_with("pricing.price"))
        .unwrap();
    assert!(price.contains("0.01–2170"), "{price}");
    let check = out.lines().find(|l| l.contains("check:")).unwrap();
    assert!(check.contains(&format!("--data {SAMPLE}")), "{check}");
    // Running the check line gives the value reported, from now.
    let line: Vec<&str> = check.split_whitespace().skip(2).collect();
    let (ok, checked, _) = run(&[&line[..], &["--format", "json"]].concat());
    assert!(ok);
    let checked: serde_json::Value = serde_json::from_str(&checked).unwrap();
    let value = checked["summary"]["value"].as_f64().unwrap();
    let (found, _) = json(&args);
    let best = found["objective"].as_f64().unwrap();
    assert!((value / best - 1.0).abs() < 0.01, "{value} vs {best}");
    // Its past is the fitted run's: the policy starts at month 36.
    let (plain, _) = json(&["run", FITTED, "--periods", "72"]);
    assert_eq!(rows(&checked)[..36], rows(&plain)[..36]);
}

#[test]
fn montecarlo_from_the_data_starts_every_draw_from_the_last_actuals() {
    // Process noise: each run's past differs, and every one is brought back
    // to the history at month 36.
    let (ok, out, err) = run(&[
        "montecarlo",
        FITTED,
        "--data",
        SAMPLE,
        "--runs",
        "40",
        "--format",
        "csv",
    ]);
    assert!(ok, "{err}");
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let row = |t: usize| -> Vec<f64> {
        out.lines()
            .nth(t + 1)
            .unwrap()
            .split(',')
            .map(|c| c.parse().unwrap())
            .collect()
    };
    let at36 = row(36);
    assert_eq!(at36[col("customers_p5")], 5098.0);
    assert_eq!(at36[col("customers_p95")], 5098.0);
    assert!(row(30)[col("customers_p95")] > row(30)[col("customers_p5")]);
    assert!(row(60)[col("customers_p95")] > row(60)[col("customers_p5")]);
    // Drawn from a fit, against another policy from the same today.
    let (doc, _) = json(&[
        "montecarlo",
        FITTED,
        "--from-fit",
        FIT_JSON,
        "--versus",
        MORE_RD,
        "--data",
        SAMPLE,
        "--runs",
        "60",
        "--metric",
        "total_profit",
    ]);
    let p5 = doc["metrics"]["final_customers"]["p5"].as_f64().unwrap();
    let p95 = doc["metrics"]["final_customers"]["p95"].as_f64().unwrap();
    // From the last actual of 5098, three years on: a band a planner can use.
    assert!(p5 > 5098.0 && p95 < 2.0 * p5, "{p5}..{p95}");
    assert!(doc["versus"]["first_better"].as_f64().is_some());
}
