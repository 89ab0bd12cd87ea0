//! A company's history as a CSV: a `period` column and any of the model's
//! output columns, one row per period, blank cells for missing values.
//! Every problem is a located [`Diagnostic`] (file:line:column) that says how
//! to fix it.

use crate::i18n::{Text, says};
use crate::model::{COLUMNS, Column, column};
use crate::scenario::Diagnostic;
use crate::scenario::load::MAX_PERIODS;
use crate::scenario::suggest::nearest;

/// The largest history file read, in bytes.
pub const MAX_HISTORY_BYTES: u64 = 16 * 1024 * 1024;

/// The columns that may hold negative values (money that can run out).
pub const SIGNED_COLUMNS: [&str; 2] = ["cash", "profit"];

/// One observed series: a model column and its values at the history's periods.
#[derive(Clone)]
pub struct Observed {
    /// The model column it matches.
    pub column: &'static Column,
    /// One value per period of the history (`None`: missing).
    pub values: Vec<Option<f64>>,
    /// For an amount measured over a span (`revenue:year`), how many of the
    /// scenario's periods each value sums: the flow over the periods
    /// `p - span .. p` (the span that ends where row `p` begins, as a
    /// company reports a year's revenue beside its year-end customers).
    /// 0: the model's own period, `p .. p + 1`.
    pub span: u32,
    /// The span as written in the header, while it names a period (`year`)
    /// not yet counted in the scenario's periods ([`History::in_periods_of`]).
    pub span_named: Option<String>,
}

impl Observed {
    /// A series over the model's own periods.
    pub fn new(column: &'static Column, values: Vec<Option<f64>>) -> Observed {
        Observed {
            column,
            values,
            span: 0,
            span_named: None,
        }
    }

    /// The column's name.
    pub fn name(&self) -> &'static str {
        self.column.name
    }

    /// The column as the header writes it (`revenue`, `revenue:12`).
    pub fn header(&self) -> String {
        match (&self.span_named, self.span) {
            (Some(n), _) => format!("{}:{n}", self.name()),
            (None, 0) => self.name().to_string(),
            (None, k) => format!("{}:{k}", self.name()),
        }
    }

    /// What a run says this series holds at row `p`: the column at row `p`,
    /// or over a span the column summed over the rows before `p`; `None`
    /// where the run does not reach.
    pub fn modelled(&self, rows: &[crate::model::Row], p: usize) -> Option<f64> {
        let k = self.span as usize;
        if k == 0 {
            return rows.get(p).map(self.column.get);
        }
        if p < k || p > rows.len() {
            return None;
        }
        Some(rows[p - k..p].iter().map(self.column.get).sum())
    }

    /// How many values are present.
    pub fn points(&self) -> usize {
        self.values.iter().flatten().count()
    }
}

impl std::fmt::Debug for Observed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observed")
            .field("column", &self.column.name)
            .field("values", &self.values)
            .finish()
    }
}

/// A history: the periods observed, in increasing order, and the series.
#[derive(Debug, Clone)]
pub struct History {
    /// Where it came from (a file name).
    pub source: String,
    /// The periods, strictly increasing.
    pub periods: Vec<u32>,
    /// The series, in the file's column order.
    pub series: Vec<Observed>,
    /// The header's line number and text, to place what is found wrong
    /// once the scenario is known.
    pub header: (usize, String),
    /// A history dated by a `date` column instead of numbered by `period`:
    /// each row's date as written, with its line, column and text, until
    /// the scenario's calendar turns them into periods.
    pub dates: Option<Vec<DateCell>>,
}

/// A row's `date` cell, where it was written.
#[derive(Debug, Clone)]
pub struct DateCell {
    /// The line (1-based).
    pub line: usize,
    /// The cell's column (1-based).
    pub column: usize,
    /// The date as written.
    pub text: String,
    /// The whole line, to show with a problem.
    pub source_line: String,
}

impl History {
    /// The last period observed (0 for an empty history).
    pub fn last_period(&self) -> u32 {
        self.periods.last().copied().unwrap_or(0)
    }

    /// A series by column name.
    pub fn get(&self, name: &str) -> Option<&Observed> {
        self.series.iter().find(|s| s.name() == name)
    }

    /// The present values of a series of this history, with their periods.
    pub fn observed<'a>(
        &'a self,
        s: &'a Observed,
    ) -> impl DoubleEndedIterator<Item = (u32, f64)> + 'a {
        self.periods
            .iter()
            .zip(&s.values)
            .filter_map(|(p, v)| v.map(|v| (*p, v)))
    }

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

    /// The history as CSV text that [`parse`] reads back.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("period");
        for s in &self.series {
            out.push(',');
            out.push_str(&s.header());
        }
        out.push('\n');
        for (i, p) in self.periods.iter().enumerate() {
            out.push_str(&p.to_string());
            for s in &self.series {
                out.push(',');
                if let Some(v) = s.values[i] {
                    out.push_str(&format!("{v}"));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// A located problem on `line` (1-based), at character `column` (1-based).
fn at(file: &str, line: usize, column: usize, text: &str, message: Text) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line,
        column,
        message,
        source_line: Some(text.to_string()),
    }
}

/// The cells of a line with the 1-based character column each starts at,
/// trimmed of spaces and of surrounding double quotes. A comma inside
/// double quotes belongs to its cell (`"8,333"`, as spreadsheets write
/// thousands).
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0; // byte offset of the cell
    let mut col = 1; // its character column
    let mut chars_in = 0;
    let mut quoted = false;
    fn trimmed(cell: &str, col: usize) -> (usize, &str) {
        let lead = cell.chars().take_while(|c| c.is_whitespace()).count();
        let v = cell.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(v);
        (col + lead, v.trim())
    }
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(trimmed(&line[start..i], col));
                col += chars_in + 1;
                chars_in = 0;
                start = i + 1;
                continue;
            }
            _ => {}
        }
        chars_in += 1;
    }
    out.push(trimmed(&line[start..], col));
    out
}

