//! The app state driven by actions, with no terminal.

use std::fs;
use std::path::Path;

use flywheel::model::{PARAMS, ParamId};
use flywheel::scenario;
use flywheel::tui::{Action, App, FileKind, Mode};

use crate::support::TempDir;
use crate::support::tui::{act, balanced};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

fn clear_field(app: &mut App) {
    for _ in 0..300 {
        app.update(Action::Backspace);
    }
}

fn select(app: &mut App, id: ParamId) {
    app.update(Action::Select(id as usize));
    assert_eq!(PARAMS[app.selected()].id, id);
}

#[test]
fn up_and_down_select_parameters_within_the_table() {
    let mut app = balanced();
    assert_eq!(app.selected(), 0);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected(), 2);
    app.update(Action::Up);
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(app.selected(), 0);
    for _ in 0..100 {
        app.update(Action::Down);
    }
    assert_eq!(app.selected(), PARAMS.len() - 1);
}

#[test]
fn a_step_re_runs_the_model_and_keeps_the_baseline() {
    let mut app = balanced();
    let loaded = app.params()[ParamId::Latency];
    let before = app.summary().total_revenue;
    select(&mut app, ParamId::Latency);
    app.update(Action::Step(1));
    assert_eq!(app.params()[ParamId::Latency], loaded + 1.0);
    assert_eq!(app.changed(), vec![ParamId::Latency]);
    assert_ne!(app.summary().total_revenue, before, "the run must change");
    assert_eq!(
        flywheel::model::summarize(app.baseline()).total_revenue,
        before
    );
    assert_eq!(
        app.previous()
            .map(|p| flywheel::model::summarize(p).total_revenue),
        Some(before)
    );
    // A coarse step goes to the next multiple of the coarse step (5 -> 8).
    app.update(Action::Coarse(1));
    let coarse = PARAMS[ParamId::Latency as usize].coarse;
    assert_eq!(
        app.params()[ParamId::Latency],
        ((loaded + 1.0) / coarse).floor() * coarse + coarse
    );
    app.update(Action::Coarse(-100));
    assert_eq!(
        app.params()[ParamId::Latency],
        0.0,
        "clamped at the minimum"
    );
}

#[test]
fn fractional_steps_land_on_the_step_grid() {
    let mut app = balanced();
    select(&mut app, ParamId::Imitation);
    let v = app.params()[ParamId::Imitation];
    app.update(Action::Step(3));
    let want = ((v / 0.005).floor() + 3.0) * 0.005;
    assert!((app.params()[ParamId::Imitation] - want).abs() < 1e-12);
    assert!(
        format!("{}", app.params()[ParamId::Imitation]).len() <= 6,
        "no float noise"
    );
}

#[test]
fn reset_one_and_reset_all_restore_loaded_values() {
    let mut app = balanced();
    let loaded = *app.params();
    select(&mut app, ParamId::Price);
    app.update(Action::Step(2));
    select(&mut app, ParamId::WinRate);
    app.update(Action::Step(-2));
    assert_eq!(app.changed().len(), 2);
    app.update(Action::ResetOne);
    assert_eq!(app.changed(), vec![ParamId::Price]);
    app.update(Action::ResetAll);
    assert!(app.changed().is_empty());
    assert_eq!(*app.params(), loaded);
}

#[test]
fn undo_is_a_stack() {
    let mut app = balanced();
    let loaded = *app.params();
    select(&mut app, ParamId::Price);
    app.update(Action::Step(1));
    let after_one = *app.params();
    app.update(Action::Step(1));
    assert_eq!(app.undo_depth(), 2);
    app.update(Action::Undo);
    assert_eq!(*app.params(), after_one);
    app.update(Action::Undo);
    assert_eq!(*app.params(), loaded);
    app.update(Action::Undo);
    assert_eq!(app.status().map(|s| s.text()), Some("nothing to undo"));
}

