//! `flywheel tui` and `flywheel play` (and no command at all): the
//! interactive simulator on the local terminal.

use std::io;

use super::Failure;
use crate::scenario;

/// `flywheel` with no command: the simulator on the default preset.
pub(super) fn default() -> Result<(), Failure> {
    let s = scenario::resolve(scenario::presets::DEFAULT_PRESET)?;
    open_tui(crate::tui::App::new(s))
}

/// `flywheel tui`.
pub(super) fn tui(
    scenario: String,
    set: Vec<String>,
    player: String,
    today: super::today::Today,
) -> Result<(), Failure> {
    let mut past = scenario::resolve(&scenario)?;
    scenario::apply_set(&mut past, &super::today::settings_only(&set))?;
    let mut s = past.clone();
    scenario::apply_set(&mut s, &set)?;
    let history = today.history(&past)?;
    let placed = today.place(&past, history.as_ref())?;
    let mut app = crate::tui::App::new(s).with_player(player);
    if let Some(h) = history {
        app = app.with_actuals(h);
    }
    if let Some((past, _)) = placed {
        app = app.with_today(past.config);
    }
    open_tui(app)
}

/// `flywheel play`.
pub(super) fn play(scenario: String, player: String, set: Vec<String>) -> Result<(), Failure> {
    let mut s = scenario::resolve(&scenario)?;
    scenario::apply_set(&mut s, &set)?;
    open_tui(crate::tui::App::new_play(s, player))
}

fn open_tui(app: crate::tui::App) -> Result<(), Failure> {
    crate::tui::run_app(app).map_err(|e| Failure::Io(io::Error::other(format!("{e:#}"))))
}
