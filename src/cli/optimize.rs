//! `flywheel optimize`: the best steady policy for chosen decisions.

use super::output::emit;
use super::{Failure, Format, Output, RunOptions};
use crate::analysis::optimize::{
    self, Decide, OptimizeError, Problem, parse_decide_in, parse_objective,
};
use crate::i18n::tr;
use crate::report::optimize::{json_value, write_table};
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
    today: &super::today::Today,
    output: &Output,
) -> Result<(), Failure> {
    if output.format == Format::Csv {
        return Err(Failure::Invalid(
            tr("optimize writes --format table or json, not csv").into(),
        ));
    }
    let (s, placed) = super::today::prepare(opts, today)?;
    let weeks = crate::scenario::period::weeks(&s.period_label);
    let mut parsed: Vec<Decide> = decide
        .iter()
        .map(|d| parse_decide_in(d, weeks))
        .collect::<Result<_, _>>()
        .map_err(|e| Failure::Invalid(e.to_string()))?;
    let objective =
        parse_objective(objective).map_err(|e| Failure::Invalid(format!("--objective: {e}")))?;
    let constraints = parse_constraints(constraints).map_err(Failure::Invalid)?;
    super::today::tell(placed.as_ref(), &s);
    // A bare key searches its slider's range, widened to hold the value
    // the scenario has (a monthly price far above a weekly slider's).
    for (d, text) in parsed.iter_mut().zip(decide) {
        if !text.contains('=') {
            *d = d.holding(s.config.decision(d.spec.id));
        }
    }
    let problem = Problem {
        base: s.config.clone(),
        decide: parsed,
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
            _ => write_table(&s, &problem, &found, &today.flags(), w),
        }
    })
}
