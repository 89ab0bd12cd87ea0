//! Events: parameters change from their period on, feedback is stamped with
//! its arrival period under the latency in force when it was sent (so a
//! latency change mid-run loses none), and a funding round adds cash once.

use flywheel::model::{Config, Event, ParamId, Series, simulate};

/// One sub-step a period and no insight at the start, so each row is one
/// step and nothing is in transit at period 0: arrivals can be rebuilt from
/// what was sent, period by period.
fn plain() -> Config {
    let mut cfg = Config {
        substeps: 1,
        ..Config::default()
    };
    cfg.params[ParamId::InitialInsightRatio] = 0.0;
    cfg
}

/// What feedback keeps of its relevance over `latency` periods.
fn keep(latency: f64) -> f64 {
    (-ParamId::InsightDecay.default_value() * latency).exp()
}

fn event(at: u32, set: &[(ParamId, f64)], cash: f64) -> Event {
    Event {
        at,
        note: format!("event at {at}"),
        set: set.to_vec(),
        cash_injection: cash,
        market_change: 0.0,
        name: String::new(),
    }
}

fn totals(series: &Series) -> (f64, f64, f64) {
    let sent = series.rows.iter().map(|r| r.feedback_sent).sum();
    let arrived = series
        .rows
        .iter()
        .map(|r| r.feedback_arrived + r.feedback_stale)
        .sum();
    let in_flight = series.rows.last().unwrap().feedback_in_flight;
    (sent, arrived, in_flight)
}

fn assert_conserved(series: &Series, label: &str) {
    let (sent, arrived, in_flight) = totals(series);
    assert!(
        sent > 0.0,
        "{label}: nothing sent, the check would be vacuous"
    );
    assert!(
        (sent - (arrived + in_flight)).abs() <= 1e-9 * sent,
        "{label}: sent {sent} != arrived {arrived} + in flight {in_flight}"
    );
}

