//! `flywheel montecarlo`: percentiles per period and the spread of every metric.

use super::output::{check_runs, emit};
use super::progress::bar;
use super::today::Today;
use super::{Failure, Format, Output, RunOptions};
use crate::analysis::montecarlo::{self};
use crate::i18n::tr;
use crate::report::montecarlo::{montecarlo_csv, montecarlo_json, montecarlo_table};

/// `flywheel montecarlo`.
pub fn montecarlo(
    opts: &RunOptions,
    runs: usize,
    today: &Today,
    output: &Output,
) -> Result<(), Failure> {
    let (format, out, force) = (output.format, output.out.as_deref(), output.force);
    check_runs(runs)?;
    let (s, placed) = super::today::prepare(opts, today)?;
    super::today::tell(placed.as_ref(), &s);
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

/// `flywheel montecarlo`: the run's bands, or (with `--vary` or
/// `--from-fit`) the spread of uncertain parameters, and policies compared under it.
pub(super) fn command(
    opts: &super::RunOptions,
    runs: usize,
    ask: &super::uncertain::Ask<'_>,
    today: &Today,
    output: &super::Output,
) -> Result<(), super::Failure> {
    if ask.vary.is_empty() && ask.from_fit.is_none() {
        if ask.versus.is_some() {
            return Err(super::Failure::Invalid(
                "--versus compares policies under uncertain parameters; add --vary or --from-fit"
                    .into(),
            ));
        }
        montecarlo(opts, runs, today, output)
    } else {
        super::uncertain::uncertain_cmd(opts, runs, ask, today, output)
    }
}
