//! The flows and auxiliaries of `model::run`, as rates per period in its
//! order and with its guards (every outflow limited to its stock per DT,
//! the zero-division rules, the market's cap), then the feedback in transit
//! and the per-period amounts that the output columns report.
//!
//! `model::run` also keeps prospects, customers, lapsed and reps at or above
//! 0; those floors cannot bind but by rounding (no outflow takes more than
//! its stock holds in a sub-step), so the flows carry no term for them.
//! Strength's clamp to 0..1 is written out, in `strength_lost`.

use super::equations::{Kind, Units, Variable, dimensionless, n, num, per, var};
use super::schedule::{Delay, Scenery};
use crate::model::ParamId as P;
use crate::model::params::MARKET_CAP;

/// The market: price effect, conversion, leads, new customers, churn,
/// detraction, win-back and growth.
pub(super) fn market(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    let aux =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Aux, eqn, units, doc);
    let flow =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Flow, eqn, units, doc);
    vec![
        aux(
            "market_size",
            "potential + customers + lapsed".into(),
            u.people(),
            "The addressable market: prospects, customers and lapsed.",
        ),
        aux(
            "per_person",
            per("1", "market_size"),
            "1/people".into(),
            "1 / market size (0 for an empty market).",
        ),
        aux(
            "reps",
            "rookies + experienced_reps".into(),
            "reps".into(),
            "The sales team on payroll, rookies included.",
        ),
        aux(
            "effective_reps",
            format!("experienced_reps + {} * rookies", n(P::RookieProductivity)),
            "reps".into(),
            "The team's reach in experienced reps.",
        ),
        aux(
            "insight_share",
            format!(
                "(IF insight > 0 THEN insight / (insight + {} * market_size) ELSE 0)",
                n(P::InsightPerPerson)
            ),
            dimensionless(),
            "Insight over insight plus its half-effect level (0..1).",
        ),
        aux(
            "insight_factor",
            format!("{f} + (1 - {f}) * insight_share", f = n(P::InsightFloor)),
            dimensionless(),
            "How effective R&D is, given the insight in hand.",
        ),
        aux(
            "willingness_to_pay",
            format!(
                "{} * (1 - {} * (1 - insight_share))",
                n(P::ReferencePrice),
                n(P::MonetizationGap)
            ),
            format!("dollars/(people*{})", u.period()),
            "What customers will pay for the offer as packaged: the gap closes as insight grows.",
        ),
        aux(
            "price_effect",
            format!(
                "(1 + ({} / willingness_to_pay) ^ {}) / 2",
                n(P::Price),
                n(P::Elasticity)
            ),
            dimensionless(),
            "(1 + (price / willingness to pay) ^ elasticity) / 2: 1 at the willingness to pay; divides conversion, multiplies churn.",
        ),
        aux(
            "strength_factor",
            format!("strength ^ {}", n(P::StrengthExponent)),
            dimensionless(),
            "strength ^ strength exponent.",
        ),
        aux(
            "conv_self",
            format!(
                "MIN({} * strength_factor / price_effect, 1)",
                n(P::TrialConversion)
            ),
            dimensionless(),
            "Share of organic leads who buy.",
        ),
        aux(
            "win",
            format!("MIN({} * strength_factor / price_effect, 1)", n(P::WinRate)),
            dimensionless(),
            "Share of sales leads won.",
        ),
        aux(
            "churn_rate",
            format!(
                "(IF {f} + {w} * (1 - strength) > 0 THEN ({f} + {w} * (1 - strength)) * price_effect ELSE 0)",
                f = n(P::ChurnFloor),
                w = n(P::ChurnWeak)
            ),
            u.rate(),
            "Share of customers lost per period: the floor, a weak product, times the price effect.",
        ),
        aux(
            "organic_rate",
            format!(
                "{} + {} * strength * (customers * per_person)",
                n(P::Innovation),
                n(P::Imitation)
            ),
            u.rate(),
            "Bass: innovation plus imitation times strength times the share of the market won.",
        ),
        aux(
            "reach",
            format!("effective_reps * {} * per_person", n(P::ContactsPerRep)),
            u.rate(),
            "Approaches per prospect per period the team could make.",
        ),
        aux(
            "sales_rate",
            format!(
                "(IF {r} > 0 THEN (1 - EXP(-reach * {r})) / {r} ELSE reach)",
                r = n(P::RecontactTime)
            ),
            u.rate(),
            "Reach, saturating at one approach per prospect per recontact time.",
        ),
        aux(
            "leads_organic",
            "MIN(organic_rate, steps_per_period) * potential".into(),
            u.people_t(),
            "Leads from word of mouth and discovery (Bass).",
        ),
        aux(
            "leads_sales",
            "MIN(sales_rate * potential, potential * steps_per_period - leads_organic)".into(),
            u.people_t(),
            "Leads from sales approaches, among the prospects left.",
        ),
        aux(
            "leads",
            "leads_organic + leads_sales".into(),
            u.people_t(),
            "All leads.",
        ),
        aux(
            "new_organic",
            "leads_organic * conv_self".into(),
            u.people_t(),
            "Organic leads who bought.",
        ),
        aux(
            "new_sales",
            "leads_sales * win".into(),
            u.people_t(),
            "Sales leads won.",
        ),
        flow(
            "new_customers",
            "new_organic + new_sales".into(),
            u.people_t(),
            "All new customers: prospects who buy.",
        ),
        aux(
            "conversion",
            per("new_customers", "leads"),
            dimensionless(),
            "New customers over leads, now (0 without leads); the column is period_conversion.",
        ),
        flow(
            "churned",
            "MIN(churn_rate, steps_per_period) * customers".into(),
            u.people_t(),
            "Customers lost, who become lapsed.",
        ),
        flow(
            "warned_off",
            format!(
                "MIN({} * churned * potential * per_person, MAX(potential * steps_per_period - new_customers, 0))",
                n(P::Detraction)
            ),
            u.people_t(),
            "Prospects talked out of buying by lost customers, who become lapsed.",
        ),
        flow(
            "returned",
            format!("MIN({}, steps_per_period) * lapsed", n(P::Winback)),
            u.people_t(),
            "Lapsed who are prospects again.",
        ),
        aux(
            "prospects_after_sales",
            "potential * steps_per_period - new_customers - warned_off + returned".into(),
            u.people_t(),
            "The most prospects a shrinking market can lose per period, this sub-step.",
        ),
        flow(
            "growth",
            format!(
                "MAX(MIN(MAX({} * market_size, -prospects_after_sales), MAX({} - market_size, 0) * steps_per_period), -prospects_after_sales)",
                n(P::MarketGrowth),
                num(MARKET_CAP)
            ),
            u.people_t(),
            "Market growth into prospects: a shrinking market loses prospects, never customers; the market stops at 1e12.",
        ),
    ]
}

