//! The command line: clap definitions and what each command does.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod montecarlo;
mod output;
mod plot;
mod progress;
mod sensitivity;
mod sweep;

use crate::model::{PARAMS, simulate, summarize};
use crate::report;
use crate::scenario::{self, Diagnostics, PRESETS, Scenario};

const ABOUT: &str = "A terminal simulator of the growth flywheel between product and sales.

Product creates value (R&D raises product strength), sales and word of mouth
deliver it, customers pay (value captured and reinvested), and what the front
line hears flows back to product as insight after a feedback latency.";

const MAIN_EXAMPLES: &str = "Examples:
  flywheel                                   open the simulator on the balanced preset
  flywheel tui silo                          open the simulator on another preset
  flywheel tui lesson-latency                open a lesson (n and p move between its steps)
  flywheel play lesson-latency --player Ann  play it turn by turn, the future hidden
  flywheel run balanced --set feedback.latency=26
  flywheel run my.toml --format csv --out run.csv
  flywheel check scenarios/*.toml
  flywheel list
  flywheel show integrated > mine.toml
  flywheel montecarlo balanced --runs 1000
  flywheel sweep balanced --param feedback.latency=0..52:4 --param pricing.price=50..200:25
  flywheel sensitivity balanced --metric total_revenue --delta 20%
  flywheel plot balanced --baseline silo --bands -o chart.svg";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "flywheel", version, about = ABOUT, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// What to do; with none, the interactive simulator opens on `balanced`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The interface language: en or zh (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_name = "en|zh", value_parser = parse_lang)]
    pub lang: Option<crate::i18n::Lang>,
}

fn parse_lang(text: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::parse(text)
        .ok_or_else(|| format!("unknown language \"{text}\"; use en or zh"))
}

/// The output formats of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Summary metrics and a compact per-period table.
    Table,
    /// Every period, every column, full precision.
    Csv,
    /// The resolved scenario, the summary and every row.
    Json,
}

/// Options shared by every command that runs a scenario.
#[derive(Debug, Clone, clap::Args)]
pub struct RunOptions {
    /// A scenario file, or the name of a preset (see `flywheel list`).
    #[arg(value_name = "FILE|PRESET")]
    pub scenario: String,
    /// Override a parameter, validated like a file value (repeatable).
    #[arg(long = "set", value_name = "SECTION.KEY=VALUE")]
    pub set: Vec<String>,
    /// The horizon in periods (1..=10000).
    #[arg(long, value_name = "N")]
    pub periods: Option<u32>,
    /// Draw flows on whole people instead of taking expected values.
    #[arg(long)]
    pub stochastic: bool,
    /// The seed for stochastic runs.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// Where a command writes its result, and in which format.
#[derive(Debug, Clone, clap::Args)]
pub struct Output {
    /// Output format (for sweep, table is a list for one parameter and a heat map for two).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to this file instead of standard output (never overwrites without --force).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// A command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario headless and print or write the result.
    #[command(after_help = "Examples:
  flywheel run balanced
  flywheel run balanced --set feedback.latency=26 --set pricing.price=80
  flywheel run scenarios/silo.toml --periods 104 --format csv --out silo.csv
  flywheel run integrated --format json | jq .summary")]
    Run {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// Validate scenario files; every problem is reported as file:line:column.
    #[command(after_help = "Examples:
  flywheel check my.toml
  flywheel check scenarios/*.toml")]
    Check {
        /// Scenario files (or preset names) to check.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
    /// List the embedded presets with their descriptions.
    #[command(after_help = "Example:\n  flywheel list")]
    List,
    /// Print a preset's TOML, to start a scenario of your own from it.
    #[command(after_help = "Example:\n  flywheel show balanced > my-scenario.toml")]
    Show {
        /// The preset's name.
        preset: String,
    },
    /// List every parameter: key, default, valid range, unit and help.
    #[command(after_help = "Examples:\n  flywheel params\n  flywheel params --markdown")]
    Params {
        /// Print a Markdown table (as in docs/model.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Many stochastic runs: per-period percentiles and the spread of every metric.
    #[command(after_help = "Examples:
  flywheel montecarlo balanced
  flywheel montecarlo balanced --runs 10000 --seed 7 --format csv --out bands.csv
  flywheel montecarlo sales-push --set feedback.capture=0.6 --format json")]
    Montecarlo {
        /// The scenario and its overrides (the seed of run i is seed + i).
        #[command(flatten)]
        opts: RunOptions,
        /// How many runs (1..=100000).
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// Sweep one parameter (a table) or two (a heat map) and report metrics.
    #[command(after_help = "Examples:
  flywheel sweep balanced --param feedback.latency=0..52:4
  flywheel sweep balanced --param feedback.latency=0..52:4 --param pricing.price=50..200:25
  flywheel sweep silo --param feedback.capture=0..1:0.1 --metric total_revenue,min_cash --format csv")]
    Sweep {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// A parameter and its range, as section.key=LOW..HIGH:STEP (once or twice).
        #[arg(long = "param", value_name = "KEY=LOW..HIGH:STEP", required = true)]
        params: Vec<String>,
        /// Metrics to report, comma-separated.
        #[arg(long, default_value = "total_revenue,final_customers")]
        metric: String,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// Which lever matters most: each parameter moved down and up, ranked as a tornado.
    #[command(after_help = "Examples:
  flywheel sensitivity balanced
  flywheel sensitivity silo --metric final_customers --delta 10%
  flywheel sensitivity balanced --format csv --out tornado.csv")]
    Sensitivity {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// The metric to explain.
        #[arg(long, default_value = "total_revenue")]
        metric: String,
        /// How far each parameter moves, as a share of its value (20% or 0.2).
        #[arg(long, default_value = "20%")]
        delta: String,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// Draw the four charts as a picture for slides (.svg or .png).
    #[command(after_help = "Examples:
  flywheel plot balanced -o balanced.svg
  flywheel plot integrated --baseline silo -o walls.png
  flywheel plot balanced --bands --runs 500 -o bands.svg")]
    Plot {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// A second scenario drawn as grey ghost curves.
        #[arg(long, value_name = "FILE|PRESET")]
        baseline: Option<String>,
        /// Shade Monte Carlo bands (5-95% and 25-75%).
        #[arg(long)]
        bands: bool,
        /// Runs for the bands.
        #[arg(long, default_value_t = 500)]
        runs: usize,
        /// The picture to write; .svg or .png.
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// Replace the picture if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Reproduce a saved play or explore session headless (the same CSV, byte for byte).
    #[command(after_help = "Examples:
  flywheel replay team-a.session.toml
  flywheel replay team-a.session.toml --format table")]
    Replay {
        /// A session file saved from play or explore.
        session: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Put several sessions side by side: results, settings changed, spread of decisions.
    #[command(after_help = "Examples:
  flywheel debrief sessions/*.toml
  flywheel debrief team-a.toml team-b.toml team-c.toml")]
    Debrief {
        /// Session files.
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
    },
    /// Open the interactive simulator on a scenario.
    #[command(
        after_help = "Examples:\n  flywheel tui\n  flywheel tui silo\n  flywheel tui my.toml --set feedback.latency=12"
    )]
    Tui {
        /// A scenario file or preset name (default: balanced).
        #[arg(value_name = "FILE|PRESET", default_value = "balanced")]
        scenario: String,
        /// Override a parameter (repeatable).
        #[arg(long = "set", value_name = "SECTION.KEY=VALUE")]
        set: Vec<String>,
        /// Who explores (recorded in a saved session).
        #[arg(long, value_name = "NAME", default_value = "")]
        player: String,
    },
    /// Play a scenario turn by turn: set the decisions it allows, advance, read the news.
    #[command(after_help = "Examples:
  flywheel play lesson-latency
  flywheel play lesson-latency --player \"Team A\"
  flywheel play my-workshop.toml --player Ann

Keys: ↑↓ select a decision, ←→ set it, a advance one turn, s save the session, ? help.
The charts show only the past; at the end a debrief compares you with the autopilot.")]
    Play {
        /// A scenario file or preset name.
        #[arg(value_name = "FILE|PRESET")]
        scenario: String,
        /// Who plays: a name or a team (recorded in the saved session).
        #[arg(long, value_name = "NAME", default_value = "")]
        player: String,
        /// Override a parameter before the game starts (repeatable).
        #[arg(long = "set", value_name = "SECTION.KEY=VALUE")]
        set: Vec<String>,
    },
}

/// Exit code for invalid input (a bad scenario, value or output path).
pub const EXIT_INVALID: u8 = 1;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::i18n::set_default(cli.lang.unwrap_or_else(crate::i18n::Lang::from_env));
    if let Err(e) = crate::interrupt::install() {
        let _ = writeln!(
            io::stderr(),
            "warning: cannot catch Ctrl-C ({e}); an interrupted job may leave a temporary file"
        );
    }
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(msg)) => {
            let _ = writeln!(io::stderr(), "{msg}");
            ExitCode::from(EXIT_INVALID)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Interrupted) => {
            let _ = writeln!(io::stderr(), "{}", crate::interrupt::Cancelled);
            ExitCode::from(130)
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitCode::from(EXIT_INVALID)
        }
    }
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
                format!(
                    "{p} is out of range; the horizon must be 1..={} periods",
                    scenario::load::MAX_PERIODS
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
        }) => {
            let mut s = scenario::resolve(&scenario)?;
            scenario::apply_set(&mut s, &set)?;
            open_tui(crate::tui::App::new(s).with_player(player))
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
        Some(Command::Montecarlo { opts, runs, output }) => {
            montecarlo::montecarlo(&opts, runs, &output)
        }
        Some(Command::Sweep {
            opts,
            params,
            metric,
            output,
        }) => sweep::sweep_cmd(&opts, &params, &metric, &output),
        Some(Command::Sensitivity {
            opts,
            metric,
            delta,
            output,
        }) => sensitivity::sensitivity_cmd(&opts, &metric, &delta, &output),
        Some(Command::Plot {
            opts,
            baseline,
            bands,
            runs,
            out,
            force,
        }) => plot::plot_cmd(&opts, baseline.as_deref(), bands, runs, &out, force),
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
        Some(Command::Debrief { sessions }) => {
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
            let d = crate::play::debrief::debrief(&loaded)?;
            Ok(crate::play::debrief::write_table(&d, &mut stdout.lock())?)
        }
        Some(Command::Check { files }) => {
            let mut bad = Vec::new();
            let mut out = stdout.lock();
            for f in &files {
                match scenario::resolve(f) {
                    Ok(s) => writeln!(out, "{f}: ok ({})", s.name)?,
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
        Some(Command::Show { preset }) => match scenario::preset(&preset) {
            Some(p) => Ok(stdout.lock().write_all(p.toml.as_bytes())?),
            None => Err(scenario::resolve(&preset).err().map_or_else(
                || Failure::Invalid(format!("{preset}: `show` prints presets; this is a file")),
                Failure::from,
            )),
        },
        Some(Command::Params { markdown }) => {
            let mut out = stdout.lock();
            if markdown {
                out.write_all(params_markdown().as_bytes())?;
            } else {
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

/// The parameter table as Markdown, as it appears in docs/model.md.
pub fn params_markdown() -> String {
    let mut s = String::from(
        "| key | default | valid | unit | event | meaning |\n|---|---|---|---|---|---|\n",
    );
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
