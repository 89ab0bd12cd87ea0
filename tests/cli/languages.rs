//! Every command in every language: `list`, `params`, `run`'s table,
//! `sensitivity`, `montecarlo`, `optimize`, `sweep`, `compare` and `check`
//! speak Simplified and Traditional Chinese when asked (labels, not keys, in
//! the headers; ranges in words), CSV keeps its keys, and `init` takes
//! answers written in Chinese.

use assert_cmd::Command;
use flywheel::i18n::{Lang, lookup, with_lang};
use flywheel::model::{ParamSpec, metric};
use flywheel::scenario::PRESETS;

use crate::support::{self, TempDir};

/// `flywheel` with no locale from the environment: English unless told.
fn flywheel() -> Command {
    support::flywheel_unlocalized()
}

/// What a command that succeeds prints on stdout.
fn stdout(lang: &str, args: &[&str]) -> String {
    support::stdout_in(lang, args)
}

/// The translation of `en` in `lang`, from the locale file.
fn zh(lang: Lang, en: &str) -> &'static str {
    lookup(lang, en).unwrap_or_else(|| panic!("{lang:?} has no entry for {en:?}"))
}

/// A metric's label in `lang`.
fn label(lang: Lang, name: &str) -> &'static str {
    zh(lang, metric(name).expect("a metric").label)
}

const CHINESE: [(&str, Lang); 2] = [("zh-Hant", Lang::ZhHant), ("zh", Lang::Zh)];

#[test]
fn list_says_default_and_describes_presets_in_the_readers_language() {
    for (code, lang) in CHINESE {
        let out = stdout(code, &["list"]);
        assert!(!out.contains("(default)"), "{code}:\n{out}");
        assert!(out.contains(zh(lang, "(default)")), "{code}:\n{out}");
        for p in PRESETS {
            let s = p.load().unwrap();
            let line = out
                .lines()
                .find(|l| l.split_whitespace().next() == Some(p.name))
                .unwrap_or_else(|| panic!("{} not listed:\n{out}", p.name));
            assert!(line.contains(s.description.pick(lang).as_str()), "{line}");
        }
    }
    assert!(stdout("en", &["list"]).contains(" (default)"));
}

#[test]
fn params_shows_labels_help_and_ranges_in_words() {
    let latency = ParamSpec::by_key("feedback.latency").unwrap();
    for (code, lang) in CHINESE {
        let out = stdout(code, &["params"]);
        assert!(out.contains(zh(lang, latency.label)), "{code}:\n{out}");
        assert!(out.contains(zh(lang, latency.help)), "{code}:\n{out}");
        assert!(out.contains("0～1"), "{code}:\n{out}");
        assert!(!out.contains("..="), "{code}:\n{out}");
        assert!(!out.contains("<= 1e"), "{code}:\n{out}");
        // Keys stay keys: users type them.
        let line = out
            .lines()
            .find(|l| l.starts_with("feedback.latency "))
            .unwrap_or_else(|| panic!("{code}: no line for feedback.latency\n{out}"));
        assert!(line.contains(zh(lang, latency.label)), "{line}");
        // An exclusive minimum in words.
        let size = out.lines().find(|l| l.starts_with("market.size ")).unwrap();
        let above = zh(lang, "above {}, at most {}");
        let words = above.replacen("{}", "0", 1).replacen("{}", "1e12", 1);
        assert!(size.contains(&words), "{size}");
    }
    let en = stdout("en", &["params"]);
    assert!(
        en.contains("0–1") && en.contains("above 0, at most 1e12"),
        "{en}"
    );
    assert!(!en.contains("..="), "{en}");
}

#[test]
fn run_names_its_figures_by_their_labels_in_the_readers_language() {
    for (code, lang) in CHINESE {
        let out = stdout(code, &["run", "competitor-shock"]);
        for name in ["final_customers", "min_cash", "total_revenue", "ltv_cac"] {
            assert!(!out.contains(name), "{code}: {name} shown:\n{out}");
            assert!(out.contains(label(lang, name)), "{code}: {name}:\n{out}");
        }
        for word in [
            " at week ",
            "new customers",
            "discounted profit",
            "customers",
        ] {
            assert!(!out.contains(word), "{code}: {word:?} in\n{out}");
        }
        assert!(out.contains(zh(lang, "revenue")), "{code}:\n{out}");
        // CSV keeps its keys.
        let csv = stdout(code, &["run", "balanced", "--format", "csv"]);
        assert!(csv.lines().next().unwrap().contains("customers"), "{csv}");
    }
    let en = stdout("en", &["run", "balanced"]);
    assert!(
        en.contains("Final customers") && en.contains(" at week "),
        "{en}"
    );
}

