//! What the app asks the world to do. [`App::update`](super::App::update)
//! and [`App::receive`](super::App::receive) change only the app's state
//! and return these; the runtime that hosts the app performs them (or, under
//! a server's policy, refuses them) and reports back with a
//! [`Msg`].

use std::io;
use std::path::{Path, PathBuf};

use super::app::FileKind;
use super::jobs::{Job, JobKind};
use super::msg::Msg;
pub use super::msg::WriteError;
use crate::safe_write::{Overwrite, write_atomic};
use crate::scenario::{self, Scenario};

/// One thing for the runtime to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Start a background job (a newer one of the same kind replaces it).
    Spawn(Job),
    /// Stop the job of this kind under way: nobody waits for it any more.
    Cancel(JobKind),
    /// Write a file the user asked for; the outcome comes back as
    /// [`Msg::Written`].
    Write(FileWrite),
    /// List the scenarios the picker offers; they come back as
    /// [`Msg::Scanned`].
    Scan,
    /// This screen is done (the local program ends; a participant's
    /// connection closes, the team's game stays).
    Quit,
}

/// Performs `effects` in order, and the effects of the answers they bring,
/// the way every host does: `perform` does one effect (never
/// [`Effect::Quit`]) and returns the messages that answer it; `receive`
/// hands a message to the app and returns what the app asks next. True
/// when one of the effects was [`Effect::Quit`].
pub fn drain(
    effects: Vec<Effect>,
    mut perform: impl FnMut(Effect) -> Vec<Msg>,
    mut receive: impl FnMut(Msg) -> Vec<Effect>,
) -> bool {
    let mut queue = std::collections::VecDeque::from(effects);
    let mut quit = false;
    while let Some(effect) = queue.pop_front() {
        if matches!(effect, Effect::Quit) {
            quit = true;
            continue;
        }
        for msg in perform(effect) {
            queue.extend(receive(msg));
        }
    }
    quit
}

/// A file to write: what the user chose, where, and whether an existing
/// file may be replaced.
#[derive(Debug, Clone)]
pub struct FileWrite {
    /// What it is (the status line names it).
    pub kind: FileKind,
    /// Where the user asked for it.
    pub path: PathBuf,
    /// Whether the user agreed to replace an existing file.
    pub overwrite: Overwrite,
    /// Its contents.
    pub content: Content,
}

/// A file's contents.
#[derive(Debug, Clone)]
pub enum Content {
    /// Text written as it is (a CSV, a session).
    Text(String),
    /// A scenario: over an existing file of the same scenario, its comments
    /// and layout are kept.
    Scenario(Box<Scenario>),
}

impl FileWrite {
    /// Writes the file at `path` (its own, or where a host puts it),
    /// atomically: a failure leaves what was there.
    pub fn perform_at(&self, path: &Path) -> io::Result<()> {
        match &self.content {
            Content::Text(text) => write_atomic(path, text.as_bytes(), self.overwrite),
            Content::Scenario(current) => {
                let text = std::fs::read_to_string(path)
                    .ok()
                    .and_then(|old| scenario::write::update_toml(&old, current))
                    .unwrap_or_else(|| scenario::write::to_toml(current));
                write_atomic(path, text.as_bytes(), self.overwrite)
            }
        }
    }

    /// Writes the file where the user asked.
    pub fn perform(&self) -> io::Result<()> {
        self.perform_at(&self.path)
    }
}
