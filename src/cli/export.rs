//! `flywheel export`: the scenario as a model file for other tools.

use std::path::Path;

use super::args::{ExportChoice, ExportDelay, ExportFormat, RunOptions};
use super::{Failure, output, prepare};
use crate::i18n::trf;
use crate::report::export;

/// Exports the scenario (with its overrides) as `choice` says, to `out` or stdout.
pub fn export_cmd(
    opts: &RunOptions,
    choice: ExportChoice,
    out: Option<&Path>,
    force: bool,
) -> Result<(), Failure> {
    let s = prepare(opts)?;
    let delay = match choice.delay {
        ExportDelay::Pipeline => export::Delay::Pipeline,
        ExportDelay::Builtin => export::Delay::Builtin,
    };
    let text = match choice.format {
        ExportFormat::Xmile => export::to_xmile_with(&s, delay).map_err(|e| {
            Failure::Invalid(trf("{}: cannot export as XMILE: {}", &[&opts.scenario, &e]))
        })?,
    };
    output::emit(out, force, |w| w.write_all(text.as_bytes()))
}
