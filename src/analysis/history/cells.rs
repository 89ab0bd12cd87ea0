//! The cells of a history's CSV: split as a spreadsheet writes them
//! (quotes, thousands separators), and read as periods and values.

use super::SIGNED_COLUMNS;
use crate::i18n::{Text, says};
use crate::scenario::load::MAX_PERIODS;

/// The cells of a line with the 1-based character column each starts at,
/// trimmed of spaces and of surrounding double quotes. A comma inside
/// double quotes belongs to its cell (`"8,333"`, as spreadsheets write
/// thousands).
pub(super) fn cells(line: &str) -> Vec<(usize, &str)> {
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
pub(super) fn number(cell: &str) -> Option<f64> {
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

pub(super) fn read_period(text: &str) -> Option<u32> {
    let v: f64 = text.parse().ok()?;
    (v.fract() == 0.0 && (0.0..=f64::from(MAX_PERIODS)).contains(&v)).then_some(v as u32)
}

pub(super) fn read_value(cell: &str, name: &str) -> Result<Option<f64>, Text> {
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
