//! Benchmark of `flywheel fit`'s search: 4 parameters fitted to 156 periods
//! of 3 series (customers, new_customers, revenue) of a stochastic run of
//! `balanced`, with 200 bootstrap refits for the intervals.
//!
//! Run with `cargo bench --bench fit`. Target: the whole command under 2 s.

use divan::Bencher;
use flywheel::analysis::fit::{DEFAULT_PARAMS, FitOptions, FitParam, fit};
use flywheel::analysis::history::{History, Observed};
use flywheel::model::{Config, column, simulate};

fn main() {
    divan::main();
}

fn balanced() -> Config {
    flywheel::scenario::preset("balanced")
        .expect("the balanced preset")
        .load()
        .expect("balanced parses")
        .config
}

fn history() -> History {
    let mut cfg = balanced();
    cfg.periods = 155;
    cfg.stochastic = true;
    three_series(&cfg)
}

/// Customers, new customers and revenue of a run of `cfg`, every period.
fn three_series(cfg: &Config) -> History {
    let run = simulate(cfg);
    History {
        source: "bench".into(),
        periods: run.rows.iter().map(|r| r.period).collect(),
        series: ["customers", "new_customers", "revenue"]
            .iter()
            .map(|n| {
                let c = column(n).expect("a column");
                Observed::new(c, run.rows.iter().map(|r| Some((c.get)(r))).collect())
            })
            .collect(),
        header: (1, String::new()),
        dates: None,
    }
}

/// The whole fit: sample, local searches, polish and 200 refits.
#[divan::bench(sample_count = 10)]
fn four_params_156_periods_3_series(bencher: Bencher) {
    let base = balanced();
    let h = history();
    let params: Vec<FitParam> = DEFAULT_PARAMS
        .iter()
        .map(|id| FitParam::around(*id, &base.params))
        .collect();
    let opts = FitOptions::default();
    bencher.bench(|| fit(&base, &h, &params, &opts, &|_| {}).expect("fits"));
}

/// Six parameters fitted to 120 months of 3 series (customers,
/// new_customers, revenue) of a stochastic run of `examples/company.toml`,
/// from `examples/acme.toml`, with 200 refits for the intervals and the
/// search of other explanations. Target: the whole command under 3 s.
#[divan::bench(sample_count = 5)]
fn six_params_120_months_3_series(bencher: Bencher) {
    let load = |p: &str| {
        flywheel::scenario::load_file(std::path::Path::new(p))
            .expect("the example loads")
            .config
    };
    let mut truth = load("examples/company.toml");
    truth.periods = 119;
    truth.stochastic = true;
    truth.seed = 3;
    let h = three_series(&truth);
    let base = load("examples/acme.toml");
    let params: Vec<FitParam> = [
        "market.innovation",
        "market.imitation",
        "sales.win_rate",
        "retention.churn_floor",
        "market.size",
        "product.rd_effect",
    ]
    .iter()
    .map(|k| flywheel::analysis::fit::parse_param(k, &base.params).expect("a parameter"))
    .collect();
    let opts = FitOptions::default();
    bencher.bench(|| fit(&base, &h, &params, &opts, &|_| {}).expect("fits"));
}
