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

#[test]
fn events_that_differ_are_listed_with_who_has_them() {
    let (ok, out, err) = run(&["compare", "balanced", "competitor-shock"]);
    assert!(ok, "{err}");
    let listed = out
        .split("(events that differ)")
        .nth(1)
        .unwrap_or_else(|| panic!("no events listed:\n{out}"));
    let launch = listed
        .lines()
        .find(|l| l.contains("Competitor launches"))
        .unwrap_or_else(|| panic!("the launch is not listed:\n{out}"));
    assert!(
        launch.starts_with("at 78 \"Competitor launches\": "),
        "{launch}"
    );
    // Only the second scenario has it.
    let cells: Vec<&str> = launch.split_whitespace().rev().take(2).collect();
    assert_eq!(cells, ["yes", "-"], "{launch}");
    assert!(
        listed.contains("Funding round: 2M") && listed.contains("finance.cash_injection=2000000"),
        "{listed}"
    );
    // CSV: a row per event, 1 where a scenario has it.
    let (ok, csv, _) = run(&["compare", "balanced", "competitor-shock", "--format", "csv"]);
    assert!(ok);
    let row = csv
        .lines()
        .find(|l| l.contains("Competitor launches"))
        .expect("the event's row");
    assert!(
        row.starts_with("\"event at 78") && row.ends_with(",0,1"),
        "{row}"
    );
    // The same events in every scenario are no difference.
    let (ok, same, _) = run(&["compare", "competitor-shock", "competitor-shock"]);
    assert!(ok && !same.contains("(events that differ)"), "{same}");
}
