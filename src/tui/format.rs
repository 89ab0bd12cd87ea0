//! Readable numbers for a terminal: `12k`, `1.2M`, `$3.4M`, `12.5%`, `+12.4%`,
//! and text fitted to a display width (CJK-safe).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A number with three significant digits and an SI suffix (`12.3k`, `1.2M`).
pub fn si(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
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
    format!("{}{suffix}", sig3(scaled))
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

/// A count of people, in whole people: rounded first, in full below ten
/// thousand (`31`, `8530`), then with a suffix (`83.9k`, `1.2M`); never `31.4`.
pub fn people(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let r = v.round();
    if r == 0.0 {
        "0".into()
    } else if r.abs() < 10_000.0 {
        format!("{r:.0}")
    } else {
        si(r)
    }
}

/// Money: `$1.2M`, `-$350k`.
pub fn money(v: f64) -> String {
    if v < 0.0 {
        format!("-${}", si(-v))
    } else {
        format!("${}", si(v))
    }
}

/// A rate as a percentage: `12.3%`.
pub fn pct(v: f64) -> String {
    format!("{}%", sig3(v * 100.0))
}

/// The change of `cur` against `base` as a signed percentage (`+12.4%`),
/// `±0%` when equal, `new` when the baseline is zero.
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

/// Text cut to at most `width` display columns (with `…` when cut), then
/// padded with spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Text cut to at most `width` display columns, then right-aligned in them.
pub fn fit_right(s: &str, width: usize) -> String {
    let out = truncate(s, width);
    let w = out.width();
    let mut pad: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    pad.push_str(&out);
    pad
}

/// Text cut to at most `width` display columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// A parameter's valid range in the interface's language (`a whole number 1..=100`).
pub fn range(spec: &crate::model::ParamSpec) -> String {
    use crate::i18n::trf;
    use crate::model::fmt_num;
    let bounds = if spec.min_exclusive {
        format!("> {}, <= {}", fmt_num(spec.min), fmt_num(spec.max))
    } else {
        format!("{}..={}", fmt_num(spec.min), fmt_num(spec.max))
    };
    if spec.integer {
        trf("a whole number {}", &[&bounds])
    } else {
        bounds
    }
}

/// A period of the run named in the interface's language: `week 12`, `第12周`.
pub fn period_at(label: &str, t: impl std::fmt::Display) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Zh => format!("第{t}{}", period_word(label)),
        crate::i18n::Lang::En => format!("{label} {t}"),
    }
}

/// A scenario's period word (`week`) in the interface's language.
pub fn period_word(label: &str) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Zh => crate::i18n::zh(label).unwrap_or(label).to_string(),
        crate::i18n::Lang::En => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn si_is_short_and_readable() {
        assert_eq!(si(0.0), "0");
        assert_eq!(si(0.065), "0.065");
        assert_eq!(si(12.345), "12.3");
        assert_eq!(si(450.0), "450");
        assert_eq!(si(12_000.0), "12k");
        assert_eq!(si(1_234_567.0), "1.23M");
        assert_eq!(si(-2_500.0), "-2.5k");
        assert_eq!(money(-350_000.0), "-$350k");
        assert_eq!(pct(0.1234), "12.3%");
    }

    #[test]
    fn people_are_whole() {
        assert_eq!(people(31.4), "31");
        assert_eq!(people(8.53), "9");
        assert_eq!(people(0.4), "0");
        assert_eq!(people(-0.4), "0");
        assert_eq!(people(8_530.2), "8530");
        assert_eq!(people(83_912.0), "83.9k");
        assert_eq!(people(f64::NAN), "n/a");
        for v in [0.3, 2.5, 14.4, 99.9, 142.0, 1_934.6] {
            assert!(!people(v).contains('.'), "{v} -> {}", people(v));
        }
    }

    #[test]
    fn deltas_are_signed_percentages() {
        assert_eq!(delta(112.4, 100.0), "+12.4%");
        assert_eq!(delta(90.0, 100.0), "-10.0%");
        assert_eq!(delta(5.0, 5.0), "±0%");
        assert_eq!(delta(-50.0, -100.0), "+50.0%");
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

    #[test]
    fn fit_counts_display_columns() {
        assert_eq!(fit("飞轮模型", 6), "飞轮… ");
        assert_eq!(fit("飞轮", 6), "飞轮  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit_right("收入", 6), "  收入");
        assert_eq!(fit_right("$12M", 6), "  $12M");
        assert_eq!(fit_right("产品力指数", 6), " 产品…");
    }
}
