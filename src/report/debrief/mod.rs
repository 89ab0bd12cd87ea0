//! The debrief written out (`flywheel debrief`, the class's debrief): text
//! tables for the room and JSON for tools.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::model::{ParamSpec, Summary};
use crate::play::debrief::{Debrief, Reference};
use crate::play::session::Kind;

mod room;
mod timeline;

pub use room::lines;

/// The debrief as text for the room, 120 columns wide (see [`lines`]).
pub fn write_table(d: &Debrief, w: &mut dyn Write) -> io::Result<()> {
    for l in lines(d, 120) {
        writeln!(w, "{l}")?;
    }
    Ok(())
}

/// The headline metrics of a run, as JSON fields.
fn metrics_value(s: &Summary, objective: Option<f64>) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("objective".into(), json!(objective));
    m.insert("value".into(), json!(s.value));
    m.insert("pv_profit".into(), json!(s.pv_profit));
    m.insert("terminal_value".into(), json!(s.terminal_value));
    m.insert("total_revenue".into(), json!(s.total_revenue));
    m.insert("total_profit".into(), json!(s.total_profit));
    m.insert("final_customers".into(), json!(s.final_customers));
    m.insert("min_cash".into(), json!(s.min_cash));
    m.insert("out_of_cash_period".into(), json!(s.cash_negative_period));
    m.insert("ltv_cac".into(), json!(s.ltv_cac));
    m
}

fn reference_value(r: &Reference) -> (Value, Value) {
    let mut autopilot = metrics_value(&r.autopilot, (r.objective.get)(&r.autopilot));
    autopilot.insert("scenario".into(), json!(r.scenario));
    let best = match &r.best {
        Some(b) => {
            let mut m = metrics_value(&b.summary, Some(b.objective));
            let decisions: Vec<Value> = b
                .decisions
                .iter()
                .map(|c| json!({"key": ParamSpec::of(c.id).key, "value": c.value}))
                .collect();
            m.insert("decisions".into(), Value::Array(decisions));
            m.insert("scenario".into(), json!(r.scenario));
            Value::Object(m)
        }
        None => Value::Null,
    };
    (Value::Object(autopilot), best)
}

/// The debrief as JSON: `{"teams": [...], "autopilot": {...}, "best": {...}}`
/// (the references of the first scenario; `references` lists every scenario's).
pub fn json_value(d: &Debrief) -> Value {
    let teams: Vec<Value> = d
        .entries
        .iter()
        .map(|e| {
            let r = &d.references[e.reference];
            let mut m = metrics_value(&e.summary, e.objective);
            m.insert("player".into(), json!(e.player));
            m.insert("file".into(), json!(e.file));
            m.insert("scenario".into(), json!(e.scenario));
            m.insert(
                "kind".into(),
                json!(match e.kind {
                    Kind::Play => "play",
                    Kind::Explore => "explore",
                }),
            );
            m.insert("score".into(), json!(e.score));
            m.insert("objective_metric".into(), json!(r.objective.name));
            m.insert(
                "predictions".into(),
                match e.predictions {
                    Some((right, of)) => json!({"right": right, "answered": of}),
                    None => Value::Null,
                },
            );
            let o = e.outcome.as_ref();
            m.insert(
                "broken".into(),
                json!(
                    o.and_then(|o| o.broken.as_ref())
                        .map(|b| b.reason(&r.period_label))
                ),
            );
            m.insert("beat_best".into(), json!(o.is_some_and(|o| o.beat_best)));
            let decisions: Vec<Value> = e
                .decisions
                .iter()
                .map(|d| {
                    json!({
                        "period": d.period,
                        "key": ParamSpec::of(d.key).key,
                        "old": d.old,
                        "new": d.new,
                    })
                })
                .collect();
            m.insert("decisions".into(), Value::Array(decisions));
            m.insert("seats".into(), json!(if e.two_seats { 2 } else { 1 }));
            let messages: Vec<Value> = e
                .messages
                .iter()
                .map(|x| json!({"sent": x.sent, "arrives": x.arrives, "text": x.text}))
                .collect();
            m.insert("messages".into(), Value::Array(messages));
            Value::Object(m)
        })
        .collect();
    let refs: Vec<(Value, Value)> = d.references.iter().map(reference_value).collect();
    let (autopilot, best) = refs.first().cloned().unwrap_or((Value::Null, Value::Null));
    let references: Vec<Value> = refs
        .into_iter()
        .map(|(a, b)| json!({"autopilot": a, "best": b}))
        .collect();
    json!({
        "teams": teams,
        "autopilot": autopilot,
        "best": best,
        "references": references,
    })
}
