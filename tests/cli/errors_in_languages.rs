//! Errors in the user's language: a scenario, a session and a command-line
//! mistake each reported in English, Simplified and Traditional Chinese,
//! with the `file:line:column` and the quoted source line unchanged.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support::{self, TempDir};

/// `flywheel` with no locale from the environment: English unless told.
fn flywheel() -> Command {
    support::flywheel_unlocalized()
}

/// What a failing command prints on stderr.
fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the command runs");
    assert!(!out.status.success(), "the command should fail");
    String::from_utf8(out.stderr).expect("stderr is UTF-8")
}

fn with_lang(lang: &str, args: &[&str]) -> String {
    stderr_of(flywheel().arg("--lang").arg(lang).args(args))
}

/// The characters of a fixture list (comments start with `#`).
fn chars(file: &str) -> BTreeSet<char> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(path)
        .expect("the fixture reads")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .collect()
}

/// Checks that `text` is written in `lang`'s script: no character only the
/// other script uses, and some Chinese.
fn in_script(lang: &str, text: &str) {
    let other = match lang {
        "zh" => chars("tests/fixtures/scripts/traditional_only.txt"),
        _ => chars("tests/fixtures/scripts/simplified_only.txt"),
    };
    let bad: String = text.chars().filter(|c| other.contains(c)).collect();
    assert!(
        bad.is_empty(),
        "{lang}: characters of the other script {bad}: {text}"
    );
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{lang}: no Chinese in {text}"
    );
}

/// The place (`file:line:column: `) a diagnostic's headline starts with.
fn place(headline: &str) -> &str {
    let mut ends = headline.match_indices(": ");
    let (i, _) = ends.next().expect("a place before the message");
    &headline[..i + 2]
}

#[test]
fn a_scenario_error_in_each_language_keeps_its_place_and_source_line() {
    let file = "tests/invalid/event_unknown_key.toml";
    let en = with_lang("en", &["run", file]);
    let zh = with_lang("zh", &["run", file]);
    let hant = with_lang("zh-Hant", &["run", file]);
    assert!(
        en.starts_with(&format!(
            "{file}:4:9: event sets an unknown key \"product.obsolesence\"; did you mean \"product.obsolescence\"?"
        )),
        "{en}"
    );
    assert!(
        zh.contains("未知的键") && zh.contains("\"product.obsolescence\""),
        "{zh}"
    );
    assert!(
        hant.contains("未知的鍵") && hant.contains("\"product.obsolescence\""),
        "{hant}"
    );
    in_script("zh", &zh);
    in_script("zh-Hant", &hant);
    let (en_head, en_src) = en.split_once('\n').expect("a quoted line");
    for text in [&zh, &hant] {
        let (head, src) = text.split_once('\n').expect("a quoted line");
        assert_eq!(place(head), place(en_head), "the place stays as it is");
        assert_eq!(
            src, en_src,
            "the quoted source line and caret stay as they are"
        );
    }
}

#[test]
fn every_invalid_fixture_is_reported_in_chinese_when_chinese_is_chosen() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the fixtures read")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    let mut english = Vec::new();
    for f in &files {
        let f = f.to_str().expect("a UTF-8 path");
        for lang in ["zh", "zh-Hant"] {
            let out = with_lang(lang, &["run", f]);
            // Every message line (after its place) says something in Chinese.
            for line in out.lines().filter(|l| l.starts_with(f)) {
                let message = line.strip_prefix(place(line)).unwrap_or(line);
                if !message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                {
                    english.push(format!("{lang}: {line}"));
                }
            }
        }
    }
    assert!(
        english.is_empty(),
        "still in English:\n{}",
        english.join("\n")
    );
}

#[test]
fn the_language_comes_from_the_locale_when_no_flag_is_given() {
    let file = "tests/invalid/unknown_section.toml";
    let run = |var: &str, value: &str| stderr_of(flywheel().env(var, value).args(["run", file]));
    let tw = run("LANG", "zh_TW.UTF-8");
    let hk = run("LANG", "zh_HK.UTF-8");
    let cn = run("LANG", "zh_CN.UTF-8");
    let en = run("LANG", "en_US.UTF-8");
    assert_eq!(
        tw, hk,
        "Taiwan and Hong Kong read the same Traditional texts"
    );
    in_script("zh-Hant", &tw);
    in_script("zh", &cn);
    assert_ne!(tw, cn);
    assert!(en.contains("unknown section"), "{en}");
    assert_eq!(
        run("LANG", "fr_FR.UTF-8"),
        en,
        "a language the interface lacks is English"
    );
    // The flag wins over the locale, and LC_ALL over LANG.
    let flagged = stderr_of(
        flywheel()
            .env("LANG", "zh_TW.UTF-8")
            .args(["--lang", "en", "run", file]),
    );
    assert_eq!(flagged, en);
    let lc_all = stderr_of(
        flywheel()
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "zh_HK.UTF-8")
            .args(["run", file]),
    );
    assert_eq!(lc_all, tw);
    for alias in ["zh-TW", "zh-HK", "zh_Hant"] {
        assert_eq!(with_lang(alias, &["run", file]), tw, "--lang {alias}");
    }
}

