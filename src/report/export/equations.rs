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
        inflows: Vec<String>,
        /// Flows that take from it.
        outflows: Vec<String>,
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

pub use super::num;

/// A parameter's unit from the table, in XMILE's unit syntax with the
/// period's name. Feedback and insight are counted in `conversations` (one
/// sales lead is one conversation; the weights say how many another source is worth).
pub fn units(unit: &str, period: &str) -> String {
    let per = |what: &str| format!("{what}/{period}");
    match unit {
        ""
        | "0..1"
        | "of revenue"
        | "of leads"
        | "of a rep"
        | "of reference"
        | "x equilibrium"
        | "people/lost customer" => "dimensionless".into(),
        "people" | "reps" => unit.into(),
        "$" => "dollars".into(),
        "/period" => per("1"),
        "$/period" => per("dollars"),
        "$/customer/period" | "$/person/period" => format!("dollars/(people*{period})"),
        "$/rep/period" => format!("dollars/(reps*{period})"),
        "/rep/period" => format!("people/(reps*{period})"),
        "periods" => period.into(),
        "insight/person" | "per lost customer" | "per organic lead" => {
            "conversations/people".into()
        }
        "per customer/period" => format!("conversations/(people*{period})"),
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
        .map(|spec| parameter(spec, &sc.schedules[spec.id as usize], period, sc.dt()))
        .collect();
    out.extend(core(sc));
    out
}

fn parameter(spec: &ParamSpec, schedule: &Schedule, period: &str, dt: f64) -> Variable {
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
        eqn: schedule.equation(dt),
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

fn stock(inflows: &[&str], outflows: &[&str]) -> Kind {
    Kind::Stock {
        inflows: inflows.iter().map(|f| f.to_string()).collect(),
        outflows: outflows.iter().map(|f| f.to_string()).collect(),
    }
}

/// `x / d`, 0 unless `d > 0`, as `model::run`'s `per`.
pub(super) fn per(x: &str, d: &str) -> String {
    format!("(IF {d} > 0 THEN {x} / {d} ELSE 0)")
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
        self.per("conversations")
    }
    pub(super) fn period(&self) -> &str {
        self.0
    }
}

pub(super) fn dimensionless() -> String {
    "dimensionless".into()
}

/// The stocks, then every flow and auxiliary in `model::run`'s order, then
/// the feedback in transit and the per-period amounts of the output columns.
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
        var(
            "steps_per_period",
            Kind::Aux,
            num(f64::from(sc.substeps)),
            u.rate(),
            "Euler sub-steps per period: 1/DT. Every outflow is limited to its stock times this.",
        ),
        var(
            "step_length",
            Kind::Aux,
            num(sc.dt()),
            u.period().into(),
            "The length of one sub-step, DT, in periods.",
        ),
        // Stocks.
        var(
            "potential",
            stock(&["returned", "growth"], &["new_customers", "warned_off"]),
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
            stock(&["churned", "warned_off"], &["returned"]),
            "0".into(),
            u.people(),
            "Former customers and warned-off prospects, not prospects for now.",
        ),
        var(
            "strength",
            stock(&["strength_gain"], &["strength_lost"]),
            n(P::InitialStrength),
            dimensionless(),
            "Product strength, 0..1.",
        ),
        var(
            "rookies",
            stock(&["hired"], &["ramped", "fired_rookies"]),
            "0".into(),
            "reps".into(),
            "Reps still ramping up (fractional: expected values).",
        ),
        var(
            "experienced_reps",
            stock(&["ramped"], &["fired_experienced"]),
            n(P::InitialReps),
            "reps".into(),
            "Fully productive reps.",
        ),
        var(
            "insight",
            stock(&["feedback_arrived"], &["insight_lost"]),
            "initial_insight".into(),
            "conversations".into(),
            "Customer insight available to product, at equilibrium at the start.",
        ),
        var(
            "cash",
            stock(&cash_in, &[]),
            initial_cash,
            "dollars".into(),
            "Cash on hand (may be negative: an overdraft).",
        ),
        var(
            "discount_factor",
            stock(&[], &["discounting"]),
            "1".into(),
            dimensionless(),
            "exp(-discount_rate * TIME), stepped exactly: each sub-step multiplies it by exp(-discount_rate * DT).",
        ),
    ];
    v.extend(flows::market(sc));
    v.extend(flows::money(sc));
    v.extend(flows::product(sc));
    v.extend(flows::transit(sc));
    for (i, &(at, amount)) in sc.rounds().iter().enumerate() {
        v.push(var(
            &format!("funding_round_{}", i + 1),
            Kind::Aux,
            num(amount),
            "dollars".into(),
            &format!("Cash added at period {at} (finance.cash_injection)."),
        ));
    }
    if let Some(eqn) = sc.injection_equation() {
        v.push(var(
            "cash_injection",
            Kind::Flow,
            eqn,
            u.money_t(),
            "Funding rounds (finance.cash_injection): each a pulse over the last sub-step before its period, so the amount is in cash at the period's start, once.",
        ));
    }
    v.extend(flows::period_amounts(sc));
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
