//! The model as system-dynamics equations in XMILE's expression language:
//! the variable types, each parameter (its value over time, units and help)
//! and the stocks; the flows and auxiliaries are in `flows`.

use std::fmt::Write as _;

use super::flows;
use super::schedule::{Scenery, Schedule};
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

pub(super) fn n(id: P) -> String {
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
pub(super) fn var(name: &str, kind: Kind, eqn: String, units: String, doc: &str) -> Variable {
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
pub(super) fn per(x: &str, d: &str) -> String {
    format!("(IF {d} > 0 THEN {x} / {d} ELSE 0)")
}

/// `min(1, a * b * c)`, where a zero factor wins over an infinite price factor.
pub(super) fn capped(a: &str, b: &str, c: &str) -> String {
    format!("(IF {a} * {b} = 0 THEN 0 ELSE MIN({a} * {b} * {c}, 1))")
}

/// Units of the model's variables, per the scenario's period.
pub(super) struct Units<'a>(&'a str);

impl<'a> Units<'a> {
    pub(super) fn of(period: &'a str) -> Self {
        Units(period)
    }
    pub(super) fn per(&self, what: &str) -> String {
        format!("{what}/{}", self.0)
    }
    pub(super) fn people(&self) -> String {
        "people".into()
    }
    pub(super) fn people_t(&self) -> String {
        self.per("people")
    }
    pub(super) fn money_t(&self) -> String {
        self.per("dollars")
    }
    pub(super) fn rate(&self) -> String {
        self.per("1")
    }
    pub(super) fn insight_t(&self) -> String {
        self.per("insight")
    }
}

pub(super) fn dimensionless() -> String {
    "dimensionless".into()
}

/// The stocks, then every flow and auxiliary in `model::run`'s order.
fn core(sc: &Scenery) -> Vec<Variable> {
    let u = Units::of(&sc.period);
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
            u.people(),
            "Prospects who are not customers.",
        ),
        var(
            "customers",
            stock(&["new_customers"], &["churned"]),
            initial_customers,
            u.people(),
            "Paying customers.",
        ),
        var(
            "lapsed",
            stock(&["churned"], &["returned"]),
            "0".into(),
            u.people(),
            "Former customers, not prospects for now.",
        ),
        var(
            "strength",
            stock(&["strength_gain"], &["strength_lost"]),
            n(P::InitialStrength),
            dimensionless(),
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
            "0".into(),
            "insight".into(),
            "Customer insight available to product.",
        ),
        var(
            "cash",
            stock(&cash_in, &[]),
            initial_cash,
            "dollars".into(),
            "Cash on hand (may be negative: an overdraft).",
        ),
    ];
    v.extend(flows::market(sc));
    v.extend(flows::money(sc));
    v.extend(flows::product(sc));
    if let Some(eqn) = sc.injection_equation() {
        v.push(var(
            "cash_injection",
            Kind::Flow,
            eqn,
            u.money_t(),
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