#[test]
fn a_session_error_in_each_language() {
    let dir = TempDir::new("lang-sessions");
    let path = dir.join("bad.toml");
    std::fs::write(&path, "[session]\nkind = \"chess\"\n").expect("the file writes");
    let p = path.to_str().expect("a UTF-8 path");
    let en = with_lang("en", &["debrief", p]);
    let zh = with_lang("zh", &["debrief", p]);
    let hant = with_lang("zh-Hant", &["debrief", p]);
    assert!(
        en.contains("session.kind must be \"play\" or \"explore\""),
        "{en}"
    );
    assert!(zh.contains("session.kind 必须是"), "{zh}");
    assert!(hant.contains("session.kind 必須是"), "{hant}");
    in_script("zh", &zh);
    in_script("zh-Hant", &hant);
    assert_eq!(place(&zh), place(&en));
}

#[test]
fn a_command_line_error_in_each_language() {
    let args = ["montecarlo", "balanced", "--runs", "0"];
    let en = with_lang("en", &args);
    let zh = with_lang("zh", &args);
    let hant = with_lang("zh-Hant", &args);
    assert!(
        en.contains("--runs 0: the number of runs must be in 1–"),
        "{en}"
    );
    assert!(
        zh.starts_with("--runs 0：") && zh.contains("运行次数"),
        "{zh}"
    );
    assert!(
        hant.starts_with("--runs 0：") && hant.contains("模擬次數"),
        "{hant}"
    );
    in_script("zh", &zh);
    in_script("zh-Hant", &hant);
    let unknown = stderr_of(flywheel().args(["--lang", "fr", "run", "balanced"]));
    assert!(unknown.contains("use en, zh or zh-Hant"), "{unknown}");
}

#[test]
fn a_history_csv_error_in_each_language_keeps_its_place() {
    let dir = TempDir::new("csv-lang");
    let csv = dir.join("history.csv");
    std::fs::write(&csv, "period,customers,revenu\n0,10,1000\n").expect("the CSV is written");
    let csv = csv.to_str().expect("a UTF-8 path");
    let run = |lang: &str| with_lang(lang, &["fit", "balanced", "--data", csv]);
    let (en, zh, hant) = (run("en"), run("zh"), run("zh-Hant"));
    assert!(
        en.contains(&format!(
            "{csv}:1:18: unknown column `revenu`; did you mean `revenue`?"
        )),
        "{en}"
    );
    assert!(
        zh.contains("未知的列 `revenu`") && zh.contains("`revenue`"),
        "{zh}"
    );
    assert!(
        hant.contains("未知的欄位 `revenu`") && hant.contains("`revenue`"),
        "{hant}"
    );
    in_script("zh", &zh);
    in_script("zh-Hant", &hant);
    for text in [&zh, &hant] {
        assert!(
            text.contains(&format!("{csv}:1:18: ")),
            "the place stays: {text}"
        );
    }
}

/// What a successful command prints on stdout.
fn stdout_with_lang(lang: &str, args: &[&str]) -> String {
    support::stdout_in(lang, args)
}

/// Runs a failing command in the three languages and checks that the
/// Chinese messages carry their translations, keep none of the English
/// one and are written in their own script.
fn in_three_languages(args: &[&str], en: &str, zh: &str, hant: &str) -> [String; 3] {
    let out = ["en", "zh", "zh-Hant"].map(|l| with_lang(l, args));
    assert!(out[0].contains(en), "en {args:?}: {}", out[0]);
    assert!(out[1].contains(zh), "zh {args:?}: {}", out[1]);
    assert!(out[2].contains(hant), "zh-Hant {args:?}: {}", out[2]);
    for (lang, text) in [("zh", &out[1]), ("zh-Hant", &out[2])] {
        assert!(
            !text.contains(en),
            "{lang} {args:?} is still English: {text}"
        );
        in_script(lang, text);
    }
    out
}

