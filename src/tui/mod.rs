//! The interactive simulator: move a parameter and watch the flywheel re-run
//! at once, against a baseline.
//!
//! Shape: [`App`] holds all state and changes only in [`App::update`] from an
//! [`Action`]; [`keymap`] turns keys into actions (and feeds the help
//! overlay); the view is `impl Widget for &App`. [`run`] owns the terminal.

pub mod action;
pub mod app;
pub mod format;
pub mod keymap;
pub mod view;

use std::io::stdout;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEvent, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::{Position, Rect};

pub use action::Action;
pub use app::{App, FileKind, Mode, PickerEntry, Status};

use crate::scenario::Scenario;

/// Restores the terminal (mouse capture, raw mode, alternate screen) when
/// dropped: on quit, on an error returned with `?`, and while unwinding from
/// a panic (ratatui's panic hook restores raw mode and the screen first).
struct TerminalGuard;

impl TerminalGuard {
    fn new() -> (Self, DefaultTerminal) {
        // Runs before ratatui's own hook (installed by init, chained after
        // this one), so a panic also turns mouse reporting off.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            hook(info);
        }));
        let terminal = ratatui::init();
        let _ = execute!(stdout(), EnableMouseCapture);
        (TerminalGuard, terminal)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Opens the interactive simulator on a scenario and runs until the user quits.
/// The terminal is restored on quit, on error and on panic.
pub fn run(scenario: Scenario) -> anyhow::Result<()> {
    let mut app = App::new(scenario);
    let (_guard, mut terminal) = TerminalGuard::new();
    event_loop(&mut app, &mut terminal)
}

/// Draws, then blocks on the next event; polls with a timeout only while the
/// animation plays, so an idle screen costs no CPU.
fn event_loop(app: &mut App, terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    while !app.should_quit() {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let ev = match app.tick_interval() {
            Some(wait) => {
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    app.update(Action::Tick);
                    None
                }
            }
            None => Some(event::read()?),
        };
        let size = terminal.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        let action = match ev {
            Some(Event::Key(key)) => key_action(app, &key),
            Some(Event::Mouse(m)) => mouse_action(app, area, &m),
            _ => None, // a resize simply redraws
        };
        if let Some(action) = action {
            app.update(action);
        }
    }
    Ok(())
}

/// The action a key press asks for in the current mode.
pub fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    keymap::action_for(app.mode().scope(), key)
}

/// The action a mouse event asks for on a screen of `area`: a click selects
/// the parameter under it, the wheel adjusts it; the wheel over a chart moves
/// the time cursor.
pub fn mouse_action(app: &App, area: Rect, m: &MouseEvent) -> Option<Action> {
    if *app.mode() != Mode::Normal {
        return None;
    }
    let areas = view::layout(area, app)?;
    let here = view::param_at(&areas, app, m.column, m.row);
    let pos = Position::new(m.column, m.row);
    let on_chart = areas.charts.iter().flatten().any(|r| r.contains(pos));
    match (m.kind, here) {
        (MouseEventKind::Down(_), Some(i)) => Some(Action::Select(i)),
        (MouseEventKind::ScrollUp, Some(i)) => Some(Action::StepParam(i, 1)),
        (MouseEventKind::ScrollDown, Some(i)) => Some(Action::StepParam(i, -1)),
        (MouseEventKind::ScrollUp, None) if on_chart => Some(Action::CursorNext),
        (MouseEventKind::ScrollDown, None) if on_chart => Some(Action::CursorPrev),
        _ => None,
    }
}
