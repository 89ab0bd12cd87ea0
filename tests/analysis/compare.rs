//! `flywheel compare`: results side by side, changes against the first, the
//! parameters that differ.

use crate::support::run;

#[test]
fn the_table_shows_changes_against_the_first_and_the_differences() {
    let (ok, out, err) = run(&["compare", "balanced", "silo", "integrated"]);
    assert!(ok, "{err}");
    let revenue = out
        .lines()
        .find(|l| l.starts_with("Total revenue"))
        .unwrap();
    assert_eq!(
        revenue.matches('%').count() + revenue.matches("x)").count(),
        2,
        "{revenue}"
    );
    assert!(out.contains("feedback.latency"), "{out}");
    assert!(
        !out.contains("sales.rep_cost "),
        "the same in all three: {out}"
    );
    assert!(out.contains("(changes against balanced)"));
}

#[test]
fn markdown_and_csv_are_well_formed() {
    let (ok, out, _) = run(&["compare", "balanced", "silo", "--format", "markdown"]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with("| ---") && lines[1].contains("-: |"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with('|') && l.matches('|').count() == 4),
        "{out}"
    );
    let (ok, out, _) = run(&["compare", "balanced", "silo", "--format", "csv"]);
    assert!(ok);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(r.headers().unwrap().len(), 3);
    let rows: Vec<_> = r.records().map(|r| r.unwrap()).collect();
    let revenue = rows.iter().find(|r| &r[0] == "total_revenue").unwrap();
    let (a, b): (f64, f64) = (revenue[1].parse().unwrap(), revenue[2].parse().unwrap());
    assert!(a > 0.0 && b > 0.0 && a != b);
}

#[test]
fn one_scenario_or_a_bad_one_is_refused() {
    let (ok, _, err) = run(&["compare", "balanced"]);
    assert!(!ok && err.contains("2"), "{err}");
    let (ok, _, err) = run(&["compare", "balanced", "silp"]);
    assert!(!ok && err.contains("silo"), "{err}");
}
