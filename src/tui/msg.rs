//! Results that arrive from outside the key loop: Monte Carlo bands and the
//! best steady policy computed on worker threads, and a new version of the
//! scenario file on disk. They
//! change the app only through [`App::receive`](super::App::receive).

use crate::analysis::fit::Fit;
use crate::analysis::fit::FitError;
use crate::analysis::montecarlo::MonteCarlo;
use crate::analysis::optimize::OptimizeError;
use crate::analysis::optimize::Optimum;
use std::io;
use std::path::PathBuf;

use super::app::{FileKind, Gate, PickerEntry};
use crate::scenario::{Diagnostics, Scenario};

/// A background result for the app.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Bands for the parameters of `generation`; stale ones are discarded.
    Bands {
        /// Which parameter set they were computed for.
        generation: u64,
        /// The percentiles.
        bands: Box<MonteCarlo>,
    },
    /// The scenario file changed on disk: its new contents, read and checked.
    FileChanged(Result<Box<Scenario>, Diagnostics>),
    /// How far the search of the best steady policy has got (0..=1).
    BestProgress {
        /// Which request.
        id: u64,
        /// The share done.
        share: f64,
    },
    /// The best steady policy, or why there is none.
    Best {
        /// Which request.
        id: u64,
        /// The optimum, or the search's message.
        result: Result<Box<Optimum>, OptimizeError>,
    },
    /// How many bootstrap refits of the fit to the history are done.
    RefitProgress {
        /// Which request.
        id: u64,
        /// Refits done.
        refits: usize,
    },
    /// The fit to the history, or why there is none.
    Refit {
        /// Which request.
        id: u64,
        /// The fit, or the fit's message.
        result: Result<Box<Fit>, FitError>,
    },
    /// How a file the app asked for was written ([`Effect::Write`](super::Effect::Write)).
    Written {
        /// What it was.
        kind: FileKind,
        /// Where it went (a host may put it elsewhere than asked).
        path: PathBuf,
        /// Whether it was written, or why not.
        result: Result<(), WriteError>,
    },
    /// The scenarios the picker offers ([`Effect::Scan`](super::Effect::Scan)), or
    /// why the host lists none.
    Scanned(Result<Vec<PickerEntry>, String>),
    /// A line from the host (a facilitator's news): the status bar and, in
    /// play, the game's news.
    News(crate::i18n::Worded),
    /// A line from the host for the status bar only (another laptop
    /// joined the team; a move could not be saved).
    Notice {
        /// What it says.
        text: crate::i18n::Worded,
        /// Whether it is bad news.
        bad: bool,
    },
    /// The host moves a lesson to its next step, whatever overlay is open.
    NextStep,
    /// The host ends the game: the remaining turns are played with the
    /// decisions in force, so the debrief shows.
    EndGame,
    /// The host keeps the work (a server that saves every team's session):
    /// leaving asks nothing.
    Saved,
    /// What the host allows in play from now on.
    Gate(Gate),
}

/// Why a write failed, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file exists and the user has not agreed to replace it.
    Exists,
    /// The host does not write files there (a server's policy), and why.
    Refused(String),
    /// The system's error.
    Failed(String),
}

impl WriteError {
    /// An I/O error as the app shows it.
    pub fn of(e: &io::Error) -> WriteError {
        if e.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists
        } else {
            WriteError::Failed(e.to_string())
        }
    }
}
