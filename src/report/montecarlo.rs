//! `flywheel montecarlo`'s writers: percentiles as a table, CSV and JSON.

use crate::analysis::montecarlo::{BAND_SERIES, MonteCarlo, PERCENTILES};
use crate::format::people;
use crate::i18n::{tr_str, trf};
use crate::report;
use crate::report::table::{pad_start, write_distributions};
use crate::scenario::Scenario;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The runs' percentiles as a table: each metric, then the bands over time.
pub fn montecarlo_table(s: &Scenario, mc: &MonteCarlo, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "{}",
        trf(
            "{}: {} stochastic runs of {} {}s (seeds {}–{})",
            &[
                &s.name,
                &mc.runs,
                &s.config.periods,
                &tr_str(&s.period_label),
                &s.config.seed,
                &s.config.seed.wrapping_add(mc.runs as u64 - 1),
            ],
        )
    )?;
    if mc.band_runs < mc.runs {
        writeln!(
            w,
            "{}",
            trf(
                "(per-period percentiles from every {}th run: {} runs)",
                &[&(mc.runs / mc.band_runs.max(1)), &mc.band_runs],
            )
        )?;
    }
    writeln!(w)?;
    write_distributions(&mc.metrics, true, w)?;
    writeln!(
        w,
        "\n{}",
        trf(
            "chance that cash goes below zero: {}%",
            &[&format!("{:.1}", mc.prob_cash_negative * 100.0)],
        )
    )?;
    let period = tr_str(&s.period_label);
    writeln!(
        w,
        "\n{}",
        trf("customers by {} (percentiles over runs)", &[&period])
    )?;
    writeln!(
        w,
        "{}{:>10}{:>10}{:>10}{:>10}{:>10}",
        pad_start(&period, 8),
        "p5",
        "p25",
        "p50",
        "p75",
        "p95"
    )?;
    let band = &mc.bands[0];
    let t = band.len().saturating_sub(1);
    let step = (t / 16).max(1);
    for (period, q) in band
        .iter()
        .enumerate()
        .filter(|(p, _)| p % step == 0 || *p == t)
    {
        write!(w, "{period:>8}")?;
        for v in q {
            write!(w, "{:>10}", people(*v))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// The bands over time as CSV: a row per period and series, a column per percentile.
pub fn montecarlo_csv(mc: &MonteCarlo, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["period".to_string()];
    for s in &BAND_SERIES {
        for p in PERCENTILES {
            header.push(format!("{}_p{p}", s.name));
        }
    }
    out.write_record(&header)?;
    let periods = mc.bands.first().map_or(0, Vec::len);
    for t in 0..periods {
        let mut rec = vec![t.to_string()];
        for series in &mc.bands {
            rec.extend(series[t].iter().map(|v| report::csv::format_value(*v)));
        }
        out.write_record(&rec)?;
    }
    out.flush()?;
    Ok(())
}

/// The runs' percentiles as JSON.
pub fn montecarlo_json(s: &Scenario, mc: &MonteCarlo) -> Value {
    let mut metrics = Map::new();
    for (name, d) in &mc.metrics {
        metrics.insert((*name).into(), json!(d));
    }
    let mut bands = Map::new();
    for (series, spec) in mc.bands.iter().zip(BAND_SERIES.iter()) {
        let rows: Vec<Value> = series
            .iter()
            .enumerate()
            .map(|(t, q)| json!({"period": t, "p5": q[0], "p25": q[1], "p50": q[2], "p75": q[3], "p95": q[4]}))
            .collect();
        bands.insert(spec.name.into(), Value::Array(rows));
    }
    json!({
        "scenario": report::json::scenario_value(s),
        "runs": mc.runs,
        "band_runs": mc.band_runs,
        "prob_cash_negative": mc.prob_cash_negative,
        "metrics": metrics,
        "bands": bands,
    })
}
