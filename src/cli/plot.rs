//! `flywheel plot`: the four charts as a picture for slides.

use std::path::Path;

use super::output::check_runs;
use super::progress::bar;
use super::{Failure, RunOptions, prepare};
use crate::analysis::montecarlo::{self};
use crate::model::simulate;
use crate::plot::{self, PlotInput};
use crate::safe_write::Overwrite;
use crate::scenario::{self};

/// `flywheel plot`.
pub fn plot_cmd(
    opts: &RunOptions,
    baseline: Option<&str>,
    bands: bool,
    runs: usize,
    out: &Path,
    force: bool,
    data: Option<&Path>,
) -> Result<(), Failure> {
    check_runs(runs)?;
    let s = prepare(opts)?;
    let series = simulate(&s.config);
    let history = match data {
        Some(p) => Some(super::fit::read_history(p)?),
        None => None,
    };
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
        actuals: history.as_ref(),
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
