//! When the history cannot tell two explanations apart, a what-if says so:
//! two fits of one history, each holding a different member of a pair the
//! data cannot separate (discovery and the sales win rate, with no `leads`
//! column), must not give confident opposite answers.

use flywheel::analysis::fit::coverage::{Setting, noisy_history};
use flywheel::analysis::fit::{Fit, FitOptions, FitParam, fit};
use flywheel::analysis::uncertainty::{self, Draws, Shape, Uncertain, answers, cannot_tell};
use flywheel::model::{Config, ParamId, ParamSpec, metric};

use crate::support::run;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv");
const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml");

fn load(path: &str) -> Config {
    flywheel::scenario::load_file(std::path::Path::new(path))
        .expect("the example loads")
        .config
}

fn fit_of(start: &Config, ids: &[ParamId]) -> Fit {
    let truth = load("examples/company.toml");
    let h = noisy_history(
        &truth,
        &["customers", "new_customers", "revenue"],
        Setting {
            noise: 0.02,
            missing: 0.0,
        },
        3,
    );
    let params: Vec<FitParam> = ids
        .iter()
        .map(|id| FitParam::around(*id, &start.params))
        .collect();
    fit(start, &h, &params, &FitOptions::default(), &|_| {}).expect("fits")
}

/// Four more reps ($40k a month) against `rd` more a month for product,
/// under `f`: the share of the refits' draws in which the reps do better,
/// and whether the explanations disagree.
fn ask(f: &Fit, more_rd: f64) -> (f64, bool) {
    let mut reps = f.config.clone();
    reps.params[ParamId::InitialReps] += 4.0;
    reps.params[ParamId::SalesBase] += 40_000.0;
    let mut rd = f.config.clone();
    rd.params[ParamId::RdBase] += more_rd;
    let vary: Vec<Uncertain> = f
        .params
        .iter()
        .map(|p| Uncertain {
            spec: p.param.spec,
            lo: p.low,
            hi: p.high,
            mode: p.value,
            shape: Shape::Refits,
        })
        .collect();
    let value = metric("value").expect("value");
    let drawn = Draws {
        vary: vary.clone(),
        rows: f.draws.clone(),
    };
    let u = uncertainty::run(&reps, Some(&rd), &drawn, 300, 1, value, &|_| {}).expect("runs");
    let fitted: Vec<(&'static ParamSpec, f64)> = vary.iter().map(|v| (v.spec, v.mode)).collect();
    let alternatives: Vec<Vec<(&'static ParamSpec, f64)>> =
        f.alternatives.iter().map(|a| a.values(&f.params)).collect();
    let all = answers(&reps, &rd, &fitted, &alternatives, value);
    (u.first_better.expect("compared"), cannot_tell(&all))
}

#[test]
fn two_fits_holding_different_halves_of_a_confounded_pair_do_not_answer_confidently_and_oppositely()
{
    let mut low_win = load("examples/acme.toml");
    low_win.params[ParamId::WinRate] = 0.08;
    let a = fit_of(
        &low_win,
        &[ParamId::Innovation, ParamId::Imitation, ParamId::ChurnFloor],
    );
    let b = fit_of(
        &load("examples/acme.toml"),
        &[ParamId::WinRate, ParamId::Imitation, ParamId::ChurnFloor],
    );
    // Each fit holds the other's parameter where it is not: A a low win
    // rate, B the loaded discovery; the history cannot tell them apart.
    assert!(
        b.warnings
            .iter()
            .any(|w| w.to_string().contains("market.innovation: held at")),
        "{:?}",
        b.warnings
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.to_string().contains("sales.win_rate: held at")),
        "{:?}",
        a.warnings
    );
    let (pa, ta) = ask(&a, 60_000.0);
    let (pb, tb) = ask(&b, 60_000.0);
    // Their own refits alone answer confidently and oppositely ...
    assert!(pa < 0.1 && pb > 0.9, "the refits' shares: {pa} and {pb}");
    // ... and both say the history cannot tell.
    assert!(ta && tb, "cannot tell: {ta} and {tb}");
}

/// The command line's side: a fit that held the win rate
/// low on a history without leads, then four more reps against $60k more a
/// month for product: the report says the history cannot tell.
#[test]
fn montecarlo_versus_says_when_the_history_cannot_tell_which_policy_is_better() {
    let dir = crate::support::TempDir::new("cannot-tell");
    let history: String = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            format!("{},{},{},{}\n", cells[0], cells[1], cells[2], cells[4])
        })
        .collect();
    assert!(
        history.starts_with("period,customers,new_customers,revenue\n"),
        "{history}"
    );
    let csv = dir.join("no-leads.csv");
    std::fs::write(&csv, history).unwrap();
    let acme = std::fs::read_to_string(ACME).unwrap();
    let low_win = acme.replace("[sales]\n", "[sales]\nwin_rate = 0.08\n");
    let (base, reps, rd) = (
        dir.join("base.toml"),
        dir.join("reps.toml"),
        dir.join("rd.toml"),
    );
    std::fs::write(&base, &low_win).unwrap();
    std::fs::write(
        &reps,
        low_win
            .replace("initial_reps = 6 ", "initial_reps = 10 ")
            .replace("sales_base = 60000 ", "sales_base = 100000 "),
    )
    .unwrap();
    std::fs::write(
        &rd,
        low_win.replace("rd_base = 150000 ", "rd_base = 210000 "),
    )
    .unwrap();
    let (ok, fit_json, err) = run(&[
        "fit",
        base.to_str().unwrap(),
        "--data",
        csv.to_str().unwrap(),
        "--param",
        "market.innovation",
        "--param",
        "market.imitation",
        "--param",
        "retention.churn_floor",
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    let fit_path = dir.join("fit.json");
    std::fs::write(&fit_path, &fit_json).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&fit_json).unwrap();
    assert!(!doc["alternatives"].as_array().unwrap().is_empty(), "{doc}");
    assert_eq!(doc["draws"].as_array().unwrap().len(), 200);
    let args = [
        "montecarlo",
        reps.to_str().unwrap(),
        "--from-fit",
        fit_path.to_str().unwrap(),
        "--versus",
        rd.to_str().unwrap(),
        "--runs",
        "200",
    ];
    let (ok, out, err) = run(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("the history cannot tell which is better"),
        "{out}"
    );
    assert!(out.contains("as fitted (sales.win_rate 0.08, "), "{out}");
    assert!(out.contains("the fit's refits, drawn together"), "{out}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (ok, out, err) = run(&json_args);
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["versus"]["cannot_tell"], true, "{doc}");
    assert!(doc["versus"]["explanations"].as_array().unwrap().len() >= 2);
}
