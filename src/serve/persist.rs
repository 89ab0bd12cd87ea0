//! Every team's files in the class directory: the session after each
//! decision, the progress beside it, and picking them all up after a restart.

use std::path::{Path, PathBuf};

use super::class::{
    CLASS_PROGRESS, Class, ClassEvent, Team, TeamState, display_name, lock, progress_key,
};
use crate::play::session::Session;
use crate::safe_write::{Overwrite, write_private};
use crate::tui::App;
use crate::tui::msg::Msg;

impl Class {
    /// Picks up every session file in the class directory (a restart, or a
    /// crash): each becomes a team, not connected, where it was.
    pub fn load_dir(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.config.lockstep
            && let Ok(text) = std::fs::read_to_string(self.config.dir.join(CLASS_PROGRESS))
            && let Some(n) = text
                .lines()
                .find_map(|l| l.strip_prefix("opened = ")?.trim().parse::<u32>().ok())
        {
            lock(&self.control).opened = n.max(1);
            notes.push(format!("lockstep: turn {n} is open, as before the restart"));
        }
        if let Ok(text) = std::fs::read_to_string(self.config.dir.join(super::class::CLASS_REMOVED))
        {
            lock(&self.removed).extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string),
            );
        }
        let Ok(entries) = std::fs::read_dir(&self.config.dir) else {
            return notes;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let file = path.display().to_string();
            if lock(&self.removed).contains(&stem) {
                notes.push(format!("not resumed: {file} (the team was removed)"));
                continue;
            }
            let session = match crate::play::session::load(&path) {
                Ok(s) => s,
                Err(d) => {
                    // Not the server's to overwrite: a team of that name is
                    // kept under another stem.
                    lock(&self.reserved).insert(stem.clone());
                    notes.push(format!(
                        "skipped {file} (left as it is; a team named {stem} is saved as {stem}-team): {d}"
                    ));
                    continue;
                }
            };
            let (period, step) = read_progress(&progress_path(&self.config.dir, &stem));
            let app = match App::resume(&session, &file, period) {
                Ok(a) => a,
                Err(d) => {
                    lock(&self.reserved).insert(stem.clone());
                    notes.push(format!(
                        "skipped {file} (left as it is; a team named {stem} is saved as {stem}-team): {d}"
                    ));
                    continue;
                }
            };
            let name = if session.player.is_empty() {
                stem.clone()
            } else {
                display_name(&session.player)
            };
            let mut app = app;
            app.set_lesson_step(step);
            let text = session.to_toml();
            let team = self.insert(name, stem, app);
            let mut st = team.lock();
            st.saved = Some((text, period, step));
            drop(st);
            notes.push(format!("resumed {} from {file}", team.name));
        }
        notes
    }

    /// Writes a team's session file (and its progress) when a decision was
    /// taken or a turn played since the last write.
    pub(super) fn save(&self, team: &Team, st: &mut TeamState) {
        let key = progress_key(&st.app);
        if st.saved_key == Some(key) {
            return;
        }
        let text = st.app.session().to_toml();
        let period = st.app.play_state().map_or(0, |p| p.game.period);
        let step = st.app.lesson().map_or(0, |l| l.step);
        if st
            .saved
            .as_ref()
            .is_some_and(|(t, p, s)| *t == text && *p == period && *s == step)
        {
            st.saved_key = Some(key);
            let effects = st.app.receive(Msg::Saved);
            self.perform(team, st, effects);
            return;
        }
        let dir = &self.config.dir;
        let result = write_private(&team.session_path(dir), text.as_bytes(), Overwrite::Allow)
            .and_then(|()| {
                write_private(
                    &progress_path(dir, &team.stem),
                    format!("period = {period}\nstep = {step}\n").as_bytes(),
                    Overwrite::Allow,
                )
            });
        match result {
            Ok(()) => {
                st.saved = Some((text, period, step));
                st.saved_key = Some(key);
                let effects = st.app.receive(Msg::Saved);
                self.perform(team, st, effects);
            }
            Err(e) => self.event(ClassEvent::SaveFailed {
                team: team.name.clone(),
                error: e.to_string(),
            }),
        }
    }

    /// Saves every team (on the way out).
    pub fn save_all(&self) {
        for team in self.teams() {
            let mut st = team.lock();
            self.save(&team, &mut st);
        }
    }

    /// Every team's sessions, for the class debrief.
    pub fn sessions(&self) -> Vec<(String, Session)> {
        self.teams()
            .iter()
            .map(|t| {
                let file = t.session_path(&self.config.dir).display().to_string();
                (file, t.lock().app.session())
            })
            .collect()
    }
}

pub(super) fn progress_path(dir: &Path, stem: &str) -> PathBuf {
    dir.join(format!("{stem}.progress"))
}

/// A team's progress file: the period reached and the lesson step (0 when absent).
pub(super) fn read_progress(path: &Path) -> (u32, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let period = u32::try_from(field("period = ")).unwrap_or(0);
    let step = usize::try_from(field("step = ")).unwrap_or(0);
    (period, step)
}
