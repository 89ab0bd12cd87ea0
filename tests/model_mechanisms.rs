//! The mechanisms that keep the model honest about churn, cash and R&D:
//! each checked against its formula in MODEL.md, on rows of a real run.

use flywheel::model::{Config, Event, ParamId, Params, Row, simulate, summarize};

fn cfg_with(set: &[(ParamId, f64)], periods: u32) -> Config {
    let mut params = Params::default();
    for &(id, v) in set {
        params[id] = v;
    }
    Config {
        params,
        periods,
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
        assert!(close(next.lapsed, r.lapsed + r.churned - r.returned));
        // Prospects gain the returned, never the churned of the same period.
        let growth = next.market_size - r.market_size;
        assert!(close(
            next.potential,
            r.potential - r.new_customers + r.returned + growth
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
    let churned: f64 = none[..120].iter().map(|r| r.churned).sum();
    assert!(close(none[120].lapsed, churned));
    assert!(none.iter().all(|r| r.returned == 0.0));
}

#[test]
fn a_price_above_the_reference_raises_churn_as_the_contract_says() {
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
    assert!(close(at(100.0).churn_rate, base));
    // Below the reference price, no extra churn.
    assert!(close(at(50.0).churn_rate, base));
    // Twice the reference: churn_price more; three times: twice that.
    assert!(close(at(200.0).churn_rate, base + p[ParamId::ChurnPrice]));
    assert!(close(
        at(300.0).churn_rate,
        base + 2.0 * p[ParamId::ChurnPrice]
    ));
    // And the rate never passes 1.
    assert_eq!(at(1e9).churn_rate, 1.0);
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
    let insight_factor = p[ParamId::InsightFloor];
    let expected = p[ParamId::RdEffect] * r.rd_spend
        / (r.rd_spend + p[ParamId::RdScale] + 10.0 * r.customers)
        * insight_factor
        * (1.0 - r.strength);
    assert!(close(r.strength_gain, expected));
}

#[test]
fn a_mature_company_can_start_with_insight() {
    let cfg = cfg_with(&[(ParamId::InitialInsight, 5_000.0)], 10);
    let rows = simulate(&cfg).rows;
    assert_eq!(rows[0].insight, 5_000.0);
    let cold = simulate(&cfg_with(&[], 10)).rows;
    assert!(rows[0].strength_gain > cold[0].strength_gain);
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
    }];
    let rows = simulate(&cfg).rows;
    assert!(rows[9].interest > 0.0);
    assert_eq!(rows[10].interest, 0.0);
    assert_eq!(rows[10].funding, 1.0);
}
