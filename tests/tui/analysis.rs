//! The TUI's analysis features driven by actions and messages, with no terminal:
//! stochastic toggle, Monte Carlo bands (stale results discarded), the tornado,
//! live reload, and saving over a commented file.

use flywheel::analysis::montecarlo;
use flywheel::model::{PARAMS, ParamId};
use flywheel::scenario::{self, Diagnostic, Diagnostics};
use flywheel::tui::msg::Msg;
use flywheel::tui::{Action, App, Mode};

use crate::support::TempDir;
use crate::support::tui::{act, balanced, draw, text};

use crate::support;

fn select(app: &mut App, id: ParamId) {
    let i = PARAMS.iter().position(|p| p.id == id).unwrap();
    app.update(Action::Select(i));
}

#[test]
fn the_stochastic_toggle_draws_whole_people_and_a_new_seed_draws_again() {
    let mut app = balanced();
    let det = app.series().clone();
    app.update(Action::ToggleStochastic);
    assert!(
        app.params() == &app.scenario().config.params,
        "parameters unchanged"
    );
    let drawn = app.series().clone();
    assert_ne!(det, drawn);
    assert!(drawn.rows.iter().all(|r| r.customers.fract() == 0.0));
    app.update(Action::NextSeed);
    assert_ne!(app.series(), &drawn, "the next seed draws another run");
    app.update(Action::ToggleStochastic);
    app.update(Action::ToggleStochastic);
    app.update(Action::ToggleStochastic);
    assert_eq!(app.series(), &det, "back to expected flows");
}

#[test]
fn bands_are_requested_received_and_stale_ones_discarded() {
    let mut app = balanced();
    assert!(app.band_request().is_none(), "bands are off by default");
    app.update(Action::ToggleBands);
    let (generation, cfg) = app.band_request().expect("a request");
    let mut small = cfg.clone();
    small.periods = 208;
    let mc = montecarlo::run(&small, 20, &|_| {}).unwrap();

    // The user moves a slider before the result arrives: it is stale.
    select(&mut app, ParamId::Latency);
    app.update(Action::Step(1));
    let (newer, _) = app.band_request().expect("a new request");
    assert_ne!(newer, generation);
    app.receive(Msg::Bands {
        generation,
        bands: Box::new(mc.clone()),
    });
    assert!(app.bands().is_none(), "a stale result is discarded");

    app.receive(Msg::Bands {
        generation: newer,
        bands: Box::new(mc),
    });
    assert!(app.bands().is_some());
    assert!(app.band_request().is_none(), "nothing more to compute");

    app.update(Action::ToggleBands);
    assert!(app.bands().is_none() && app.band_request().is_none());
}

