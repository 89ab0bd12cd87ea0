//! Loop dominance on presets where the answer is known.

use flywheel::model::{Loop, loop_strengths, simulate};
use flywheel::scenario::resolve;

use crate::support;

fn strip(name: &str) -> Vec<Option<Loop>> {
    let s = resolve(name).unwrap();
    let series = simulate(&s.config);
    loop_strengths(&s.config, &series)
        .into_iter()
        .map(|l| l.dominant)
        .collect()
}

fn share(strip: &[Option<Loop>], range: std::ops::Range<usize>, l: Loop) -> f64 {
    let n = strip[range.clone()]
        .iter()
        .filter(|d| **d == Some(l))
        .count();
    n as f64 / range.len() as f64
}

#[test]
fn word_of_mouth_dominates_bass_classic_until_saturation_takes_over() {
    let s = strip("bass-classic");
    // No sales team and no churn: only word of mouth and saturation can lead.
    assert!(
        s.iter()
            .flatten()
            .all(|l| matches!(l, Loop::WordOfMouth | Loop::Saturation))
    );
    assert!(share(&s, 5..70, Loop::WordOfMouth) > 0.9);
    assert!(share(&s, 100..208, Loop::Saturation) > 0.9);
    // The hand-over happens once, near the peak of adoption.
    let sc = resolve("bass-classic").unwrap();
    let peak = flywheel::model::summarize(&simulate(&sc.config)).peak_acquisition_period as usize;
    let first_saturation = s.iter().position(|d| *d == Some(Loop::Saturation)).unwrap();
    assert!(
        first_saturation.abs_diff(peak) <= 25,
        "{first_saturation} vs the peak at {peak}"
    );
    assert!(
        s[first_saturation..]
            .iter()
            .all(|d| *d == Some(Loop::Saturation))
    );
}

#[test]
fn balanced_starts_on_sales_reach_takes_off_with_feedback_and_ends_saturated() {
    let s = strip("balanced");
    assert!(share(&s, 0..10, Loop::SalesReach) > 0.9);
    // A weak product loses customers as fast as sales wins them, for a while.
    assert!(share(&s, 15..40, Loop::Churn) > 0.9);
    assert!(share(&s, 50..130, Loop::SalesReach) > 0.9);
    assert!(share(&s, 175..209, Loop::Saturation) > 0.9);
    // Through the take-off, insight carries a real part of the growth: the
    // customers won because the product is stronger than blind R&D makes it.
    let sc = support::balanced();
    let l = loop_strengths(&sc.config, &simulate(&sc.config));
    let sum = |lp: Loop| l[80..130].iter().map(|x| x.of(lp)).sum::<f64>();
    let (feedback, sales) = (sum(Loop::Feedback), sum(Loop::SalesReach));
    assert!(
        feedback > 0.2 * sales,
        "feedback {feedback} vs sales {sales}"
    );
}

#[test]
fn a_product_without_sales_is_held_back_by_churn() {
    let s = strip("product-only");
    assert!(share(&s, 10..208, Loop::Churn) > 0.9);
    assert!(!s.contains(&Some(Loop::SalesReach)));
}

#[test]
fn quiet_periods_are_not_given_a_loop() {
    // Before anything happens there is no dominant loop, even though one
    // loop is trivially the largest.
    let s = strip("bass-classic");
    assert_eq!(s[0], None);
    let strengths = {
        let sc = resolve("bass-classic").unwrap();
        loop_strengths(&sc.config, &simulate(&sc.config))
    };
    assert!(strengths[0].values.iter().sum::<f64>() < 1.0);
}
