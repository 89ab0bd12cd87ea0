//! Snapshots of the screen in a `TestBackend` at 120x40 and 80x24.

use flywheel::i18n::{Lang, with_lang};
use flywheel::model::ParamId;
use flywheel::scenario;
use flywheel::tui::{Action, App};

use crate::support::tui::{draw, lesson, play};

fn balanced() -> App {
    crate::support::tui::balanced()
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
}

#[test]
fn initial_screen() {
    both_sizes("initial", &balanced());
}

#[test]
fn after_raising_the_feedback_latency() {
    let mut app = balanced();
    app.update(Action::Select(ParamId::Latency as usize));
    app.update(Action::Coarse(3));
    app.update(Action::CursorHome);
    for _ in 0..60 {
        app.update(Action::CursorNext);
    }
    both_sizes("latency_raised", &app);
}

#[test]
fn help_overlay() {
    let mut app = balanced();
    app.update(Action::Help);
    both_sizes("help", &app);
}

#[test]
fn picker() {
    let mut app = balanced();
    // The picker lists the fixtures' scenario files after the presets.
    crate::support::tui::act_in(
        &[std::path::Path::new("tests/fixtures/picker")],
        &mut app,
        Action::OpenPicker,
    );
    for _ in 0..scenario::PRESETS.len() {
        app.update(Action::Down);
    }
    both_sizes("picker", &app);
}

#[test]
fn too_small() {
    insta::assert_snapshot!("too_small_59x24", draw(&balanced(), 59, 24));
    insta::assert_snapshot!("too_small_80x19", draw(&balanced(), 80, 19));
}

#[test]
fn flywheel_view() {
    let mut app = balanced();
    app.update(Action::ToggleView);
    app.update(Action::CursorHome);
    for _ in 0..60 {
        app.update(Action::CursorNext);
    }
    insta::assert_snapshot!("flywheel_120x40", draw(&app, 120, 40));
}

#[test]
fn lesson_step_with_a_prediction_pending() {
    let mut app = lesson();
    app.update(Action::NextStep);
    app.update(Action::Coarse(-1));
    insta::assert_snapshot!("lesson_predict_120x40", draw(&app, 120, 40));
}

#[test]
fn lesson_step_with_a_goal() {
    let mut app = lesson();
    app.update(Action::NextStep);
    app.update(Action::NextStep);
    app.update(Action::Coarse(100));
    insta::assert_snapshot!("lesson_goal_120x40", draw(&app, 120, 40));
}

#[test]
fn play_screen_before_the_first_turn_shows_the_briefing() {
    let app = play();
    let shot = draw(&app, 120, 40);
    let text = format!("{shot:?}");
    for words in [
        "Briefing",
        "Goal: the highest value",
        "Rule: cash never below $0.",
        "Score: 0 is autopilot",
        "16 turns of 13 weeks",
        "goal: highest value · cash never below $0",
    ] {
        assert!(text.contains(words), "{words:?} missing:\n{text}");
    }
    assert!(
        !text.contains("0.75"),
        "no empty axes before the first turn"
    );
    insta::assert_snapshot!("play_briefing_120x40", shot);
}

#[test]
fn play_screen_after_a_turn() {
    let mut app = play();
    app.update(Action::Down);
    app.update(Action::Step(1));
    app.update(Action::Advance);
    app.update(Action::Up);
    app.update(Action::Step(-2));
    insta::assert_snapshot!("play_120x40", draw(&app, 120, 40));
}

#[test]
fn debrief_screen() {
    let mut app = play();
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Coarse(1));
    while !app.play_state().expect("play mode").game.finished() {
        app.update(Action::Advance);
    }
    insta::assert_snapshot!("debrief_120x40", draw(&app, 120, 40));
}

#[test]
fn lesson_step_in_chinese() {
    // The status line is written when the action is taken: in Chinese too.
    let shot = with_lang(Lang::Zh, || {
        let mut app = lesson();
        app.update(Action::NextStep);
        app.update(Action::Coarse(-1));
        app.update(Action::Choose(2));
        app.update(Action::ToggleView);
        draw(&app, 120, 40)
    });
    insta::assert_snapshot!("lesson_zh_120x40", shot);
}

#[test]
fn explore_screen_in_chinese() {
    let shots = with_lang(Lang::Zh, || {
        let mut app = balanced();
        app.update(Action::Select(ParamId::Latency as usize));
        app.update(Action::Coarse(3));
        app.update(Action::CursorHome);
        for _ in 0..60 {
            app.update(Action::CursorNext);
        }
        app.update(Action::TogglePrevious);
        (draw(&app, 120, 40), draw(&app, 80, 24))
    });
    insta::assert_snapshot!("explore_zh_120x40", shots.0);
    insta::assert_snapshot!("explore_zh_80x24", shots.1);
}

#[test]
fn help_in_chinese() {
    let shots = with_lang(Lang::Zh, || {
        let mut app = balanced();
        app.update(Action::Help);
        (draw(&app, 120, 40), draw(&app, 80, 24))
    });
    insta::assert_snapshot!("help_zh_120x40", shots.0);
    insta::assert_snapshot!("help_zh_80x24", shots.1);
}

#[test]
fn play_screen_in_chinese() {
    let shot = with_lang(Lang::Zh, || {
        let mut app = play();
        app.update(Action::Down);
        app.update(Action::Step(1));
        app.update(Action::Advance);
        app.update(Action::Up);
        app.update(Action::Step(-2));
        draw(&app, 120, 40)
    });
    insta::assert_snapshot!("play_zh_120x40", shot);
}

#[test]
fn debrief_screen_in_chinese() {
    let shots = with_lang(Lang::Zh, || {
        let mut app = play();
        app.update(Action::Down);
        app.update(Action::Down);
        app.update(Action::Down);
        app.update(Action::Coarse(1));
        while !app.play_state().expect("play mode").game.finished() {
            app.update(Action::Advance);
        }
        (draw(&app, 120, 40), draw(&app, 80, 24))
    });
    insta::assert_snapshot!("debrief_zh_120x40", shots.0);
    insta::assert_snapshot!("debrief_zh_80x24", shots.1);
}

/// A lesson at 80x24, one snapshot for each kind of step.
#[test]
fn lesson_steps_at_80x24() {
    let mut app = lesson();
    insta::assert_snapshot!("lesson_text_80x24", draw(&app, 80, 24));
    app.update(Action::NextStep);
    insta::assert_snapshot!("lesson_predict_80x24", draw(&app, 80, 24));
    app.update(Action::BeginAnswer);
    app.update(Action::Down);
    insta::assert_snapshot!("lesson_choosing_80x24", draw(&app, 80, 24));
    app.update(Action::Submit);
    insta::assert_snapshot!("lesson_answered_80x24", draw(&app, 80, 24));
    app.update(Action::ToggleView);
    insta::assert_snapshot!("lesson_flywheel_80x24", draw(&app, 80, 24));
    app.update(Action::ToggleView);
    app.update(Action::NextStep);
    app.update(Action::Coarse(100));
    insta::assert_snapshot!("lesson_goal_80x24", draw(&app, 80, 24));
    app.update(Action::NextStep);
    insta::assert_snapshot!("lesson_debrief_80x24", draw(&app, 80, 24));
}

#[test]
fn play_screen_at_80x24_with_the_flywheel() {
    let mut app = play();
    app.update(Action::Advance);
    app.update(Action::Advance);
    app.update(Action::ToggleView);
    insta::assert_snapshot!("play_flywheel_80x24", draw(&app, 80, 24));
}
