//! The optimizer's own tests: parsing, the optimum against a grid, rules and infeasibility.

use super::search::{halton, round_sig};
use super::*;
use crate::model::{Config, simulate, summarize};
use crate::scenario::lesson::parse_condition;

fn balanced() -> Config {
    crate::scenario::resolve("balanced").unwrap().config
}

#[test]
fn a_bare_decision_takes_its_periods_slider_and_widens_to_hold_the_loaded_value() {
    let weekly = parse_decide("pricing.price").unwrap();
    assert_eq!((weekly.lo, weekly.hi), (0.01, 500.0));
    let yearly = super::parse_decide_in("pricing.price", 52.0).unwrap();
    assert_eq!(yearly.hi, 26_000.0);
    // A rate of a year's range is valid in a year, not in a week.
    assert!(super::parse_decide_in("market.imitation=0..5", 52.0).is_ok());
    assert!(parse_decide("market.imitation=0..5").is_err());
    // Held: twice the value above the range, half below, within the valid range.
    assert_eq!(weekly.holding(1500.0).hi, 3000.0);
    assert_eq!(weekly.holding(0.004).lo, 0.002);
    assert_eq!(weekly.holding(200.0), weekly);
    let share = parse_decide("sales.sales_share=0.2..0.4").unwrap();
    assert_eq!(share.holding(0.9).hi, 1.0, "kept valid");
}

#[test]
fn decisions_parse_and_refuse_bad_ranges() {
    let d = parse_decide("pricing.price=50..200").unwrap();
    assert_eq!((d.lo, d.hi), (50.0, 200.0));
    let s = parse_decide("sales.sales_share").unwrap();
    assert_eq!(s.spec.id, ParamId::SalesShare);
    for (bad, fragment) in [
        ("pricing.prise=1..2", "did you mean \"pricing.price\""),
        ("pricing.price=200..50", "reversed"),
        ("pricing.price=a..5", "LOW \"a\" is not a number"),
        ("pricing.price=5", "missing '..'"),
        ("sales.sales_share=0..2", "out of range"),
    ] {
        let err = parse_decide(bad).unwrap_err().to_string();
        assert!(err.contains(fragment), "{bad}: {err}");
    }
}

#[test]
fn the_optimum_beats_every_sampled_point_and_meets_the_constraint() {
    let p = Problem::new(
        balanced(),
        vec![
            parse_decide("pricing.price=50..200").unwrap(),
            parse_decide("sales.sales_share=0..0.9").unwrap(),
        ],
    );
    let o = optimize(&p, &|_| {}).unwrap();
    assert!(o.summary.min_cash >= 0.0);
    let baseline = summarize(&simulate(&p.base));
    for i in 0..=10 {
        for j in 0..=10 {
            let x = [50.0 + 15.0 * f64::from(i), 0.09 * f64::from(j)];
            let e = p.evaluate(&x, &baseline);
            if e.feasible() {
                assert!(
                    e.objective.unwrap() <= o.objective * (1.0 + 1e-6),
                    "{x:?} gives {:?} above {}",
                    e.objective,
                    o.objective
                );
            }
        }
    }
    // The reported objective is the plain run's.
    let again = summarize(&simulate(
        &p.config(&o.values().iter().map(|v| v.1).collect::<Vec<_>>()),
    ));
    assert_eq!(again.value, o.objective);
    for c in &o.decisions {
        assert!(c.flat.0 <= c.value && c.value <= c.flat.1);
    }
}

#[test]
fn shares_never_overspend_and_an_impossible_goal_says_so() {
    let mut p = Problem::new(
        balanced(),
        vec![
            parse_decide("product.rd_share=0..1").unwrap(),
            parse_decide("sales.sales_share=0..1").unwrap(),
        ],
    );
    let o = optimize(&p, &|_| {}).unwrap();
    let v = o.values();
    assert!(v[0].1 + v[1].1 <= 1.0 + 1e-12);
    p.constraints
        .push(parse_condition("min_cash >= 1e15").unwrap());
    match optimize(&p, &|_| {}) {
        Err(OptimizeError::Infeasible { broken, .. }) => {
            assert!(broken.contains("min_cash >= 1e15"), "{broken}")
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn rounding_keeps_few_digits() {
    assert_eq!(round_sig(117.34567, 3), 117.0);
    assert_eq!(round_sig(0.0123456, 2), 0.012);
    assert_eq!(round_sig(123456.0, 2), 120000.0);
    let h = halton(1, 2);
    assert_eq!(h, vec![0.5, 1.0 / 3.0]);
}

#[test]
fn problems_without_decisions_are_refused() {
    let p = Problem::new(balanced(), Vec::new());
    assert!(matches!(
        optimize(&p, &|_| {}),
        Err(OptimizeError::Invalid(_))
    ));
}
