//! How every number is written, in one place: the CLI tables, the TUI, the
//! plots and the debrief all call these, so a figure reads the same
//! everywhere.
//!
//! - [`number`]: three significant digits and an SI suffix (`12.3k`, `1.23M`);
//! - [`money`]: the same with a currency sign (`$1.2M`, `-$350k`);
//! - [`share`]: a rate as a percentage (`12.3%`);
//! - [`people`]: a head count in whole people (`947`, `12.3k`);
//! - [`delta`]: a signed change against a baseline (`+12.4%`);
//! - [`ticks`] and [`nice_ceil`]: round axis ticks;
//! - [`text`]: text fitted to a display width, period words, ranges;
//! - [`wrap`]: lines broken by the Unicode line-breaking algorithm.

pub mod text;
pub mod wrap;

pub use text::{fit, fit_right, period_at, period_word, range, truncate};

/// A number with three significant digits and an SI suffix: `0.065`,
/// `12.3`, `450`, `12k`, `1.23M`, `-2.5k`; `∞` and `n/a` for the rest.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "n/a".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let a = v.abs();
    if a >= 1e15 {
        // Beyond a thousand trillion, digits stop meaning anything: 3.2e250.
        return format!("{v:.1e}");
    }
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, "T")
    } else if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    // 999.6k rounds to 1000k at three digits: say 1M instead.
    let body = sig3(scaled);
    if suffix != "T" && !suffix.is_empty() && (body == "1000" || body == "-1000") {
        let next = match suffix {
            "k" => "M",
            "M" => "B",
            _ => "T",
        };
        let sign = if v < 0.0 { "-" } else { "" };
        return format!("{sign}1{next}");
    }
    if suffix.is_empty() && a > 0.0 && a < 1e-4 {
        return format!("{v:.1e}");
    }
    format!("{body}{suffix}")
}

/// Three significant digits, trailing zeros trimmed (`0.065`, `12.3`, `450`).
fn sig3(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        return "0".into();
    }
    let decimals = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        // 0.0123 -> 4 decimals: keep three significant digits, at most 6.
        ((-a.log10()).floor() as usize + 3).min(6)
    };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// Money: `$1.23M`, `-$350k`.
pub fn money(v: f64) -> String {
    if v < 0.0 {
        format!("-${}", number(-v))
    } else {
        format!("${}", number(v))
    }
}

/// A rate or share (0.1234) as a percentage: `12.3%`.
pub fn share(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    format!("{}%", sig3(v * 100.0))
}

/// A head count (customers, reps, leads) in whole people: `0`, `4`, `947`,
/// then `12.3k` and `1.23M` once the digits would not fit; never `3.7`
/// customers.
pub fn people(v: f64) -> String {
    if !v.is_finite() {
        return number(v);
    }
    let whole = v.round();
    if whole.abs() < 1e4 {
        let s = format!("{whole:.0}");
        if s == "-0" { "0".into() } else { s }
    } else {
        number(whole)
    }
}

/// A summary metric's value written for its kind: money for cash, revenue
/// and profit, a share for conversion, whole people for customers, three
/// decimals for strength, two for LTV/CAC, a plain number otherwise.
pub fn metric_value(name: &str, v: f64) -> String {
    match name {
        n if n.ends_with("_period") => format!("{v:.0}"),
        n if n.contains("cash")
            || n.contains("revenue")
            || n.contains("profit")
            || n.contains("value") =>
        {
            money(v)
        }
        n if n.contains("conversion") => share(v),
        "final_strength" => format!("{v:.3}"),
        "ltv_cac" => format!("{v:.2}"),
        n if n.contains("customers") || n == "peak_acquisition" => people(v),
        _ => number(v),
    }
}

/// The change of `cur` against `base` as a signed percentage (`+12.4%`),
/// `±0%` when equal, `up from 0` when the baseline is zero, `+12x` past
/// a thousand percent.
pub fn delta(cur: f64, base: f64) -> String {
    if !cur.is_finite() || !base.is_finite() {
        return "n/a".into();
    }
    let diff = cur - base;
    if diff.abs() <= 1e-9 * base.abs().max(1.0) {
        return "±0%".into();
    }
    if base == 0.0 {
        return if diff > 0.0 {
            crate::i18n::tr("up from 0").into()
        } else {
            crate::i18n::tr("down from 0").into()
        };
    }
    let p = diff / base.abs() * 100.0;
    if p.abs() >= 1000.0 {
        format!("{:+.0}x", cur / base)
    } else {
        format!("{p:+.1}%")
    }
}

