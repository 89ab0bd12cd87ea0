//! `flywheel optimize`: the best steady policy for chosen decisions.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::output::{emit, pad_end, pad_start};
use super::{Failure, Format, Output, RunOptions, prepare};
use crate::analysis::optimize::{
    self, Decide, OptimizeError, Optimum, Problem, SHARES_RULE, parse_decide, parse_objective,
};
use crate::format::{delta, metric_value};
use crate::i18n::{tr, trf};
use crate::model::{ParamSpec, fmt_num};
use crate::scenario::Scenario;
use crate::scenario::lesson::{Condition, parse_condition};

/// Parses `--constraint` values: none given means `min_cash >= 0`, `none` means no condition.
pub fn parse_constraints(list: &[String]) -> Result<Vec<Condition>, String> {
    if list.is_empty() {
        return Ok(optimize::default_constraints());
    }
    if list.iter().any(|c| c.trim() == "none") {
        if list.len() > 1 {
            return Err(tr("--constraint none drops every condition; give it alone").into());
        }
        return Ok(Vec::new());
    }
    list.iter()
        .map(|c| parse_condition(c).map_err(|e| format!("--constraint {c}: {e}")))
        .collect()
}

/// `flywheel optimize`.
pub fn optimize_cmd(
    opts: &RunOptions,
    decide: &[String],
    objective: &str,
    constraints: &[String],
    output: &Output,
) -> Result<(), Failure> {
    if output.format == Format::Csv {
        return Err(Failure::Invalid(
            tr("optimize writes --format table or json, not csv").into(),
        ));
    }
    let decide: Vec<Decide> = decide
        .iter()
        .map(|d| parse_decide(d))
        .collect::<Result<_, _>>()
        .map_err(Failure::Invalid)?;
    let objective =
        parse_objective(objective).map_err(|e| Failure::Invalid(format!("--objective: {e}")))?;
    let constraints = parse_constraints(constraints).map_err(Failure::Invalid)?;
    let s = prepare(opts)?;
    let problem = Problem {
        base: s.config.clone(),
        decide,
        objective,
        constraints,
        costs: Vec::new(),
    };
    let found = optimize::optimize(&problem, &|_| {}).map_err(|e| match e {
        OptimizeError::Cancelled => Failure::Interrupted,
        e => Failure::Invalid(format!("{}: {e}", s.name)),
    })?;
    emit(output.out.as_deref(), output.force, |w| {
        match output.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, &json_value(&s, &problem, &found))?;
                writeln!(w)
            }
            _ => write_table(&s, &problem, &found, w),
        }
    })
}

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

fn write_table(s: &Scenario, problem: &Problem, o: &Optimum, w: &mut dyn Write) -> io::Result<()> {
    let mut conditions: Vec<String> = problem.constraints.iter().map(|c| c.text.clone()).collect();
    conditions.push(SHARES_RULE.into());
    writeln!(
        w,
        "{}",
        trf(
            "Best steady policy for {}: the most {}, with {}",
            &[&s.name, &o.objective_name, &conditions.join(tr(" and "))],
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
            "{:<26} {:>12} {:>12} {:>20} {:>24}{bound}",
            ParamSpec::of(c.id).key,
            fmt_num(c.value),
            fmt_num(c.loaded),
            format!("{}..{}", fmt_num(c.range.0), fmt_num(c.range.1)),
            format!("{}..{}", short(c.flat.0), short(c.flat.1)),
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
                &o.objective_name,
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
        writeln!(w, "{}", trf("binding: {}", &[&o.binding.join(", ")]))?;
    }
    writeln!(
        w,
        "{}   flywheel run {} {}",
        tr("check:"),
        scenario_arg(s),
        o.assignments()
            .iter()
            .map(|a| format!("--set {a}"))
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    writeln!(w, "{}", trf("({} model runs)", &[&o.evaluations]))
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

fn scenario_arg(s: &Scenario) -> String {
    s.source
        .strip_prefix("preset:")
        .map_or_else(|| s.source.clone(), str::to_string)
}
