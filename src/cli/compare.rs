//! `flywheel compare`: scenarios side by side as a table, CSV or Markdown.

use std::io;

use super::Failure;
use crate::analysis::compare::compare;
use crate::i18n::tr;
use crate::report::compare::{write_csv, write_grid};
use crate::scenario;

/// The formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// Aligned columns.
    Table,
    /// Plain values, for a spreadsheet.
    Csv,
    /// A Markdown table, for a deck or a document.
    Markdown,
}

/// `flywheel compare`.
pub fn compare_cmd(
    files: &[String],
    format: CompareFormat,
    today: &super::today::Today,
) -> Result<(), Failure> {
    if files.len() < 2 {
        return Err(Failure::Invalid(
            tr("compare needs at least two scenarios, such as `flywheel compare balanced silo`")
                .into(),
        ));
    }
    let mut loaded = Vec::new();
    let mut bad = Vec::new();
    for f in files {
        match scenario::resolve(f) {
            Ok(s) => loaded.push(s),
            Err(d) => bad.push(d.to_string()),
        }
    }
    if !bad.is_empty() {
        return Err(Failure::Invalid(bad.join("\n")));
    }
    if today.asked() {
        let history = today.history(&loaded[0])?;
        if let Some((past, note)) = today.place(&loaded[0], history.as_ref())? {
            let placed = super::today::Placed {
                past: past.config,
                note,
            };
            super::today::tell(Some(&placed), &loaded[0]);
            loaded = loaded.into_iter().map(|s| placed.onto(s)).collect();
        }
    }
    let c = compare(&loaded);
    let mut out = io::stdout().lock();
    match format {
        CompareFormat::Csv => write_csv(&c, &mut out)?,
        CompareFormat::Table | CompareFormat::Markdown => {
            write_grid(&c, format == CompareFormat::Markdown, &mut out)?
        }
    }
    Ok(())
}
