//! The flows and auxiliaries of `model::run`, in its order and with its
//! guards (`min`/`max`, the zero-division rules, the market's cap).
//!
//! `model::run` also keeps prospects, customers and lapsed at or above 0;
//! those floors cannot bind but by rounding (no outflow takes more than its
//! stock holds), so the flows carry no term for them. Strength's clamp to
//! 0..1 is written out, in `strength_lost`.

use super::equations::{Kind, Units, Variable, capped, dimensionless, n, num, per, var};
use super::schedule::Scenery;
use crate::model::ParamId as P;
use crate::model::params::MARKET_CAP;

/// The market: conversion, leads, new customers, churn, win-back and growth.
pub(super) fn market(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    vec![
        var(
            "market_size",
            Kind::Aux,
            "potential + customers + lapsed".into(),
            u.people(),
            "The addressable market: prospects, customers and lapsed.",
        ),
        var(
            "price_factor",
            Kind::Aux,
            format!(
                "({} / {}) ^ {}",
                n(P::ReferencePrice),
                n(P::Price),
                n(P::Elasticity)
            ),
            dimensionless(),
            "(reference price / price) ^ elasticity.",
        ),
        var(
            "strength_factor",
            Kind::Aux,
            format!("strength ^ {}", n(P::StrengthExponent)),
            dimensionless(),
            "strength ^ strength exponent.",
        ),
        var(
            "conv_self",
            Kind::Aux,
            capped(&n(P::TrialConversion), "strength_factor", "price_factor"),
            dimensionless(),
            "Share of organic leads who buy.",
        ),
        var(
            "win",
            Kind::Aux,
            capped(&n(P::WinRate), "strength_factor", "price_factor"),
            dimensionless(),
            "Share of sales leads won.",
        ),
        var(
            "organic_rate",
            Kind::Aux,
            format!(
                "{} + {} * {}",
                n(P::Innovation),
                n(P::Imitation),
                per("customers", "market_size")
            ),
            u.rate(),
            "Bass: innovation plus imitation times the share of the market won.",
        ),
        var(
            "contact_rate",
            Kind::Aux,
            format!(
                "reps * {} * {}",
                n(P::ContactsPerRep),
                per("1", "market_size")
            ),
            u.rate(),
            "Share of prospects the reps reach per period.",
        ),
        var(
            "leads_organic",
            Kind::Aux,
            "MIN(organic_rate * potential, potential)".into(),
            u.people_t(),
            "Leads from word of mouth and discovery (Bass).",
        ),
        var(
            "leads_sales",
            Kind::Aux,
            "MIN(contact_rate * potential, potential - leads_organic)".into(),
            u.people_t(),
            "Leads from sales contacts, among the prospects left.",
        ),
        var(
            "new_organic",
            Kind::Aux,
            "leads_organic * conv_self".into(),
            u.people_t(),
            "Organic leads who bought.",
        ),
        var(
            "new_sales",
            Kind::Aux,
            "leads_sales * win".into(),
            u.people_t(),
            "Sales leads won.",
        ),
        var(
            "new_customers",
            Kind::Flow,
            "new_organic + new_sales".into(),
            u.people_t(),
            "All new customers: prospects who buy.",
        ),
        var(
            "leads",
            Kind::Aux,
            "leads_organic + leads_sales".into(),
            u.people_t(),
            "All leads.",
        ),
        var(
            "conversion",
            Kind::Aux,
            per("new_customers", "leads"),
            dimensionless(),
            "New customers over leads (0 without leads).",
        ),
        var(
            "churn_rate",
            Kind::Aux,
            format!(
                "MIN({} + {} * (1 - strength), 1)",
                n(P::ChurnFloor),
                n(P::ChurnWeak),
            ),
            u.rate(),
            "Share of customers lost per period: the floor, a weak product, a price above the reference.",
        ),
        var(
            "churned",
            Kind::Flow,
            "customers * churn_rate".into(),
            u.people_t(),
            "Customers lost, who become lapsed.",
        ),
        var(
            "returned",
            Kind::Flow,
            format!("lapsed * {}", n(P::Winback)),
            u.people_t(),
            "Lapsed customers who are prospects again.",
        ),
        var(
            "prospects_after_sales",
            Kind::Aux,
            "potential - new_customers + returned".into(),
            u.people(),
            "Prospects left before the market grows or shrinks.",
        ),
        var(
            "growth",
            Kind::Flow,
            format!(
                "MAX(MIN(MAX(market_size * {}, -prospects_after_sales), MAX({} - market_size, 0)), -prospects_after_sales)",
                n(P::MarketGrowth),
                num(MARKET_CAP)
            ),
            u.people_t(),
            "Market growth into prospects: a shrinking market loses prospects, never customers; the market stops at 1e12.",
        ),
    ]
}

