//! The one job system: the background work an [`App`](super::App) asks
//! for (Monte Carlo bands, the best steady policy, a fit to the history),
//! run off the screen's thread for the local terminal and every team of
//! `flywheel serve` alike.
//!
//! - The app asks with [`Effect::Spawn`](super::Effect::Spawn) and
//!   [`Effect::Cancel`](super::Effect::Cancel); a [`Jobs`] (one per app)
//!   runs them and hands each result to a `deliver` callback, which the
//!   runtime turns into [`App::receive`](super::App::receive).
//! - One live job per [`JobKind`] and app: a newer request cancels the
//!   older (its [`Stop`] token), and a cancelled job's result is dropped.
//! - A [`Pool`] bounds how many jobs run at once over every app that shares
//!   it (a class: all its teams), so one team's search delays the others
//!   only when every slot is busy.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::app::{BAND_RUNS, RefitJob};
use super::msg::Msg;
use crate::analysis::{montecarlo, optimize};
use crate::interrupt::Stop;
use crate::model::Config;

/// A piece of background work, with what it needs.
#[derive(Debug, Clone)]
pub enum Job {
    /// Monte Carlo bands for the parameters of `generation`.
    Bands {
        /// The parameter generation asked for (stale results are dropped).
        generation: u64,
        /// The run to draw bands around.
        cfg: Box<Config>,
    },
    /// The search of the best steady policy (`O`).
    Best {
        /// The request.
        id: u64,
        /// The search.
        problem: Box<optimize::Problem>,
    },
    /// A fit to the history (`F`).
    Refit {
        /// The request.
        id: u64,
        /// The fit.
        job: Box<RefitJob>,
    },
}

/// The kinds of job: an app has at most one of each under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// [`Job::Bands`].
    Bands,
    /// [`Job::Best`].
    Best,
    /// [`Job::Refit`].
    Refit,
}

impl JobKind {
    /// Every kind, in a fixed order.
    pub const ALL: [JobKind; 3] = [JobKind::Bands, JobKind::Best, JobKind::Refit];

    fn index(self) -> usize {
        match self {
            JobKind::Bands => 0,
            JobKind::Best => 1,
            JobKind::Refit => 2,
        }
    }
}

impl Job {
    /// Its kind.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Bands { .. } => JobKind::Bands,
            Job::Best { .. } => JobKind::Best,
            Job::Refit { .. } => JobKind::Refit,
        }
    }

    /// The request it answers (the generation, for bands).
    pub fn id(&self) -> u64 {
        match self {
            Job::Bands { generation, .. } => *generation,
            Job::Best { id, .. } | Job::Refit { id, .. } => *id,
        }
    }

    /// Does the work: progress goes to `report` as it comes, the result is
    /// returned (`None` when stopped, or bands that could not be drawn).
    pub fn run(self, stop: &Stop, report: &(dyn Fn(Msg) + Sync)) -> Option<Msg> {
        match self {
            Job::Bands { generation, cfg } => {
                let bands = montecarlo::run_until(&cfg, BAND_RUNS, &|_| {}, stop).ok()?;
                Some(Msg::Bands {
                    generation,
                    bands: Box::new(bands),
                })
            }
            Job::Best { id, problem } => {
                let last = AtomicU32::new(0);
                let progress = |share: f64| {
                    let pct = (share.clamp(0.0, 1.0) * 100.0) as u32;
                    if pct > last.fetch_max(pct, Ordering::Relaxed) {
                        report(Msg::BestProgress { id, share });
                    }
                };
                let result = optimize::optimize_until(&problem, &progress, stop);
                if stop.requested() {
                    return None;
                }
                Some(Msg::Best {
                    id,
                    result: result.map(Box::new),
                })
            }
            Job::Refit { id, job } => {
                let result =
                    job.run_until(&|refits| report(Msg::RefitProgress { id, refits }), stop);
                if stop.requested() {
                    return None;
                }
                Some(Msg::Refit { id, result })
            }
        }
    }
}

/// How many jobs may run at once over every [`Jobs`] that shares it.
#[derive(Debug)]
pub struct Pool {
    free: Mutex<usize>,
    freed: Condvar,
    size: usize,
}

impl Pool {
    /// A pool of `size` slots (at least 1).
    pub fn new(size: usize) -> Arc<Pool> {
        let size = size.max(1);
        Arc::new(Pool {
            free: Mutex::new(size),
            freed: Condvar::new(),
            size,
        })
    }

