//! The best steady policy of `balanced` over three decisions (rd_share,
//! sales_share, price), as `flywheel optimize` searches it.
//!
//! Run with `cargo bench --bench optimize`. Target: the whole command under
//! 1 s on the 2-core build machine; the search is most of it.

use flywheel::analysis::optimize::{Problem, optimize, parse_decide};
use flywheel::scenario;

fn main() {
    divan::main();
}

/// Three decisions on `balanced`, default objective and constraint.
#[divan::bench(sample_count = 20)]
fn balanced_three_decisions() -> f64 {
    let base = scenario::preset("balanced")
        .expect("the balanced preset")
        .load()
        .expect("balanced parses")
        .config;
    let decide = [
        "product.rd_share=0..0.5",
        "sales.sales_share=0..0.95",
        "pricing.price=50..200",
    ]
    .iter()
    .map(|d| parse_decide(d).expect("a decision"))
    .collect();
    let problem = Problem::new(base, decide);
    optimize(divan::black_box(&problem), &|_| {})
        .expect("an optimum")
        .objective
}
