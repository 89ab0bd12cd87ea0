//! `flywheel sweep`: one parameter as a table, two as a heat map.

use std::io::{self, IsTerminal};

use serde_json::{Map, Value, json};

use super::output::emit;
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::sweep::{self, Axis};
use crate::report::sweep::{heat_map, sweep_csv, sweep_csv_like_table};

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
    let s = prepare(opts)?;
    let weeks = crate::scenario::period::weeks(&s.period_label);
    let axes: Vec<Axis> = params
        .iter()
        .map(|p| sweep::parse_axis_in(p, weeks))
        .collect::<Result<_, _>>()
        .map_err(|e| Failure::Invalid(e.to_string()))?;
    if axes.len() == 2 && axes[0].spec.id == axes[1].spec.id {
        return Err(Failure::Invalid(
            crate::i18n::tr("the two --param name the same parameter").into(),
        ));
    }
    let metrics = sweep::parse_metrics(metrics).map_err(|e| Failure::Invalid(e.to_string()))?;
    let total: usize = axes.iter().map(|a| a.values.len()).product();
    let pb = bar(total, crate::i18n::tr("runs"));
    let cells = sweep::run(&s.config, &axes, &metrics, &|n| pb.set_position(n as u64));
    pb.finish_and_clear();
    let cells = cells.map_err(|e| {
        if crate::interrupt::requested() {
            Failure::Interrupted
        } else {
            Failure::Invalid(e.to_string())
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