/// A number as a spreadsheet writes it: plain (`8333.5`, `1e6`) or with
/// commas between groups of three digits (`8,333`, `1,250,000.75`).
fn number(cell: &str) -> Option<f64> {
    if let Ok(v) = cell.parse::<f64>() {
        return Some(v);
    }
    let (sign, rest) = match cell.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", cell),
    };
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !grouped || frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let plain = format!(
        "{sign}{}{}",
        groups.concat(),
        frac.map_or(String::new(), |f| format!(".{f}"))
    );
    plain.parse().ok()
}

/// The first year a `period` column of calendar years may start at.
const FIRST_YEAR: u32 = 1900;
/// The last.
const LAST_YEAR: u32 = 2200;

/// Reads a history CSV. Lines starting with `#` are comments; blank lines are skipped.
pub fn parse(file: &str, text: &str) -> Result<History, Diagnostic> {
    if text.len() as u64 > MAX_HISTORY_BYTES {
        return Err(too_large(file, text.len() as u64));
    }
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((hline, header)) = lines.next() else {
        return Err(Diagnostic::general(
            file,
            says(
                "the file has no header and no rows; its first line names the columns, such as `period,customers,revenue`, then one row per period",
                &[],
            ),
        ));
    };
    let names = cells(header);
    let is = |n: &str, what: &str| n.eq_ignore_ascii_case(what);
    let has_period = names.iter().any(|(_, n)| is(n, "period"));
    let date_col = names.iter().position(|(_, n)| is(n, "date"));
    if !has_period && date_col.is_none() {
        return Err(no_period(file, hline, header));
    }
    if let (true, Some(d)) = (has_period, date_col) {
        return Err(at(
            file,
            hline,
            names[d].0,
            header,
            says(
                "both a `period` and a `date` column; keep one (a date is placed by the scenario's start)",
                &[],
            ),
        ));
    }
    let mut period_at = None;
    let mut series: Vec<(usize, &'static Column)> = Vec::new();
    let mut spans: Vec<(u32, Option<String>)> = Vec::new();
    for (i, (col, name)) in names.iter().enumerate() {
        let lower = name.to_lowercase();
        // `revenue:year`, `revenue:12`: an amount measured over a span.
        let (lower, span) = match lower.split_once(':') {
            Some((c, s)) => (c.trim().to_string(), Some(s.trim().to_string())),
            None => (lower, None),
        };
        if lower == "period" || lower == "date" {
            if period_at.is_some() {
                return Err(at(
                    file,
                    hline,
                    *col,
                    header,
                    says("a second `period` column; keep one", &[]),
                ));
            }
            period_at = Some(i);
            continue;
        }
        let Some(c) = column(&lower) else {
            let valid = COLUMNS.iter().skip(1).map(|c| c.name);
            let hint = match nearest(&lower, valid) {
                Some(n) => says("did you mean `{}`?", &[&n]),
                None => says("see the columns of `flywheel run --format csv`", &[]),
            };
            return Err(at(
                file,
                hline,
                *col,
                header,
                says("unknown column `{}`; {}", &[name, &hint]),
            ));
        };
        if series.iter().any(|(_, s)| s.name == c.name) {
            return Err(at(
                file,
                hline,
                *col,
                header,
                says("the column `{}` appears twice; keep one", &[name]),
            ));
        }
        let span = match span {
            None => (0, None),
            Some(s) => read_span(&s, c).map_err(|m| at(file, hline, *col, header, m))?,
        };
        series.push((i, c));
        spans.push(span);
    }
    let Some(period_at) = period_at else {
        return Err(no_period(file, hline, header));
    };
    if series.is_empty() {
        return Err(at(
            file,
            hline,
            1,
            header,
            says(
                "only a `period` column; add at least one series to fit, such as `customers` or `revenue`",
                &[],
            ),
        ));
    }

    let mut periods: Vec<u32> = Vec::new();
    let mut dates: Vec<DateCell> = Vec::new();
    let mut first_line: Vec<usize> = Vec::new();
    let mut values: Vec<Vec<Option<f64>>> = vec![Vec::new(); series.len()];
    for (lno, line) in lines {
        let row = cells(line);
        if row.len() != names.len() {
            let col = row.last().map_or(1, |(c, _)| *c);
            return Err(at(
                file,
                lno,
                col,
                line,
                says(
                    "{} cells, but the header names {} columns; leave a cell empty for a missing value",
                    &[&row.len(), &names.len()],
                ),
            ));
        }
        let (pcol, ptext) = row[period_at];
        if date_col.is_some() {
            // Placed once the scenario's calendar is known.
            dates.push(DateCell {
                line: lno,
                column: pcol,
                text: ptext.to_string(),
                source_line: line.to_string(),
            });
            for (k, (i, c)) in series.iter().enumerate() {
                let (col, cell) = row[*i];
                values[k].push(read_value(cell, c.name).map_err(|m| at(file, lno, col, line, m))?);
            }
            continue;
        }
        // A problem with this row's period, located at its cell.
        let bad_period = |message: Text| at(file, lno, pcol, line, message);
        let period = read_period(ptext).ok_or_else(|| {
            bad_period(says(
                "the period `{}` is not a whole number 0..={}; number the rows 0, 1, 2, ...",
                &[&ptext, &MAX_PERIODS],
            ))
        })?;
        if periods.is_empty() && (FIRST_YEAR..=LAST_YEAR).contains(&period) {
            return Err(bad_period(says(
                "the period `{}` looks like a calendar year; number the rows from 0 in the scenario's period (the first row is 0; with monthly periods, the years {}, {}, ... are 0, 12, ...)",
                &[&ptext, &period, &(period + 1)],
            )));
        }
        if let Some(&last) = periods.last() {
            if period == last {
                return Err(bad_period(says(
                    "period {} appears twice (first on line {}); keep one row per period",
                    &[&period, &first_line.last().copied().unwrap_or(0)],
                )));
            }
            if period < last {
                let seen = periods.iter().position(|&p| p == period);
                let note = match seen {
                    Some(i) => says(" and appears twice (first on line {})", &[&first_line[i]]),
                    None => Text::plain(""),
                };
                return Err(bad_period(says(
                    "period {} comes after period {}{}; sort the rows by period",
                    &[&period, &last, &note],
                )));
            }
        }
        periods.push(period);
        first_line.push(lno);
        for (k, (i, c)) in series.iter().enumerate() {
            let (col, cell) = row[*i];
            values[k].push(read_value(cell, c.name).map_err(|m| at(file, lno, col, line, m))?);
        }
    }
    if periods.is_empty() && dates.is_empty() {
        return Err(at(
            file,
            hline,
            1,
            header,
            says("a header but no rows; add one row per period under it", &[]),
        ));
    }
    let series = series
        .into_iter()
        .zip(values)
        .zip(spans)
        .map(|(((_, column), values), (span, span_named))| Observed {
            column,
            values,
            span,
            span_named,
        })
        .collect();
    Ok(History {
        source: file.to_string(),
        periods,
        series,
        header: (hline, header.to_string()),
        dates: date_col.map(|_| dates),
    })
}

/// The span after a column's colon: a whole number of periods, or a
/// period's name (counted once the scenario is known). Only an amount (a
/// flow over its period) can be summed over a span.
fn read_span(text: &str, c: &'static Column) -> Result<(u32, Option<String>), Text> {
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
            "`{}:{}`: a span is a whole number of periods (1..={}) or a period: day, week, month, quarter or year",
            &[&c.name, &text, &MAX_PERIODS],
        )),
    }
}

