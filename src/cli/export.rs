//! `flywheel export`: the scenario as a model file for other tools.

use std::path::Path;

use super::args::{ExportFormat, RunOptions};
use super::{Failure, output, prepare};
use crate::export;
use crate::i18n::trf;

/// Exports the scenario (with its overrides) in `format`, to `out` or stdout.
pub fn export_cmd(
    opts: &RunOptions,
    format: ExportFormat,
    out: Option<&Path>,
    force: bool,
) -> Result<(), Failure> {
    let s = prepare(opts)?;
    let text = match format {
        ExportFormat::Xmile => export::to_xmile(&s).map_err(|e| {
            Failure::Invalid(trf("{}: cannot export as XMILE: {}", &[&opts.scenario, &e]))
        })?,
    };
    output::emit(out, force, |w| w.write_all(text.as_bytes()))
}
