//! The refit's own tests: marking what is fitted, the keys without a
//! history, a fit applied and undone, old and stale results.

use super::*;
use crate::analysis::history;
use crate::model::simulate;
use crate::tui::msg::Msg;

/// `balanced` with its word of mouth and win rate moved, and a history
/// the model made at the preset's own values.
fn app_with_history() -> (App, crate::model::Params) {
    let s = crate::scenario::preset("balanced")
        .and_then(|p| p.load().ok())
        .expect("balanced loads");
    let truth = s.config.params;
    let mut cfg = s.config.clone();
    cfg.periods = 104;
    let run = simulate(&cfg);
    let csv: String = std::iter::once("period,customers,revenue\n".to_string())
        .chain(
            run.rows
                .iter()
                .map(|r| format!("{},{},{}\n", r.period, r.customers, r.revenue)),
        )
        .collect();
    let h = history::parse("made-by-the-model.csv", &csv).expect("the history parses");
    let mut app = App::new(s).with_actuals(h);
    let mut p = *app.params();
    p[ParamId::Imitation] *= 1.6;
    p[ParamId::WinRate] *= 0.6;
    app.set_params(p);
    (app, truth)
}

fn select(app: &mut App, id: ParamId) {
    app.selected = crate::model::PARAMS
        .iter()
        .position(|s| s.id == id)
        .expect("a parameter of the table");
}

#[test]
fn marks_choose_what_is_fitted_and_whole_numbers_are_refused() {
    let (mut app, _) = app_with_history();
    assert_eq!(app.refit_params(), DEFAULT_PARAMS.to_vec());
    select(&mut app, ParamId::WinRate);
    app.update(Action::MarkFit);
    select(&mut app, ParamId::Imitation);
    app.update(Action::MarkFit);
    assert_eq!(
        app.refit_params(),
        vec![ParamId::WinRate, ParamId::Imitation]
    );
    app.update(Action::MarkFit);
    assert_eq!(app.refit_params(), vec![ParamId::WinRate]);
    let whole = crate::model::PARAMS
        .iter()
        .find(|s| s.integer)
        .map(|s| s.id);
    if let Some(id) = whole {
        select(&mut app, id);
        app.update(Action::MarkFit);
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        assert_eq!(app.fit_marks(), &[ParamId::WinRate]);
    }
}

#[test]
fn without_history_the_keys_say_how_to_load_one() {
    let s = crate::scenario::preset("balanced")
        .and_then(|p| p.load().ok())
        .expect("balanced loads");
    let mut app = App::new(s);
    app.update(Action::Refit);
    assert_eq!(*app.mode(), Mode::Normal);
    let status = app.status.clone().expect("a status");
    assert!(
        status.error && status.text().contains("--data"),
        "{status:?}"
    );
    app.update(Action::MarkFit);
    assert!(app.fit_marks().is_empty());
}

#[test]
fn a_refit_recovers_the_values_and_one_undo_restores_the_sliders() {
    let (mut app, truth) = app_with_history();
    select(&mut app, ParamId::Imitation);
    app.update(Action::MarkFit);
    select(&mut app, ParamId::WinRate);
    app.update(Action::MarkFit);
    let before = *app.params();
    app.update(Action::Refit);
    assert_eq!(*app.mode(), Mode::Refit);
    let (id, mut job) = app.refit_request().expect("a fit is asked for");
    // The worker's part, with fewer refits for the test (the app asks for 200).
    job.options.bootstrap = 8;
    let result = job.run(&|n| assert!(n <= 8));
    app.receive(Msg::RefitProgress { id, refits: 100 });
    assert_eq!(app.refit().and_then(Refit::progress), Some(0.5));
    app.receive(Msg::Refit { id, result });
    assert!(app.refit_request().is_none());
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    for id in [ParamId::Imitation, ParamId::WinRate] {
        let (got, want) = (app.params()[id], truth[id]);
        assert!(
            (got - want).abs() <= 0.01 * want.abs(),
            "{id:?}: fitted {got}, made with {want}"
        );
    }
    app.update(Action::Undo);
    assert_eq!(*app.params(), before);
}

#[test]
fn an_old_result_is_dropped_and_a_stale_one_is_not_applied() {
    let (mut app, _) = app_with_history();
    app.update(Action::Refit);
    let (old, job) = app.refit_request().expect("a fit is asked for");
    app.update(Action::Cancel);
    // A slider moves while the fit runs: F asks for a new fit.
    app.update(Action::Step(1));
    app.update(Action::Refit);
    let (new, _) = app.refit_request().expect("a fit for the new values");
    assert!(new > old);
    app.receive(Msg::Refit {
        id: old,
        result: job.run(&|_| {}),
    });
    assert!(app.refit().is_some_and(|r| r.result.is_none()));
    app.update(Action::Submit);
    assert!(app.status.as_ref().is_some_and(|s| s.error));

    // The result arrives, then the file on disk changes the values.
    let (_, mut job) = app.refit_request().expect("still asked for");
    job.options.bootstrap = 0;
    app.receive(Msg::Refit {
        id: new,
        result: job.run(&|_| {}),
    });
    let mut p = *app.params();
    p[ParamId::Price] *= 1.1;
    app.set_params(p);
    app.update(Action::Submit);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    assert_eq!(*app.params(), p);
}