    /// A pool as large as the machine's cores.
    pub fn per_core() -> Arc<Pool> {
        Pool::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    /// Its number of slots.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Slots in use now.
    pub fn busy(&self) -> usize {
        self.size - *self.free.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a slot; `None` if `stop` is asked for meanwhile.
    fn acquire(self: &Arc<Self>, stop: &Stop) -> Option<Slot> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if stop.requested() {
                return None;
            }
            if *free > 0 {
                *free -= 1;
                return Some(Slot(Arc::clone(self)));
            }
            // A cancelled job waiting here notices within this wait.
            free = self
                .freed
                .wait_timeout(free, Duration::from_millis(50))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

/// A slot of a [`Pool`], given back when dropped (also on panic).
struct Slot(Arc<Pool>);

impl Drop for Slot {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

/// Where a job's messages go: the runtime's way back to its app.
pub type Deliver = Arc<dyn Fn(Msg) + Send + Sync>;

/// The jobs of one app: at most one live per kind, each cancellable.
pub struct Jobs {
    pool: Arc<Pool>,
    live: [Option<(u64, Stop)>; 3],
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs")
            .field("live", &self.live.iter().map(|l| l.as_ref().map(|l| l.0)))
            .finish()
    }
}

impl Jobs {
    /// The jobs of one app, run in `pool`'s slots.
    pub fn new(pool: Arc<Pool>) -> Jobs {
        Jobs {
            pool,
            live: [None, None, None],
        }
    }

    /// Starts `job` on a thread of its own (waiting for a slot of the
    /// pool), cancelling the job of the same kind still under way; its
    /// progress and result go to `deliver`, unless it is cancelled first.
    /// Asking again for the job that is live does nothing.
    pub fn spawn(&mut self, job: Job, deliver: Deliver) {
        let kind = job.kind();
        let slot = &mut self.live[kind.index()];
        if let Some((id, stop)) = slot.as_ref() {
            if *id == job.id() && !stop.requested() {
                return;
            }
            stop.cancel();
        }
        let stop = Stop::new();
        *slot = Some((job.id(), stop.clone()));
        let pool = Arc::clone(&self.pool);
        let spawned = std::thread::Builder::new()
            .name(format!("flywheel-{kind:?}").to_lowercase())
            .spawn(move || {
                let Some(_slot) = pool.acquire(&stop) else {
                    return;
                };
                let report = |msg: Msg| {
                    if !stop.requested() {
                        deliver(msg);
                    }
                };
                if let Some(msg) = job.run(&stop, &report)
                    && !stop.requested()
                {
                    deliver(msg);
                }
            });
        if spawned.is_err() {
            // No thread to be had: forget the request, so asking again retries.
            self.live[kind.index()] = None;
        }
    }

    /// Cancels the job of `kind` under way, if any.
    pub fn cancel(&mut self, kind: JobKind) {
        if let Some((_, stop)) = self.live[kind.index()].take() {
            stop.cancel();
        }
    }

    /// Cancels every job under way (the screen went away).
    pub fn cancel_all(&mut self) {
        for kind in JobKind::ALL {
            self.cancel(kind);
        }
    }

    /// The request of the live job of `kind`, if one is under way.
    pub fn live(&self, kind: JobKind) -> Option<u64> {
        self.live[kind.index()]
            .as_ref()
            .filter(|(_, s)| !s.requested())
            .map(|(id, _)| *id)
    }
}

impl Drop for Jobs {
    fn drop(&mut self) {
        self.cancel_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn balanced() -> Config {
        crate::scenario::preset("balanced")
            .expect("balanced")
            .load()
            .expect("parses")
            .config
    }

    #[test]
    fn a_newer_request_cancels_the_older_and_only_its_result_arrives() {
        let pool = Pool::new(1);
        let mut jobs = Jobs::new(Arc::clone(&pool));
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let deliver: Deliver = Arc::new(move |m| {
            let _ = tx.lock().unwrap().send(m);
        });
        let mut cfg = balanced();
        for generation in 1..=3 {
            cfg.seed = generation;
            jobs.spawn(
                Job::Bands {
                    generation,
                    cfg: Box::new(cfg.clone()),
                },
                Arc::clone(&deliver),
            );
        }
        assert_eq!(jobs.live(JobKind::Bands), Some(3));
        let got = rx.recv_timeout(Duration::from_secs(60)).expect("a result");
        match got {
            Msg::Bands { generation, .. } => assert_eq!(generation, 3),
            other => panic!("not bands: {other:?}"),
        }
        // Nothing else arrives: the first two were cancelled.
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    }

    #[test]
    fn asking_again_for_the_live_job_starts_nothing_and_cancel_drops_its_result() {
        let pool = Pool::new(1);
        let mut jobs = Jobs::new(Arc::clone(&pool));
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let deliver: Deliver = Arc::new(move |m| {
            let _ = tx.lock().unwrap().send(m);
        });
        let job = Job::Bands {
            generation: 7,
            cfg: Box::new(balanced()),
        };
        jobs.spawn(job.clone(), Arc::clone(&deliver));
        jobs.spawn(job, Arc::clone(&deliver));
        jobs.cancel(JobKind::Bands);
        assert_eq!(jobs.live(JobKind::Bands), None);
        assert!(rx.recv_timeout(Duration::from_millis(1500)).is_err());
        // The slot comes back once the cancelled job stops.
        let t0 = std::time::Instant::now();
        while pool.busy() > 0 && t0.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(pool.busy(), 0);
    }

    #[test]
    fn jobs_of_different_apps_run_side_by_side_up_to_the_pool() {
        let pool = Pool::new(2);
        let stop_a = Stop::new();
        let stop_b = Stop::new();
        let a = pool.acquire(&stop_a).expect("a slot");
        let b = pool.acquire(&stop_b).expect("a second slot");
        assert_eq!(pool.busy(), 2);
        let stop_c = Stop::new();
        let waiting = {
            let pool = Arc::clone(&pool);
            let stop_c = stop_c.clone();
            std::thread::spawn(move || pool.acquire(&stop_c).is_some())
        };
        std::thread::sleep(Duration::from_millis(120));
        stop_c.cancel();
        assert!(!waiting.join().unwrap(), "a cancelled wait gives up");
        drop(a);
        assert_eq!(pool.busy(), 1);
        drop(b);
        assert_eq!(pool.busy(), 0);
    }
}
