//! `flywheel run` and `flywheel replay`: one run, as a table, CSV or JSON.

use std::path::PathBuf;

use super::today::Today;
use super::{Failure, Format, Output, RunOptions, output};
use crate::model::{simulate, summarize};
use crate::report;

/// `flywheel run`.
pub(super) fn run(opts: RunOptions, today: Today, output: Output) -> Result<(), Failure> {
    let (s, placed) = super::today::prepare(&opts, &today)?;
    super::today::tell(placed.as_ref(), &s);
    let series = simulate(&s.config);
    let summary = summarize(&series);
    output::emit(output.out.as_deref(), output.force, |w| {
        match output.format {
            Format::Table => report::table::write(&s, &series, &summary, w),
            Format::Csv => report::csv::write_dated(&series, s.calendar().as_ref(), w),
            Format::Json => report::json::write(&s, &series, &summary, w),
        }
    })
}

/// `flywheel replay`.
pub(super) fn replay(
    session: PathBuf,
    format: Format,
    out: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let name = session.display().to_string();
    let sess = crate::play::session::load(&session)?;
    let (s, cfg) = sess.config(&name)?;
    let series = simulate(&cfg);
    let summary = summarize(&series);
    output::emit(out.as_deref(), force, |w| match format {
        Format::Table => report::table::write(&s, &series, &summary, w),
        Format::Csv => report::csv::write_dated(&series, s.calendar().as_ref(), w),
        Format::Json => report::json::write(&s, &series, &summary, w),
    })
}
