//! `O`: the best steady policy for the sliders in view, searched in the
//! background and applied on Enter (undoable); not offered in play mode.

use flywheel::analysis::optimize::optimize;
use flywheel::model::ParamId;
use flywheel::tui::app::BEST_DEFAULT;
use flywheel::tui::keymap::action_in;
use flywheel::tui::msg::Msg;
use flywheel::tui::{Action, App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support;
use crate::support::tui::{balanced, text};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// What the event loop does: the worker searches the request and reports.
fn search(app: &mut App) {
    let (id, problem) = app.best_request().expect("a search is asked for");
    app.receive(Msg::BestProgress { id, share: 0.5 });
    assert_eq!(app.best().unwrap().progress, 0.5);
    let result = optimize(&problem, &|_| {}).map(Box::new);
    app.receive(Msg::Best { id, result });
    assert!(app.best_request().is_none(), "nothing more to search");
}

#[test]
fn o_searches_the_shares_price_and_bases_and_enter_applies_it() {
    let mut app = balanced();
    assert_eq!(
        action_in(&app.scopes(), &key('O')),
        Some(Action::BestPolicy)
    );
    app.update(Action::BestPolicy);
    assert_eq!(*app.mode(), Mode::Best);
    let (_, problem) = app.best_request().unwrap();
    let ids: Vec<ParamId> = problem.decide.iter().map(|d| d.spec.id).collect();
    assert_eq!(ids, BEST_DEFAULT.to_vec());
    assert_eq!(problem.base, support::balanced().config);
    assert!(
        text(&app, 100, 30).contains("searching"),
        "progress while it runs"
    );

    search(&mut app);
    let screen = text(&app, 100, 30);
    assert!(screen.contains("Best steady policy"), "{screen}");
    assert!(screen.contains("Value"), "{screen}");
    let best = app.best().unwrap().result.clone().unwrap().unwrap();
    let before = *app.params();
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    for (id, v) in best.values() {
        assert_eq!(app.params()[id], v);
    }
    // What the screen runs now is what the search reported.
    let now = app.summary().value;
    assert!(
        (now - best.objective).abs() <= 1e-9 * best.objective.abs().max(1.0),
        "{now} vs {}",
        best.objective
    );
    assert!(now >= app.loaded_summary().value);
    assert!(app.status().unwrap().text().contains("u undoes"));
    app.update(Action::Undo);
    assert_eq!(*app.params(), before);
}

#[test]
fn a_lesson_step_searches_its_unlocked_sliders() {
    let mut app = crate::support::tui::lesson();
    app.update(Action::BestPolicy);
    assert_eq!(*app.mode(), Mode::Normal, "step 1 unlocks nothing");
    assert!(app.status().unwrap().error);
    assert!(app.best_request().is_none());
    app.update(Action::NextStep);
    app.update(Action::NextStep);
    app.update(Action::BestPolicy);
    let (_, problem) = app.best_request().unwrap();
    let ids: Vec<ParamId> = problem.decide.iter().map(|d| d.spec.id).collect();
    assert_eq!(ids, app.unlocked().unwrap().to_vec(), "the step's sliders");
    assert_eq!(ids.len(), 3);
}

#[test]
fn esc_keeps_the_search_and_a_change_makes_it_stale() {
    let mut app = balanced();
    app.update(Action::BestPolicy);
    let (first, _) = app.best_request().unwrap();
    app.update(Action::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
    // Reopened with nothing changed: the same search, not a new one.
    app.update(Action::BestPolicy);
    assert_eq!(app.best_request().unwrap().0, first);
    search(&mut app);
    app.update(Action::Cancel);
    app.update(Action::Select(ParamId::Latency as usize));
    app.update(Action::Step(1));
    assert!(!app.best_is_current());
    // A late result for an old request is dropped.
    app.update(Action::BestPolicy);
    let (second, _) = app.best_request().unwrap();
    assert!(second > first);
    app.receive(Msg::Best {
        id: first,
        result: Err(flywheel::analysis::optimize::OptimizeError::Cancelled),
    });
    assert!(app.best().unwrap().result.is_none());
}

#[test]
fn play_mode_offers_no_search() {
    let mut app = App::new_play(support::balanced(), "A");
    assert_eq!(action_in(&app.scopes(), &key('O')), None);
    app.update(Action::BestPolicy);
    assert!(app.best_request().is_none());
    assert_eq!(*app.mode(), Mode::Normal);
}

#[test]
fn a_search_that_fails_is_worded_in_the_language_of_each_screen_that_shows_it() {
    use flywheel::analysis::optimize::OptimizeError;
    use flywheel::i18n::{Lang, with_lang};
    let mut app = support::tui::balanced();
    app.update(Action::BestPolicy);
    let (id, _) = app.best_request().expect("a search is asked for");
    // The result arrives once, from the job's thread; two laptops in two
    // languages draw it.
    app.receive(Msg::Best {
        id,
        result: Err(OptimizeError::Infeasible {
            conditions: "min_cash >= 0".into(),
            closest: "pricing.price=50".into(),
            broken: "min_cash >= 0".into(),
        }),
    });
    let en = with_lang(Lang::En, || support::tui::text(&app, 120, 40));
    let hant = with_lang(Lang::ZhHant, || support::tui::text(&app, 120, 40));
    assert!(en.contains("no policy within the ranges meets"), "{en}");
    assert!(hant.contains("範圍內沒有任何策略滿足"), "{hant}");
    assert!(!hant.contains("no policy within"), "{hant}");
}
