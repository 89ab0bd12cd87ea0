//! The money flows and auxiliaries: revenue, budgets, spend, interest,
//! costs, profit and its discounting.

use crate::model::ParamId as P;
use crate::report::export::equations::{Kind, Units, Variable, dimensionless, n, var};
use crate::report::export::schedule::Scenery;

/// Money: revenue, budgets, spend, interest, costs, profit and its discounting.
pub(in crate::report::export) fn money(sc: &Scenery) -> Vec<Variable> {
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
