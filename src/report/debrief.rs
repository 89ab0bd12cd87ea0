//! The debrief written out (`flywheel debrief`, the class's debrief): text
//! tables for the room and JSON for tools.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::format::{metric_value, money, people};
use crate::i18n::tr;
use crate::model::{ParamSpec, Summary, fmt_num};
use crate::play::debrief::{Debrief, Reference};
use crate::play::session::Kind;

/// One row of the results table.
struct Cells {
    player: String,
    scenario: String,
    kind: String,
    score: String,
    summary: Summary,
    objective: Option<f64>,
    metric: &'static str,
    predictions: Option<(usize, usize)>,
}

fn cells(c: &Cells) -> String {
    let opt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| metric_value(c.metric, v));
    let out_of_cash = c
        .summary
        .cash_negative_period
        .map_or_else(|| "-".to_string(), |p| p.to_string());
    [
        truncate(&c.player, 20),
        truncate(&c.scenario, 16),
        right(&c.kind, 8),
        right(&c.score, 6),
        right(&opt(c.objective), 10),
        right(&money(c.summary.pv_profit), 10),
        right(&money(c.summary.terminal_value), 10),
        right(&money(c.summary.total_profit), 10),
        right(&people(c.summary.final_customers), 10),
        right(&money(c.summary.min_cash), 10),
        right(&out_of_cash, 12),
        right(
            &c.summary.ltv_cac.map_or("-".into(), |v| format!("{v:.2}")),
            8,
        ),
        right(
            &c.predictions
                .map_or("-".into(), |(right, of)| format!("{right}/{of}")),
            12,
        ),
    ]
    .join(" ")
}

/// The debrief as text tables.
pub fn write_table(d: &Debrief, w: &mut dyn Write) -> io::Result<()> {
    let objective = d
        .references
        .first()
        .map_or("objective", |r| r.objective.name);
    let cols = [
        (tr("player"), 20),
        (tr("scenario"), 16),
        (tr("kind"), 8),
        (tr("score"), 6),
        (objective, 10),
        (tr("pv profit"), 10),
        (tr("end value"), 10),
        (tr("profit"), 10),
        (tr("customers"), 10),
        (tr("low cash"), 10),
        (tr("out of cash"), 12),
        (tr("LTV/CAC"), 8),
        (tr("predictions"), 12),
    ];
    let header: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (name, width))| {
            if i < 2 {
                truncate(name, *width)
            } else {
                right(name, *width)
            }
        })
        .collect();
    writeln!(w, "{}", header.join(" "))?;
    for e in &d.entries {
        let kind = match e.kind {
            Kind::Play => tr("play"),
            Kind::Explore => tr("explore"),
        };
        writeln!(
            w,
            "{}",
            cells(&Cells {
                player: e.player.clone(),
                scenario: e.scenario.clone(),
                kind: kind.into(),
                score: e.score.map_or("-".into(), |s| s.to_string()),
                summary: e.summary,
                objective: e.objective,
                metric: d.references[e.reference].objective.name,
                predictions: e.predictions,
            })
        )?;
    }
    for r in &d.references {
        writeln!(
            w,
            "{}",
            cells(&Cells {
                player: format!("({})", tr("autopilot")),
                scenario: r.scenario.clone(),
                kind: "-".into(),
                score: "0".into(),
                summary: r.autopilot,
                objective: (r.objective.get)(&r.autopilot),
                metric: r.objective.name,
                predictions: None,
            })
        )?;
        if let Some(b) = &r.best {
            writeln!(
                w,
                "{}",
                cells(&Cells {
                    player: format!("({})", tr("best steady policy")),
                    scenario: r.scenario.clone(),
                    kind: "-".into(),
                    score: "100".into(),
                    summary: b.summary,
                    objective: Some(b.objective),
                    metric: r.objective.name,
                    predictions: None,
                })
            )?;
        }
    }
    writeln!(w)?;
    for r in &d.references {
        match &r.best {
            Some(b) => {
                let values: Vec<String> = b
                    .decisions
                    .iter()
                    .map(|c| format!("{}={}", ParamSpec::of(c.id).key, fmt_num(c.value)))
                    .collect();
                writeln!(
                    w,
                    "{} ({}): {}",
                    tr("best steady policy"),
                    r.scenario,
                    values.join(", ")
                )?;
            }
            None => writeln!(
                w,
                "{}: {}",
                r.scenario,
                tr("no steady policy meets the requirements")
            )?,
        }
    }
    for e in &d.entries {
        let Some(o) = &e.outcome else {
            continue;
        };
        let period = crate::format::period_word(&d.references[e.reference].period_label);
        if let Some(b) = &o.broken {
            let why = match b.cash_short_at {
                Some(at) => crate::i18n::trf(
                    "ranked below every team that kept the rules: out of cash in {} ({})",
                    &[&format!("{period} {at}"), &b.condition],
                ),
                None => crate::i18n::trf(
                    "ranked below every team that kept the rules: {} not met",
                    &[&b.condition],
                ),
            };
            writeln!(w, "  {}: {why}", e.player)?;
        } else if o.beat_best {
            writeln!(
                w,
                "  {}: {}",
                e.player,
                tr("you beat every steady policy by changing course")
            )?;
        }
    }
    writeln!(w, "\n{}", tr("settings changed"))?;
    for e in &d.entries {
        let changes: Vec<String> = e
            .changed
            .iter()
            .map(|(k, v)| format!("{}={}", ParamSpec::of(*k).key, fmt_num(*v)))
            .collect();
        let list = if changes.is_empty() {
            tr("(none)").to_string()
        } else {
            changes.join(", ")
        };
        writeln!(w, "  {} {list}", truncate(&e.player, 20))?;
    }
    writeln!(w, "\n{}", tr("decisions over all sessions"))?;
    writeln!(
        w,
        "  {} {} {} {} {}",
        truncate(tr("parameter"), 28),
        right(tr("times"), 6),
        right(tr("min"), 10),
        right(tr("max"), 10),
        right(tr("mean"), 10)
    )?;
    for s in &d.decisions {
        writeln!(
            w,
            "  {} {} {} {} {}",
            truncate(ParamSpec::of(s.key).key, 28),
            right(&s.count.to_string(), 6),
            right(&fmt_num(s.min), 10),
            right(&fmt_num(s.max), 10),
            right(&fmt_num((s.mean * 1e4).round() / 1e4), 10)
        )?;
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

/// Right-aligns text to a display width.
fn right(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    if w >= width {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(width - w))
    }
}

/// Cuts text to a display width (with an ellipsis when cut), padded to it.
fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return pad(s.to_string(), width);
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    pad(out, width)
}

fn pad(s: String, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s.as_str());
    if w >= width {
        s
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::{right, truncate};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cells_are_cut_and_padded_by_display_width() {
        assert_eq!(truncate("Team A", 8), "Team A  ");
        assert_eq!(truncate("ab玩", 3), "ab…");
        assert_eq!(truncate("飞轮团队一号", 7), "飞轮团…");
        assert_eq!(truncate("飞轮", 6).width(), 6);
        assert_eq!(right("收入", 6), "  收入");
    }
}
