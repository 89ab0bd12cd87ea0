//! Every file in `tests/invalid/` must fail to load with the messages its
//! `# expect: LINE:COLUMN: fragment` comments name (all of them, together).
//! The non-UTF-8 file keeps its comment on an ASCII first line, before the bad
//! bytes, so it is read here as lossy text.

use std::path::{Path, PathBuf};

use flywheel::scenario::{self, Diagnostic, Diagnostics};

use crate::support;

fn invalid_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid")
}

fn invalid_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(invalid_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// The `# expect:` fragments of a file, in order.
fn expectations(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("# expect:"))
        .map(|s| s.trim().to_string())
        .collect()
}

/// `line:column: message`, as the fragments are written.
fn located(d: &Diagnostic) -> String {
    format!("{}:{}: {}", d.line, d.column, d.message)
}

fn load_err(path: &Path) -> Diagnostics {
    match scenario::load_file(path) {
        Ok(s) => panic!("{} loaded, but it is invalid: {s:?}", path.display()),
        Err(e) => e,
    }
}

#[test]
fn the_folder_covers_every_kind_of_mistake() {
    let names: Vec<String> = invalid_files()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 15, "only {} invalid files", names.len());
    for must in [
        "syntax_error",
        "unknown_section",
        "unknown_key_suggestion",
        "key_in_wrong_section",
        "out_of_range",
        "wrong_type",
        "string_number",
        "nan",
        "inf",
        "shares_above_one",
        "customers_above_size",
        "non_utf8",
        "event_unknown_key",
        "event_initial_only",
        "event_names",
        "event_past_horizon",
        "event_missing_at",
        "non_integer_valuation_lag",
        "cash_injection_outside_events",
        "several_errors",
    ] {
        assert!(
            names.iter().any(|n| n == must),
            "missing tests/invalid/{must}.toml"
        );
    }
    // The non-UTF-8 file really is not UTF-8.
    let bytes = std::fs::read(invalid_dir().join("non_utf8.toml")).unwrap();
    assert!(String::from_utf8(bytes).is_err());
}

#[test]
fn each_invalid_file_reports_its_expected_messages() {
    let mut failures = Vec::new();
    for path in invalid_files() {
        let expected = expectations(&path);
        assert!(
            !expected.is_empty(),
            "{} has no # expect: line",
            path.display()
        );
        let errors = load_err(&path);
        let file = path.display().to_string();
        let got: Vec<String> = errors.0.iter().map(located).collect();
        for want in &expected {
            if !got.iter().any(|g| g.contains(want.as_str())) {
                failures.push(format!(
                    "{file}: expected `{want}`\n  got:\n    {}",
                    got.join("\n    ")
                ));
            }
        }
        for d in &errors.0 {
            // Every message names the file, and a place in it.
            assert_eq!(d.file, file);
            assert!(
                d.line > 0 && d.column > 0,
                "{file}: unlocated: {}",
                d.message
            );
            assert!(
                errors
                    .to_string()
                    .contains(&format!("{file}:{}:{}: ", d.line, d.column)),
                "{file}: the rendered diagnostics lack file:line:column"
            );
        }
        // No message is reported twice.
        let mut unique = got.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            got.len(),
            "{file}: duplicate messages: {got:?}"
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn several_errors_in_one_file_are_reported_together() {
    let path = invalid_dir().join("several_errors.toml");
    let expected = expectations(&path);
    assert!(expected.len() >= 5);
    let errors = load_err(&path);
    assert_eq!(
        errors.0.len(),
        expected.len(),
        "one message per mistake:\n{errors}"
    );
    // In file order.
    let places: Vec<(usize, usize)> = errors.0.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
}

#[test]
fn a_rendered_diagnostic_shows_the_offending_line_and_a_caret() {
    let path = invalid_dir().join("out_of_range.toml");
    let text = load_err(&path).to_string();
    assert!(text.contains("3 | innovation = 1.5"), "{text}");
    // The caret sits under the value, column 14.
    let caret = text.lines().last().unwrap();
    assert_eq!(caret.find('^'), Some("  | ".len() + 13), "{text}");
}

#[test]
fn a_missing_file_and_a_directory_are_reported_not_panicked_on() {
    let missing = invalid_dir().join("no-such-file.toml");
    let e = load_err(&missing);
    assert_eq!(e.0.len(), 1);
    assert!(e.0[0].message.contains("no such file"), "{e}");
    assert!(e.to_string().starts_with(&missing.display().to_string()));

    let e = load_err(&invalid_dir());
    assert!(e.0[0].message.contains("is a directory"), "{e}");

    // resolve() tells a missing file from a misspelt preset.
    let e = scenario::resolve("balancd").unwrap_err();
    assert!(
        e.to_string()
            .contains("did you mean the preset \"balanced\""),
        "{e}"
    );
}

#[test]
fn parse_reports_the_same_as_load_file() {
    // parse() on the text gives the messages load_file gives on the file.
    for path in invalid_files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // the non-UTF-8 file
        };
        let name = path.display().to_string();
        assert_eq!(
            scenario::parse(&name, &text).unwrap_err(),
            load_err(&path),
            "{name}"
        );
    }
}

