//! Snapshots of the screen in a `TestBackend` at 120x40 and 80x24.

use flywheel::model::ParamId;
use flywheel::scenario;
use flywheel::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn balanced() -> App {
    App::new(scenario::resolve("balanced").expect("the balanced preset loads"))
        .with_scan_dirs(vec!["tests/fixtures/picker".into()])
}

fn screen(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().clone()
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
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
    app.update(Action::OpenPicker);
    for _ in 0..scenario::PRESETS.len() {
        app.update(Action::Down);
    }
    both_sizes("picker", &app);
}

#[test]
fn too_small() {
    insta::assert_snapshot!("too_small_59x24", screen(&balanced(), 59, 24));
    insta::assert_snapshot!("too_small_80x19", screen(&balanced(), 80, 19));
}
