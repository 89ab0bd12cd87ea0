//! The command line: clap definitions and what each command does.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

mod args;
pub mod compare;
pub mod fit;
pub mod init;

pub use args::{Cli, Command, ExportFormat, Format, Output, RunOptions, ServeArgs};
mod export;
mod montecarlo;
mod optimize;
mod output;
mod plot;
mod progress;
mod sensitivity;
mod sweep;
mod uncertain;

use crate::model::{PARAMS, simulate, summarize};
use crate::report;
use crate::scenario::{self, Diagnostics, PRESETS, Scenario};

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
                    "{} is out of range; the horizon must be 1..={} periods",
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
    let stdout = io::stdout();
    match cli.command {
        None => {
            let s = scenario::resolve(scenario::presets::DEFAULT_PRESET)?;
            open_tui(crate::tui::App::new(s))
        }
        Some(Command::Tui {
            scenario,
            set,
            player,
            data,
        }) => {
            let mut s = scenario::resolve(&scenario)?;
            scenario::apply_set(&mut s, &set)?;
            let mut app = crate::tui::App::new(s).with_player(player);
            if let Some(path) = data {
                app = app.with_actuals(fit::read_history(&path)?);
            }
            open_tui(app)
        }
        Some(Command::Play {
            scenario,
            player,
            set,
        }) => {
            let mut s = scenario::resolve(&scenario)?;
            scenario::apply_set(&mut s, &set)?;
            open_tui(crate::tui::App::new_play(s, player))
        }
        Some(Command::Run { opts, output }) => {
            let s = prepare(&opts)?;
            let series = simulate(&s.config);
            let summary = summarize(&series);
            output::emit(output.out.as_deref(), output.force, |w| {
                match output.format {
                    Format::Table => report::table::write(&s, &series, &summary, w),
                    Format::Csv => report::csv::write(&series, w),
                    Format::Json => report::json::write(&s, &series, &summary, w),
                }
            })
        }
        Some(Command::Export {
            opts,
            format,
            out,
            force,
        }) => export::export_cmd(&opts, format, out.as_deref(), force),
        Some(Command::Montecarlo {
            opts,
            runs,
            vary,
            from_fit,
            versus,
            metric,
            output,
        }) => {
            if vary.is_empty() && from_fit.is_none() {
                if versus.is_some() {
                    return Err(Failure::Invalid(
                        "--versus compares policies under uncertain parameters; add --vary or --from-fit".into(),
                    ));
                }
                montecarlo::montecarlo(&opts, runs, &output)
            } else {
                let ask = uncertain::Ask {
                    vary: &vary,
                    from_fit: from_fit.as_deref(),
                    versus: versus.as_deref(),
                    metric: &metric,
                };
                uncertain::uncertain_cmd(&opts, runs, &ask, &output)
            }
        }
        Some(Command::Sweep {
            opts,
            params,
            metric,
            output,
        }) => sweep::sweep_cmd(&opts, &params, &metric, &output),
        Some(Command::Optimize {
            opts,
            decide,
            objective,
            constraints,
            output,
        }) => optimize::optimize_cmd(&opts, &decide, &objective, &constraints, &output),
        Some(Command::Sensitivity {
            opts,
            metric,
            delta,
            all,
            output,
        }) => sensitivity::sensitivity_cmd(&opts, &metric, &delta, all, &output),
        Some(Command::Compare { scenarios, format }) => compare::compare_cmd(&scenarios, format),
        Some(Command::Init {
            answers,
            out,
            force,
        }) => init::init_cmd(&answers, out.as_deref(), force),
        Some(Command::Fit {
            opts,
            data,
            params,
            refits,
            out,
            force,
            format,
        }) => fit::fit_cmd(&fit::FitArgs {
            opts,
            data,
            params,
            refits,
            out,
            force,
            format,
        }),
        Some(Command::Plot {
            opts,
            baseline,
            bands,
            runs,
            title,
            out,
            force,
            data,
        }) => plot::plot_cmd(
            &opts,
            &plot::PlotOptions {
                baseline: baseline.as_deref(),
                bands,
                runs,
                title: title.as_deref(),
                out: &out,
                force,
                data: data.as_deref(),
            },
        ),
        Some(Command::Replay {
            session,
            format,
            out,
            force,
        }) => {
            let name = session.display().to_string();
            let sess = crate::play::session::load(&session)?;
            let (s, cfg) = sess.config(&name)?;
            let series = simulate(&cfg);
            let summary = summarize(&series);
            output::emit(out.as_deref(), force, |w| match format {
                Format::Table => report::table::write(&s, &series, &summary, w),
                Format::Csv => report::csv::write(&series, w),
                Format::Json => report::json::write(&s, &series, &summary, w),
            })
        }
        Some(Command::Serve(a)) => {
            let opts = crate::serve::ServeOptions {
                scenario: a.scenario,
                set: a.set,
                bind: a.bind,
                port: a.port,
                code: a.code,
                dir: a.dir,
                max_teams: a.max_teams,
                mode: a.mode,
                lockstep: a.lockstep,
                no_board: a.no_board,
                authorized_keys: a.authorized_keys,
                limits: crate::serve::Limits {
                    auth_timeout: std::time::Duration::from_secs(a.auth_timeout.max(1)),
                    idle_timeout: std::time::Duration::from_secs(a.idle_timeout.max(1)),
                },
                lang: crate::i18n::current(),
                data: match &a.data {
                    Some(p) => Some(fit::read_history(p)?),
                    None => None,
                },
            };
            crate::serve::run(opts).map_err(|e| Failure::Invalid(format!("error: {e:#}")))
        }
        Some(Command::Debrief {
            sessions,
            format,
            plot,
            force,
        }) => {
            let mut loaded = Vec::new();
            let mut bad = Vec::new();
            for path in &sessions {
                match crate::play::session::load(path) {
                    Ok(s) => loaded.push((path.display().to_string(), s)),
                    Err(d) => bad.push(d.to_string()),
                }
            }
            if !bad.is_empty() {
                return Err(Failure::Invalid(bad.join("\n")));
            }
            if format == Format::Csv {
                return Err(Failure::Invalid(
                    "debrief writes --format table or json, not csv".into(),
                ));
            }
            let d = crate::play::debrief::debrief(&loaded)?;
            if let Some(path) = &plot {
                let mode = if force {
                    crate::safe_write::Overwrite::Allow
                } else {
                    crate::safe_write::Overwrite::Refuse
                };
                crate::debrief_plot::write(path, &d, mode).map_err(Failure::Invalid)?;
                eprintln!("wrote {}", path.display());
            }
            let mut out = stdout.lock();
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &crate::play::debrief::json_value(&d))
                        .map_err(io::Error::other)?;
                    Ok(writeln!(out)?)
                }
                _ => Ok(crate::play::debrief::write_table(&d, &mut out)?),
            }
        }
        Some(Command::Check { files }) => {
            let mut bad = Vec::new();
            let mut out = stdout.lock();
            for f in &files {
                match scenario::resolve(f) {
                    Ok(s) => {
                        let goals = crate::analysis::lesson_check::goal_problems(&s);
                        if goals.is_empty() {
                            writeln!(out, "{f}: ok ({})", s.name)?;
                        } else {
                            bad.extend(goals.iter().map(|g| format!("{f}: {g}")));
                        }
                        for m in scenario::translation::mismatches(&s) {
                            eprintln!("{}", crate::i18n::trf("warning: {}: {}", &[f, &m]));
                        }
                    }
                    Err(d) => bad.push(d.to_string()),
                }
            }
            if bad.is_empty() {
                Ok(())
            } else {
                Err(Failure::Invalid(bad.join("\n")))
            }
        }
        Some(Command::List) => {
            let mut out = stdout.lock();
            for p in PRESETS {
                let s = p.load()?;
                let marker = if p.name == scenario::presets::DEFAULT_PRESET {
                    " (default)"
                } else {
                    ""
                };
                writeln!(out, "{:<18} {}{marker}", p.name, s.description)?;
            }
            Ok(())
        }
        Some(Command::Show {
            preset,
            period: Some(period),
        }) => {
            let s = scenario::resolve(&preset)?;
            let converted = scenario::period::convert(&s, &period).map_err(Failure::Invalid)?;
            let mut out = stdout.lock();
            writeln!(
                out,
                "# {} converted from {}s to {}s by `flywheel show --period`: rates compound,\n# amounts per period scale, delays and the horizon shrink or stretch.",
                s.source, s.period_label, converted.period_label
            )?;
            Ok(out.write_all(scenario::write::to_toml(&converted).as_bytes())?)
        }
        Some(Command::Show { preset, .. }) => match scenario::preset(&preset) {
            Some(p) => Ok(stdout.lock().write_all(p.toml.as_bytes())?),
            None => Err(scenario::resolve(&preset).err().map_or_else(
                || {
                    Failure::Invalid(crate::i18n::trf(
                        "{}: `show` prints presets; this is a file",
                        &[&preset],
                    ))
                },
                Failure::from,
            )),
        },
        Some(Command::Params { markdown }) => {
            let mut out = stdout.lock();
            if markdown {
                out.write_all(params_markdown().as_bytes())?;
            } else {
                for (key, default, valid, unit, help) in SCENARIO_KEYS {
                    writeln!(
                        out,
                        "{key:<28} {default:>10}  {valid:<22} {unit:<18} {help}"
                    )?;
                }
                for p in PARAMS.iter() {
                    writeln!(
                        out,
                        "{:<28} {:>10}  {:<22} {:<18} {}",
                        p.key,
                        crate::model::fmt_num(p.default),
                        p.range_text(),
                        p.unit,
                        p.help
                    )?;
                }
            }
            Ok(())
        }
    }
}

