//! `flywheel fit`'s writers: the report as a table or JSON (`table`), and
//! the fitted scenario saved as TOML (`fitted`).

use crate::analysis::fit::{self, round_sig};
use crate::analysis::history::History;
use crate::i18n::trf;
use crate::model::fmt_num;
use crate::scenario::Scenario;

mod backtest;
mod fitted;
mod table;

pub use backtest::{backtest_json, write_backtest};
pub use fitted::fitted_toml;
pub use table::{to_json, write_table};

/// An optional number with `digits` decimals, `-` without one.
fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".into(), |v| format!("{v:.digits$}"))
}

/// A number rounded for reading.
fn sig(v: f64) -> String {
    fmt_num(round_sig(v))
}

/// A fitted value written to the precision its interval supports: to a
/// tenth of the interval's width, rounded to a power of ten (0.2176123 in
/// 0.2045..0.2265 is 0.218; 19,999,999.999999 in 19M..21M is 20,000,000).
/// Without an interval, six significant digits.
pub fn supported(value: f64, low: f64, high: f64) -> f64 {
    let width = high - low;
    let step = if width > 0.0 && width.is_finite() {
        10f64.powi((width / 10.0).log10().floor() as i32)
    } else if value != 0.0 && value.is_finite() {
        10f64.powi(value.abs().log10().floor() as i32 - 5)
    } else {
        return value;
    };
    let rounded = (value / step).round() * step;
    // Printed without the binary noise of the division (0.218, not 0.21800000000000003).
    format!("{rounded:.12e}").parse().unwrap_or(rounded)
}

/// What was fitted to which data, in one line.
fn headline(s: &Scenario, h: &History, f: &fit::Fit) -> String {
    let names: Vec<&str> = h.series.iter().map(|s| s.name()).collect();
    trf(
        "{} fitted to {}: {} rows over periods 0–{}, {} series ({}), {} parameters",
        &[
            &s.name,
            &h.source,
            &h.periods.len(),
            &h.last_period(),
            &names.len(),
            &names.join(", "),
            &f.params.len(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::supported;

    #[test]
    fn a_fitted_value_keeps_the_digits_its_interval_supports() {
        assert_eq!(supported(0.217_612_3, 0.2045, 0.2265), 0.218);
        assert_eq!(supported(19_999_999.999_999_08, 19e6, 21e6), 20_000_000.0);
        assert_eq!(supported(0.008_959_2, 0.008_089, 0.010_34), 0.0090);
        // No interval: six significant digits.
        assert_eq!(
            supported(0.123_456_789, 0.123_456_789, 0.123_456_789),
            0.123_457
        );
        assert_eq!(supported(0.0, 0.0, 0.0), 0.0);
        // The rounding never moves the value by more than a twentieth of the interval.
        for (v, lo, hi) in [
            (3.21987, 2.0, 5.0),
            (1234.5, 1200.0, 1300.0),
            (7e-5, 1e-5, 9e-5),
        ] {
            let r = supported(v, lo, hi);
            assert!((r - v).abs() <= (hi - lo) / 20.0 + 1e-12, "{v} -> {r}");
        }
    }
}
