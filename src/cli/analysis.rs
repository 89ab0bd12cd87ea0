//! The analysis commands: montecarlo, sweep, sensitivity and plot.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use serde_json::{Map, Value, json};

use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::montecarlo::{self, BAND_SERIES, MAX_RUNS, MonteCarlo, PERCENTILES};
use crate::analysis::sensitivity::{self, Tornado};
use crate::analysis::sweep::{self, Axis, Cell};
use crate::format::compact;
use crate::model::{Metric, fmt_num, simulate};
use crate::plot::{self, PlotInput};
use crate::report;
use crate::safe_write::{Overwrite, write_atomic_with};
use crate::scenario::{self, Scenario};

/// Writes to `out` (atomically, refusing to overwrite without `force`) or to stdout.
pub fn emit(
    out: Option<&Path>,
    force: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match out {
        None => Ok(render(&mut io::stdout().lock())?),
        Some(path) => {
            let mode = if force {
                Overwrite::Allow
            } else {
                Overwrite::Refuse
            };
            write_atomic_with(path, mode, render).map_err(|e| {
                let hint = if e.kind() == io::ErrorKind::AlreadyExists {
                    "; pass --force to replace it"
                } else {
                    ""
                };
                Failure::Invalid(format!("{}: cannot write: {e}{hint}", path.display()))
            })
        }
    }
}

fn check_runs(runs: usize) -> Result<(), Failure> {
    if runs == 0 || runs > MAX_RUNS {
        return Err(Failure::Invalid(format!(
            "--runs {runs}: the number of runs must be in 1..={MAX_RUNS}"
        )));
    }
    Ok(())
}

