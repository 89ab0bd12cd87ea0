//! The JSON writer: `{"scenario": {...}, "summary": {...}, "rows": [...]}`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::model::{COLUMNS, PARAMS, Section, Series, Summary};
use crate::scenario::{Scenario, load::CASH_INJECTION};

/// The resolved scenario: metadata, every parameter by section, events.
pub fn scenario_value(s: &Scenario) -> Value {
    let mut root = Map::new();
    let mut meta = json!({
        "name": s.name,
        "periods": s.config.periods,
        "period_label": s.period_label,
        "start": s.start.map(|d| d.to_string()),
        "seed": s.config.seed,
        "stochastic": s.config.stochastic,
    });
    // `description`, then one key a language (`description_zh`, ...),
    // blank where the file has no translation.
    if let Value::Object(m) = &mut meta {
        for lang in Lang::ALL {
            let text = s.description.get(lang).cloned().unwrap_or_default();
            m.insert(format!("description{}", lang.suffix()), json!(text));
        }
    }
    root.insert("scenario".into(), meta);
    for section in Section::ALL {
        let mut m = Map::new();
        for spec in PARAMS.iter().filter(|p| p.section == section) {
            m.insert(spec.name.into(), json!(s.config.params[spec.id]));
        }
        root.insert(section.key().into(), Value::Object(m));
    }
    let events: Vec<Value> = s
        .config
        .events
        .iter()
        .map(|e| {
            let mut set = Map::new();
            for (id, v) in &e.set {
                set.insert(id.to_string(), json!(v));
            }
            if e.cash_injection != 0.0 {
                set.insert(CASH_INJECTION.into(), json!(e.cash_injection));
            }
            if e.market_change != 0.0 {
                set.insert(
                    crate::scenario::keys::MARKET_CHANGE.into(),
                    json!(e.market_change),
                );
            }
            json!({"name": e.name, "at": e.at, "note": e.note, "set": set})
        })
        .collect();
    root.insert("events".into(), Value::Array(events));
    if let Some(now) = &s.config.now {
        let mut stocks = Map::new();
        for (stock, v) in &now.stocks {
            stocks.insert(stock.column().into(), json!(v));
        }
        let mut set = Map::new();
        for (id, v) in &now.set {
            set.insert(id.to_string(), json!(v));
        }
        root.insert(
            "now".into(),
            json!({"at": now.at, "reconciled": stocks, "set": set}),
        );
    }
    Value::Object(root)
}

/// One row as an object keyed by the CSV column names.
fn row_value(row: &crate::model::Row) -> Value {
    let mut m = Map::new();
    for c in COLUMNS {
        let v = (c.get)(row);
        m.insert(
            c.name.into(),
            if c.name == "period" {
                json!(row.period)
            } else {
                json!(v)
            },
        );
    }
    Value::Object(m)
}

/// Writes the whole run as one JSON document.
pub fn write(
    s: &Scenario,
    series: &Series,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = json!({
        "scenario": scenario_value(s),
        "summary": summary,
        "rows": series
            .rows
            .iter()
            .map(|r| {
                let mut v = row_value(r);
                if let (Some(c), Value::Object(m)) = (s.calendar(), &mut v) {
                    m.insert("date".into(), json!(c.label(r.period)));
                }
                v
            })
            .collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
