//! Changing a scenario's period (a week to a month, ...): every rate, flow,
//! delay and horizon converted so that the same company tells the same story.
//!
//! With `k` the new period's length in old periods (52/12 from weeks to months):
//! - shares of a stock lost or gained each period (base churn, Bass p,
//!   obsolescence, decay, win-back, overdraft interest) compound:
//!   `1 - (1 - r)^k`; market growth compounds as `(1 + g)^k - 1`;
//! - coefficients that multiply a share before they act (Bass q times the
//!   share of the market won, R&D's effect, churn from weakness and from
//!   price) scale with `k`, as the rate they make is small;
//! - money and contacts per period (price, costs, budgets, rep cost, R&D
//!   scales, contacts per rep) are multiplied by `k`;
//! - delays in periods (hiring delay, feedback latency, cash buffer), the
//!   horizon and event periods are divided by `k` (latency and periods
//!   rounded to whole periods, the hiring delay kept at least 1);
//! - the rest (shares of leads, of revenue and of feedback, exponents,
//!   initial stocks, insight's half-saturation) does not depend on the period.

use super::Scenario;
use crate::model::{PARAMS, ParamId as P, ParamSpec};

/// The period names understood, with how many make a year.
pub const PERIODS: [(&str, f64); 5] = [
    ("day", 365.0),
    ("week", 52.0),
    ("month", 12.0),
    ("quarter", 4.0),
    ("year", 1.0),
];

/// How many of `label` make a year (`None`: not a period this knows).
pub fn per_year(label: &str) -> Option<f64> {
    let l = label.trim().to_lowercase();
    let l = l.strip_suffix('s').unwrap_or(&l);
    PERIODS.iter().find(|(n, _)| *n == l).map(|(_, v)| *v)
}

/// How a parameter changes with the length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A share of a stock per period: compounds.
    Rate,
    /// A rate per period that multiplies a share (word of mouth times the
    /// share of the market won, R&D's effect times the share of spend that
    /// works): scales with the length, as the product it feeds is small.
    Coefficient,
    /// A growth rate per period: compounds upward.
    Growth,
    /// An amount per period: scales with the length.
    PerPeriod,
    /// A number of periods: scales inversely.
    Delay,
    /// Does not depend on the period.
    Fixed,
}

/// The kind of each parameter.
pub fn kind(id: P) -> Kind {
    match id {
        P::Innovation
        | P::Obsolescence
        | P::ChurnFloor
        | P::Winback
        | P::InsightDecay
        | P::OverdraftRate => Kind::Rate,
        P::MarketGrowth => Kind::Growth,
        P::Imitation | P::RdEffect | P::ChurnWeak | P::ChurnPrice => Kind::Coefficient,
        P::RdBase
        | P::RdScale
        | P::RdPerCustomer
        | P::RepCost
        | P::ContactsPerRep
        | P::SalesBase
        | P::Price
        | P::ReferencePrice
        | P::ServeCost
        | P::FixedCosts => Kind::PerPeriod,
        P::HiringDelay | P::Latency | P::CashBuffer => Kind::Delay,
        _ => Kind::Fixed,
    }
}

/// `v` of parameter `id` for a period `k` times as long, kept valid.
pub fn convert_value(id: P, v: f64, k: f64) -> f64 {
    let spec = ParamSpec::of(id);
    let out = match kind(id) {
        Kind::Rate => 1.0 - (1.0 - v.clamp(0.0, 1.0)).powf(k),
        Kind::Growth => (1.0 + v).powf(k) - 1.0,
        Kind::PerPeriod | Kind::Coefficient => v * k,
        Kind::Delay => match id {
            P::Latency => (v / k).round(),
            P::HiringDelay => (v / k).max(1.0),
            _ => v / k,
        },
        Kind::Fixed => v,
    };
    if spec.accepts(out) {
        out
    } else {
        spec.clamp(out)
    }
}

/// The scenario with `to` as its period. Errors name the valid periods.
pub fn convert(s: &Scenario, to: &str) -> Result<Scenario, String> {
    let names: Vec<&str> = PERIODS.iter().map(|(n, _)| *n).collect();
    let from_per_year = per_year(&s.period_label).ok_or_else(|| {
        crate::i18n::trf(
            "{}: its period \"{}\" is not one this can convert; valid: {}",
            &[&s.source, &s.period_label, &names.join(", ")],
        )
    })?;
    let to_per_year = per_year(to).ok_or_else(|| {
        crate::i18n::trf(
            "--period {}: not a period; valid: {}",
            &[&to, &names.join(", ")],
        )
    })?;
    let k = from_per_year / to_per_year;
    let mut out = s.clone();
    let label = to.trim().to_lowercase();
    out.period_label = label.strip_suffix('s').unwrap_or(&label).to_string();
    for spec in PARAMS.iter() {
        out.config.params[spec.id] = convert_value(spec.id, s.config.params[spec.id], k);
    }
    out.config.periods = ((f64::from(s.config.periods) / k).round() as u32).max(1);
    for e in &mut out.config.events {
        e.at = ((f64::from(e.at) / k).round() as u32).min(out.config.periods);
        for (id, v) in &mut e.set {
            *v = convert_value(*id, *v, k);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_trip_gives_the_values_back() {
        let s = crate::scenario::resolve("balanced").unwrap();
        let m = convert(&s, "month").unwrap();
        assert_eq!(m.period_label, "month");
        let w = convert(&m, "weeks").unwrap();
        for spec in PARAMS.iter() {
            let (a, b) = (s.config.params[spec.id], w.config.params[spec.id]);
            assert!(
                (a - b).abs() <= 1e-9 * a.abs().max(1.0) || spec.id == P::Latency,
                "{}: {a} -> {b}",
                spec.key
            );
        }
        assert!(
            convert(&s, "fortnight")
                .unwrap_err()
                .contains("valid: day, week")
        );
    }

    #[test]
    fn rates_compound_and_flows_scale() {
        let k = 52.0 / 12.0;
        assert!((convert_value(P::Price, 100.0, k) - 433.333_333_333_333_3).abs() < 1e-9);
        let c = convert_value(P::ChurnFloor, 0.01, k);
        assert!((1.0 - (1.0 - c)).abs() > 0.04 && c < 0.0433);
        assert_eq!(convert_value(P::Latency, 4.0, k), 1.0);
        assert_eq!(convert_value(P::HiringDelay, 2.0, k), 1.0);
        assert_eq!(convert_value(P::WinRate, 0.3, k), 0.3);
    }
}