#[test]
fn cross_field_rules_refuse_a_step() {
    let mut app = balanced();
    select(&mut app, ParamId::SalesShare);
    app.update(Action::Coarse(100));
    let p = app.params();
    assert!(p[ParamId::RdShare] + p[ParamId::SalesShare] <= 1.0 + 1e-12);
    assert!(
        app.status()
            .is_some_and(|s| s.error && s.text().contains("at most 1"))
    );
}

#[test]
fn pin_baseline_makes_the_current_run_the_ghost() {
    let mut app = balanced();
    select(&mut app, ParamId::Capture);
    app.update(Action::Step(-3));
    assert_ne!(app.baseline(), app.series());
    app.update(Action::PinBaseline);
    assert_eq!(app.baseline(), app.series());
    app.update(Action::Step(1));
    assert_ne!(app.baseline(), app.series());
}

#[test]
fn the_time_cursor_stays_inside_the_horizon() {
    let mut app = balanced();
    let horizon = app.series().horizon();
    assert_eq!(app.cursor(), horizon);
    app.update(Action::CursorNext);
    assert_eq!(app.cursor(), horizon);
    app.update(Action::CursorHome);
    assert_eq!(app.cursor(), 0);
    app.update(Action::CursorPrev);
    assert_eq!(app.cursor(), 0);
    app.update(Action::CursorNext);
    app.update(Action::CursorNext);
    assert_eq!(app.cursor(), 2);
    app.update(Action::CursorEnd);
    assert_eq!(app.cursor(), horizon);
}

#[test]
fn space_plays_ticks_advance_and_space_pauses() {
    let mut app = balanced();
    assert_eq!(app.tick_interval(), None, "idle: no timer");
    app.update(Action::TogglePlay);
    assert!(app.is_playing() && app.is_revealing());
    assert_eq!(app.cursor(), 0);
    assert!(app.tick_interval().is_some());
    for _ in 0..3 {
        app.update(Action::Tick);
    }
    assert_eq!(app.cursor(), 3);
    app.update(Action::TogglePlay);
    assert!(!app.is_playing());
    app.update(Action::Tick);
    assert_eq!(app.cursor(), 3, "paused: ticks do nothing");
    let speed = app.speed();
    app.update(Action::Faster);
    assert!(app.speed() > speed);
    app.update(Action::TogglePlay);
    assert_eq!(app.cursor(), 3, "resumes where it paused");
    for _ in 0..1000 {
        app.update(Action::Tick);
    }
    assert_eq!(app.cursor(), app.series().horizon());
    assert!(
        !app.is_playing() && !app.is_revealing(),
        "stops at the end, curves whole"
    );
}

#[test]
fn typing_a_value_is_validated_with_the_range() {
    let mut app = balanced();
    select(&mut app, ParamId::Latency);
    app.update(Action::BeginEdit);
    type_text(&mut app, "-1");
    app.update(Action::Submit);
    match app.mode() {
        Mode::Editing { error: Some(e), .. } => {
            assert!(e.contains("Feedback latency must be 0–1000"), "{e}")
        }
        m => panic!("expected an error, got {m:?}"),
    }
    clear_field(&mut app);
    type_text(&mut app, "abc");
    app.update(Action::Submit);
    assert!(
        matches!(app.mode(), Mode::Editing { error: Some(e), .. } if e.contains("not a number"))
    );
    clear_field(&mut app);
    type_text(&mut app, "12");
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.params()[ParamId::Latency], 12.0);

    select(&mut app, ParamId::RdShare);
    app.update(Action::BeginEdit);
    type_text(&mut app, "0.95");
    app.update(Action::Submit);
    assert!(matches!(app.mode(), Mode::Editing { error: Some(e), .. } if e.contains("at most 1")));
    app.update(Action::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_ne!(app.params()[ParamId::RdShare], 0.95);
}

fn save_to(app: &mut App, path: &Path) {
    act(app, Action::BeginSave);
    assert!(
        matches!(app.mode(), Mode::Prompt { kind: FileKind::Scenario, buffer, .. } if buffer == "balanced.toml")
    );
    clear_field(app);
    type_text(app, &path.display().to_string());
    act(app, Action::Submit);
}

