//! One vocabulary in Traditional Chinese: the glossary's "not" column
//! (`docs/glossary-zh-Hant.md`, the project's copy of
//! `../shared/GLOSSARY-zh-Hant.md`; its Terms table, read at test time) stays
//! out of every text a Traditional Chinese reader sees: the values of
//! `locales/zh-Hant.yml`, every `*_zh_hant` text of `scenarios/*.toml`, and
//! every Traditional Chinese snapshot the tests keep. A word of the "not"
//! column that is right in another sense is written in [`ALLOWED`], with the
//! phrase it may stand in and why.

use std::path::{Path, PathBuf};

/// A term of the "not" column and the phrase in which it is the right word:
/// (term, phrase, why). The phrase is masked before the term is looked for.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "簡單",
        "簡單外推",
        "the naive forecast of a back-test (a simple extrapolation), not the easy target",
    ),
    (
        "虛線",
        "以虛線繪製",
        "the debrief picture tells how its reference lines are drawn (dashed), not the baseline",
    ),
    (
        "執行",
        "執行指令",
        "running a command is 執行; only a simulation run is 模擬",
    ),
    (
        "執行",
        "執行程式",
        "running a program is 執行; only a simulation run is 模擬",
    ),
    (
        "銷售",
        "銷售額",
        "the amount sold (the activity of selling), not the people who sell",
    ),
    (
        "銷售",
        "銷售與行銷",
        "sales and marketing as activities, not the people who sell",
    ),
    (
        "節",
        "環節",
        "a link of a chain (another word), not a TOML section",
    ),
    ("節", "細節", "details (another word), not a TOML section"),
    ("節", "季節", "a season (another word), not a TOML section"),
    (
        "節",
        "調節",
        "to regulate (another word), not a TOML section",
    ),
    ("節", "節省", "to save (another word), not a TOML section"),
    (
        "節",
        "節奏",
        "rhythm, pace (another word), not a TOML section",
    ),
    (
        "節",
        "章節",
        "a chapter of a text (another word), not a TOML section",
    ),
];

/// One row of the glossary's Terms table.
#[derive(Debug)]
struct Row {
    concept: String,
    /// The "use" column as written, for the failure message.
    use_text: String,
    /// The terms of the "use" column, to mask a "not" term written inside
    /// its own replacement (一線 in 第一線, 內建 in 內建情境).
    uses: Vec<String>,
    /// The terms of the "not" column.
    not: Vec<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The glossary as the project keeps it (a copy of the shared one, so a
/// clone alone holds everything the test reads).
fn glossary_path() -> PathBuf {
    root().join("docs/glossary-zh-Hant.md")
}

/// Where the shared glossary lives beside the repository, when it does.
fn shared_glossary() -> PathBuf {
    root().join("../shared/GLOSSARY-zh-Hant.md")
}

#[test]
fn the_projects_glossary_is_the_shared_one_where_that_is_at_hand() {
    // The project's copy is what the tests read; beside the shared
    // glossary, it must say the same, so a change there is taken here.
    let ours = std::fs::read_to_string(glossary_path()).expect("docs/glossary-zh-Hant.md reads");
    assert!(
        ours.contains("## Terms"),
        "docs/glossary-zh-Hant.md has no Terms table"
    );
    if let Ok(shared) = std::fs::read_to_string(shared_glossary()) {
        assert_eq!(
            ours, shared,
            "docs/glossary-zh-Hant.md differs from ../shared/GLOSSARY-zh-Hant.md: copy the shared one"
        );
    }
}

/// Drops half-width parenthesised remarks: "銷售 (for people)" is 銷售.
fn drop_remarks(cell: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in cell.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The terms of a cell: split on 、 / ， , and spaces; words in Latin letters
/// ("and", "mixed") are remarks, not terms.
fn terms(cell: &str) -> Vec<String> {
    drop_remarks(cell)
        .split(|c: char| matches!(c, '、' | '/' | '，' | ',') || c.is_whitespace())
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.chars().any(|c| c.is_ascii_alphanumeric()))
        .map(String::from)
        .collect()
}

/// The rows of the Terms table of the glossary.
fn glossary() -> Vec<Row> {
    let path = glossary_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the glossary {} cannot be read ({e}): it is the reference for the Traditional \
             Chinese terms, kept in docs/ (a copy of ../shared/GLOSSARY-zh-Hant.md)",
            path.display()
        )
    });
    let start = text
        .find("## Terms")
        .unwrap_or_else(|| panic!("{}: no \"## Terms\" section", path.display()));
    let rows: Vec<Row> = text[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.trim_start().starts_with('|'))
        .take_while(|l| l.trim_start().starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let [concept, use_text, not] = cells[..] else {
                panic!("{}: a Terms row without three cells: {l}", path.display())
            };
            let header = concept.starts_with("concept") || concept.chars().all(|c| c == '-');
            (!header).then(|| Row {
                concept: concept.to_string(),
                use_text: use_text.to_string(),
                uses: terms(use_text),
                not: terms(not),
            })
        })
        .collect();
    assert!(
        rows.len() >= 20 && rows.iter().filter(|r| !r.not.is_empty()).count() >= 20,
        "{}: the Terms table reads as {} rows; is it still a | concept | use | not | table?",
        path.display(),
        rows.len()
    );
    rows
}

