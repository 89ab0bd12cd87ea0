//! The XMILE export: the file's structure (checked in Rust), what it refuses,
//! the command line, and the round trip through PySD, the real peer, every
//! output column compared row by row with `flywheel run --format csv`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use flywheel::export::{Refusal, to_xmile, xmile::NAMESPACE};
use flywheel::model::{COLUMNS, PARAMS};
use flywheel::scenario::{self, PRESETS, Scenario};
use predicates::str::contains;
use quick_xml::events::Event;

// ---------------------------------------------------------------- a small DOM

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> &Node {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn attr(&self, key: &str) -> &str {
        self.attrs
            .get(key)
            .unwrap_or_else(|| panic!("<{}> has no {key}=", self.name))
    }
}

/// Parses a whole document; panics on anything not well-formed.
fn parse(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("an attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let node = open(&e);
                stack.last_mut().unwrap().children.push(node);
            }
            Event::End(_) => {
                let node = stack.pop().unwrap();
                stack
                    .last_mut()
                    .expect("an open element")
                    .children
                    .push(node);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().expect("a character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(r.as_ref())
                        .unwrap_or_else(|| panic!("unknown entity &{};", r.as_ref()))
                        .to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element is closed");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.pop().unwrap()
}

fn exported(s: &Scenario) -> Node {
    parse(&to_xmile(s).unwrap_or_else(|e| panic!("{}: {e}", s.name)))
}

/// XMILE names are case-insensitive and read underscores as spaces.
fn canonical(name: &str) -> String {
    name.to_lowercase().replace('_', " ")
}

const BUILTINS: &[&str] = &[
    "if", "then", "else", "and", "or", "not", "min", "max", "delay", "time",
];

fn identifiers(eqn: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_number = false;
    for c in eqn.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '_' || (c == '.' && in_number) {
            if word.is_empty() {
                in_number = c.is_ascii_digit();
            }
            word.push(c);
        } else {
            if !word.is_empty() && !in_number {
                out.push(word.clone());
            }
            word.clear();
            in_number = false;
        }
    }
    out
}

fn deterministic_presets() -> Vec<Scenario> {
    PRESETS
        .iter()
        .map(|p| p.load().unwrap())
        .filter(|s| !s.config.stochastic)
        .collect()
}

// ------------------------------------------------------------ structure

fn check_structure(s: &Scenario, root: &Node) {
    let who = &s.name;
    assert_eq!(root.name, "xmile", "{who}");
    assert_eq!(root.attr("version"), "1.0", "{who}");
    assert_eq!(root.attr("xmlns"), NAMESPACE, "{who}");
    let header = root.child("header");
    assert!(!header.child("vendor").text.is_empty(), "{who}: vendor");
    assert!(!header.child("product").text.is_empty(), "{who}: product");
    assert_eq!(header.child("name").text, s.name);

    let specs = root.child("sim_specs");
    assert!(specs.attr("method").eq_ignore_ascii_case("euler"), "{who}");
    assert_eq!(specs.attr("time_units"), s.period_label);
    assert_eq!(specs.child("start").text.parse::<f64>().unwrap(), 0.0);
    assert_eq!(
        specs.child("stop").text.parse::<f64>().unwrap(),
        f64::from(s.config.periods),
        "{who}: the horizon"
    );
    assert_eq!(specs.child("dt").text.parse::<f64>().unwrap(), 1.0);

    let vars = root.child("model").child("variables");
    let mut kinds = BTreeMap::new();
    for v in &vars.children {
        assert!(
            ["stock", "flow", "aux"].contains(&v.name.as_str()),
            "{who}: unexpected <{}>",
            v.name
        );
        let name = canonical(v.attr("name"));
        assert!(
            kinds.insert(name.clone(), v.name.clone()).is_none(),
            "{who}: {name} defined twice"
        );
        assert!(!v.child("eqn").text.trim().is_empty(), "{who}: {name} eqn");
        assert!(
            !v.child("units").text.trim().is_empty(),
            "{who}: {name} units"
        );
        assert!(!v.child("doc").text.trim().is_empty(), "{who}: {name} doc");
    }
    for v in &vars.children {
        let name = v.attr("name");
        for id in identifiers(&v.child("eqn").text) {
            let id = canonical(&id);
            assert!(
                BUILTINS.contains(&id.as_str()) || kinds.contains_key(&id),
                "{who}: {name} uses {id}, which is not defined"
            );
        }
        if v.name == "stock" {
            let flows: Vec<_> = v.all("inflow").chain(v.all("outflow")).collect();
            assert!(!flows.is_empty(), "{who}: stock {name} has no flow");
            for f in flows {
                assert_eq!(
                    kinds.get(&canonical(&f.text)).map(String::as_str),
                    Some("flow"),
                    "{who}: stock {name} names {}, which is not a flow",
                    f.text
                );
            }
        }
    }
    for c in COLUMNS.iter().filter(|c| c.name != "period") {
        assert!(
            kinds.contains_key(&canonical(c.name)),
            "{who}: no variable {}",
            c.name
        );
    }
    for stock in [
        "potential",
        "customers",
        "lapsed",
        "strength",
        "reps",
        "insight",
        "cash",
    ] {
        assert_eq!(kinds[stock], "stock", "{who}: {stock}");
    }
}

#[test]
fn every_deterministic_preset_exports_a_well_formed_xmile_model() {
    let presets = deterministic_presets();
    assert!(presets.len() >= 8, "the presets are exported");
    for s in &presets {
        check_structure(s, &exported(s));
    }
}

#[test]
fn each_parameter_carries_its_value_units_and_documentation() {
    let s = scenario::resolve("balanced").unwrap();
    let root = exported(&s);
    let vars = root.child("model").child("variables");
    for spec in PARAMS.iter() {
        let node = vars
            .all("aux")
            .find(|v| {
                v.child("doc")
                    .text
                    .contains(&format!("Scenario key: {}.", spec.key))
            })
            .unwrap_or_else(|| panic!("{} is not exported", spec.key));
        assert!(
            node.child("doc").text.starts_with(spec.help),
            "{}",
            spec.key
        );
        let value: f64 = node.child("eqn").text.parse().unwrap();
        assert_eq!(value, s.config.params[spec.id], "{}", spec.key);
    }
}

#[test]
fn text_from_the_scenario_is_escaped() {
    let toml = "[scenario]\nname = \"A <b> & \\\"c\\\" -- 'd'\"\ndescription = \"x --> y\"\n";
    let s = scenario::parse("odd.toml", toml).unwrap();
    let root = exported(&s);
    assert_eq!(root.child("header").child("name").text, s.name);
    check_structure(&s, &root);
}

#[test]
fn events_become_step_changes_and_a_funding_round_a_pulse() {
    let s = scenario::resolve("competitor-shock").unwrap();
    let xml = to_xmile(&s).unwrap();
    let root = parse(&xml);
    let vars = root.child("model").child("variables");
    let eqn = |name: &str| {
        vars.children
            .iter()
            .find(|v| v.attr("name") == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .child("eqn")
            .text
            .clone()
    };
    assert!(
        eqn("obsolescence").contains("TIME >= 78"),
        "{}",
        eqn("obsolescence")
    );
    assert!(eqn("rd_base").contains("TIME >= 104"));
    // The round is in cash at period 104: it flows in during period 103.
    assert!(eqn("cash_injection").contains("TIME = 103"));
    assert!(eqn("cash_injection").contains("2000000"));
    // Without events nothing varies over time.
    let plain = to_xmile(&scenario::resolve("balanced").unwrap()).unwrap();
    assert!(!plain.contains("TIME"));
    assert!(!plain.contains("cash_injection"));
}

fn with(toml: &str) -> Scenario {
    scenario::parse("t.toml", toml).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn what_xmile_cannot_say_exactly_is_refused_by_name() {
    let stochastic = with("[scenario]\nstochastic = true\n");
    let err = to_xmile(&stochastic).unwrap_err();
    assert_eq!(err, Refusal::Stochastic);
    assert!(err.to_string().contains("scenario.stochastic"), "{err}");

    let moved = with(
        "[feedback]\nlatency = 4\n[[events]]\nat = 30\nnote = \"reorg\"\nset = { \"feedback.latency\" = 12 }\n",
    );
    let msg = to_xmile(&moved).unwrap_err().to_string();
    assert!(
        msg.contains("feedback.latency") && msg.contains("period 30"),
        "{msg}"
    );
    assert!(msg.contains("from 4 to 12"), "{msg}");

    // From period 0 (before the run) or to the same value, a latency event is fine.
    let at_start =
        with("[[events]]\nat = 0\nnote = \"set up\"\nset = { \"feedback.latency\" = 9 }\n");
    assert!(
        to_xmile(&at_start)
            .unwrap()
            .contains("DELAY(feedback_sent, latency, 0)")
    );
    let same = with(
        "[feedback]\nlatency = 4\n[[events]]\nat = 30\nnote = \"no-op\"\nset = { \"feedback.latency\" = 4 }\n",
    );
    assert!(to_xmile(&same).is_ok());
}

#[test]
fn latency_zero_arrives_in_the_same_period_without_a_delay() {
    let s = with("[feedback]\nlatency = 0\n");
    let xml = to_xmile(&s).unwrap();
    assert!(!xml.contains("DELAY("));
    assert!(xml.contains("<eqn>feedback_sent</eqn>"));
}

// ------------------------------------------------------------ the command

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xmile-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn export_writes_stdout_or_a_file_and_never_overwrites_without_force() {
    let out = cargo_bin_cmd!("flywheel")
        .args(["export", "balanced", "--format", "xmile"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        to_xmile(&scenario::resolve("balanced").unwrap()).unwrap()
    );

    let dir = scratch("cli");
    let file = dir.join("m.xmile");
    let arg = file.to_str().unwrap();
    cargo_bin_cmd!("flywheel")
        .args(["export", "balanced", "-o", arg])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&file).unwrap(), stdout);
    cargo_bin_cmd!("flywheel")
        .args(["export", "silo", "-o", arg])
        .assert()
        .code(1)
        .stderr(contains("--force"));
    assert_eq!(fs::read_to_string(&file).unwrap(), stdout, "left as it was");
    cargo_bin_cmd!("flywheel")
        .args(["export", "silo", "-o", arg, "--force"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("<name>silo</name>")
    );
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");

    // A refusal writes nothing and names what to change.
    let refused = dir.join("r.xmile");
    cargo_bin_cmd!("flywheel")
        .args([
            "export",
            "balanced",
            "--stochastic",
            "-o",
            refused.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(contains("scenario.stochastic"))
        .stderr(contains("cannot export as XMILE"));
    assert!(!refused.exists());
    // --set is applied before the export.
    cargo_bin_cmd!("flywheel")
        .args(["export", "balanced", "--set", "pricing.price=123"])
        .assert()
        .success()
        .stdout(contains("<eqn>123.0</eqn>"));
}

// ------------------------------------------------------------ PySD, the peer

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
