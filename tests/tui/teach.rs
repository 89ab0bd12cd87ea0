//! Lessons, play mode and sessions in the TUI, driven by actions with no terminal.

use std::fs;

use flywheel::model::{PARAMS, ParamId};
use flywheel::play::session::{self, Kind};
use flywheel::tui::keymap::{Scope, action_in};
use flywheel::tui::view::play::play_input;
use flywheel::tui::{Action, App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::tui::{act, balanced, lesson, play, write_through_prompt};
use crate::support::{TempDir, replay};

#[test]
fn lesson_steps_move_with_n_and_p_and_stay_in_range() {
    let mut app = lesson();
    let steps = app.scenario().lesson.steps.len();
    assert_eq!(app.lesson().unwrap().step, 0);
    app.update(Action::PrevStep);
    assert_eq!(app.lesson().unwrap().step, 0);
    for _ in 0..10 {
        app.update(Action::NextStep);
    }
    assert_eq!(app.lesson().unwrap().step, steps - 1);
    assert_eq!(app.status().unwrap().text(), "this is the last step");
    app.update(Action::PrevStep);
    assert_eq!(app.lesson().unwrap().step, steps - 2);
    // A scenario without steps has no lesson.
    assert!(balanced().lesson().is_none());
}

#[test]
fn the_lesson_keys_come_before_the_main_screen_keys() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let app = lesson();
    assert_eq!(app.scopes(), vec![Scope::Lesson, Scope::Normal]);
    assert_eq!(action_in(&app.scopes(), &key('p')), Some(Action::PrevStep));
    assert_eq!(action_in(&app.scopes(), &key('n')), Some(Action::NextStep));
    assert_eq!(action_in(&app.scopes(), &key('3')), Some(Action::Choose(2)));
    assert_eq!(
        action_in(&app.scopes(), &key('g')),
        Some(Action::TogglePrevious)
    );
    assert_eq!(
        action_in(&app.scopes(), &key('b')),
        Some(Action::PinBaseline)
    );
    let explore = balanced();
    assert_eq!(
        action_in(&explore.scopes(), &key('p')),
        Some(Action::TogglePrevious)
    );
    assert_eq!(action_in(&explore.scopes(), &key('3')), None);
    assert_eq!(
        action_in(&play().scopes(), &key('a')),
        Some(Action::Advance)
    );
}

#[test]
fn a_step_unlocks_only_its_sliders() {
    let mut app = lesson();
    let loaded = *app.params();
    // Step 1 unlocks nothing.
    app.update(Action::Step(1));
    assert_eq!(*app.params(), loaded);
    assert!(app.status().unwrap().error);
    assert!(app.status().unwrap().text().contains("no sliders move"));
    // Step 2 unlocks the latency, and selects it.
    app.update(Action::NextStep);
    assert_eq!(PARAMS[app.selected()].id, ParamId::Latency);
    app.update(Action::Step(-1));
    assert_eq!(app.params()[ParamId::Latency], 25.0);
    app.update(Action::Select(ParamId::Price as usize));
    app.update(Action::Coarse(1));
    app.update(Action::BeginEdit);
    assert_eq!(*app.mode(), Mode::Normal, "no typing into a locked slider");
    assert_eq!(app.params()[ParamId::Price], loaded[ParamId::Price]);
    let msg = &app.status().unwrap().text();
    assert!(
        msg.contains("Price is locked")
            && msg.contains("Feedback latency")
            && !msg.contains("feedback."),
        "{msg}"
    );
    // Resetting is always allowed: it goes back to the loaded scenario.
    app.update(Action::ResetAll);
    assert_eq!(*app.params(), loaded);
}

#[test]
fn a_prediction_hides_the_run_until_answered_and_is_scored() {
    let mut app = lesson();
    assert!(!app.curves_hidden(), "step 1 asks nothing");
    app.update(Action::NextStep);
    assert!(app.curves_hidden());
    // The student moves the unlocked slider the other way before answering:
    // the question is about its own setting (latency 4), not this one.
    app.update(Action::Coarse(1));
    assert!(app.params()[ParamId::Latency] > 26.0);
    assert!(app.curves_hidden(), "still hidden after the change");
    let input = flywheel::tui::view::charts::explore_input(&app);
    assert!(input.current.is_none(), "the charts draw only the baseline");

    // The chooser: arrows then Enter.
    app.update(Action::BeginAnswer);
    assert_eq!(*app.mode(), Mode::Predict { choice: 0 });
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(!app.curves_hidden());
    assert!(
        flywheel::tui::view::charts::explore_input(&app)
            .current
            .is_some()
    );
    // Answering applied the question's setting: the curves are the ones asked about.
    assert_eq!(app.params()[ParamId::Latency], 4.0);

    let answer = app.lesson().unwrap().answer().unwrap();
    assert_eq!(answer.choice, 2);
    let predict = app.lesson_step().unwrap().predict.clone().unwrap();
    let want = predict.answer(app.summary(), app.loaded_summary());
    assert_eq!(answer.correct, want);
    // Four weeks instead of 26 is worth over 25% more: the last choice.
    assert_eq!(want, Some(3));
    assert!(!answer.is_right());
    assert!(
        app.status()
            .unwrap()
            .text()
            .contains("rises by more than 25%")
    );
    // The answer is kept: a second one is not taken.
    app.update(Action::Choose(3));
    assert_eq!(app.lesson().unwrap().answer().unwrap().choice, 2);
    // Moving on and back keeps it too.
    app.update(Action::NextStep);
    app.update(Action::PrevStep);
    assert_eq!(app.lesson().unwrap().answer(), Some(answer));
}