/// A text a Traditional Chinese reader sees, and where it is.
struct Text {
    file: String,
    line: usize,
    text: String,
}

/// The values of `locales/zh-Hant.yml`, one a line.
fn locale_texts() -> Vec<Text> {
    let file = "locales/zh-Hant.yml";
    let text = std::fs::read_to_string(root().join(file)).expect("the locale file reads");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with('"'))
        .map(|(i, l)| {
            let entry: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&format!("{{{l}}}"))
                    .unwrap_or_else(|e| panic!("{file}:{}: not an entry: {e}", i + 1));
            let value = entry.values().next().and_then(|v| v.as_str()).unwrap_or("");
            Text {
                file: file.to_string(),
                line: i + 1,
                text: value.to_string(),
            }
        })
        .collect()
}

/// Every string under a key ending in `_zh_hant`, at any depth.
fn hant_strings(value: &toml::Value, hant: bool, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) if hant => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| hant_strings(v, hant, out)),
        toml::Value::Table(t) => t
            .iter()
            .for_each(|(k, v)| hant_strings(v, k.ends_with("_zh_hant"), out)),
        _ => {}
    }
}

/// Every `*_zh_hant` text of every scenario file; the line is the first that
/// holds the text's first line (a `_zh_hant` line first).
fn scenario_texts() -> Vec<Text> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ reads")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios/*.toml");
    let mut out = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("the scenario reads");
        let file = format!("scenarios/{}", path.file_name().unwrap().to_string_lossy());
        let doc: toml::Value =
            toml::from_str(&source).unwrap_or_else(|e| panic!("{file}: not TOML: {e}"));
        let mut texts = Vec::new();
        hant_strings(&doc, false, &mut texts);
        let lines: Vec<&str> = source.lines().collect();
        for text in texts {
            let head = text.lines().next().unwrap_or("");
            let at = |hant_only: bool| {
                lines
                    .iter()
                    .position(|l| l.contains(head) && (!hant_only || l.contains("_zh_hant")))
            };
            let line = at(true).or_else(|| at(false)).map_or(0, |i| i + 1);
            out.push(Text {
                file: file.clone(),
                line,
                text,
            });
        }
    }
    out
}

/// The `.snap` files under `dir`, at any depth.
fn snapshots(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            snapshots(&path, out);
        } else if path.extension().is_some_and(|e| e == "snap") {
            out.push(path);
        }
    }
}

/// Every line of every Traditional Chinese snapshot (`zh_hant` in its name)
/// under tests/ and src/.
fn snapshot_texts() -> Vec<Text> {
    let mut files = Vec::new();
    snapshots(&root().join("tests"), &mut files);
    snapshots(&root().join("src"), &mut files);
    files.retain(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase().contains("zh_hant"))
    });
    files.sort();
    assert!(
        !files.is_empty(),
        "no Traditional Chinese snapshot (a .snap named zh_hant_*) under tests/ or src/"
    );
    let mut out = Vec::new();
    for path in files {
        let file = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let source = std::fs::read_to_string(&path).expect("the snapshot reads");
        for (i, line) in source.lines().enumerate() {
            out.push(Text {
                file: file.clone(),
                line: i + 1,
                text: line.to_string(),
            });
        }
    }
    out
}