/// Feedback sent at s arrives at s + latency(s): rebuild the arrivals from
/// what was sent and the latency in force, and compare period by period.
fn assert_arrivals_follow_the_stamps(series: &Series, label: &str) {
    let rows = &series.rows;
    let mut expected = vec![0.0; rows.len()];
    let mut beyond = 0.0;
    for r in rows {
        let due = r.period as usize + r.latency as usize;
        match expected.get_mut(due) {
            Some(slot) => *slot += r.feedback_sent * keep(r.latency),
            None => beyond += r.feedback_sent * keep(r.latency),
        }
    }
    for (r, want) in rows.iter().zip(&expected) {
        assert!(
            (r.feedback_arrived - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{label}: period {} arrived {} expected {want}",
            r.period,
            r.feedback_arrived
        );
    }
    let in_flight = rows.last().unwrap().feedback_in_flight;
    assert!(
        (in_flight - beyond).abs() <= 1e-9 * beyond.max(1.0),
        "{label}: in flight {in_flight}, expected {beyond}"
    );
}

#[test]
fn a_latency_change_mid_run_loses_no_feedback() {
    for (from, to) in [
        (26.0, 2.0),
        (2.0, 26.0),
        (52.0, 0.0),
        (0.0, 52.0),
        (12.0, 12.0),
    ] {
        for stochastic in [false, true] {
            let mut cfg = Config {
                stochastic,
                ..plain()
            };
            cfg.params[ParamId::Latency] = from;
            cfg.events = vec![event(100, &[(ParamId::Latency, to)], 0.0)];
            let series = simulate(&cfg);
            let label = format!("latency {from} -> {to}, stochastic {stochastic}");
            assert_eq!(series.rows[99].latency, from, "{label}");
            assert_eq!(series.rows[100].latency, to, "{label}");
            assert_conserved(&series, &label);
            assert_arrivals_follow_the_stamps(&series, &label);
        }
    }
}

#[test]
fn a_shorter_latency_lets_new_feedback_overtake_old() {
    // From 26 to 2 at period 100: feedback sent at 99 still arrives at 125,
    // feedback sent at 100 arrives at 102, so 102 receives only the new note
    // plus what was sent at 76.
    let mut cfg = plain();
    cfg.params[ParamId::Latency] = 26.0;
    cfg.events = vec![event(100, &[(ParamId::Latency, 2.0)], 0.0)];
    let rows = simulate(&cfg).rows;
    let sent = |t: usize| rows[t].feedback_sent;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b;
    assert!(close(
        rows[102].feedback_arrived,
        sent(76) * keep(26.0) + sent(100) * keep(2.0)
    ));
    assert!(close(
        rows[125].feedback_arrived,
        sent(99) * keep(26.0) + sent(123) * keep(2.0)
    ));
    // Lengthening it instead leaves a gap where nothing arrives.
    let mut cfg = plain();
    cfg.params[ParamId::Latency] = 2.0;
    cfg.events = vec![event(100, &[(ParamId::Latency, 26.0)], 0.0)];
    let rows = simulate(&cfg).rows;
    assert!(close(
        rows[101].feedback_arrived,
        rows[99].feedback_sent * keep(2.0)
    ));
    for r in &rows[102..126] {
        assert_eq!(r.feedback_arrived, 0.0, "period {}", r.period);
    }
    assert!(close(
        rows[126].feedback_arrived,
        rows[100].feedback_sent * keep(26.0)
    ));
}

#[test]
fn several_latency_changes_and_the_horizon_keep_feedback_conserved() {
    let mut cfg = Config {
        periods: 150,
        ..plain()
    };
    cfg.events = vec![
        event(10, &[(ParamId::Latency, 40.0)], 0.0),
        event(30, &[(ParamId::Latency, 0.0)], 0.0),
        event(31, &[(ParamId::Latency, 1000.0)], 0.0),
        event(60, &[(ParamId::Latency, 3.0)], 0.0),
        // The last period sends feedback that can only arrive after the horizon.
        event(150, &[(ParamId::Latency, 7.0)], 0.0),
    ];
    let series = simulate(&cfg);
    assert_conserved(&series, "many changes");
    assert_arrivals_follow_the_stamps(&series, "many changes");
    // What was sent at period 31 (latency 1000) is still in flight at the end.
    assert!(series.rows.last().unwrap().feedback_in_flight >= series.rows[31].feedback_sent);
}

#[test]
fn a_funding_round_adds_cash_exactly_once() {
    const AT: u32 = 60;
    const MONEY: f64 = 2_500_000.0;
    for stochastic in [false, true] {
        let base = Config {
            stochastic,
            ..plain()
        };
        let mut funded = base.clone();
        funded.events = vec![event(AT, &[], MONEY)];
        let (a, b) = (simulate(&funded).rows, simulate(&base).rows);
        let at = AT as usize;
        // Identical until the round; at its period, exactly the injection more.
        assert_eq!(a[..at], b[..at]);
        assert_eq!(a[at].cash, b[at].cash + MONEY);
        // Cash never ran out in either run, so nothing else differs: the gap
        // stays one injection (not two, not growing) to the end.
        assert!(b.iter().all(|r| r.cash > 0.0));
        for (x, y) in a.iter().zip(&b).skip(at) {
            let gap = x.cash - y.cash;
            assert!(
                (gap - MONEY).abs() <= 1e-6 * x.cash.abs(),
                "period {}: gap {gap}",
                x.period
            );
            assert_eq!(x.profit, y.profit);
        }
    }
}

#[test]
fn funding_rounds_at_the_edges_and_together() {
    let base = Config {
        periods: 30,
        ..plain()
    };
    let cash_of = |events: Vec<Event>| {
        let mut c = base.clone();
        c.events = events;
        simulate(&c).rows.iter().map(|r| r.cash).collect::<Vec<_>>()
    };
    let plain = cash_of(vec![]);
    // At period 0 it is part of the first row's cash.
    let first = cash_of(vec![event(0, &[], 1e6)]);
    assert_eq!(first[0], plain[0] + 1e6);
    // At the last period it shows in the last row only.
    let last = cash_of(vec![event(30, &[], 1e6)]);
    assert_eq!(last[..30], plain[..30]);
    assert_eq!(last[30], plain[30] + 1e6);
    // Two rounds in the same period both land, once each.
    let both = cash_of(vec![event(10, &[], 1e6), event(10, &[], 5e5)]);
    assert_eq!(both[10], plain[10] + 1e6 + 5e5);
    assert!((both[20] - plain[20] - 1.5e6).abs() < 1e-3);
    // A negative round (a payout) is taken once too.
    let payout = cash_of(vec![event(5, &[], -2e5)]);
    assert_eq!(payout[5], plain[5] - 2e5);
}

#[test]
fn a_funding_round_restores_the_base_budgets_of_a_company_out_of_cash() {
    // Short of cash, the base budgets shrink (cash / (cash_buffer * bases)); money brings them back.
    let mut cfg = Config {
        periods: 80,
        ..plain()
    };
    cfg.params[ParamId::InitialCash] = 30_000.0;
    let short = simulate(&cfg).rows;
    let at = 10;
    let bases = cfg.params[ParamId::RdBase] + cfg.params[ParamId::SalesBase];
    assert!(short[at].cash < cfg.params[ParamId::CashBuffer] * bases);
    assert!(short[at].funding < 1.0);
    assert!(short[at].rd_spend < cfg.params[ParamId::RdBase]);
    cfg.events = vec![event(at as u32, &[], 1e6)];
    let rescued = simulate(&cfg).rows;
    assert_eq!(rescued[at].funding, 1.0);
    assert!(rescued[at].rd_spend >= cfg.params[ParamId::RdBase]);
}

#[test]
fn events_apply_from_their_period_on_in_period_order() {
    let mut cfg = Config {
        periods: 40,
        ..plain()
    };
    // Written out of order: applied by period, then as written.
    cfg.events = vec![
        event(20, &[(ParamId::Price, 120.0)], 0.0),
        event(10, &[(ParamId::Price, 80.0)], 0.0),
        event(20, &[(ParamId::Price, 90.0)], 0.0),
    ];
    let rows = simulate(&cfg).rows;
    assert!(rows[..10].iter().all(|r| r.price == 100.0));
    assert!(rows[10..20].iter().all(|r| r.price == 80.0));
    assert!(rows[20..].iter().all(|r| r.price == 90.0));
    // Revenue at a period uses the price in force at that period.
    assert!((rows[10].revenue - rows[10].customers * 80.0).abs() < 1e-9 * rows[10].revenue);
}

/// `market.size_change`: an event adds people to the market as prospects
/// (a new segment opens), or takes prospects away, at most all of them;
/// the market stays whole and the change scales with the company.
#[test]
fn an_event_can_change_the_market_by_adding_prospects() {
    let text = "[scenario]\nperiods = 104\n\n[[events]]\nat = 52\nnote = \"A new country opens\"\nset = { \"market.size_change\" = 50000 }\n";
    let s = flywheel::scenario::parse("open.toml", text).unwrap();
    assert_eq!(s.config.events[0].market_change, 50_000.0);
    let mut plain = s.config.clone();
    plain.events.clear();
    let (a, b) = (simulate(&plain), simulate(&s.config));
    assert_eq!(a.rows[..52], b.rows[..52]);
    let (before, after) = (&a.rows[52], &b.rows[52]);
    assert_eq!(after.market_size, before.market_size + 50_000.0);
    assert_eq!(after.potential, before.potential + 50_000.0);
    for r in &b.rows {
        let total = r.potential + r.customers + r.lapsed;
        assert!(
            (total - r.market_size).abs() < 1e-6 * r.market_size,
            "{total} vs {}",
            r.market_size
        );
    }
    // More prospects to reach: more leads from then on (the product, now
    // measured against a larger market, converts fewer of them).
    assert!(
        b.rows[60..]
            .iter()
            .zip(&a.rows[60..])
            .all(|(x, y)| x.leads > y.leads)
    );
    // Taking more prospects than there are leaves none, never fewer.
    let mut shrink = s.config.clone();
    shrink.events[0].market_change = -1e12;
    let r = simulate(&shrink).rows[52];
    assert_eq!(r.potential, 0.0);
    assert!((r.market_size - r.customers - r.lapsed).abs() < 1e-9 * r.market_size);
    // Ten times the company, ten times the people (the contract's size property).
    let big = simulate(&s.config.scaled(10.0));
    let rel = (big.rows[104].customers / (10.0 * b.rows[104].customers) - 1.0).abs();
    assert!(rel < 1e-9, "{rel}");
    // The file says it back, and market.size in an event points here.
    let back =
        flywheel::scenario::parse("back.toml", &flywheel::scenario::write::to_toml(&s)).unwrap();
    assert_eq!(back.config.events, s.config.events);
    let err = flywheel::scenario::parse("bad.toml", &text.replace("size_change", "size"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad.toml:7:") && err.contains("market.size_change = 50000"),
        "{err}"
    );
    // XMILE does not write it: the export says so rather than write it wrong.
    let refusal = flywheel::report::export::to_xmile(&s)
        .unwrap_err()
        .to_string();
    assert!(refusal.contains("market.size_change"), "{refusal}");
}
