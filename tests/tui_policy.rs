//! The best steady policy on one key: searched from the current settings in
//! the background (here: by hand, as the worker does), shown with progress,
//! applied on Enter as one undoable change, never offered in play mode.

use flywheel::analysis::optimize::optimize;
use flywheel::scenario;
use flywheel::tui::msg::Msg;
use flywheel::tui::{Action, App, Mode, POLICY_DEFAULT};

fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}

/// Does what the event loop and the worker thread do with a request.
fn serve(app: &mut App) {
    let (generation, problem) = app.take_policy_request().expect("a request");
    assert!(app.take_policy_request().is_none(), "handed over once");
    app.receive(Msg::PolicyProgress {
        generation,
        done: 0.4,
    });
    let screen = render(app, 100, 30);
    assert!(screen.contains("searching… 40%"), "{screen}");
    let result = optimize(&problem, &|_| {})
        .map(Box::new)
        .map_err(|e| e.to_string());
    app.receive(Msg::Policy { generation, result });
}

#[test]
fn the_suggestion_raises_profit_keeps_cash_and_undoes_in_one_step() {
    let mut app = App::new(scenario::resolve("balanced").unwrap());
    let before = *app.params();
    let profit = app.summary().total_profit;
    app.update(Action::BestPolicy);
    assert!(matches!(app.mode(), Mode::Policy(_)));
    let Mode::Policy(p) = app.mode() else {
        unreachable!()
    };
    assert_eq!(p.keys, POLICY_DEFAULT);
    serve(&mut app);
    let screen = render(&app, 100, 30);
    for fragment in [
        "Best steady policy",
        "suggested",
        "product.rd_share",
        "Enter applies it",
    ] {
        assert!(screen.contains(fragment), "{fragment}:\n{screen}");
    }
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(app.summary().total_profit > profit);
    assert!(app.summary().min_cash >= 0.0);
    assert_ne!(*app.params(), before);
    app.update(Action::Undo);
    assert_eq!(*app.params(), before, "one undo restores every slider");
}

#[test]
fn a_stale_or_closed_search_changes_nothing() {
    let mut app = App::new(scenario::resolve("balanced").unwrap());
    app.update(Action::BestPolicy);
    let (generation, problem) = app.take_policy_request().unwrap();
    app.update(Action::Cancel);
    let result = optimize(&problem, &|_| {})
        .map(Box::new)
        .map_err(|e| e.to_string());
    app.receive(Msg::Policy { generation, result });
    assert_eq!(
        *app.mode(),
        Mode::Normal,
        "a result after closing is dropped"
    );
}

#[test]
fn a_lesson_step_searches_only_its_unlocked_sliders() {
    let mut app = App::new(scenario::resolve("lesson-latency").unwrap());
    // Find a step that unlocks sliders.
    let steps = app.scenario().lesson.steps.clone();
    let (i, step) = steps
        .iter()
        .enumerate()
        .find(|(_, s)| s.unlock.as_ref().is_some_and(|u| !u.is_empty()))
        .expect("a step with sliders");
    for _ in 0..i {
        app.update(Action::NextStep);
    }
    while matches!(app.mode(), Mode::Predict { .. }) {
        app.update(Action::Cancel);
    }
    app.update(Action::BestPolicy);
    let Mode::Policy(p) = app.mode() else {
        panic!("no search opened: {:?}", app.mode())
    };
    assert_eq!(Some(&p.keys), step.unlock.as_ref());
}

#[test]
fn play_mode_offers_no_suggestion() {
    let mut app = App::new_play(scenario::resolve("lesson-latency").unwrap(), "Team");
    app.update(Action::BestPolicy);
    assert!(!matches!(app.mode(), Mode::Policy(_)));
    assert!(app.take_policy_request().is_none());
}
