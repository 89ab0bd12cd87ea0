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
