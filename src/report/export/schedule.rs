//! What a scenario says over time, as an exported model must say it: each
//! parameter's value from period 0 and its step changes at event periods,
//! the funding rounds, and what no exported equation could reproduce.

use super::num;
use crate::i18n::{tr, trf};
use crate::model::run::split_latency;
use crate::model::{PARAM_COUNT, ParamId as P, fmt_num};
use crate::scenario::Scenario;

/// Why a scenario cannot be exported exactly; the message names what to change.
/// The message is in the interface's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Stochastic runs draw whole people; an equation model has only expected values.
    Stochastic,
    /// `--delay builtin`: the latency is not a whole number of sub-steps,
    /// which a built-in fixed delay cannot split between two sub-steps.
    FractionalDelay {
        /// The latency.
        latency: String,
        /// Sub-steps per period.
        substeps: u32,
    },
    /// An event adds people to the market (`market.size_change`), which the
    /// file does not write yet.
    MarketChange {
        /// The event's period.
        at: u32,
    },
    /// `--delay builtin`: an event changes the feedback latency after the run has started.
    LatencyChange {
        /// The event's period.
        at: u32,
        /// The latency before it.
        from: String,
        /// The latency it sets.
        to: String,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Stochastic => f.write_str(tr(
                "scenario.stochastic is on: XMILE has no binomial draws on whole people, so the file \
                 could not reproduce this run; export the deterministic model (drop --stochastic, or \
                 set scenario.stochastic = false)",
            )),
            // English only until the locale files carry it.
            Refusal::FractionalDelay { latency, substeps } => write!(
                f,
                "--delay builtin: feedback.latency = {latency} is not a whole number of sub-steps \
                 (1/{substeps} period each), and a built-in fixed delay cannot split feedback \
                 between two sub-steps; export with --delay pipeline (the default), which is exact"
            ),
            Refusal::MarketChange { at } => f.write_str(&trf(
                "the event at period {} changes the market (market.size_change), which the XMILE file does not write; export the scenario without that event",
                &[at],
            )),
            Refusal::LatencyChange { at, from, to } => f.write_str(&trf(
                "the event at period {} changes feedback.latency from {} to {}: XMILE's fixed \
                 delay keeps one delay time for the whole run, so feedback already in flight would \
                 arrive at the wrong period; set the latency from period 0 (or drop that event) to export",
                &[at, from, to],
            )),
        }
    }
}

impl std::error::Error for Refusal {}

/// A parameter's value from period 0, and each change after that.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// The value in force at period 0 (after period 0's events).
    pub start: f64,
    /// `(period, value)` for every later change, in period order.
    pub changes: Vec<(u32, f64)>,
}

impl Schedule {
    /// The value over time as an equation: a constant, or nested step changes.
    /// A change at period `at` holds from `TIME >= at - dt/2`: from the
    /// period's first sub-step, whatever rounding TIME has gathered.
    pub fn equation(&self, dt: f64) -> String {
        let mut eqn = num(self.start);
        for &(at, v) in &self.changes {
            eqn = format!(
                "(IF TIME >= {} THEN {} ELSE {eqn})",
                num(f64::from(at) - 0.5 * dt),
                num(v)
            );
        }
        eqn
    }
}

/// Everything time-dependent an exported model needs from a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenery {
    /// What a period is called, the model's time unit.
    pub period: String,
    /// The horizon T.
    pub horizon: u32,
    /// One schedule per parameter, in `ParamId` order.
    pub schedules: Vec<Schedule>,
    /// Sub-steps per period (dt = 1 / substeps).
    pub substeps: u32,
    /// Every latency in force during the run, the first at period 0.
    pub latencies: Vec<f64>,
    /// Cash added by funding rounds: `(period, amount)`, in period order.
    pub injections: Vec<(u32, f64)>,
    /// How the feedback latency is exported.
    pub delay: Delay,
}

