//! The properties model version 3 was made for (MODEL.md, "What changed in
//! v3"): a steady policy's value does not depend on the horizon, no switch
//! in the last quarter buys a better value, size and the length of a
//! sub-step are invisible, and the invariants of the contract hold.

use flywheel::analysis::optimize::{Problem, optimize, parse_decide};
use flywheel::model::{Config, Event, ParamId as P, Params, Series, Summary, simulate, summarize};
use flywheel::scenario;

use crate::support;

fn summary(cfg: &Config) -> Summary {
    summarize(&simulate(cfg))
}

/// The best steady policy for value over R&D share, sales share and price.
fn best_steady(cfg: &Config) -> (f64, f64, f64, f64) {
    let reference = cfg.params[P::ReferencePrice];
    let problem = Problem::new(
        cfg.clone(),
        vec![
            parse_decide("product.rd_share=0..0.6").unwrap(),
            parse_decide("sales.sales_share=0..0.6").unwrap(),
            parse_decide(&format!(
                "pricing.price={}..{}",
                0.5 * reference,
                2.5 * reference
            ))
            .unwrap(),
        ],
    );
    let o = optimize(&problem, &|_| {}).unwrap();
    let v = o.values();
    (v[0].1, v[1].1, v[2].1, o.objective)
}

fn with(cfg: &Config, sets: &[(P, f64)]) -> Config {
    let mut c = cfg.clone();
    for &(id, v) in sets {
        c.params[id] = v;
    }
    c
}

#[test]
fn the_best_steady_policy_does_not_move_with_the_horizon() {
    let base = support::balanced().config;
    let mut found = Vec::new();
    for years in [2u32, 4, 6, 10] {
        let mut cfg = base.clone();
        cfg.periods = 52 * years;
        found.push((years, best_steady(&cfg)));
    }
    let (_, (rd4, sales4, price4, _)) = found[1];
    for (years, (rd, sales, price, value)) in &found {
        assert!(
            (rd - rd4).abs() <= 0.05 && (sales - sales4).abs() <= 0.05,
            "{years} years: shares {rd:.3}/{sales:.3} against {rd4:.3}/{sales4:.3} at 4 years"
        );
        assert!(
            (price / price4 - 1.0).abs() <= 0.10,
            "{years} years: price {price:.1} against {price4:.1}"
        );
        assert!(value.is_finite() && *value > 0.0);
    }
    // Both gears funded, and a price near the reference (MODEL.md's figures).
    assert!(rd4 >= 0.1 && sales4 >= 0.1, "{rd4} {sales4}");
    assert!((price4 / 100.0 - 1.0).abs() <= 0.2, "{price4}");
}

/// Every last-quarter switch in a grid: the levers set by an event
/// `valuation_lag` periods before the end.
fn last_quarter_switches(cfg: &Config) -> Vec<(String, Config)> {
    switches_at(cfg, cfg.periods - cfg.params[P::ValuationLag] as u32)
}

/// Every switch of the levers in a grid, by an event at period `at`.
fn switches_at(cfg: &Config, at: u32) -> Vec<(String, Config)> {
    let reference = cfg.params[P::ReferencePrice];
    let mut out = Vec::new();
    for rd in [0.0, 0.5, 1.0] {
        for sales in [0.0, 0.5, 1.0, 3.0] {
            for price in [0.5, 1.0, 1.5, 2.5] {
                let mut c = cfg.clone();
                let base_rd = c.params[P::RdShare];
                let base_sales = c.params[P::SalesShare];
                let set = vec![
                    (P::RdShare, base_rd * rd),
                    (P::RdBase, c.params[P::RdBase] * rd),
                    (P::SalesShare, (base_sales * sales).min(1.0 - base_rd * rd)),
                    (P::SalesBase, c.params[P::SalesBase] * sales),
                    (P::Price, reference * price),
                ];
                c.events.push(Event {
                    at,
                    note: "switch".into(),
                    set,
                    cash_injection: 0.0,
                    market_change: 0.0,
                    name: String::new(),
                });
                out.push((format!("rd x{rd}, sales x{sales}, price x{price}"), c));
            }
        }
    }
    out
}

