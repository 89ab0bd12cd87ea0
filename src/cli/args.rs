//! The command line's shape: clap definitions of every command and option.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
  flywheel plot balanced --baseline silo --bands -o chart.svg
  flywheel export balanced --format xmile -o balanced.xmile
  flywheel serve lesson-latency --code latte-at-11  host a class: teams join with ssh -p 2222 TEAM@HOST
  flywheel fit balanced --data history.csv --out fitted.toml";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "flywheel", version, about = ABOUT, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// What to do; with none, the interactive simulator opens on `balanced`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The interface language: en, zh (Simplified) or zh-Hant (Traditional; also zh-TW,
    /// zh-HK); default: from LC_ALL, LC_MESSAGES or LANG.
    #[arg(long, global = true, value_name = "en|zh|zh-Hant", value_parser = parse_lang)]
    pub lang: Option<crate::i18n::Lang>,
}

fn parse_lang(text: &str) -> Result<crate::i18n::Lang, String> {
    text.parse()
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

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// XMILE 1.0, the OASIS standard (Stella, Vensim's XMILE import, PySD, Simlin).
    Xmile,
}

/// How `export` writes the feedback latency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportDelay {
    /// A chain of one-sub-step stocks: exact for any latency and any change, in every reader.
    #[default]
    Pipeline,
    /// XMILE's DELAY built-in: whole sub-steps and one latency only; exact where DELAY is a fixed pipeline (PySD).
    Builtin,
}

/// The file format of `export` and how it writes the model.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ExportChoice {
    /// The file format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Xmile)]
    pub format: ExportFormat,
    /// How the feedback latency is written: a pipeline of stocks (exact everywhere) or DELAY.
    #[arg(long, value_enum, default_value_t = ExportDelay::Pipeline)]
    pub delay: ExportDelay,
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
  flywheel run integrated --format json | jq .summary
  flywheel run fitted.toml --data history.csv --set sales.sales_share=0.3

