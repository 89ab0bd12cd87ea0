//! Amounts and lengths of time as people write them, for `flywheel init`:
//! `$1,500`, `1.5k`, `1500/month`, `18k per year`, `1.5%/mo`, `2 weeks`,
//! `monthly`; and as Chinese readers write them: `每月 1500`, `1500/月`,
//! `每年 12%`, `12%/年`, `2 週`, full-width digits, `％` and `／`.

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

/// Text with full-width digits, letters and signs (`１５００`, `％`, `／`)
/// made half-width, and a period said first in Chinese (`每月 1500`,
/// `每年12%`) moved after the amount (`1500/每月`), as the English reads.
pub fn normalize(text: &str) -> String {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect();
    let t = half.trim();
    if t.starts_with('每') {
        let at = t
            .find(|c: char| c.is_ascii_digit() || matches!(c, '$' | '.' | ' '))
            .unwrap_or(t.len());
        let (unit, amount) = t.split_at(at);
        if !amount.trim().is_empty() {
            return format!("{}/{unit}", amount.trim());
        }
    }
    t.to_string()
}

/// A period named in Chinese (`月`, `每週`, `個月`, `季度`), in English.
fn chinese_period(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let t = t.strip_prefix('每').unwrap_or(t);
    let t = t
        .strip_prefix('一')
        .or_else(|| t.strip_prefix('1'))
        .unwrap_or(t)
        .trim();
    let t = t
        .strip_prefix('個')
        .or_else(|| t.strip_prefix('个'))
        .unwrap_or(t);
    match t {
        "日" | "天" => Some("day"),
        "週" | "周" | "星期" | "禮拜" | "礼拜" => Some("week"),
        "月" | "月度" => Some("month"),
        "季" | "季度" => Some("quarter"),
        "年" | "年度" => Some("year"),
        _ => None,
    }
}

/// The period a word names, in English (`monthly`, `months`, `月`, `每週`:
/// month, week), if it names one.
pub fn period_of(text: &str) -> Option<&'static str> {
    unit_of(text).map(|(name, _)| name)
}

fn unit_of(text: &str) -> Option<(&'static str, f64)> {
    let t = text.trim().to_lowercase();
    let t = t.trim_start_matches("a ").trim_start_matches("per ").trim();
    let t = match t {
        other if chinese_period(other).is_some() => chinese_period(other).unwrap_or(other),
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
/// (`1.5萬` is 15000; `元` and `美元` are left out).
pub fn parse_amount(text: &str) -> Result<f64, Text> {
    let cleaned: String = normalize(text)
        .replace("美元", "")
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | '_' | ' ' | '元'))
        .collect();
    let last = cleaned.chars().last();
    let cut = || &cleaned[..cleaned.len() - last.map_or(0, char::len_utf8)];
    let (num, mult) = match last {
        Some('k' | 'K') => (cut(), 1e3),
        Some('M') => (cut(), 1e6),
        Some('萬' | '万') => (cut(), 1e4),
        Some('億' | '亿') => (cut(), 1e8),
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
    let normal = normalize(text);
    let t = normal.as_str();
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
                &[&text.trim(), &u.trim()],
            )
        })?,
        None => {
            let n = num.trim();
            let pct = if share { "%" } else { "" };
            return Err(says(
                "\"{}\": say what period it is per, such as {}{}/month or {}{}/year",
                &[&text.trim(), &n, &pct, &n, &pct],
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
    let normal = normalize(text);
    let t = normal.as_str();
    let number = t.split(['/', ' ']).next().unwrap_or(t).trim();
    if !number.ends_with('%') {
        return Err(says(
            "\"{}\": write a rate as a percentage of a period, such as {}%/month or {}%/year",
            &[&text.trim(), &number, &number],
        ));
    }
    let rate = parse_per(text)?;
    if !(0.0..=1.0).contains(&rate.value) {
        return Err(says(
            "\"{}\": a rate lost in a period is 0% to 100% of it",
            &[&text.trim()],
        ));
    }
    Ok(rate)
}

/// Parses a length of time: `month`, `monthly`, `2 weeks`, `3 years`, `6 month`.
pub fn parse_duration(text: &str) -> Result<Per, Text> {
    let normal = normalize(text);
    let t = normal.as_str();
    let (num, unit) = match t.find(|c: char| c.is_alphabetic()) {
        Some(0) => ("1", t),
        Some(i) => (&t[..i], &t[i..]),
        None => {
            return Err(says(
                "\"{}\": say how long, such as 2 weeks, 1 month or monthly",
                &[&text.trim()],
            ));
        }
    };
    let value = parse_amount(num)?;
    let (unit, ppy) = unit_of(unit).ok_or_else(|| {
        says(
            "\"{}\": the period is not day, week, month, quarter or year",
            &[&text.trim()],
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

    #[test]
    fn amounts_read_as_chinese_readers_write_them() {
        for text in [
            "每月 1500",
            "每月1500",
            "1500/月",
            "1500／月",
            "１５００/個月",
            "1500元/月",
        ] {
            let p = parse_per(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((p.value, p.unit), (1500.0, "month"), "{text}");
        }
        let p = parse_per("每年 1.8萬").unwrap();
        assert_eq!((p.value, p.unit), (18000.0, "year"));
        for text in ["12%/年", "每年 12%", "每年12％", "１２％／年"] {
            let r = parse_rate(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((r.value - 0.12).abs() < 1e-12, "{text}");
            assert_eq!(r.unit, "year", "{text}");
        }
        assert_eq!(parse_per("每週 300").unwrap().unit, "week");
        assert_eq!(parse_per("300/周").unwrap().unit, "week");
        assert_eq!(parse_per("每季 9000").unwrap().unit, "quarter");
        let d = parse_duration("每月").unwrap();
        assert_eq!((d.value, d.unit), (1.0, "month"));
        let d = parse_duration("2 週").unwrap();
        assert_eq!((d.value, d.unit), (2.0, "week"));
        let d = parse_duration("3年").unwrap();
        assert_eq!((d.value, d.unit), (3.0, "year"));
        assert_eq!(parse_amount("１，５００").unwrap(), 1500.0);
        for word in ["月", "每月", "個月", "週", "周", "每週", "季", "年"] {
            assert!(period_of(word).is_some(), "{word}");
        }
        assert_eq!(period_of("每週"), Some("week"));
        assert_eq!(period_of("雙週"), None);
        assert!(parse_per("1500/雙週").is_err());
        // A message quotes what was typed, not its half-width form.
        let e = parse_rate("每年 120％").unwrap_err().to_string();
        assert!(e.contains("\"每年 120％\""), "{e}");
    }
}