/// The keys of `[scenario]` that shape a run: key, default, valid values,
/// unit and help (the parameters of the model follow them in `params`).
pub const SCENARIO_KEYS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "scenario.periods",
        "208",
        "1..=10000, whole",
        "periods",
        "The horizon T.",
    ),
    (
        "scenario.substeps",
        "8",
        "1..=1000, whole",
        "/period",
        "Euler steps per period (dt = 1/substeps); keep dt <= 1/8 week.",
    ),
    (
        "scenario.seed",
        "1",
        "0..=2^64-1",
        "",
        "The seed of the stochastic draws.",
    ),
    (
        "scenario.stochastic",
        "false",
        "true, false",
        "",
        "Draw flows of people instead of taking expected values.",
    ),
];

/// The parameter table as Markdown, as it appears in docs/model.md.
pub fn params_markdown() -> String {
    let mut s = String::from(
        "| key | default | valid | unit | event | meaning |\n|---|---|---|---|---|---|\n",
    );
    for (key, default, valid, unit, help) in SCENARIO_KEYS {
        s.push_str(&format!(
            "| `{key}` | {default} | {valid} | {unit} | no (scenario) | {help} |\n"
        ));
    }
    for p in PARAMS.iter() {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            p.key,
            crate::model::fmt_num(p.default),
            p.range_text(),
            p.unit,
            if p.initial_only {
                "no (initial)"
            } else {
                "yes"
            },
            p.help
        ));
    }
    s
}

fn open_tui(app: crate::tui::App) -> Result<(), Failure> {
    crate::tui::run_app(app).map_err(|e| Failure::Io(io::Error::other(format!("{e:#}"))))
}
