//! `flywheel fit`: fit a scenario's parameters to a history CSV, report how
//! well and how surely, and save the fitted scenario.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::output::{emit, pad_end, pad_start};
use super::progress::bar;
use super::{Failure, RunOptions, prepare};
use crate::analysis::fit::{
    self, DEFAULT_PARAMS, FitOptions, FitParam, INTERVAL_METHOD, round_sig,
};
use crate::analysis::goodness::Goodness;
use crate::analysis::history::{self, History, MAX_HISTORY_BYTES};
use crate::i18n::{Lang, tr, trf, with_lang};
use crate::model::fmt_num;
use crate::scenario::Scenario;
use crate::scenario::write::to_toml;

/// The report formats of `fit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FitFormat {
    /// A readable report.
    Table,
    /// The report as JSON.
    Json,
}

/// What `flywheel fit` was asked.
#[derive(Debug, Clone)]
pub struct FitArgs {
    /// The scenario and its overrides.
    pub opts: RunOptions,
    /// The history CSV.
    pub data: PathBuf,
    /// Parameters to fit (`KEY` or `KEY=LOW..HIGH`); empty: the default set.
    pub params: Vec<String>,
    /// Bootstrap refits for the intervals.
    pub refits: usize,
    /// Where to save the fitted scenario.
    pub out: Option<PathBuf>,
    /// Replace `out` if it exists.
    pub force: bool,
    /// The report's format.
    pub format: FitFormat,
}

/// The most refits asked for.
pub const MAX_REFITS: usize = 10_000;

/// Reads and checks a history file (size limit, UTF-8, located errors).
pub fn read_history(path: &Path) -> Result<History, Failure> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Failure::Invalid(trf("{}: cannot read the history: {}", &[&name, &e])))?;
    if meta.len() > MAX_HISTORY_BYTES {
        return Err(Failure::Invalid(
            history::too_large(&name, meta.len()).to_string(),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Invalid(trf("{}: cannot read the history: {}", &[&name, &e])))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Invalid(trf(
            "{}: not UTF-8 text (a bad byte at offset {}); save it as CSV (UTF-8)",
            &[&name, &e.utf8_error().valid_up_to()],
        ))
    })?;
    history::parse(&name, &text).map_err(|d| Failure::Invalid(d.to_string()))
}

/// `flywheel fit`.
pub fn fit_cmd(args: &FitArgs) -> Result<(), Failure> {
    if args.refits > MAX_REFITS {
        return Err(Failure::Invalid(trf(
            "--refits {}: at most {}",
            &[&args.refits, &MAX_REFITS],
        )));
    }
    let s = prepare(&args.opts)?;
    let history = read_history(&args.data)?;
    let params: Vec<FitParam> = if args.params.is_empty() {
        DEFAULT_PARAMS
            .iter()
            .map(|id| FitParam::around(*id, &s.config.params))
            .collect()
    } else {
        args.params
            .iter()
            .map(|p| fit::parse_param(p, &s.config.params))
            .collect::<Result<_, _>>()
            .map_err(Failure::Invalid)?
    };
    fit::validate(&params).map_err(Failure::Invalid)?;
    if let Some(out) = &args.out
        && out.exists()
        && !args.force
    {
        return Err(Failure::Invalid(trf(
            "{}: already exists (not overwritten); pass --force to replace it",
            &[&out.display()],
        )));
    }
    let opts = FitOptions {
        bootstrap: args.refits,
        ..FitOptions::default()
    };
    let pb = bar(args.refits, tr("refits"));
    let result = fit::fit(&s.config, &history, &params, &opts, &|n| {
        pb.set_position(n as u64)
    });
    pb.finish_and_clear();
    let f = result.map_err(|e| match e {
        fit::FitError::Invalid(m) => Failure::Invalid(m),
        fit::FitError::Cancelled(_) => Failure::Interrupted,
    })?;
    if let Some(out) = &args.out {
        let text = fitted_toml(&s, &history, &f);
        emit(Some(out), args.force, |w| w.write_all(text.as_bytes()))?;
    }
    {
        let mut stdout = io::stdout().lock();
        match args.format {
            FitFormat::Table => write_table(&s, &history, &f, &mut stdout)?,
            FitFormat::Json => {
                serde_json::to_writer_pretty(&mut stdout, &to_json(&s, &history, &f))
                    .map_err(io::Error::other)?;
                writeln!(stdout)?;
            }
        }
        stdout.flush()?;
    }
    if let Some(out) = &args.out {
        writeln!(
            io::stderr(),
            "{}",
            trf(
                "saved the fitted scenario to {} (open it with `flywheel tui {}`)",
                &[&out.display(), &out.display()],
            )
        )?;
    }
    Ok(())
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".into(), |v| format!("{v:.digits$}"))
}

fn sig(v: f64) -> String {
    fmt_num(round_sig(v))
}

