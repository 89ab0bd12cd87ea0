//! Uncertainty and levers in the TUI: the stochastic toggle, Monte Carlo
//! bands (computed off the UI thread and discarded when stale), the tornado
//! view, and live reload of the scenario file.

use std::path::PathBuf;

use super::{App, Mode};
use crate::analysis::montecarlo::MonteCarlo;
use crate::analysis::sensitivity;
use crate::i18n::{tr, trf};
use crate::model::{Config, metric};
use crate::tui::msg::Msg;

/// How many stochastic runs feed the bands in the TUI.
pub const BAND_RUNS: usize = 200;
/// How far each parameter moves in the tornado view.
pub const TORNADO_DELTA: f64 = 0.2;

impl App {
    /// The bands for the current parameters, if they have arrived.
    pub fn bands(&self) -> Option<&MonteCarlo> {
        if self.bands_on {
            self.bands.as_ref()
        } else {
            None
        }
    }

    /// Whether bands are switched on (they may still be computing).
    pub fn bands_on(&self) -> bool {
        self.bands_on
    }

    /// A Monte Carlo the app is waiting for: the parameter generation and the
    /// configuration to run. The event loop hands it to a worker thread.
    pub fn band_request(&self) -> Option<(u64, Config)> {
        (self.bands_on && self.bands.is_none()).then(|| (self.generation, self.run_config()))
    }

    /// The file to watch for live reload: the scenario's path, if it came from a file.
    pub fn watch_path(&self) -> Option<PathBuf> {
        let p = PathBuf::from(&self.scenario.source);
        (!self.scenario.source.starts_with("preset:") && p.is_file()).then_some(p)
    }

    /// The last reload's error, shown as a banner until the file is fixed.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }

    /// Applies a message from the runtime (a job's result, a file written,
    /// the host's news). Like [`App::update`], a pure state change; what it
    /// needs next comes back as effects.
    pub fn receive(&mut self, msg: Msg) -> Vec<crate::tui::effect::Effect> {
        self.take(msg);
        self.effects()
    }

    fn take(&mut self, msg: Msg) {
        match msg {
            Msg::Bands { generation, bands } => {
                // A result for parameters that have changed since is stale.
                if generation == self.generation && self.bands_on {
                    self.bands = Some(*bands);
                }
            }
            Msg::FileChanged(Ok(scenario)) => {
                if self.program.play().is_some() {
                    // A game in progress is never changed under the players.
                    self.reload_error = None;
                    status!(
                        self,
                        info,
                        tr(
                            "the scenario file changed on disk; this game goes on with the version it started with"
                        )
                    );
                    return;
                }
                // The user's own changes survive the reload, on top of the new file.
                let mine: Vec<_> = self
                    .changed()
                    .into_iter()
                    .map(|id| (id, self.config.params[id]))
                    .collect();
                let log = std::mem::take(&mut self.log);
                let (selected, cursor, bands_on) = (self.selected, self.cursor, self.bands_on);
                self.load(*scenario);
                self.selected = selected;
                self.cursor = cursor.min(self.series.horizon());
                self.bands_on = bands_on;
                self.log = log;
                self.reload_error = None;
                let mut p = self.config.params;
                for (id, v) in &mine {
                    p[*id] = *v;
                }
                if !mine.is_empty() && p.cross_field_errors().is_empty() {
                    self.set_params(p);
                    status!(
                        self,
                        info,
                        trf(
                            "reloaded {} from disk; your {} changes kept",
                            &[&self.scenario.source, &mine.len()],
                        )
                    );
                } else {
                    status!(
                        self,
                        info,
                        trf("reloaded {} from disk", &[&self.scenario.source])
                    );
                }
            }
            Msg::BestProgress { id, share } => self.best_progress(id, share),
            Msg::Best { id, result } => self.best_found(id, result),
            Msg::RefitProgress { id, refits } => self.refit_progress(id, refits),
            Msg::Refit { id, result } => self.refit_found(id, result),
            Msg::Written { kind, path, result } => self.write_done(kind, &path, result),
            Msg::Scanned(found) => self.scanned(found),
            Msg::News(text) => self.show_news(text),
            Msg::Notice { text, bad } => self.status = Some(super::Status::worded(bad, text)),
            Msg::NextStep => self.next_lesson_step(),
            Msg::EndGame => {
                self.finish_game();
            }
            Msg::Saved => self.mark_saved(),
            Msg::Gate(gate) => self.gate = gate,
            Msg::FileChanged(Err(d)) => {
                let first = d.0.first().map(|e| e.headline()).unwrap_or_default();
                self.status = None;
                self.reload_error = Some(trf(
                    "the file on disk is invalid; showing the last good version: {}",
                    &[&first],
                ));
            }
        }
    }

    /// Marks the current parameters as new: bands must be recomputed.
    pub(super) fn invalidate(&mut self) {
        self.generation += 1;
        self.bands = None;
    }

    pub(super) fn toggle_bands(&mut self) {
        self.bands_on = !self.bands_on;
        self.bands = None;
        if self.bands_on {
            status!(
                self,
                info,
                trf(
                    "Monte Carlo bands: {} stochastic runs, shaded 5-95% and 25-75%",
                    &[&BAND_RUNS],
                )
            );
        } else {
            status!(self, info, tr("bands off"));
        }
    }

    pub(super) fn toggle_stochastic(&mut self) {
        self.config.stochastic = !self.config.stochastic;
        let p = self.config.params;
        self.set_params(p);
        status!(
            self,
            info,
            if self.config.stochastic {
                trf(
                    "stochastic: flows drawn on whole people (seed {})",
                    &[&self.config.seed],
                )
            } else {
                tr("deterministic: expected flows").to_string()
            }
        );
    }

    pub(super) fn next_seed(&mut self) {
        self.config.seed = self.config.seed.wrapping_add(1);
        let p = self.config.params;
        self.set_params(p);
        status!(self, info, trf("seed {}", &[&self.config.seed]));
    }

    pub(super) fn open_tornado(&mut self) {
        let Some(m) = metric("total_revenue") else {
            return;
        };
        let levers = sensitivity::levers(&self.scenario);
        let tornado = sensitivity::run_over(&self.run_config(), m, TORNADO_DELTA, &levers, &|_| {});
        self.mode = Mode::Tornado {
            tornado: Box::new(tornado),
        };
    }
}
