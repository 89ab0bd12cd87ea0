use super::*;

/// Every line of `lines` fits `width` and none breaks a Chinese rule.
fn well_broken(lines: &[String], width: usize) {
    for (i, l) in lines.iter().enumerate() {
        assert!(
            l.width() <= width,
            "line {i} is {} wide: {lines:?}",
            l.width()
        );
        let first = l.trim_start().chars().next();
        if i > 0 {
            assert!(
                !first.is_some_and(closes),
                "line {i} starts with a closing mark: {lines:?}"
            );
        }
        if i + 1 < lines.len() {
            assert!(
                !l.chars().last().is_some_and(opens),
                "line {i} ends with an opening mark: {lines:?}"
            );
        }
    }
}

#[test]
fn english_breaks_between_words() {
    let lines = columns("the quick brown fox jumps over the lazy dog", 10);
    assert_eq!(
        lines,
        ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
    );
    assert_eq!(columns("", 5), [""]);
    assert_eq!(columns("short", 40), ["short"]);
}

#[test]
fn a_latin_word_is_never_split_unless_wider_than_the_line() {
    // From its own width up, `feedback.latency` is never split.
    for width in 16..=30 {
        let lines = columns("set feedback.latency to 4 weeks", width);
        well_broken(&lines, width);
        assert!(
            lines.iter().any(|l| l.contains("feedback.latency")),
            "{width}: {lines:?}"
        );
    }
    // Wider than the line: cut between characters, nothing lost.
    assert_eq!(columns("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
}

#[test]
fn closing_punctuation_never_starts_a_line_nor_opening_ends_one() {
    let text = "產品力越過0.6後，轉換率上升，營收支付更多業務和研發（以及回饋）。你覺得呢？「對照線」是什麼？";
    // From 6 columns, the widest piece that may not break (`饋）。`) fits.
    for width in 6..=40 {
        let lines = columns(text, width);
        well_broken(&lines, width);
        assert_eq!(lines.concat(), text, "{width}");
    }
}

#[test]
fn a_number_keeps_its_unit_and_money_stays_whole() {
    let text = "回饋從 26 週縮短到 4 週，每週 $150k 的研發，第 66 週達到 12%。";
    for width in 6..=40 {
        let lines = columns(text, width);
        well_broken(&lines, width);
        for l in &lines {
            let end = l.trim_end();
            assert!(
                !end.ends_with("26") && !end.ends_with(" 4") && !end.ends_with('第'),
                "{width}: {lines:?}"
            );
            assert!(
                !end.ends_with('$') && !end.ends_with("$1") && !end.ends_with("$15"),
                "{width}: {lines:?}"
            );
        }
        assert!(
            lines.iter().any(|l| l.contains("$150k")),
            "{width}: {lines:?}"
        );
    }
    // A range keeps its ends together.
    for width in 8..=30 {
        let lines = columns(
            "rows over periods 0–36 and shares 0～1, or $20k–$40k",
            width,
        );
        for l in &lines {
            assert!(
                !l.ends_with('–') && !l.ends_with('～'),
                "{width}: {lines:?}"
            );
        }
    }
    // Without a space too: `26週` is one piece.
    let lines = columns("縮短到26週", 6);
    assert!(lines.iter().any(|l| l.contains("26週")), "{lines:?}");
}

#[test]
fn newlines_are_kept_and_hanging_lines_are_indented() {
    assert_eq!(columns("one\ntwo three", 20), ["one", "two three"]);
    assert_eq!(columns("a\n\nb", 20), ["a", "", "b"]);
    let lines = hanging(
        "  week 12  sales budget $20k → $40k and R&D share 10% → 20%",
        24,
        4,
    );
    assert!(lines.len() > 1);
    for l in &lines[1..] {
        assert!(
            l.starts_with("    ") && !l.starts_with("     "),
            "{lines:?}"
        );
    }
    assert!(lines.iter().all(|l| l.width() <= 24), "{lines:?}");
}

#[test]
fn pixels_measure_like_columns() {
    // A measure of 10 pixels a column gives the same lines as columns.
    let text = "Two gears, one loop：兩個齒輪，一個迴圈。";
    for width in 5..30 {
        let px: Vec<String> = ranges(text, |_| width as f64 * 10.0, |s| s.width() as f64 * 10.0)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect();
        assert_eq!(px, columns(text, width), "{width}");
    }
}