#[test]
fn save_writes_a_scenario_that_loads_back_and_never_overwrites_silently() {
    let dir = TempDir::new("tui-save");
    let path = dir.join("mine.toml");
    let mut app = balanced();
    select(&mut app, ParamId::Latency);
    act(&mut app, Action::Coarse(2));
    save_to(&mut app, &path);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(
        app.status()
            .is_some_and(|s| !s.error && s.text().contains("mine.toml"))
    );
    let back = scenario::load_file(&path).expect("the saved file loads");
    assert_eq!(back.config.params, *app.params());
    let first = fs::read_to_string(&path).unwrap();

    // Same path again: asked, and "no" keeps the file.
    act(&mut app, Action::Step(1));
    save_to(&mut app, &path);
    assert!(matches!(app.mode(), Mode::Confirm { .. }));
    act(&mut app, Action::No);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(fs::read_to_string(&path).unwrap(), first);

    // And "yes" overwrites it.
    save_to(&mut app, &path);
    act(&mut app, Action::Yes);
    assert_eq!(*app.mode(), Mode::Normal);
    let back = scenario::load_file(&path).unwrap();
    assert_eq!(back.config.params, *app.params());
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_failed_save_reports_the_error_and_loses_nothing() {
    let dir = TempDir::new("tui-fail");
    let blocker = dir.join("not-a-dir");
    fs::write(&blocker, "a regular file").unwrap();
    let mut app = balanced();
    select(&mut app, ParamId::Price);
    act(&mut app, Action::Step(1));
    let params = *app.params();
    for bad in [blocker.join("x.toml"), dir.join("missing").join("x.toml")] {
        save_to(&mut app, &bad);
        match app.mode() {
            Mode::Prompt {
                buffer,
                error: Some(e),
                ..
            } => {
                assert_eq!(buffer, &bad.display().to_string(), "the typed path is kept");
                assert!(e.contains("could not write"), "{e}");
            }
            m => panic!("expected the prompt with an error, got {m:?}"),
        }
        assert!(app.status().is_some_and(|s| s.error));
        assert_eq!(*app.params(), params, "the parameters are kept");
        assert_eq!(app.undo_depth(), 1);
        act(&mut app, Action::Cancel);
    }
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "a regular file");
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing else written"
    );
}

#[test]
fn export_writes_the_run_as_csv_with_the_contract_columns() {
    let dir = TempDir::new("tui-export");
    let path = dir.join("run.csv");
    let mut app = balanced();
    select(&mut app, ParamId::Latency);
    act(&mut app, Action::Step(1));
    act(&mut app, Action::BeginExport);
    assert!(
        matches!(app.mode(), Mode::Prompt { kind: FileKind::Csv, buffer, .. } if buffer == "balanced-run.csv")
    );
    clear_field(&mut app);
    type_text(&mut app, &path.display().to_string());
    act(&mut app, Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    let text = fs::read_to_string(&path).unwrap();
    let mut want = Vec::new();
    flywheel::report::csv::write(app.series(), &mut want).unwrap();
    assert_eq!(text.as_bytes(), want.as_slice());
    assert!(text.starts_with("period,potential,customers,"));
    assert_eq!(text.lines().count(), app.series().rows.len() + 1);
    // Exporting again asks first.
    act(&mut app, Action::BeginExport);
    clear_field(&mut app);
    type_text(&mut app, &path.display().to_string());
    act(&mut app, Action::Submit);
    assert!(matches!(
        app.mode(),
        Mode::Confirm {
            kind: FileKind::Csv,
            ..
        }
    ));
    act(&mut app, Action::Cancel);
}

#[test]
fn the_picker_lists_presets_then_files_and_shows_invalid_ones() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/picker");
    let mut app = balanced();
    crate::support::tui::act_in(&[&fixtures], &mut app, Action::OpenPicker);
    let Mode::Picker { entries, .. } = app.mode().clone() else {
        panic!("picker not open")
    };
    assert_eq!(entries[0].name, "balanced");
    assert_eq!(entries.len(), scenario::PRESETS.len() + 2);
    let broken = entries
        .iter()
        .position(|e| e.origin.ends_with("broken.toml"))
        .unwrap();
    let err = entries[broken].scenario.as_ref().unwrap_err();
    assert!(err.contains("broken.toml:5:1"), "{err}");
    let demo = entries.iter().position(|e| e.name == "飞轮演示").unwrap();

    for _ in 0..broken {
        app.update(Action::Down);
    }
    app.update(Action::Submit);
    assert!(
        matches!(app.mode(), Mode::Picker { .. }),
        "an invalid file does not close the picker"
    );
    assert!(app.status().is_some_and(|s| s.error));

    app.update(Action::Select(demo));
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.scenario().name, "飞轮演示");
    assert_eq!(app.params()[ParamId::Latency], 12.0);
    assert_eq!(app.baseline(), app.series());
    assert_eq!(app.undo_depth(), 0);
}