fn no_period(file: &str, line: usize, header: &str) -> Diagnostic {
    at(
        file,
        line,
        1,
        header,
        says(
            "no `period` column; the first line names the columns, such as `period,customers,revenue` (found `{}`)",
            &[&header.trim()],
        ),
    )
}

/// The message for a file over [`MAX_HISTORY_BYTES`].
pub fn too_large(file: &str, bytes: u64) -> Diagnostic {
    Diagnostic::general(
        file,
        says(
            "the file is {} bytes, over the limit of {} MiB for a history; keep the period column and the series to fit",
            &[&bytes, &(MAX_HISTORY_BYTES / (1024 * 1024))],
        ),
    )
}

fn read_period(text: &str) -> Option<u32> {
    let v: f64 = text.parse().ok()?;
    (v.fract() == 0.0 && (0.0..=f64::from(MAX_PERIODS)).contains(&v)).then_some(v as u32)
}

fn read_value(cell: &str, name: &str) -> Result<Option<f64>, Text> {
    if cell.is_empty() {
        return Ok(None);
    }
    let v: f64 = number(cell).ok_or_else(|| {
        says(
            "`{}` in `{}` is not a number; write a number such as 1250.5 or 8,333 (no units), or leave the cell empty for a missing value",
            &[&cell, &name],
        )
    })?;
    if !v.is_finite() {
        return Err(says(
            "`{}` in `{}` is not a finite number; leave the cell empty for a missing value",
            &[&cell, &name],
        ));
    }
    if v < 0.0 && !SIGNED_COLUMNS.contains(&name) {
        return Err(says(
            "{} in `{}` is negative; a count or an amount of money flowing cannot be below zero (only {} can)",
            &[&cell, &name, &SIGNED_COLUMNS.join(" and ")],
        ));
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests;
