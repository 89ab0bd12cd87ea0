//! The command line: clap definitions and what each command does.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

mod args;
pub mod compare;
pub mod fit;
pub mod init;

pub use args::{Cli, Command, ExportFormat, Format, Output, RunOptions, ServeArgs};
pub use params::{SCENARIO_KEYS, params_markdown};
mod catalog;
mod debrief;
mod export;
mod interactive;
mod montecarlo;
mod optimize;
mod output;
mod params;
mod plot;
mod progress;
mod run;
mod sensitivity;
mod serve;
mod sweep;
pub mod today;
mod uncertain;

use crate::scenario::{self, Diagnostics, Scenario};

/// Exit code for invalid input (a bad scenario, value or output path).
pub const EXIT_INVALID: u8 = 1;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::i18n::set_default(cli.lang.unwrap_or_else(crate::i18n::Lang::from_env));
    if let Err(e) = crate::interrupt::install() {
        let _ = writeln!(
            io::stderr(),
            "{}",
            crate::i18n::trf(
                "warning: cannot catch Ctrl-C ({}); an interrupted job may leave a temporary file",
                &[&e]
            )
        );
    }
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(msg)) => {
            let _ = writeln!(io::stderr(), "{msg}");
            ExitCode::from(EXIT_INVALID)
        }
        // `flywheel run | head`: the reader left; nothing went wrong here.
        Err(Failure::Io(e)) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(Failure::Interrupted) => {
            let _ = writeln!(io::stderr(), "{}", crate::interrupt::Cancelled);
            ExitCode::from(130)
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(io::stderr(), "{}", crate::i18n::trf("error: {}", &[&e]));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Whether writing failed because the reader closed the pipe, however
/// deeply the error is wrapped (the CSV writer wraps it in its own).
fn broken_pipe(e: &io::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|r| r as _);
    if e.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    while let Some(err) = next {
        if err
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        if let Some(csv) = err.downcast_ref::<::csv::Error>()
            && let ::csv::ErrorKind::Io(io) = csv.kind()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        next = err.source();
    }
    false
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Invalid input: the message to print.
    Invalid(String),
    /// Writing the output failed.
    Io(io::Error),
    /// Ctrl-C (or SIGTERM, SIGHUP) stopped a long job before it wrote anything.
    Interrupted,
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Invalid(d.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Loads a scenario and applies the run options.
pub fn prepare(opts: &RunOptions) -> Result<Scenario, Diagnostics> {
    let mut s = scenario::resolve(&opts.scenario)?;
    let mut sets = opts.set.clone();
    if let Some(p) = opts.periods {
        if !(1..=scenario::load::MAX_PERIODS).contains(&p) {
            return Err(scenario::Diagnostic::general(
                "--periods",
                crate::i18n::trf(
                    "{} is out of range; the horizon must be 1–{} periods",
                    &[&p, &scenario::load::MAX_PERIODS],
                ),
            )
            .into());
        }
        sets.push(format!("scenario.periods={p}"));
    }
    if opts.stochastic {
        sets.push("scenario.stochastic=true".into());
    }
    if let Some(seed) = opts.seed {
        sets.push(format!("scenario.seed={seed}"));
    }
    scenario::apply_set(&mut s, &sets)?;
    Ok(s)
}

fn execute(cli: Cli) -> Result<(), Failure> {
    let Some(command) = cli.command else {
        return interactive::default();
    };
    match command {
        Command::Tui {
            scenario,
            set,
            player,
            today,
        } => interactive::tui(scenario, set, player, today),
        Command::Play {
            scenario,
            player,
            set,
        } => interactive::play(scenario, player, set),
        Command::Run {
            opts,
            today,
            output,
        } => run::run(opts, today, output),
        Command::Export {
            opts,
            format,
            out,
            force,
        } => export::export_cmd(&opts, format, out.as_deref(), force),
        Command::Montecarlo {
            opts,
            runs,
            vary,
            from_fit,
            versus,
            metric,
            today,
            output,
        } => {
            let ask = uncertain::Ask {
                vary: &vary,
                from_fit: from_fit.as_deref(),
                versus: versus.as_deref(),
                metric: &metric,
            };
            montecarlo::command(&opts, runs, &ask, &today, &output)
        }
        Command::Sweep {
            opts,
            params,
            metric,
            output,
        } => sweep::sweep_cmd(&opts, &params, &metric, &output),
        Command::Optimize {
            opts,
            decide,
            objective,
            constraints,
            today,
            output,
        } => optimize::optimize_cmd(&opts, &decide, &objective, &constraints, &today, &output),
        Command::Sensitivity {
            opts,
            metric,
            delta,
            all,
            output,
        } => sensitivity::sensitivity_cmd(&opts, &metric, &delta, all, &output),
        Command::Compare {
            scenarios,
            format,
            today,
        } => compare::compare_cmd(&scenarios, format, &today),
        Command::Init {
            answers,
            out,
            force,
        } => init::init_cmd(&answers, out.as_deref(), force),
        Command::Fit {
            opts,
            data,
            params,
            refits,
            holdout,
            rolling,
            out,
            force,
            format,
        } => fit::fit_cmd(&fit::FitArgs {
            opts,
            data,
            params,
            refits,
            holdout,
            rolling,
            out,
            force,
            format,
        }),
        Command::Plot {
            opts,
            baseline,
            bands,
            runs,
            title,
            out,
            force,
            today,
        } => plot::plot_cmd(
            &opts,
            &plot::PlotOptions {
                baseline: baseline.as_deref(),
                bands,
                runs,
                title: title.as_deref(),
                out: &out,
                force,
                today: &today,
            },
        ),
        Command::Replay {
            session,
            format,
            out,
            force,
        } => run::replay(session, format, out, force),
        Command::Serve(a) => serve::serve(a),
        Command::Debrief {
            sessions,
            format,
            plot,
            force,
        } => debrief::debrief(sessions, format, plot, force),
        Command::Check { files } => catalog::check(files, cli.lang),
        Command::List => catalog::list(),
        Command::Show { preset, period } => catalog::show(preset, period),
        Command::Params { markdown } => params::params(markdown),
    }
}
