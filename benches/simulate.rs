//! Benchmarks of `simulate` on the `balanced` preset (208 periods).
//!
//! Run with `cargo bench --bench simulate`. The item counter is the horizon
//! (208 period-steps per run), so divan's `item/s` column reads directly as
//! period-steps per second. Target: at least 40 million on one core.

use divan::Bencher;
use divan::counter::ItemsCount;
use flywheel::model::{Config, Series, simulate, simulate_into};
use flywheel::scenario;

fn main() {
    divan::main();
}

fn balanced() -> Config {
    scenario::preset("balanced")
        .expect("the balanced preset")
        .load()
        .expect("balanced parses")
        .config
}

/// One deterministic run of `balanced`.
#[divan::bench]
fn balanced_deterministic(bencher: Bencher) {
    let cfg = balanced();
    bencher
        .counter(ItemsCount::new(cfg.periods as usize))
        .bench(|| simulate(divan::black_box(&cfg)));
}

/// One deterministic run of `balanced` into a reused buffer (as searches run it).
#[divan::bench]
fn balanced_deterministic_reused(bencher: Bencher) {
    let cfg = balanced();
    let mut out = Series::default();
    bencher
        .counter(ItemsCount::new(cfg.periods as usize))
        .bench_local(|| simulate_into(divan::black_box(&cfg), &mut out));
}

/// One stochastic run of `balanced` (binomial draws on whole people).
#[divan::bench]
fn balanced_stochastic(bencher: Bencher) {
    let mut cfg = balanced();
    cfg.stochastic = true;
    bencher
        .counter(ItemsCount::new(cfg.periods as usize))
        .bench(|| simulate(divan::black_box(&cfg)));
}

/// A long run with events: 10,000 periods, a latency change and a funding round.
#[divan::bench]
fn long_run_with_events(bencher: Bencher) {
    let mut cfg = balanced();
    cfg.periods = 10_000;
    cfg.events = scenario::preset("competitor-shock")
        .expect("the competitor-shock preset")
        .load()
        .expect("competitor-shock parses")
        .config
        .events;
    bencher
        .counter(ItemsCount::new(cfg.periods as usize))
        .bench(|| simulate(divan::black_box(&cfg)));
}
