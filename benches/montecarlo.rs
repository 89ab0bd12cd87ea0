//! Monte Carlo: 1,000 stochastic runs of `balanced` (208 weeks), on every core.
//! Target: under 0.3 s on a 2-core machine.

use flywheel::analysis::montecarlo;
use flywheel::scenario::resolve;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn thousand_runs_of_balanced(bencher: divan::Bencher) {
    let cfg = resolve("balanced").expect("preset").config;
    bencher.bench(|| montecarlo::run(divan::black_box(&cfg), 1000, &|_| {}));
}

#[divan::bench(sample_count = 10)]
fn one_stochastic_run_of_balanced(bencher: divan::Bencher) {
    let mut cfg = resolve("balanced").expect("preset").config;
    cfg.stochastic = true;
    bencher.bench(|| flywheel::model::simulate(divan::black_box(&cfg)));
}

/// 10,000 draws of a fit's refits (`examples/acme-fit.json`, drawn whole),
/// each run to the horizon of `examples/acme-fitted.toml` (36 months) and
/// summarised, on every core. Target: under 1 s.
#[divan::bench(sample_count = 5)]
fn ten_thousand_joint_draws_of_a_fit(bencher: divan::Bencher) {
    use flywheel::analysis::uncertainty;
    let cfg = flywheel::scenario::load_file(std::path::Path::new("examples/acme-fitted.toml"))
        .expect("the example loads")
        .config;
    let text = std::fs::read_to_string("examples/acme-fit.json").expect("the fit's JSON");
    let given = uncertainty::from_fit("acme-fit.json", &text).expect("a fit");
    assert!(!given.draws.rows.is_empty(), "the fit keeps its refits");
    let metric = flywheel::model::metric("value").expect("a metric");
    bencher.bench(|| {
        uncertainty::run(&cfg, None, &given.draws, 10_000, 1, metric, &|_| {}).expect("runs")
    });
}
