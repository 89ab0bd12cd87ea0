//! The product's and the sales team's flows and auxiliaries: feedback sent
//! and its aging, insight and strength, hiring, firing and ramping reps.

use crate::model::ParamId as P;
use crate::report::export::equations::{Kind, Units, Variable, dimensionless, n, var};
use crate::report::export::schedule::Scenery;

/// Feedback sent and its aging, insight and strength, and the sales team.
pub(in crate::report::export) fn product(sc: &Scenery) -> Vec<Variable> {
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