#[test]
fn no_last_quarter_switch_beats_the_best_steady_policy_by_more_than_two_percent() {
    for preset in scenario::PRESETS {
        let s = preset.load().unwrap();
        let name = preset.name;
        let (rd, sales, price, best) = best_steady(&s.config);
        let steady = with(
            &s.config,
            &[(P::RdShare, rd), (P::SalesShare, sales), (P::Price, price)],
        );
        for (what, c) in last_quarter_switches(&steady) {
            let v = summary(&c).value;
            assert!(
                v <= best + 0.02 * best.abs(),
                "{name}: {what} in the last quarter gives value {v:.4e}, above the best steady {best:.4e} by more than 2%"
            );
        }
    }
}

/// In play a team can change course only when a turn opens: a lesson's
/// last turn (half a year in `lesson-product-sales`, `turns = 8`) is the
/// clever end-game, and no switch there beats the best steady policy.
#[test]
fn no_switch_at_a_lessons_last_turn_beats_the_best_steady_policy() {
    for name in [
        "lesson-latency",
        "lesson-product-sales",
        "lesson-founder-scaleup",
    ] {
        let s = scenario::resolve(name).unwrap();
        let turn = s.play.turn.max(1);
        let last = (s.config.periods.div_ceil(turn) - 1) * turn;
        let (rd, sales, price, best) = best_steady(&s.config);
        let steady = with(
            &s.config,
            &[(P::RdShare, rd), (P::SalesShare, sales), (P::Price, price)],
        );
        for (what, c) in switches_at(&steady, last) {
            let v = summary(&c).value;
            assert!(
                v <= best + 0.02 * best.abs(),
                "{name}: {what} at the last turn (week {last}) gives value {v:.4e}, above the best steady {best:.4e} by more than 2%"
            );
        }
    }
}

#[test]
fn the_v2_harvest_raises_profit_but_loses_value() {
    let s = support::balanced();
    let (rd, sales, price, _) = best_steady(&s.config);
    let steady = with(
        &s.config,
        &[(P::RdShare, rd), (P::SalesShare, sales), (P::Price, price)],
    );
    let mut harvest = steady.clone();
    harvest.events.push(Event {
        at: 195,
        note: "harvest".into(),
        set: vec![
            (P::RdShare, 0.0),
            (P::RdBase, 0.0),
            (P::SalesShare, 0.0),
            (P::SalesBase, 0.0),
            (P::Price, 250.0),
        ],
        cash_injection: 0.0,
        market_change: 0.0,
        name: String::new(),
    });
    let (a, b) = (summary(&steady), summary(&harvest));
    assert!(
        b.total_profit > a.total_profit,
        "the harvest takes profit now"
    );
    assert!(
        b.value < a.value,
        "and destroys value: {} vs {}",
        b.value,
        a.value
    );
    assert!(b.final_customers < a.final_customers);
}

/// The columns that scale with size (people, money, insight).
const EXTENSIVE: &[&str] = &[
    "potential",
    "customers",
    "lapsed",
    "market_size",
    "reps",
    "rookies",
    "insight",
    "cash",
    "leads_organic",
    "leads_sales",
    "leads",
    "new_organic",
    "new_sales",
    "new_customers",
    "churned",
    "warned_off",
    "returned",
    "revenue",
    "feedback_sent",
    "feedback_stale",
    "feedback_arrived",
    "rd_spend",
    "sales_spend",
    "interest",
    "costs",
    "profit",
    "discounted_profit",
];

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1e-300) || (a - b).abs() < 1e-6
}