#[test]
fn an_empty_file_is_valid_and_means_all_defaults() {
    let s = scenario::parse("empty.toml", "").unwrap();
    assert_eq!(s.config, flywheel::model::Config::default());
    let s = scenario::parse("comments.toml", "# nothing but a comment\n\n").unwrap();
    assert_eq!(s.config, flywheel::model::Config::default());
}

#[test]
fn bad_set_assignments_are_reported_all_together() {
    let mut s = support::balanced();
    let before = s.clone();
    let e = scenario::apply_set(
        &mut s,
        &[
            "market.innovation=1.5".into(),
            "market.imitaton=0.1".into(),
            "pricing.price=abc".into(),
            "finance.valuation_lag=2.5".into(),
            "no-equals-sign".into(),
        ],
    )
    .unwrap_err();
    let text = e.to_string();
    assert_eq!(e.0.len(), 5, "{text}");
    for want in [
        "market.innovation = 1.5 is out of range",
        "did you mean \"market.imitation\"",
        "pricing.price must be a number",
        "finance.valuation_lag = 2.5 must be a whole number",
        "expected section.key=value",
    ] {
        assert!(text.contains(want), "missing `{want}` in\n{text}");
    }
    // Valid assignments still pass, and cross-field rules apply to them.
    let mut s = before.clone();
    scenario::apply_set(&mut s, &["feedback.latency=12".into()]).unwrap();
    assert_eq!(s.config.params[flywheel::model::ParamId::Latency], 12.0);
    let mut s = before;
    let e = scenario::apply_set(&mut s, &["sales.sales_share=0.9".into()]).unwrap_err();
    assert!(e.to_string().contains("must be at most 1"), "{e}");
}

#[test]
fn a_set_value_that_breaks_a_rule_after_an_event_is_reported() {
    // Valid on its own (0.5 + 0.3), but the event raises sales_share to 0.7.
    let text = "[[events]]\nat = 10\nnote = \"hire\"\nset = { \"sales.sales_share\" = 0.7 }\n";
    let mut s = scenario::parse("hire.toml", text).unwrap();
    let e = scenario::apply_set(&mut s, &["product.rd_share=0.5".into()]).unwrap_err();
    assert!(
        e.to_string()
            .contains("after the event at period 10 (hire): product.rd_share + sales.sales_share must be at most 1"),
        "{e}"
    );
    let mut s = scenario::parse("hire.toml", text).unwrap();
    scenario::apply_set(&mut s, &["product.rd_share=0.3".into()]).unwrap();
}

#[test]
fn a_very_long_line_shows_a_window_around_the_column() {
    let path = invalid_dir().join("long_line.toml");
    let errors = load_err(&path);
    let d = &errors.0[0];
    let src = d.source_line.as_deref().unwrap();
    assert!(src.chars().count() > 300, "the fixture line is long");
    assert!(d.column > 300, "the mistake sits far along: {}", d.column);
    let text = d.to_string();
    let lines: Vec<&str> = text.lines().collect();
    // The headline keeps the true column; the shown line is a window.
    assert!(lines[0].contains(&format!(":5:{}:", d.column)), "{text}");
    let shown = lines[2];
    assert!(shown.chars().count() <= 110, "{text}");
    assert!(shown.contains('…') && shown.contains("\"feedback.latency\" = -1"));
    // The caret sits under the value.
    let caret = lines[3].chars().position(|c| c == '^').unwrap();
    let under: String = shown.chars().skip(caret).take(2).collect();
    assert_eq!(under, "-1", "{text}");
}

#[test]
fn a_value_the_parser_made_up_is_not_reported() {
    // `size = = 3`: the parser's recovery gives `size` a value of 0 with no
    // place in the file; only the syntax error is reported, at its place,
    // and a real error elsewhere in the file still is.
    let text = "[scenario]\nname = \"x\"\n[market]\nsize = = 3\n[feedback]\ncapture = 2\n";
    let e = flywheel::scenario::parse("made_up.toml", text).unwrap_err();
    let got: Vec<String> =
        e.0.iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
    assert!(
        got.iter().any(|g| g.starts_with("4:8: invalid TOML")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("6:11: feedback.capture = 2")),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|g| g.contains("market.size") || g.starts_with("1:1:")),
        "{got:?}"
    );
}
