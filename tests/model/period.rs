//! A weekly preset and its monthly, quarterly and yearly conversions tell
//! the same story: value, final customers, strength, total revenue and
//! profit within 0.5% (the monthly version takes 35 sub-steps a month, as
//! fine as 8 a week; a quarter 104, a year 416), and the same sign of
//! profit. Every value stays valid: a rate's range is per week, so a year's
//! is 52 times as wide.

use flywheel::model::{simulate, summarize};
use flywheel::scenario::{period::convert, resolve};

use crate::support;

#[test]
fn weekly_monthly_quarterly_and_yearly_presets_tell_the_same_story() {
    for (period, periods, substeps) in [("month", 48, 35), ("quarter", 16, 104), ("year", 4, 416)] {
        for name in ["balanced", "silo", "sales-push", "integrated"] {
            same_story(name, period, periods, substeps);
        }
    }
}

fn same_story(name: &str, period: &str, periods: u32, substeps: u32) {
    {
        let weekly = resolve(name).unwrap();
        assert!(
            flywheel::scenario::period::clamped(&weekly, period).is_empty(),
            "{name} in {period}s"
        );
        let monthly = convert(&weekly, period).unwrap();
        assert_eq!(monthly.period_label, period);
        assert_eq!(
            monthly.config.periods, periods,
            "{name}: 208 weeks are {periods} {period}s"
        );
        // The converted file reads back as it was written.
        let text = flywheel::scenario::write::to_toml(&monthly);
        let back = flywheel::scenario::parse("converted.toml", &text)
            .unwrap_or_else(|e| panic!("{name} in {period}s: {e}"));
        assert_eq!(back.config.params, monthly.config.params);
        let (w, m) = (
            summarize(&simulate(&weekly.config)),
            summarize(&simulate(&monthly.config)),
        );
        let close = |a: f64, b: f64, tol: f64, what: &str| {
            let rel = (a - b).abs() / a.abs().max(1.0);
            assert!(
                rel <= tol,
                "{name}: {what} weekly {a} per {period} {b} ({:.1}%)",
                100.0 * rel
            );
        };
        assert_eq!(
            monthly.config.substeps, substeps,
            "{name}: as fine as 8 a week"
        );
        close(w.value, m.value, 0.005, "value");
        close(
            w.final_customers,
            m.final_customers,
            0.005,
            "final customers",
        );
        close(w.final_strength, m.final_strength, 0.005, "final strength");
        close(w.total_revenue, m.total_revenue, 0.005, "total revenue");
        close(w.total_profit, m.total_profit, 0.005, "total profit");
        assert_eq!(w.total_profit > 0.0, m.total_profit > 0.0, "{name}");
    }
}

#[test]
fn a_monthly_scenario_states_prices_and_churn_per_month() {
    let weekly = support::balanced();
    let monthly = convert(&weekly, "month").unwrap();
    let p = |s: &flywheel::scenario::Scenario, id| s.config.params[id];
    use flywheel::model::ParamId::*;
    assert!((p(&monthly, Price) - p(&weekly, Price) * 52.0 / 12.0).abs() < 1e-9);
    // Rates are continuous: a month's base churn is 52/12 weeks' worth.
    assert!((p(&monthly, ChurnFloor) / (p(&weekly, ChurnFloor) * 52.0 / 12.0) - 1.0).abs() < 1e-11);
    assert!((p(&monthly, Latency) - p(&weekly, Latency) * 12.0 / 52.0).abs() < 1e-12);
    assert_eq!(p(&monthly, ValuationLag), 3.0);
    assert!(p(&monthly, HiringDelay) < p(&weekly, HiringDelay));
}

#[test]
fn show_converts_from_the_command_line_and_refuses_unknown_periods() {
    let out = support::flywheel()
        .args(["show", "balanced", "--period", "month"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let s = flywheel::scenario::parse("monthly.toml", &text).unwrap();
    assert_eq!((s.period_label.as_str(), s.config.periods), ("month", 48));
    assert!(text.starts_with("# preset:balanced converted from weeks to months"));
    let out = support::flywheel()
        .args(["show", "balanced", "--period", "fortnight"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fortnight") && err.contains("month"), "{err}");
}

#[test]
fn a_lessons_settings_convert_with_its_period() {
    use flywheel::model::{ParamId, ParamSpec, Per};
    let k = 52.0 / 12.0;
    let mut compared = 0;
    for preset in flywheel::scenario::PRESETS {
        let weekly = resolve(preset.name).unwrap();
        let monthly = convert(&weekly, "month").unwrap();
        for (w, m) in weekly.lesson.steps.iter().zip(&monthly.lesson.steps) {
            if let (Some(pw), Some(pm)) = (&w.predict, &m.predict) {
                for ((id, a), (_, b)) in pw.set.iter().zip(&pm.set) {
                    let want = match ParamSpec::of(*id).per {
                        Per::Rate | Per::PerPeriod => a * k,
                        Per::Delay => a / k,
                        Per::Count => (a / k).round(),
                        Per::Fixed => *a,
                    };
                    assert!(
                        (b - want).abs() <= 1e-9 * want.abs().max(1.0),
                        "{}: {id} {a} -> {b}",
                        preset.name
                    );
                    compared += 1;
                }
            }
        }
        assert_eq!(
            monthly.play.turn,
            ((f64::from(weekly.play.turn) / k).round() as u32).max(1)
        );
        for ((id, cw), (_, cm)) in weekly.play.costs.iter().zip(&monthly.play.costs) {
            if *id == ParamId::Latency {
                // A month of latency is worth k weeks of it.
                assert!((cm - cw * k).abs() < 1e-9 * cw.abs().max(1.0));
            }
        }
    }
    assert!(compared > 0, "some lesson sets a value with its prediction");
}

/// A rate's valid range is per week: a yearly file may say 4 a year, a
/// weekly one may not say 4 a week; the message gives the period's range.
#[test]
fn a_rate_is_valid_per_week_whatever_the_period_it_is_written_in() {
    let yearly = "[scenario]\nperiod_label = \"year\"\nperiods = 4\nsubsteps = 416\n\n[market]\nimitation = 4\n";
    let s = flywheel::scenario::parse("yearly.toml", yearly).unwrap();
    assert_eq!(s.config.params[flywheel::model::ParamId::Imitation], 4.0);
    let weekly = yearly.replace("\"year\"", "\"week\"");
    let err = flywheel::scenario::parse("weekly.toml", &weekly)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("weekly.toml:7:13")
            && err.contains("market.imitation = 4 is out of range; valid is 0–1"),
        "{err}"
    );
    let dir = support::TempDir::new("period");
    let file = dir.join("yearly.toml");
    std::fs::write(&file, yearly).unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["run", f, "--set", "retention.churn_weak=2"],
        vec!["sweep", f, "--param", "market.imitation=1..5:1"],
        vec!["optimize", f, "--decide", "pricing.price"],
        vec![
            "montecarlo",
            f,
            "--vary",
            "market.imitation=2..6",
            "--runs",
            "20",
        ],
    ] {
        let out = support::flywheel().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = support::flywheel()
        .args(["run", f, "--set", "market.imitation=60"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("valid is 0–52"),
        "{err}"
    );
}