/// Money: revenue, budgets, spend, interest, costs and profit.
pub(super) fn money(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    vec![
        var(
            "revenue",
            Kind::Aux,
            format!("customers * {}", n(P::Price)),
            u.money_t(),
            "Revenue this period.",
        ),
        var(
            "base_budgets",
            Kind::Aux,
            format!("{} + {}", n(P::RdBase), n(P::SalesBase)),
            u.money_t(),
            "The fixed R&D and sales budgets.",
        ),
        var(
            "funding",
            Kind::Aux,
            format!(
                "(IF base_budgets > 0 THEN MIN(MAX(cash / ({} * base_budgets), 0), 1) ELSE 1)",
                n(P::CashBuffer)
            ),
            dimensionless(),
            "Share of the base budgets cash pays for: 1 with the buffer in hand, 0 at zero cash.",
        ),
        var(
            "rd_spend",
            Kind::Aux,
            format!("{} * funding + {} * revenue", n(P::RdBase), n(P::RdShare)),
            u.money_t(),
            "R&D spend.",
        ),
        var(
            "sales_budget",
            Kind::Aux,
            format!(
                "{} * funding + {} * revenue",
                n(P::SalesBase),
                n(P::SalesShare)
            ),
            u.money_t(),
            "What the sales team may cost.",
        ),
        var(
            "desired_reps",
            Kind::Aux,
            format!("sales_budget / {}", n(P::RepCost)),
            "reps".into(),
            "The team the sales budget pays for.",
        ),
        var(
            "sales_spend",
            Kind::Aux,
            format!("reps * {}", n(P::RepCost)),
            u.money_t(),
            "Sales team spend.",
        ),
        var(
            "interest",
            Kind::Aux,
            format!("{} * MAX(-cash, 0)", n(P::OverdraftRate)),
            u.money_t(),
            "Overdraft interest paid on negative cash.",
        ),
        var(
            "costs",
            Kind::Aux,
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
    ]
}

/// Feedback and product: the feedback pipeline, insight and strength.
pub(super) fn product(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
    vec![
        var(
            "feedback_sent",
            Kind::Aux,
            format!(
                "{} * (leads_sales + {} * churned)",
                n(P::Capture),
                n(P::ChurnWeight)
            ),
            u.insight_t(),
            "Feedback sent toward product this period.",
        ),
        var(
            "feedback_arrived",
            Kind::Flow,
            if sc.latency == 0.0 {
                "feedback_sent".into()
            } else {
                format!("DELAY(feedback_sent, {}, 0)", n(P::Latency))
            },
            u.insight_t(),
            "Feedback that reaches product: what was sent one latency ago (a pipeline delay).",
        ),
        var(
            "insight_factor",
            Kind::Aux,
            format!(
                "{f} + (1 - {f}) * {}",
                per("insight", &format!("(insight + {} * market_size)", n(P::InsightPerPerson))),
                f = n(P::InsightFloor)
            ),
            dimensionless(),
            "How effective R&D is, given the insight in hand.",
        ),
        var(
            "strength_gain",
            Kind::Flow,
            format!(
                "(IF rd_spend > 0 THEN {} * rd_spend / (rd_spend + {} * market_size + {} * customers) ELSE 0) * insight_factor * (1 - strength)",
                n(P::RdEffect),
                n(P::RdPerPerson),
                n(P::RdPerCustomer)
            ),
            u.rate(),
            "Strength R&D adds: diminishing in spend, scaled by insight and the gap to 1.",
        ),
        var(
            "strength_lost",
            Kind::Flow,
            format!(
                "MIN(strength + strength_gain, MAX(strength + strength_gain - 1, {} * strength))",
                n(P::Obsolescence)
            ),
            u.rate(),
            "Obsolescence, never taking strength below 0 or above 1.",
        ),
        var(
            "hiring",
            Kind::Flow,
            format!("(desired_reps - reps) / {}", n(P::HiringDelay)),
            u.per("reps"),
            "Hiring (or attrition) toward the team the budget pays for.",
        ),
        var(
            "insight_lost",
            Kind::Flow,
            format!("{} * insight", n(P::InsightDecay)),
            u.insight_t(),
            "Insight that goes stale.",
        ),
    ]
}
