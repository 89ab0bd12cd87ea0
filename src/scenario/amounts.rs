//! Amounts and lengths of time as people write them, for `flywheel init`:
//! `$1,500`, `1.5k`, `1500/month`, `18k per year`, `1.5%/mo`, `2 weeks`,
//! `monthly`.

use super::period::per_year;
use crate::i18n::{Text, says};

/// An amount and the period it is per (`1500/month`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Per {
    /// The number as given (a share for percentages: 1.5% is 0.015).
    pub value: f64,
    /// How many of its period make a year.
    pub per_year: f64,
    /// The period's name, for comments.
    pub unit: &'static str,
}

fn unit_of(text: &str) -> Option<(&'static str, f64)> {
    let t = text.trim().to_lowercase();
    let t = t.trim_start_matches("a ").trim_start_matches("per ").trim();
    let t = match t {
        "weekly" | "wk" | "w" => "week",
        "monthly" | "mo" | "m" => "month",
        "quarterly" | "q" => "quarter",
        "yearly" | "annual" | "annually" | "yr" | "y" => "year",
        "daily" | "d" => "day",
        other => other,
    };
    let ppy = per_year(t)?;
    super::period::PERIODS
        .iter()
        .find(|(_, v)| *v == ppy)
        .map(|(n, v)| (*n, *v))
}

/// Parses a plain number, allowing `$`, `,` and `_` (`$1,500`).
pub fn parse_amount(text: &str) -> Result<f64, Text> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | '_' | ' '))
        .collect();
    let (num, mult) = match cleaned.chars().last() {
        Some('k' | 'K') => (&cleaned[..cleaned.len() - 1], 1e3),
        Some('M') => (&cleaned[..cleaned.len() - 1], 1e6),
        _ => (cleaned.as_str(), 1.0),
    };
    num.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * mult)
        .ok_or_else(|| {
            says(
                "\"{}\" is not a number; write it like 1500, $1,500 or 1.5k",
                &[&text.trim()],
            )
        })
}

/// Parses `1500/month`, `18k per year` or `1.5%/month`: an amount and the
/// period it is per, which must be said (`1500` alone could be a month's or
/// a year's). A `%` makes a share (1.5% is 0.015).
pub fn parse_per(text: &str) -> Result<Per, Text> {
    let t = text.trim();
    let (num, unit) = if let Some((a, b)) = t.split_once('/') {
        (a, Some(b))
    } else if let Some(i) = t.find(" per ").or_else(|| t.find(" a ")) {
        (&t[..i], Some(&t[i..]))
    } else {
        (t, None)
    };
    let (num, share) = match num.trim().strip_suffix('%') {
        Some(n) => (n, true),
        None => (num, false),
    };
    let mut value = parse_amount(num)?;
    if share {
        value /= 100.0;
    }
    let (unit, ppy) = match unit {
        Some(u) => unit_of(u).ok_or_else(|| {
            says(
                "\"{}\": the period \"{}\" is not day, week, month, quarter or year",
                &[&t, &u.trim()],
            )
        })?,
        None => {
            let n = num.trim();
            let pct = if share { "%" } else { "" };
            return Err(says(
                "\"{}\": say what period it is per, such as {}{}/month or {}{}/year",
                &[&t, &n, &pct, &n, &pct],
            ));
        }
    };
    Ok(Per {
        value,
        per_year: ppy,
        unit,
    })
}

/// Parses a rate lost per period, such as churn: a percentage and its
/// period (`1.5%/month`, `15%/year`), at most 100% of a period.
pub fn parse_rate(text: &str) -> Result<Per, Text> {
    let t = text.trim();
    let number = t.split(['/', ' ']).next().unwrap_or(t).trim();
    if !number.ends_with('%') {
        return Err(says(
            "\"{}\": write a rate as a percentage of a period, such as {}%/month or {}%/year",
            &[&t, &number, &number],
        ));
    }
    let rate = parse_per(t)?;
    if !(0.0..=1.0).contains(&rate.value) {
        return Err(says(
            "\"{}\": a rate lost in a period is 0% to 100% of it",
            &[&t],
        ));
    }
    Ok(rate)
}

/// Parses a length of time: `month`, `monthly`, `2 weeks`, `3 years`, `6 month`.
pub fn parse_duration(text: &str) -> Result<Per, Text> {
    let t = text.trim();
    let (num, unit) = match t.find(|c: char| c.is_alphabetic()) {
        Some(0) => ("1", t),
        Some(i) => (&t[..i], &t[i..]),
        None => {
            return Err(says(
                "\"{}\": say how long, such as 2 weeks, 1 month or monthly",
                &[&t],
            ));
        }
    };
    let value = parse_amount(num)?;
    let (unit, ppy) = unit_of(unit).ok_or_else(|| {
        says(
            "\"{}\": the period is not day, week, month, quarter or year",
            &[&t],
        )
    })?;
    Ok(Per {
        value,
        per_year: ppy,
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        let p = parse_per("$1,500/month").unwrap();
        assert_eq!((p.value, p.unit), (1500.0, "month"));
        let p = parse_per("18k per year").unwrap();
        assert_eq!((p.value, p.unit), (18000.0, "year"));
        let p = parse_per("1.5%/mo").unwrap();
        assert!((p.value - 0.015).abs() < 1e-12);
        let bare = parse_per("1500").unwrap_err().to_string();
        assert!(
            bare.contains("1500/month") && bare.contains("1500/year"),
            "{bare}"
        );
        let churn = parse_rate("12").unwrap_err().to_string();
        assert!(
            churn.contains("12%/month") && churn.contains("12%/year"),
            "{churn}"
        );
        let churn = parse_rate("12%").unwrap_err().to_string();
        assert!(churn.contains("12%/month"), "{churn}");
        let churn = parse_rate("120%/month").unwrap_err().to_string();
        assert!(churn.contains("0% to 100%"), "{churn}");
        let r = parse_rate("15% per year").unwrap();
        assert_eq!((r.value, r.unit), (0.15, "year"));
        assert!(
            parse_per("1500/fortnight")
                .unwrap_err()
                .contains("fortnight")
        );
        assert!(parse_per("lots").unwrap_err().contains("not a number"));
        let d = parse_duration("monthly").unwrap();
        assert_eq!((d.value, d.unit), (1.0, "month"));
        let d = parse_duration("2 weeks").unwrap();
        assert_eq!((d.value, d.unit), (2.0, "week"));
    }
}
