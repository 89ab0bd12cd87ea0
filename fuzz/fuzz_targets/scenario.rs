//! Any bytes into the scenario loader: diagnostics or a scenario, never a
//! panic; whatever it accepts simulates to finite numbers in both modes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(mut s) = flywheel::scenario::parse("fuzz.toml", text) {
        s.config.periods = s.config.periods.min(500);
        for stochastic in [false, true] {
            s.config.stochastic = stochastic;
            for row in flywheel::model::simulate(&s.config).rows {
                for c in flywheel::model::COLUMNS {
                    assert!((c.get)(&row).is_finite(), "{} is not finite", c.name);
                }
            }
        }
    }
});
