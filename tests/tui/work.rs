//! No work lost: leaving with unsaved work asks first, saves keep the seed in
//! use, and explore sessions keep the lesson's predictions and goals.

use std::fs;

use flywheel::model::ParamId;
use flywheel::play::session;
use flywheel::scenario;
use flywheel::tui::keymap::{Scope, action_in};
use flywheel::tui::{Action, App, Leave, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::tui::{act, balanced, draw, lesson, play, text, write_through_prompt};
use crate::support::{self, TempDir, replay};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn q_quits_at_once_with_nothing_to_lose() {
    let mut app = balanced();
    assert!(!app.unsaved());
    assert_eq!(
        action_in(&app.scopes(), &key('q')),
        Some(Action::RequestQuit)
    );
    assert!(act(&mut app, Action::RequestQuit));
    // A change undone is no work either.
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    act(&mut app, Action::Undo);
    assert!(act(&mut app, Action::RequestQuit));
}

#[test]
fn q_with_unsaved_changes_asks_and_n_stays() {
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    assert!(app.unsaved());
    assert!(!act(&mut app, Action::RequestQuit));
    assert_eq!(*app.mode(), Mode::Leave { then: Leave::Quit });
    assert_eq!(app.scopes(), vec![Scope::Leave]);
    assert_eq!(action_in(&app.scopes(), &key('y')), Some(Action::Yes));
    assert_eq!(action_in(&app.scopes(), &key('n')), Some(Action::No));
    // n stays, with the change.
    assert!(!act(&mut app, Action::No));
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(app.status().unwrap().text().contains("nothing lost"));
    assert!(app.unsaved());
    // Esc stays too; y quits.
    act(&mut app, Action::RequestQuit);
    assert!(!act(&mut app, Action::Cancel));
    act(&mut app, Action::RequestQuit);
    assert!(act(&mut app, Action::Yes));
    // Ctrl-C still quits at once.
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    assert!(act(&mut app, Action::Quit));
}

#[test]
fn the_question_is_on_screen() {
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    act(&mut app, Action::RequestQuit);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Quit without saving? y quit"), "{screen}");
    assert!(screen.contains("n stay"), "{screen}");
}

#[test]
fn a_save_clears_the_question() {
    let dir = TempDir::new("work-saved");
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    write_through_prompt(&mut app, Action::BeginSave, &dir.join("mine.toml"));
    assert!(!app.unsaved());
    act(&mut app, Action::Step(1));
    assert!(app.unsaved(), "a change after the save is unsaved again");
    write_through_prompt(
        &mut app,
        Action::BeginSaveSession,
        &dir.join("mine.session.toml"),
    );
    assert!(act(&mut app, Action::RequestQuit));
    // An export of the run is not a save of the work.
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    write_through_prompt(&mut app, Action::BeginExport, &dir.join("run.csv"));
    assert!(app.unsaved());
}

#[test]
fn o_with_unsaved_changes_asks_before_the_picker() {
    let mut app = balanced();
    act(&mut app, Action::Step(1));
    assert_eq!(
        action_in(&app.scopes(), &key('o')),
        Some(Action::OpenPicker)
    );
    act(&mut app, Action::OpenPicker);
    assert_eq!(*app.mode(), Mode::Leave { then: Leave::Open });
    act(&mut app, Action::No);
    assert_eq!(*app.mode(), Mode::Normal);
    act(&mut app, Action::OpenPicker);
    assert!(
        !act(&mut app, Action::Yes),
        "leaving for the picker is not quitting"
    );
    assert!(
        matches!(app.mode(), Mode::Picker { .. }),
        "{:?}",
        app.mode()
    );
    // With nothing changed the picker opens at once.
    let mut app = balanced();
    act(&mut app, Action::OpenPicker);
    assert!(matches!(app.mode(), Mode::Picker { .. }));
}

#[test]
fn an_answered_prediction_is_work_too() {
    let mut app = lesson();
    act(&mut app, Action::NextStep);
    act(&mut app, Action::Undo); // nothing to undo: still nothing changed
    assert!(!app.unsaved());
    act(&mut app, Action::Choose(1));
    assert!(app.unsaved());
}

#[test]
fn a_game_in_progress_asks_before_quitting() {
    let mut app = play();
    assert!(!app.unsaved(), "nothing played yet");
    assert!(act(&mut app, Action::RequestQuit));

    let mut app = play();
    assert_eq!(
        action_in(
            &app.scopes(),
            &KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
        ),
        Some(Action::RequestQuit)
    );
    act(&mut app, Action::Advance);
    act(&mut app, Action::RequestQuit);
    assert_eq!(*app.mode(), Mode::Leave { then: Leave::Quit });
    assert!(!act(&mut app, Action::No));
    assert_eq!(
        app.play_state().unwrap().game.period,
        13,
        "the game goes on"
    );
    act(&mut app, Action::RequestQuit);
    assert!(act(&mut app, Action::Yes));

    // Saved after the last turn: q quits at once.
    let dir = TempDir::new("work-play");
    let mut app = play();
    act(&mut app, Action::Advance);
    write_through_prompt(
        &mut app,
        Action::BeginSaveSession,
        &dir.join("a.session.toml"),
    );
    assert!(act(&mut app, Action::RequestQuit));
}

#[test]
fn tab_changes_the_chart_in_play_mode_too() {
    let mut app = App::new_play(support::balanced(), "A".to_string());
    act(&mut app, Action::Advance);
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(action_in(&app.scopes(), &tab), Some(Action::NextChart));
    let before = text(&app, 80, 24);
    act(&mut app, Action::NextChart);
    let after = text(&app, 80, 24);
    assert_ne!(before, after, "Tab shows another chart at 80x24");
    assert!(after.contains("Conversion"), "{after}");
}

#[test]
fn saves_after_n_keep_the_seed_in_use() {
    let dir = TempDir::new("work-seed");
    let mut app = balanced();
    act(&mut app, Action::ToggleStochastic);
    act(&mut app, Action::NextSeed);
    act(&mut app, Action::NextSeed);
    let sess = dir.join("s.session.toml");
    let csv = dir.join("run.csv");
    write_through_prompt(&mut app, Action::BeginSaveSession, &sess);
    write_through_prompt(&mut app, Action::BeginExport, &csv);
    let saved = session::load(&sess).unwrap();
    assert_eq!(saved.seed, 3);
    assert!(saved.stochastic);
    assert_eq!(replay(&sess), fs::read(&csv).unwrap(), "the run on screen");
    // The scenario file keeps it too.
    let toml = dir.join("s.toml");
    write_through_prompt(&mut app, Action::BeginSave, &toml);
    let back = scenario::load_file(&toml).unwrap();
    assert_eq!(back.config.seed, 3);
    assert!(back.config.stochastic);
}

#[test]
fn an_explore_session_keeps_predictions_and_goals() {
    let dir = TempDir::new("work-lesson");
    let mut app = lesson().with_player("Bo");
    act(&mut app, Action::NextStep);
    act(&mut app, Action::Choose(3)); // latency 4: over 25% more value, right
    act(&mut app, Action::NextStep); // the goal step opens unmet (reset)
    act(&mut app, Action::Select(ParamId::Capture as usize));
    act(&mut app, Action::Coarse(100));
    act(&mut app, Action::Select(ParamId::SalesShare as usize));
    act(&mut app, Action::Coarse(-2));
    assert_eq!(app.goal_met(), Some(true));
    act(&mut app, Action::Undo); // met once: the record keeps it
    assert_eq!(app.goal_met(), Some(false));
    let sess = dir.join("bo.session.toml");
    write_through_prompt(&mut app, Action::BeginSaveSession, &sess);
    let text = fs::read_to_string(&sess).unwrap();
    assert!(
        text.contains("[[predictions]]\nstep = 2\nchoice = 4\ncorrect = 4\nright = true"),
        "{text}"
    );
    assert!(text.contains("[[goals]]\nstep = 3\nmet = true"), "{text}");
    let saved = session::load(&sess).unwrap();
    assert_eq!(saved.predictions_right(), (1, 1));
    assert_eq!(saved.goals.len(), 1);
    assert!(saved.goals[0].met);
    // The replay is still the run on screen.
    let csv = dir.join("run.csv");
    write_through_prompt(&mut app, Action::BeginExport, &csv);
    assert_eq!(replay(&sess), fs::read(&csv).unwrap());
}

#[test]
fn a_goal_never_tried_is_not_recorded_and_a_wrong_answer_is() {
    let mut app = lesson();
    act(&mut app, Action::NextStep);
    act(&mut app, Action::Choose(0));
    let s = app.session();
    assert_eq!(s.predictions.len(), 1);
    assert_eq!(s.predictions[0].choice, 1);
    assert_eq!(s.predictions_right(), (0, 1));
    assert!(s.goals.is_empty(), "{:?}", s.goals);
}

/// The text of the screen's columns `x0..x1`, row by row, with every
/// whitespace removed (so wrapped text compares with the text as written).
fn column_text(app: &App, width: u16, height: u16, x0: u16, x1: u16) -> String {
    let buf = draw(app, width, height).buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        for x in x0..x1 {
            out.push_str(buf[(x, y)].symbol());
        }
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_lesson_step_fits_at_80x24_in_every_language() {
    use flywheel::i18n::{Lang, with_lang};
    for lang in Lang::ALL {
        with_lang(lang, || {
            for name in [
                "lesson-latency",
                "lesson-product-sales",
                "lesson-founder-scaleup",
            ] {
                let mut app = App::new(scenario::resolve(name).unwrap());
                let steps = app.scenario().lesson.steps.clone();
                for (i, step) in steps.iter().enumerate() {
                    let mut want = vec![step.text.current().to_string()];
                    if let Some(p) = &step.predict {
                        want.push(p.question.current().to_string());
                        want.extend(p.choices.current().iter().cloned());
                    }
                    if let Some(g) = &step.goal {
                        want.push(g.text.current().to_string());
                        want.extend(g.all.iter().map(|c| c.words()));
                    }
                    let check = |app: &App, want: &[String], when: &str| {
                        let left = column_text(app, 80, 24, 1, 39);
                        for w in want {
                            assert!(
                                left.contains(&squeeze(w)),
                                "{name} step {} ({lang:?}, {when}): `{w}` is cut at 80x24",
                                i + 1
                            );
                        }
                    };
                    let debrief = step.debrief.current().to_vec();
                    match &step.predict {
                        Some(p) => {
                            check(&app, &want, "asked");
                            // Answered: the debrief questions show as well.
                            act(&mut app, Action::Choose(p.choices.en().len() - 1));
                            want.extend(debrief);
                            check(&app, &want, "answered");
                        }
                        None => {
                            want.extend(debrief);
                            check(&app, &want, "shown");
                        }
                    }
                    act(&mut app, Action::NextStep);
                }
            }
        });
    }
}

#[test]
fn the_flywheel_view_shows_every_figure_whole_at_80x24() {
    let mut app = lesson();
    act(&mut app, Action::ToggleView);
    let right = column_text(&app, 80, 24, 41, 79);
    let row = app.series().rows.last().copied().unwrap();
    use flywheel::format::{money, number as si, people};
    for figure in [
        si(row.feedback_arrived),
        si(row.feedback_in_flight),
        si(row.insight),
        people(row.new_customers),
        people(row.leads),
        money(row.revenue),
        money(row.profit),
        money(row.cash),
        format!("{:.3}", row.strength),
    ] {
        assert!(
            right.contains(&squeeze(&figure)),
            "{figure} is cut:\n{right}"
        );
    }
    assert!(!right.contains('…'), "nothing cut: {right}");
}

#[test]
fn people_are_whole_and_the_lane_figure_is_in_full() {
    use flywheel::format::number as si;
    let mut app = balanced();
    act(&mut app, Action::CursorHome);
    for _ in 0..60 {
        act(&mut app, Action::CursorNext);
    }
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let screen = text(&app, w, h);
        let row = app.series().rows[60];
        let flight = format!("in flight {}", si(row.feedback_in_flight));
        assert!(
            screen.contains(&flight),
            "{w}x{h}: {flight} not whole:\n{screen}"
        );
        // Customers, new customers, reps and leads show no fraction of a person.
        for label in ["customers ", "new ", "leads org ", "reps "] {
            if let Some(at) = screen.find(label) {
                let value: String = screen[at + label.len()..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                if !value.ends_with('k') && !value.ends_with('M') {
                    assert!(!value.contains('.'), "{w}x{h}: {label}{value}");
                }
            }
        }
    }
}

#[test]
fn a_lesson_too_long_for_the_screen_says_so() {
    let long = "word ".repeat(400);
    let toml = format!("[[lesson.steps]]\ntitle = \"long\"\ntext = \"{long}\"\nunlock = []\n");
    let app = App::new(scenario::parse("long.toml", &toml).unwrap());
    let screen = text(&app, 80, 24);
    assert!(screen.contains("more lines: a taller terminal"), "{screen}");
    // At 120x60 it all fits.
    assert!(!text(&app, 120, 60).contains("more lines"));
}
