//! `flywheel montecarlo --vary/--from-fit`: uncertain parameters drawn, the
//! spread of the results, what drives them, and one policy against another.

use std::path::Path;

use serde_json::json;

use super::output::{check_runs, emit};
use super::progress::bar;
use super::{Failure, Format, Output, RunOptions};
use crate::analysis::uncertainty::{self, FromFit, Shape};
use crate::i18n::{tr, trf};
use crate::report::uncertain::write_table;
use crate::scenario::{self};

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
    today: &super::today::Today,
    output: &Output,
) -> Result<(), Failure> {
    check_runs(runs)?;
    let (s, placed) = super::today::prepare(opts, today)?;
    super::today::tell(placed.as_ref(), &s);
    let metric = crate::model::metric(ask.metric.trim()).ok_or_else(|| {
        Failure::Invalid(format!(
            "--metric: {}",
            crate::scenario::lesson::unknown_metric(ask.metric.trim())
        ))
    })?;
    let mut given = FromFit::default();
    if let Some(path) = ask.from_fit {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Invalid(trf("{}: cannot read the fit: {}", &[&name, &e])))?;
        given = uncertainty::from_fit(&name, &text).map_err(|e| Failure::Invalid(e.to_string()))?;
    }
    for v in ask.vary {
        let weeks = crate::scenario::period::weeks(&s.period_label);
        let u = uncertainty::parse_vary_in(v, &s.config.params, weeks)
            .map_err(|e| Failure::Invalid(e.to_string()))?;
        // A --vary of a refitted parameter replaces it in every refit.
        if let Some(k) = given.draws.vary.iter().position(|w| w.spec.id == u.spec.id) {
            let j = given.draws.vary[..k]
                .iter()
                .filter(|w| w.shape == Shape::Refits)
                .count();
            if given.draws.vary[k].shape == Shape::Refits {
                for row in &mut given.draws.rows {
                    row.remove(j);
                }
            }
            given.draws.vary.remove(k);
        }
        given.draws.vary.push(u);
    }
    let vary = given.draws.vary.clone();
    let versus = match ask.versus {
        Some(v) => {
            let other = scenario::resolve(v)?;
            Some(match &placed {
                Some(p) => p.onto(other),
                None => other,
            })
        }
        None => None,
    };
    let pb = bar(runs, tr("draws"));
    let seed = s.config.seed;
    let result = uncertainty::run(
        &s.config,
        versus.as_ref().map(|v| &v.config),
        &given.draws,
        runs,
        seed,
        metric,
        &|n| pb.set_position(n as u64),
    );
    pb.finish_and_clear();
    let u = result.map_err(|_| Failure::Interrupted)?;
    // The answer under the fit's own values and under each explanation the
    // history allows as well.
    let answers = match &versus {
        Some(v) if !given.alternatives.is_empty() => {
            // The fit's own explanation names the values it held, too.
            let mut fitted: Vec<_> = vary.iter().map(|v| (v.spec, v.mode)).collect();
            for alt in &given.alternatives {
                if let Some(&(held, _)) = alt.first()
                    && fitted.iter().all(|(k, _)| k.id != held.id)
                {
                    fitted.insert(0, (held, s.config.params[held.id]));
                }
            }
            uncertainty::answers(&s.config, &v.config, &fitted, &given.alternatives, metric)
        }
        _ => Vec::new(),
    };
    emit(output.out.as_deref(), output.force, |w| {
        match output.format {
            Format::Json => {
                let doc = json!({
                    "scenario": s.name,
                    "runs": u.draws.len(),
                    "skipped": u.skipped,
                    "seed": seed,
                    "vary": vary.iter().map(|v| json!({"key": v.spec.key, "low": v.lo, "high": v.hi, "mode": v.mode,
                        "shape": match v.shape { Shape::Triangular => "triangular", Shape::Uniform => "uniform", Shape::Refits => "refits" }})).collect::<Vec<_>>(),
                    "metrics": u.metrics.iter().map(|(n, d)| (n.to_string(), json!(d))).collect::<serde_json::Map<_, _>>(),
                    "sensitivity": {"metric": u.metric.name, "rank_correlation": vary.iter().zip(&u.sensitivity).map(|(v, r)| (v.spec.key.to_string(), json!(r))).collect::<serde_json::Map<_, _>>()},
                    "versus": versus.as_ref().map(|v| {
                        let interval = u.first_better_interval();
                        json!({
                            "scenario": v.name,
                            "first_better": u.first_better,
                            "first_better_low": interval.map(|i| i.0),
                            "first_better_high": interval.map(|i| i.1),
                            "draws": u.compared,
                            "cannot_tell": uncertainty::cannot_tell(&answers),
                            "explanations": answers.iter().map(|a| json!({
                                "set": a.set.iter().map(|(k, v)| (k.key.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                                "first": a.first,
                                "second": a.second,
                            })).collect::<Vec<_>>(),
                        })
                    }),
                });
                serde_json::to_writer_pretty(&mut *w, &doc)?;
                writeln!(w)
            }
            _ => write_table(&s, versus.as_ref(), &vary, &u, &answers, w),
        }
    })
}
