//! Human-readable numbers for tables, KPIs and chart ticks (`12k`, `1.2M`).

/// A number in at most about five characters: `950`, `12.4k`, `1.2M`, `3.1B`.
pub fn compact(v: f64) -> String {
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
    let sign = if v < 0.0 { "-" } else { "" };
    let (x, suffix) = match a {
        a if a >= 1e12 => (a / 1e12, "T"),
        a if a >= 1e9 => (a / 1e9, "B"),
        a if a >= 1e6 => (a / 1e6, "M"),
        a if a >= 1e3 => (a / 1e3, "k"),
        _ => (a, ""),
    };
    let body = if suffix.is_empty() {
        if a == 0.0 {
            "0".to_string()
        } else if a >= 100.0 || a.fract() == 0.0 {
            format!("{a:.0}")
        } else if a >= 1.0 {
            trim(format!("{a:.1}"))
        } else if a >= 0.01 {
            trim(format!("{a:.3}"))
        } else {
            format!("{a:.1e}")
        }
    } else if x >= 100.0 {
        format!("{x:.0}{suffix}")
    } else {
        format!("{}{suffix}", trim(format!("{x:.1}")))
    };
    format!("{sign}{body}")
}

/// A signed percentage change from `base` to `v` (`+12.4%`), or `n/a`.
pub fn change(v: f64, base: f64) -> String {
    if base == 0.0 || !v.is_finite() || !base.is_finite() {
        return if v == base {
            "±0%".into()
        } else {
            "n/a".into()
        };
    }
    let pct = (v - base) / base.abs() * 100.0;
    if pct.abs() < 0.05 {
        "±0%".into()
    } else {
        format!("{pct:+.1}%")
    }
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers_read_well() {
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(12_400.0), "12.4k");
        assert_eq!(compact(12_000.0), "12k");
        assert_eq!(compact(1_234_567.0), "1.2M");
        assert_eq!(compact(-250_000.0), "-250k");
        assert_eq!(compact(0.214), "0.214");
        assert_eq!(compact(486_247_484.0), "486M");
    }

    #[test]
    fn changes_are_signed_percentages() {
        assert_eq!(change(112.4, 100.0), "+12.4%");
        assert_eq!(change(90.0, 100.0), "-10.0%");
        assert_eq!(change(5.0, 0.0), "n/a");
        assert_eq!(change(100.0, 100.0), "±0%");
    }
}
