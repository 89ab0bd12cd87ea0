//! The XMILE export checked against real peers: every deterministic preset
//! and perturbed runs (fractional latency, a latency event, substeps 1 and 4,
//! funding rounds) exported, run in PySD and in Simlin's Python package
//! (`tests/xmile/run_pysd.py`) and compared with `flywheel run --format
//! csv`, every output column row by row, to 1e-6: stocks at TIME t with row
//! t, the per-period amounts `period_<column>` at TIME t + 1 with row t. On
//! CI (`CI=true`, or `FLYWHEEL_REQUIRE_TOOLS=1` as `.ci/run` sets) they must
//! run; locally without the Python environment that `.ci/run` makes they say
//! they were skipped.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use flywheel::model::COLUMNS;
use flywheel::report::export::{Delay, amount_columns, to_xmile_with};
use flywheel::scenario::PRESETS;

use crate::support::{self, TempDir, flywheel};

/// The Python of the PySD environment `.ci/run` makes, if there is one.
fn pysd_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FLYWHEEL_PYSD_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pysd-venv/bin/python");
    venv.exists().then_some(venv)
}

/// The runs compared: every deterministic preset, then perturbed ones.
fn cases() -> Vec<(String, Vec<String>)> {
    // A preset that does not load is `presets.rs`'s failure: named, left out.
    let mut out: Vec<(String, Vec<String>)> = PRESETS
        .iter()
        .filter(|p| match p.load() {
            Ok(s) => !s.config.stochastic,
            Err(e) => {
                eprintln!("note: preset {} does not load, not compared: {e:?}", p.name);
                false
            }
        })
        .map(|p| (p.name.to_string(), vec![p.name.to_string()]))
        .collect();
    let perturbed: &[&[&str]] = &[
        &["balanced", "--set", "feedback.latency=0"],
        &[
            "balanced",
            "--set",
            "feedback.latency=1",
            "--set",
            "feedback.capture=0.9",
        ],
        &[
            "balanced",
            "--set",
            "feedback.latency=40",
            "--periods",
            "120",
        ],
        &[
            "balanced",
            "--set",
            "market.growth=0.01",
            "--periods",
            "300",
        ],
        &["balanced", "--set", "market.growth=-0.03"],
        &[
            "bass-classic",
            "--set",
            "market.size=990000000000",
            "--set",
            "market.growth=0.004",
        ],
        &[
            "sales-push",
            "--set",
            "pricing.price=160",
            "--set",
            "retention.winback=0.05",
        ],
        &[
            "lesson-founder-scaleup",
            "--set",
            "finance.initial_cash=-200000",
            "--set",
            "finance.overdraft_rate=0.02",
        ],
        &[
            "balanced",
            "--set",
            "market.initial_customers=5000",
            "--set",
            "product.initial_insight_ratio=3",
        ],
        &["balanced", "--set", "feedback.latency=2.3"],
        &[
            "lesson-product-sales",
            "--set",
            "feedback.latency=0.05",
            "--set",
            "product.initial_insight_ratio=0",
        ],
        &[
            "sales-push",
            "--set",
            "sales.recontact_time=0",
            "--set",
            "market.detraction=20",
        ],
        &[
            "competitor-shock",
            "--set",
            "product.rd_base=0",
            "--set",
            "sales.sales_base=0",
            "--set",
            "sales.hiring_delay=1",
        ],
        &[
            "product-only",
            "--set",
            "pricing.price=2",
            "--set",
            "pricing.elasticity=3",
            "--set",
            "product.initial_strength=0",
        ],
        &[
            "lesson-product-sales",
            "--set",
            "product.rd_share=0",
            "--set",
            "finance.fixed_costs=50000",
        ],
    ];
    for (i, args) in perturbed.iter().enumerate() {
        out.push((
            format!("perturbed-{i}"),
            args.iter().map(|a| a.to_string()).collect(),
        ));
    }
    out
}

type Table = BTreeMap<String, Vec<f64>>;

fn read_csv(path: &Path) -> Table {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let mut t: Table = headers.iter().map(|h| (h.clone(), Vec::new())).collect();
    for rec in r.records() {
        let rec = rec.unwrap();
        for (h, v) in headers.iter().zip(rec.iter()) {
            t.get_mut(h).unwrap().push(v.parse().unwrap_or(f64::NAN));
        }
    }
    t
}

/// Relative 1e-6, with an absolute floor for values near 0.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) + 1e-9
}

/// Where a reader's output holds a column of row t: the variable, and how
/// many periods later (the amounts of row t are complete at TIME t + 1).
fn source(column: &str) -> (String, usize) {
    if column == "conversion" || amount_columns().any(|c| c == column) {
        (format!("period_{column}"), 1)
    } else {
        (column.to_string(), 0)
    }
}

