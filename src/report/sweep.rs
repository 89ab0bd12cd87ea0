//! `flywheel sweep`'s writers: CSV, and the heat map of a two-parameter grid.

use crate::analysis::sweep::{Axis, Cell};
use crate::format::{metric_value, truncate};
use crate::i18n::{tr, trf};
use crate::model::{Metric, fmt_num};
use crate::report;
use crate::report::table::pad_start;
use crate::scenario::Scenario;
use std::io::{self, Write};

/// A colour scale from dark blue (low) to yellow (high), as 256-colour codes.
const SCALE: [u8; 10] = [17, 18, 25, 31, 37, 71, 107, 143, 179, 220];

/// The sweep as CSV: a row per cell, a column per parameter and metric.
pub fn sweep_csv(
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

/// A one-parameter sweep as a table: a row per value, a column per metric.
pub fn sweep_csv_like_table(
    axis: &Axis,
    metrics: &[&Metric],
    cells: &[Cell],
    w: &mut dyn Write,
) -> io::Result<()> {
    write!(w, "{:>24}", axis.spec.key)?;
    for m in metrics {
        write!(w, "{}", pad_start(&truncate(tr(m.label), 17), 18))?;
    }
    writeln!(w)?;
    for c in cells {
        write!(w, "{:>24}", fmt_num(c.at[0]))?;
        for (m, v) in metrics.iter().zip(&c.values) {
            let text = v.map_or(tr("n/a").into(), |v| metric_value(m.name, v));
            write!(w, "{}", pad_start(&text, 18))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// A two-parameter grid as a heat map of one metric (coloured when `color`).
pub fn heat_map(
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
    let m = metric;
    writeln!(
        w,
        "{}",
        trf(
            "{}: {} by {} (rows) and {} (columns)",
            &[&s.name, &tr(m.label), &axes[0].spec.key, &axes[1].spec.key],
        )
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
                cell.values[index].map_or(tr("n/a").to_string(), |v| metric_value(metric.name, v));
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
                _ => write!(w, "{}", pad_start(&text, width))?,
            }
        }
        writeln!(w)?;
    }
    if values.is_empty() {
        return writeln!(w, "{}", tr("no valid combination"));
    }
    write!(w, "{}", pad_start(tr("scale"), 14))?;
    if color {
        write!(w, "{:>8} ", metric_value(metric.name, lo))?;
        for bg in SCALE {
            write!(w, "\x1b[48;5;{bg}m  \x1b[0m")?;
        }
        writeln!(w, " {}", metric_value(metric.name, hi))?;
    } else {
        writeln!(
            w,
            " {}",
            trf(
                "low {}  high {}",
                &[
                    &metric_value(metric.name, lo),
                    &metric_value(metric.name, hi)
                ],
            )
        )?;
    }
    Ok(())
}
