//! Saving the scenario and exporting the run: a prompt for the path, a
//! question before any overwrite, and atomic writes through
//! [`safe_write`](crate::safe_write), so a failure loses nothing.

use std::path::{Path, PathBuf};

use super::{App, Mode};
use crate::i18n::{tr, trf};
use crate::play::session::{GoalRecord, Kind, PredictionRecord, Session};
use crate::report;
use crate::safe_write::Overwrite;
use crate::scenario;
use crate::tui::action::Action;
use crate::tui::effect::{Content, Effect, FileWrite, WriteError};

/// What a file prompt writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The current parameters as a scenario TOML file.
    Scenario,
    /// The current run as CSV.
    Csv,
    /// The session (scenario, seed, every decision) for `flywheel replay`.
    Session,
}

impl FileKind {
    /// The prompt's question.
    pub fn question(self) -> &'static str {
        match self {
            FileKind::Scenario => tr("Save scenario as"),
            FileKind::Csv => tr("Export run (CSV) to"),
            FileKind::Session => tr("Save session as"),
        }
    }

    fn done(self) -> &'static str {
        match self {
            FileKind::Scenario => tr("saved scenario to"),
            FileKind::Csv => tr("exported run to"),
            FileKind::Session => tr("saved session to"),
        }
    }
}

/// A file-name-safe form of a scenario name (letters, digits, `-`, `_`).
fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem.to_string()
    }
}

impl App {
    pub(super) fn begin_prompt(&mut self, kind: FileKind) {
        let stem = file_stem(&self.scenario.name);
        let buffer = match kind {
            FileKind::Scenario => format!("{stem}.toml"),
            FileKind::Csv => format!("{stem}-run.csv"),
            FileKind::Session => {
                let who = file_stem(&self.player);
                let who = if self.player.trim().is_empty() {
                    if self.program.play().is_some() {
                        "play"
                    } else {
                        "explore"
                    }
                } else {
                    &who
                };
                format!("{stem}-{who}.session.toml")
            }
        };
        self.mode = Mode::Prompt {
            kind,
            buffer,
            error: None,
        };
    }

    pub(super) fn prompt(&mut self, action: Action) {
        let Mode::Prompt {
            kind,
            buffer,
            error,
        } = &mut self.mode
        else {
            return;
        };
        match action {
            Action::Input(c) => buffer.push(c),
            Action::Backspace => {
                buffer.pop();
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                status!(self, info, tr("nothing written"));
            }
            Action::Submit => {
                let text = buffer.trim();
                if text.is_empty() {
                    *error = Some(tr("type a file name").into());
                    return;
                }
                let (kind, path) = (*kind, PathBuf::from(text));
                self.write_file(kind, path, Overwrite::Refuse);
            }
            _ => {}
        }
    }

    pub(super) fn confirm(&mut self, action: Action) {
        let Mode::Confirm { kind, path } = &self.mode else {
            return;
        };
        let (kind, path) = (*kind, path.clone());
        match action {
            Action::Yes => self.write_file(kind, path, Overwrite::Allow),
            Action::No | Action::Cancel => {
                self.mode = Mode::Normal;
                status!(
                    self,
                    info,
                    trf("not written: {} already exists", &[&path.display()])
                );
            }
            _ => {}
        }
    }

    /// How the write the app asked for went (`path`: where it went).
    pub(crate) fn write_done(
        &mut self,
        kind: FileKind,
        path: &Path,
        result: Result<(), WriteError>,
    ) {
        match result {
            Ok(()) => self.written(kind, path),
            Err(WriteError::Exists) => {
                self.mode = Mode::Confirm {
                    kind,
                    path: path.to_path_buf(),
                }
            }
            Err(WriteError::Refused(why)) => {
                self.mode = Mode::Normal;
                status!(self, error, why);
            }
            Err(WriteError::Failed(e)) => self.write_failed(kind, path, &e),
        }
    }

    fn written(&mut self, kind: FileKind, path: &Path) {
        self.mode = Mode::Normal;
        if kind != FileKind::Csv {
            self.saved = self.work();
        }
        status!(self, info, format!("{} {}", kind.done(), path.display()));
    }