/// Every output column, row by row: the first differences found.
fn differences(case: &str, ours: &Table, theirs: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for c in COLUMNS.iter().filter(|c| c.name != "period") {
        let (name, shift) = source(c.name);
        let (Some(a), Some(b)) = (ours.get(c.name), theirs.get(&name)) else {
            out.push(format!("{case}: the reader has no variable {name}"));
            continue;
        };
        if b.len() != a.len() + 1 {
            out.push(format!(
                "{case}: {name}: {} rows, the reader {} (expected one more: TIME T + 1)",
                a.len(),
                b.len()
            ));
            continue;
        }
        // Conversion is new customers over leads: with no leads (a market
        // that shrank to nothing) it is 0 over 0, and a reader's rounding
        // of "nothing" (1e-15 people) gives any ratio. Compared where
        // either model has a thousandth of a lead or more.
        let (leads, lead_shift) = source("leads");
        let defined = |t: usize| {
            c.name != "conversion"
                || ours
                    .get("leads")
                    .and_then(|l| l.get(t))
                    .is_some_and(|l| *l >= 1e-3)
                || theirs
                    .get(&leads)
                    .and_then(|l| l.get(t + lead_shift))
                    .is_some_and(|l| *l >= 1e-3)
        };
        if let Some(t) = (0..a.len()).find(|&t| defined(t) && !close(a[t], b[t + shift])) {
            out.push(format!(
                "{case}: {} at period {t}: flywheel {} vs the reader's {name} {}",
                c.name,
                a[t],
                b[t + shift]
            ));
        }
    }
    out
}