#[test]
fn analyses_name_metrics_by_their_labels_in_the_readers_language() {
    for (code, lang) in CHINESE {
        let out = stdout(
            code,
            &["sensitivity", "balanced", "--metric", "final_customers"],
        );
        assert!(out.contains(label(lang, "final_customers")), "{out}");
        assert!(!out.contains("final_customers"), "{out}");
        assert!(!out.contains("what moves"), "{out}");
        assert!(out.contains(zh(lang, "parameter moved up")), "{out}");

        let out = stdout(code, &["montecarlo", "balanced", "--runs", "8"]);
        assert!(out.contains(label(lang, "total_profit")), "{out}");
        assert!(!out.contains("total_profit"), "{out}");

        let out = stdout(
            code,
            &[
                "sweep",
                "balanced",
                "--param",
                "sales.sales_share=0.1..0.2:0.1",
                "--metric",
                "final_customers",
            ],
        );
        assert!(out.contains(label(lang, "final_customers")), "{out}");
        assert!(!out.contains("final_customers"), "{out}");

        let out = stdout(
            code,
            &[
                "optimize",
                "balanced",
                "--decide",
                "sales.sales_share=0..0.5",
                "--objective",
                "final_customers",
            ],
        );
        let head = out.lines().next().unwrap();
        assert!(head.contains(label(lang, "final_customers")), "{out}");
        assert!(!head.contains("the most final_customers"), "{out}");
        // The conditions in words, not as expressions.
        assert!(!head.contains("min_cash") && !head.contains("<="), "{head}");
        let shares = zh(lang, "R&D and sales shares of revenue add up to at most 1");
        assert!(head.contains(shares), "{head}");
        assert!(out.contains("0～0.5"), "{out}");

        let out = stdout(code, &["compare", "balanced", "silo"]);
        assert!(out.contains(label(lang, "final_customers")), "{out}");
        assert!(!out.contains("Final customers"), "{out}");

        // An event's note as its file translated it.
        let out = stdout(code, &["compare", "balanced", "competitor-shock"]);
        let shock = flywheel::scenario::resolve("competitor-shock").unwrap();
        let note = with_lang(lang, || {
            shock.note_texts("Competitor launches").current().clone()
        });
        assert!(
            !note.contains("Competitor") && out.contains(&note),
            "{note}: {out}"
        );
        assert!(!out.contains("Competitor launches"), "{out}");
    }
}

#[test]
fn check_says_ok_in_the_readers_language_and_leads_a_toml_error() {
    let dir = TempDir::new("languages-check");
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[market]\nsize = = 3\n").unwrap();
    let broken = broken.display().to_string();
    let out_of_range = dir.path().join("out-of-range.toml");
    std::fs::write(&out_of_range, "[market]\nsize = 0\n").unwrap();
    let out_of_range = out_of_range.display().to_string();
    for (code, lang) in CHINESE {
        let out = stdout(code, &["check", "balanced"]);
        let ok = zh(lang, "{}: ok ({})");
        let lead = &ok[..ok.find("{}").unwrap() + 2].replace("{}", "balanced");
        assert!(out.starts_with(lead.as_str()), "{code}:\n{out}");
        assert!(!out.contains(": ok"), "{code}:\n{out}");

        let out = flywheel()
            .args(["--lang", code, "check", &broken])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        let lead = zh(lang, "invalid TOML: {}").replace("{}", "");
        // The parser's own words after the lead, at file:line:column.
        let first = err
            .lines()
            .find(|l| l.contains(&lead))
            .unwrap_or_else(|| panic!("{code}: no {lead:?}:\n{err}"));
        let at = format!("{broken}:2:");
        assert!(first.starts_with(&at), "{first}");
        let (column, message) = first[at.len()..].split_once(": ").unwrap();
        assert!(column.parse::<usize>().is_ok(), "{first}");
        assert!(message.starts_with(&lead), "{first}");
        assert!(!err.contains("invalid TOML"), "{err}");

        // A value out of range: the range in words, not as code.
        let out = flywheel()
            .args(["--lang", code, "check", &out_of_range])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        let words = zh(lang, "above {}, at most {}")
            .replacen("{}", "0", 1)
            .replacen("{}", "1e12", 1);
        assert!(err.contains(&words), "{code}: {err}");
        assert!(!err.contains("> 0, <= "), "{code}: {err}");
    }
}

#[test]
fn init_takes_answers_written_in_chinese() {
    let out = flywheel()
        .args([
            "--lang",
            "zh-Hant",
            "init",
            "--period",
            "月",
            "--price",
            "每月 1500",
            "--churn",
            "每年 12%",
            "--rep-cost",
            "１２０ｋ／年",
            "--reps",
            "3",
            "--feedback-every",
            "每週",
            "--sales-share",
            "12％",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let s = flywheel::scenario::parse("init.toml", &text).unwrap();
    assert_eq!(s.period_label, "month");
    let p = &s.config.params;
    use flywheel::model::ParamId as P;
    assert!((p[P::Price] - 1500.0).abs() < 1e-9, "{}", p[P::Price]);
    assert!((p[P::RepCost] - 10_000.0).abs() < 1e-6, "{}", p[P::RepCost]);
    assert!((p[P::SalesShare] - 0.12).abs() < 1e-12);
    // A week is 12/52 of a month.
    assert!(
        (p[P::Latency] - 12.0 / 52.0).abs() < 1e-6,
        "{}",
        p[P::Latency]
    );
    for period in ["週", "周", "每週", "季", "年"] {
        flywheel()
            .args(["init", "--period", period])
            .assert()
            .success();
    }
    let out = flywheel()
        .args(["--lang", "zh-Hant", "init", "--period", "雙週"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("雙週"), "{err}");
}

#[test]
fn the_locale_of_the_environment_chooses_traditional_chinese_for_every_command() {
    let run = |args: &[&str]| {
        let out = flywheel()
            .env("LANG", "zh_TW.UTF-8")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let list = run(&["list"]);
    assert!(list.contains(zh(Lang::ZhHant, "(default)")), "{list}");
    let table = run(&["run", "balanced"]);
    assert!(
        table.contains(label(Lang::ZhHant, "final_customers")),
        "{table}"
    );
    let params = run(&["params"]);
    assert!(params.contains("0～1"), "{params}");
}
