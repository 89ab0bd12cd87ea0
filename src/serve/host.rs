//! The class's policy on what a team's app asks for: the same
//! [`Effect`]s the local terminal performs, filtered. Jobs run on the
//! team's [`Jobs`](crate::tui::jobs::Jobs) in the class's shared pool; a
//! file a participant saves or exports lands in the team's own folder of
//! the class directory (the name they typed, never a path of theirs); the
//! scenario picker lists nothing, as the facilitator chose the scenario.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::class::{Class, Team, TeamState};
use crate::i18n::{tr, trf};
use crate::tui::effect::{Effect, FileWrite, WriteError, drain};
use crate::tui::msg::Msg;

/// The folder of the class directory that holds what participants save.
pub const FILES_DIR: &str = "files";

/// The most files one team may write into its folder.
pub const MAX_TEAM_FILES: usize = 50;

impl Class {
    /// Performs a team's effects under the class's policy, and the effects
    /// of the answers they bring. True when the connection that caused
    /// them should close (the participant quit; the team stays).
    pub(super) fn perform(&self, team: &Team, st: &mut TeamState, effects: Vec<Effect>) -> bool {
        let (jobs, app) = (&mut st.jobs, &mut st.app);
        drain(
            effects,
            |effect| match effect {
                Effect::Quit => Vec::new(),
                Effect::Scan => vec![Msg::Scanned(Err(tr(
                    "the facilitator chose the scenario for the class",
                )
                .to_string()))],
                Effect::Write(w) => vec![self.write_for(team, &w)],
                Effect::Cancel(kind) => {
                    jobs.cancel(kind);
                    Vec::new()
                }
                Effect::Spawn(job) => {
                    let (class, me) = (self.me.clone(), team.me());
                    jobs.spawn(
                        job,
                        Arc::new(move |msg| {
                            if let (Some(class), Some(team)) = (class.upgrade(), me.upgrade()) {
                                class.deliver(&team, msg);
                            }
                        }),
                    );
                    Vec::new()
                }
            },
            |msg| app.receive(msg),
        )
    }

    /// Writes a participant's file into the team's folder under the name
    /// they typed (its last component, made file-safe).
    fn write_for(&self, team: &Team, w: &FileWrite) -> Msg {
        let folder = self.config.dir.join(FILES_DIR).join(&team.stem);
        let path = folder.join(safe_file_name(&w.path));
        let result = (|| {
            if !path.exists() && count_files(&folder) >= MAX_TEAM_FILES {
                return Err(WriteError::Refused(trf(
                    "this team has written {} files on the server, the most it may; overwrite one of them",
                    &[&MAX_TEAM_FILES],
                )));
            }
            std::fs::create_dir_all(&folder).map_err(|e| WriteError::of(&e))?;
            w.perform_at(&path).map_err(|e| WriteError::of(&e))
        })();
        Msg::Written {
            kind: w.kind,
            path,
            result,
        }
    }
}

fn count_files(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, |d| d.filter(|e| e.is_ok()).count())
}

/// The last component of a path a participant typed, with only letters,
/// digits, `-`, `_` and inner dots kept: never a folder, never hidden.
pub fn safe_file_name(typed: &Path) -> PathBuf {
    let last = typed
        .to_string_lossy()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_string();
    let mut name: String = last
        .chars()
        .take(80)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_start_matches('.').to_string();
    if name.trim_matches(['.', '-']).is_empty() {
        name = "file.txt".into();
    }
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_becomes_a_plain_file_name() {
        let n = |s: &str| safe_file_name(Path::new(s)).display().to_string();
        assert_eq!(n("run.csv"), "run.csv");
        assert_eq!(n("../../etc/passwd"), "passwd");
        assert_eq!(n("/tmp/x/../plan.toml"), "plan.toml");
        assert_eq!(n("..\\..\\win.ini"), "win.ini");
        assert_eq!(n(".bashrc"), "bashrc");
        assert_eq!(n(".."), "file.txt");
        assert_eq!(n("a b\u{1b}]0;x\u{7}.csv"), "a-b--0-x-.csv");
        assert_eq!(n("飛輪.toml"), "飛輪.toml");
    }
}