#[test]
fn help_opens_and_closes_and_quit_quits() {
    let mut app = balanced();
    app.update(Action::Help);
    assert_eq!(*app.mode(), Mode::Help);
    app.update(Action::Step(1));
    assert!(
        app.changed().is_empty(),
        "keys of the main screen do nothing under help"
    );
    app.update(Action::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(
        app.update(Action::Quit)
            .iter()
            .any(|e| matches!(e, flywheel::tui::Effect::Quit))
    );
}

#[test]
fn the_mouse_selects_and_adjusts_the_parameter_under_it() {
    use flywheel::tui::mouse_action;
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    let mut app = balanced();
    let area = Rect::new(0, 0, 120, 40);
    let areas = flywheel::tui::view::layout(area, &app).unwrap();
    let at = |kind, row| MouseEvent {
        kind,
        column: areas.params.x + 5,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Row 0 inside the border is the "Market" heading; row 2 is the second parameter.
    let row = areas.params.y + 3;
    let click = mouse_action(
        &app,
        area,
        &at(MouseEventKind::Down(MouseButton::Left), row),
    );
    assert_eq!(click, Some(Action::Select(1)));
    app.update(click.unwrap());
    let heading = mouse_action(
        &app,
        area,
        &at(MouseEventKind::Down(MouseButton::Left), areas.params.y + 1),
    );
    assert_eq!(heading, None);
    let wheel = mouse_action(&app, area, &at(MouseEventKind::ScrollUp, row)).unwrap();
    app.update(wheel);
    assert_eq!(app.changed(), vec![PARAMS[1].id]);
}

#[test]
fn the_picker_lists_a_session_as_a_session_and_enter_replays_it() {
    let dir = TempDir::new("tui-picker-session");
    let session = crate::support::team_profit_session();
    fs::write(dir.join("team.session.toml"), session.to_toml()).unwrap();
    let mut app = balanced();
    let loaded_revenue = app.summary().total_revenue;
    crate::support::tui::act_in(&[&dir], &mut app, Action::OpenPicker);
    let Mode::Picker { entries, .. } = app.mode().clone() else {
        panic!("picker not open")
    };
    let i = entries
        .iter()
        .position(|e| e.origin.ends_with("team.session.toml"))
        .expect("the session is listed");
    let e = &entries[i];
    assert!(e.session.is_some(), "listed as a session");
    assert!(
        e.scenario.is_ok(),
        "not an invalid scenario: {:?}",
        e.scenario
    );
    assert!(e.name.contains("Team Profit"), "{}", e.name);
    let screen = crate::support::tui::text(&app, 120, 40);
    assert!(screen.contains("session: 2 decisions"), "{screen}");

    app.update(Action::Select(i));
    app.update(Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal);
    // The team's run, replayed from the start, against the scenario as loaded.
    assert_eq!(app.params()[ParamId::Price], 117.0);
    assert_ne!(app.summary().total_revenue, loaded_revenue);
    assert_eq!(app.loaded_summary().total_revenue, loaded_revenue);
    assert_eq!(app.player(), "Team Profit");
    assert!(app.is_playing() && app.cursor() == 0);
}
