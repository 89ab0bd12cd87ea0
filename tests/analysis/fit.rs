//! Fitting: recovery of known parameters from data the model made, intervals
//! that cover the truth, goodness statistics and bad history files.

use flywheel::analysis::fit::{DEFAULT_PARAMS, FitOptions, FitParam, fit};
use flywheel::analysis::history::{History, Observed, parse};
use flywheel::model::{Config, ParamId, column, simulate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::support;

/// The truth: balanced with four parameters moved away from their loaded values.
fn truth() -> Config {
    let mut cfg = support::balanced().config;
    cfg.params[ParamId::Innovation] *= 1.3;
    cfg.params[ParamId::Imitation] *= 0.8;
    cfg.params[ParamId::WinRate] *= 1.15;
    cfg.params[ParamId::ChurnFloor] *= 1.5;
    cfg.periods = 156;
    cfg
}

/// Columns of a run of `cfg` as a history, with relative noise `noise`
/// and every `gap`-th period missing (0: none).
fn history_of(cfg: &Config, cols: &[&str], noise: f64, gap: usize, seed: u64) -> History {
    let run = simulate(cfg);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let periods: Vec<u32> = run.rows.iter().map(|r| r.period).collect();
    let series = cols
        .iter()
        .map(|name| {
            let c = column(name).unwrap();
            let values = run
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    if gap > 0 && i % gap == gap - 1 {
                        return None;
                    }
                    let z: f64 = (0..12).map(|_| rng.random::<f64>()).sum::<f64>() - 6.0;
                    Some(((c.get)(r) * (1.0 + noise * z)).max(0.0))
                })
                .collect();
            Observed::new(c, values)
        })
        .collect();
    History {
        source: "made-by-the-model.csv".into(),
        periods,
        series,
        header: (1, String::new()),
        dates: None,
    }
}

fn default_params(cfg: &Config) -> Vec<FitParam> {
    DEFAULT_PARAMS
        .iter()
        .map(|id| FitParam::around(*id, &cfg.params))
        .collect()
}

const COLS: [&str; 3] = ["customers", "new_customers", "revenue"];

#[test]
fn recovers_known_parameters_to_one_percent_without_noise() {
    let truth = truth();
    let h = history_of(&truth, &COLS, 0.0, 0, 1);
    let base = support::balanced().config;
    let opts = FitOptions {
        bootstrap: 0,
        ..FitOptions::default()
    };
    let f = fit(&base, &h, &default_params(&base), &opts, &|_| {}).unwrap();
    for p in &f.params {
        let want = truth.params[p.param.spec.id];
        let err = (p.value - want).abs() / want;
        assert!(
            err < 0.01,
            "{}: fitted {} for {} ({:.3}%)",
            p.param.spec.key,
            p.value,
            want,
            100.0 * err
        );
    }
    for s in &f.series {
        assert!(
            s.goodness.r2.unwrap() > 0.9999,
            "{}: {:?}",
            s.column,
            s.goodness
        );
    }
    assert!(f.objective < f.loaded_objective);
}

#[test]
fn recovers_within_tolerance_from_noisy_data_with_missing_periods() {
    // 2% noise on each value and every 5th period missing: within 15% of the
    // truth, and the truth inside most 90% intervals.
    let truth = truth();
    let base = support::balanced().config;
    let opts = FitOptions {
        bootstrap: 60,
        ..FitOptions::default()
    };
    let mut covered = 0;
    let mut total = 0;
    for seed in 1..=4 {
        let h = history_of(&truth, &COLS, 0.02, 5, seed);
        let f = fit(&base, &h, &default_params(&base), &opts, &|_| {}).unwrap();
        assert_eq!(f.refits(), 60);
        // The search finds a point at least as good as the truth itself.
        let at_truth = fit(
            &truth,
            &h,
            &default_params(&truth),
            &FitOptions {
                samples: 0,
                starts: 1,
                bootstrap: 0,
                max_evals: 1,
                seed: 1,
                weeks: 1.0,
            },
            &|_| {},
        )
        .unwrap();
        assert!(
            f.objective <= at_truth.loaded_objective * (1.0 + 1e-9),
            "seed {seed}: {} > {}",
            f.objective,
            at_truth.loaded_objective
        );
        for p in &f.params {
            let want = truth.params[p.param.spec.id];
            let err = (p.value - want).abs() / want;
            let flagged = f.warnings.iter().any(|w| w.names(p.param.spec));
            assert!(
                err < 0.15 || flagged,
                "seed {seed}: {} fitted {} for {want}, unflagged: {:?}",
                p.param.spec.key,
                p.value,
                f.warnings
            );
            assert!(p.low <= p.value && p.value <= p.high);
            total += 1;
            if p.low <= want && want <= p.high {
                covered += 1;
            }
        }
        for s in &f.series {
            let t = s.goodness.theil.unwrap();
            assert!((t.um + t.us + t.uc - 1.0).abs() < 1e-6, "{t:?}");
            // Noise is unsystematic: most of the error is covariance.
            assert!(t.uc > 0.5, "{}: {t:?}", s.column);
        }
    }
    assert!(
        covered * 10 >= total * 6,
        "the intervals covered the truth {covered} times of {total}"
    );
}

/// Imitation and the cash buffer fitted to customers alone (3% noise), 40
/// refits: the customers cannot tell the cash buffer.
fn cash_buffer_from_customers() -> flywheel::analysis::fit::Fit {
    let truth = truth();
    let base = support::balanced().config;
    let h = history_of(&truth, &["customers"], 0.03, 0, 9);
    let params = vec![
        FitParam::around(ParamId::Imitation, &base.params),
        FitParam::around(ParamId::CashBuffer, &base.params),
    ];
    let opts = FitOptions {
        bootstrap: 40,
        ..FitOptions::default()
    };
    fit(&base, &h, &params, &opts, &|_| {}).unwrap()
}

