//! docs/model.md stays in step with the code: its parameter table is exactly
//! what `flywheel params --markdown` prints, and it names every output column,
//! every summary metric and every parameter.

use flywheel::cli::params_markdown;
use flywheel::model::{COLUMNS, PARAMS};

const START: &str = "<!-- params:start -->\n";
const END: &str = "<!-- params:end -->";

fn doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/model.md");
    std::fs::read_to_string(path).expect("docs/model.md exists")
}

#[test]
fn the_parameter_table_equals_params_markdown() {
    let doc = doc();
    assert_eq!(doc.matches(START).count(), 1, "one start marker");
    assert_eq!(doc.matches(END).count(), 1, "one end marker");
    let from = doc.find(START).unwrap() + START.len();
    let to = doc.find(END).unwrap();
    assert!(from <= to, "markers out of order");
    let table = &doc[from..to];
    assert_eq!(
        table,
        params_markdown(),
        "docs/model.md is stale: paste `cargo run -q -- params --markdown` between the markers"
    );
}

#[test]
fn the_doc_names_every_column_parameter_and_metric() {
    let doc = doc();
    for c in COLUMNS {
        assert!(
            doc.contains(&format!("| `{}` |", c.name)),
            "column {}",
            c.name
        );
    }
    for p in PARAMS.iter() {
        assert!(doc.contains(&format!("`{}`", p.key)), "parameter {}", p.key);
    }
    for m in flywheel::model::METRICS {
        assert!(doc.contains(&format!("`{}`", m.name)), "metric {}", m.name);
    }
    assert!(doc.contains("## Where this model departs from the contract, and why"));
}
