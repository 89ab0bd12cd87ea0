//! The model as system-dynamics equations: every stock, flow and auxiliary
//! of `model::run`, in its order and with its guards, written in XMILE's
//! expression language, with the scenario's values and events.

use std::fmt::Write as _;

use super::schedule::{Scenery, Schedule};
use crate::model::params::MARKET_CAP;
use crate::model::{PARAMS, ParamId as P, ParamSpec, fmt_num};

/// Which of XMILE's three kinds of variable, with a stock's flows.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A level, integrated from its flows.
    Stock {
        /// Flows that add to it.
        inflows: Vec<&'static str>,
        /// Flows that take from it.
        outflows: Vec<&'static str>,
    },
    /// A rate that moves a stock, per period.
    Flow,
    /// A constant or an auxiliary computed from other variables.
    Aux,
}

/// One variable of the exported model.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// Its name: an output column where it is one.
    pub name: String,
    /// Stock, flow or auxiliary.
    pub kind: Kind,
    /// Its equation (a stock's initial value).
    pub eqn: String,
    /// Its units, in XMILE's unit syntax.
    pub units: String,
    /// What it means.
    pub doc: String,
}

/// The name a parameter has in the exported model: its key's last part,
/// except where that would be vague (`market.size`, `market.growth`).
pub fn param_name(spec: &ParamSpec) -> String {
    match spec.id {
        P::MarketSize => "initial_market_size".into(),
        P::MarketGrowth => "market_growth".into(),
        _ => spec.name.into(),
    }
}

fn n(id: P) -> String {
    param_name(ParamSpec::of(id))
}

/// A number as XMILE reads it back to the same f64 (negative ones in parentheses).
pub fn num(v: f64) -> String {
    let text = format!("{v:?}");
    if v.is_sign_negative() {
        format!("({text})")
    } else {
        text
    }
}

/// A parameter's unit from the table, in XMILE's unit syntax with the period's name.
pub fn units(unit: &str, period: &str) -> String {
    let per = |what: &str| format!("{what}/{period}");
    match unit {
        "" | "0..1" | "of revenue" | "of leads" => "dimensionless".into(),
        "people" | "reps" | "insight" => unit.into(),
        "$" => "dollars".into(),
        "/period" => per("1"),
        "$/period" => per("dollars"),
        "$/customer/period" => format!("dollars/(people*{period})"),
        "$/rep/period" => format!("dollars/(reps*{period})"),
        "/rep/period" => format!("people/(reps*{period})"),
        "periods" => period.into(),
        "per churned" => "insight/people".into(),
        other => other
            .replace('$', "dollars")
            .replace("periods", period)
            .replace("period", period)
            .replace(' ', "_"),
    }
}

/// Every variable of the model for one scenario, parameters first.
pub fn variables(sc: &Scenery) -> Vec<Variable> {
    let period = sc.period.as_str();
    let mut out: Vec<Variable> = PARAMS
        .iter()
        .map(|spec| parameter(spec, &sc.schedules[spec.id as usize], period))
        .collect();
    out.extend(core(sc));
    out
}

fn parameter(spec: &ParamSpec, schedule: &Schedule, period: &str) -> Variable {
    let mut doc = format!("{} Scenario key: {}.", spec.help, spec.key);
    if !schedule.changes.is_empty() {
        let _ = write!(doc, " Set by events: {} at first", fmt_num(schedule.start));
        for (at, v) in &schedule.changes {
            let _ = write!(doc, ", {} from period {at}", fmt_num(*v));
        }
        doc.push('.');
    }
    Variable {
        name: param_name(spec),
        kind: Kind::Aux,
        eqn: schedule.equation(),
        units: units(spec.unit, period),
        doc,
    }
}

/// A variable built from `(name, kind, eqn, units, doc)`.
fn var(name: &str, kind: Kind, eqn: String, units: String, doc: &str) -> Variable {
    Variable {
        name: name.into(),
        kind,
        eqn,
        units,
        doc: doc.into(),
    }
}

fn stock(inflows: &[&'static str], outflows: &[&'static str]) -> Kind {
    Kind::Stock {
        inflows: inflows.to_vec(),
        outflows: outflows.to_vec(),
    }
}

/// `x / d`, 0 unless `d > 0`, as `model::run`'s `per`.
fn per(x: &str, d: &str) -> String {
    format!("(IF {d} > 0 THEN {x} / {d} ELSE 0)")
}

/// `min(1, a * b * c)`, where a zero factor wins over an infinite price factor.
fn capped(a: &str, b: &str, c: &str) -> String {
    format!("(IF {a} * {b} = 0 THEN 0 ELSE MIN({a} * {b} * {c}, 1))")
}

