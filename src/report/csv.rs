//! The CSV writer: MODEL.md's columns, in order, one row per period, full precision.

use std::io::{self, Write};

use crate::model::{COLUMNS, Series};

/// Writes the run as CSV with the contract's header.
pub fn write(series: &Series, out: &mut dyn Write) -> io::Result<()> {
    write_dated(series, None, out)
}

/// Writes the run as CSV with the contract's header and, with a calendar,
/// a `date` column after `period` (the date each period begins).
pub fn write_dated(
    series: &Series,
    calendar: Option<&crate::scenario::calendar::Calendar>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let mut header: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
    if calendar.is_some() {
        header.insert(1, "date");
    }
    w.write_record(&header)?;
    let mut record = Vec::with_capacity(header.len());
    for row in &series.rows {
        record.clear();
        record.extend(COLUMNS.iter().map(|c| format_value((c.get)(row))));
        if let Some(c) = calendar {
            record.insert(1, c.label(row.period));
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// A value at full precision: the shortest text that reads back to the same f64.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
