//! The back-test's writers (`fit --holdout N [--rolling K]`): the model's
//! forecast error beside the naive and Bass baselines', a warning where a
//! baseline does better, and the same as JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::opt;
use crate::analysis::backtest::{Backtest, SeriesTest, mean};
use crate::i18n::{tr, trf};
use crate::report::table::aligned;

/// The back-test as a table, and the rolling one's means.
pub fn write_backtest(t: &Backtest, rolling: &[Backtest], w: &mut dyn Write) -> io::Result<()> {
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        trf(
            "back-test: fitted to periods up to {}, forecast periods {}–{} ({} periods held out)",
            &[&t.cut, &(t.cut + 1), &t.end, &(t.end - t.cut)],
        )
    )?;
    rows(&t.series, w)?;
    let (from, to) = t.naive_from.first().copied().unwrap_or((0, 0));
    writeln!(
        w,
        "{}",
        trf(
            "(naive: each series' compound growth over the last quarter of its fitted points, periods {}–{}, continued; Bass: a Bass curve fitted to customers up to period {}, revenue at the last revenue per customer)",
            &[&from, &to, &t.cut],
        )
    )?;
    warn(&t.series, w)?;
    if rolling.len() > 1 {
        let cuts: Vec<String> = rolling.iter().map(|r| r.cut.to_string()).collect();
        writeln!(w)?;
        writeln!(
            w,
            "{}",
            trf(
                "rolling back-test: {} cut-offs (after periods {}), each forecasting the {} periods after it; mean MAPE",
                &[&rolling.len(), &cuts.join(", "), &(t.end - t.cut)],
            )
        )?;
        let m = mean(rolling);
        rows(&m, w)?;
        warn(&m, w)?;
    }
    Ok(())
}

fn rows(series: &[SeriesTest], w: &mut dyn Write) -> io::Result<()> {
    let mut table = vec![vec![
        tr("series").to_string(),
        tr("points").to_string(),
        tr("model MAPE").to_string(),
        tr("naive MAPE").to_string(),
        tr("Bass MAPE").to_string(),
    ]];
    let pct = |v: Option<f64>| {
        let s = opt(v, 1);
        if v.is_some() { format!("{s}%") } else { s }
    };
    for s in series {
        table.push(vec![
            s.column.to_string(),
            s.points.to_string(),
            pct(s.mape),
            pct(s.naive_mape),
            pct(s.bass_mape),
        ]);
    }
    for line in aligned(&table, 1, 3) {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

fn warn(series: &[SeriesTest], w: &mut dyn Write) -> io::Result<()> {
    for s in series {
        let beaten = s.beaten_by();
        if !beaten.is_empty() {
            writeln!(
                w,
                "  ! {}",
                trf(
                    "{}: the model forecasts it worse than the {} baseline: its structure or its fitted values miss something the history shows; do not plan on this forecast of it",
                    &[
                        &s.column,
                        &beaten
                            .iter()
                            .map(|b| if *b == "naive" { tr("naive") } else { *b })
                            .collect::<Vec<_>>()
                            .join(" / "),
                    ],
                )
            )?;
        }
    }
    Ok(())
}

fn series_json(series: &[SeriesTest]) -> Vec<Value> {
    series
        .iter()
        .map(|s| {
            json!({
                "column": s.column,
                "points": s.points,
                "mape": s.mape,
                "naive_mape": s.naive_mape,
                "bass_mape": s.bass_mape,
                "beaten_by": s.beaten_by(),
            })
        })
        .collect()
}

/// The back-test as JSON (the `holdout` member of the fit's report).
pub fn backtest_json(t: &Backtest, rolling: &[Backtest]) -> Value {
    json!({
        "periods": t.end - t.cut,
        "cut": t.cut,
        "end": t.end,
        "naive": "each series' compound growth over the last quarter of its fitted points, continued",
        "naive_periods": t.naive_from.first().map(|(a, b)| [a, b]),
        "bass": "a Bass curve (market, innovation, imitation, start) fitted by least squares to customers over the fitted periods; revenue at the last revenue per customer",
        "series": series_json(&t.series),
        "rolling": (rolling.len() > 1).then(|| json!({
            "cuts": rolling.iter().map(|r| r.cut).collect::<Vec<_>>(),
            // Each series' errors averaged over the cut-offs.
            "series": series_json(&mean(rolling)),
        })),
    })
}