#[test]
fn size_is_invisible_every_column_scales_and_every_ratio_stays() {
    for name in [
        "balanced",
        "competitor-shock",
        "integrated",
        "sales-push",
        "product-only",
    ] {
        let Ok(s) = scenario::resolve(name) else {
            continue;
        };
        let one = simulate(&s.config);
        for k in [0.1, 10.0] {
            let other = simulate(&s.config.scaled(k));
            for (a, b) in one.rows.iter().zip(&other.rows) {
                for col in flywheel::model::COLUMNS {
                    let (x, y) = ((col.get)(a), (col.get)(b));
                    let want = if EXTENSIVE.contains(&col.name) {
                        x * k
                    } else {
                        x
                    };
                    assert!(
                        close(want, y, 1e-9),
                        "{name} x{k}: {} at {}: {y} vs {want}",
                        col.name,
                        a.period
                    );
                }
            }
            let (sa, sb) = (summarize(&one), summarize(&other));
            assert!(close(sa.value * k, sb.value, 1e-9), "{name} x{k}: value");
        }
    }
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs())
}

#[test]
fn the_sub_step_is_invisible_doubling_it_moves_value_by_under_one_percent() {
    for s in scenario::PRESETS.iter().filter_map(|p| p.load().ok()) {
        let a = summary(&s.config);
        let mut fine = s.config.clone();
        fine.substeps *= 2;
        let b = summary(&fine);
        for (what, x, y) in [
            ("value", a.value, b.value),
            ("total profit", a.total_profit, b.total_profit),
            ("final customers", a.final_customers, b.final_customers),
        ] {
            if x.abs() < 1e3 && y.abs() < 1e3 {
                continue;
            }
            assert!(
                relative(x, y) < 0.01,
                "{}: {what} {x:.6e} at {} sub-steps, {y:.6e} at {}",
                s.name,
                s.config.substeps,
                fine.substeps
            );
        }
    }
}

#[test]
fn the_period_is_invisible_weeks_and_months_agree_within_half_a_percent() {
    for s in scenario::PRESETS.iter().filter_map(|p| p.load().ok()) {
        let month = scenario::period::convert(&s, "month").unwrap();
        let (a, b) = (summary(&s.config), summary(&month.config));
        for (what, x, y) in [
            ("value", a.value, b.value),
            ("total profit", a.total_profit, b.total_profit),
            ("final customers", a.final_customers, b.final_customers),
        ] {
            if x.abs() < 1e4 && y.abs() < 1e4 {
                continue;
            }
            assert!(
                relative(x, y) < 0.005,
                "{}: {what} weekly {x:.6e}, monthly {y:.6e}",
                s.name
            );
        }
    }
}

fn rows(cfg: &Config) -> Series {
    simulate(cfg)
}

#[test]
fn people_are_conserved_and_no_stock_but_cash_goes_negative() {
    for s in scenario::PRESETS.iter().filter_map(|p| p.load().ok()) {
        for stochastic in [false, true] {
            let mut cfg = s.config.clone();
            cfg.stochastic = stochastic;
            for r in rows(&cfg).rows {
                let sum = r.potential + r.customers + r.lapsed;
                assert!(
                    (sum - r.market_size).abs() <= 1e-9 * r.market_size.max(1.0),
                    "{} t={}",
                    s.name,
                    r.period
                );
                for v in [
                    r.potential,
                    r.customers,
                    r.lapsed,
                    r.reps,
                    r.rookies,
                    r.insight,
                ] {
                    assert!(v >= 0.0 && v.is_finite(), "{} t={}", s.name, r.period);
                }
                assert!((0.0..=1.0).contains(&r.strength));
            }
        }
    }
}

#[test]
fn feedback_is_conserved_in_transit() {
    let mut cfg = support::balanced().config;
    cfg.params[P::Latency] = 6.37;
    let series = simulate(&cfg);
    // What was in transit at the start: the equilibrium's F0 * keep per sub-step of latency.
    let first = &series.rows[0];
    let mut sent = 0.0;
    let mut arrived = 0.0;
    let mut stale = 0.0;
    for r in &series.rows {
        sent += r.feedback_sent;
        arrived += r.feedback_arrived;
        stale += r.feedback_stale;
    }
    let last = series.rows.last().unwrap();
    let at_start = arrived + stale + last.feedback_in_flight - sent;
    // The starting transit is about the latency's worth of the first period's kept feedback.
    let keep = (-cfg.params[P::InsightDecay] * 6.37_f64).exp();
    let expected = first.feedback_sent * keep * 6.37;
    assert!(
        relative(at_start, expected) < 0.05,
        "in transit at start {at_start}, about {expected} expected"
    );
    assert!(at_start > 0.0);
}

