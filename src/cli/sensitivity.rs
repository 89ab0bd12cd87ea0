//! `flywheel sensitivity`: the tornado of which lever matters most.

use serde_json::{Value, json};

use super::output::emit;
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::sensitivity::{self, Scope};
use crate::analysis::sweep;
use crate::report;
use crate::report::sensitivity::tornado_table;

/// Parses a delta written as `20%` or `0.2`.
pub fn parse_delta(text: &str) -> Result<f64, Failure> {
    let t = text.trim();
    let v = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|x| x / 100.0),
        None => t.parse::<f64>(),
    };
    match v {
        Ok(d) if d > 0.0 && d <= 1.0 => Ok(d),
        _ => Err(Failure::Invalid(crate::i18n::trf(
            "--delta {}: write a share above 0 and at most 100%, such as 20% or 0.2",
            &[&text],
        ))),
    }
}

/// `flywheel sensitivity`.
pub fn sensitivity_cmd(
    opts: &RunOptions,
    metric_name: &str,
    delta: &str,
    all: bool,
    output: &Output,
) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    let m = sweep::parse_metrics(metric_name).map_err(|e| Failure::Invalid(e.to_string()))?;
    let [m] = m.as_slice() else {
        return Err(Failure::Invalid(
            crate::i18n::tr("sensitivity takes one --metric").into(),
        ));
    };
    let delta = parse_delta(delta)?;
    let s = prepare(opts)?;
    let scope = if all { Scope::All } else { Scope::Levers };
    let ids = sensitivity::parameters(&s, scope);
    let pb = bar(ids.len(), crate::i18n::tr("parameters"));
    let tornado = sensitivity::run_over(&s.config, m, delta, &ids, &|n| pb.set_position(n as u64));
    pb.finish_and_clear();
    emit(out, force, |w| match format {
        Format::Table => tornado_table(&s, m, delta, &tornado, w),
        Format::Csv => {
            let mut out = csv::Writer::from_writer(w);
            out.write_record([
                "rank",
                "parameter",
                "label",
                "lever",
                "base_value",
                "low_value",
                "high_value",
                "metric_low",
                "metric_high",
                "swing",
            ])?;
            for (i, e) in tornado.effects.iter().enumerate() {
                out.write_record([
                    (i + 1).to_string(),
                    e.spec.key.to_string(),
                    e.spec.label.to_string(),
                    sensitivity::is_lever(e.spec.id).to_string(),
                    report::csv::format_value(e.base_value),
                    report::csv::format_value(e.low_value),
                    report::csv::format_value(e.high_value),
                    report::csv::format_value(e.low),
                    report::csv::format_value(e.high),
                    report::csv::format_value(e.swing()),
                ])?;
            }
            out.flush()?;
            Ok(())
        }
        Format::Json => {
            let effects: Vec<Value> = tornado
                .effects
                .iter()
                .map(|e| json!({"parameter": e.spec.key, "label": e.spec.label, "lever": sensitivity::is_lever(e.spec.id), "base_value": e.base_value, "low_value": e.low_value, "high_value": e.high_value, "metric_low": e.low, "metric_high": e.high, "swing": e.swing()}))
                .collect();
            let doc = json!({"scenario": s.name, "metric": m.name, "delta": delta, "scope": if all { "all" } else { "levers" }, "base": tornado.base, "effects": effects});
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        }
    })
}