#[test]
fn a_parameter_the_data_do_not_touch_is_flagged() {
    // Cash does not respond to the insight half-saturation in a way the
    // customer count can tell: fitting it from customers alone is not pinned down.
    let f = cash_buffer_from_customers();
    assert!(
        f.warnings.iter().any(|w| {
            w.names(flywheel::model::ParamSpec::of(ParamId::CashBuffer))
                && w.to_string().starts_with("finance.cash_buffer")
        }),
        "{:?} {:?}",
        f.warnings,
        f.params
    );
}

#[test]
fn data_longer_than_the_horizon_is_fitted_over_the_data() {
    let mut truth = truth();
    truth.periods = 300;
    let h = history_of(&truth, &["customers"], 0.0, 0, 1);
    let mut base = support::balanced().config;
    base.periods = 52;
    let params = vec![FitParam::around(ParamId::Imitation, &base.params)];
    let opts = FitOptions {
        bootstrap: 0,
        ..FitOptions::default()
    };
    let f = fit(&base, &h, &params, &opts, &|_| {}).unwrap();
    assert_eq!(f.config.periods, 300);
    assert_eq!(f.series[0].goodness.points, 301);
}

/// The error for `text`, as one line (`file:line:column: message`).
fn bad(text: &str) -> String {
    parse("h.csv", text).unwrap_err().headline()
}

#[test]
fn bad_history_files_say_where_and_what_to_do() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "week,customers\n0,10\n",
            "h.csv:1:1:",
            &["no `period` column"],
        ),
        (
            "period,customers\n0,10\n1,ten\n",
            "h.csv:3:3:",
            &["`ten`", "not a number", "empty"],
        ),
        (
            "period,customers\n0,10\n1,-4\n",
            "h.csv:3:3:",
            &["negative", "cash and profit"],
        ),
        (
            "period,customers\n0,10\n1,11\n1,12\n",
            "h.csv:4:1:",
            &["period 1 appears twice", "line 3"],
        ),
        (
            "period,customers\n0,10\n2,11\n1,12\n",
            "h.csv:4:1:",
            &["comes after period 2", "sort"],
        ),
        (
            "period,custmers\n0,10\n",
            "h.csv:1:8:",
            &["unknown column `custmers`", "`customers`"],
        ),
        (
            "period,customers,revenue\n0,10\n",
            "h.csv:2:",
            &["2 cells", "3 columns"],
        ),
        ("period\n0\n", "h.csv:1:1:", &["add at least one series"]),
        ("period,customers\n", "h.csv:1:1:", &["no rows"]),
        (
            "period,customers\n0.5,10\n",
            "h.csv:2:1:",
            &["not a whole number"],
        ),
        ("", "h.csv:", &["no header"]),
        ("# only a comment\n\n", "h.csv:", &["no header"]),
    ];
    for (text, at, words) in cases {
        let msg = bad(text);
        assert!(msg.starts_with(at), "{text:?}: {msg}");
        for w in *words {
            assert!(msg.contains(w), "{text:?}: {msg} lacks {w}");
        }
    }
    // Cash and profit may be negative; blank cells are missing values.
    assert!(parse("h.csv", "period,cash,profit\n0,-5,-1\n1,,\n").is_ok());
}

#[test]
fn a_history_over_the_size_limit_is_refused() {
    let limit = flywheel::analysis::history::MAX_HISTORY_BYTES as usize;
    let mut text = String::from("period,customers\n");
    while text.len() <= limit {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let msg = bad(&text);
    assert!(msg.contains("over the limit of 16 MiB"), "{msg}");
}

#[test]
fn a_search_cut_short_says_so_and_keeps_the_best_point_found() {
    let truth = truth();
    let h = history_of(&truth, &COLS, 0.0, 0, 1);
    let base = support::balanced().config;
    let opts = FitOptions {
        samples: 8,
        starts: 1,
        bootstrap: 0,
        max_evals: 5,
        seed: 1,
        weeks: 1.0,
    };
    let f = fit(&base, &h, &default_params(&base), &opts, &|_| {}).unwrap();
    assert!(!f.converged, "five runs cannot converge");
    assert!(
        f.objective <= f.loaded_objective,
        "{} > {}",
        f.objective,
        f.loaded_objective
    );
}

#[test]
fn the_intervals_and_the_warnings_tell_one_story() {
    // The data cannot pin the cash buffer down: the warning and the interval
    // must say the same, whichever of the refits or the slope is wider.
    let f = cash_buffer_from_customers();
    let mut loose = 0;
    for w in &f.warnings {
        if let flywheel::analysis::fit::Warning::Loose { spec, by, .. } = w {
            loose += 1;
            let p = f
                .params
                .iter()
                .find(|p| p.param.spec.id == spec.id)
                .unwrap();
            match by {
                flywheel::analysis::fit::Loose::Refits { low, high, .. } => {
                    assert_eq!((*low, *high), (p.low, p.high), "{w}");
                }
                flywheel::analysis::fit::Loose::Slope { .. } => {
                    panic!("a slope wider than the interval shown: {w}")
                }
            }
        }
    }
    assert!(
        loose > 0
            || f.warnings
                .iter()
                .any(|w| w.names(flywheel::model::ParamSpec::of(ParamId::CashBuffer))),
        "{:?}",
        f.warnings
    );
}
