//! `flywheel sensitivity`'s writer: the tornado as a table.

use crate::analysis::sensitivity::{self, Tornado};
use crate::format::metric_value;
use crate::i18n::{tr, trf};
use crate::model::{Metric, fmt_num};
use crate::report::table::in_sentence;
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
        tr("each parameter")
    } else {
        tr("each lever a user decides")
    };
    writeln!(
        w,
        "{}",
        trf(
            "{}: what moves {} most ({} moved down and up by {}%; base {})",
            &[
                &s.name,
                &in_sentence(tr(m.label)),
                &moved,
                &format!("{:.0}", delta * 100.0),
                &metric_value(m.name, t.base),
            ],
        )
    )?;
    writeln!(
        w,
        "▒ {}   █ {}",
        tr("parameter moved down"),
        tr("parameter moved up")
    )?;
    if t.effects.len() < crate::model::PARAM_COUNT {
        writeln!(
            w,
            "{}",
            tr("(--all adds the structural constants: exponents, scales, half-saturations)")
        )?;
    }
    writeln!(w)?;
    for (i, (e, bar)) in sensitivity::tornado_lines(t, t.effects.len(), 20)
        .into_iter()
        .enumerate()
    {
        let spec = e.spec;
        let range = if e.not_moved() {
            trf("not moved (at {})", &[&fmt_num(e.base_value)])
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
            crate::format::fit(tr(spec.label), 24),
            crate::format::fit(spec.key, 28),
        )?;
    }
    Ok(())
}
