//! `flywheel compare`'s writers: the comparison as cells, an aligned or
//! Markdown grid, and CSV.

use std::io::{self, Write};

use crate::analysis::compare::{Comparison, EventRow};
use crate::format::{delta, metric_value};
use crate::i18n::{tr, trf};
use crate::model::fmt_num;
use crate::report::table::{pad_end, pad_start, widths};

/// The cells of the comparison: a header and rows, each value with its change against the first.
pub fn cells(c: &Comparison) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![String::new()];
    header.extend(c.names.iter().cloned());
    let mut rows = Vec::new();
    if c.horizons.iter().any(|h| *h != c.horizons[0]) {
        let mut r = vec![tr("Horizon").to_string()];
        r.extend(c.horizons.iter().cloned());
        rows.push(r);
    }
    for m in &c.metrics {
        let mut r = vec![tr(m.metric.label).to_string()];
        for (i, v) in m.values.iter().enumerate() {
            let text = match (v, m.values[0]) {
                (None, _) => tr("n/a").to_string(),
                (Some(v), Some(base)) if i > 0 && !m.metric.name.ends_with("_period") => {
                    format!("{} ({})", metric_value(m.metric.name, *v), delta(*v, base))
                }
                (Some(v), _) => metric_value(m.metric.name, *v),
            };
            r.push(text);
        }
        rows.push(r);
    }
    for p in &c.params {
        let mut r = vec![p.spec.key.to_string()];
        r.extend(p.values.iter().map(|v| fmt_num(*v)));
        rows.push(r);
    }
    for e in &c.events {
        let mut r = vec![label(e)];
        r.extend(
            e.present
                .iter()
                .map(|p| if *p { tr("yes") } else { "-" }.to_string()),
        );
        rows.push(r);
    }
    (header, rows)
}

/// An event in the reader's words: `at 20 "price cut": pricing.price=70`.
fn label(e: &EventRow) -> String {
    trf(
        "at {} \"{}\": {}",
        &[&e.event.at, e.note.current(), &e.settings()],
    )
}

/// The comparison as aligned columns, or a Markdown table.
pub fn write_grid(c: &Comparison, markdown: bool, w: &mut dyn Write) -> io::Result<()> {
    let (header, rows) = cells(c);
    let all: Vec<Vec<String>> = std::iter::once(header.clone())
        .chain(rows.clone())
        .collect();
    let width = widths(&all);
    let line = |r: &[String]| -> String {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    pad_end(s, width[i])
                } else {
                    pad_start(s, width[i])
                }
            })
            .collect();
        if markdown {
            format!("| {} |", cells.join(" | "))
        } else {
            cells.join("   ")
        }
    };
    writeln!(w, "{}", line(&header))?;
    if markdown {
        let rule: Vec<String> = width
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if i == 0 {
                    "-".repeat(*n)
                } else {
                    format!("{}:", "-".repeat(n.saturating_sub(1)))
                }
            })
            .collect();
        writeln!(w, "| {} |", rule.join(" | "))?;
    }
    let events_from = rows.len() - c.events.len();
    let params_from = events_from - c.params.len();
    for (i, r) in rows.iter().enumerate() {
        if i == params_from && !markdown && !c.params.is_empty() {
            writeln!(w, "{}", tr("(parameters that differ)"))?;
        }
        if i == events_from && !markdown && !c.events.is_empty() {
            writeln!(w, "{}", tr("(events that differ)"))?;
        }
        writeln!(w, "{}", line(r))?;
    }
    if !markdown {
        writeln!(w, "{}", trf("(changes against {})", &[&c.names[0]]))?;
    }
    Ok(())
}

/// The comparison as CSV: plain values, for a spreadsheet.
pub fn write_csv(c: &Comparison, w: &mut dyn Write) -> io::Result<()> {
    let mut wr = csv::Writer::from_writer(w);
    let mut header = vec!["row".to_string()];
    header.extend(c.names.iter().cloned());
    wr.write_record(&header)?;
    for m in &c.metrics {
        let mut r = vec![m.metric.name.to_string()];
        r.extend(
            m.values
                .iter()
                .map(|v| v.map_or(String::new(), |v| format!("{v}"))),
        );
        wr.write_record(&r)?;
    }
    for p in &c.params {
        let mut r = vec![p.spec.key.to_string()];
        r.extend(p.values.iter().map(|v| format!("{v}")));
        wr.write_record(&r)?;
    }
    for e in &c.events {
        let ev = &e.event;
        let mut r = vec![format!(
            "event at {} \"{}\": {}",
            ev.at,
            ev.note,
            e.settings()
        )];
        r.extend(e.present.iter().map(|p| u8::from(*p).to_string()));
        wr.write_record(&r)?;
    }
    wr.flush()
}