/// Money: revenue, budgets, spend, interest, costs, profit and its discounting.
pub(super) fn money(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    let aux =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Aux, eqn, units, doc);
    vec![
        aux(
            "revenue",
            format!("customers * {}", n(P::Price)),
            u.money_t(),
            "Revenue per period.",
        ),
        aux(
            "base_budgets",
            format!("{} + {}", n(P::RdBase), n(P::SalesBase)),
            u.money_t(),
            "The base R&D and sales budgets.",
        ),
        aux(
            "funding",
            format!(
                "(IF base_budgets > 0 THEN MIN(MAX(cash / ({} * base_budgets), 0), 1) ELSE 1)",
                n(P::CashBuffer)
            ),
            dimensionless(),
            "Share of the base budgets cash pays for: 1 with the buffer in hand, 0 at zero cash.",
        ),
        aux(
            "rd_spend",
            format!("{} * funding + {} * revenue", n(P::RdBase), n(P::RdShare)),
            u.money_t(),
            "R&D spend.",
        ),
        aux(
            "sales_budget",
            format!(
                "{} * funding + {} * revenue",
                n(P::SalesBase),
                n(P::SalesShare)
            ),
            u.money_t(),
            "What the sales team may cost.",
        ),
        aux(
            "desired_reps",
            format!("sales_budget / {}", n(P::RepCost)),
            "reps".into(),
            "The team the sales budget pays for.",
        ),
        aux(
            "sales_spend",
            format!("reps * {}", n(P::RepCost)),
            u.money_t(),
            "What the team on payroll costs, rookies included.",
        ),
        aux(
            "interest",
            format!("{} * MAX(-cash, 0)", n(P::OverdraftRate)),
            u.money_t(),
            "Overdraft interest paid on negative cash.",
        ),
        aux(
            "costs",
            format!(
                "rd_spend + sales_spend + interest + customers * {} + {}",
                n(P::ServeCost),
                n(P::FixedCosts)
            ),
            u.money_t(),
            "All costs.",
        ),
        var(
            "profit",
            Kind::Flow,
            "revenue - costs".into(),
            u.money_t(),
            "Revenue minus costs, into cash.",
        ),
        aux(
            "discounted_profit",
            "profit * discount_factor".into(),
            u.money_t(),
            "Profit discounted to period 0 at the discount rate.",
        ),
        var(
            "discounting",
            Kind::Flow,
            format!(
                "discount_factor * (1 - EXP(-{} * step_length)) * steps_per_period",
                n(P::DiscountRate)
            ),
            u.rate(),
            "What the discount factor loses per period: exact exponential discounting at any DT.",
        ),
    ]
}