    /// Keeps the prompt open with the typed path, so nothing is lost.
    fn write_failed(&mut self, kind: FileKind, path: &Path, e: &str) {
        let msg = trf("could not write {}: {}", &[&path.display(), &e]);
        self.mode = Mode::Prompt {
            kind,
            buffer: path.display().to_string(),
            error: Some(msg.clone()),
        };
        status!(self, error, msg);
    }

    /// The scenario as it stands now: loaded texts and events, current parameters.
    pub fn current_scenario(&self) -> scenario::Scenario {
        let mut s = self.scenario.clone();
        s.config.params = self.config.params;
        s.config.stochastic = self.config.stochastic;
        s.config.seed = self.config.seed;
        s
    }

    /// The session so far: in play the decisions committed each turn, in
    /// explore every parameter change as a whole-run decision, with the
    /// scenario's text as loaded.
    pub fn session(&self) -> Session {
        match self.program.play() {
            Some(p) => Session {
                kind: Kind::Play,
                player: p.player.clone(),
                scenario_toml: scenario::write::to_toml(&p.game.scenario),
                seed: p.game.scenario.config.seed,
                stochastic: p.game.scenario.config.stochastic,
                decisions: p.game.decisions.clone(),
                two_seats: p.seats.split,
                messages: p.seats.messages.clone(),
                ..Session::default()
            },
            None => Session {
                kind: Kind::Explore,
                player: self.player.clone(),
                scenario_toml: scenario::write::to_toml(&self.scenario),
                seed: self.config.seed,
                stochastic: self.config.stochastic,
                decisions: self.log.clone(),
                predictions: self.prediction_records(),
                goals: self.goal_records(),
                ..Session::default()
            },
        }
    }

    /// The lesson's answered predictions, for the session file.
    fn prediction_records(&self) -> Vec<PredictionRecord> {
        let Some(l) = self.program.lesson() else {
            return Vec::new();
        };
        l.answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                a.map(|a| PredictionRecord {
                    step: i + 1,
                    choice: a.choice + 1,
                    correct: a.correct.map(|c| c + 1),
                })
            })
            .collect()
    }

    /// The lesson's goals tried so far (the current step's as it stands now).
    fn goal_records(&self) -> Vec<GoalRecord> {
        let Some(l) = self.program.lesson() else {
            return Vec::new();
        };
        let now = self.goal_met();
        l.goals
            .iter()
            .enumerate()
            .filter_map(|(i, g)| {
                let live = if i == l.step { now } else { None };
                let met = match (*g, live) {
                    (None, None) => return None,
                    (a, b) => a.unwrap_or(false) || b.unwrap_or(false),
                };
                Some(GoalRecord { step: i + 1, met })
            })
            .collect()
    }

    /// The run an export writes: the current run, or in play the past (the
    /// whole run once the game is over).
    pub fn exported_run(&self) -> &crate::model::Series {
        match self.program.play() {
            Some(p) => p.run(),
            None => &self.series,
        }
    }

    /// Asks the runtime to write the file; until it answers
    /// ([`App::write_done`]) the prompt stays as it is.
    fn write_file(&mut self, kind: FileKind, path: PathBuf, overwrite: Overwrite) {
        let content = match kind {
            FileKind::Session => Content::Text(self.session().to_toml()),
            FileKind::Scenario => Content::Scenario(Box::new(self.current_scenario())),
            FileKind::Csv => {
                let mut bytes = Vec::new();
                if let Err(e) = report::csv::write(self.exported_run(), &mut bytes) {
                    self.write_failed(kind, &path, &e.to_string());
                    return;
                }
                Content::Text(String::from_utf8_lossy(&bytes).into_owned())
            }
        };
        self.emit(Effect::Write(FileWrite {
            kind,
            path,
            overwrite,
            content,
        }));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stems_are_file_safe() {
        assert_eq!(super::file_stem("My plan/v2"), "My-plan-v2");
        assert_eq!(super::file_stem("飞轮"), "飞轮");
        assert_eq!(super::file_stem("  "), "scenario");
    }
}
