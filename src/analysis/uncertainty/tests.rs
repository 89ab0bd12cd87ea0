//! The uncertainty analysis's own tests: share intervals, draws and `--vary`.

use super::*;

#[test]
fn the_share_interval_holds_the_true_share_about_ninety_percent_of_the_time() {
    // Counts of draws with known chances, as a `--versus` of n draws makes them.
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    for &(p, n) in &[
        (0.5, 100),
        (0.85, 200),
        (0.97, 500),
        (0.3, 1000),
        (0.99, 100),
    ] {
        let trials = 4000;
        let held = (0..trials)
            .filter(|_| {
                let k = (0..n).filter(|_| rng.random::<f64>() < p).count();
                let (lo, hi) = share_interval(k, n).unwrap();
                lo <= p && p <= hi
            })
            .count();
        let coverage = held as f64 / trials as f64;
        assert!(
            (0.86..=0.95).contains(&coverage),
            "p {p}, n {n}: the 90% interval held the truth {coverage:.3} of the time"
        );
    }
    assert_eq!(share_interval(0, 0), None);
    let (lo, hi) = share_interval(100, 100).unwrap();
    assert!(lo > 0.97 && hi == 1.0, "{lo} {hi}");
}
use crate::model::Params;

#[test]
fn draws_stay_in_range_and_repeat_by_seed() {
    let p = Params::default();
    let v = vec![
        parse_vary("sales.win_rate=0.3..0.5:triangular", &p).unwrap(),
        parse_vary("pricing.price=80..120", &p).unwrap(),
    ];
    let v = Draws {
        vary: v,
        rows: Vec::new(),
    };
    let a = draw(&v, 200, 7);
    assert_eq!(a, draw(&v, 200, 7));
    assert_ne!(a, draw(&v, 200, 8));
    assert!(
        a.iter()
            .all(|d| (0.3..=0.5).contains(&d[0]) && (80.0..=120.0).contains(&d[1]))
    );
    // A triangle peaking at 0.4 puts more draws near it than a uniform would.
    let near = a.iter().filter(|d| (d[0] - 0.4).abs() < 0.05).count();
    assert!(near > 110, "{near} of 200 within 0.05 of the mode");
}

#[test]
fn a_fits_refits_are_drawn_whole_beside_the_other_uncertain_parameters() {
    let p = Params::default();
    let refit = |key: &str, mode: f64| Uncertain {
        spec: ParamSpec::by_key(key).unwrap(),
        lo: 0.0,
        hi: 1.0,
        mode,
        shape: Shape::Refits,
    };
    // Two refits of two parameters that move together exactly.
    let d = Draws {
        vary: vec![
            refit("market.imitation", 0.3),
            parse_vary("pricing.price=80..120", &p).unwrap(),
            refit("sales.win_rate", 0.4),
        ],
        rows: vec![vec![0.2, 0.5], vec![0.4, 0.3]],
    };
    let a = draw(&d, 400, 1);
    assert!(
        a.iter()
            .all(|r| (r[0], r[2]) == (0.2, 0.5) || (r[0], r[2]) == (0.4, 0.3))
    );
    let first = a.iter().filter(|r| r[0] == 0.2).count();
    assert!(
        (150..=250).contains(&first),
        "{first} of 400 from the first refit"
    );
    assert!(a.iter().all(|r| (80.0..=120.0).contains(&r[1])));
}

#[test]
fn bad_vary_names_the_problem() {
    let p = Params::default();
    assert!(
        parse_vary("sales.win_rat=0..1", &p)
            .unwrap_err()
            .to_string()
            .contains("sales.win_rate")
    );
    assert!(
        parse_vary("sales.win_rate=0..2", &p)
            .unwrap_err()
            .to_string()
            .contains("out of range")
    );
    assert!(
        parse_vary("sales.win_rate=0..1:normal", &p)
            .unwrap_err()
            .to_string()
            .contains("triangular")
    );
    assert!(
        parse_vary("sales.win_rate", &p)
            .unwrap_err()
            .to_string()
            .contains("'='")
    );
}

#[test]
fn spearman_reads_monotone_relations() {
    let up: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(i * i))).collect();
    assert!((spearman(&up) - 1.0).abs() < 1e-12);
    let down: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), -f64::from(i))).collect();
    assert!((spearman(&down) + 1.0).abs() < 1e-12);
}
