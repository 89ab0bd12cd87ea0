//! Wrapping text to a width in display columns, for panels that must know
//! how many rows a text takes before they draw it: English breaks between
//! words, Chinese (which has no spaces) between any two characters.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A styled line wrapped at word boundaries (and between wide characters)
/// to at most `width` display columns; a word longer than the width is cut
/// across lines.
pub(super) fn wrap(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    // Units: a run of spaces, a word, or one wide character (text, style, kind).
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Space,
        Word,
        Wide,
    }
    let mut units: Vec<(String, Style, Kind)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let kind = if c == ' ' {
                Kind::Space
            } else if c.width().unwrap_or(0) > 1 {
                Kind::Wide
            } else {
                Kind::Word
            };
            match units.last_mut() {
                Some((t, st, k)) if *k == kind && kind != Kind::Wide && *st == style => t.push(c),
                _ => units.push((c.to_string(), style, kind)),
            }
        }
    }
    let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style, kind) in units {
        let w = text.width();
        if kind == Kind::Space {
            if used > 0 && used + w <= width {
                if let Some(l) = out.last_mut() {
                    l.push(Span::styled(text, style));
                }
                used += w;
            } else if used > 0 {
                out.push(Vec::new());
                used = 0;
            }
            continue;
        }
        if used + w > width && used > 0 {
            trim_end(out.last_mut());
            out.push(Vec::new());
            used = 0;
        }
        let mut rest = text;
        while rest.width() > width {
            let mut cut = String::new();
            let mut cw = 0;
            let mut chars = rest.chars();
            for c in chars.by_ref() {
                let w = c.width().unwrap_or(0);
                if cw + w > width {
                    break;
                }
                cut.push(c);
                cw += w;
            }
            let n = cut.chars().count();
            rest = rest.chars().skip(n).collect();
            if let Some(l) = out.last_mut() {
                l.push(Span::styled(cut, style));
            }
            out.push(Vec::new());
        }
        used += rest.width();
        if let Some(l) = out.last_mut() {
            l.push(Span::styled(rest, style));
        }
    }
    trim_end(out.last_mut());
    if out.len() > 1 && out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.into_iter().map(Line::from).collect()
}

fn trim_end(line: Option<&mut Vec<Span<'static>>>) {
    if let Some(l) = line {
        while l.last().is_some_and(|s| s.content.trim().is_empty()) {
            l.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn lines_wrap_at_words_and_fit() {
        let l = Line::from("the quick brown fox jumps over the lazy dog");
        let w = wrap(&l, 10);
        assert_eq!(
            texts(&w),
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        for l in &w {
            assert!(l.width() <= 10);
        }
        // Chinese breaks between characters; a long word is cut.
        let zh = wrap(&Line::from("反馈从26周缩短到4周"), 8);
        assert!(zh.iter().all(|l| l.width() <= 8), "{:?}", texts(&zh));
        assert_eq!(texts(&zh).concat(), "反馈从26周缩短到4周");
        let long = wrap(&Line::from("abcdefghijkl"), 5);
        assert_eq!(texts(&long), ["abcde", "fghij", "kl"]);
        assert_eq!(texts(&wrap(&Line::from(""), 5)), [""]);
    }
}
