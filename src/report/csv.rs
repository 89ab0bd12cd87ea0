//! The CSV writer: MODEL.md's columns, in order, one row per period, full precision.

use std::io::{self, Write};

use crate::model::{COLUMNS, Series};

/// Writes the run as CSV with the contract's header.
pub fn write(series: &Series, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS.iter().map(|c| c.name))?;
    let mut record = Vec::with_capacity(COLUMNS.len());
    for row in &series.rows {
        record.clear();
        record.extend(COLUMNS.iter().map(|c| format_value((c.get)(row))));
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
