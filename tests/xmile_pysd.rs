//! The XMILE export checked against the real peer: every deterministic
//! preset and perturbed runs exported, run in PySD (`tests/xmile/run_pysd.py`)
//! and compared with `flywheel run --format csv`, every output column row by
//! row, to 1e-6. On CI (`CI=true`) it must run; locally without the PySD
//! environment that `.ci/run` makes it says it was skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use flywheel::model::COLUMNS;
use flywheel::scenario::PRESETS;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xmile-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

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
    let mut out: Vec<(String, Vec<String>)> = PRESETS
        .iter()
        .filter(|p| !p.load().unwrap().config.stochastic)
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
            "founder-led",
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
            "product.initial_insight=3000",
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
            "silo",
            "--set",
            "pricing.price=2",
            "--set",
            "pricing.elasticity=3",
            "--set",
            "product.initial_strength=0",
        ],
        &[
            "integrated",
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

/// Every output column, row by row: the first differences found.
fn differences(case: &str, ours: &Table, theirs: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for c in COLUMNS {
        let (Some(a), Some(b)) = (ours.get(c.name), theirs.get(c.name)) else {
            out.push(format!("{case}: PySD has no column {}", c.name));
            continue;
        };
        if a.len() != b.len() {
            out.push(format!(
                "{case}: {}: {} rows, PySD {}",
                c.name,
                a.len(),
                b.len()
            ));
            continue;
        }
        if let Some(t) = (0..a.len()).find(|&t| !close(a[t], b[t])) {
            out.push(format!(
                "{case}: {} at period {t}: flywheel {} vs PySD {}",
                c.name, a[t], b[t]
            ));
        }
    }
    out
}

fn pysd_run(python: &Path, pairs: &[(PathBuf, PathBuf)]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xmile/run_pysd.py");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script);
    for (model, out) in pairs {
        cmd.arg(model).arg(out);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    assert!(
        out.status.success(),
        "PySD failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pysd_reproduces_every_column_of_every_run() {
    let Some(python) = pysd_python() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no PySD environment: .ci/run makes target/pysd-venv (or set FLYWHEEL_PYSD_PYTHON)"
        );
        eprintln!(
            "skipped: PySD round trip (no target/pysd-venv; make it with \
             `python3 -m venv target/pysd-venv && target/pysd-venv/bin/pip install pysd`, \
             as .ci/run does)"
        );
        return;
    };
    let dir = scratch("pysd");
    let mut cases = cases();
    // Events of every kind: at period 0, two in one period, rounds before and
    // after a change, a price cut and its reversal.
    let events = dir.join("events.toml");
    fs::write(
        &events,
        "[scenario]\nperiods = 150\n\
         [[events]]\nat = 0\nnote = \"seed money\"\nset = { \"finance.cash_injection\" = 250000, \"feedback.latency\" = 7 }\n\
         [[events]]\nat = 20\nnote = \"price cut\"\nset = { \"pricing.price\" = 70, \"sales.win_rate\" = 0.4 }\n\
         [[events]]\nat = 20\nnote = \"round A\"\nset = { \"finance.cash_injection\" = 1000000 }\n\
         [[events]]\nat = 60\nnote = \"back up\"\nset = { \"pricing.price\" = 100, \"market.growth\" = 0.002 }\n\
         [[events]]\nat = 61\nnote = \"round B\"\nset = { \"finance.cash_injection\" = 3000000, \"product.rd_share\" = 0.3 }\n\
         [[events]]\nat = 150\nnote = \"last period\"\nset = { \"finance.fixed_costs\" = 100000 }\n",
    )
    .unwrap();
    cases.push(("events".into(), vec![events.to_str().unwrap().to_string()]));
    let mut pairs = Vec::new();
    for (name, args) in &cases {
        let model = dir.join(format!("{name}.xmile"));
        let ours = dir.join(format!("{name}.csv"));
        let pysd = dir.join(format!("{name}.pysd.csv"));
        cargo_bin_cmd!("flywheel")
            .arg("export")
            .args(args)
            .args(["--format", "xmile", "-o"])
            .arg(&model)
            .assert()
            .success();
        cargo_bin_cmd!("flywheel")
            .arg("run")
            .args(args)
            .args(["--format", "csv", "-o"])
            .arg(&ours)
            .assert()
            .success();
        pairs.push((model, pysd));
    }
    pysd_run(&python, &pairs);

    let mut problems = Vec::new();
    let mut compared = BTreeSet::new();
    for (name, _) in &cases {
        let ours = read_csv(&dir.join(format!("{name}.csv")));
        let theirs = read_csv(&dir.join(format!("{name}.pysd.csv")));
        assert_eq!(ours["period"], theirs["period"], "{name}: the same periods");
        problems.extend(differences(name, &ours, &theirs));
        compared.insert(name.clone());
    }
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
    assert_eq!(compared.len(), cases.len());

    // The comparison has teeth: another latency's run does not pass for this one.
    let slower = dir.join("slower.csv");
    cargo_bin_cmd!("flywheel")
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
