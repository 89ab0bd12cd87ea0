//! `flywheel check` and the translations of a scenario's texts: a warning
//! for each text missing from a language the file translates in part, and
//! with `--lang`, the list of every text that language lacks.

use std::fs;

use crate::support::{TempDir, flywheel};

/// A file whose Simplified Chinese lacks one text (the step's title) and
/// whose Traditional Chinese lacks all but the description.
const PARTIAL: &str = r#"[scenario]
description = "A market of 10k prospects."
description_zh = "一个有1万潜在客户的市场。"
description_zh_hant = "一個有1萬潛在客戶的市場。"

[[lesson.steps]]
title = "Wait"
text = "Wait 13 weeks, then look again."
text_zh = "等待13周，然后再看。"

[[events]]
at = 5
note = "Launch"
note_zh = "上市"
"#;

/// The same file with every text in both languages.
const FULL: &str = r#"[scenario]
description = "A market of 10k prospects."
description_zh = "一个有1万潜在客户的市场。"
description_zh_hant = "一個有1萬潛在客戶的市場。"

[[lesson.steps]]
title = "Wait"
title_zh = "等待"
title_zh_hant = "等待"
text = "Wait 13 weeks, then look again."
text_zh = "等待13周，然后再看。"
text_zh_hant = "等待 13 週，然後再看。"

[[events]]
at = 5
note = "Launch"
note_zh = "上市"
note_zh_hant = "上市"
"#;

/// `flywheel check` of `text` with `args`: its stdout and stderr.
fn check(name: &str, text: &str, args: &[&str]) -> (String, String) {
    let dir = TempDir::new(name);
    let path = dir.join("t.toml");
    fs::write(&path, text).unwrap();
    let out = flywheel()
        .args(args)
        .arg("check")
        .arg(&path)
        .assert()
        .success();
    let o = out.get_output();
    (
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap(),
    )
}

fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect()
}

#[test]
fn check_names_each_text_a_partly_translated_language_lacks() {
    let (stdout, stderr) = check("check-partial", PARTIAL, &["--lang", "en"]);
    assert!(stdout.contains(": ok"), "{stdout}");
    let w = warnings(&stderr);
    // zh: the step's title; zh-Hant: the step's title and text, the note.
    assert_eq!(w.len(), 4, "{stderr}");
    assert!(
        w[0].contains("lesson.steps[1].title_zh is missing") && w[0].ends_with("into zh"),
        "{stderr}"
    );
    for field in [
        "lesson.steps[1].title_zh_hant",
        "lesson.steps[1].text_zh_hant",
        "events[1].note_zh_hant",
    ] {
        assert!(
            w.iter()
                .any(|l| l.contains(field) && l.ends_with("zh-Hant")),
            "{field}: {stderr}"
        );
    }
    assert!(!stderr.contains("description_zh"), "{stderr}");
}

#[test]
fn check_is_silent_about_a_language_a_file_does_not_translate() {
    let english: String = PARTIAL
        .lines()
        .filter(|l| !l.contains("_zh_hant"))
        .collect::<Vec<_>>()
        .join("\n");
    let (_, stderr) = check("check-one-language", &english, &["--lang", "en"]);
    let w = warnings(&stderr);
    assert_eq!(w.len(), 1, "{stderr}");
    assert!(w[0].contains("lesson.steps[1].title_zh "), "{stderr}");
    let (_, stderr) = check("check-full", FULL, &["--lang", "en"]);
    assert!(warnings(&stderr).is_empty(), "{stderr}");
}

#[test]
fn check_with_lang_lists_every_untranslated_text() {
    let (stdout, stderr) = check("check-lang-list", PARTIAL, &["--lang", "zh-Hant"]);
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("缺少 zh-Hant 翻譯的文字有 3 則（共 4 則）"))
        .unwrap_or_else(|| panic!("no count in {stdout}"));
    let listed: Vec<&str> = lines[at + 1..].to_vec();
    assert_eq!(
        listed,
        [
            "  lesson.steps[1].title_zh_hant: Wait",
            "  lesson.steps[1].text_zh_hant: Wait 13 weeks, then look again.",
            "  events[1].note_zh_hant: Launch",
        ],
        "{stdout}"
    );
    // The listed language is not warned about again; the other one is.
    assert!(!stderr.contains("_zh_hant"), "{stderr}");
    assert!(stderr.contains("lesson.steps[1].title_zh"), "{stderr}");
    let (stdout, _) = check("check-lang-zh", PARTIAL, &["--lang", "zh"]);
    assert!(
        stdout.contains("  lesson.steps[1].title_zh: Wait") && stdout.contains("（共 4 个）"),
        "{stdout}"
    );
}

#[test]
fn check_with_lang_is_silent_on_a_fully_translated_file() {
    for lang in ["zh-Hant", "zh", "en"] {
        let (stdout, stderr) = check("check-lang-full", FULL, &["--lang", lang]);
        assert_eq!(stdout.lines().count(), 1, "{lang}: {stdout}");
        assert!(stderr.is_empty(), "{lang}: {stderr}");
    }
    // Every shipped scenario has every text in both languages.
    for preset in ["lesson-latency", "lesson-product-sales", "competitor-shock"] {
        let out = flywheel()
            .args(["--lang", "zh-Hant", "check", preset])
            .assert()
            .success();
        let o = out.get_output();
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
