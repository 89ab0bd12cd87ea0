//! Stopping cleanly on Ctrl-C, SIGTERM and SIGHUP: the first signal sets a
//! flag that long jobs and the TUI check, so they stop, clean up and restore
//! the terminal; a second Ctrl-C while the first is pending exits at once.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

fn flag() -> &'static Arc<AtomicBool> {
    FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// Installs the handlers (once). Returns an error if the OS refuses.
pub fn install() -> std::io::Result<()> {
    let f = flag();
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        // A second signal while the first is still pending ends the process (exit 130 style).
        signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(f))?;
        signal_hook::flag::register(sig, Arc::clone(f))?;
    }
    Ok(())
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    flag().load(Ordering::Relaxed)
}

/// A request to stop one job: cancelled on its own (a newer request made
/// it stale, its screen went away) or with the whole process (Ctrl-C).
/// Clones share the flag: the job holds one, whoever may cancel it another.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// A token of its own, not cancelled.
    pub fn new() -> Stop {
        Stop::default()
    }

    /// Asks the job holding this token (or a clone) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether this job was cancelled, or the process asked to stop.
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed) || requested()
    }
}

/// A job stopped before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "{}",
    crate::i18n::tr("interrupted: stopped before the end; no output was written")
)]
pub struct Cancelled;
