//! `flywheel optimize`'s writers: the best steady policy as a table and as JSON.

use crate::analysis::optimize::{self, Optimum, Problem, SHARES_RULE};
use crate::format::{delta, metric_value};
use crate::i18n::{tr, trf};
use crate::model::{ParamSpec, fmt_num};
use crate::report::table::{in_sentence, metric_label, pad_end, pad_start};
use crate::scenario::Scenario;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The result as JSON: `{"decisions": [{"key", "value", ...}], "objective", "loaded", ...}`.
pub fn json_value(s: &Scenario, problem: &Problem, o: &Optimum) -> Value {
    let decisions: Vec<Value> = o
        .decisions
        .iter()
        .map(|c| {
            json!({
                "key": ParamSpec::of(c.id).key,
                "value": c.value,
                "loaded": c.loaded,
                "range": [c.range.0, c.range.1],
                "on_bound": c.on_bound,
                "flat": [c.flat.0, c.flat.1],
            })
        })
        .collect();
    let mut conditions: Vec<String> = problem.constraints.iter().map(|c| c.text.clone()).collect();
    conditions.push(SHARES_RULE.into());
    json!({
        "scenario": s.name,
        "objective_metric": o.objective_name,
        "decisions": decisions,
        "objective": o.objective,
        "loaded": o.loaded,
        "loaded_feasible": o.loaded_feasible,
        "constraints": conditions,
        "binding": o.binding,
        "flat_share": optimize::FLAT_SHARE,
        "evaluations": o.evaluations,
        "summary": o.summary,
    })
}

/// The best steady policy as a table: each decision, the objective, what binds, and the command that checks it.
///
/// `today` holds the flags that placed "now" (`--data history.csv`), for
/// the line that checks the result.
pub fn write_table(
    s: &Scenario,
    problem: &Problem,
    o: &Optimum,
    today: &str,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut conditions: Vec<String> = problem
        .constraints
        .iter()
        .map(crate::play::briefing::rule_words)
        .collect();
    conditions.push(condition_words(problem, SHARES_RULE));
    writeln!(
        w,
        "{}",
        trf(
            "Best steady policy for {}: the most {}, with {}",
            &[
                &s.name,
                &in_sentence(metric_label(o.objective_name)),
                &conditions.join(tr(" and ")),
            ],
        )
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{} {} {} {} {}",
        pad_end(tr("decision"), 26),
        pad_start(tr("best"), 12),
        pad_start(tr("as loaded"), 12),
        pad_start(tr("range searched"), 20),
        pad_start(tr("within 1% of the best"), 24)
    )?;
    for c in &o.decisions {
        let bound = match c.on_bound {
            Some(optimize::Bound::Low) => tr("  at the lower bound"),
            Some(optimize::Bound::High) => tr("  at the upper bound"),
            None => "",
        };
        writeln!(
            w,
            "{:<26} {:>12} {:>12} {} {}{bound}",
            ParamSpec::of(c.id).key,
            fmt_num(c.value),
            fmt_num(c.loaded),
            pad_start(
                &trf("{}–{}", &[&fmt_num(c.range.0), &fmt_num(c.range.1)]),
                20
            ),
            pad_start(&trf("{}–{}", &[&short(c.flat.0), &short(c.flat.1)]), 24),
        )?;
    }
    writeln!(w)?;
    let loaded = o.loaded.map_or_else(
        || tr("n/a").to_string(),
        |v| metric_value(o.objective_name, v),
    );
    let vs = o
        .loaded
        .map_or_else(String::new, |l| format!(", {}", delta(o.objective, l)));
    writeln!(
        w,
        "{}",
        trf(
            "{}: {} (as loaded {}{}{})",
            &[
                &metric_label(o.objective_name),
                &metric_value(o.objective_name, o.objective),
                &loaded,
                &vs,
                &if o.loaded_feasible {
                    ""
                } else {
                    tr("; the run as loaded breaks a condition")
                },
            ],
        )
    )?;
    if o.binding.is_empty() {
        writeln!(
            w,
            "{}",
            tr("binding: none (every condition has room to spare)")
        )?;
    } else {
        let binding: Vec<String> = o
            .binding
            .iter()
            .map(|b| condition_words(problem, b))
            .collect();
        writeln!(w, "{}", trf("binding: {}", &[&binding.join(tr(", "))]))?;
    }
    writeln!(
        w,
        "{}   flywheel run {}{} {}",
        tr("check:"),
        scenario_arg(s),
        today,
        o.assignments()
            .iter()
            .map(|a| format!("--set {a}"))
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    writeln!(w, "{}", trf("({} model runs)", &[&o.evaluations]))
}

/// A condition of the search in the reader's words, from its text:
/// `min_cash >= 0` is "cash never below $0"; the rule on the two shares
/// of revenue likewise; a text no condition has, as it is.
fn condition_words(problem: &Problem, text: &str) -> String {
    if text == SHARES_RULE {
        return tr("R&D and sales shares of revenue add up to at most 1").to_string();
    }
    problem
        .constraints
        .iter()
        .find(|c| c.text == text)
        .map_or_else(|| text.to_string(), crate::play::briefing::rule_words)
}

/// A value rounded for reading (four significant digits).
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return fmt_num(v);
    }
    let digits = 4 - 1 - v.abs().log10().floor() as i32;
    if digits > 0 {
        fmt_num(format!("{v:.*}", digits as usize).parse().unwrap_or(v))
    } else {
        fmt_num(v.round())
    }
}

/// The scenario as typed on the command line (a preset's name without `preset:`).
fn scenario_arg(s: &Scenario) -> String {
    s.source
        .strip_prefix("preset:")
        .map_or_else(|| s.source.clone(), str::to_string)
}
