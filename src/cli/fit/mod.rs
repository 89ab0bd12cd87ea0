//! `flywheel fit`: fit a scenario's parameters to a history CSV, report how
//! well and how surely, and save the fitted scenario.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::output::emit;
use super::progress::bar;
use super::{Failure, RunOptions, prepare};
use crate::analysis::fit::{self, DEFAULT_PARAMS, FitOptions, FitParam};
use crate::analysis::history::{self, History, MAX_HISTORY_BYTES};
use crate::i18n::{tr, trf};

use crate::analysis::backtest::{self, BacktestError};
pub use crate::report::fit::{backtest_json, fitted_toml, to_json, write_backtest, write_table};

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
    /// Periods held out for a back-test.
    pub holdout: Option<u32>,
    /// Cut-offs of a rolling back-test.
    pub rolling: Option<u32>,
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

/// Reads a history for scenario `s`: its dates placed by the scenario's
/// calendar, its spans counted in its period ([`History::for_calendar`]).
pub fn read_history_for(path: &Path, s: &crate::scenario::Scenario) -> Result<History, Failure> {
    read_history(path)?
        .for_calendar(&s.period_label, s.calendar())
        .map_err(|d| Failure::Invalid(d.to_string()))
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
    let history = read_history_for(&args.data, &s)?;
    let weeks = crate::scenario::period::weeks(&s.period_label);
    let params: Vec<FitParam> = if args.params.is_empty() {
        DEFAULT_PARAMS
            .iter()
            .map(|id| FitParam::around_in(*id, &s.config.params, weeks))
            .collect()
    } else {
        args.params
            .iter()
            .map(|p| {
                if p.trim().starts_with("event.") {
                    FitParam::in_event(p, &s.config, weeks).map_err(|e| e.to_string())
                } else {
                    fit::parse_param_in(p, &s.config.params, weeks).map_err(|e| e.to_string())
                }
            })
            .collect::<Result<_, _>>()
            .map_err(Failure::Invalid)?
    };
    fit::validate(&params).map_err(|e| Failure::Invalid(e.to_string()))?;
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
        weeks,
        ..FitOptions::default()
    };
    let failed = |e: BacktestError| match e {
        BacktestError::Fit(fit::FitError::Cancelled(_)) => Failure::Interrupted,
        e => Failure::Invalid(e.to_string()),
    };
    let stop = crate::interrupt::Stop::new();
    let pb = bar(args.refits, tr("refits"));
    let progress = |n: usize| pb.set_position(n as u64);
    let result = match args.holdout {
        Some(n) => backtest::backtest(&s.config, &history, &params, n, &opts, &progress, &stop)
            .map(|(f, t)| (f, Some(t))),
        None => fit::fit_until(&s.config, &history, &params, &opts, &progress, &stop)
            .map(|f| (f, None))
            .map_err(BacktestError::Fit),
    };
    pb.finish_and_clear();
    let (f, test) = result.map_err(failed)?;
    let rolling = match (args.holdout, args.rolling) {
        (Some(n), Some(k)) if k > 1 => {
            backtest::rolling(&s.config, &history, &params, n, k, &opts, &stop).map_err(failed)?
        }
        _ => Vec::new(),
    };
    // The fit reported is of the history it was made on.
    let history = match &test {
        Some(t) => backtest::split(&history, t.cut).0,
        None => history,
    };
    if let Some(out) = &args.out {
        // The file fitted from, for its comments (a preset has its own text).
        let source = std::fs::read_to_string(&s.source).ok().or_else(|| {
            crate::scenario::preset(s.source.trim_start_matches("preset:"))
                .map(|p| p.toml.to_string())
        });
        let text = fitted_toml(&s, &history, &f, source.as_deref());
        emit(Some(out), args.force, |w| w.write_all(text.as_bytes()))?;
    }
    {
        let mut stdout = io::stdout().lock();
        match args.format {
            FitFormat::Table => {
                write_table(&s, &history, &f, &mut stdout)?;
                if let Some(t) = &test {
                    write_backtest(t, &rolling, &mut stdout)?;
                }
            }
            FitFormat::Json => {
                let mut doc = to_json(&s, &history, &f);
                if let Some(t) = &test {
                    doc["holdout"] = backtest_json(t, &rolling);
                }
                serde_json::to_writer_pretty(&mut stdout, &doc).map_err(io::Error::other)?;
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
