//! Benchmarks of `simulate` on the `balanced` preset (208 periods, 8
//! sub-steps a period).
//!
//! Run with `cargo bench --bench simulate`. The item counter is the number
//! of sub-steps a run takes (the rows' 209 periods, plus the terminal
//! valuation's 520 where it runs, times 8), so divan's `item/s` column reads
//! directly as sub-steps per second. Target: at least 30 million on one core.

use divan::Bencher;
use divan::counter::ItemsCount;
use flywheel::model::{Config, ParamId, Series, simulate, simulate_into, simulate_rows_into};
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

/// Sub-steps of a run of `cfg`: its rows, and the terminal valuation's if `value`.
fn substeps(cfg: &Config, value: bool) -> usize {
    let valuation = if value {
        cfg.params[ParamId::ValuationPeriods] as usize
    } else {
        0
    };
    (cfg.periods as usize + 1 + valuation) * cfg.substeps as usize
}

/// One deterministic run of `balanced`, its valuation included.
#[divan::bench]
fn balanced_deterministic(bencher: Bencher) {
    let cfg = balanced();
    bencher
        .counter(ItemsCount::new(substeps(&cfg, true)))
        .bench(|| simulate(divan::black_box(&cfg)));
}

/// One deterministic run of `balanced` into a reused buffer (as searches run it).
#[divan::bench]
fn balanced_deterministic_reused(bencher: Bencher) {
    let cfg = balanced();
    let mut out = Series::default();
    bencher
        .counter(ItemsCount::new(substeps(&cfg, true)))
        .bench_local(|| simulate_into(divan::black_box(&cfg), &mut out));
}

/// The rows of `balanced` alone, without the terminal valuation (as fits run it).
#[divan::bench]
fn balanced_rows_only(bencher: Bencher) {
    let cfg = balanced();
    let mut out = Series::default();
    bencher
        .counter(ItemsCount::new(substeps(&cfg, false)))
        .bench_local(|| simulate_rows_into(divan::black_box(&cfg), &mut out));
}

/// One stochastic run of `balanced` (binomial draws on whole people).
#[divan::bench]
fn balanced_stochastic(bencher: Bencher) {
    let mut cfg = balanced();
    cfg.stochastic = true;
    bencher
        .counter(ItemsCount::new(substeps(&cfg, true)))
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
        .counter(ItemsCount::new(substeps(&cfg, true)))
        .bench(|| simulate(divan::black_box(&cfg)));
}
