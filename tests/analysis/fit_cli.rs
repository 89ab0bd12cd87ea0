//! `flywheel fit` from the command line: the report, the saved scenario, the
//! sample history in examples/, and bad input.

use crate::support::{TempDir, run};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv");
const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml");
const COMPANY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/company.toml");

#[test]
fn the_json_report_has_params_with_intervals_and_series_statistics() {
    let (ok, out, err) = run(&[
        "fit", ACME, "--data", SAMPLE, "--refits", "30", "--format", "json",
    ]);
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let params = doc["params"].as_array().unwrap();
    assert_eq!(params.len(), 4);
    for p in params {
        let (v, lo, hi) = (
            p["value"].as_f64().unwrap(),
            p["low"].as_f64().unwrap(),
            p["high"].as_f64().unwrap(),
        );
        assert!(lo <= v && v <= hi, "{p}");
        assert!(p["key"].is_string());
    }
    let series = doc["series"].as_array().unwrap();
    let names: Vec<&str> = series
        .iter()
        .map(|s| s["column"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["customers", "new_customers", "leads", "revenue"]);
    for s in series {
        let sum: f64 = ["theil_um", "theil_us", "theil_uc"]
            .iter()
            .map(|k| s[*k].as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-6, "{s}");
        assert!(s["r2"].as_f64().unwrap() > 0.8, "{s}");
        assert!(s["mape"].as_f64().unwrap() >= 0.0);
    }
    assert_eq!(series[3]["points"], 35, "two revenue cells are blank");
    assert!(doc["objective"].as_f64().unwrap() < doc["loaded_objective"].as_f64().unwrap());
}

#[test]
fn the_sample_history_is_the_hidden_companys_and_the_fit_finds_its_churn_and_win_rate() {
    // Fitted from what init made of the answers, the churn floor lands near
    // the hidden company's.
    let (ok, out, err) = run(&[
        "fit", ACME, "--data", SAMPLE, "--refits", "0", "--format", "json",
    ]);
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let churn = doc["params"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "retention.churn_floor")
        .unwrap()["value"]
        .as_f64()
        .unwrap();
    let truth = flywheel::scenario::resolve(COMPANY).unwrap().config.params
        [flywheel::model::ParamId::ChurnFloor];
    assert!((churn - truth).abs() / truth < 0.1, "{churn} vs {truth}");
    let head = std::fs::read_to_string(SAMPLE).unwrap();
    assert!(
        head.starts_with("# Made by the model"),
        "the sample says what it is"
    );
}

#[test]
fn the_fitted_scenario_is_saved_once_with_its_story_and_loads_like_any() {
    let dir = TempDir::new("fit-cli");
    let path = dir.join("fitted.toml");
    let p = path.to_str().unwrap();
    let (ok, out, err) = run(&["fit", ACME, "--data", SAMPLE, "--refits", "10", "--out", p]);
    assert!(ok, "{err}");
    assert!(out.contains("R²") && out.contains("U^C"), "{out}");
    assert!(err.contains("saved the fitted scenario"), "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("fitted to examples/history.csv") || text.contains("history.csv"),
        "{text}"
    );
    assert!(text.contains("# How well:"), "{text}");
    assert!(
        text.contains("churn_floor = ") && text.contains("# fitted to history.csv: 90%"),
        "{text}"
    );
    let s = flywheel::scenario::resolve(p).unwrap();
    assert!(s.name.contains("fitted"));
    let (ok, out, _) = run(&["check", p]);
    assert!(ok && out.contains(": ok"), "{out}");
    // Never overwritten without --force.
    let (ok, _, err) = run(&["fit", ACME, "--data", SAMPLE, "--refits", "0", "--out", p]);
    assert!(!ok && err.contains("--force"), "{err}");
    let (ok, _, err) = run(&[
        "fit", ACME, "--data", SAMPLE, "--refits", "0", "--out", p, "--force",
    ]);
    assert!(ok, "{err}");
}

#[test]
fn bad_input_is_refused_with_a_way_out() {
    let dir = TempDir::new("fit-cli");
    let csv = dir.join("bad.csv");
    std::fs::write(&csv, "period,customers\n0,10\n1,x\n").unwrap();
    let (ok, _, err) = run(&["fit", "balanced", "--data", csv.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("bad.csv:3:3:") && err.contains("not a number"),
        "{err}"
    );
    for (param, words) in [
        ("scenario.name", "cannot be fitted"),
        ("market.imitaton", "market.imitation"),
        ("finance.valuation_lag", "sweep"),
    ] {
        let (ok, _, err) = run(&["fit", ACME, "--data", SAMPLE, "--param", param]);
        assert!(!ok && err.contains(words), "{param}: {err}");
    }
    let (ok, _, err) = run(&[
        "fit",
        "balanced",
        "--data",
        dir.join("none.csv").to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("none.csv"), "{err}");
}

#[test]
fn plot_draws_the_history_and_names_each_scenarios_lines() {
    let dir = TempDir::new("fit-cli");
    let svg = dir.join("fit.svg");
    let p = svg.to_str().unwrap();
    let (ok, _, err) = run(&["plot", ACME, "--data", SAMPLE, "-o", p]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    for label in [
        "customers (data)",
        "revenue (data)",
        "new_customers (data)",
        " now",
    ] {
        assert!(text.contains(label), "{label}");
    }
    // Now before the data end: both are marked.
    let (ok, _, err) = run(&[
        "plot", ACME, "--data", SAMPLE, "--from", "20", "-o", p, "--force",
    ]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(" now") && text.contains("data end"));
    let (ok, _, err) = run(&["plot", "balanced", "--baseline", "silo", "-o", p, "--force"]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("revenue (balanced)") && text.contains("silo (baseline)"));
    assert!(!text.contains("(data)"));
}

#[test]
fn the_fitted_file_keeps_inits_comments_and_says_what_set_changed() {
    let dir = TempDir::new("fit-cli");
    let path = dir.join("fitted.toml");
    let p = path.to_str().unwrap();
    let args = [
        "fit",
        ACME,
        "--data",
        SAMPLE,
        "--refits",
        "0",
        "--set",
        "pricing.price=1700",
        "--out",
        p,
    ];
    let (ok, _, err) = run(&args);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("no {key}:\n{text}"))
            .to_string()
    };
    // What `flywheel init` was told stays beside its value.
    let source = std::fs::read_to_string(ACME).unwrap();
    let init_said = |key: &str| {
        source
            .lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .and_then(|l| l.split_once("  # "))
            .map(|(_, c)| c.to_string())
            .unwrap()
    };
    assert!(
        line("rep_cost").ends_with(&format!("# {}", init_said("rep_cost"))),
        "{text}"
    );
    assert!(
        line("size").ends_with(&format!("# {}", init_said("size"))),
        "{text}"
    );
    // The value given to the fit says so, and what the file had.
    assert_eq!(
        line("price"),
        "price = 1700  # set by --set when fitted (the file had 1500)"
    );
    // It loads, with the value set.
    let s = flywheel::scenario::resolve(p).unwrap();
    assert_eq!(s.config.params[flywheel::model::ParamId::Price], 1700.0);
}

#[test]
fn an_event_that_resets_a_fitted_parameter_within_the_history_is_named() {
    let dir = TempDir::new("fit-event");
    let path = dir.join("acme-event.toml");
    // The fit's report of acme.toml with an event setting imitation at `at`.
    let fit_with_event = |at: u32, more: &[&str]| {
        let text = std::fs::read_to_string(ACME).unwrap()
            + &format!(
                "\n[[events]]\nat = {at}\nnote = \"Referral programme\"\nset = {{ \"market.imitation\" = 0.5 }}\n"
            );
        std::fs::write(&path, text).unwrap();
        let args = [
            &[
                "fit",
                path.to_str().unwrap(),
                "--data",
                SAMPLE,
                "--refits",
                "10",
            ],
            more,
        ];
        let (ok, out, err) = run(&args.concat());
        assert!(ok, "{err}");
        out
    };
    let out = fit_with_event(20, &[]);
    assert!(
        out.contains(
            "market.imitation: the event at period 20 (\"Referral programme\") sets it to 0.5, so the fitted value holds only before it"
        ),
        "{out}"
    );
    // An event after the last period fitted overrides nothing fitted.
    let out = fit_with_event(30, &["--holdout", "12"]);
    assert!(!out.contains("the event at period"), "{out}");
}

/// Annual figures, as a company publishes them: customers at each year's
/// end and `revenue:year`, the year's revenue, against a monthly model. The
/// fit compares the revenue with the model's twelve months summed and finds
/// the values that made the data; read as one month's revenue, it cannot.
#[test]
fn a_fit_to_annual_revenue_compares_it_with_the_years_months_summed() {
    let (ok, csv, err) = run(&["run", COMPANY, "--format", "csv"]);
    assert!(ok, "{err}");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let rows: Vec<Vec<f64>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    let year = |end: usize| -> f64 { rows[end - 12..end].iter().map(|r| r[col("revenue")]).sum() };
    let mut annual = String::from("period,customers,revenue:year\n");
    annual.push_str(&format!("0,{},\n", rows[0][col("customers")]));
    for end in [12, 24, 36] {
        annual.push_str(&format!(
            "{end},{},{}\n",
            rows[end][col("customers")],
            year(end)
        ));
    }
    let dir = TempDir::new("fit-cli");
    let fit = |text: &str| {
        let path = dir.join("annual.csv");
        std::fs::write(&path, text).unwrap();
        let (ok, out, err) = run(&[
            "fit",
            COMPANY,
            "--data",
            path.to_str().unwrap(),
            "--set",
            "market.imitation=0.4",
            "--set",
            "retention.churn_floor=0.004",
            "--param",
            "market.imitation",
            "--param",
            "retention.churn_floor",
            "--refits",
            "0",
            "--format",
            "json",
        ]);
        assert!(ok, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let value = |key: &str| {
            doc["params"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["key"] == key)
                .unwrap()["value"]
                .as_f64()
                .unwrap()
        };
        (value("market.imitation"), value("retention.churn_floor"))
    };
    let (q, churn) = fit(&annual);
    assert!((q / 0.25 - 1.0).abs() < 0.01, "imitation {q}");
    assert!((churn / 0.0085 - 1.0).abs() < 0.02, "churn {churn}");
    // The same figures read as one month's revenue: the fit is thrown off.
    let (q, churn) = fit(&annual.replace("revenue:year", "revenue"));
    assert!(
        (q / 0.25 - 1.0).abs() > 0.05 || (churn / 0.0085 - 1.0).abs() > 0.1,
        "{q} {churn}"
    );
}

/// `scenario.start` dates the periods: CSV and JSON carry a `date`, the
/// table names the dates, a picture's axis shows them, and a history may
/// be dated instead of numbered, placed by the same calendar.
#[test]
fn a_scenario_with_a_start_dates_its_periods_and_reads_a_dated_history() {
    let start = ["--set", "scenario.start=2013-01"];
    let (ok, csv, err) = run(&[&["run", COMPANY, "--format", "csv"][..], &start].concat());
    assert!(ok, "{err}");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("period,date,potential,customers")
    );
    assert!(
        csv.lines().nth(13).unwrap().starts_with("12,2014-01,"),
        "{csv}"
    );
    let (ok, table, _) = run(&[&["run", COMPANY][..], &start].concat());
    assert!(ok);
    assert!(
        table.contains("Lowest cash") && table.contains("(2013-01)"),
        "{table}"
    );
    assert!(table.contains("       date    period"), "{table}");
    let (ok, json, _) = run(&[&["run", COMPANY, "--format", "json"][..], &start].concat());
    assert!(ok);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["scenario"]["scenario"]["start"], "2013-01-01");
    assert_eq!(doc["rows"][36]["date"], "2016-01");
    // A dated annual history fits as the numbered one does.
    let (ok, csv, _) = run(&["run", COMPANY, "--format", "csv"]);
    assert!(ok);
    let rows: Vec<Vec<f64>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let (customers, revenue) = (col("customers"), col("revenue"));
    let year = |end: usize| -> f64 { rows[end - 12..end].iter().map(|r| r[revenue]).sum() };
    let mut dated = String::from("date,customers,revenue:year\n");
    let mut numbered = String::from("period,customers,revenue:year\n");
    for (end, date) in [(12, "2013-12-31"), (24, "2014-12-31"), (36, "2015-12-31")] {
        dated.push_str(&format!("{date},{},{}\n", rows[end][customers], year(end)));
        numbered.push_str(&format!("{end},{},{}\n", rows[end][customers], year(end)));
    }
    let dir = TempDir::new("fit-cli");
    let fit = |text: &str, more: &[&str]| {
        let path = dir.join("h.csv");
        std::fs::write(&path, text).unwrap();
        let p = path.to_str().unwrap();
        let args = [
            &["fit", COMPANY, "--data", p, "--param", "market.imitation"][..],
            &["--refits", "0", "--format", "json"],
            more,
        ]
        .concat();
        run(&args)
    };
    let (ok, a, err) = fit(&dated, &start);
    assert!(ok, "{err}");
    let (ok, b, err) = fit(&numbered, &[]);
    assert!(ok, "{err}");
    let value = |out: &str| -> f64 {
        let doc: serde_json::Value = serde_json::from_str(out).unwrap();
        doc["params"][0]["value"].as_f64().unwrap()
    };
    assert_eq!(value(&a), value(&b));
    // Without a start, a dated history says what to add.
    let (ok, _, err) = fit(&dated, &[]);
    assert!(!ok && err.contains("scenario.start"), "{err}");
    // The picture's axis carries the dates.
    let svg = dir.join("dated.svg");
    let (ok, _, err) = run(&[&["plot", COMPANY, "-o", svg.to_str().unwrap()][..], &start].concat());
    assert!(ok, "{err}");
    assert!(std::fs::read_to_string(&svg).unwrap().contains("2014-"));
}

/// A regime change fitted: a named event's value (`--param
/// event.NAME.KEY`). The history was made with a price cut to 1200 at month
/// 18; the scenario says 1500 there; the fit finds the cut, says which value
/// it is, and saves it in the event.
#[test]
fn a_named_events_value_is_fitted_and_saved_in_the_event() {
    let dir = TempDir::new("fit-cli");
    let company = std::fs::read_to_string(COMPANY).unwrap();
    let with_event = |price: f64| {
        format!(
            "{company}\n[[events]]\nname = \"starter_tier\"\nat = 18\nnote = \"A starter tier\"\nset = {{ \"pricing.price\" = {price} }}\n"
        )
    };
    let truth = dir.join("truth.toml");
    std::fs::write(&truth, with_event(1200.0)).unwrap();
    let guess = dir.join("guess.toml");
    std::fs::write(&guess, with_event(1500.0)).unwrap();
    let (ok, csv, err) = run(&["run", truth.to_str().unwrap(), "--format", "csv"]);
    assert!(ok, "{err}");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let mut history = String::from("period,customers,revenue\n");
    for line in csv.lines().skip(1).take(37) {
        let c: Vec<&str> = line.split(',').collect();
        history.push_str(&format!(
            "{},{},{}\n",
            c[0],
            c[col("customers")],
            c[col("revenue")]
        ));
    }
    let data = dir.join("h.csv");
    std::fs::write(&data, history).unwrap();
    let fitted = dir.join("fitted.toml");
    let (ok, out, err) = run(&[
        "fit",
        guess.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--param",
        "event.starter_tier.pricing.price",
        "--refits",
        "20",
        "--out",
        fitted.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("event.starter_tier.pricing.price"))
        .unwrap_or_else(|| panic!("{out}"));
    let value: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!((value / 1200.0 - 1.0).abs() < 0.01, "{line}");
    // Saved in the event; the price at the start is as it was.
    let s = flywheel::scenario::load_file(&fitted).unwrap();
    let e = s
        .config
        .events
        .iter()
        .find(|e| e.name == "starter_tier")
        .unwrap();
    let saved = e.set[0].1;
    assert!((saved / 1200.0 - 1.0).abs() < 0.01, "{saved}");
    assert_eq!(s.config.params[flywheel::model::ParamId::Price], 1500.0);
    // A name the scenario does not have, or a value the event does not set.
    for (param, says) in [
        ("event.pro_tier.pricing.price", "named events: starter_tier"),
        (
            "event.starter_tier.retention.churn_floor",
            "does not set retention.churn_floor; it sets pricing.price",
        ),
    ] {
        let (ok, _, err) = run(&[
            "fit",
            guess.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--param",
            param,
        ]);
        assert!(!ok && err.contains(says), "{param}: {err}");
    }
}
