//! Results that arrive from outside the key loop: Monte Carlo bands computed
//! on a worker thread, and a new version of the scenario file on disk. They
//! change the app only through [`App::receive`](super::App::receive).

use crate::analysis::montecarlo::MonteCarlo;
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
}