With --from PERIOD (or --data: from the history's last period), the past
runs as the scenario stands, --set acts from then on, and every figure is
measured from then (see docs/fit.md, \"What-ifs from today\").")]
    Run {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// Decide from today: --from, --from-data, --data.
        #[command(flatten)]
        today: super::today::Today,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// Validate scenario files; every problem is reported as file:line:column.
    #[command(after_help = "Examples:
  flywheel check my.toml
  flywheel check scenarios/*.toml
  flywheel check --lang zh-Hant my.toml   also list the texts with no Traditional Chinese")]
    Check {
        /// Scenario files (or preset names) to check.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
    /// List the embedded presets with their descriptions.
    #[command(after_help = "Example:\n  flywheel list")]
    List,
    /// Print a preset's TOML, to start a scenario of your own from it.
    #[command(
        after_help = "Examples:\n  flywheel show balanced > my-scenario.toml\n  flywheel show balanced --period month > monthly.toml

With --period, every rate, amount per period, delay, the horizon and the
event periods are converted (see docs/fit.md); a weekly and a monthly
version of a preset tell the same story within a few percent."
    )]
    Show {
        /// The preset's name (or, with --period, any scenario file).
        preset: String,
        /// Convert the scenario to this period: day, week, month, quarter or year.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
    /// List every parameter: key, default, valid range, unit and help.
    #[command(after_help = "Examples:\n  flywheel params\n  flywheel params --markdown")]
    Params {
        /// Print a Markdown table (as in docs/model.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Write the model as a file other tools open: XMILE for Stella, Vensim, PySD.
    #[command(after_help = "Examples:
  flywheel export balanced --format xmile -o balanced.xmile
  flywheel export competitor-shock --set feedback.latency=12 > shock.xmile
  python -c \"import pysd; print(pysd.read_xmile('balanced.xmile').run())\"

The file reproduces `flywheel run --format csv` (Euler, DT = 1/substeps, run
to T + 1): at TIME t the stocks are row t's; the amount columns (revenue,
new_customers, ...) are the stocks period_<column> at TIME t + 1. The
feedback latency is a pipeline of one-sub-step stocks (--delay pipeline, the
default: exact for fractional latencies and latency events in any reader);
--delay builtin writes XMILE's DELAY instead (whole sub-steps, one latency).
Refused: stochastic runs (XMILE has no binomial draws).")]
    Export {
        /// The scenario and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// The file format and how the model is written.
        #[command(flatten)]
        format: ExportChoice,
        /// Write to this file instead of standard output (never overwrites without --force).
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Many stochastic runs: per-period percentiles and the spread of every metric.
    #[command(after_help = "Examples:
  flywheel montecarlo balanced
  flywheel montecarlo balanced --runs 10000 --seed 7 --format csv --out bands.csv
  flywheel montecarlo sales-push --set feedback.capture=0.6 --format json
  flywheel montecarlo mine.toml --vary sales.win_rate=0.2..0.4:triangular --vary market.imitation=0.1..0.3
  flywheel montecarlo fitted.toml --from-fit fit.json --versus more-rd.toml --metric total_profit

With --vary or --from-fit the parameters we do not know are drawn (each draw
a run, seeds seed, seed+1, ...): the spread of every result, how much each
uncertain parameter drives --metric, and with --versus how often this
scenario beats the other under the same draws.")]
    Montecarlo {
        /// The scenario and its overrides (the seed of run i is seed + i).
        #[command(flatten)]
        opts: RunOptions,
        /// How many runs (1..=100000).
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        /// An uncertain parameter, drawn: section.key=LOW..HIGH[:triangular|uniform] (repeatable).
        #[arg(long, value_name = "KEY=LOW..HIGH[:SHAPE]")]
        vary: Vec<String>,
        /// Draw the fitted parameters from a fit's intervals (the JSON of `fit --format json`).
        #[arg(long, value_name = "FIT.json")]
        from_fit: Option<PathBuf>,
        /// Another policy run under the same draws: how often this one does better.
        #[arg(long, value_name = "FILE|PRESET")]
        versus: Option<String>,
        /// The result the sensitivity and --versus are about.
        #[arg(long, default_value = "value")]
        metric: String,
        /// Decide from today: --from, --from-data, --data.
        #[command(flatten)]
        today: super::today::Today,
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
    /// Which lever matters most: each parameter a user decides moved down and
    /// up, ranked as a tornado (`--all` adds the structural constants).
    #[command(after_help = "Examples:
  flywheel sensitivity balanced
  flywheel sensitivity silo --metric final_customers --delta 10%
  flywheel sensitivity balanced --all --format csv --out tornado.csv")]
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
        /// Rank every parameter, the structural constants (exponents, scales,
        /// half-saturations) too, not only the levers a user decides.
        #[arg(long)]
        all: bool,
        /// Where and how to write the result.
        #[command(flatten)]
        output: Output,
    },
    /// The best steady policy: constant decisions within their ranges that maximise a metric under conditions.
    #[command(after_help = "Examples:
  flywheel optimize balanced --decide product.rd_share=0..0.5 --decide sales.sales_share=0..0.95 --decide pricing.price=50..200
  flywheel optimize balanced --decide pricing.price --objective final_customers --constraint \"total_profit >= 0\"
  flywheel optimize my.toml --decide sales.sales_share=0..1 --constraint none --format json

A bare --decide KEY searches the slider's drawn range. The default objective
is value (discounted profit plus what the end state is worth, so an end-game
harvest does not pay) and the default condition min_cash >= 0; --constraint none
drops it. The model's rule rd_share + sales_share <= 1 always holds.")]
    Optimize {
        /// The scenario and its overrides (the run as loaded).
        #[command(flatten)]
        opts: RunOptions,
        /// A decision and its range, as section.key=LOW..HIGH (repeatable).
        #[arg(long = "decide", value_name = "KEY=LOW..HIGH", required = true)]
        decide: Vec<String>,
        /// The summary metric to maximise (value: discounted profit plus the end state's worth).
        #[arg(long, default_value = "value")]
        objective: String,
        /// A condition the run must meet, as "METRIC >= VALUE" (repeatable; default "min_cash >= 0").
        #[arg(long = "constraint", value_name = "CONDITION")]
        constraints: Vec<String>,
        /// Decide from today: --from, --from-data, --data.
        #[command(flatten)]
        today: super::today::Today,
        /// Where and how to write the result (table or json).
        #[command(flatten)]
        output: Output,
    },
    /// Draw the four charts as a picture for slides (.svg or .png), of a
    /// scenario or of a saved session (its decisions marked).
    #[command(after_help = "Examples:
  flywheel plot balanced -o balanced.svg
  flywheel plot integrated --baseline silo -o walls.png
  flywheel plot balanced --bands --runs 500 -o bands.svg
  flywheel plot team-a.session.toml --title \"Team A\" -o team-a.png
  flywheel plot balanced --lang zh -o balanced-zh.svg
  flywheel plot fitted.toml --data history.csv -o fit.svg")]
    Plot {
        /// The scenario and its overrides, or a session file.
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
        /// The picture's title (default: the scenario's name and horizon).
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// The picture to write; .svg or .png.
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// Replace the picture if it exists.
        #[arg(long)]
        force: bool,
        /// Decide from today (--from, --from-data) and a company's history
        /// (--data) drawn as points, with where the data end.
        #[command(flatten)]
        today: super::today::Today,
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
    /// Put several sessions side by side against autopilot and the best steady policy.
    #[command(after_help = "Examples:
  flywheel debrief sessions/*.toml
  flywheel debrief team-a.toml team-b.toml team-c.toml --plot room.svg
  flywheel debrief sessions/*.toml --format json

Each team is scored as in play: the share of the gap from autopilot to the
best steady policy it closed; both references are listed as rows.")]
    Debrief {
        /// Session files.
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Also draw every team's customers and cash on one picture (.svg or .png).
        #[arg(long, value_name = "FILE.svg|png")]
        plot: Option<PathBuf>,
        /// Replace the picture if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Host a class over SSH: every team joins with `ssh -p PORT TEAM@HOST`.
    #[command(after_help = "Examples:
  flywheel serve lesson-latency --code latte-at-11
  flywheel serve balanced --port 2222 --dir class-monday --lockstep
  flywheel serve balanced --mode explore --no-board

Participants type (the user name is the team, the password the class code):
  ssh -p 2222 team-a@192.168.1.20")]
    Serve(ServeArgs),
    /// Describe a company in your own terms (customers, price and churn per
    /// month or year, reps, product team, feedback, cash): a scenario in model units.
    #[command(after_help = "Examples:
  flywheel init -o mine.toml                  asks in the terminal
  flywheel init --customers 400 --price 1500/month --churn 1.5%/month --reps 6 \\
      --rep-cost 10k/month --team 12 --team-cost 150k/year --feedback-every monthly \\
      --cash 2M -o mine.toml")]
    Init {
        /// The answers, as flags (what is missing is asked, on a terminal).
        #[command(flatten)]
        answers: super::init::InitArgs,
        /// Write the scenario here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Scenarios side by side: headline results with each one's change
    /// against the first, and the parameters in which they differ.
    #[command(after_help = "Examples:
  flywheel compare balanced silo integrated
  flywheel compare mine.toml fitted.toml --format markdown
  flywheel compare balanced sales-push --format csv > compare.csv")]
    Compare {
        /// Two or more scenario files or presets; the first is the reference.
        #[arg(value_name = "FILE|PRESET", required = true, num_args = 2..)]
        scenarios: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = super::compare::CompareFormat::Table)]
        format: super::compare::CompareFormat,
        /// Decide from today: the first scenario is the past, the others act from --from.
        #[command(flatten)]
        today: super::today::Today,
    },
    /// Fit parameters to a company's history (a CSV of periods and output
    /// columns) by weighted least squares; report intervals and goodness of fit.
    #[command(after_help = "Examples:
  flywheel fit balanced --data examples/history.csv
  flywheel fit mine.toml --data history.csv --param market.imitation --param sales.win_rate=0.1..0.6
  flywheel fit mine.toml --data history.csv --out fitted.toml --format json

The CSV has a `period` column and any of the output columns of `flywheel run
--format csv` (customers, new_customers, revenue, churned, cash, ...); blank
cells are missing periods; lines starting with # are comments. With no
--param, the fit takes market.innovation, market.imitation, sales.win_rate
and retention.churn_floor.")]
    Fit {
        /// The scenario to start from and its overrides.
        #[command(flatten)]
        opts: RunOptions,
        /// The history: a CSV with a `period` column and output columns.
        #[arg(long, value_name = "CSV")]
        data: PathBuf,
        /// A parameter to fit, as section.key or section.key=LOW..HIGH, or the
        /// value a named event sets, as event.NAME.section.key[=LOW..HIGH] (repeatable).
        #[arg(long = "param", value_name = "KEY[=LOW..HIGH]")]
        params: Vec<String>,
        /// Bootstrap refits for the 90% intervals (0: none).
        #[arg(long, default_value_t = 200)]
        refits: usize,
        /// Back-test: fit the history before its last N periods (the
        /// scenario's periods) and forecast them, beside a naive and a Bass
        /// baseline; the fit reported and saved is that one.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        holdout: Option<u32>,
        /// With --holdout: repeat the back-test at K cut-offs, N periods
        /// apart, and report the mean errors.
        #[arg(long, value_name = "K", requires = "holdout", value_parser = clap::value_parser!(u32).range(1..))]
        rolling: Option<u32>,
        /// Save the fitted scenario here (never overwrites without --force).
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the saved scenario if it exists.
        #[arg(long)]
        force: bool,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = super::fit::FitFormat::Table)]
        format: super::fit::FitFormat,
    },
    /// Open the interactive simulator on a scenario.
    #[command(
        after_help = "Examples:\n  flywheel tui\n  flywheel tui silo\n  flywheel tui my.toml --set feedback.latency=12\n  flywheel tui fitted.toml --data history.csv"
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
        /// Decide from today (--from, --from-data) and a company's history
        /// (--data) drawn as points, with the fit in the KPI strip; with
        /// --data the sliders act from where the data end.
        #[command(flatten)]
        today: super::today::Today,
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

/// The options of `flywheel serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// A scenario file, or the name of a preset (see `flywheel list`).
    #[arg(value_name = "FILE|PRESET")]
    pub scenario: String,
    /// Override a parameter of the scenario (repeatable).
    #[arg(long = "set", value_name = "SECTION.KEY=VALUE")]
    pub set: Vec<String>,
    /// The port to listen on.
    #[arg(long, default_value_t = 2222)]
    pub port: u16,
    /// The address to listen on (0.0.0.0: every network of this machine).
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0")]
    pub bind: String,
    /// The class code participants type as the password (default: a random one).
    #[arg(long)]
    pub code: Option<String>,
    /// Where the host key and every team's session file are kept.
    #[arg(long, value_name = "DIR", default_value = "flywheel-class")]
    pub dir: PathBuf,
    /// The most teams in the class.
    #[arg(long, default_value_t = 60)]
    pub max_teams: usize,
    /// The most laptops one team may play on at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_per_team: usize,
    /// One laptop a team (the same as --max-per-team 1).
    #[arg(long, conflicts_with = "max_per_team")]
    pub one_per_team: bool,
    /// What participants get: the turn-based game or the explorer.
    #[arg(long, value_enum, default_value_t = crate::serve::ServeMode::Play)]
    pub mode: crate::serve::ServeMode,
    /// Teams wait for the facilitator to open each turn.
    #[arg(long)]
    pub lockstep: bool,
    /// With --lockstep: seconds a turn stays open; then it plays itself for the teams that have not played, with their decisions as they stand.
    #[arg(long, value_name = "SECS")]
    pub turn_seconds: Option<u64>,
    /// With --lockstep: open the next turn as soon as every team has played it.
    #[arg(long)]
    pub auto_advance: bool,
    /// Two seats a team: `ssh TEAM/product@HOST` decides R&D, `ssh TEAM/sales@HOST` the sales budget and price; shared levers need both; sales messages product through the feedback latency (`ssh TEAM@HOST` takes both seats).
    #[arg(long)]
    pub roles: bool,
    /// Log events as lines on stdout (and read commands on stdin) instead of the board.
    #[arg(long)]
    pub no_board: bool,
    /// Accept the public keys of this authorized_keys file instead of the code (with --code, both).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// A company's history (CSV) every explorer draws as points and can fit with `F` (with --mode explore).
    #[arg(long, value_name = "CSV")]
    pub data: Option<PathBuf>,
    /// Seconds a connection has, from its first byte, to log in and ask for a terminal.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub auth_timeout: u64,
    /// Seconds a screen may take nothing (a terminal paused with Ctrl-S) before the connection is dropped.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub write_timeout: u64,
    /// Seconds without a key before a participant is disconnected.
    #[arg(long, value_name = "SECS", default_value_t = 1800)]
    pub idle_timeout: u64,
}