#[test]
fn bass_is_exact_with_one_sub_step_and_no_frictions() {
    let mut p = Params::default();
    for (id, v) in [
        (P::InitialReps, 0.0),
        (P::SalesBase, 0.0),
        (P::SalesShare, 0.0),
        (P::InitialStrength, 1.0),
        (P::Obsolescence, 0.0),
        (P::TrialConversion, 1.0),
        (P::MonetizationGap, 0.0),
        (P::ChurnFloor, 0.0),
        (P::ChurnWeak, 0.0),
    ] {
        p[id] = v;
    }
    for substeps in [1u32, 4] {
        let cfg = Config {
            params: p,
            periods: 150,
            substeps,
            ..Config::default()
        };
        let series = simulate(&cfg);
        let (n, pp, q) = (1e5, 0.002 / f64::from(substeps), 0.08 / f64::from(substeps));
        let mut c = 0.0_f64;
        for r in &series.rows {
            assert!(
                (r.customers - c).abs() <= 1e-9 * c.max(1.0),
                "{substeps} sub-steps, t={}: {} vs {c}",
                r.period,
                r.customers
            );
            for _ in 0..substeps {
                c += (pp + q * c / n) * (n - c);
            }
        }
    }
}

#[test]
fn a_mature_company_starts_at_equilibrium_insight() {
    let mut p = Params::default();
    for (id, v) in [
        (P::InitialCustomers, 20_000.0),
        (P::Innovation, 0.0),
        (P::Imitation, 0.0),
        (P::InitialReps, 0.0),
        (P::SalesBase, 0.0),
        (P::SalesShare, 0.0),
        (P::ChurnFloor, 0.0),
        (P::ChurnWeak, 0.0),
        (P::Winback, 0.0),
        (P::Latency, 7.5),
    ] {
        p[id] = v;
    }
    let series = simulate(&Config {
        params: p,
        periods: 100,
        ..Config::default()
    });
    let i0 = series.rows[0].insight;
    assert!(i0 > 0.0);
    for r in &series.rows {
        assert!(
            relative(r.insight, i0) < 1e-9,
            "t={}: {} vs {i0}",
            r.period,
            r.insight
        );
    }
    // With the ratio at 0, the team has heard nothing yet.
    p[P::InitialInsightRatio] = 0.0;
    let blind = simulate(&Config {
        params: p,
        periods: 10,
        ..Config::default()
    });
    assert_eq!(blind.rows[0].insight, 0.0);
}

#[test]
fn latency_now_has_a_lasting_cost() {
    let base = support::balanced().config;
    let mut last_year = Vec::new();
    for latency in [2.0, 26.0, 52.0] {
        let mut cfg = with(&base, &[(P::Latency, latency)]);
        cfg.periods = 20 * 52;
        let s = simulate(&cfg);
        let profit: f64 = s.rows[cfg.periods as usize - 52..cfg.periods as usize]
            .iter()
            .map(|r| r.profit)
            .sum();
        last_year.push(profit);
    }
    assert!(
        last_year[0] > last_year[1] && last_year[1] > last_year[2],
        "last-year profit over 20 years at latency 2, 26, 52: {last_year:?}"
    );
}

#[test]
fn extreme_values_stay_finite_over_ten_thousand_periods() {
    let mut p = Params::default();
    p[P::Price] = 1e9;
    p[P::Elasticity] = 10.0;
    let cfg = Config {
        params: p,
        periods: 10_000,
        substeps: 1,
        ..Config::default()
    };
    let s = simulate(&cfg);
    let sum = summarize(&s);
    assert!(sum.value.is_finite());
    for r in &s.rows {
        assert!(r.customers.is_finite() && r.cash.is_finite() && !r.conversion.is_nan());
    }
}
