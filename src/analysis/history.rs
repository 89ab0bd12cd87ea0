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
        modelled(rows, self.column.get, self.span as usize, p)
    }

    /// How many values are present.
    pub fn points(&self) -> usize {
        self.values.iter().flatten().count()
    }
}

/// What a run says a series of `get` holds at row `p`: the row's value, or
/// over a span of `span` rows the values of the rows before `p` summed;
/// `None` where the run does not reach.
pub fn modelled(
    rows: &[crate::model::Row],
    get: fn(&crate::model::Row) -> f64,
    span: usize,
    p: usize,
) -> Option<f64> {
    if span == 0 {
        return rows.get(p).map(get);
    }
    rows.get(p.checked_sub(span)?..p)
        .map(|r| r.iter().map(get).sum())
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
            Some(s) => placing::read_span(&s, c).map_err(|m| at(file, hline, *col, header, m))?,
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
                "the period `{}` is not a whole number 0–{}; number the rows 0, 1, 2, ...",
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

mod cells;
mod placing;

#[cfg(test)]
use cells::number;
use cells::{cells, read_period, read_value};
#[cfg(test)]
mod tests;
