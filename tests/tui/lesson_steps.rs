//! Every step of every lesson in Traditional Chinese at 120x40 and 80x24
//! (the step as opened, its prediction chooser, the step once answered),
//! the picker over each preset's summary; and on each of these screens the
//! lines break by Chinese rules: no closing mark （，。：；！？）」、）
//! starts a line and no opening one （（「） ends it, and a number keeps its
//! unit.

use flywheel::i18n::{Lang, with_lang};
use flywheel::scenario::PRESETS;
use flywheel::tui::{Action, App, Mode};
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use crate::support::{scenario, tui};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];
const LESSONS: [&str; 3] = [
    "lesson-latency",
    "lesson-product-sales",
    "lesson-founder-scaleup",
];

/// Every screen of a lesson, named: each step, and for a step that asks a
/// prediction, its chooser and the step answered.
fn lesson_screens(name: &str) -> Vec<(String, App)> {
    let mut app = App::new(scenario(name));
    let steps = app.scenario().lesson.steps.len();
    assert!(steps >= 3, "{name} has {steps} steps");
    let mut out = Vec::new();
    for i in 1..=steps {
        out.push((format!("{name}_step{i}"), app.clone()));
        if app.lesson_step().is_some_and(|s| s.predict.is_some()) {
            app.update(Action::BeginAnswer);
            assert!(
                matches!(app.mode(), Mode::Predict { .. }),
                "{name} step {i}"
            );
            out.push((format!("{name}_step{i}_predict"), app.clone()));
            app.update(Action::Choose(1));
            out.push((format!("{name}_step{i}_answered"), app.clone()));
        }
        app.update(Action::NextStep);
    }
    out
}

/// The picker over each preset, named by the preset.
fn picker_screens() -> Vec<(String, App)> {
    let mut app = tui::balanced();
    tui::act(&mut app, Action::OpenPicker);
    assert!(
        matches!(app.mode(), Mode::Picker { .. }),
        "{:?}",
        app.mode()
    );
    let mut out = Vec::new();
    for p in PRESETS.iter() {
        out.push((format!("picker_{}", p.name), app.clone()));
        app.update(Action::Down);
    }
    out
}

/// Where a screen breaks a Chinese line rule: each panel's piece of a row
/// (between box-drawing borders) must not start with a closing mark nor
/// end with an opening one, and a row must not end in a number whose unit
/// starts the next row of the same panel.
fn broken_rules(name: &str, backend: &TestBackend) -> Vec<String> {
    let closes = |c: char| "，。：；！？）」、".contains(c);
    let opens = |c: char| "（「".contains(c);
    let border = |c: char| matches!(c, '│' | '┃' | '║' | '┆');
    let rows = tui::rows(backend);
    let mut bad = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for piece in row.split(border) {
            let t = piece.trim();
            if t.chars().next().is_some_and(closes) {
                bad.push(format!("{name} row {y} starts with a closing mark: {row}"));
            }
            if t.chars().last().is_some_and(opens) {
                bad.push(format!("{name} row {y} ends with an opening mark: {row}"));
            }
        }
        // A number at a panel's right edge, its unit at the next row's start.
        if let Some(next) = rows.get(y + 1) {
            let (a, b): (Vec<&str>, Vec<&str>) =
                (row.split(border).collect(), next.split(border).collect());
            // Only where both rows hold the same panels, piece by piece.
            if a.len() != b.len() || a.iter().zip(&b).any(|(p, q)| p.width() != q.width()) {
                continue;
            }
            for (i, piece) in a.iter().enumerate() {
                let (Some(end), Some(start)) = (
                    piece.trim_end().chars().last(),
                    b.get(i).and_then(|p| p.trim_start().chars().next()),
                ) else {
                    continue;
                };
                // Text that runs to the panel's edge, its unit first on the next row.
                if piece.trim_end().width() + 1 >= piece.width()
                    && b[i].starts_with(start)
                    && end.is_ascii_digit()
                    && "週月年名人家位天".contains(start)
                {
                    bad.push(format!(
                        "{name} rows {y}-{}: a number parted from its unit: {row} / {next}",
                        y + 1
                    ));
                }
            }
        }
    }
    bad
}

#[test]
fn every_lesson_step_in_traditional_chinese() {
    with_lang(Lang::ZhHant, || {
        let mut bad = Vec::new();
        for lesson in LESSONS {
            for (name, app) in lesson_screens(lesson) {
                for (w, h) in SIZES {
                    let shot = tui::draw(&app, w, h);
                    bad.extend(broken_rules(&format!("{name}_{w}x{h}"), &shot));
                    insta::assert_snapshot!(format!("zh_hant_{name}_{w}x{h}"), shot);
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    });
}

#[test]
fn the_picker_and_its_summaries_break_by_chinese_rules() {
    for lang in [Lang::ZhHant, Lang::Zh] {
        with_lang(lang, || {
            let mut bad = Vec::new();
            for (name, app) in picker_screens() {
                for (w, h) in SIZES {
                    bad.extend(broken_rules(
                        &format!("{lang:?} {name}_{w}x{h}"),
                        &tui::draw(&app, w, h),
                    ));
                }
            }
            assert!(bad.is_empty(), "{}", bad.join("\n"));
        });
    }
}

#[test]
fn the_rule_check_finds_a_line_that_starts_with_a_closing_mark() {
    // The check itself can fail: a panel row that starts with `。`, and a
    // number at a panel's edge whose unit starts the next row.
    let mut terminal = ratatui::Terminal::new(TestBackend::new(14, 4)).unwrap();
    terminal
        .draw(|f| {
            let lines = vec![
                ratatui::text::Line::from("│測試文字測試│"),
                ratatui::text::Line::from("│。下一行    │"),
                ratatui::text::Line::from("│回饋要花了26│"),
                ratatui::text::Line::from("│週才到產品  │"),
            ];
            f.render_widget(ratatui::widgets::Paragraph::new(lines), f.area());
        })
        .unwrap();
    let bad = broken_rules("test", terminal.backend());
    assert_eq!(bad.len(), 2, "{bad:?}");
}

#[test]
fn the_briefing_and_the_help_overlay_break_by_chinese_rules() {
    // (Over a screen of text, an overlay leaves the ends of the rows beneath
    // it in view, cut where it lies: the help is checked over the charts.)
    type Build = fn() -> App;
    let builds: [(&str, Build); 2] = [
        ("briefing", tui::play),
        ("explore_help", || {
            let mut app = tui::balanced();
            app.update(Action::Help);
            app
        }),
    ];
    for lang in [Lang::ZhHant, Lang::Zh] {
        with_lang(lang, || {
            let mut bad = Vec::new();
            for (name, build) in builds {
                let app = build();
                for (w, h) in SIZES {
                    bad.extend(broken_rules(
                        &format!("{lang:?} {name}_{w}x{h}"),
                        &tui::draw(&app, w, h),
                    ));
                }
            }
            assert!(bad.is_empty(), "{}", bad.join("\n"));
        });
    }
}
