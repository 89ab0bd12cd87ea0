//! Stochastic mode, Monte Carlo, sweeps, sensitivity and plots.

use flywheel::analysis::{montecarlo, sensitivity, sweep};
use flywheel::model::{ParamId, metric, simulate, summarize};
use flywheel::report::plot::{self, PlotInput};
use flywheel::scenario::resolve;

use crate::support;

#[test]
fn the_same_seed_gives_the_same_run_and_another_seed_differs() {
    let mut cfg = support::balanced().config;
    cfg.stochastic = true;
    cfg.seed = 42;
    let a = simulate(&cfg);
    let b = simulate(&cfg);
    assert_eq!(a, b);
    cfg.seed = 43;
    let c = simulate(&cfg);
    assert_ne!(a, c);
    // Whole people in stochastic mode.
    for r in &a.rows {
        for v in [
            r.potential,
            r.customers,
            r.market_size,
            r.new_customers,
            r.churned,
            r.leads,
        ] {
            assert_eq!(v.fract(), 0.0, "period {}: {v}", r.period);
        }
    }
}

#[test]
fn on_a_large_market_the_stochastic_mean_converges_to_the_deterministic_run() {
    // With ten million people binomial noise is small; the stochastic sales
    // leads are drawn from the prospects left after organic leads (a share of
    // about innovation + imitation * C/N fewer), so allow 3%.
    let mut cfg = support::balanced().config;
    cfg.params[ParamId::MarketSize] = 1e7;
    cfg.params[ParamId::InitialReps] = 200.0;
    let det = summarize(&simulate(&cfg));
    let runs = 8;
    let (mut customers, mut revenue) = (0.0, 0.0);
    for i in 0..runs {
        let mut c = cfg.clone();
        c.stochastic = true;
        c.seed = 100 + i;
        let s = summarize(&simulate(&c));
        customers += s.final_customers / runs as f64;
        revenue += s.total_revenue / runs as f64;
    }
    let rel = |a: f64, b: f64| (a - b).abs() / b.abs();
    assert!(
        rel(customers, det.final_customers) < 0.03,
        "{customers} vs {}",
        det.final_customers
    );
    assert!(
        rel(revenue, det.total_revenue) < 0.03,
        "{revenue} vs {}",
        det.total_revenue
    );
}

