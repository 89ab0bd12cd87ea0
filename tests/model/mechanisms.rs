//! The mechanisms that keep the model honest about churn, price, cash, R&D,
//! the sales team and feedback: each checked against its formula in
//! MODEL.md (version 3), on rows of a real run. With one sub-step a period a
//! row is exactly one Euler step, so the formulas hold row by row.

use flywheel::model::{Config, Event, ParamId, Params, Row, simulate, summarize};

fn cfg_with(set: &[(ParamId, f64)], periods: u32) -> Config {
    let mut params = Params::default();
    for &(id, v) in set {
        params[id] = v;
    }
    Config {
        params,
        periods,
        substeps: 1,
        ..Config::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn churned_customers_become_lapsed_and_return_at_the_winback_rate() {
    let cfg = cfg_with(&[(ParamId::InitialCustomers, 20_000.0)], 120);
    let rows = simulate(&cfg).rows;
    let winback = cfg.params[ParamId::Winback];
    for w in rows.windows(2) {
        let (r, next) = (&w[0], &w[1]);
        assert!(close(r.returned, winback * r.lapsed), "period {}", r.period);
        assert!(close(
            next.lapsed,
            r.lapsed + r.churned + r.warned_off - r.returned
        ));
        // Prospects gain the returned, never the churned of the same period,
        // and lose those whom lost customers warned off.
        let growth = next.market_size - r.market_size;
        assert!(close(
            next.potential,
            r.potential - r.new_customers - r.warned_off + r.returned + growth
        ));
    }
    assert!(rows.last().unwrap().lapsed > 0.0);

    // Without win-back, nobody who left is ever a prospect again.
    let none = simulate(&cfg_with(
        &[
            (ParamId::InitialCustomers, 20_000.0),
            (ParamId::Winback, 0.0),
        ],
        120,
    ))
    .rows;
    let left: f64 = none[..120].iter().map(|r| r.churned + r.warned_off).sum();
    assert!(close(none[120].lapsed, left));
    assert!(none.iter().all(|r| r.returned == 0.0));
}

#[test]
fn one_smooth_price_effect_works_on_both_sides_of_the_customer() {
    let at = |price: f64| -> Row {
        simulate(&cfg_with(
            &[
                (ParamId::InitialCustomers, 1_000.0),
                (ParamId::Price, price),
            ],
            1,
        ))
        .rows[0]
    };
    let p = Params::default();
    let base = p[ParamId::ChurnFloor] + p[ParamId::ChurnWeak] * (1.0 - p[ParamId::InitialStrength]);
    let wtp = at(100.0).willingness_to_pay;
    // wtp = reference * (1 - gap * (1 - insight share)).
    let r = at(100.0);
    assert!(close(
        wtp,
        100.0 * (1.0 - p[ParamId::MonetizationGap] * (1.0 - r.insight_share))
    ));
    for price in [25.0, 50.0, 80.0, 100.0, 150.0, 300.0] {
        let r = at(price);
        // Each run's own willingness to pay: insight (and so wtp) depends
        // on the feedback, which depends on the price.
        let pe = (1.0 + (price / r.willingness_to_pay).powi(2)) / 2.0;
        assert!(close(r.churn_rate, base * pe), "churn at {price}");
        let sfac = r.strength.powf(1.5);
        assert!(
            close(
                r.conv_self,
                (p[ParamId::TrialConversion] * sfac / pe).min(1.0)
            ),
            "conversion at {price}"
        );
    }
    // No kink: below what customers will pay, churn keeps falling.
    assert!(at(50.0).churn_rate < at(80.0).churn_rate);
    assert!(at(80.0).churn_rate < at(100.0).churn_rate);
    // And churn never takes more than the stock in a step.
    assert!(at(1e9).churned <= 1_000.0);
}

#[test]
fn willingness_to_pay_rises_with_insight() {
    let run = |capture: f64| {
        simulate(&cfg_with(
            &[
                (ParamId::InitialCustomers, 5_000.0),
                (ParamId::Capture, capture),
            ],
            52,
        ))
        .rows
    };
    let (deaf, listening) = (run(0.0), run(1.0));
    assert!(
        close(deaf[0].willingness_to_pay, 80.0),
        "no insight: 20% below"
    );
    assert!(listening[52].willingness_to_pay > 90.0);
    assert!(listening[52].willingness_to_pay < 100.0);
}

#[test]
fn an_extreme_price_no_longer_pays() {
    let profit =
        |price: f64| summarize(&simulate(&cfg_with(&[(ParamId::Price, price)], 208))).total_profit;
    let at_reference = profit(100.0);
    // Once, 50x the reference earned 2.6x the profit; now it loses money.
    assert!(profit(5_000.0) < 0.0);
    assert!(profit(300.0) < at_reference);
}

#[test]
fn overdraft_costs_interest_and_base_budgets_shrink_smoothly() {
    let cfg = cfg_with(&[(ParamId::InitialCash, -500_000.0)], 60);
    let rows = simulate(&cfg).rows;
    let p = cfg.params;
    let bases = p[ParamId::RdBase] + p[ParamId::SalesBase];
    for r in &rows {
        let expected = p[ParamId::OverdraftRate] * (-r.cash).max(0.0);
        assert!(close(r.interest, expected), "period {}", r.period);
        let funding = (r.cash / (p[ParamId::CashBuffer] * bases)).clamp(0.0, 1.0);
        assert!(close(r.funding, funding), "period {}", r.period);
        assert!(close(
            r.rd_spend,
            p[ParamId::RdBase] * funding + p[ParamId::RdShare] * r.revenue
        ));
        assert!(close(
            r.costs,
            r.rd_spend
                + r.sales_spend
                + r.interest
                + r.customers * p[ParamId::ServeCost]
                + p[ParamId::FixedCosts]
        ));
    }
    assert!(rows[0].interest > 0.0);
    // In overdraft the base budgets are off altogether.
    assert_eq!(rows[0].funding, 0.0);

    // Funding is a ramp, not a switch: halfway to the buffer, half the bases.
    let half = cfg_with(&[(ParamId::InitialCash, 2.0 * bases)], 1);
    let r = simulate(&half).rows[0];
    assert!(close(r.funding, 0.5));
    // Interest makes an overdraft worse than the same run without it.
    let free = cfg_with(
        &[
            (ParamId::InitialCash, -500_000.0),
            (ParamId::OverdraftRate, 0.0),
        ],
        60,
    );
    let (with, without) = (summarize(&simulate(&cfg)), summarize(&simulate(&free)));
    assert!(with.final_cash < without.final_cash);
    assert!(with.total_interest > 0.0 && without.total_interest == 0.0);
}

#[test]
fn rd_needs_to_grow_with_the_customers_it_serves() {
    let gain = |per_customer: f64| {
        simulate(&cfg_with(
            &[
                (ParamId::InitialCustomers, 50_000.0),
                (ParamId::RdPerCustomer, per_customer),
            ],
            1,
        ))
        .rows[0]
    };
    let (fixed, scaled) = (gain(0.0), gain(10.0));
    assert!(scaled.strength_gain < fixed.strength_gain);
    let p = Params::default();
    let r = scaled;
    let floor = p[ParamId::InsightFloor];
    let insight_factor = floor + (1.0 - floor) * r.insight_share;
    let expected = p[ParamId::RdEffect] * r.rd_spend
        / (r.rd_spend + p[ParamId::RdPerPerson] * r.market_size + 10.0 * r.customers)
        * insight_factor
        * (1.0 - r.strength);
    assert!(close(r.strength_gain, expected));
}

#[test]
fn a_company_starts_with_the_insight_its_feedback_sustains() {
    let mature = |ratio: f64| {
        simulate(&cfg_with(
            &[
                (ParamId::InitialCustomers, 20_000.0),
                (ParamId::InitialInsightRatio, ratio),
            ],
            10,
        ))
        .rows
    };
    let (cold, one, two) = (mature(0.0), mature(1.0), mature(2.0));
    assert_eq!(cold[0].insight, 0.0);
    assert!(one[0].insight > 0.0);
    assert!(close(two[0].insight, 2.0 * one[0].insight));
    assert!(one[0].strength_gain > cold[0].strength_gain);
    // I0 = F0 * keep / decay, F0 the feedback sent with no insight.
    let p = Params::default();
    let keep = (-p[ParamId::InsightDecay] * p[ParamId::Latency]).exp();
    let f0 = cold[0].feedback_sent;
    assert!(
        (one[0].insight - f0 * keep / p[ParamId::InsightDecay]).abs() < 1e-6 * one[0].insight,
        "{} vs {}",
        one[0].insight,
        f0 * keep / p[ParamId::InsightDecay]
    );
}

#[test]
fn feedback_comes_from_every_source_and_ages_in_transit() {
    let cfg = cfg_with(
        &[
            (ParamId::InitialCustomers, 5_000.0),
            (ParamId::Latency, 6.0),
        ],
        60,
    );
    let p = cfg.params;
    let rows = simulate(&cfg).rows;
    let keep = (-p[ParamId::InsightDecay] * 6.0).exp();
    for r in &rows {
        let sent = p[ParamId::Capture]
            * (r.leads_sales
                + p[ParamId::OrganicWeight] * r.leads_organic
                + p[ParamId::UsageWeight] * r.customers
                + p[ParamId::ChurnWeight] * r.churned);
        assert!(close(r.feedback_sent, sent), "period {}", r.period);
        assert!(close(r.feedback_stale, sent * (1.0 - keep)));
    }
    // What arrives is what was sent one latency ago, aged.
    for t in 6..60 {
        assert!(
            close(rows[t].feedback_arrived, rows[t - 6].feedback_sent * keep),
            "period {t}"
        );
    }
    // Insight: I' = I + arrived - decay * I.
    for w in rows.windows(2) {
        let expected =
            w[0].insight + w[0].feedback_arrived - p[ParamId::InsightDecay] * w[0].insight;
        assert!(close(w[1].insight, expected));
    }
}

#[test]
fn hired_reps_ramp_up_and_reach_saturates() {
    let cfg = cfg_with(
        &[(ParamId::InitialReps, 0.0), (ParamId::SalesBase, 100_000.0)],
        80,
    );
    let rows = simulate(&cfg).rows;
    // Hires start as rookies.
    assert!(rows[1].rookies > 0.0 && (rows[1].rookies - rows[1].reps).abs() < 1e-9);
    // Later most are experienced.
    assert!(rows[80].rookies < 0.5 * rows[80].reps);
    // Reach never passes one approach per prospect per recontact time.
    let p = cfg.params;
    for r in &rows {
        assert!(r.leads_sales <= r.potential / p[ParamId::RecontactTime] + 1e-9);
    }
    // A huge team approaches at most potential / recontact_time a period.
    let huge = simulate(&cfg_with(&[(ParamId::InitialReps, 1e6)], 1)).rows[0];
    let cap = huge.potential / p[ParamId::RecontactTime];
    assert!(huge.leads_sales <= cap * (1.0 + 1e-9) && huge.leads_sales > 0.99 * cap);
}

#[test]
fn lost_customers_warn_prospects_off() {
    let cfg = cfg_with(&[(ParamId::InitialCustomers, 30_000.0)], 30);
    let p = cfg.params;
    for r in simulate(&cfg).rows {
        let expected = (p[ParamId::Detraction] * r.churned * r.potential / r.market_size)
            .min(r.potential - r.new_customers);
        assert!(close(r.warned_off, expected), "period {}", r.period);
        assert!(r.warned_off > 0.0);
    }
    // Recommendations scale with strength.
    let organic = |s: f64| {
        simulate(&cfg_with(
            &[
                (ParamId::InitialCustomers, 30_000.0),
                (ParamId::InitialStrength, s),
            ],
            1,
        ))
        .rows[0]
            .leads_organic
    };
    assert!(organic(0.9) > 2.0 * organic(0.3));
}

#[test]
fn the_market_stops_growing_at_a_trillion_people() {
    let cfg = cfg_with(
        &[(ParamId::MarketSize, 9e11), (ParamId::MarketGrowth, 0.5)],
        20,
    );
    let rows = simulate(&cfg).rows;
    assert!(rows.iter().all(|r| r.market_size <= 1e12 * (1.0 + 1e-12)));
    assert!(close(rows[20].market_size, 1e12));
}

#[test]
fn ltv_cac_is_the_whole_run_figure() {
    let cfg = cfg_with(&[], 208);
    let series = simulate(&cfg);
    let s = summarize(&series);
    let flows = &series.rows[..208];
    let margin: f64 = flows
        .iter()
        .map(|r| r.revenue - r.customers * cfg.params[ParamId::ServeCost])
        .sum();
    let churned: f64 = flows.iter().map(|r| r.churned).sum();
    let spent: f64 = flows.iter().map(|r| r.sales_spend).sum();
    let won: f64 = flows.iter().map(|r| r.new_sales).sum();
    assert!(close(s.ltv.unwrap(), margin / churned));
    assert!(close(s.cac.unwrap(), spent / won));
    assert!(close(s.ltv_cac.unwrap(), margin / churned / (spent / won)));
}

#[test]
fn stochastic_win_back_draws_whole_people_around_the_expected_flow() {
    let mut cfg = cfg_with(
        &[
            (ParamId::InitialCustomers, 50_000.0),
            (ParamId::Winback, 0.05),
        ],
        150,
    );
    cfg.stochastic = true;
    let rows = simulate(&cfg).rows;
    let (mut drawn, mut expected) = (0.0, 0.0);
    for r in &rows {
        assert_eq!(r.returned.fract(), 0.0);
        assert_eq!(r.lapsed.fract(), 0.0);
        assert_eq!(r.potential + r.customers + r.lapsed, r.market_size);
        drawn += r.returned;
        expected += 0.05 * r.lapsed;
    }
    assert!(drawn > 0.0);
    assert!(
        (drawn - expected).abs() < 0.05 * expected,
        "{drawn} vs {expected}"
    );
}

#[test]
fn a_funding_round_ends_an_overdraft_and_its_interest() {
    let mut cfg = cfg_with(&[(ParamId::InitialCash, -200_000.0)], 30);
    cfg.events = vec![Event {
        at: 10,
        note: "rescue".into(),
        set: vec![],
        cash_injection: 2e6,
        market_change: 0.0,
        name: String::new(),
    }];
    let rows = simulate(&cfg).rows;
    assert!(rows[9].interest > 0.0);
    assert_eq!(rows[10].interest, 0.0);
    assert_eq!(rows[10].funding, 1.0);
}
