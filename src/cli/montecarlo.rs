//! `flywheel montecarlo`: percentiles per period and the spread of every metric.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::output::{check_runs, emit, pad_end, pad_start};
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::montecarlo::{self, BAND_SERIES, MonteCarlo, PERCENTILES};
use crate::format::{metric_value, people};
use crate::i18n::{tr, tr_str, trf};
use crate::report;
use crate::scenario::Scenario;

/// `flywheel montecarlo`.
pub fn montecarlo(opts: &RunOptions, runs: usize, output: &Output) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    check_runs(runs)?;
    let s = prepare(opts)?;
    let pb = bar(runs, tr("runs"));
    let mc = montecarlo::run(&s.config, runs, &|n| pb.set_position(n as u64));
    pb.finish_and_clear();
    let mc = mc.map_err(|_| Failure::Interrupted)?;
    emit(out, force, |w| match format {
        Format::Table => montecarlo_table(&s, &mc, w),
        Format::Csv => montecarlo_csv(&mc, w),
        Format::Json => {
            let doc = montecarlo_json(&s, &mc);
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        }
    })
}

fn montecarlo_table(s: &Scenario, mc: &MonteCarlo, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "{}",
        trf(
            "{}: {} stochastic runs of {} {}s (seeds {}..={})",
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
    writeln!(
        w,
        "{}{}{:>10}{:>10}{:>10}{:>10}{:>10}",
        pad_end(tr("metric"), 26),
        pad_start(tr("mean"), 10),
        "p5",
        "p25",
        "p50",
        "p75",
        "p95"
    )?;
    for (name, d) in &mc.metrics {
        if d.count == 0 {
            writeln!(w, "{name:<26}{}", pad_start(tr("n/a"), 10))?;
            continue;
        }
        let cells = [d.mean, d.p5, d.p25, d.p50, d.p75, d.p95].map(|v| metric_value(name, v));
        write!(w, "{name:<26}")?;
        for c in cells {
            write!(w, "{c:>10}")?;
        }
        writeln!(w)?;
    }
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

fn montecarlo_csv(mc: &MonteCarlo, w: &mut dyn Write) -> io::Result<()> {
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

fn montecarlo_json(s: &Scenario, mc: &MonteCarlo) -> Value {
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

/// `flywheel montecarlo`: the run's bands, or (with `--vary` or
/// `--from-fit`) the spread of uncertain parameters, and policies compared under it.
pub(super) fn command(
    opts: &super::RunOptions,
    runs: usize,
    ask: &super::uncertain::Ask<'_>,
    output: &super::Output,
) -> Result<(), super::Failure> {
    if ask.vary.is_empty() && ask.from_fit.is_none() {
        if ask.versus.is_some() {
            return Err(super::Failure::Invalid(
                "--versus compares policies under uncertain parameters; add --vary or --from-fit"
                    .into(),
            ));
        }
        montecarlo(opts, runs, output)
    } else {
        super::uncertain::uncertain_cmd(opts, runs, ask, output)
    }
}
