//! Wrapping styled lines to a width in display columns, for panels that
//! must know how many rows a text takes before they draw it, and for every
//! paragraph of the interface: the breaks are the Unicode line-breaking
//! algorithm's ([`crate::format::wrap`]), so Chinese never starts a line
//! with closing punctuation and a number keeps its unit.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use unicode_width::UnicodeWidthStr;

/// A styled line wrapped to at most `width` display columns; each span
/// keeps its style across the break.
pub(crate) fn wrap(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    // The line's text, and each span's byte range in it with its style.
    let mut text = String::new();
    let mut spans: Vec<(usize, usize, Style)> = Vec::new();
    for span in &line.spans {
        let start = text.len();
        text.push_str(&span.content);
        spans.push((start, text.len(), span.style));
    }
    let width = width.max(1) as f64;
    crate::format::wrap::ranges(&text, |_| width, |s| s.width() as f64)
        .into_iter()
        .map(|r| {
            let pieces: Vec<Span<'static>> = spans
                .iter()
                .filter_map(|&(s, e, style)| {
                    let (a, b) = (s.max(r.start), e.min(r.end));
                    (a < b).then(|| Span::styled(text[a..b].to_string(), style))
                })
                .collect();
            let mut out = Line::from(pieces).style(line.style);
            out.alignment = line.alignment;
            out
        })
        .collect()
}

/// Every line wrapped to `width` columns, in order: what a paragraph shows
/// in a panel `width` columns wide inside its border.
pub(crate) fn wrap_all<'a>(text: impl Into<Text<'a>>, width: usize) -> Vec<Line<'static>> {
    let text: Text<'a> = text.into();
    text.lines.iter().flat_map(|l| wrap(l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Stylize;

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
        let zh = wrap(&Line::from("反馈从26周缩短到4周。"), 8);
        assert!(zh.iter().all(|l| l.width() <= 8), "{:?}", texts(&zh));
        assert_eq!(texts(&zh).concat(), "反馈从26周缩短到4周。");
        assert!(
            texts(&zh).iter().all(|l| !l.starts_with('。')),
            "{:?}",
            texts(&zh)
        );
        assert_eq!(texts(&wrap(&Line::from(""), 5)), [""]);
    }

    #[test]
    fn styles_follow_their_text_across_a_break() {
        let line = Line::from(vec![
            "預測：".bold(),
            "沒有業務團隊，研發加倍，".into(),
            "四年後的客戶".red(),
        ]);
        let w = wrap(&line, 12);
        assert!(w.len() > 1);
        let all: Vec<(String, Style)> = w
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| (s.content.to_string(), s.style)))
            .collect();
        let joined: String = all.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, "預測：沒有業務團隊，研發加倍，四年後的客戶");
        for (t, st) in &all {
            if t.contains('客') {
                assert_eq!(*st, Style::new().red(), "{t}");
            }
            if t.contains('預') {
                assert_eq!(*st, Style::new().bold(), "{t}");
            }
        }
    }
}