/// Feedback sent and its aging, insight and strength, and the sales team.
pub(super) fn product(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    let aux =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Aux, eqn, units, doc);
    let flow =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Flow, eqn, units, doc);
    vec![
        aux(
            "conversations_per_lead",
            "1".into(),
            "conversations/people".into(),
            "Each sales lead is one sales conversation: the unit feedback is counted in.",
        ),
        aux(
            "feedback_sent",
            format!(
                "{} * (leads_sales * conversations_per_lead + {} * leads_organic + {} * customers + {} * churned)",
                n(P::Capture),
                n(P::OrganicWeight),
                n(P::UsageWeight),
                n(P::ChurnWeight)
            ),
            u.insight_t(),
            "Feedback from every source that sets out toward product.",
        ),
        aux(
            "keep",
            format!("EXP(-{} * {})", n(P::InsightDecay), n(P::Latency)),
            dimensionless(),
            "What feedback keeps of its relevance over the latency: exp(-insight_decay * latency).",
        ),
        aux(
            "feedback_kept",
            "feedback_sent * keep".into(),
            u.insight_t(),
            "Feedback sent, as it will be worth when it arrives.",
        ),
        aux(
            "feedback_stale",
            "feedback_sent - feedback_kept".into(),
            u.insight_t(),
            "Relevance lost in transit.",
        ),
        flow(
            "strength_gain",
            format!(
                "(IF rd_spend > 0 THEN {} * rd_spend / (rd_spend + ({} * market_size + {} * customers)) ELSE 0) * insight_factor * (1 - strength)",
                n(P::RdEffect),
                n(P::RdPerPerson),
                n(P::RdPerCustomer)
            ),
            u.rate(),
            "Strength R&D adds: diminishing in spend, scaled by insight and the gap to 1.",
        ),
        flow(
            "strength_lost",
            format!(
                "MIN((strength + step_length * strength_gain) * steps_per_period, MAX((strength + step_length * strength_gain - 1) * steps_per_period, MIN({}, steps_per_period) * strength))",
                n(P::Obsolescence)
            ),
            u.rate(),
            "Obsolescence, never taking strength below 0 or above 1 within a sub-step.",
        ),
        aux(
            "hiring",
            format!(
                "(desired_reps - reps) / MAX({}, step_length)",
                n(P::HiringDelay)
            ),
            u.per("reps"),
            "Hiring (or firing) toward the team the budget pays for.",
        ),
        flow(
            "hired",
            "MAX(hiring, 0)".into(),
            u.per("reps"),
            "New reps, who start as rookies.",
        ),
        aux(
            "fired",
            "MAX(-hiring, 0)".into(),
            u.per("reps"),
            "Reps let go, rookies and experienced in proportion.",
        ),
        flow(
            "fired_rookies",
            "(IF reps > 0 THEN fired * rookies / reps ELSE 0)".into(),
            u.per("reps"),
            "Rookies let go.",
        ),
        flow(
            "fired_experienced",
            "(IF reps > 0 THEN fired * experienced_reps / reps ELSE 0)".into(),
            u.per("reps"),
            "Experienced reps let go.",
        ),
        flow(
            "ramped",
            format!(
                "MIN(rookies / MAX({}, step_length), rookies * steps_per_period - fired_rookies)",
                n(P::RampTime)
            ),
            u.per("reps"),
            "Rookies who become experienced.",
        ),
        flow(
            "insight_lost",
            format!("MIN({}, steps_per_period) * insight", n(P::InsightDecay)),
            u.insight_t(),
            "Insight that goes stale.",
        ),
    ]
}