/// Runs the models in `reader`, split over as many Python processes as the
/// machine has cores (PySD takes most of a second a run).
fn reader_run(python: &Path, reader: &str, pairs: &[(PathBuf, PathBuf)]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xmile/run_pysd.py");
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let chunk = pairs.len().div_ceil(cores).max(1);
    let children: Vec<_> = pairs
        .chunks(chunk)
        .map(|part| {
            let mut cmd = std::process::Command::new(python);
            cmd.arg(&script).args(["--reader", reader]);
            for (model, out) in part {
                cmd.arg(model).arg(out);
            }
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{}: {e}", python.display()))
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("the reader runs");
        assert!(
            out.status.success(),
            "{reader} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Scenario files for what `--set` cannot say: sub-steps, events.
fn files(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut add = |name: &str, toml: &str| {
        let path = dir.join(format!("{name}.toml"));
        fs::write(&path, toml).unwrap();
        out.push((name.to_string(), vec![path.to_str().unwrap().to_string()]));
    };
    // Events of every kind: at period 0, two in one period, rounds before and
    // after a change, a price cut and its reversal, latency changes mid-run
    // (to a fractional one and back) with feedback in transit.
    add(
        "events",
        "[scenario]\nperiods = 150\n\
         [[events]]\nat = 0\nnote = \"seed money\"\nset = { \"finance.cash_injection\" = 250000, \"feedback.latency\" = 7 }\n\
         [[events]]\nat = 20\nnote = \"price cut\"\nset = { \"pricing.price\" = 70, \"sales.win_rate\" = 0.4 }\n\
         [[events]]\nat = 20\nnote = \"round A\"\nset = { \"finance.cash_injection\" = 1000000 }\n\
         [[events]]\nat = 40\nnote = \"reorg\"\nset = { \"feedback.latency\" = 2.6 }\n\
         [[events]]\nat = 60\nnote = \"back up\"\nset = { \"pricing.price\" = 100, \"market.growth\" = 0.002 }\n\
         [[events]]\nat = 61\nnote = \"round B\"\nset = { \"finance.cash_injection\" = 3000000, \"product.rd_share\" = 0.3 }\n\
         [[events]]\nat = 90\nnote = \"slower\"\nset = { \"feedback.latency\" = 11, \"feedback.insight_decay\" = 0.1 }\n\
         [[events]]\nat = 150\nnote = \"last period\"\nset = { \"finance.fixed_costs\" = 100000, \"finance.cash_injection\" = 5000 }\n",
    );
    add(
        "substeps-1",
        "[scenario]\nperiods = 120\n[feedback]\nlatency = 3\n\
         [[events]]\nat = 30\nnote = \"round\"\nset = { \"finance.cash_injection\" = 500000 }\n",
    );
    add(
        "substeps-4",
        "[scenario]\nperiods = 120\n[feedback]\nlatency = 1.3\n\
         [[events]]\nat = 10\nnote = \"round\"\nset = { \"finance.cash_injection\" = 500000 }\n",
    );
    add(
        "substeps-3",
        "[scenario]\nperiods = 60\n[feedback]\nlatency = 0.5\n",
    );
    out
}

/// The sub-steps a `substeps-N` case sets on its scenario.
fn substeps_of(name: &str) -> Option<u32> {
    name.strip_prefix("substeps-")?.parse().ok()
}

/// Exports and runs every case with `flywheel`, then in `reader`; returns the differences.
fn round_trip(
    python: &Path,
    reader: &str,
    dir: &Path,
    cases: &[(String, Vec<String>)],
    export_args: &[&str],
) -> Vec<String> {
    let mut pairs = Vec::new();
    for (name, args) in cases {
        let model = dir.join(format!("{name}.xmile"));
        let ours = dir.join(format!("{name}.csv"));
        let theirs = dir.join(format!("{name}.{reader}.csv"));
        pairs.push((model.clone(), theirs));
        if let Some(substeps) = substeps_of(name) {
            // The scenario file has no `substeps` key yet: set it on the
            // loaded scenario, export and run it through the library.
            let path = Path::new(&args[0]);
            let text = fs::read_to_string(path).unwrap();
            let mut sc = flywheel::scenario::parse(path.to_str().unwrap(), &text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            sc.config.substeps = substeps;
            let delay = if export_args.contains(&"builtin") {
                Delay::Builtin
            } else {
                Delay::Pipeline
            };
            fs::write(&model, to_xmile_with(&sc, delay).unwrap()).unwrap();
            let series = flywheel::model::simulate(&sc.config);
            let mut csv = Vec::new();
            flywheel::report::csv::write(&series, &mut csv).unwrap();
            fs::write(&ours, csv).unwrap();
            continue;
        }
        flywheel()
            .arg("export")
            .args(args)
            .args(["--format", "xmile", "-o"])
            .arg(&model)
            .args(export_args)
            .arg("--force")
            .assert()
            .success();
        flywheel()
            .arg("run")
            .args(args)
            .args(["--format", "csv", "--force", "-o"])
            .arg(&ours)
            .assert()
            .success();
    }
    reader_run(python, reader, &pairs);
    let mut problems = Vec::new();
    for (name, _) in cases {
        let ours = read_csv(&dir.join(format!("{name}.csv")));
        let theirs = read_csv(&dir.join(format!("{name}.{reader}.csv")));
        let periods = &ours["period"];
        let times = &theirs["period"];
        assert_eq!(
            &times[..times.len().min(periods.len())],
            &periods[..],
            "{name}: the same periods"
        );
        problems.extend(differences(name, &ours, &theirs));
    }
    problems
}

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} differences, first ones:\n{}",
        problems.len(),
        problems
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The reader's Python, or None where there is none: [`support::missing`]
/// says so, and fails where the tools are required (and on CI).
fn python_for(what: &str) -> Option<PathBuf> {
    let python = pysd_python();
    if python.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no Python environment: .ci/run makes target/pysd-venv (or set FLYWHEEL_PYSD_PYTHON)"
        );
        support::missing(&format!(
            "the Python environment of the {what} round trip (target/pysd-venv, or \
             FLYWHEEL_PYSD_PYTHON; make it with `python3 -m venv target/pysd-venv && \
             target/pysd-venv/bin/pip install pysd pysimlin`)"
        ));
    }
    python
}

#[test]
fn pysd_reproduces_every_column_of_every_run() {
    let Some(python) = python_for("PySD") else {
        return;
    };
    let dir = TempDir::new("xmile-pysd");
    let mut cases = cases();
    cases.extend(files(&dir));
    let problems = round_trip(&python, "pysd", &dir, &cases, &[]);
    report(&problems);

    // The comparison has teeth: another latency's run does not pass for this one.
    let slower = dir.join("slower.csv");
    flywheel()
        .args([
            "run",
            "balanced",
            "--set",
            "feedback.latency=5",
            "--format",
            "csv",
            "-o",
        ])
        .arg(&slower)
        .assert()
        .success();
    let theirs = read_csv(&dir.join("balanced.pysd.csv"));
    let found = differences("balanced", &read_csv(&slower), &theirs);
    assert!(
        found.iter().any(|d| d.contains("feedback_arrived")),
        "{found:?}"
    );
}

#[test]
fn pysd_reproduces_the_builtin_delay_where_it_is_exact() {
    let Some(python) = python_for("PySD (--delay builtin)") else {
        return;
    };
    let dir = TempDir::new("xmile-pysd-builtin");
    let cases: Vec<(String, Vec<String>)> = [
        &["balanced"][..],
        &["lesson-product-sales", "--set", "feedback.latency=0"],
        &["product-only", "--set", "feedback.latency=2.5"],
        &["competitor-shock"],
    ]
    .iter()
    .enumerate()
    .map(|(i, a)| {
        (
            format!("builtin-{i}"),
            a.iter().map(|s| s.to_string()).collect(),
        )
    })
    .collect();
    report(&round_trip(
        &python,
        "pysd",
        &dir,
        &cases,
        &["--delay", "builtin"],
    ));
}

#[test]
fn simlin_reproduces_every_column_of_a_few_runs() {
    let Some(python) = python_for("Simlin") else {
        return;
    };
    let dir = TempDir::new("xmile-simlin");
    let mut cases: Vec<(String, Vec<String>)> =
        ["balanced", "lesson-product-sales", "competitor-shock"]
            .iter()
            .filter(|p| PRESETS.iter().any(|q| q.name == **p))
            .map(|p| (p.to_string(), vec![p.to_string()]))
            .collect();
    cases.push((
        "fractional".into(),
        ["balanced", "--set", "feedback.latency=2.3"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    ));
    cases.extend(files(&dir));
    report(&round_trip(&python, "simlin", &dir, &cases, &[]));
}