/// `flywheel montecarlo`.
pub fn montecarlo(opts: &RunOptions, runs: usize, output: &Output) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    check_runs(runs)?;
    let s = prepare(opts)?;
    let pb = bar(runs, "runs");
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
        "{}: {} stochastic runs of {} {}s (seeds {}..={})",
        s.name,
        mc.runs,
        s.config.periods,
        s.period_label,
        s.config.seed,
        s.config.seed.wrapping_add(mc.runs as u64 - 1)
    )?;
    if mc.band_runs < mc.runs {
        writeln!(
            w,
            "(per-period percentiles from every {}th run: {} runs)",
            mc.runs / mc.band_runs.max(1),
            mc.band_runs
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{:<26}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
        "metric", "mean", "p5", "p25", "p50", "p75", "p95"
    )?;
    for (name, d) in &mc.metrics {
        if d.count == 0 {
            writeln!(w, "{name:<26}{:>10}", "n/a")?;
            continue;
        }
        let cells = [d.mean, d.p5, d.p25, d.p50, d.p75, d.p95].map(|v| {
            if name.contains("period") {
                format!("{v:.0}")
            } else if v.abs() < 10.0 {
                format!("{v:.3}")
            } else {
                compact(v)
            }
        });
        write!(w, "{name:<26}")?;
        for c in cells {
            write!(w, "{c:>10}")?;
        }
        writeln!(w)?;
    }
    writeln!(
        w,
        "\nchance that cash goes below zero: {:.1}%",
        mc.prob_cash_negative * 100.0
    )?;
    writeln!(
        w,
        "\ncustomers by {} (percentiles over runs)",
        s.period_label
    )?;
    writeln!(
        w,
        "{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}",
        s.period_label, "p5", "p25", "p50", "p75", "p95"
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
            write!(w, "{:>10}", compact(*v))?;
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

/// `flywheel sweep`.
pub fn sweep_cmd(
    opts: &RunOptions,
    params: &[String],
    metrics: &str,
    output: &Output,
) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    if params.is_empty() || params.len() > 2 {
        return Err(Failure::Invalid(format!(
            "a sweep takes one or two --param (got {}); for example --param feedback.latency=0..52:4",
            params.len()
        )));
    }
    let axes: Vec<Axis> = params
        .iter()
        .map(|p| sweep::parse_axis(p))
        .collect::<Result<_, _>>()
        .map_err(Failure::Invalid)?;
    if axes.len() == 2 && axes[0].spec.id == axes[1].spec.id {
        return Err(Failure::Invalid(
            "the two --param name the same parameter".into(),
        ));
    }
    let metrics = sweep::parse_metrics(metrics).map_err(Failure::Invalid)?;
    let s = prepare(opts)?;
    let total: usize = axes.iter().map(|a| a.values.len()).product();
    let pb = bar(total, "runs");
    let cells = sweep::run(&s.config, &axes, &metrics, &|n| pb.set_position(n as u64));
    pb.finish_and_clear();
    let cells = cells.map_err(|e| {
        if crate::interrupt::requested() {
            Failure::Interrupted
        } else {
            Failure::Invalid(e)
        }
    })?;
    let color =
        out.is_none() && io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    emit(out, force, |w| match format {
        Format::Csv => sweep_csv(&axes, &metrics, &cells, w),
        Format::Json => {
            let rows: Vec<Value> = cells
                .iter()
                .map(|c| {
                    let mut m = Map::new();
                    for (a, v) in axes.iter().zip(&c.at) {
                        m.insert(a.spec.key.into(), json!(v));
                    }
                    for (metric, v) in metrics.iter().zip(&c.values) {
                        m.insert(metric.name.into(), json!(v));
                    }
                    Value::Object(m)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *w, &json!({"scenario": s.name, "cells": rows}))?;
            writeln!(w)
        }
        Format::Table if axes.len() == 1 => sweep_csv_like_table(&axes[0], &metrics, &cells, w),
        Format::Table => {
            for (i, m) in metrics.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                heat_map(&s, &axes, m, i, &cells, color, w)?;
            }
            Ok(())
        }
    })
}

fn sweep_csv(
    axes: &[Axis],
    metrics: &[&Metric],
    cells: &[Cell],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let header: Vec<&str> = axes
        .iter()
        .map(|a| a.spec.key)
        .chain(metrics.iter().map(|m| m.name))
        .collect();
    out.write_record(&header)?;
    for c in cells {
        let rec: Vec<String> =
            c.at.iter()
                .map(|v| report::csv::format_value(*v))
                .chain(
                    c.values
                        .iter()
                        .map(|v| v.map_or(String::new(), report::csv::format_value)),
                )
                .collect();
        out.write_record(&rec)?;
    }
    out.flush()?;
    Ok(())
}

fn sweep_csv_like_table(
    axis: &Axis,
    metrics: &[&Metric],
    cells: &[Cell],
    w: &mut dyn Write,
) -> io::Result<()> {
    write!(w, "{:>24}", axis.spec.key)?;
    for m in metrics {
        write!(w, "{:>18}", m.name)?;
    }
    writeln!(w)?;
    for c in cells {
        write!(w, "{:>24}", fmt_num(c.at[0]))?;
        for v in &c.values {
            write!(w, "{:>18}", v.map_or("n/a".into(), compact))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// A colour scale from dark blue (low) to yellow (high), as 256-colour codes.
const SCALE: [u8; 10] = [17, 18, 25, 31, 37, 71, 107, 143, 179, 220];

fn heat_map(
    s: &Scenario,
    axes: &[Axis],
    metric: &Metric,
    index: usize,
    cells: &[Cell],
    color: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let values: Vec<f64> = cells.iter().filter_map(|c| c.values[index]).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    writeln!(
        w,
        "{}: {} by {} (rows) and {} (columns)",
        s.name, metric.label, axes[0].spec.key, axes[1].spec.key
    )?;
    let width = 8;
    write!(w, "{:>14}", "")?;
    for v in &axes[1].values {
        write!(w, "{:>width$}", fmt_num(*v))?;
    }
    writeln!(w)?;
    let cols = axes[1].values.len();
    for (r, row_value) in axes[0].values.iter().enumerate() {
        write!(w, "{:>14}", fmt_num(*row_value))?;
        for c in 0..cols {
            let cell = &cells[r * cols + c];
            let text = cell.values[index].map_or("n/a".to_string(), compact);
            match (color, cell.values[index]) {
                (true, Some(v)) => {
                    let k = if hi > lo {
                        ((v - lo) / (hi - lo) * 9.0).round() as usize
                    } else {
                        5
                    };
                    let bg = SCALE[k.min(9)];
                    let fg = if k >= 6 { 16 } else { 231 };
                    write!(w, "\x1b[48;5;{bg}m\x1b[38;5;{fg}m{text:>width$}\x1b[0m")?;
                }
                _ => write!(w, "{text:>width$}")?,
            }
        }
        writeln!(w)?;
    }
    if values.is_empty() {
        return writeln!(w, "no valid combination");
    }
    write!(w, "{:>14}", "scale")?;
    if color {
        write!(w, "{:>8} ", compact(lo))?;
        for bg in SCALE {
            write!(w, "\x1b[48;5;{bg}m  \x1b[0m")?;
        }
        writeln!(w, " {}", compact(hi))?;
    } else {
        writeln!(w, " low {}  high {}", compact(lo), compact(hi))?;
    }
    Ok(())
}

/// Parses a delta written as `20%` or `0.2`.
pub fn parse_delta(text: &str) -> Result<f64, Failure> {
    let t = text.trim();
    let v = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|x| x / 100.0),
        None => t.parse::<f64>(),
    };
    match v {
        Ok(d) if d > 0.0 && d <= 1.0 => Ok(d),
        _ => Err(Failure::Invalid(format!(
            "--delta {text}: write a share above 0 and at most 100%, such as 20% or 0.2"
        ))),
    }
}

/// `flywheel sensitivity`.
pub fn sensitivity_cmd(
    opts: &RunOptions,
    metric_name: &str,
    delta: &str,
    output: &Output,
) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    let m = sweep::parse_metrics(metric_name).map_err(Failure::Invalid)?;
    let [m] = m.as_slice() else {
        return Err(Failure::Invalid("sensitivity takes one --metric".into()));
    };
    let delta = parse_delta(delta)?;
    let s = prepare(opts)?;
    let pb = bar(crate::model::PARAM_COUNT, "parameters");
    let tornado = sensitivity::run(&s.config, m, delta, &|n| pb.set_position(n as u64));
    pb.finish_and_clear();
    emit(out, force, |w| match format {
        Format::Table => tornado_table(&s, m, delta, &tornado, w),
        Format::Csv => {
            let mut out = csv::Writer::from_writer(w);
            out.write_record([
                "rank",
                "parameter",
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
                .map(|e| json!({"parameter": e.spec.key, "base_value": e.base_value, "low_value": e.low_value, "high_value": e.high_value, "metric_low": e.low, "metric_high": e.high, "swing": e.swing()}))
                .collect();
            let doc = json!({"scenario": s.name, "metric": m.name, "delta": delta, "base": tornado.base, "effects": effects});
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        }
    })
}

fn tornado_table(
    s: &Scenario,
    m: &Metric,
    delta: f64,
    t: &Tornado,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        w,
        "{}: what moves {} most (each parameter moved down and up by {:.0}%; base {})",
        s.name,
        m.name,
        delta * 100.0,
        compact(t.base)
    )?;
    writeln!(w, "▒ parameter moved down   █ parameter moved up\n")?;
    for (i, (key, bar, range)) in sensitivity::tornado_lines(t, t.effects.len(), 20)
        .into_iter()
        .enumerate()
    {
        writeln!(w, "{:>3}. {key:<28} {bar}  {range}", i + 1)?;
    }
    Ok(())
}

/// `flywheel plot`.
pub fn plot_cmd(
    opts: &RunOptions,
    baseline: Option<&str>,
    bands: bool,
    runs: usize,
    out: &Path,
    force: bool,
) -> Result<(), Failure> {
    check_runs(runs)?;
    let s = prepare(opts)?;
    let series = simulate(&s.config);
    let base = match baseline {
        Some(b) => {
            let mut bs = scenario::resolve(b)?;
            bs.config.periods = s.config.periods;
            Some((bs.name.clone(), simulate(&bs.config)))
        }
        None => None,
    };
    let mc = if bands {
        let pb = bar(runs, "runs");
        let mc = montecarlo::run(&s.config, runs, &|n| pb.set_position(n as u64));
        pb.finish_and_clear();
        Some(mc.map_err(|_| Failure::Interrupted)?)
    } else {
        None
    };
    let input = PlotInput {
        scenario: &s,
        series: &series,
        baseline: base.as_ref().map(|(n, b)| (n.as_str(), b)),
        bands: mc.as_ref(),
    };
    let mode = if force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    plot::write(out, &input, mode).map_err(Failure::Invalid)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
