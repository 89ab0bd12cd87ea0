use super::*;

#[test]
fn reads_blank_cells_as_missing_and_skips_comments() {
    let h = parse(
        "h.csv",
        "# made by the model\nperiod, customers ,revenue\n0,10,1000\n1,,1100\n\n3,12,\n",
    )
    .unwrap();
    assert_eq!(h.periods, vec![0, 1, 3]);
    assert_eq!(
        h.get("customers").unwrap().values,
        vec![Some(10.0), None, Some(12.0)]
    );
    assert_eq!(h.get("revenue").unwrap().points(), 2);
    let back = parse("h.csv", &h.to_csv()).unwrap();
    assert_eq!(back.periods, h.periods);
}

#[test]
fn cells_know_their_columns() {
    let c = cells("a, \"b\" ,c");
    assert_eq!(c, vec![(1, "a"), (4, "b"), (9, "c")]);
}

#[test]
fn quoted_numbers_with_thousands_separators_are_read() {
    let c = cells("3,\"8,333\", \"1,250,000.5\" ,x");
    assert_eq!(
        c,
        vec![(1, "3"), (3, "8,333"), (12, "1,250,000.5"), (27, "x")]
    );
    let h = parse(
        "h.csv",
        "period,customers,revenue\n0,\"8,333\",\"1,250,000.50\"\n1,8400,1.3e6\n",
    )
    .unwrap();
    assert_eq!(
        h.get("customers").unwrap().values,
        vec![Some(8333.0), Some(8400.0)]
    );
    assert_eq!(
        h.get("revenue").unwrap().values,
        vec![Some(1_250_000.5), Some(1.3e6)]
    );
    for bad in ["8,33", "83,33,333", "8,333.", "1,2345", ",333", "8 333"] {
        assert_eq!(number(bad), None, "{bad}");
    }
    assert_eq!(number("-1,000"), Some(-1000.0));
    // Unquoted, the comma still splits the cell: the row is one too long.
    let e = parse("h.csv", "period,customers\n0,8,333\n").unwrap_err();
    assert!(e.message.contains("3 cells, but the header names 2"), "{e}");
}

#[test]
fn a_period_column_of_calendar_years_is_refused_with_the_fix() {
    let e = parse("h.csv", "period,customers\n2013,100\n2014,150\n").unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("looks like a calendar year"), "{e}");
    assert!(e.message.contains("2013, 2014"), "{e}");
    // Periods counted from 0 read as before, even past 2200.
    let h = parse("h.csv", "period,customers\n0,1\n2300,2\n").unwrap();
    assert_eq!(h.periods, vec![0, 2300]);
}
