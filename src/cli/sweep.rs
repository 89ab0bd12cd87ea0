//! `flywheel sweep`: one parameter as a table, two as a heat map.

use std::io::{self, IsTerminal, Write};

use serde_json::{Map, Value, json};

use super::output::emit;
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::sweep::{self, Axis, Cell};
use crate::format::metric_value;
use crate::model::{Metric, fmt_num};
use crate::report;
use crate::scenario::Scenario;

/// `flywheel sweep`.
pub fn sweep_cmd(
    opts: &RunOptions,
    params: &[String],
    metrics: &str,
    output: &Output,
) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    if params.is_empty() || params.len() > 2 {
        return Err(Failure::Invalid(crate::i18n::trf(
            "a sweep takes one or two --param (got {}); for example --param feedback.latency=0..52:4",
            &[&params.len()],
        )));
    }
    let axes: Vec<Axis> = params
        .iter()
        .map(|p| sweep::parse_axis(p))
        .collect::<Result<_, _>>()
        .map_err(Failure::Invalid)?;
    if axes.len() == 2 && axes[0].spec.id == axes[1].spec.id {
        return Err(Failure::Invalid(
            crate::i18n::tr("the two --param name the same parameter").into(),
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
        for (m, v) in metrics.iter().zip(&c.values) {
            let text = v.map_or("n/a".into(), |v| metric_value(m.name, v));
            write!(w, "{text:>18}")?;
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
            let text =
                cell.values[index].map_or("n/a".to_string(), |v| metric_value(metric.name, v));
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
        write!(w, "{:>8} ", metric_value(metric.name, lo))?;
        for bg in SCALE {
            write!(w, "\x1b[48;5;{bg}m  \x1b[0m")?;
        }
        writeln!(w, " {}", metric_value(metric.name, hi))?;
    } else {
        writeln!(
            w,
            " low {}  high {}",
            metric_value(metric.name, lo),
            metric_value(metric.name, hi)
        )?;
    }
    Ok(())
}
