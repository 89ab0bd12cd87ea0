//! Dates: `scenario.start` (the calendar date period 0 begins) and the
//! date of each period, as charts, reports and CSV show it, and the
//! period of a date in a history's `date` column.
//!
//! A period is named by the date it begins: `2015-04` in a monthly
//! scenario, `2015-Q2` quarterly, `2015` yearly, `2015-04-13` weekly or
//! daily. A row's stocks are counted at that moment, so a year-end count
//! belongs to the next year's first period: `2014-01` (monthly), or the
//! year's last day, `2013-12-31`, read as the end of that day.

use crate::i18n::{Text, says};

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// The year.
    pub year: i32,
    /// The month, 1..=12.
    pub month: u32,
    /// The day of the month, 1..=31.
    pub day: u32,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> Day {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Day {
        year: (y + i64::from(m <= 2)) as i32,
        month: m,
        day: d,
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    (next - days_from_civil(y, m, 1)) as u32
}

impl Day {
    /// Days since 1970-01-01.
    pub fn number(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The day that many days later.
    pub fn plus_days(self, n: i64) -> Day {
        civil_from_days(self.number() + n)
    }

    /// The first day of the month `n` months later.
    fn plus_months(self, n: i64) -> Day {
        let months = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        Day {
            year: months.div_euclid(12) as i32,
            month: (months.rem_euclid(12) + 1) as u32,
            day: 1,
        }
    }
}

/// What one period of a calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A day.
    Day,
    /// Seven days.
    Week,
    /// A calendar month.
    Month,
    /// Three calendar months.
    Quarter,
    /// A calendar year.
    Year,
}

impl Unit {
    /// The unit of a period label (`month`, `months`), if it is one.
    pub fn of_label(label: &str) -> Option<Unit> {
        let l = label.trim().to_lowercase();
        match l.strip_suffix('s').unwrap_or(&l) {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "quarter" => Some(Unit::Quarter),
            "year" => Some(Unit::Year),
            _ => None,
        }
    }
}

/// A scenario's calendar: the day period 0 begins and what a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The first day of period 0.
    pub start: Day,
    /// One period.
    pub unit: Unit,
}

/// The forms `scenario.start` and a `date` cell may take.
pub const FORMS: &str = "YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY";