/// The smallest "nice" number (1, 2, 2.5, 5 times a power of ten) at least `v`.
pub fn nice_ceil(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= v * (1.0 - 1e-12) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Evenly spaced round axis ticks covering `lo..=hi`: at most six, each a
/// multiple of a "nice" step, so labels read 0, 2.5k, 5k rather than 4.99M.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let mut step = nice_ceil((hi - lo) / 4.0);
    loop {
        let first = (lo / step + 1e-9).floor() * step;
        let last = (hi / step - 1e-9).ceil() * step;
        let n = ((last - first) / step).round() as usize + 1;
        if n <= 6 {
            return (0..n)
                .map(|i| first + i as f64 * step)
                .map(|v| if v == 0.0 { 0.0 } else { v })
                .collect();
        }
        step = nice_ceil(step * 1.0001);
    }
}

/// `v` to 4 significant digits, for messages.
pub fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 3 - v.abs().log10().floor() as i32;
    let m = 10f64.powi(digits);
    (v * m).round() / m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_readable() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(0.065), "0.065");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(450.0), "450");
        assert_eq!(number(12_000.0), "12k");
        assert_eq!(number(12_400.0), "12.4k");
        assert_eq!(number(1_234_567.0), "1.23M");
        assert_eq!(number(-2_500.0), "-2.5k");
        assert_eq!(number(486_247_484.0), "486M");
        assert_eq!(number(999_700.0), "1M");
        assert_eq!(number(-999_700_000.0), "-1B");
        assert_eq!(number(f64::INFINITY), "∞");
        assert_eq!(number(f64::NAN), "n/a");
        assert_eq!(number(0.00001234), "1.2e-5");
    }

    #[test]
    fn money_and_shares() {
        assert_eq!(money(-350_000.0), "-$350k");
        assert_eq!(money(1_234_567.0), "$1.23M");
        assert_eq!(share(0.1234), "12.3%");
        assert_eq!(share(0.05), "5%");
    }

    #[test]
    fn people_are_whole() {
        assert_eq!(people(0.4), "0");
        assert_eq!(people(-0.3), "0");
        assert_eq!(people(3.7), "4");
        assert_eq!(people(947.2), "947");
        assert_eq!(people(9_999.4), "9999");
        assert_eq!(people(12_345.0), "12.3k");
        assert_eq!(people(2_340_000.0), "2.34M");
    }

    #[test]
    fn metrics_are_written_for_their_kind() {
        assert_eq!(metric_value("total_profit", -2.5e6), "-$2.5M");
        assert_eq!(metric_value("value", 5.82e8), "$582M");
        assert_eq!(metric_value("terminal_value", 0.0), "$0");
        assert_eq!(metric_value("mean_conversion", 0.0412), "4.12%");
        assert_eq!(metric_value("final_customers", 1234.4), "1234");
        assert_eq!(metric_value("ltv_cac", 3.587), "3.59");
        assert_eq!(metric_value("final_strength", 0.8843), "0.884");
        assert_eq!(metric_value("cash_negative_period", 61.0), "61");
    }

    #[test]
    fn deltas_are_signed_percentages() {
        assert_eq!(delta(112.4, 100.0), "+12.4%");
        assert_eq!(delta(90.0, 100.0), "-10.0%");
        assert_eq!(delta(5.0, 5.0), "±0%");
        assert_eq!(delta(-50.0, -100.0), "+50.0%");
        assert_eq!(delta(f64::NAN, 1.0), "n/a");
    }

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceil(0.83), 1.0);
        assert_eq!(nice_ceil(1_700.0), 2_000.0);
        assert_eq!(nice_ceil(2_100.0), 2_500.0);
        assert_eq!(nice_ceil(30_000.0), 50_000.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 10_000.0),
            vec![0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0]
        );
        assert_eq!(
            ticks(-25_000.0, 9_800_000.0),
            vec![-2.5e6, 0.0, 2.5e6, 5e6, 7.5e6, 1e7]
        );
        assert_eq!(ticks(0.0, 100.0), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    }
}
