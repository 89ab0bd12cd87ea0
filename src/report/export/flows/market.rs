//! The market's flows and auxiliaries: price effect, conversion, leads, new
//! customers, churn, detraction, win-back and growth.

use crate::model::ParamId as P;
use crate::model::params::MARKET_CAP;
use crate::report::export::equations::{Kind, Units, Variable, dimensionless, n, num, per, var};
use crate::report::export::schedule::Scenery;

/// The market: price effect, conversion, leads, new customers, churn,
/// detraction, win-back and growth.
pub(in crate::report::export) fn market(sc: &Scenery) -> Vec<Variable> {
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
