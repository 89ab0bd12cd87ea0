//! The scenario picker: embedded presets, then `*.toml` files in the scan
//! directories. An invalid file is listed with its first error, not hidden;
//! a saved session is listed as a session, and Enter replays it.

use std::collections::HashSet;
use std::path::Path;

use super::{App, Mode};
use crate::i18n::{tr, trf};
use crate::model::{loop_strengths, simulate, summarize};
use crate::play::session::{self, Kind, Session};
use crate::scenario::{self, Diagnostics, PRESETS, Scenario};
use crate::tui::action::Action;

/// One scenario the picker offers.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerEntry {
    /// The scenario's name (or the file name when it does not parse).
    pub name: String,
    /// Where it comes from: `preset` or a path.
    pub origin: String,
    /// The parsed scenario, or its first error.
    pub scenario: Result<Scenario, String>,
    /// The session, when the file is a saved session rather than a scenario.
    pub session: Option<Session>,
}

fn first_error(d: &Diagnostics) -> String {
    d.0.first()
        .map_or_else(|| tr("invalid scenario").into(), |d| d.headline())
}

/// Presets first, then the files of each directory in name order. A file
/// whose text is an embedded preset's is skipped (the preset is listed).
pub fn scan(dirs: &[impl AsRef<Path>]) -> Vec<PickerEntry> {
    let mut out: Vec<PickerEntry> = PRESETS
        .iter()
        .map(|p| PickerEntry {
            name: p.name.to_string(),
            origin: "preset".into(),
            scenario: scenario::parse(&format!("preset:{}", p.name), p.toml)
                .map_err(|d| first_error(&d)),
            session: None,
        })
        .collect();
    let mut seen = HashSet::new();
    for dir in dirs {
        let Ok(read) = std::fs::read_dir(dir.as_ref()) else {
            continue;
        };
        let mut paths: Vec<_> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
            .filter(|p| p.file_name().is_some_and(|n| n != "Cargo.toml"))
            .collect();
        paths.sort();
        for path in paths {
            let key = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !seen.insert(key) {
                continue;
            }
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let label = path.display().to_string();
            let entry = match std::fs::read_to_string(&path) {
                Err(e) => PickerEntry {
                    name: file_name.unwrap_or_default(),
                    origin: label.clone(),
                    scenario: Err(format!("{label}: {e}")),
                    session: None,
                },
                Ok(text) if PRESETS.iter().any(|p| p.toml == text) => continue,
                Ok(text) if session::is_session_text(&text) => session_entry(&label, &text),
                Ok(text) => {
                    let parsed = scenario::parse(&label, &text).map(|mut s| {
                        s.source = label.clone();
                        s
                    });
                    PickerEntry {
                        name: match &parsed {
                            Ok(s) => s.name.clone(),
                            Err(_) => file_name.unwrap_or_default(),
                        },
                        origin: label,
                        scenario: parsed.map_err(|d| first_error(&d)),
                        session: None,
                    }
                }
            };
            out.push(entry);
        }
    }
    out
}

/// A saved session's entry: named by its player and scenario, with the
/// scenario it embeds (or the session's first error).
fn session_entry(label: &str, text: &str) -> PickerEntry {
    let parsed = session::parse_session(label, text).and_then(|sess| {
        let s = sess.scenario(label)?;
        Ok((sess, s))
    });
    match parsed {
        Ok((sess, mut s)) => {
            s.source = label.to_string();
            let name = if sess.player.trim().is_empty() {
                s.name.clone()
            } else {
                format!("{} · {}", sess.player, s.name)
            };
            PickerEntry {
                name,
                origin: label.to_string(),
                scenario: Ok(s),
                session: Some(sess),
            }
        }
        Err(d) => PickerEntry {
            name: std::path::Path::new(label)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            origin: label.to_string(),
            scenario: Err(first_error(&d)),
            session: None,
        },
    }
}

impl App {
    /// Opens a saved session: its scenario, with the run the team played
    /// (decisions applied, later ones as events on the charts) against the
    /// scenario as loaded as the baseline, replayed from period 0.
    pub(crate) fn replay(&mut self, s: Scenario, sess: &Session) {
        self.load(s);
        let cfg = crate::play::game::config_with(
            &self.scenario,
            &sess.decisions,
            sess.kind == Kind::Play,
        );
        self.config = cfg;
        self.series = simulate(&self.config);
        self.summary = summarize(&self.series);
        self.loops = loop_strengths(&self.config, &self.series);
        self.log = sess.decisions.clone();
        if !sess.player.trim().is_empty() {
            self.player = sess.player.clone();
        }
        self.cursor = 0;
        self.playing = true;
    }

    /// Asks the runtime for the scenarios to offer; the picker opens when
    /// they arrive ([`App::scanned`]).
    pub(super) fn open_picker(&mut self) {
        self.emit(crate::tui::effect::Effect::Scan);
    }

    /// The scenarios the runtime found, or why it lists none (a class
    /// whose scenario the facilitator chose).
    pub(crate) fn scanned(&mut self, found: Result<Vec<PickerEntry>, String>) {
        let entries = match found {
            Ok(entries) => entries,
            Err(why) => {
                status!(self, info, why);
                return;
            }
        };
        if entries.is_empty() {
            status!(
                self,
                error,
                tr("no scenarios found (no presets, no *.toml in ./scenarios or here)",)
            );
            return;
        }
        self.mode = Mode::Picker {
            entries,
            selected: 0,
        };
    }

    pub(super) fn picker(&mut self, action: Action) {
        let Mode::Picker { entries, selected } = &mut self.mode else {
            return;
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(entries.len().saturating_sub(1)),
            Action::Select(i) => *selected = i.min(entries.len().saturating_sub(1)),
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => match entries
                .get(*selected)
                .map(|e| (e.scenario.clone(), e.session.clone()))
            {
                Some((Ok(s), Some(sess))) => {
                    let name = s.name.clone();
                    self.replay(s, &sess);
                    status!(
                        self,
                        info,
                        trf(
                            "replaying the session of {} on {}: the baseline is the scenario as loaded",
                            &[&sess.player, &name],
                        )
                    );
                }
                Some((Ok(s), None)) => {
                    let name = s.name.clone();
                    self.load(s);
                    status!(
                        self,
                        info,
                        trf("opened {}: its run as loaded is the baseline", &[&name],)
                    );
                }
                Some((Err(e), _)) => status!(self, error, trf("cannot open: {}", &[&e])),
                None => {}
            },
            _ => {}
        }
    }
}
