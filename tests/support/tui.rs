//! The simulator drawn with no terminal: an [`App`] rendered into ratatui's
//! `TestBackend`, and the prompts driven by actions.

use std::path::Path;

use flywheel::tui::host::Local;
use flywheel::tui::{Action, App, Mode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The simulator on the `balanced` preset, as `flywheel` opens it.
pub fn balanced() -> App {
    App::new(super::balanced())
}

/// The simulator on the `lesson-latency` lesson, at its first step.
pub fn lesson() -> App {
    App::new(super::scenario("lesson-latency"))
}

/// `lesson-latency` in play mode for "Team A", at its first turn.
pub fn play() -> App {
    App::new_play(super::scenario("lesson-latency"), "Team A")
}

/// The app drawn at `width` x `height`: the cells, their symbols and styles.
pub fn draw(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().clone()
}

/// The app drawn at `width` x `height`, as text (each row quoted, as in the
/// snapshots).
pub fn text(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).to_string()
}

/// Opens a file prompt with `begin`, replaces the suggested name with `path`
/// and submits it: the app must be back to normal (written, no question).
pub fn write_through_prompt(app: &mut App, begin: Action, path: &Path) {
    let mut host = Local::blocking();
    host.act(app, begin);
    assert!(
        matches!(app.mode(), Mode::Prompt { .. }),
        "{:?}",
        app.mode()
    );
    for _ in 0..300 {
        host.act(app, Action::Backspace);
    }
    for c in path.display().to_string().chars() {
        host.act(app, Action::Input(c));
    }
    host.act(app, Action::Submit);
    assert_eq!(*app.mode(), Mode::Normal, "{:?}", app.status());
}

/// Applies an action as the terminal does: its effects performed (files
/// written, the picker's `dirs` scanned, jobs run to their end). True when
/// the app asked to quit.
pub fn act_in(dirs: &[&Path], app: &mut App, action: Action) -> bool {
    Local::blocking()
        .with_scan_dirs(dirs.iter().map(|d| d.to_path_buf()).collect())
        .act(app, action)
}

/// [`act_in`] with a picker that finds only the presets.
pub fn act(app: &mut App, action: Action) -> bool {
    act_in(&[], app, action)
}

/// The screen's rows as text, each wide character once.
pub fn rows(backend: &TestBackend) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                x += sym.width().max(1) as u16;
            }
            row
        })
        .collect()
}
