//! `flywheel debrief`: the class debrief of session files, as a table or
//! JSON, and its picture.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Failure, Format};

/// `flywheel debrief`.
pub(super) fn debrief(
    sessions: Vec<PathBuf>,
    format: Format,
    plot: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut loaded = Vec::new();
    let mut bad = Vec::new();
    for path in &sessions {
        match crate::play::session::load(path) {
            Ok(s) => loaded.push((path.display().to_string(), s)),
            Err(d) => bad.push(d.to_string()),
        }
    }
    if !bad.is_empty() {
        return Err(Failure::Invalid(bad.join("\n")));
    }
    if format == Format::Csv {
        return Err(Failure::Invalid(
            crate::i18n::tr("debrief writes --format table or json, not csv").into(),
        ));
    }
    let d = crate::play::debrief::debrief(&loaded)?;
    if let Some(path) = &plot {
        let mode = if force {
            crate::safe_write::Overwrite::Allow
        } else {
            crate::safe_write::Overwrite::Refuse
        };
        let names = crate::report::debrief_plot::has_chinese_names(&d);
        super::plot::write_readable(path, names, || {
            crate::report::debrief_plot::write(path, &d, mode)
        })?;
    }
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &crate::report::debrief::json_value(&d))
                .map_err(io::Error::other)?;
            Ok(writeln!(out)?)
        }
        _ => Ok(crate::report::debrief::write_table(&d, &mut out)?),
    }
}
