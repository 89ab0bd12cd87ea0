//! `flywheel fit --holdout N [--rolling K]`: the back-test against the naive
//! and Bass baselines, its warning where a baseline forecasts better, and
//! bad requests.

use crate::support::run;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv");
const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml");

/// `flywheel fit` of the sample history from `examples/acme.toml`, then `more`.
fn fit(more: &[&str]) -> (bool, String, String) {
    run(&[&["fit", ACME, "--data", SAMPLE], more].concat())
}

/// The same, whose JSON report is read.
fn json(more: &[&str]) -> serde_json::Value {
    let (ok, out, err) = fit(&[more, &["--format", "json"]].concat());
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn series<'a>(doc: &'a serde_json::Value, column: &str) -> &'a serde_json::Value {
    doc["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["column"] == column)
        .unwrap_or_else(|| panic!("no {column} in {doc}"))
}

#[test]
fn the_model_fitted_before_the_cut_off_forecasts_the_held_out_year_better_than_both_baselines() {
    let doc = json(&["--holdout", "12", "--refits", "20"]);
    // The fit reported is the one made before the cut-off.
    assert_eq!(doc["last_period"], 24);
    let h = &doc["holdout"];
    assert_eq!(
        (h["periods"].as_u64(), h["cut"].as_u64(), h["end"].as_u64()),
        (Some(12), Some(24), Some(36))
    );
    for column in ["customers", "revenue"] {
        let s = series(h, column);
        assert_eq!(s["points"], 12);
        let (m, n, b) = (
            s["mape"].as_f64().unwrap(),
            s["naive_mape"].as_f64().unwrap(),
            s["bass_mape"].as_f64().unwrap(),
        );
        assert!(m < n && m < b, "{column}: model {m}, naive {n}, Bass {b}");
        assert!(s["beaten_by"].as_array().unwrap().is_empty());
    }
    // Only customers and revenue have a Bass baseline.
    assert!(series(h, "leads")["bass_mape"].is_null());
}

#[test]
fn a_model_that_fits_nothing_that_matters_is_told_it_loses_to_a_baseline() {
    // Fitting the price alone leaves the loaded (wrong) word of mouth and
    // win rate: the revenue forecast is worse than the simple curves.
    let args = [
        "--holdout",
        "12",
        "--param",
        "pricing.price",
        "--refits",
        "0",
    ];
    let (ok, out, err) = fit(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("back-test: fitted to periods up to 24, forecast periods 25–36"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains("! revenue: the model forecasts it worse than the")),
        "{out}"
    );
    let doc = json(&args);
    let beaten = series(&doc["holdout"], "revenue")["beaten_by"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!beaten.is_empty(), "{doc}");
}

#[test]
fn a_rolling_back_test_reports_the_mean_over_its_cut_offs() {
    let doc = json(&["--holdout", "12", "--rolling", "2", "--refits", "0"]);
    let r = &doc["holdout"]["rolling"];
    assert_eq!(r["cuts"], serde_json::json!([12, 24]));
    let c = series(r, "customers");
    assert_eq!(c["points"], 24);
    assert!(
        c["mape"].as_f64().unwrap() < c["naive_mape"].as_f64().unwrap(),
        "{r}"
    );
}

#[test]
fn a_back_test_that_leaves_too_little_to_fit_says_how_much_there_is() {
    let (ok, _, err) = fit(&["--holdout", "34"]);
    assert!(!ok);
    assert!(
        err.contains("--holdout 34: the history has 37 rows"),
        "{err}"
    );
    let (ok, _, err) = fit(&["--holdout", "12", "--rolling", "3"]);
    assert!(!ok);
    assert!(
        err.contains("--holdout 12 --rolling 3: the earliest cut-off, after period 0"),
        "{err}"
    );
    let (ok, _, err) = fit(&["--rolling", "3"]);
    assert!(!ok);
    assert!(err.contains("--holdout"), "{err}");
    // Nothing held out, or no cut-off, is a usage error.
    for asked in [
        &["--holdout", "0"][..],
        &["--holdout", "12", "--rolling", "0"],
    ] {
        let (ok, _, err) = fit(asked);
        assert!(!ok);
        assert!(err.contains("0 is not in 1..="), "{err}");
    }
}
