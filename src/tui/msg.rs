//! Results that arrive from outside the key loop: Monte Carlo bands and the
//! best steady policy computed on worker threads, and a new version of the
//! scenario file on disk. They
//! change the app only through [`App::receive`](super::App::receive).

use crate::analysis::montecarlo::MonteCarlo;
use crate::analysis::optimize::Optimum;
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
    /// How far the best-steady-policy search for `generation` has got (0..=1).
    PolicyProgress {
        /// Which parameter set it searches from.
        generation: u64,
        /// The share done.
        done: f64,
    },
    /// The best steady policy for the parameters of `generation`, or why there is none.
    Policy {
        /// Which parameter set it searched from.
        generation: u64,
        /// The optimum, or the reason.
        result: Result<Box<Optimum>, String>,
    },
}