/// The equilibrium start and the feedback in transit: a pipeline of
/// one-sub-step stocks, or XMILE's `DELAY`.
pub(super) fn transit(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    let aux =
        |name: &str, eqn: String, units: String, doc: &str| var(name, Kind::Aux, eqn, units, doc);
    let ratio = n(P::InitialInsightRatio);
    let mut v = vec![
        aux(
            "initial_feedback",
            initial_feedback(),
            u.insight_t(),
            "F0: the feedback sent at the first sub-step as if there were no insight yet (MODEL.md, equilibrium start).",
        ),
        aux(
            "initial_insight",
            format!(
                "{ratio} * initial_feedback * keep / {}",
                n(P::InsightDecay)
            ),
            "conversations".into(),
            "Insight at the start: initial_insight_ratio times what the initial feedback sustains.",
        ),
        aux(
            "transit_steps",
            format!("{} * steps_per_period", n(P::Latency)),
            dimensionless(),
            "The latency in sub-steps.",
        ),
        aux(
            "transit_whole",
            "INT(transit_steps + 0.000000001)".into(),
            dimensionless(),
            "Whole sub-steps of latency (a fraction within 1e-9 of 1 counts as one more).",
        ),
        aux(
            "transit_next",
            "transit_whole + 1".into(),
            dimensionless(),
            "The sub-step after the whole ones, where the fraction arrives.",
        ),
        aux(
            "transit_fraction",
            "(IF ABS(transit_steps - transit_whole) < 0.000000001 THEN 0 ELSE transit_steps - transit_whole)".into(),
            dimensionless(),
            "The fraction of a sub-step of latency beyond the whole ones: that share of the feedback arrives one sub-step later.",
        ),
    ];
    v.extend(initial_parts(&u));
    v.push(aux(
        "feedback_now",
        "(IF transit_whole = 0 THEN feedback_kept * (1 - transit_fraction) ELSE 0)".into(),
        u.insight_t(),
        "The share of the feedback sent now that arrives in the same sub-step (a latency under one sub-step).",
    ));
    let len = sc.pipeline_len();
    let now = "feedback_now";
    match sc.delay {
        Delay::Builtin => {
            let latency = n(P::Latency);
            let eqn = if len == 0 {
                "feedback_kept".into()
            } else {
                format!(
                    "DELAY(feedback_kept, {latency}, (IF {ratio} > 0 THEN initial_feedback * keep ELSE 0))"
                )
            };
            v.push(var(
                "feedback_arrived",
                Kind::Flow,
                eqn,
                u.insight_t(),
                "Feedback that reaches product: what was sent one latency ago, aged (XMILE's DELAY, a fixed pipeline; at equilibrium at the start).",
            ));
        }
        Delay::Pipeline => {
            for j in 1..=len {
                let name = transit_name(j);
                let mut inflows = vec![format!("feedback_stamped_{j}")];
                if j < len {
                    inflows.push(format!("feedback_moved_{}", j + 1));
                }
                let out = if j == 1 {
                    "feedback_delivered".to_string()
                } else {
                    format!("feedback_moved_{j}")
                };
                v.push(var(
                    &name,
                    Kind::Stock {
                        inflows,
                        outflows: vec![out],
                    },
                    format!(
                        "(IF ({ratio} > 0) AND (transit_whole >= {j}) THEN initial_feedback * step_length * keep ELSE (IF ({ratio} > 0) AND (transit_next = {j}) THEN initial_feedback * step_length * keep * transit_fraction ELSE 0))"
                    ),
                    "conversations".into(),
                    &format!("Feedback in transit that arrives {} sub-step(s) from now, already aged; it moves on, all of it, every sub-step.", j - 1),
                ));
                v.push(var(
                    &format!("feedback_stamped_{j}"),
                    Kind::Flow,
                    format!(
                        "(IF transit_whole = {j} THEN feedback_kept * (1 - transit_fraction) ELSE (IF transit_next = {j} THEN feedback_kept * transit_fraction ELSE 0))"
                    ),
                    u.insight_t(),
                    "The share of the feedback sent now that will arrive this many sub-steps later, by the latency in force now.",
                ));
                let moved = if j == 1 {
                    "feedback_delivered".to_string()
                } else {
                    format!("feedback_moved_{j}")
                };
                v.push(var(
                    &moved,
                    Kind::Flow,
                    format!("{name} * steps_per_period"),
                    u.insight_t(),
                    "The whole stock, one sub-step closer to product.",
                ));
            }
            let eqn = if len == 0 {
                now.to_string()
            } else {
                format!("feedback_delivered + {now}")
            };
            v.push(var(
                "feedback_arrived",
                Kind::Flow,
                eqn,
                u.insight_t(),
                "Feedback that reaches product: what left the pipeline, plus this sub-step's own at zero latency.",
            ));
        }
    }
    v
}

fn transit_name(j: usize) -> String {
    format!("feedback_in_transit_{j}")
}