#[test]
fn the_tornado_opens_for_the_current_settings_and_closes() {
    let mut app = balanced();
    app.update(Action::Tornado);
    let Mode::Tornado { tornado } = app.mode() else {
        panic!("tornado mode")
    };
    // The levers a user decides, not the structural constants.
    assert!(tornado.effects.len() < PARAMS.len());
    assert!(
        tornado
            .effects
            .iter()
            .all(|e| flywheel::analysis::sensitivity::is_lever(e.spec.id)),
        "{:?}",
        tornado
            .effects
            .iter()
            .map(|e| e.spec.key)
            .collect::<Vec<_>>()
    );
    let base = tornado.base;
    assert_eq!(base, app.summary().total_revenue);
    app.update(Action::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
    // After a change the tornado is recomputed around the new run.
    select(&mut app, ParamId::Latency);
    app.update(Action::Coarse(4));
    app.update(Action::Tornado);
    let Mode::Tornado { tornado } = app.mode() else {
        panic!("tornado mode")
    };
    assert!(tornado.base < base);
}

#[test]
fn a_reload_replaces_the_scenario_and_a_broken_file_keeps_the_last_good_state() {
    let mut app = balanced();
    select(&mut app, ParamId::Capture);
    let mut next = scenario::resolve("silo").unwrap();
    next.source = "silo.toml".into();
    app.receive(Msg::FileChanged(Ok(Box::new(next))));
    assert_eq!(app.scenario().name, "silo");
    assert_eq!(
        PARAMS[app.selected()].id,
        ParamId::Capture,
        "the selection stays"
    );
    let good = app.summary().total_revenue;

    let err = Diagnostics(vec![Diagnostic {
        file: "silo.toml".into(),
        line: 5,
        column: 11,
        message: "feedback.latency = 2.5 must be a whole number".into(),
        source_line: None,
    }]);
    app.receive(Msg::FileChanged(Err(err)));
    assert_eq!(app.scenario().name, "silo");
    assert_eq!(app.summary().total_revenue, good);
    let banner = app.reload_error().expect("a banner");
    assert!(banner.contains("silo.toml:5:11"), "{banner}");
    app.receive(Msg::FileChanged(Ok(Box::new(
        scenario::resolve("silo").unwrap(),
    ))));
    assert!(app.reload_error().is_none(), "fixed: the banner goes");
}

#[test]
fn saving_over_a_commented_file_keeps_the_comments() {
    let dir = TempDir::new("tui-comments");
    let path = dir.join("plan.toml");
    let original = "# Our plan for the board\n[scenario]\nname = \"plan\"\n\n[feedback]\n# quarterly roadmap\nlatency = 12  # weeks\n";
    std::fs::write(&path, original).unwrap();
    let mut app = App::new(scenario::load_file(&path).unwrap());
    select(&mut app, ParamId::Latency);
    act(&mut app, Action::Coarse(-1));
    act(&mut app, Action::BeginSave);
    // Replace the suggested name with the file's path.
    for _ in 0..40 {
        act(&mut app, Action::Backspace);
    }
    for c in path.display().to_string().chars() {
        act(&mut app, Action::Input(c));
    }
    act(&mut app, Action::Submit);
    assert!(
        matches!(app.mode(), Mode::Confirm { .. }),
        "asks before overwriting"
    );
    act(&mut app, Action::Yes);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# Our plan for the board"), "{text}");
    assert!(text.contains("# quarterly roadmap"), "{text}");
    assert!(text.contains("latency = 8  # weeks"), "{text}");
    let back = scenario::load_file(&path).unwrap();
    assert_eq!(back.config.params[ParamId::Latency], 8.0);
}

#[test]
fn the_help_scrolls_when_it_does_not_fit() {
    let mut app = balanced();
    app.update(Action::Help);
    let first = text(&app, 80, 24);
    assert!(first.contains("Help 1-22 of"), "{first}");
    assert!(first.contains("quit"));
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let scrolled = text(&app, 80, 24);
    assert!(scrolled.contains("Help 4-25 of"), "{scrolled}");
    // Far past the end it stops at the last page, which shows the mouse help.
    for _ in 0..10 {
        app.update(Action::Coarse(1));
    }
    let last = text(&app, 80, 24);
    assert!(last.contains("wheel on a chart"), "{last}");
    // On a tall screen everything fits in two columns: no scrolling.
    let tall = text(&app, 120, 40);
    assert!(tall.contains("Help (Esc close)"), "{tall}");
    app.update(Action::Cancel);
    app.update(Action::Help);
    assert!(
        text(&app, 80, 24).contains("Help 1-22 of"),
        "reopening starts at the top"
    );
}

#[test]
fn event_lines_are_numbered_on_every_chart_and_listed_with_their_notes() {
    let app = App::new(scenario::resolve("competitor-shock").unwrap());
    let drawn = draw(&app, 120, 40);
    let buf = drawn.buffer();
    // The charts fill rows 5 to 28 of a 120x40 screen; the readout below lists the notes.
    let numbered = |n: &str| {
        (5..29u16)
            .flat_map(|y| (0..120u16).map(move |x| (x, y)))
            .filter(|&p| buf[p].symbol() == n && buf[p].fg == ratatui::style::Color::Magenta)
            .count()
    };
    assert_eq!(numbered("1"), 4, "one number per chart for the first event");
    assert_eq!(numbered("2"), 4, "and for the second");
    let screen = drawn.to_string();
    assert!(screen.contains("1: 78 Competitor launches"), "{screen}");
    assert!(screen.contains("2: 104 Funding round"), "{screen}");
}

#[test]
fn a_reload_keeps_the_users_own_changes_and_never_touches_a_game() {
    let mut app = balanced();
    select(&mut app, ParamId::Capture);
    app.update(Action::Coarse(1));
    let mine = app.params()[ParamId::Capture];
    assert_ne!(mine, 0.5);
    // The file on disk now has a longer latency.
    let mut next = support::balanced();
    next.config.params[ParamId::Latency] = 13.0;
    app.receive(Msg::FileChanged(Ok(Box::new(next))));
    assert_eq!(app.params()[ParamId::Latency], 13.0, "the file's new value");
    assert_eq!(
        app.params()[ParamId::Capture],
        mine,
        "the user's change is kept"
    );
    assert_eq!(
        app.scenario().config.params[ParamId::Latency],
        13.0,
        "the new file is the baseline"
    );
    assert!(app.status().unwrap().text().contains("changes kept"));

    let mut game = App::new_play(support::scenario("lesson-latency"), "Team A");
    game.update(Action::Advance);
    let before = game.play_state().unwrap().game.period;
    assert_eq!(before, 13, "one turn played");
    app = game;
    app.receive(Msg::FileChanged(Ok(Box::new(
        scenario::resolve("silo").unwrap(),
    ))));
    assert_eq!(
        app.scenario().name,
        "lesson-latency",
        "the game keeps its scenario"
    );
    assert_eq!(app.play_state().unwrap().game.period, before);
}

#[test]
fn the_tornado_speaks_the_screens_money_and_language() {
    let mut app = balanced();
    app.update(Action::Tornado);
    let en = text(&app, 120, 40);
    let total = flywheel::model::summarize(&flywheel::model::simulate(&support::balanced().config))
        .total_revenue;
    let now = format!("Total revenue {} now", flywheel::format::money(total));
    assert!(en.contains(&now), "{now} in {en}");
    // Each lever named as its slider (never by its key), and money figures.
    let line = en
        .lines()
        .find(|l| l.contains("Sales share"))
        .expect("the sales share is ranked");
    assert!(!en.contains("sales.sales_share"), "{en}");
    assert!(line.contains("$") && line.contains(" → "), "{line}");
    assert!(!en.contains("product.strength_exponent"), "{en}");
    let zh = flywheel::i18n::with_lang(flywheel::i18n::Lang::Zh, || text(&app, 120, 40));
    assert!(zh.contains("当前总收入"), "{zh}");
    assert!(!zh.contains("Sales share"), "{zh}");
}
