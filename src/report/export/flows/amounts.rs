//! The per-period amounts that the output columns report: a stock per
//! amount column that counts one period and empties at the next.

use crate::report::export::equations::{Kind, Units, Variable, dimensionless, per, var};
use crate::report::export::schedule::Scenery;

pub use crate::model::series::amount_columns;

/// For each amount column X, a stock `period_X` that adds X * DT over a
/// period and empties at the next period's first sub-step: at an integer
/// TIME t + 1 it holds row t's amount. `period_conversion` is their ratio.
pub(in crate::report::export) fn period_amounts(sc: &Scenery) -> Vec<Variable> {
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