/// Reads `2013-01-15`, `2013-01`, `2013-Q1` or `2013` as the day it begins
/// (`None`: none of these).
pub fn parse_day(text: &str) -> Option<Day> {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let year = |s: &str| {
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let num = |s: &str, lo: u32, hi: u32| {
        (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|v| (lo..=hi).contains(v))
    };
    match parts.as_slice() {
        [y] => Some(Day {
            year: year(y)?,
            month: 1,
            day: 1,
        }),
        [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
            let q = num(&q[1..], 1, 4)?;
            Some(Day {
                year: year(y)?,
                month: 3 * q - 2,
                day: 1,
            })
        }
        [y, m] => Some(Day {
            year: year(y)?,
            month: num(m, 1, 12)?,
            day: 1,
        }),
        [y, m, d] => {
            let (y, m) = (year(y)?, num(m, 1, 12)?);
            let d = num(d, 1, days_in_month(y, m))?;
            Some(Day {
                year: y,
                month: m,
                day: d,
            })
        }
        _ => None,
    }
}

impl Calendar {
    /// The calendar of a scenario that starts at `start` with periods called `label`.
    pub fn new(start: Day, label: &str) -> Option<Calendar> {
        Unit::of_label(label).map(|unit| Calendar { start, unit })
    }

    /// The first day of period `t`.
    pub fn day_of(&self, t: i64) -> Day {
        match self.unit {
            Unit::Day => self.start.plus_days(t),
            Unit::Week => self.start.plus_days(7 * t),
            Unit::Month => with_day(self.start.plus_months(t), self.start.day),
            Unit::Quarter => with_day(self.start.plus_months(3 * t), self.start.day),
            Unit::Year => with_day(self.start.plus_months(12 * t), self.start.day),
        }
    }

    /// Period `t` as a reader names it: `2015-04`, `2015-Q2`, `2015`,
    /// `2015-04-13` (a start off the calendar's boundaries shows its day).
    pub fn label(&self, t: u32) -> String {
        let d = self.day_of(i64::from(t));
        let on_month = self.start.day == 1;
        match self.unit {
            Unit::Month if on_month => format!("{:04}-{:02}", d.year, d.month),
            Unit::Quarter if on_month && self.start.month % 3 == 1 => {
                format!("{:04}-Q{}", d.year, d.month.div_ceil(3))
            }
            Unit::Year if on_month && self.start.month == 1 => format!("{:04}", d.year),
            _ => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        }
    }

    /// The period a `date` cell names: the period that begins at that date
    /// (`2015-04`), or whose previous period ends on it (`2015-03-31`, read
    /// as the end of that day). A date between two boundaries is refused
    /// with the nearest ones.
    pub fn period_of(&self, text: &str) -> Result<u32, Text> {
        let day = parse_day(text)
            .ok_or_else(|| says("the date `{}` is not one of {}", &[&text.trim(), &FORMS]))?;
        // A whole day given (not a month or year): it may be the last day
        // of a period, which ends where the next one begins.
        let full = text.trim().split('-').count() == 3;
        let mut candidates = vec![day];
        if full {
            candidates.push(day.plus_days(1));
        }
        let estimate = self.estimate(day);
        for t in (estimate - 2)..=(estimate + 2) {
            if t < 0 {
                continue;
            }
            if candidates.contains(&self.day_of(t)) {
                return u32::try_from(t).map_err(|_| Text::plain(text.to_string()));
            }
        }
        if day < self.start {
            return Err(says(
                "the date `{}` is before the scenario starts ({}); start the history at or after it, or set scenario.start earlier",
                &[&text.trim(), &self.label(0)],
            ));
        }
        let before = (estimate - 2..=estimate + 2)
            .filter(|t| *t >= 0 && self.day_of(*t) <= day)
            .max()
            .unwrap_or(0);
        Err(says(
            "the date `{}` falls inside a period, between {} (period {}) and {} (period {}); a row's date is when its period begins",
            &[
                &text.trim(),
                &self.label(before as u32),
                &before,
                &self.label(before as u32 + 1),
                &(before + 1),
            ],
        ))
    }

    /// About which period `day` is in (within a couple).
    fn estimate(&self, day: Day) -> i64 {
        let days = day.number() - self.start.number();
        match self.unit {
            Unit::Day => days,
            Unit::Week => days.div_euclid(7),
            Unit::Month => {
                (i64::from(day.year) - i64::from(self.start.year)) * 12 + i64::from(day.month)
                    - i64::from(self.start.month)
            }
            Unit::Quarter => ((i64::from(day.year) - i64::from(self.start.year)) * 12
                + i64::from(day.month)
                - i64::from(self.start.month))
            .div_euclid(3),
            Unit::Year => i64::from(day.year) - i64::from(self.start.year),
        }
    }
}

/// The day of a month, kept within it (a start on the 31st of a month
/// falls on the 30th of April).
fn with_day(first: Day, day: u32) -> Day {
    Day {
        day: day.min(days_in_month(first.year, first.month)),
        ..first
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(start: &str, label: &str) -> Calendar {
        Calendar::new(parse_day(start).unwrap(), label).unwrap()
    }

    #[test]
    fn days_count_and_come_back() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2013, 12, 31),
            (1900, 3, 1),
            (2400, 2, 29),
        ] {
            let day = Day {
                year: y,
                month: m,
                day: d,
            };
            assert_eq!(civil_from_days(day.number()), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
    }

    #[test]
    fn the_forms_of_a_date() {
        assert_eq!(parse_day("2013").unwrap().to_string(), "2013-01-01");
        assert_eq!(parse_day("2013-Q3").unwrap().to_string(), "2013-07-01");
        assert_eq!(parse_day(" 2013-4 ").unwrap().to_string(), "2013-04-01");
        assert_eq!(parse_day("2013-04-30").unwrap().to_string(), "2013-04-30");
        for bad in [
            "13",
            "2013-13",
            "2013-02-30",
            "2013-Q5",
            "2013/04",
            "x",
            "2013-04-01-02",
            "",
        ] {
            assert!(parse_day(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn each_period_has_a_date_and_each_boundary_a_period() {
        let m = cal("2013-01", "month");
        assert_eq!(
            (m.label(0), m.label(14), m.label(36)),
            ("2013-01".into(), "2014-03".into(), "2016-01".into())
        );
        assert_eq!(m.period_of("2014-01").unwrap(), 12);
        assert_eq!(
            m.period_of("2013-12-31").unwrap(),
            12,
            "a year's last day ends at the next"
        );
        assert_eq!(m.period_of("2014-01-01").unwrap(), 12);
        assert_eq!(m.period_of("2014").unwrap(), 12);
        let e = m.period_of("2014-01-15").unwrap_err().to_string();
        assert!(
            e.contains("between 2014-01 (period 12) and 2014-02 (period 13)"),
            "{e}"
        );
        assert!(
            m.period_of("2012-06")
                .unwrap_err()
                .to_string()
                .contains("before the scenario starts")
        );
        let q = cal("2013", "quarter");
        assert_eq!(
            (q.label(0), q.label(5)),
            ("2013-Q1".into(), "2014-Q2".into())
        );
        assert_eq!(q.period_of("2014-Q2").unwrap(), 5);
        assert_eq!(q.period_of("2014-03-31").unwrap(), 5);
        let y = cal("2013", "year");
        assert_eq!(
            (y.label(3), y.period_of("2016").unwrap()),
            ("2016".into(), 3)
        );
        assert_eq!(y.period_of("2015-12-31").unwrap(), 3);
        let w = cal("2024-01-01", "week");
        assert_eq!(w.label(2), "2024-01-15");
        assert_eq!(w.period_of("2024-01-14").unwrap(), 2);
        let d = cal("2024-02-28", "day");
        assert_eq!(d.label(2), "2024-03-01");
        // A start inside a month keeps its day; a short month clamps it.
        let late = cal("2013-01-31", "month");
        assert_eq!(late.label(1), "2013-02-28");
        assert!(Calendar::new(parse_day("2013").unwrap(), "sprint").is_none());
    }
}