/// The text with what may contain `term` masked: the allowed phrases for
/// it and its own row's "use" terms that contain it.
fn masked(text: &str, term: &str, row: &Row) -> String {
    let mut text = text.to_string();
    let phrases = ALLOWED
        .iter()
        .filter(|(t, _, _)| *t == term)
        .map(|(_, p, _)| *p)
        .chain(
            row.uses
                .iter()
                .map(String::as_str)
                .filter(|u| u.contains(term)),
        );
    for phrase in phrases {
        text = text.replace(phrase, "□");
    }
    text
}

/// The uses of the glossary's "not" column in `texts`, one line each.
fn violations(rows: &[Row], texts: &[Text]) -> Vec<String> {
    let mut out = Vec::new();
    for t in texts {
        for row in rows {
            for term in &row.not {
                if t.text.contains(term.as_str())
                    && masked(&t.text, term, row).contains(term.as_str())
                {
                    out.push(format!(
                        "{}:{}: 「{term}」 ({}: use {}) in: {}",
                        t.file, t.line, row.concept, row.use_text, t.text
                    ));
                }
            }
        }
    }
    out
}

fn assert_clean(what: &str, texts: &[Text]) {
    let rows = glossary();
    let found = violations(&rows, texts);
    assert!(
        found.is_empty(),
        "{} {what} use a term the glossary ({}) says not to; write its \"use\" term, or add \
         the phrase to ALLOWED in tests/docs/glossary.rs with why it is right there:\n{}",
        found.len(),
        glossary_path().display(),
        found.join("\n")
    );
}

#[test]
fn the_glossary_is_there_and_reads() {
    let rows = glossary();
    let row = |concept: &str| {
        rows.iter()
            .find(|r| r.concept.starts_with(concept))
            .unwrap_or_else(|| panic!("no Terms row for {concept}"))
    };
    // Remarks in parentheses and Latin words are not terms.
    assert_eq!(row("sales rep").not, ["銷售"]);
    assert_eq!(row("leads").not, ["線索", "潛在名單"]);
    assert_eq!(row("a simulation run").not, ["執行", "執行結果"]);
    assert_eq!(row("deterministic").not, ["確定性", "隨機流量"]);
    assert_eq!(row("a simulation run").uses, ["模擬", "模擬結果"]);
}

#[test]
fn the_allowed_phrases_hold_a_term_of_the_not_column() {
    let rows = glossary();
    for (term, phrase, why) in ALLOWED {
        assert!(
            phrase.contains(term),
            "ALLOWED: the phrase {phrase} does not hold {term}"
        );
        assert!(!why.is_empty(), "ALLOWED: say why {phrase} is right");
        assert!(
            rows.iter().any(|r| r.not.iter().any(|n| n == term)),
            "ALLOWED: {term} is not in the glossary's \"not\" column"
        );
    }
}

#[test]
fn a_term_of_the_not_column_is_found_and_an_allowed_phrase_passes() {
    let rows = glossary();
    let text = |s: &str| Text {
        file: "example".into(),
        line: 1,
        text: s.into(),
    };
    let found = violations(&rows, &[text("匯出執行結果"), text("2 名銷售人員")]);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("example:1: 「執行」") && found[0].contains("use 模擬、模擬結果"),
        "{}",
        found[0]
    );
    // 第一線 is the "use" of 一線, 內建情境 the "use" of 內建; 簡單外推 is allowed.
    let clean = violations(
        &rows,
        &[
            text("第一線的聲音"),
            text("內建情境"),
            text("簡單外推 MAPE"),
        ],
    );
    assert!(clean.is_empty(), "{clean:#?}");
}

#[test]
fn the_traditional_locale_file_keeps_to_the_glossary() {
    assert_clean("entries of locales/zh-Hant.yml", &locale_texts());
}

#[test]
fn the_traditional_scenario_texts_keep_to_the_glossary() {
    assert_clean("*_zh_hant texts of scenarios/*.toml", &scenario_texts());
}

#[test]
fn the_traditional_screens_keep_to_the_glossary() {
    assert_clean("lines of Traditional Chinese snapshots", &snapshot_texts());
}