#[test]
fn monte_carlo_percentiles_are_ordered_and_bracket_the_median_run() {
    let mut cfg = support::balanced().config;
    cfg.periods = 104;
    let mc = montecarlo::run(&cfg, 200, &|_| {}).unwrap();
    assert_eq!(mc.runs, 200);
    assert_eq!(mc.bands.len(), montecarlo::BAND_SERIES.len());
    for series in &mc.bands {
        assert_eq!(series.len(), 105);
        for q in series {
            assert!(q.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
        }
    }
    for (name, d) in &mc.metrics {
        if d.count > 0 {
            assert!(
                d.p5 <= d.p25 && d.p25 <= d.p50 && d.p50 <= d.p75 && d.p75 <= d.p95,
                "{name}"
            );
        }
    }
    // The deterministic customers at the end lie inside the 5-95 band.
    let det = simulate(&cfg);
    let last = mc.bands[0][104];
    let c = det.rows[104].customers;
    assert!(
        last[0] <= c * 1.02 && c * 0.98 <= last[4],
        "{c} outside {last:?}"
    );
    assert!((0.0..=1.0).contains(&mc.prob_cash_negative));
}

#[test]
fn monte_carlo_counts_the_chance_of_running_out_of_cash() {
    let mut cfg = resolve("sales-push").unwrap().config;
    cfg.periods = 52;
    let mc = montecarlo::run(&cfg, 50, &|_| {}).unwrap();
    // sales-push burns its cash within a year in every run.
    assert!(mc.prob_cash_negative > 0.9, "{}", mc.prob_cash_negative);
    let safe = montecarlo::run(&support::balanced().config, 20, &|_| {}).unwrap();
    assert_eq!(safe.prob_cash_negative, 0.0);
}

#[test]
fn a_sweep_grid_matches_single_runs() {
    let cfg = support::balanced().config;
    let axes = vec![
        sweep::parse_axis("feedback.latency=0..52:26").unwrap(),
        sweep::parse_axis("pricing.price=50..150:50").unwrap(),
    ];
    let metrics = sweep::parse_metrics("total_revenue,final_customers").unwrap();
    let cells = sweep::run(&cfg, &axes, &metrics, &|_| {}).unwrap();
    assert_eq!(cells.len(), 3 * 3);
    for (i, cell) in cells.iter().enumerate() {
        // First axis outermost.
        assert_eq!(cell.at[0], axes[0].values[i / 3]);
        assert_eq!(cell.at[1], axes[1].values[i % 3]);
        let mut single = cfg.clone();
        single.params[ParamId::Latency] = cell.at[0];
        single.params[ParamId::Price] = cell.at[1];
        let s = summarize(&simulate(&single));
        assert_eq!(
            cell.values,
            vec![Some(s.total_revenue), Some(s.final_customers)]
        );
    }
    // Revenue falls with latency at every price.
    for col in 0..3 {
        let revenue = |row: usize| cells[row * 3 + col].values[0].unwrap();
        assert!(revenue(0) > revenue(1) && revenue(1) > revenue(2));
    }
}

#[test]
fn a_sweep_refuses_grids_past_the_cap() {
    let cfg = support::balanced().config;
    let axes = vec![
        sweep::parse_axis("feedback.latency=0..999:1").unwrap(),
        sweep::parse_axis("pricing.price=1..100:1").unwrap(),
    ];
    let metrics = sweep::parse_metrics("total_revenue").unwrap();
    let err = sweep::run(&cfg, &axes, &metrics, &|_| {}).unwrap_err();
    assert_eq!(err, sweep::SweepError::TooManyCells { cells: 1000 * 100 });
    assert!(err.to_string().contains("limit is 40000"), "{err}");
}

#[test]
fn the_sensitivity_ranking_is_sane() {
    let cfg = support::balanced().config;
    let m = metric("total_revenue").unwrap();
    let t = sensitivity::run(&cfg, m, 0.2, &|_| {});
    assert_eq!(t.effects.len(), flywheel::model::PARAM_COUNT);
    assert!(t.effects.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    let rank = |key: &str| t.effects.iter().position(|e| e.spec.key == key).unwrap();
    // The levers that set conversion and reach lead the ranking.
    for key in [
        "pricing.reference_price",
        "sales.contacts_per_rep",
        "sales.win_rate",
    ] {
        assert!(rank(key) < 8, "{key} ranked {}", rank(key));
    }
    // Cash on hand hardly binds in balanced (only the buffer, briefly), so it
    // moves revenue far less than the leading levers.
    let cash = &t.effects[rank("finance.initial_cash")];
    assert!(
        cash.swing() < 0.05 * t.effects[0].swing(),
        "{}",
        cash.swing()
    );
    // Directions: more latency, less revenue; more capture, more revenue.
    let latency = &t.effects[rank("feedback.latency")];
    assert!(latency.high < t.base && latency.low > t.base);
    let capture = &t.effects[rank("feedback.capture")];
    assert!(capture.high > t.base && capture.low < t.base);
}

/// Checks that every tag is closed in order (enough to catch a truncated or broken SVG).
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("unclosed tag") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "mismatched </{name}>"
            );
        } else {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn the_svg_is_well_formed_and_has_every_series() {
    let s = resolve("competitor-shock").unwrap();
    let series = simulate(&s.config);
    let base = simulate(&support::balanced().config);
    let mut cfg = s.config.clone();
    cfg.periods = 208;
    let mc = montecarlo::run(&cfg, 20, &|_| {}).unwrap();
    let input = PlotInput {
        title: None,
        decisions: &[],
        scenario: &s,
        series: &series,
        baseline: Some(("balanced", &base)),
        bands: Some(&mc),
        actuals: None,
    };
    let svg = plot::to_svg(&input).unwrap();
    assert!(svg.trim_start().starts_with("<svg"));
    assert_well_formed(&svg);
    // Every chart and line of the shared table, by its title and legend.
    for chart in &flywheel::report::charts::CHARTS {
        assert!(svg.contains(chart.title), "missing {}", chart.title);
        for line in chart.lines {
            assert!(svg.contains(line.name), "missing {}", line.name);
        }
    }
    assert!(svg.contains("cash (right axis)"));
    for label in [
        "balanced (baseline)",
        "Competitor launches",
        "Funding round",
        "20 stochastic runs",
        "week",
    ] {
        assert!(svg.contains(label), "missing {label}");
    }
    // Bands are drawn as filled polygons.
    assert!(svg.contains("<polygon"));
}
