//! `flywheel fit`'s writers: the report as a table or JSON (`table`), and
//! the fitted scenario saved as TOML (`fitted`).

use crate::analysis::fit::{self, round_sig};
use crate::analysis::history::History;
use crate::i18n::trf;
use crate::model::fmt_num;
use crate::scenario::Scenario;

mod fitted;
mod table;

pub use fitted::fitted_toml;
pub use table::{to_json, write_table};

/// An optional number with `digits` decimals, `-` without one.
fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".into(), |v| format!("{v:.digits$}"))
}

/// A number rounded for reading.
fn sig(v: f64) -> String {
    fmt_num(round_sig(v))
}

/// What was fitted to which data, in one line.
fn headline(s: &Scenario, h: &History, f: &fit::Fit) -> String {
    let names: Vec<&str> = h.series.iter().map(|s| s.name()).collect();
    trf(
        "{} fitted to {}: {} periods (0..={}), {} series ({}), {} parameters",
        &[
            &s.name,
            &h.source,
            &h.periods.len(),
            &h.last_period(),
            &names.len(),
            &names.join(", "),
            &f.params.len(),
        ],
    )
}