/// The pieces of F0 that need a condition, each its own auxiliary.
fn initial_parts(u: &Units) -> Vec<Variable> {
    let size = n(P::MarketSize);
    let s0 = n(P::InitialStrength);
    let rt = n(P::RecontactTime);
    let reach0 = format!(
        "{} * {} * initial_per_person",
        n(P::InitialReps),
        n(P::ContactsPerRep)
    );
    let bracket = format!("({} + {} * (1 - {s0}))", n(P::ChurnFloor), n(P::ChurnWeak));
    let pe0 = format!(
        "((1 + ({} / ({} * (1 - {}))) ^ {}) / 2)",
        n(P::Price),
        n(P::ReferencePrice),
        n(P::MonetizationGap),
        n(P::Elasticity)
    );
    vec![
        var(
            "initial_per_person",
            Kind::Aux,
            format!("(IF {size} > 0 THEN 1 / {size} ELSE 0)"),
            "1/people".into(),
            "1 / the initial market size (0 for an empty market).",
        ),
        var(
            "initial_sales_rate",
            Kind::Aux,
            format!("(IF {rt} > 0 THEN (1 - EXP(-{reach0} * {rt})) / {rt} ELSE {reach0})"),
            u.rate(),
            "The sales rate at the start: only experienced reps.",
        ),
        var(
            "initial_churn_rate",
            Kind::Aux,
            format!("(IF {bracket} > 0 THEN {bracket} * {pe0} ELSE 0)"),
            u.rate(),
            "The churn rate at the start with no insight: willingness to pay at its lowest.",
        ),
    ]
}

/// F0 from the parameters and the initial stocks, with no insight.
fn initial_feedback() -> String {
    let size = n(P::MarketSize);
    let c0 = format!("MIN({}, {size})", n(P::InitialCustomers));
    let p0 = format!("({size} - {c0})");
    let s0 = n(P::InitialStrength);
    let lo0 = format!(
        "(MIN({} + {} * {s0} * ({c0} * initial_per_person), steps_per_period) * {p0})",
        n(P::Innovation),
        n(P::Imitation)
    );
    let ls0 = format!("MIN(initial_sales_rate * {p0}, {p0} * steps_per_period - {lo0})");
    let churned0 = format!("(MIN(initial_churn_rate, steps_per_period) * {c0})");
    format!(
        "{} * ({ls0} * conversations_per_lead + {} * {lo0} + {} * {c0} + {} * {churned0})",
        n(P::Capture),
        n(P::OrganicWeight),
        n(P::UsageWeight),
        n(P::ChurnWeight)
    )
}

pub use crate::model::series::amount_columns;

/// For each amount column X, a stock `period_X` that adds X * DT over a
/// period and empties at the next period's first sub-step: at an integer
/// TIME t + 1 it holds row t's amount. `period_conversion` is their ratio.
pub(super) fn period_amounts(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    let mut v = vec![var(
        "period_start",
        Kind::Aux,
        "(IF TIME + 0.5 * step_length - INT(TIME + 0.5 * step_length) < step_length THEN 1 ELSE 0)"
            .into(),
        dimensionless(),
        "1 at the first sub-step of a period, else 0.",
    )];
    for col in amount_columns() {
        let stock = format!("period_{col}");
        let add = format!("{stock}_add");
        let reset = format!("{stock}_reset");
        let rate_units = match col {
            "revenue" | "rd_spend" | "sales_spend" | "interest" | "costs" | "profit"
            | "discounted_profit" => u.money_t(),
            "feedback_sent" | "feedback_stale" | "feedback_arrived" => u.insight_t(),
            _ => u.people_t(),
        };
        let amount_units = match col {
            "revenue" | "rd_spend" | "sales_spend" | "interest" | "costs" | "profit"
            | "discounted_profit" => "dollars".to_string(),
            "feedback_sent" | "feedback_stale" | "feedback_arrived" => "conversations".into(),
            _ => u.people(),
        };
        v.push(var(
            &stock,
            Kind::Stock {
                inflows: vec![add.clone()],
                outflows: vec![reset.clone()],
            },
            "0".into(),
            amount_units,
            &format!("{col} over the last whole period: at TIME t + 1 the column {col} of row t of `flywheel run`."),
        ));
        v.push(var(
            &add,
            Kind::Flow,
            col.into(),
            rate_units.clone(),
            &format!("{col}, counted into its period's amount."),
        ));
        v.push(var(
            &reset,
            Kind::Flow,
            format!("period_start * {stock} * steps_per_period"),
            rate_units,
            "Empties the amount at a period's first sub-step, so it counts that period afresh.",
        ));
    }
    v.push(var(
        "period_conversion",
        Kind::Aux,
        per("period_new_customers", "period_leads"),
        dimensionless(),
        "New customers over leads of the last whole period: at TIME t + 1 the column conversion of row t.",
    ));
    v
}
