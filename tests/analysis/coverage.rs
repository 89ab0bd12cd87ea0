//! The coverage study of the fit's 90% intervals (see
//! `analysis::fit::coverage`): histories made by `examples/company.toml` (the
//! hidden company of the README's walk-through), 1%, 3% and 10% noise, with
//! and without a fifth of the periods missing, fitted from
//! `examples/acme.toml`. CI runs 20 seeds; the ignored `coverage_study` runs
//! 100 and writes (with FLYWHEEL_UPDATE_README) or checks the README's table.

use flywheel::analysis::fit::coverage::{Covered, Setting, study};
use flywheel::analysis::fit::{DEFAULT_PARAMS, FitOptions, FitParam};
use flywheel::model::Config;

fn load(path: &str) -> Config {
    flywheel::scenario::load_file(std::path::Path::new(path))
        .expect("the example loads")
        .config
}

const COLUMNS: [&str; 4] = ["customers", "new_customers", "leads", "revenue"];

const SETTINGS: [Setting; 6] = [
    Setting {
        noise: 0.01,
        missing: 0.0,
    },
    Setting {
        noise: 0.03,
        missing: 0.0,
    },
    Setting {
        noise: 0.10,
        missing: 0.0,
    },
    Setting {
        noise: 0.01,
        missing: 0.2,
    },
    Setting {
        noise: 0.03,
        missing: 0.2,
    },
    Setting {
        noise: 0.10,
        missing: 0.2,
    },
];

fn run(seeds: u64) -> Vec<(Setting, Vec<Covered>)> {
    let truth = load("examples/company.toml");
    let start = load("examples/acme.toml");
    // The ranges `flywheel fit` searches in this monthly scenario.
    let weeks = flywheel::scenario::period::weeks("month");
    let params: Vec<FitParam> = DEFAULT_PARAMS
        .iter()
        .map(|id| FitParam::around_in(*id, &start.params, weeks))
        .collect();
    SETTINGS
        .iter()
        .map(|s| {
            let c = study(
                &truth,
                &start,
                &params,
                &COLUMNS,
                *s,
                0..seeds,
                &FitOptions {
                    weeks,
                    ..FitOptions::default()
                },
            )
            .expect("the study's fits run");
            (*s, c)
        })
        .collect()
}

/// The study as the README's table: one row a setting, one column a parameter.
fn table(results: &[(Setting, Vec<Covered>)]) -> String {
    let keys: Vec<&str> = DEFAULT_PARAMS
        .iter()
        .map(|id| flywheel::model::ParamSpec::of(*id).key)
        .collect();
    let mut out = format!(
        "| noise | missing periods | {} |\n|---|---|{}\n",
        keys.join(" | "),
        "---:|".repeat(keys.len())
    );
    for (s, c) in results {
        let cells: Vec<String> = c.iter().map(|p| format!("{}/{}", p.hits, p.fits)).collect();
        out.push_str(&format!(
            "| {:.0}% | {:.0}% | {} |\n",
            100.0 * s.noise,
            100.0 * s.missing,
            cells.join(" | ")
        ));
    }
    out
}

/// 20 seeds: pooled over the six settings, each parameter's interval holds
/// the truth in 85% to 95% of the fits.
#[test]
fn nominal_90_percent_intervals_hold_the_truth_about_90_percent_of_the_time() {
    let results = run(20);
    for k in 0..DEFAULT_PARAMS.len() {
        let hits: usize = results.iter().map(|(_, c)| c[k].hits).sum();
        let fits: usize = results.iter().map(|(_, c)| c[k].fits).sum();
        let share = hits as f64 / fits as f64;
        assert!(
            (0.85..=0.95).contains(&share),
            "{:?}: {hits}/{fits} intervals held the truth\n{}",
            DEFAULT_PARAMS[k],
            table(&results)
        );
    }
}

/// 100 seeds: every parameter in every setting 85% to 95%, and the README's
/// table is this study's.
#[test]
#[ignore = "the full study: about a minute and a half in release"]
fn coverage_study() {
    let results = run(100);
    let made = table(&results);
    for (s, c) in &results {
        for p in c {
            assert!(
                (0.85..=0.95).contains(&p.share()),
                "{s:?} {:?}: {}/{}\n{made}",
                p.id,
                p.hits,
                p.fits
            );
        }
    }
    const START: &str = "<!-- coverage:start -->\n";
    const END: &str = "<!-- coverage:end -->";
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let a = readme.find(START).expect("the coverage start marker") + START.len();
    let b = readme.find(END).expect("the coverage end marker");
    if std::env::var_os("FLYWHEEL_UPDATE_README").is_some() {
        let text = format!("{}{made}{}", &readme[..a], &readme[b..]);
        std::fs::write("README.md", text).expect("README.md written");
    } else {
        assert_eq!(
            &readme[a..b],
            made,
            "the README's coverage table is not this study's; run it with FLYWHEEL_UPDATE_README=1"
        );
    }
}
