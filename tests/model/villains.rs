//! The essay's villains lose at every size: all sales and no R&D, a product
//! with no feedback, a price twice the reference and a deep silo each reach
//! at most 60% of the best steady value of `balanced` (rd_share, sales_share
//! and price searched for value, cash never below zero), at 0.1x, 1x and 10x
//! of its size, even with the levers the villain leaves free searched too.
//! And the best policy funds both gears and prices near the reference.

use flywheel::analysis::optimize::{Decide, Problem, default_constraints, optimize};
use flywheel::model::{Config, ParamId, Summary, metric, simulate, summarize};

/// The most a villain may reach, as a share of the best steady value.
const LOSES_BY: f64 = 0.6;

/// The searched levers of a steady policy.
const LEVERS: [ParamId; 3] = [ParamId::RdShare, ParamId::SalesShare, ParamId::Price];

/// `balanced` at `k` times its size (people, money and cash scaled).
fn balanced_at(k: f64) -> Config {
    Config::default().scaled(k)
}

/// The best value of `base` with `levers` searched over their sliders' ranges.
fn best(base: &Config, levers: &[ParamId]) -> (f64, Summary, Vec<(ParamId, f64)>) {
    let problem = Problem {
        base: base.clone(),
        decide: levers.iter().map(|id| Decide::slider(*id)).collect(),
        objective: metric("value").unwrap(),
        constraints: default_constraints(),
        costs: Vec::new(),
    };
    let o = optimize(&problem, &|_| {}).expect("a feasible steady policy");
    (o.objective, o.summary, o.values())
}

struct Villain {
    name: &'static str,
    set: &'static [(ParamId, f64)],
}

const VILLAINS: &[Villain] = &[
    Villain {
        name: "all sales and no R&D",
        set: &[(ParamId::RdBase, 0.0), (ParamId::RdShare, 0.0)],
    },
    Villain {
        name: "a product with no feedback",
        set: &[(ParamId::Capture, 0.0)],
    },
    Villain {
        name: "a price twice the reference",
        set: &[(ParamId::Price, 200.0)],
    },
    Villain {
        name: "a deep silo",
        set: &[(ParamId::Latency, 52.0), (ParamId::Capture, 0.1)],
    },
];

#[test]
fn every_villain_loses_at_every_size() {
    let mut report = Vec::new();
    let mut failed = false;
    for k in [0.1, 1.0, 10.0] {
        let base = balanced_at(k);
        let (top, _, _) = best(&base, &LEVERS);
        assert!(top > 0.0, "size {k}: best value {top}");
        for v in VILLAINS {
            let mut cfg = base.clone();
            for (id, x) in v.set {
                cfg.params[*id] = *x;
            }
            // The levers the villain leaves free are searched: its best, not its worst.
            let free: Vec<ParamId> = LEVERS
                .iter()
                .copied()
                .filter(|id| v.set.iter().all(|(s, _)| s != id))
                .collect();
            let (got, _, at) = best(&cfg, &free);
            let share = got / top;
            report.push(format!(
                "size {k}: {} reaches {share:.3} of the best ({got:.0} vs {top:.0}) at {at:?}",
                v.name
            ));
            failed |= share > LOSES_BY;
        }
    }
    assert!(!failed, "{}", report.join("\n"));
}

#[test]
fn the_best_policy_funds_both_gears_and_prices_near_the_reference() {
    for k in [0.1, 1.0, 10.0] {
        let base = balanced_at(k);
        let (_, _, at) = best(&base, &LEVERS);
        let mut cfg = base.clone();
        for (id, x) in &at {
            cfg.params[*id] = *x;
        }
        let series = simulate(&cfg);
        let rows = &series.rows[..series.rows.len() - 1];
        let revenue: f64 = rows.iter().map(|r| r.revenue).sum();
        let rd: f64 = rows.iter().map(|r| r.rd_spend).sum();
        let sales: f64 = rows.iter().map(|r| r.sales_spend).sum();
        assert!(
            rd >= 0.1 * revenue,
            "size {k}: R&D {rd} of revenue {revenue}"
        );
        assert!(
            sales >= 0.1 * revenue,
            "size {k}: sales {sales} of revenue {revenue}"
        );
        let price = cfg.params[ParamId::Price];
        let reference = cfg.params[ParamId::ReferencePrice];
        assert!(
            (price / reference - 1.0).abs() <= 0.2,
            "size {k}: price {price} vs reference {reference}"
        );
        assert!(summarize(&series).min_cash >= 0.0);
    }
}
