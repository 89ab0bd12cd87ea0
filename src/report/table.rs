//! The terminal table: summary metrics and a compact per-period table.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::format::{money, number, people, period_word, share};
use crate::i18n::{tr, trf};
use crate::model::{Series, Summary};
pub use crate::report::words::{in_sentence, metric_label};
use crate::scenario::Scenario;

/// The summary lines, one metric a line, each named by its label.
pub fn write_summary(
    s: &Scenario,
    series: &Series,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let opt = |v: Option<f64>| v.map_or(tr("n/a").to_string(), |x| format!("{x:.2}"));
    let stochastic = if s.config.stochastic {
        trf(", stochastic (seed {})", &[&s.config.seed])
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}{stochastic}",
        trf(
            "{}: {} {}s",
            &[&s.name, &s.config.periods, &period_word(&s.period_label)]
        )
    )?;
    if !s.description.is_empty() {
        writeln!(out, "{}", s.description.current())?;
    }
    if let Some(now) = &s.config.now {
        write_now(s, now, series, summary, out)?;
    }
    writeln!(out)?;
    let runway = match summary.cash_negative_period {
        Some(p) => format!("  {}", trf("(cash runs out in {})", &[&s.period_at(p)])),
        None => String::new(),
    };
    let lines = [
        (
            "value",
            trf(
                "{}  ({} discounted profit + {} terminal value)",
                &[
                    &money(summary.value),
                    &money(summary.pv_profit),
                    &money(summary.terminal_value),
                ],
            ),
        ),
        ("total_revenue", money(summary.total_revenue)),
        ("total_profit", money(summary.total_profit)),
        ("final_customers", people(summary.final_customers)),
        ("final_strength", format!("{:.3}", summary.final_strength)),
        ("final_cash", money(summary.final_cash)),
        (
            "min_cash",
            trf(
                "{} at {}",
                &[
                    &money(summary.min_cash),
                    &s.period_at(summary.min_cash_period),
                ],
            ) + &runway,
        ),
        (
            "peak_acquisition_period",
            trf(
                "{} ({} new customers)",
                &[
                    &s.period_at(summary.peak_acquisition_period),
                    &people(summary.peak_acquisition),
                ],
            ),
        ),
        ("mean_conversion", share(summary.mean_conversion)),
        ("ltv_cac", opt(summary.ltv_cac)),
    ];
    let width = lines
        .iter()
        .map(|(k, _)| metric_label(k).width())
        .max()
        .unwrap_or(0)
        .max(24);
    for (k, v) in lines {
        writeln!(out, "  {} {v}", pad_end(metric_label(k), width))?;
    }
    Ok(())
}

/// Where a what-if from today starts, what it changes, and the change
/// since then of the stocks a planner watches.
fn write_now(
    s: &Scenario,
    now: &crate::model::Now,
    series: &Series,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let changes: Vec<String> = now
        .set
        .iter()
        .map(|(id, v)| {
            let spec = crate::model::ParamSpec::of(*id);
            format!("{} = {}", tr(spec.label), crate::model::fmt_num(*v))
        })
        .collect();
    let what = if changes.is_empty() {
        tr("nothing changes").to_string()
    } else {
        changes.join(tr(", "))
    };
    writeln!(
        out,
        "{}",
        trf(
            "from {} on (now): {}; every figure below is from then",
            &[&s.period_at(now.at), &what]
        )
    )?;
    if let Some(start) = series.rows.get(now.at as usize) {
        writeln!(
            out,
            "  {}",
            trf(
                "since then: customers {} -> {} ({}), cash {} -> {}",
                &[
                    &people(start.customers),
                    &people(summary.final_customers),
                    &signed_people(summary.final_customers - start.customers),
                    &money(start.cash),
                    &money(summary.final_cash),
                ]
            )
        )?;
    }
    Ok(())
}

fn signed_people(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", people(v))
    } else {
        format!("-{}", people(-v))
    }
}

