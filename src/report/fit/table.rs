//! The report of `flywheel fit`: a readable table (the fitted values and
//! their intervals, each series' goodness of fit, the warnings) or JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{headline, opt, sig};
use crate::analysis::fit::{self, INTERVAL_METHOD};
use crate::analysis::goodness::Goodness;
use crate::analysis::history::History;
use crate::i18n::{Lang, tr, trf, with_lang};
use crate::model::fmt_num;
use crate::report::table::aligned;
use crate::scenario::Scenario;

/// The report as a table.
pub fn write_table(s: &Scenario, h: &History, f: &fit::Fit, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{}", headline(s, h, f))?;
    let conv = if f.converged {
        tr("converged")
    } else {
        tr("did NOT converge within its run budget; the best point found is reported")
    };
    writeln!(
        w,
        "{}",
        trf(
            "weighted least squares {} (loaded {}); {} model runs; {}",
            &[
                &sig(f.objective),
                &sig(f.loaded_objective),
                &f.evaluations,
                &conv
            ],
        )
    )?;
    writeln!(w)?;
    let mut rows = vec![
        [
            tr("parameter"),
            tr("fitted"),
            tr("90% low"),
            tr("90% high"),
            tr("loaded"),
            tr("range searched"),
        ]
        .map(String::from)
        .to_vec(),
    ];
    for p in &f.params {
        rows.push(vec![
            p.param.key().to_string(),
            sig(p.value),
            sig(p.low),
            sig(p.high),
            sig(p.loaded),
            format!("{}..{}", fmt_num(p.param.lo), fmt_num(p.param.hi)),
        ]);
    }
    // The range is text: left-aligned after the numbers.
    for line in aligned(&rows, 1, 3) {
        writeln!(w, "{line}")?;
    }
    if f.refits() > 0 {
        writeln!(
            w,
            "{}",
            trf(
                "intervals: {}, {} refits",
                &[&tr(INTERVAL_METHOD), &f.refits()]
            )
        )?;
    } else {
        writeln!(w, "{}", tr("intervals: none (--refits 0)"))?;
    }
    writeln!(w)?;
    let mut rows = vec![
        [
            tr("series"),
            tr("points"),
            "R²",
            "MAPE",
            "U^M",
            "U^S",
            "U^C",
            tr("R² loaded"),
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (sf, lf) in f.series.iter().zip(&f.loaded_series) {
        let g = &sf.goodness;
        let t = g.theil;
        rows.push(vec![
            sf.column.to_string(),
            g.points.to_string(),
            opt(g.r2, 4),
            g.mape.map_or("-".into(), |m| format!("{m:.2}%")),
            opt(t.map(|t| t.um), 3),
            opt(t.map(|t| t.us), 3),
            opt(t.map(|t| t.uc), 3),
            opt(lf.goodness.r2, 4),
        ]);
    }
    for line in aligned(&rows, 1, 3) {
        writeln!(w, "{line}")?;
    }
    writeln!(
        w,
        "{}",
        tr(
            "(Theil: U^M bias, U^S unequal variation, U^C unsystematic; a good fit has its error mostly in U^C)"
        )
    )?;
    if !f.warnings.is_empty() {
        writeln!(w)?;
        writeln!(w, "{}", tr("warnings:"))?;
        for m in &f.warnings {
            writeln!(w, "  {m}")?;
        }
    }
    Ok(())
}

fn goodness_json(column: &str, g: &Goodness) -> Value {
    json!({
        "column": column,
        "points": g.points,
        "r2": g.r2,
        "mape": g.mape,
        "rmse": g.rmse,
        "theil_um": g.theil.map(|t| t.um),
        "theil_us": g.theil.map(|t| t.us),
        "theil_uc": g.theil.map(|t| t.uc),
    })
}

/// The report as JSON.
pub fn to_json(s: &Scenario, h: &History, f: &fit::Fit) -> Value {
    json!({
        "scenario": s.name,
        "data": h.source,
        "periods": h.periods.len(),
        "last_period": h.last_period(),
        "params": f.params.iter().map(|p| json!({
            "key": p.param.key(),
            "value": p.value,
            "low": p.low,
            "high": p.high,
            "loaded": p.loaded,
            "search_low": p.param.lo,
            "search_high": p.param.hi,
        })).collect::<Vec<_>>(),
        "series": f.series.iter().map(|sf| goodness_json(sf.column, &sf.goodness)).collect::<Vec<_>>(),
        "objective": f.objective,
        "loaded_objective": f.loaded_objective,
        "converged": f.converged,
        "evaluations": f.evaluations,
        "interval_method": INTERVAL_METHOD,
        "refits": f.refits(),
        // Each refit's values, in the order of `params`: `montecarlo
        // --from-fit` draws these rows whole, with their correlations.
        "draws": f.draws,
        // Other explanations about as good: the parameter held elsewhere
        // and every fitted value with it there.
        "alternatives": f.alternatives.iter().map(|a| {
            let set: serde_json::Map<_, _> =
                a.values(&f.params).into_iter().map(|(k, v)| (k.key.to_string(), json!(v))).collect();
            json!({"held": a.held.key, "objective": a.objective, "set": set})
        }).collect::<Vec<_>>(),
        // In English, as every key of the JSON is.
        "warnings": f
            .warnings
            .iter()
            .map(|w| with_lang(Lang::En, || w.to_string()))
            .collect::<Vec<_>>(),
    })
}