const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml");
const HISTORY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv");

#[test]
fn fit_errors_and_its_report_in_each_language() {
    in_three_languages(
        &[
            "fit",
            ACME,
            "--data",
            HISTORY,
            "--param",
            "market.imitation",
            "--param",
            "market.imitation",
        ],
        "--param market.imitation is named twice; name it once",
        "--param market.imitation 指定了两次",
        "--param market.imitation 指定了兩次",
    );
    in_three_languages(
        &[
            "fit",
            ACME,
            "--data",
            HISTORY,
            "--param",
            "finance.valuation_lag",
        ],
        "takes whole numbers only",
        "只取整数",
        "只取整數",
    );
    let args = ["fit", ACME, "--data", HISTORY, "--refits", "0"];
    let en = stdout_with_lang("en", &args);
    let zh = stdout_with_lang("zh", &args);
    let hant = stdout_with_lang("zh-Hant", &args);
    assert!(
        en.contains("range searched") && en.contains("intervals: none"),
        "{en}"
    );
    assert!(zh.contains("搜索范围") && zh.contains("区间：无"), "{zh}");
    assert!(
        hant.contains("搜尋範圍") && hant.contains("區間：無"),
        "{hant}"
    );
    for (lang, text) in [("zh", &zh), ("zh-Hant", &hant)] {
        assert!(!text.contains("range searched"), "{lang}: {text}");
        assert!(!text.contains("weighted least squares"), "{lang}: {text}");
        in_script(lang, text);
    }
    // The JSON report is for scripts: English whatever the language.
    let json = ["en", "zh-Hant"].map(|l| {
        stdout_with_lang(
            l,
            &[
                "fit", ACME, "--data", HISTORY, "--refits", "0", "--format", "json",
            ],
        )
    });
    assert_eq!(json[0], json[1]);
}

#[test]
fn compare_errors_and_labels_in_each_language() {
    // A bad scenario among those compared: its place stays.
    let bad = "tests/invalid/unknown_section.toml";
    let out = ["en", "zh", "zh-Hant"].map(|l| with_lang(l, &["compare", "balanced", bad]));
    assert!(
        out[0].starts_with(bad) && out[0].contains("unknown section"),
        "{}",
        out[0]
    );
    for (lang, text) in [("zh", &out[1]), ("zh-Hant", &out[2])] {
        assert_eq!(place(text), place(&out[0]), "the place stays: {text}");
        assert!(!text.contains("unknown section"), "{lang}: {text}");
        in_script(lang, text);
    }
    let en = stdout_with_lang("en", &["compare", "balanced", "silo"]);
    let zh = stdout_with_lang("zh", &["compare", "balanced", "silo"]);
    let hant = stdout_with_lang("zh-Hant", &["compare", "balanced", "silo"]);
    assert!(en.contains("(changes against balanced)"), "{en}");
    assert!(zh.contains("（相对于 balanced 的变化）"), "{zh}");
    assert!(hant.contains("（相對於 balanced 的變化）"), "{hant}");
    in_script("zh", &zh);
    in_script("zh-Hant", &hant);
    // CSV is for spreadsheets and scripts: its row keys stay as they are.
    let csv = ["en", "zh"]
        .map(|l| stdout_with_lang(l, &["compare", "balanced", "silo", "--format", "csv"]));
    assert_eq!(csv[0], csv[1]);
}