fn core(sc: &Scenery) -> Vec<Variable> {
    let t = sc.period.as_str();
    let people = "people".to_string();
    let people_t = format!("people/{t}");
    let money = "dollars".to_string();
    let money_t = format!("dollars/{t}");
    let rate = format!("1/{t}");
    let dmnl = || "dimensionless".to_string();
    let insight_t = format!("insight/{t}");
    let size = n(P::MarketSize);
    let mut cash_in = vec!["profit"];
    if sc.injections.iter().any(|&(at, _)| at > 0) {
        cash_in.push("cash_injection");
    }
    let initial_cash = match sc.injections.iter().find(|&&(at, _)| at == 0) {
        Some(&(_, v)) => format!("{} + {}", n(P::InitialCash), num(v)),
        None => n(P::InitialCash),
    };
    let initial_customers = format!("MIN({}, {size})", n(P::InitialCustomers));
    let mut v = vec![
        // Stocks.
        var(
            "potential",
            stock(&["returned", "growth"], &["new_customers"]),
            format!("{size} - {initial_customers}"),
            people.clone(),
            "Prospects who are not customers.",
        ),
        var(
            "customers",
            stock(&["new_customers"], &["churned"]),
            initial_customers,
            people.clone(),
            "Paying customers.",
        ),
        var(
            "lapsed",
            stock(&["churned"], &["returned"]),
            "0".into(),
            people.clone(),
            "Former customers, not prospects for now.",
        ),
        var(
            "strength",
            stock(&["strength_gain"], &["strength_lost"]),
            n(P::InitialStrength),
            dmnl(),
            "Product strength, 0..1.",
        ),
        var(
            "reps",
            stock(&["hiring"], &[]),
            n(P::InitialReps),
            "reps".into(),
            "Sales capacity in reps (fractional: expected values).",
        ),
        var(
            "insight",
            stock(&["feedback_arrived"], &["insight_lost"]),
            n(P::InitialInsight),
            "insight".into(),
            "Customer insight available to product.",
        ),
        var(
            "cash",
            stock(&cash_in, &[]),
            initial_cash,
            money.clone(),
            "Cash on hand (may be negative: an overdraft).",
        ),
        // The market.
        var(
            "market_size",
            Kind::Aux,
            "potential + customers + lapsed".into(),
            people.clone(),
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
            dmnl(),
            "(reference price / price) ^ elasticity.",
        ),
        var(
            "strength_factor",
            Kind::Aux,
            format!("strength ^ {}", n(P::StrengthExponent)),
            dmnl(),
            "strength ^ strength exponent.",
        ),
        var(
            "conv_self",
            Kind::Aux,
            capped(&n(P::TrialConversion), "strength_factor", "price_factor"),
            dmnl(),
            "Share of organic leads who buy.",
        ),
        var(
            "win",
            Kind::Aux,
            capped(&n(P::WinRate), "strength_factor", "price_factor"),
            dmnl(),
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
            rate.clone(),
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
            rate.clone(),
            "Share of prospects the reps reach per period.",
        ),
        var(
            "leads_organic",
            Kind::Aux,
            "MIN(organic_rate * potential, potential)".into(),
            people_t.clone(),
            "Leads from word of mouth and discovery (Bass).",
        ),
        var(
            "leads_sales",
            Kind::Aux,
            "MIN(contact_rate * potential, potential - leads_organic)".into(),
            people_t.clone(),
            "Leads from sales contacts, among the prospects left.",
        ),
        var(
            "new_organic",
            Kind::Aux,
            "leads_organic * conv_self".into(),
            people_t.clone(),
            "Organic leads who bought.",
        ),
        var(
            "new_sales",
            Kind::Aux,
            "leads_sales * win".into(),
            people_t.clone(),
            "Sales leads won.",
        ),
        var(
            "new_customers",
            Kind::Flow,
            "new_organic + new_sales".into(),
            people_t.clone(),
            "All new customers: prospects who buy.",
        ),
        var(
            "leads",
            Kind::Aux,
            "leads_organic + leads_sales".into(),
            people_t.clone(),
            "All leads.",
        ),
        var(
            "conversion",
            Kind::Aux,
            per("new_customers", "leads"),
            dmnl(),
            "New customers over leads (0 without leads).",
        ),
        var(
            "churn_rate",
            Kind::Aux,
            format!(
                "MIN({} + {} * (1 - strength) + {} * MAX({} / {} - 1, 0), 1)",
                n(P::ChurnFloor),
                n(P::ChurnWeak),
                n(P::ChurnPrice),
                n(P::Price),
                n(P::ReferencePrice)
            ),
            rate.clone(),
            "Share of customers lost per period: the floor, a weak product, a price above the reference.",
        ),
        var(
            "churned",
            Kind::Flow,
            "customers * churn_rate".into(),
            people_t.clone(),
            "Customers lost, who become lapsed.",
        ),
        var(
            "returned",
            Kind::Flow,
            format!("lapsed * {}", n(P::Winback)),
            people_t.clone(),
            "Lapsed customers who are prospects again.",
        ),
        var(
            "prospects_after_sales",
            Kind::Aux,
            "potential - new_customers + returned".into(),
            people.clone(),
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
            people_t.clone(),
            "Market growth into prospects: a shrinking market loses prospects, never customers; the market stops at 1e12.",
        ),
        // Money.
        var(
            "revenue",
            Kind::Aux,
            format!("customers * {}", n(P::Price)),
            money_t.clone(),
            "Revenue this period.",
        ),
        var(
            "base_budgets",
            Kind::Aux,
            format!("{} + {}", n(P::RdBase), n(P::SalesBase)),
            money_t.clone(),
            "The fixed R&D and sales budgets.",
        ),
        var(
            "funding",
            Kind::Aux,
            format!(
                "(IF base_budgets > 0 THEN MIN(MAX(cash / ({} * base_budgets), 0), 1) ELSE 1)",
                n(P::CashBuffer)
            ),
            dmnl(),
            "Share of the base budgets cash pays for: 1 with the buffer in hand, 0 at zero cash.",
        ),
        var(
            "rd_spend",
            Kind::Aux,
            format!("{} * funding + {} * revenue", n(P::RdBase), n(P::RdShare)),
            money_t.clone(),
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
            money_t.clone(),
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
            money_t.clone(),
            "Sales team spend.",
        ),
        var(
            "interest",
            Kind::Aux,
            format!("{} * MAX(-cash, 0)", n(P::OverdraftRate)),
            money_t.clone(),
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
            money_t.clone(),
            "All costs.",
        ),
        var(
            "profit",
            Kind::Flow,
            "revenue - costs".into(),
            money_t.clone(),
            "Revenue minus costs, into cash.",
        ),
        // Feedback and product.
        var(
            "feedback_sent",
            Kind::Aux,
            format!(
                "{} * (leads_sales + {} * churned)",
                n(P::Capture),
                n(P::ChurnWeight)
            ),
            insight_t.clone(),
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
            insight_t.clone(),
            "Feedback that reaches product: what was sent one latency ago (a pipeline delay).",
        ),
        var(
            "insight_factor",
            Kind::Aux,
            format!(
                "{f} + (1 - {f}) * {}",
                per("insight", &format!("(insight + {})", n(P::InsightHalf))),
                f = n(P::InsightFloor)
            ),
            dmnl(),
            "How effective R&D is, given the insight in hand.",
        ),
        var(
            "strength_gain",
            Kind::Flow,
            format!(
                "(IF rd_spend > 0 THEN {} * rd_spend / (rd_spend + {} + {} * customers) ELSE 0) * insight_factor * (1 - strength)",
                n(P::RdEffect),
                n(P::RdScale),
                n(P::RdPerCustomer)
            ),
            rate.clone(),
            "Strength R&D adds: diminishing in spend, scaled by insight and the gap to 1.",
        ),
        var(
            "strength_lost",
            Kind::Flow,
            format!(
                "MIN(strength + strength_gain, MAX(strength + strength_gain - 1, {} * strength))",
                n(P::Obsolescence)
            ),
            rate.clone(),
            "Obsolescence, never taking strength below 0 or above 1.",
        ),
        var(
            "hiring",
            Kind::Flow,
            format!("(desired_reps - reps) / {}", n(P::HiringDelay)),
            format!("reps/{t}"),
            "Hiring (or attrition) toward the team the budget pays for.",
        ),
        var(
            "insight_lost",
            Kind::Flow,
            format!("{} * insight", n(P::InsightDecay)),
            insight_t,
            "Insight that goes stale.",
        ),
    ];
    if let Some(eqn) = sc.injection_equation() {
        v.push(var(
            "cash_injection",
            Kind::Flow,
            eqn,
            money_t,
            "Funding rounds (finance.cash_injection): each flows in during the period before its own, so it is in cash from its period on.",
        ));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_of_the_table_has_an_xmile_spelling() {
        for spec in PARAMS.iter() {
            let u = units(spec.unit, "week");
            assert!(
                !u.is_empty() && !u.contains(' ') && !u.contains('$') && !u.contains(".."),
                "{}: unit {:?} became {u:?}",
                spec.key,
                spec.unit
            );
        }
        assert_eq!(
            units("$/customer/period", "month"),
            "dollars/(people*month)"
        );
    }

    #[test]
    fn numbers_read_back_exactly() {
        for v in [0.1, 1e-7, 2e6, 1e16, -5.5, 0.004, 1.0 / 3.0] {
            let text = num(v);
            let bare = text.trim_start_matches('(').trim_end_matches(')');
            assert_eq!(bare.parse::<f64>().unwrap(), v, "{text}");
        }
        assert_eq!(num(-2.0), "(-2.0)");
    }
}
