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

/// The folder of the team files in the class directory: no team name can
/// collide with the class's own files (the host key, `class.progress`, the
/// trainer's scenario) beside it.
pub const TEAMS_DIR: &str = "teams";

/// The files of the class directory's top level that are the server's own.
fn is_class_file(name: &str) -> bool {
    name.starts_with("class.")
        || name.starts_with(super::HOST_KEY_FILE)
        || name == TEAMS_DIR
        || name == super::host::FILES_DIR
}

/// Makes a folder of the class, the trainer's alone (0700), if it is not there.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Seconds since 1970, for the name of a file moved aside.
fn stamp() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Class {
    /// The folder of the team files.
    pub fn teams_dir(&self) -> PathBuf {
        self.config.dir.join(TEAMS_DIR)
    }

    /// Picks up every session file in `DIR/teams` (a restart, or a
    /// crash): each becomes a team, not connected, where it was. A file
    /// that does not load is moved aside (`NAME.unreadable-TIMESTAMP`,
    /// never overwritten) and the trainer told; sessions of a class
    /// directory from before `teams/` are moved into it; other files in
    /// the directory are left alone, and named.
    pub fn load_dir(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let dir = &self.config.dir;
        if self.config.lockstep
            && let Ok(text) = std::fs::read_to_string(dir.join(CLASS_PROGRESS))
            && let Some(n) = text
                .lines()
                .find_map(|l| l.strip_prefix("opened = ")?.trim().parse::<u32>().ok())
        {
            lock(&self.control).opened = n.max(1);
            notes.push(format!("lockstep: turn {n} is open, as before the restart"));
        }
        if let Ok(text) = std::fs::read_to_string(dir.join(super::class::CLASS_REMOVED)) {
            lock(&self.removed).extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string),
            );
        }
        *lock(&self.pins) = super::pin::read_pairs(dir, super::pin::CLASS_PINS);
        *lock(&self.bound_keys) = super::pin::read_pairs(dir, super::pin::CLASS_KEYS);
        let teams = self.teams_dir();
        if let Err(e) = private_dir(&teams) {
            notes.push(format!("cannot make {}: {e}", teams.display()));
        }
        notes.extend(self.move_old_sessions());
        let Ok(entries) = std::fs::read_dir(&teams) else {
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
            let loaded = crate::play::session::load(&path).and_then(|session| {
                let (period, step) = read_progress(&progress_path(&teams, &stem));
                App::resume(&session, &file, period).map(|app| (session, app, period, step))
            });
            let (session, mut app, period, step) = match loaded {
                Ok(x) => x,
                Err(d) => {
                    notes.push(self.move_aside(&path, &d.to_string()));
                    continue;
                }
            };
            let name = if session.player.is_empty() {
                stem.clone()
            } else {
                display_name(&session.player)
            };
            app.set_lesson_step(step);
            let text = session.to_toml();
            let team = self.insert(name, stem, app);
            let mut st = team.lock();
            st.saved = Some((text, period, step));
            drop(st);
            notes.push(format!("resumed {} from {file}", team.name));
        }
        notes.extend(self.other_files());
        notes
    }

    /// Moves a team file that does not load aside, with its progress, so
    /// the team's next join starts anew without writing over it.
    fn move_aside(&self, path: &Path, why: &str) -> String {
        let aside = path.with_extension(format!("toml.unreadable-{}", stamp()));
        match std::fs::rename(path, &aside) {
            Ok(()) => format!(
                "could not read {} ({why}); kept as {}: the team starts anew when it joins",
                path.display(),
                aside.display()
            ),
            Err(e) => format!(
                "could not read {} ({why}), nor move it aside ({e}): left as it is",
                path.display()
            ),
        }
    }

    /// Moves the session files of a class directory from before `teams/`
    /// (`DIR/NAME.toml` that load as sessions, and their `.progress`) into
    /// `DIR/teams/`; a file already there is never overwritten.
    fn move_old_sessions(&self) -> Vec<String> {
        let dir = &self.config.dir;
        let teams = self.teams_dir();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if !path.is_file() || path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let Some(name) = path.file_name() else {
                continue;
            };
            let to = teams.join(name);
            if to.exists() || crate::play::session::load(&path).is_err() {
                continue;
            }
            if std::fs::rename(&path, &to).is_ok() {
                let stem = to.file_stem().map(|s| s.to_string_lossy().into_owned());
                if let Some(stem) = stem {
                    let _ =
                        std::fs::rename(progress_path(dir, &stem), progress_path(&teams, &stem));
                }
                notes.push(format!("moved {} into {}", path.display(), teams.display()));
            }
        }
        notes
    }

    /// A note naming the files of the class directory that are not the
    /// server's (the trainer's scenario, say): left alone.
    fn other_files(&self) -> Option<String> {
        let entries = std::fs::read_dir(&self.config.dir).ok()?;
        let mut others: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !is_class_file(n))
            .collect();
        if others.is_empty() {
            return None;
        }
        others.sort();
        let n = others.len();
        others.truncate(5);
        Some(format!(
            "{} holds {n} file(s) the server did not write ({}{}); they are left alone, but a folder of its own for the class is tidier",
            self.config.dir.display(),
            others.join(", "),
            if n > 5 { ", ..." } else { "" }
        ))
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
        let dir = &self.teams_dir();
        let result = private_dir(dir)
            .and_then(|()| {
                write_private(&team.session_path(dir), text.as_bytes(), Overwrite::Allow)
            })
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
                let mut effects = st.app.receive(Msg::Saved);
                if std::mem::take(&mut st.save_failing) {
                    self.event(ClassEvent::Info(crate::i18n::trf(
                        "{}: saved again",
                        &[&team.name],
                    )));
                    effects.extend(st.app.receive(Msg::Notice {
                        text: crate::i18n::Worded::new(|| {
                            crate::i18n::tr("your game is saved again").to_string()
                        }),
                        bad: false,
                    }));
                }
                self.perform(team, st, effects);
            }
            // The team hears of every move not saved; the trainer once,
            // until a save works again.
            Err(e) => {
                if !std::mem::replace(&mut st.save_failing, true) {
                    self.event(ClassEvent::SaveFailed {
                        team: team.name.clone(),
                        error: e.to_string(),
                    });
                }
                let effects = st.app.receive(Msg::Notice {
                    text: crate::i18n::Worded::new(|| {
                        crate::i18n::tr(
                            "your last move could not be saved; the facilitator has been told",
                        )
                        .to_string()
                    }),
                    bad: true,
                });
                self.perform(team, st, effects);
            }
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
                let file = t.session_path(&self.teams_dir()).display().to_string();
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
