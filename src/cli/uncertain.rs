//! `flywheel montecarlo --vary/--from-fit`: uncertain parameters drawn, the
//! spread of the results, what drives them, and one policy against another.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::output::{check_runs, emit, pad_end, pad_start};
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::uncertainty::{self, Shape, Uncertain, Uncertainty};
use crate::format::metric_value;
use crate::i18n::{tr, trf};
use crate::model::fmt_num;
use crate::scenario::{self, Scenario};

/// What to draw and compare.
pub struct Ask<'a> {
    /// `--vary` texts.
    pub vary: &'a [String],
    /// `--from-fit` file.
    pub from_fit: Option<&'a Path>,
    /// `--versus` scenario.
    pub versus: Option<&'a str>,
    /// `--metric`.
    pub metric: &'a str,
}

/// Runs the draws and writes the report.
pub fn uncertain_cmd(
    opts: &RunOptions,
    runs: usize,
    ask: &Ask<'_>,
    output: &Output,
) -> Result<(), Failure> {
    check_runs(runs)?;
    let s = prepare(opts)?;
    let metric = crate::model::metric(ask.metric.trim()).ok_or_else(|| {
        Failure::Invalid(format!(
            "--metric: {}",
            crate::scenario::lesson::unknown_metric(ask.metric.trim())
        ))
    })?;
    let mut vary: Vec<Uncertain> = Vec::new();
    if let Some(path) = ask.from_fit {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Invalid(trf("{}: cannot read the fit: {}", &[&name, &e])))?;
        vary.extend(uncertainty::from_fit(&name, &text).map_err(Failure::Invalid)?);
    }
    for v in ask.vary {
        let u = uncertainty::parse_vary(v, &s.config.params).map_err(Failure::Invalid)?;
        vary.retain(|w| w.spec.id != u.spec.id);
        vary.push(u);
    }
    let versus = match ask.versus {
        Some(v) => Some(scenario::resolve(v)?),
        None => None,
    };
    let pb = bar(runs, tr("draws"));
    let seed = s.config.seed;
    let result = uncertainty::run(
        &s.config,
        versus.as_ref().map(|v| &v.config),
        &vary,
        runs,
        seed,
        metric,
        &|n| pb.set_position(n as u64),
    );
    pb.finish_and_clear();
    let u = result.map_err(|_| Failure::Interrupted)?;
    emit(output.out.as_deref(), output.force, |w| {
        match output.format {
            Format::Json => {
                let doc = json!({
                    "scenario": s.name,
                    "runs": u.draws.len(),
                    "skipped": u.skipped,
                    "seed": seed,
                    "vary": vary.iter().map(|v| json!({"key": v.spec.key, "low": v.lo, "high": v.hi, "mode": v.mode,
                        "shape": if v.shape == Shape::Triangular { "triangular" } else { "uniform" }})).collect::<Vec<_>>(),
                    "metrics": u.metrics.iter().map(|(n, d)| (n.to_string(), json!(d))).collect::<serde_json::Map<_, _>>(),
                    "sensitivity": {"metric": u.metric.name, "rank_correlation": vary.iter().zip(&u.sensitivity).map(|(v, r)| (v.spec.key.to_string(), json!(r))).collect::<serde_json::Map<_, _>>()},
                    "versus": versus.as_ref().map(|v| json!({"scenario": v.name, "first_better": u.first_better})),
                });
                serde_json::to_writer_pretty(&mut *w, &doc)?;
                writeln!(w)
            }
            _ => write_table(&s, versus.as_ref(), &vary, &u, w),
        }
    })
}

fn write_table(
    s: &Scenario,
    versus: Option<&Scenario>,
    vary: &[Uncertain],
    u: &Uncertainty,
    w: &mut dyn Write,
) -> io::Result<()> {
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
        };
        writeln!(
            w,
            "  {:<28} {}..{} ({shape})",
            v.spec.key,
            fmt_num(v.lo),
            fmt_num(v.hi)
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{}{}{:>10}{:>10}{:>10}{:>10}{:>10}",
        pad_end(tr("metric"), 26),
        pad_start(tr("mean"), 10),
        "p5",
        "p25",
        "p50",
        "p75",
        "p95"
    )?;
    for (name, d) in &u.metrics {
        if d.count == 0 {
            continue;
        }
        write!(w, "{name:<26}")?;
        for v in [d.mean, d.p5, d.p25, d.p50, d.p75, d.p95] {
            write!(w, "{:>10}", metric_value(name, v))?;
        }
        writeln!(w)?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        trf(
            "what drives {} (Spearman rank correlation over the draws):",
            &[&u.metric.name],
        )
    )?;
    let mut order: Vec<usize> = (0..vary.len()).collect();
    order.sort_by(|a, b| u.sensitivity[*b].abs().total_cmp(&u.sensitivity[*a].abs()));
    for k in order {
        writeln!(w, "  {:<28} {:+.2}", vary[k].spec.key, u.sensitivity[k])?;
    }
    if let (Some(v), Some(p)) = (versus, u.first_better) {
        writeln!(w)?;
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
                    &u.metric.name,
                ],
            )
        )?;
    }
    Ok(())
}
