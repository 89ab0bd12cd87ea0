//! `flywheel sensitivity`'s writer: the tornado as a table.

use crate::analysis::sensitivity::{self, Tornado};
use crate::format::metric_value;
use crate::model::{Metric, fmt_num};
use crate::scenario::Scenario;
use std::io::{self, Write};

/// The tornado as a table: each parameter's effect on the metric when moved down and up, largest first.
pub fn tornado_table(
    s: &Scenario,
    m: &Metric,
    delta: f64,
    t: &Tornado,
    w: &mut dyn Write,
) -> io::Result<()> {
    let moved = if t.effects.len() == crate::model::PARAM_COUNT {
        "each parameter"
    } else {
        "each lever a user decides"
    };
    writeln!(
        w,
        "{}: what moves {} most ({moved} moved down and up by {:.0}%; base {})",
        s.name,
        m.name,
        delta * 100.0,
        metric_value(m.name, t.base)
    )?;
    writeln!(w, "▒ parameter moved down   █ parameter moved up")?;
    if t.effects.len() < crate::model::PARAM_COUNT {
        writeln!(
            w,
            "(--all adds the structural constants: exponents, scales, half-saturations)"
        )?;
    }
    writeln!(w)?;
    for (i, (e, bar)) in sensitivity::tornado_lines(t, t.effects.len(), 20)
        .into_iter()
        .enumerate()
    {
        let range = if e.not_moved() {
            crate::i18n::trf("not moved (at {})", &[&fmt_num(e.base_value)])
        } else {
            format!(
                "{} → {}",
                metric_value(m.name, e.low),
                metric_value(m.name, e.high)
            )
        };
        writeln!(
            w,
            "{:>3}. {} {} {bar}  {range}",
            i + 1,
            crate::format::fit(e.spec.label, 24),
            crate::format::fit(e.spec.key, 28),
        )?;
    }
    Ok(())
}
