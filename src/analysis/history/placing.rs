//! A history placed in a scenario's periods, once the scenario is known:
//! a dated history's rows given their periods by the scenario's calendar,
//! spans named by a period (`revenue:year`) counted in the scenario's
//! periods; and a series drawn beside the model's per-period lines.

use super::{DateCell, History, Observed, at};
use crate::i18n::{Text, says};
use crate::model::Column;
use crate::scenario::Diagnostic;
use crate::scenario::load::MAX_PERIODS;

impl History {
    /// The present values of a series as a chart draws them beside the
    /// model's per-period line: a value over a span as the mean per period,
    /// at the middle of its span.
    pub fn drawn<'a>(&'a self, s: &'a Observed) -> impl Iterator<Item = (f64, f64)> + 'a {
        let k = f64::from(s.span);
        self.observed(s).map(move |(p, v)| {
            if k > 0.0 {
                (f64::from(p) - k / 2.0, v / k)
            } else {
                (f64::from(p), v)
            }
        })
    }

    /// The history for a scenario whose period is called `label`: each
    /// span named by a period (`revenue:year`) counted in the scenario's
    /// periods. Errors, at the header's column, when a span is not a whole
    /// number of periods or a span row starts before the history.
    pub fn in_periods_of(self, label: &str) -> Result<History, Diagnostic> {
        self.for_calendar(label, None)
    }

    /// The history for a scenario whose period is `label` and whose
    /// calendar is `calendar` (`scenario.start`): a dated history's rows
    /// placed at their periods ([`crate::scenario::calendar::Calendar::period_of`]),
    /// then its spans counted ([`History::in_periods_of`]).
    pub fn for_calendar(
        mut self,
        label: &str,
        calendar: Option<crate::scenario::calendar::Calendar>,
    ) -> Result<History, Diagnostic> {
        if let Some(dates) = self.dates.take() {
            self.periods = self.place_dates(&dates, calendar)?;
        }
        let (line, header) = self.header.clone();
        let col_of = |name: &str| {
            header
                .find(name)
                .map_or(1, |b| header[..b].chars().count() + 1)
        };
        for s in &mut self.series {
            let Some(name) = s.span_named.clone() else {
                continue;
            };
            let written = s.header();
            let here = |m: Text| {
                at(
                    &self.source,
                    line,
                    col_of(&format!("{}:", s.name())),
                    &header,
                    m,
                )
            };
            let (Some(per), Some(of)) = (
                crate::scenario::period::per_year(label),
                crate::scenario::period::per_year(&name),
            ) else {
                return Err(here(says(
                    "`{}`: the scenario's period \"{}\" is not one a span can be counted in; write the span in periods, such as `{}:12`",
                    &[&written, &label, &s.name()],
                )));
            };
            let k = per / of;
            if (k - k.round()).abs() > 1e-9 || k < 1.0 {
                return Err(here(says(
                    "`{}`: a {} is {} {}s, not a whole number of them; write the span in periods, such as `{}:{}`",
                    &[
                        &written,
                        &crate::format::period_word(&name),
                        &crate::model::fmt_num((k * 1000.0).round() / 1000.0),
                        &crate::format::period_word(label),
                        &s.name(),
                        &(k.round().max(1.0) as u32),
                    ],
                )));
            }
            s.span = k.round() as u32;
            s.span_named = None;
        }
        for s in &self.series {
            if s.span == 0 {
                continue;
            }
            if let Some((p, _)) = self.observed(s).find(|(p, _)| *p < s.span) {
                let written = s.header();
                return Err(at(
                    &self.source,
                    line,
                    col_of(&format!("{}:", s.name())),
                    &header,
                    says(
                        "`{}` sums the {} periods before its row, but it has a value at period {}, before the history can hold that many; the first value of a span of {} belongs at period {} or later",
                        &[&written, &s.span, &p, &s.span, &s.span],
                    ),
                ));
            }
        }
        Ok(self)
    }

    /// The periods of a dated history's rows, strictly increasing.
    fn place_dates(
        &self,
        dates: &[DateCell],
        calendar: Option<crate::scenario::calendar::Calendar>,
    ) -> Result<Vec<u32>, Diagnostic> {
        let (line, header) = &self.header;
        let Some(cal) = calendar else {
            let col = header
                .find("date")
                .map_or(1, |b| header[..b].chars().count() + 1);
            return Err(at(
                &self.source,
                *line,
                col,
                header,
                says(
                    "the history is dated, but the scenario has no calendar; give it a start in its period (day, week, month, quarter or year), such as scenario.start = \"2013-01\" (or --set scenario.start=2013-01), or number the rows with a `period` column",
                    &[],
                ),
            ));
        };
        let mut periods: Vec<u32> = Vec::with_capacity(dates.len());
        for (i, d) in dates.iter().enumerate() {
            let here = |m: Text| at(&self.source, d.line, d.column, &d.source_line, m);
            let p = cal.period_of(&d.text).map_err(here)?;
            if let Some(&last) = periods.last()
                && p <= last
            {
                let first = &dates[periods
                    .iter()
                    .position(|q| *q == p)
                    .unwrap_or(i.saturating_sub(1))];
                return Err(here(if p == last {
                    says(
                        "{} is the same period as {} on line {}; keep one row per period",
                        &[&d.text, &first.text, &first.line],
                    )
                } else {
                    says(
                        "{} comes after {} (line {}); sort the rows by date",
                        &[&d.text, &dates[i - 1].text, &dates[i - 1].line],
                    )
                }));
            }
            periods.push(p);
        }
        Ok(periods)
    }
}

/// The span after a column's colon: a whole number of periods, or a
/// period's name (counted once the scenario is known). Only an amount (a
/// flow over its period) can be summed over a span.
pub(super) fn read_span(text: &str, c: &'static Column) -> Result<(u32, Option<String>), Text> {
    if c.kind != crate::model::ColumnKind::Amount {
        return Err(says(
            "`{}:{}`: {} is counted at its period, not summed over a span; only amounts (revenue, new_customers, profit, ...) take a span",
            &[&c.name, &text, &c.name],
        ));
    }
    if let Ok(k) = text.parse::<u32>()
        && (1..=MAX_PERIODS).contains(&k)
    {
        return Ok((k, None));
    }
    match crate::scenario::period::per_year(text) {
        Some(_) => {
            let l = text.trim().to_lowercase();
            Ok((0, Some(l.strip_suffix('s').unwrap_or(&l).to_string())))
        }
        None => Err(says(
            "`{}:{}`: a span is a whole number of periods (1–{}) or a period: day, week, month, quarter or year",
            &[&c.name, &text, &MAX_PERIODS],
        )),
    }
}