impl Scenery {
    /// Reads a scenario's schedules, refusing what an export could not reproduce.
    pub fn of(s: &Scenario, delay: Delay) -> Result<Scenery, Refusal> {
        let cfg = &s.config;
        if cfg.stochastic {
            return Err(Refusal::Stochastic);
        }
        if let Some(e) = cfg.events.iter().find(|e| e.market_change != 0.0) {
            return Err(Refusal::MarketChange { at: e.at });
        }
        let mut events: Vec<_> = cfg.events.iter().filter(|e| e.at <= cfg.periods).collect();
        events.sort_by_key(|e| e.at);
        let mut current = cfg.params;
        let mut schedules = vec![Schedule::default(); PARAM_COUNT];
        let mut injections: Vec<(u32, f64)> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let at = events[i].at;
            let before = current;
            let mut injected = None::<f64>;
            while let Some(e) = events.get(i).filter(|e| e.at == at) {
                for &(id, v) in &e.set {
                    current[id] = v;
                }
                if e.cash_injection != 0.0 {
                    *injected.get_or_insert(0.0) += e.cash_injection;
                }
                i += 1;
            }
            if let Some(total) = injected {
                injections.push((at, total));
            }
            if at == 0 {
                continue;
            }
            if current[P::Latency] != before[P::Latency] && delay == Delay::Builtin {
                return Err(Refusal::LatencyChange {
                    at,
                    from: fmt_num(before[P::Latency]),
                    to: fmt_num(current[P::Latency]),
                });
            }
            for (spec, v) in current.iter() {
                if v != before[spec.id] {
                    schedules[spec.id as usize].changes.push((at, v));
                }
            }
        }
        // Start values: the parameters after period 0's events, before any later one.
        let mut start = cfg.params;
        for e in events.iter().filter(|e| e.at == 0) {
            for &(id, v) in &e.set {
                start[id] = v;
            }
        }
        for (spec, v) in start.iter() {
            schedules[spec.id as usize].start = v;
        }
        let substeps = cfg.substeps.max(1);
        let mut latencies = vec![start[P::Latency]];
        for &(_, v) in &schedules[P::Latency as usize].changes {
            latencies.push(v);
        }
        if delay == Delay::Builtin {
            let dt = 1.0 / f64::from(substeps);
            if split_latency(start[P::Latency], dt).1 > 0.0 {
                return Err(Refusal::FractionalDelay {
                    latency: fmt_num(start[P::Latency]),
                    substeps,
                });
            }
        }
        Ok(Scenery {
            period: time_unit(&s.period_label),
            horizon: cfg.periods,
            substeps,
            schedules,
            latencies,
            injections,
            delay,
        })
    }

    /// The length of a sub-step, in periods.
    pub fn dt(&self) -> f64 {
        1.0 / f64::from(self.substeps)
    }

    /// The funding rounds after period 0 as a flow into cash: each a pulse
    /// of the amount / dt over the last sub-step before its period, so it is
    /// in cash at the period's start, before the period's first sub-step
    /// (None without any).
    pub fn injection_equation(&self) -> Option<String> {
        let dt = self.dt();
        let mut eqn = None::<String>;
        for (i, &(at, _)) in self.rounds().iter().enumerate() {
            let rest = eqn.unwrap_or_else(|| "0".into());
            let at = f64::from(at);
            eqn = Some(format!(
                "(IF (TIME >= {}) AND (TIME < {}) THEN funding_round_{} * steps_per_period ELSE {rest})",
                num(at - 1.5 * dt),
                num(at - 0.5 * dt),
                i + 1
            ));
        }
        eqn
    }

    /// The funding rounds after period 0, `funding_round_1`, ... in the model.
    pub fn rounds(&self) -> Vec<(u32, f64)> {
        self.injections
            .iter()
            .copied()
            .filter(|(at, _)| *at > 0)
            .collect()
    }

    /// The most sub-steps any feedback waits in transit: the length of the pipeline.
    pub fn pipeline_len(&self) -> usize {
        let dt = self.dt();
        self.latencies
            .iter()
            .map(|&l| {
                let (n0, fr) = split_latency(l, dt);
                n0 + usize::from(fr > 0.0)
            })
            .max()
            .unwrap_or(0)
    }
}

/// How the exported model delays feedback by the latency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delay {
    /// A chain of one-sub-step stocks: exact for any latency, fractional
    /// sub-steps and mid-run changes, read by every XMILE tool.
    #[default]
    Pipeline,
    /// XMILE's `DELAY` built-in: only for a latency of whole sub-steps that no
    /// event changes, in readers whose `DELAY` is a fixed pipeline (PySD).
    Builtin,
}

/// A period label as a unit name: letters, digits and underscores (`period` if none).
fn time_unit(label: &str) -> String {
    let unit: String = label
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    if unit.is_empty() {
        "period".into()
    } else {
        unit
    }
}
