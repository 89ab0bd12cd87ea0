//! Lines broken where a reader expects them, by the Unicode line-breaking
//! algorithm (UAX #14, from the `unicode-linebreak` crate): English between
//! words, Chinese between characters, but never a closing mark （，。：；！？）」）
//! at the start of a line, nor an opening one （「（） at its end, and never
//! inside a Latin word or a number (`$150k`). Tailored as Chinese typesetting
//! wants: a number keeps its unit (`26 週`, `26週`, `12%`), `第` its number,
//! and a range its two ends (`0–36`, `0～1`).
//!
//! One greedy filler serves every surface: terminal columns
//! ([`columns`], and the TUI's styled lines), and pixels in the pictures
//! ([`ranges`] with a measure of its own). Only a word wider than a whole
//! line is cut, between characters.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthStr;

/// Whether `c` is a Han character (a Chinese word or unit: 週, 月, 人).
fn han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Whether the text before a break ends in a number: `26`, `12%`, `$150k`, `1.5M`.
fn ends_in_number(before: &str) -> bool {
    let mut rev = before.chars().rev();
    match rev.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('%' | '％' | 'k' | 'M' | 'B') => rev.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The tailoring: no break between a number and the Han unit after it, nor
/// between `第` and its number.
fn glued(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    let Some(next) = text[at..].chars().next() else {
        return false;
    };
    let number_starts = next.is_ascii_digit() || next == '$' || next == '-';
    (ends_in_number(before) && (han(next) || dash(next)))
        || (before.ends_with('第') && number_starts)
        || (before.ends_with(dash) && number_starts)
}

/// The dash of a range (`0–36`, `0～1`): a range stays on one line.
fn dash(c: char) -> bool {
    matches!(c, '–' | '～' | '~')
}

/// Where `text` may break, as byte offsets where a next line may start,
/// each with whether the break is mandatory (a newline, the text's end).
pub fn opportunities(text: &str) -> Vec<(usize, bool)> {
    linebreaks(text)
        .filter_map(|(at, op)| match op {
            BreakOpportunity::Mandatory => Some((at, true)),
            BreakOpportunity::Allowed if !glued(text, at) => Some((at, false)),
            BreakOpportunity::Allowed => None,
        })
        .collect()
}

/// The end of a line that runs to `end`, without the spaces and newline
/// the break leaves behind.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    start
        + text[start..end]
            .trim_end_matches([' ', '\n', '\r', '\t'])
            .len()
}

/// The lines of `text` as byte ranges (trailing spaces and newlines left
/// out): line `i` is at most `max(i)` wide by `measure`. Breaks follow
/// [`opportunities`]; a piece wider than a whole line is cut between
/// characters. An empty text is one empty line.
pub fn ranges(
    text: &str,
    max: impl Fn(usize) -> f64,
    measure: impl Fn(&str) -> f64,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    // The last break at which the current line still fits.
    let mut fits: Option<usize> = None;
    let ops = opportunities(text);
    let mut k = 0;
    while k < ops.len() {
        let (at, mandatory) = ops[k];
        let end = trimmed_end(text, start, at);
        let limit = max(out.len());
        if measure(&text[start..end]) <= limit {
            if mandatory {
                out.push(start..end);
                start = at;
                fits = None;
            } else {
                fits = Some(at);
            }
            k += 1;
            continue;
        }
        if let Some(f) = fits.take() {
            // Break at the last place the line fitted; read this break again.
            out.push(start..trimmed_end(text, start, f));
            start = f;
            continue;
        }
        // One piece wider than the line: cut it between characters, yet
        // not before a closing mark nor after an opening one while the
        // line keeps a character.
        let mut cut = start;
        for (i, c) in text[start..end].char_indices() {
            let next = start + i + c.len_utf8();
            if cut > start && measure(&text[start..next]) > limit {
                break;
            }
            cut = next;
        }
        while cut < end {
            let before = text[start..cut].chars().next_back();
            let after = text[cut..].chars().next();
            let bad = after.is_some_and(closes) || before.is_some_and(opens);
            match before {
                Some(b) if bad && cut - b.len_utf8() > start => cut -= b.len_utf8(),
                _ => break,
            }
        }
        out.push(start..cut);
        start = cut;
    }
    if out.is_empty() || start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..trimmed_end(text, start, text.len()));
    }
    out
}

/// `text` broken into lines of at most `width` terminal columns.
pub fn columns(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1) as f64;
    ranges(text, |_| width, |s| s.width() as f64)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// `text` broken into lines of at most `width` columns, every line after
/// the first indented by `hang` spaces (a list's continuation lines).
pub fn hanging(text: &str, width: usize, hang: usize) -> Vec<String> {
    let first = width.max(1) as f64;
    let rest = width.saturating_sub(hang).max(1) as f64;
    ranges(
        text,
        |i| if i == 0 { first } else { rest },
        |s| s.width() as f64,
    )
    .into_iter()
    .enumerate()
    .map(|(i, r)| {
        if i == 0 {
            text[r].to_string()
        } else {
            format!("{}{}", " ".repeat(hang), &text[r])
        }
    })
    .collect()
}

/// Whether a line may not start with `c` (closing punctuation).
pub fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '：' | '；' | '！' | '？' | '）' | '」' | '、' | ')' | ',' | '.'
    )
}

/// Whether a line may not end with `c` (opening punctuation).
pub fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '(')
}

#[cfg(test)]
mod tests;
