//! Deciding from today (`Config::now`): the past stays as it was, the
//! stocks are reconciled to actuals, the what-if acts from then on, and
//! every figure is measured from then.

use flywheel::model::{Config, Now, ParamId as P, Stock, simulate, summarize};

fn base() -> Config {
    let mut c = flywheel::scenario::resolve("balanced").unwrap().config;
    c.periods = 104;
    c
}

#[test]
fn a_what_if_from_today_leaves_the_past_exactly_as_it_was() {
    let past = base();
    let mut whatif = past.clone();
    whatif.params[P::SalesShare] = 0.4;
    whatif.params[P::Price] = 120.0;
    let cfg = past.from_today(&whatif, 52);
    let now = cfg.now.as_ref().unwrap();
    assert_eq!(now.at, 52);
    assert_eq!(
        now.set,
        vec![(P::SalesShare, 0.4), (P::Price, 120.0)],
        "only what differs is set"
    );
    let (a, b) = (simulate(&past), simulate(&cfg));
    for t in 0..52 {
        assert_eq!(a.rows[t], b.rows[t], "row {t} of the past moved");
    }
    // Row 52 holds the stocks at the start of 52: the same; its flows differ.
    assert_eq!(a.rows[52].customers, b.rows[52].customers);
    assert!(a.rows[52].revenue != b.rows[52].revenue);
    // The what-if applied from the start is another company: its past differs.
    assert!(simulate(&whatif).rows[10] != a.rows[10]);
}

#[test]
fn every_figure_is_measured_from_now_and_value_is_discounted_to_now() {
    let past = base();
    let cfg = past.from_today(&past, 52);
    let (whole, from) = (simulate(&past), simulate(&cfg));
    assert_eq!(
        whole.rows, from.rows,
        "nothing changes, so the rows are the same"
    );
    let (s0, s52) = (summarize(&whole), summarize(&from));
    let revenue_after: f64 = whole.rows[52..104].iter().map(|r| r.revenue).sum();
    assert!((s52.total_revenue - revenue_after).abs() < 1e-6 * revenue_after);
    assert!(s52.total_revenue < s0.total_revenue);
    // Value from 0 = profit discounted over 0..52 + value from 52 discounted back.
    let disc52 = (-past.params[P::DiscountRate] * 52.0).exp();
    let before: f64 = whole.rows[..52].iter().map(|r| r.discounted_profit).sum();
    let rebuilt = before + s52.value * disc52;
    assert!(
        (rebuilt / s0.value - 1.0).abs() < 1e-9,
        "{rebuilt} vs {}",
        s0.value
    );
    assert!(s52.min_cash_period >= 52 && s52.peak_acquisition_period >= 52);
}

#[test]
fn stocks_reconciled_to_actuals_keep_the_market_whole_and_the_team_split() {
    let past = base();
    let plain = simulate(&past);
    let row = plain.rows[52];
    let mut placed = past.clone();
    placed.now = Some(Now {
        at: 52,
        stocks: vec![
            (Stock::Customers, row.customers * 1.5),
            (Stock::Reps, row.reps * 2.0),
            (Stock::Cash, -1_000.0),
        ],
        set: Vec::new(),
    });
    let run = simulate(&placed);
    let r = run.rows[52];
    assert!((r.customers - row.customers * 1.5).abs() < 1e-9);
    assert!((r.reps - row.reps * 2.0).abs() < 1e-9);
    assert!((r.rookies / r.reps - row.rookies / row.reps).abs() < 1e-12);
    assert_eq!(r.cash, -1_000.0, "cash may be reconciled below zero");
    assert!((r.potential + r.customers + r.lapsed - r.market_size).abs() < 1e-6);
    assert_eq!(r.market_size, row.market_size, "the market keeps its total");
    // More customers than the market holds: the market grows to hold them.
    placed.now.as_mut().unwrap().stocks = vec![(Stock::Customers, row.market_size * 2.0)];
    let r = simulate(&placed).rows[52];
    assert_eq!(r.market_size, r.customers + r.lapsed);
    assert!(r.market_size > row.market_size * 2.0);
    assert!(r.potential.abs() < 1e-6);
    // A stochastic run reconciles to whole people, and its past is its own.
    let mut drawn = placed.clone();
    drawn.stochastic = true;
    drawn.now.as_mut().unwrap().stocks = vec![(Stock::Customers, 1234.4)];
    assert_eq!(simulate(&drawn).rows[52].customers, 1234.0);
}

#[test]
fn a_decision_set_from_now_is_read_back_from_now_and_starting_values_do_not_act() {
    let past = base();
    let mut cfg = past.from_today(&past, 30);
    assert_eq!(cfg.decision(P::SalesShare), past.params[P::SalesShare]);
    cfg.decide(P::SalesShare, 0.5);
    assert_eq!(cfg.decision(P::SalesShare), 0.5);
    assert_eq!(cfg.params[P::SalesShare], past.params[P::SalesShare]);
    assert_eq!(cfg.in_force(P::SalesShare, 29), past.params[P::SalesShare]);
    assert_eq!(cfg.in_force(P::SalesShare, 30), 0.5);
    // A starting value differing in the what-if changes nothing from now.
    let mut more_reps = past.clone();
    more_reps.params[P::InitialReps] += 4.0;
    let composed = past.from_today(&more_reps, 30);
    assert!(composed.now.as_ref().unwrap().set.is_empty());
    assert_eq!(past.inert(&more_reps, 30), vec![P::InitialReps]);
    assert!(past.inert(&more_reps, 0).is_empty());
    assert_eq!(simulate(&composed).rows, simulate(&past).rows);
}

#[test]
fn an_event_after_now_still_happens_and_the_what_ifs_events_after_now_replace_the_pasts() {
    let mut past = flywheel::scenario::resolve("competitor-shock")
        .unwrap()
        .config;
    let shock = past.events[0].at;
    assert!(shock > 10);
    let cfg = past.from_today(&past, 10);
    assert_eq!(simulate(&cfg).rows, simulate(&past).rows);
    let mut calm = past.clone();
    calm.events.clear();
    let composed = past.from_today(&calm, 10);
    assert!(composed.events.iter().all(|e| e.at <= 10));
    let (a, b) = (simulate(&past), simulate(&composed));
    assert_eq!(a.rows[shock as usize - 1], b.rows[shock as usize - 1]);
    assert!(a.rows[shock as usize + 5] != b.rows[shock as usize + 5]);
    past.events.clear();
    assert_eq!(simulate(&composed).rows, simulate(&past).rows);
}
