//! The feedback in transit and the equilibrium start: the initial feedback
//! (F0) and insight, and the pipeline of one-sub-step stocks (or XMILE's
//! `DELAY`) that carries feedback to product.

use crate::model::ParamId as P;
use crate::report::export::equations::{Kind, Units, Variable, dimensionless, n, var};
use crate::report::export::schedule::{Delay, Scenery};

/// The equilibrium start and the feedback in transit: a pipeline of
/// one-sub-step stocks, or XMILE's `DELAY`.
pub(in crate::report::export) fn transit(sc: &Scenery) -> Vec<Variable> {
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