#[test]
fn montecarlo_vary_errors_and_report_in_each_language() {
    in_three_languages(
        &[
            "montecarlo",
            "balanced",
            "--vary",
            "sales.win_rate=0..1:normal",
        ],
        "unknown shape \"normal\"; use uniform or triangular",
        "未知的分布形状 \"normal\"",
        "未知的分布形狀 \"normal\"",
    );
    in_three_languages(
        &[
            "montecarlo",
            "balanced",
            "--vary",
            "sales.win_rate=0.4..0.2",
        ],
        "the range is reversed",
        "范围颠倒了",
        "範圍顛倒了",
    );
    // A broken fit file: the place stays, the message is translated.
    let dir = TempDir::new("lang-fromfit");
    let path = dir.join("fit.json");
    std::fs::write(&path, "{\n  \"params\": oops\n}\n").expect("the file writes");
    let p = path.to_str().expect("a UTF-8 path");
    let out = in_three_languages(
        &["montecarlo", "balanced", "--from-fit", p],
        "not the JSON of a fit",
        "不是拟合结果的 JSON",
        "不是擬合結果的 JSON",
    );
    assert!(out[0].starts_with(&format!("{p}:2:")), "{}", out[0]);
    for text in &out[1..] {
        assert_eq!(place(text), place(&out[0]), "the place stays: {text}");
    }
    let args = [
        "montecarlo",
        "balanced",
        "--runs",
        "40",
        "--vary",
        "sales.win_rate=0.2..0.4",
        "--versus",
        "silo",
    ];
    let en = stdout_with_lang("en", &args);
    let zh = stdout_with_lang("zh", &args);
    let hant = stdout_with_lang("zh-Hant", &args);
    // The metric by its label, in the reader's language.
    let value = |lang| flywheel::i18n::lookup(lang, "Value").expect("the label is translated");
    assert!(en.contains("% of draws (by value)"), "{en}");
    let zh_by = format!("的抽样中更好（按 {}）", value(flywheel::i18n::Lang::Zh));
    assert!(zh.contains(&zh_by), "{zh}");
    let hant_by = format!("的抽樣中較好（按 {}）", value(flywheel::i18n::Lang::ZhHant));
    assert!(hant.contains(&hant_by), "{hant}");
    for text in [&zh, &hant] {
        assert!(!text.contains("（按 value）"), "{text}");
    }
    for (lang, text) in [("zh", &zh), ("zh-Hant", &hant)] {
        assert!(!text.contains("of draws"), "{lang}: {text}");
        in_script(lang, text);
    }
}

#[test]
fn an_export_refusal_in_each_language() {
    in_three_languages(
        &["export", "balanced", "--stochastic"],
        "cannot export as XMILE: scenario.stochastic is on",
        "无法导出为 XMILE：scenario.stochastic 已开启",
        "無法匯出為 XMILE：scenario.stochastic 已開啟",
    );
}

#[test]
fn init_errors_in_each_language() {
    let out = in_three_languages(
        &["init", "--yes", "--price", "abc"],
        "\"abc\" is not a number",
        "\"abc\" 不是数字",
        "\"abc\" 不是數字",
    );
    assert!(out[1].starts_with("--price abc："), "{}", out[1]);
    in_three_languages(
        &["init", "--yes", "--team", "3"],
        "the product team needs both its size",
        "产品团队需要同时给出人数",
        "產品團隊需要同時給出人數",
    );
}

#[test]
fn a_period_conversion_error_in_each_language() {
    in_three_languages(
        &["show", "balanced", "--period", "fortnight"],
        "--period fortnight: not a period",
        "--period fortnight：不是有效的期",
        "--period fortnight：不是有效的期",
    );
}

#[test]
fn optimize_errors_in_each_language() {
    in_three_languages(
        &["optimize", "balanced", "--decide", "pricing.price=200..50"],
        "--decide pricing.price=200..50: the range is reversed",
        "--decide pricing.price=200..50：范围颠倒了",
        "--decide pricing.price=200..50：範圍顛倒了",
    );
    in_three_languages(
        &[
            "optimize",
            "balanced",
            "--decide",
            "pricing.price=50..200",
            "--constraint",
            "min_cash >= 1e12",
        ],
        "no policy within the ranges meets",
        "范围内没有任何策略满足",
        "範圍內沒有任何策略滿足",
    );
}

/// A scenario's diagnostics are values worded when shown: read once, in
/// whatever language the reading thread had, and shown in each reader's.
#[test]
fn a_diagnostic_read_once_is_worded_in_each_readers_language() {
    use flywheel::i18n::{Lang, with_lang};
    let text = "[scenario]\nperiods = \"ten\"\n[feedback]\nlatencyy = 4\n[[events]]\nat = 3\n";
    // Read under Traditional Chinese, shown in all three.
    let errors = with_lang(Lang::ZhHant, || flywheel::scenario::parse("bad.toml", text))
        .expect_err("the file has mistakes");
    let en = with_lang(Lang::En, || errors.to_string());
    let zh = with_lang(Lang::Zh, || errors.to_string());
    let hant = with_lang(Lang::ZhHant, || errors.to_string());
    assert!(
        en.contains("must be a whole number") && en.contains("did you mean"),
        "{en}"
    );
    assert!(
        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{en}"
    );
    assert!(zh.contains("整数") && zh.contains("是不是想"), "{zh}");
    assert!(hant.contains("整數") && hant.contains("是不是想"), "{hant}");
    // The places and the quoted lines are the same in every language.
    let places = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("bad.toml:") || l.contains(" | "))
            .map(|l| l.split(": ").next().unwrap_or(l).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&en), places(&zh));
    assert_eq!(places(&en), places(&hant));
}
