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
