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

#[test]
fn an_amount_over_a_span_is_counted_in_the_scenarios_periods() {
    let text = "period,customers,revenue:year,new_customers:3\n0,400,,\n12,900,1.2e7,60\n24,1500,2.1e7,90\n";
    let h = parse("h.csv", text).unwrap();
    let revenue = h.get("revenue").unwrap();
    assert_eq!(
        (revenue.span, revenue.span_named.as_deref()),
        (0, Some("year"))
    );
    assert_eq!(h.get("new_customers").unwrap().span, 3);
    // A year is 12 months, 52 weeks, 4 quarters.
    for (label, k) in [("month", 12), ("quarter", 4), ("year", 1)] {
        let h = parse("h.csv", text).unwrap().in_periods_of(label).unwrap();
        assert_eq!(h.get("revenue").unwrap().span, k, "{label}");
    }
    let weekly = "period,revenue:year\n52,1\n";
    let h52 = parse("h.csv", weekly)
        .unwrap()
        .in_periods_of("week")
        .unwrap();
    assert_eq!(h52.get("revenue").unwrap().span, 52);
    // The header as written survives a round trip.
    let back = parse("h.csv", &h.to_csv()).unwrap();
    assert_eq!(
        back.get("revenue").unwrap().span_named.as_deref(),
        Some("year")
    );
    // The model's value over a span: the rows before the observed one, summed.
    let rows: Vec<crate::model::Row> = (0..30)
        .map(|t| crate::model::Row {
            period: t,
            revenue: 1.0 + f64::from(t),
            ..Default::default()
        })
        .collect();
    let monthly = h.in_periods_of("month").unwrap();
    let r = monthly.get("revenue").unwrap();
    assert_eq!(r.modelled(&rows, 12), Some((1..=12).sum::<u32>() as f64));
    assert_eq!(r.modelled(&rows, 5), None, "a year cannot end at month 5");
    let plain = crate::analysis::history::Observed::new(r.column, Vec::new());
    assert_eq!(plain.modelled(&rows, 12), Some(13.0));
    // Drawn beside the monthly line: the mean per month, mid-span.
    let drawn: Vec<(f64, f64)> = monthly.drawn(r).collect();
    assert_eq!(drawn[0], (6.0, 1e6));
}

#[test]
fn a_span_that_does_not_fit_is_refused_where_it_is_written() {
    // A stock is counted at its period: no span.
    let e = parse("h.csv", "period,customers:year\n12,5\n").unwrap_err();
    assert_eq!((e.line, e.column), (1, 8));
    assert!(
        e.message.contains("customers is counted at its period"),
        "{e}"
    );
    let e = parse("h.csv", "period,revenue:fortnight\n12,5\n").unwrap_err();
    assert!(
        e.message.contains("day, week, month, quarter or year"),
        "{e}"
    );
    // A month is not a whole number of weeks.
    let e = parse("h.csv", "period,revenue:month\n12,5\n")
        .unwrap()
        .in_periods_of("week")
        .unwrap_err();
    assert_eq!((e.line, e.column), (1, 8));
    assert!(
        e.message.contains("a month is 4.333 weeks") && e.message.contains("revenue:4"),
        "{e}"
    );
    // A year's revenue cannot end at month 6 of the history.
    let e = parse("h.csv", "period,revenue:year\n6,5\n18,7\n")
        .unwrap()
        .in_periods_of("month")
        .unwrap_err();
    assert!(
        e.message.contains("value at period 6") && e.message.contains("period 12 or later"),
        "{e}"
    );
}

#[test]
fn a_dated_history_is_placed_by_the_scenarios_calendar() {
    use crate::scenario::calendar::{Calendar, parse_day};
    let text =
        "date,customers,revenue:year\n2013-01,400,\n2013-12-31,900,1.2e7\n2014-12-31,1500,2.1e7\n";
    let monthly = Calendar::new(parse_day("2013-01").unwrap(), "month");
    let h = parse("h.csv", text)
        .unwrap()
        .for_calendar("month", monthly)
        .unwrap();
    assert_eq!(h.periods, vec![0, 12, 24]);
    assert_eq!(h.get("revenue").unwrap().span, 12);
    // Quarterly, the same dates are quarters 0, 4 and 8; a year is 4 of them.
    let quarterly = Calendar::new(parse_day("2013-01").unwrap(), "quarter");
    let q = parse("h.csv", text)
        .unwrap()
        .for_calendar("quarter", quarterly)
        .unwrap();
    assert_eq!(
        (q.periods.clone(), q.get("revenue").unwrap().span),
        (vec![0, 4, 8], 4)
    );
    // Without a calendar, a dated history cannot be placed: said at the header.
    let e = parse("h.csv", text)
        .unwrap()
        .for_calendar("month", None)
        .unwrap_err();
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.contains("scenario.start"), "{e}");
    // A date inside a month, at its cell, with the neighbouring periods.
    let e = parse("h.csv", "date,customers\n2013-01-15,4\n")
        .unwrap()
        .for_calendar("month", monthly)
        .unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(
        e.message
            .contains("between 2013-01 (period 0) and 2013-02 (period 1)"),
        "{e}"
    );
    // Out of order, and twice the same period.
    let e = parse("h.csv", "date,customers\n2014-01,4\n2013-06,5\n")
        .unwrap()
        .for_calendar("month", monthly)
        .unwrap_err();
    assert!(
        e.line == 3 && e.message.contains("sort the rows by date"),
        "{e}"
    );
    let e = parse("h.csv", "date,customers\n2014-01,4\n2013-12-31,5\n")
        .unwrap()
        .for_calendar("month", monthly)
        .unwrap_err();
    assert!(
        e.message.contains("the same period as 2014-01 on line 2"),
        "{e}"
    );
    // Both a period and a date: one is enough.
    let e = parse("h.csv", "period,date,customers\n0,2013-01,4\n").unwrap_err();
    assert_eq!((e.line, e.column), (1, 8));
}