/// The per-period table: about 17 evenly spaced periods, always the last;
/// its column headers in the reader's language.
pub fn write_rows(
    series: &Series,
    calendar: Option<&crate::scenario::calendar::Calendar>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if calendar.is_some() {
        write!(out, "{}", pad_start(tr("date"), 11))?;
    }
    let header = [
        tr("period"),
        tr("customers"),
        tr("new"),
        tr("leads"),
        tr("conv"),
        tr("churned"),
        tr("strength"),
        tr("reps"),
        tr("insight"),
        tr("revenue"),
        tr("profit"),
        tr("cash"),
    ];
    for h in header {
        write!(out, "{}", pad_start(h, 10))?;
    }
    writeln!(out)?;
    let t = series.rows.len().saturating_sub(1);
    let step = (t / 16).max(1);
    for row in series
        .rows
        .iter()
        .filter(|r| (r.period as usize).is_multiple_of(step) || r.period as usize == t)
    {
        if let Some(c) = calendar {
            write!(out, "{:>11}", c.label(row.period))?;
        }
        let cells = [
            row.period.to_string(),
            people(row.customers),
            people(row.new_customers),
            people(row.leads),
            share(row.conversion),
            people(row.churned),
            format!("{:.3}", row.strength),
            people(row.reps),
            number(row.insight),
            money(row.revenue),
            money(row.profit),
            money(row.cash),
        ];
        for c in cells {
            write!(out, "{c:>10}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Summary, a blank line, then the per-period table.
pub fn write(
    s: &Scenario,
    series: &Series,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_summary(s, series, summary, out)?;
    writeln!(out)?;
    write_rows(series, s.calendar().as_ref(), out)
}

/// `text` padded with spaces to `width` columns (a Chinese character takes two).
pub fn pad_end(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// Rows as aligned columns, each as wide as its widest cell (in terminal
/// columns): the first `left` columns left-aligned, the rest right-aligned
/// (numbers), `gap` spaces between. A long value widens its column rather
/// than running into the next.
pub fn aligned(rows: &[Vec<String>], left: usize, gap: usize) -> Vec<String> {
    aligned_by(rows, |i| i >= left, gap)
}

/// Rows as aligned columns, each as wide as its widest cell (in terminal
/// columns): a column right-aligned where `right` says so, the rest
/// left-aligned, `gap` spaces between, trailing spaces dropped.
pub fn aligned_by(rows: &[Vec<String>], right: impl Fn(usize) -> bool, gap: usize) -> Vec<String> {
    let widths = widths(rows);
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if right(i) {
                        pad_start(c, widths[i])
                    } else {
                        pad_end(c, widths[i])
                    }
                })
                .collect();
            cells.join(&" ".repeat(gap)).trim_end().to_string()
        })
        .collect()
}

/// The width of each column: its widest cell, in terminal columns.
pub fn widths(rows: &[Vec<String>]) -> Vec<usize> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| unicode_width::UnicodeWidthStr::width(c.as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// `text` right-aligned in `width` columns.
pub fn pad_start(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// The metrics' distributions over many runs as a table: mean and
/// percentiles, a row per metric. A metric defined in no run shows `n/a`
/// when `show_undefined`, else is left out.
pub fn write_distributions(
    metrics: &[(&'static str, crate::analysis::montecarlo::Distribution)],
    show_undefined: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    use crate::format::metric_value;
    let width = metrics
        .iter()
        .map(|(name, _)| metric_label(name).width() + 2)
        .max()
        .unwrap_or(0)
        .max(26);
    writeln!(
        w,
        "{}{}{:>10}{:>10}{:>10}{:>10}{:>10}",
        pad_end(tr("metric"), width),
        pad_start(tr("mean"), 10),
        "p5",
        "p25",
        "p50",
        "p75",
        "p95"
    )?;
    for (name, d) in metrics {
        if d.count == 0 {
            if show_undefined {
                writeln!(
                    w,
                    "{}{}",
                    pad_end(metric_label(name), width),
                    pad_start(tr("n/a"), 10)
                )?;
            }
            continue;
        }
        write!(w, "{}", pad_end(metric_label(name), width))?;
        for v in [d.mean, d.p5, d.p25, d.p50, d.p75, d.p95] {
            write!(w, "{:>10}", metric_value(name, v))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_widens_its_column_instead_of_running_into_the_next() {
        let rows = vec![
            vec!["parameter".into(), "fitted".into(), "loaded".into()],
            vec![
                "retention.churn_floor".into(),
                "0".into(),
                "0.0000001582".into(),
            ],
            vec!["a".into(), "12345678901234".into(), "1".into()],
        ];
        let lines = aligned(&rows, 1, 2);
        // Column ends: 21, 21 + 2 + 14 = 37, 37 + 2 + 12 = 51.
        let pad = |n| " ".repeat(n);
        assert_eq!(
            lines[0],
            format!(
                "parameter{}{}fitted{}loaded",
                pad(12),
                pad(2 + 8),
                pad(2 + 6)
            )
        );
        assert_eq!(
            lines[1],
            format!(
                "retention.churn_floor{}0{}0.0000001582",
                pad(2 + 13),
                pad(2)
            )
        );
        assert_eq!(
            lines[2],
            format!("a{}12345678901234{}1", pad(20 + 2), pad(2 + 11))
        );
        assert!(lines.iter().all(|l| l.chars().count() == 51));
        // Every cell stands apart from its neighbours.
        assert!(lines.iter().all(|l| !l.contains("00.0")));
        // Wide characters count as two columns.
        let zh = aligned(
            &[
                vec!["參數".into(), "1".into()],
                vec!["ab".into(), "2".into()],
            ],
            1,
            1,
        );
        assert_eq!(zh, vec!["參數 1", "ab   2"]);
    }
}
