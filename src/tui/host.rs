//! Performing the app's [`Effect`]s on this machine: files written where
//! the user asked, scenarios scanned from the picker's directories, jobs on
//! the [`jobs`](super::jobs) system. The local terminal and tests use it; a
//! class server performs the same effects under its own policy
//! (`serve::class`).

use std::path::PathBuf;
use std::sync::Arc;

use super::effect::{Effect, WriteError, drain};
use super::jobs::{Deliver, Jobs, Pool};
use super::msg::Msg;
use super::{Action, App};
use crate::interrupt::Stop;

/// How jobs run for a [`Local`] host.
enum Run {
    /// On the job system; results reach `deliver`.
    Background(Jobs, Deliver),
    /// On the caller's thread, before `act` returns (tests, scripts).
    Blocking,
}

/// The host of one app on this machine.
pub struct Local {
    scan_dirs: Vec<PathBuf>,
    run: Run,
}

impl std::fmt::Debug for Local {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Local")
            .field("scan_dirs", &self.scan_dirs)
            .finish()
    }
}

impl Local {
    /// A host whose jobs run in the background, their messages handed to
    /// `deliver` (the runtime passes them on to [`Local::receive`]). The
    /// picker scans `./scenarios` and `.`.
    pub fn new(deliver: Deliver) -> Local {
        Local {
            scan_dirs: vec![PathBuf::from("scenarios"), PathBuf::from(".")],
            run: Run::Background(Jobs::new(Pool::per_core()), deliver),
        }
    }

    /// A host that runs each job to its end before returning, its
    /// progress and result received at once.
    pub fn blocking() -> Local {
        Local {
            scan_dirs: vec![PathBuf::from("scenarios"), PathBuf::from(".")],
            run: Run::Blocking,
        }
    }

    /// Sets the directories the picker scans for `*.toml`.
    pub fn with_scan_dirs(mut self, dirs: Vec<PathBuf>) -> Local {
        self.scan_dirs = dirs;
        self
    }

    /// Hands over what the app asked for before any event (a resumed game,
    /// bands wanted from the start). True when the app is done.
    pub fn start(&mut self, app: &mut App) -> bool {
        let effects = app.pending();
        self.perform(app, effects)
    }

    /// Applies an action and performs its effects. True when the app is done.
    pub fn act(&mut self, app: &mut App, action: Action) -> bool {
        let effects = app.update(action);
        self.perform(app, effects)
    }

    /// Applies a message (a job's result, a file changed) and performs its
    /// effects. True when the app is done.
    pub fn receive(&mut self, app: &mut App, msg: Msg) -> bool {
        let effects = app.receive(msg);
        self.perform(app, effects)
    }

    /// Performs effects, and those of the answers they bring, in order.
    /// True when one of them ends the app.
    pub fn perform(&mut self, app: &mut App, effects: Vec<Effect>) -> bool {
        let (scan_dirs, run) = (&self.scan_dirs, &mut self.run);
        drain(
            effects,
            |effect| match effect {
                Effect::Quit => Vec::new(),
                Effect::Write(w) => vec![Msg::Written {
                    kind: w.kind,
                    path: w.path.clone(),
                    result: w.perform().map_err(|e| WriteError::of(&e)),
                }],
                Effect::Scan => vec![Msg::Scanned(Ok(super::app::scan(scan_dirs)))],
                Effect::Cancel(kind) => {
                    if let Run::Background(jobs, _) = run {
                        jobs.cancel(kind);
                    }
                    Vec::new()
                }
                Effect::Spawn(job) => match run {
                    Run::Background(jobs, deliver) => {
                        jobs.spawn(job, Arc::clone(deliver));
                        Vec::new()
                    }
                    // Progress first, then the result, as a background job sends them.
                    Run::Blocking => {
                        let sent = std::sync::Mutex::new(Vec::new());
                        let result = job.run(&Stop::new(), &|m| {
                            sent.lock().unwrap_or_else(|e| e.into_inner()).push(m)
                        });
                        let mut sent = sent.into_inner().unwrap_or_else(|e| e.into_inner());
                        sent.extend(result);
                        sent
                    }
                },
            },
            |msg| app.receive(msg),
        )
    }
}
