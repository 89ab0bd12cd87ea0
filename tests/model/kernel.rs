//! The fast paths of the kernel keep its results: `s * sqrt(s)` for the
//! default exponent within 1e-12 of `powf`, every other exponent exactly
//! `powf`, and a reused buffer the same run as a fresh one.

use flywheel::model::run::strength_factor;
use flywheel::model::{ParamId, Series, simulate, simulate_into};

#[test]
fn the_default_exponent_is_within_1e12_of_powf_and_others_are_exact() {
    for i in 0..=10_000 {
        let s = f64::from(i) / 10_000.0;
        let (fast, slow) = (strength_factor(s, 1.5), s.powf(1.5));
        assert!(
            (fast - slow).abs() <= 1e-12 * slow.max(f64::MIN_POSITIVE),
            "{s}: {fast} vs {slow}"
        );
        for e in [0.0, 1.0, 1.25, 2.0, 3.7] {
            assert_eq!(
                strength_factor(s, e).to_bits(),
                s.powf(e).to_bits(),
                "{s}^{e}"
            );
        }
    }
}

#[test]
fn a_reused_buffer_gives_the_same_run() {
    let mut out = Series::default();
    for name in ["balanced", "silo", "competitor-shock"] {
        let mut cfg = flywheel::scenario::resolve(name).unwrap().config;
        simulate_into(&cfg, &mut out);
        assert_eq!(out, simulate(&cfg), "{name}");
        cfg.stochastic = true;
        simulate_into(&cfg, &mut out);
        assert_eq!(out, simulate(&cfg), "{name} stochastic");
        cfg.params[ParamId::StrengthExponent] = 2.0;
        cfg.stochastic = false;
        simulate_into(&cfg, &mut out);
        assert_eq!(out.rows.len(), cfg.periods as usize + 1);
    }
}

/// Each output column summed over the run, for every preset and a few
/// perturbed runs: the kernel's results as recorded before its speed-ups.
fn sums() -> Vec<(String, Vec<f64>)> {
    use flywheel::model::COLUMNS;
    let mut runs = Vec::new();
    for preset in flywheel::scenario::PRESETS {
        let s = flywheel::scenario::resolve(preset.name).unwrap();
        runs.push((preset.name.to_string(), s.config.clone()));
        let mut grow = s.config.clone();
        grow.params[ParamId::MarketGrowth] = 0.002;
        grow.params[ParamId::Latency] = 7.0;
        runs.push((format!("{}+growth", preset.name), grow));
        let mut shrink = s.config.clone();
        shrink.params[ParamId::MarketGrowth] = -0.01;
        shrink.params[ParamId::InitialCash] = 1_000.0;
        runs.push((format!("{}-shrink-broke", preset.name), shrink));
        let mut drawn = s.config;
        drawn.stochastic = true;
        drawn.seed = 11;
        runs.push((format!("{}~stochastic", preset.name), drawn));
    }
    runs.into_iter()
        .map(|(name, cfg)| {
            let series = simulate(&cfg);
            let sums = COLUMNS
                .iter()
                .map(|c| series.rows.iter().map(|r| (c.get)(r)).sum())
                .collect();
            (name, sums)
        })
        .collect()
}

const SUMS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/kernel/sums.csv"
);

#[test]
fn the_kernel_keeps_the_results_recorded_before_its_speed_ups() {
    let now = sums();
    if std::env::var_os("FLYWHEEL_RECORD_SUMS").is_some() {
        let text: String = now
            .iter()
            .map(|(name, v)| {
                let cells: Vec<String> = v.iter().map(|x| format!("{x:e}")).collect();
                format!("{name},{}\n", cells.join(","))
            })
            .collect();
        std::fs::write(SUMS, text).unwrap();
    }
    let recorded = std::fs::read_to_string(SUMS).unwrap();
    let mut compared = 0;
    for (line, (name, sums)) in recorded.lines().zip(&now) {
        let mut cells = line.split(',');
        assert_eq!(cells.next(), Some(name.as_str()));
        for (cell, (now, column)) in cells.zip(sums.iter().zip(flywheel::model::COLUMNS)) {
            let then: f64 = cell.parse().unwrap();
            let tolerance = if name.ends_with("~stochastic") {
                // Whole people: the same draws give the same run.
                1e-12
            } else {
                1e-9
            };
            assert!(
                (now - then).abs() <= tolerance * then.abs().max(1.0),
                "{name} {}: {now} now, {then} recorded",
                column.name
            );
            compared += 1;
        }
    }
    assert_eq!(compared, now.len() * flywheel::model::COLUMNS.len());
}

#[test]
fn a_shrinking_market_that_empties_the_potential_stock_leaves_it_at_exactly_zero() {
    // Once growth takes what is left of the potential stock, it holds 0,
    // not a rounding residue that would still send "leads" at full conversion.
    let mut cfg = flywheel::scenario::resolve("bass-classic").unwrap().config;
    cfg.params[ParamId::MarketGrowth] = -0.01;
    let series = simulate(&cfg);
    let emptied = series
        .rows
        .iter()
        .position(|r| r.potential < 1e-6)
        .expect("the shrinking market empties the potential stock");
    assert!(emptied > 10 && emptied < 200, "emptied at {emptied}");
    for r in &series.rows[emptied..] {
        assert_eq!(r.potential, 0.0, "period {}", r.period);
        assert_eq!(r.leads, 0.0, "period {}", r.period);
        assert_eq!(r.conversion, 0.0, "period {}", r.period);
    }
}
