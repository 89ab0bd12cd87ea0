//! `flywheel montecarlo --vary`'s writer: the uncertain outcome as a table.

use crate::analysis::uncertainty::{Answer, Shape, Uncertain, Uncertainty, cannot_tell};
use crate::i18n::{tr, trf};
use crate::model::fmt_num;
use crate::report::table::{in_sentence, write_distributions};
use crate::scenario::Scenario;
use std::io::{self, Write};

/// The draws as a table: the uncertain parameters, each metric's percentiles,
/// what drives the objective (rank correlation), and a `--versus` verdict.
pub fn write_table(
    s: &Scenario,
    versus: Option<&Scenario>,
    vary: &[Uncertain],
    u: &Uncertainty,
    answers: &[Answer],
    w: &mut dyn Write,
) -> io::Result<()> {
    let m = u.metric;
    writeln!(
        w,
        "{}",
        trf(
            "{}: {} draws of {} uncertain parameters{}",
            &[
                &s.name,
                &u.draws.len(),
                &vary.len(),
                &if u.skipped > 0 {
                    trf(
                        " ({} skipped: they broke a rule of the model)",
                        &[&u.skipped],
                    )
                } else {
                    String::new()
                },
            ],
        )
    )?;
    for v in vary {
        let shape = match v.shape {
            Shape::Uniform => tr("uniform").to_string(),
            Shape::Triangular => trf("triangular, most likely {}", &[&fmt_num(v.mode)]),
            Shape::Refits => trf(
                "the fit's refits, drawn together; fitted {}",
                &[&fmt_num(v.mode)],
            ),
        };
        writeln!(
            w,
            "  {:<28} {} ({shape})",
            v.spec.key,
            trf("{}–{}", &[&fmt_num(v.lo), &fmt_num(v.hi)])
        )?;
    }
    writeln!(w)?;
    write_distributions(&u.metrics, false, w)?;
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        trf(
            "what drives {} (Spearman rank correlation over the draws):",
            &[&in_sentence(tr(m.label))],
        )
    )?;
    let mut order: Vec<usize> = (0..vary.len()).collect();
    order.sort_by(|a, b| u.sensitivity[*b].abs().total_cmp(&u.sensitivity[*a].abs()));
    for k in order {
        writeln!(w, "  {:<28} {:+.2}", vary[k].spec.key, u.sensitivity[k])?;
    }
    if let (Some(v), Some(p)) = (versus, u.first_better) {
        writeln!(w)?;
        if cannot_tell(answers) {
            writeln!(
                w,
                "{}",
                trf(
                    "{} against {}: the history cannot tell which is better (by {}). Explanations of the history about as good as the fit disagree:",
                    &[&s.name, &v.name, &in_sentence(tr(m.label))],
                )
            )?;
            for (i, a) in answers.iter().enumerate() {
                let set: Vec<String> = a
                    .set
                    .iter()
                    .map(|(k, x)| format!("{} {}", k.key, fmt_num(crate::format::round_sig(*x))))
                    .collect();
                let verdict = match (a.first, a.second) {
                    (Some(x), Some(y)) => trf(
                        "{} better by {}",
                        &[
                            if x > y { &s.name } else { &v.name },
                            &crate::format::metric_value(u.metric.name, (x - y).abs()),
                        ],
                    ),
                    _ => tr("undefined").to_string(),
                };
                let line = if i == 0 {
                    trf("as fitted ({}): {}", &[&set.join(", "), &verdict])
                } else {
                    trf("with {}: {}", &[&set.join(", "), &verdict])
                };
                writeln!(w, "  {line}")?;
            }
            writeln!(
                w,
                "{}",
                trf(
                    "  the answer depends on which is true; over the draws of the fit's own explanation: {} better in {}%",
                    &[
                        if p >= 0.5 { &s.name } else { &v.name },
                        &format!("{:.0}", 100.0 * p.max(1.0 - p)),
                    ],
                )
            )?;
            return Ok(());
        }
        writeln!(
            w,
            "{}",
            trf(
                "{} against {}: {} better in {}% of draws (by {})",
                &[
                    &s.name,
                    &v.name,
                    if p >= 0.5 { &s.name } else { &v.name },
                    &format!("{:.0}", 100.0 * p.max(1.0 - p)),
                    &in_sentence(tr(m.label)),
                ],
            )
        )?;
        // The interval of the winner's share.
        let winner = u.first_better_interval().map(|(lo, hi)| {
            if p >= 0.5 {
                (lo, hi)
            } else {
                (1.0 - hi, 1.0 - lo)
            }
        });
        if let Some((lo, hi)) = winner {
            writeln!(
                w,
                "{}",
                trf(
                    "  90% interval {}% to {}% over {} draws: the error of counting draws, not what the history cannot tell",
                    &[&percent(lo), &percent(hi), &u.compared],
                )
            )?;
        }
    }
    Ok(())
}

/// A share in whole percent, with a decimal where rounding would make it
/// look certain (99.7%, not 100%).
fn percent(x: f64) -> String {
    let whole = format!("{:.0}", 100.0 * x);
    if (whole == "100" && x < 1.0) || (whole == "0" && x > 0.0) {
        format!("{:.1}", 100.0 * x)
    } else {
        whole
    }
}
