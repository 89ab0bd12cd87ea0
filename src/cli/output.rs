//! Where a command's result goes: standard output, or a file written
//! atomically and never overwritten without `--force`.

use std::io::{self, Write};
use std::path::Path;

use super::Failure;
use crate::analysis::montecarlo::MAX_RUNS;
use crate::safe_write::{Overwrite, write_atomic_with};

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
                Failure::Invalid(crate::i18n::trf(
                    "{}: cannot write: {}{}",
                    &[&path.display(), &e, &hint],
                ))
            })
        }
    }
}

/// Refuses a run count outside 1..=MAX_RUNS.
pub fn check_runs(runs: usize) -> Result<(), Failure> {
    if runs == 0 || runs > MAX_RUNS {
        return Err(Failure::Invalid(crate::i18n::trf(
            "--runs {}: the number of runs must be in 1–{}",
            &[&runs, &MAX_RUNS],
        )));
    }
    Ok(())
}