#[test]
fn a_prediction_is_scored_on_its_own_setting_whatever_the_sliders_say() {
    // Two students: one leaves the slider alone, one drags it to 52 weeks.
    let mut still = lesson();
    still.update(Action::NextStep);
    still.update(Action::Choose(0));
    let mut moved = lesson();
    moved.update(Action::NextStep);
    for _ in 0..3 {
        moved.update(Action::Coarse(1));
    }
    assert!(moved.params()[ParamId::Latency] > 30.0);
    moved.update(Action::Choose(0));
    let (a, b) = (
        still.lesson().unwrap().answer().unwrap(),
        moved.lesson().unwrap().answer().unwrap(),
    );
    assert_eq!(a.correct, b.correct, "the same question, the same answer");
    assert_eq!(a.correct, Some(3));
    assert_eq!(still.summary(), moved.summary(), "the same curves shown");
    // Undo goes back to the student's own setting.
    moved.update(Action::Undo);
    assert!(moved.params()[ParamId::Latency] > 30.0);
}

#[test]
fn a_goal_step_never_opens_already_met() {
    let mut app = lesson();
    app.update(Action::NextStep);
    // Latency 4 earns far more than the goal of step 3 asks.
    app.update(Action::Choose(3));
    assert_eq!(app.params()[ParamId::Latency], 4.0);
    app.update(Action::NextStep);
    assert_eq!(app.lesson().unwrap().step, 2);
    assert_eq!(app.goal_met(), Some(false), "{:?}", app.status());
    assert_eq!(app.params(), &app.scenario().config.params);
    assert!(app.status().unwrap().text().contains("goal starts unmet"));
    // The carried change is one undo away.
    app.update(Action::Undo);
    assert_eq!(app.params()[ParamId::Latency], 4.0);
}

#[test]
fn the_goal_is_ticked_live_against_the_scenario_as_loaded() {
    let mut app = lesson();
    app.update(Action::NextStep);
    app.update(Action::NextStep);
    assert_eq!(app.goal_met(), Some(false));
    assert_eq!(PARAMS[app.selected()].id, ParamId::Capture);
    // Pinning a baseline does not move the goal's yardstick.
    app.update(Action::PinBaseline);
    app.update(Action::Coarse(100));
    assert_eq!(app.params()[ParamId::Capture], 1.0);
    // Capture alone is not enough: less of revenue to sales, too.
    assert_eq!(app.goal_met(), Some(false), "{:?}", app.summary());
    app.update(Action::Select(ParamId::SalesShare as usize));
    app.update(Action::Coarse(-2));
    assert!((app.params()[ParamId::SalesShare] - 0.2).abs() < 1e-12);
    assert_eq!(app.goal_met(), Some(true), "{:?}", app.summary());
    app.update(Action::Undo);
    assert_eq!(app.goal_met(), Some(false));
    assert_eq!(lesson().goal_met(), None, "step 1 has no goal");
}