/// What was fitted to which data, in one line.
fn headline(s: &Scenario, h: &History, f: &fit::Fit) -> String {
    let names: Vec<&str> = h.series.iter().map(|s| s.name()).collect();
    trf(
        "{} fitted to {}: {} periods (0..={}), {} series ({}), {} parameters",
        &[
            &s.name,
            &h.source,
            &h.periods.len(),
            &h.last_period(),
            &names.len(),
            &names.join(", "),
            &f.params.len(),
        ],
    )
}

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
    writeln!(
        w,
        "{}{}{}{}{}   {}",
        pad_end(tr("parameter"), 28),
        pad_start(tr("fitted"), 12),
        pad_start(tr("90% low"), 12),
        pad_start(tr("90% high"), 12),
        pad_start(tr("loaded"), 12),
        tr("range searched")
    )?;
    for p in &f.params {
        writeln!(
            w,
            "{:<28}{:>12}{:>12}{:>12}{:>12}   {}..{}",
            p.param.spec.key,
            sig(p.value),
            sig(p.low),
            sig(p.high),
            sig(p.loaded),
            fmt_num(p.param.lo),
            fmt_num(p.param.hi)
        )?;
    }
    if f.refits > 0 {
        writeln!(
            w,
            "{}",
            trf(
                "intervals: {}, {} refits",
                &[&tr(INTERVAL_METHOD), &f.refits]
            )
        )?;
    } else {
        writeln!(w, "{}", tr("intervals: none (--refits 0)"))?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{}{}{:>9}{:>9}{:>8}{:>8}{:>8}   {}",
        pad_end(tr("series"), 16),
        pad_start(tr("points"), 7),
        "R²",
        "MAPE",
        "U^M",
        "U^S",
        "U^C",
        tr("R² loaded")
    )?;
    for (sf, lf) in f.series.iter().zip(&f.loaded_series) {
        let g = &sf.goodness;
        let t = g.theil;
        writeln!(
            w,
            "{:<16}{:>7}{:>9}{:>9}{:>8}{:>8}{:>8}   {}",
            sf.column,
            g.points,
            opt(g.r2, 4),
            g.mape.map_or("-".into(), |m| format!("{m:.2}%")),
            opt(t.map(|t| t.um), 3),
            opt(t.map(|t| t.us), 3),
            opt(t.map(|t| t.uc), 3),
            opt(lf.goodness.r2, 4)
        )?;
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
            "key": p.param.spec.key,
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
        "refits": f.refits,
        "warnings": f.warnings_en,
    })
}

/// The fitted scenario as TOML: comments that say what was fitted, to which
/// file and how well, then the scenario with the fitted values.
pub fn fitted_toml(s: &Scenario, h: &History, f: &fit::Fit) -> String {
    let mut fitted = s.clone();
    fitted.config = f.config.clone();
    let data_name = Path::new(&h.source)
        .file_name()
        .map_or(h.source.clone(), |n| n.to_string_lossy().into_owned());
    if !fitted.name.contains("fitted") {
        fitted.name = format!("{} (fitted to {data_name})", s.name);
    }
    // The lesson told the story of the scenario fitted from, not of this company.
    fitted.lesson = crate::scenario::Lesson::default();
    let mut out = String::new();
    let _ = writeln!(out, "# {}", with_lang(Lang::En, || headline(s, h, f)));
    let _ = writeln!(
        out,
        "# from {}; `flywheel fit` by weighted least squares, each series scaled by its own size.",
        s.source
    );
    let _ = writeln!(
        out,
        "# Fitted values (90% interval: {INTERVAL_METHOD}, {} refits):",
        f.refits
    );
    for p in &f.params {
        let _ = writeln!(
            out,
            "#   {} = {} ({}..{}), was {}",
            p.param.spec.key,
            sig(p.value),
            sig(p.low),
            sig(p.high),
            sig(p.loaded)
        );
    }
    let _ = writeln!(out, "# How well:");
    for sf in &f.series {
        let g = &sf.goodness;
        let _ = writeln!(
            out,
            "#   {}: R² {}, MAPE {}",
            sf.column,
            opt(g.r2, 4),
            g.mape.map_or("-".into(), |m| format!("{m:.2}%"))
        );
    }
    if !f.converged {
        let _ = writeln!(
            out,
            "# The search did not converge; these are the best values found."
        );
    }
    for m in &f.warnings_en {
        let _ = writeln!(out, "# warning: {m}");
    }
    out.push('\n');
    let body = to_toml(&fitted);
    let mut section = String::new();
    for line in body.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
        }
        let key = line.split(" = ").next().unwrap_or("");
        match f
            .params
            .iter()
            .find(|p| p.param.spec.section.key() == section && p.param.spec.name == key)
        {
            Some(p) => {
                let value = line.split("  #").next().unwrap_or(line);
                let _ = writeln!(
                    out,
                    "{value}  # fitted to {data_name}: 90% {}..{} (was {})",
                    sig(p.low),
                    sig(p.high),
                    sig(p.loaded)
                );
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
