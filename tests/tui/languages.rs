//! The same screens in English, Simplified and Traditional Chinese: a
//! snapshot of each Traditional screen at 120x40 and 80x24, no text cut in
//! a translation that is shown whole in English, and no character of the
//! other script on a Chinese screen.

use std::collections::BTreeSet;

use flywheel::i18n::{Lang, entries, with_lang};
use flywheel::model::ParamId;
use flywheel::tui::{Action, App};
use ratatui::backend::TestBackend;

use crate::support::tui::{self, balanced};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

fn explore() -> App {
    let mut app = balanced();
    app.update(Action::Select(ParamId::Latency as usize));
    app.update(Action::Coarse(3));
    app.update(Action::CursorHome);
    for _ in 0..60 {
        app.update(Action::CursorNext);
    }
    app.update(Action::TogglePrevious);
    app
}

fn help() -> App {
    let mut app = balanced();
    app.update(Action::Help);
    app
}

fn lesson() -> App {
    let mut app = tui::lesson();
    app.update(Action::NextStep);
    app.update(Action::Coarse(-1));
    app.update(Action::Choose(2));
    app
}

fn play() -> App {
    let mut app = tui::play();
    app.update(Action::Down);
    app.update(Action::Step(1));
    app.update(Action::Advance);
    app
}

fn debrief() -> App {
    let mut app = tui::play();
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Coarse(1));
    while !app.play_state().expect("play mode").game.finished() {
        app.update(Action::Advance);
    }
    app
}

/// A screen's app, built from its preset and actions.
type Build = fn() -> App;

/// Each screen, named, at both sizes, built and drawn in `lang` (status
/// lines are written when an action is taken, so the app is built in it too).
fn screens(lang: Lang) -> Vec<(String, TestBackend)> {
    let builders: [(&str, Build); 6] = [
        ("explore", explore),
        ("help", help),
        ("lesson", lesson),
        ("briefing", tui::play),
        ("play", play),
        ("debrief", debrief),
    ];
    with_lang(lang, || {
        let mut out = Vec::new();
        for (name, build) in builders {
            let app = build();
            for size in SIZES {
                out.push((
                    format!("{name}_{}x{}", size.0, size.1),
                    tui::draw(&app, size.0, size.1),
                ));
            }
        }
        out
    })
}

#[test]
fn traditional_chinese_screens() {
    for (name, shot) in screens(Lang::ZhHant) {
        insta::assert_snapshot!(format!("zh_hant_{name}"), shot);
    }
}

/// The characters of a fixture list (comments start with `#`).
fn chars(file: &str) -> BTreeSet<char> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(path)
        .expect("the fixture reads")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .collect()
}

#[test]
fn no_character_of_the_other_script_on_a_chinese_screen() {
    let simplified_only = chars("tests/fixtures/scripts/simplified_only.txt");
    let traditional_only = chars("tests/fixtures/scripts/traditional_only.txt");
    assert!(simplified_only.contains(&'产') && traditional_only.contains(&'產'));
    let mut found = Vec::new();
    for (lang, other, what) in [
        (Lang::ZhHant, &simplified_only, "Simplified-only"),
        (Lang::Zh, &traditional_only, "Traditional-only"),
    ] {
        for (name, shot) in screens(lang) {
            for (y, row) in tui::rows(&shot).iter().enumerate() {
                let bad: String = row.chars().filter(|c| other.contains(c)).collect();
                if !bad.is_empty() {
                    found.push(format!("{lang:?} {name} row {y}: {what} {bad}: {row}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Whether a character continues a phrase (`play / pause`, `R&D`).
fn continues(c: char) -> bool {
    c.is_alphanumeric() || "/&-'".contains(c)
}

/// Whether `text` occurs in `row` as a whole text of its own: not part of a
/// longer phrase, so neither side touches a word or a word one space away.
fn whole_text_in(row: &str, text: &str) -> bool {
    row.match_indices(text).any(|(i, _)| {
        let mut before = row[..i].chars().rev();
        let mut after = row[i + text.len()..].chars();
        let side = |first: Option<char>, second: Option<char>| match first {
            None => true,
            Some(' ') => !second.is_some_and(continues),
            Some(c) => !continues(c),
        };
        side(before.next(), before.next()) && side(after.next(), after.next())
    })
}

/// English texts seen on an English screen that are not that entry's text
/// there, with the reason.
const NOT_THE_ENTRY: &[(&str, &str)] = &[
    (
        "flywheel",
        "the program's name in the header stays as it is",
    ),
    (
        "select it",
        "a lesson step's own words (scenario data) say it",
    ),
    (
        "quiet",
        "the loop legend behind the help overlay shifts with the translation's width",
    ),
    (
        "Insight",
        "behind the help overlay it is the cut label Insight decay, not the flywheel's stage",
    ),
];

#[test]
fn a_text_shown_whole_in_english_is_shown_whole_when_translated() {
    let english = screens(Lang::En);
    let mut cut = Vec::new();
    let mut checked = 0;
    for lang in [Lang::Zh, Lang::ZhHant] {
        let all = entries(lang);
        // An English text with a `context|English` twin may be that twin.
        let has_context = |en: &str| all.iter().any(|(k, _)| k.ends_with(&format!("|{en}")));
        let texts: Vec<(&str, &str)> = all
            .iter()
            .copied()
            .filter(|(en, _)| !has_context(en))
            .filter(|(en, _)| !NOT_THE_ENTRY.iter().any(|(e, _)| e == en))
            .filter(|(en, _)| !en.contains("{}") && !en.contains('|'))
            .filter(|(en, _)| en.trim().chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .collect();
        for ((name, en_shot), (_, shot)) in english.iter().zip(screens(lang)) {
            let en_rows = tui::rows(en_shot);
            let text = tui::rows(&shot).join("\n");
            for (en, translated) in &texts {
                let en = en.trim();
                if en_rows.iter().any(|r| whole_text_in(r, en)) {
                    checked += 1;
                    if !text.contains(translated.trim()) {
                        cut.push(format!("{lang:?} {name}: {en:?} -> {translated:?}"));
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} texts compared: is the screen text read?"
    );
    assert!(
        cut.is_empty(),
        "shown whole in English, cut or missing when translated:\n{}",
        cut.join("\n")
    );
}