#[test]
fn play_turns_advance_by_actions_and_the_view_never_holds_the_future() {
    let mut app = play();
    let check = |app: &App| {
        let p = app.play_state().unwrap();
        // Once over, the whole run (rows 0..=T) is the past.
        let now = if p.game.finished() {
            p.game.horizon() + 1
        } else {
            p.game.period
        };
        assert!(
            app.series().rows.is_empty(),
            "the app keeps no run of its own"
        );
        assert!(app.baseline().rows.is_empty());
        let input = play_input(app, p);
        let drawn = input
            .current
            .into_iter()
            .chain(input.ghosts.iter().map(|g| g.0));
        for s in drawn {
            assert!(
                s.rows.iter().all(|r| r.period < now),
                "a future row at {now}"
            );
        }
        assert!(input.events.iter().all(|at| *at < now));
        assert!(p.loops().len() <= now as usize);
        assert!(app.exported_run().rows.iter().all(|r| r.period < now));
    };
    check(&app);
    assert_eq!(app.play_state().unwrap().turn(), (1, 16));

    // Set latency for the first turn: pending, with its cost.
    let decisions = app.play_state().unwrap().decisions().to_vec();
    let latency = decisions
        .iter()
        .position(|d| *d == ParamId::Latency)
        .unwrap();
    for _ in 0..latency {
        app.update(Action::Down);
    }
    app.update(Action::Step(-2));
    let p = app.play_state().unwrap();
    assert_eq!(p.game.pending, vec![(ParamId::Latency, 24.0)]);
    assert_eq!(p.game.pending_cost(), 10_000.0);
    assert!(p.game.decisions.is_empty());
    // A value out of range is refused where it is typed.
    app.update(Action::BeginEdit);
    for c in "-3".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert!(matches!(app.mode(), Mode::Editing { error: Some(_), .. }));
    app.update(Action::Cancel);

    app.update(Action::Advance);
    check(&app);
    let p = app.play_state().unwrap();
    assert_eq!(p.game.period, 13);
    assert_eq!(p.turn(), (2, 16));
    assert_eq!(p.game.decisions.len(), 1);
    assert!(p.game.pending.is_empty());
    assert_eq!(p.run().rows.len(), 13);

    // Sliders of the explore screen do nothing here; r drops a pending change.
    app.update(Action::Step(5));
    app.update(Action::ResetOne);
    assert!(app.play_state().unwrap().game.pending.is_empty());
    while !app.play_state().unwrap().game.finished() {
        app.update(Action::Advance);
        check(&app);
    }
    let p = app.play_state().unwrap();
    let o = p.outcome().expect("an outcome at the end");
    assert_ne!(o.player, o.autopilot);
    assert!(app.status().unwrap().text().contains("score"));
    // Over: no more turns or changes.
    app.update(Action::Step(1));
    assert!(app.play_state().unwrap().game.pending.is_empty());
}

#[test]
fn an_explore_session_replays_to_the_same_csv_as_the_export() {
    let dir = TempDir::new("teach-explore");
    let mut app = balanced().with_player("Ann");
    act(&mut app, Action::Select(ParamId::Latency as usize));
    act(&mut app, Action::Coarse(2));
    act(&mut app, Action::Select(ParamId::Imitation as usize));
    act(&mut app, Action::Step(3));
    act(&mut app, Action::Undo);
    act(&mut app, Action::Select(ParamId::Capture as usize));
    act(&mut app, Action::Step(-1));
    let log = app.change_log().to_vec();
    assert_eq!(log.len(), 4, "every change, the undo too: {log:?}");
    assert!(log.iter().all(|d| d.period == 0));
    assert_eq!((log[2].old, log[2].new), (log[1].new, log[1].old));

    let csv = dir.join("run.csv");
    let sess = dir.join("ann.session.toml");
    write_through_prompt(&mut app, Action::BeginExport, &csv);
    write_through_prompt(&mut app, Action::BeginSaveSession, &sess);
    let saved = session::load(&sess).unwrap();
    assert_eq!(saved.kind, Kind::Explore);
    assert_eq!(saved.player, "Ann");
    assert_eq!(saved.decisions, log);
    assert_eq!(replay(&sess), fs::read(&csv).unwrap(), "byte for byte");

    // A second save to the same name asks first and keeps the file on no.
    act(&mut app, Action::BeginSaveSession);
    for _ in 0..300 {
        act(&mut app, Action::Backspace);
    }
    for c in sess.display().to_string().chars() {
        act(&mut app, Action::Input(c));
    }
    act(&mut app, Action::Submit);
    assert!(matches!(app.mode(), Mode::Confirm { .. }));
    act(&mut app, Action::No);
    assert_eq!(session::load(&sess).unwrap(), saved);
}

#[test]
fn a_play_session_replays_to_the_same_csv_as_the_export() {
    let dir = TempDir::new("teach-play");
    let mut app = play();
    app.update(Action::Step(-2)); // price, first turn
    app.update(Action::Advance);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Coarse(1)); // capture, at a cost
    app.update(Action::Advance);
    while !app.play_state().unwrap().game.finished() {
        app.update(Action::Advance);
    }
    let csv = dir.join("run.csv");
    let sess = dir.join("team-a.session.toml");
    write_through_prompt(&mut app, Action::BeginExport, &csv);
    write_through_prompt(&mut app, Action::BeginSaveSession, &sess);
    let saved = session::load(&sess).unwrap();
    assert_eq!(saved.kind, Kind::Play);
    assert_eq!(saved.player, "Team A");
    assert_eq!(saved.decisions.len(), 2);
    assert_eq!(saved.decisions[1].period, 13);
    let exported = fs::read(&csv).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&exported).lines().count(),
        210,
        "the whole run once the game is over"
    );
    assert_eq!(replay(&sess), exported, "byte for byte");
}

#[test]
fn the_flywheel_view_toggles_in_both_screens() {
    use flywheel::tui::app::View;
    let mut app = lesson();
    app.update(Action::ToggleView);
    assert_eq!(app.view(), View::Flywheel);
    app.update(Action::ToggleView);
    assert_eq!(app.view(), View::Charts);
    let mut p = play();
    p.update(Action::ToggleView);
    assert_eq!(p.view(), View::Flywheel);
}
