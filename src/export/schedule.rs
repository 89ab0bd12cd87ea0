//! What a scenario says over time, as an exported model must say it: each
//! parameter's value from period 0 and its step changes at event periods,
//! the funding rounds, and what no exported equation could reproduce.

use super::equations::num;
use crate::i18n::{tr, trf};
use crate::model::{PARAM_COUNT, ParamId as P, fmt_num};
use crate::scenario::Scenario;

/// Why a scenario cannot be exported exactly; the message names what to change.
/// The message is in the interface's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Stochastic runs draw whole people; an equation model has only expected values.
    Stochastic,
    /// An event changes the feedback latency after the run has started.
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
    pub fn equation(&self) -> String {
        let mut eqn = num(self.start);
        for &(at, v) in &self.changes {
            eqn = format!("(IF TIME >= {at} THEN {} ELSE {eqn})", num(v));
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
    /// The feedback latency, the same for the whole run.
    pub latency: f64,
    /// Cash added by funding rounds: `(period, amount)`, in period order.
    pub injections: Vec<(u32, f64)>,
}

impl Scenery {
    /// Reads a scenario's schedules, refusing what an export could not reproduce.
    pub fn of(s: &Scenario) -> Result<Scenery, Refusal> {
        let cfg = &s.config;
        if cfg.stochastic {
            return Err(Refusal::Stochastic);
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
            if current[P::Latency] != before[P::Latency] {
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
        Ok(Scenery {
            period: time_unit(&s.period_label),
            horizon: cfg.periods,
            schedules,
            latency: start[P::Latency],
            injections,
        })
    }

    /// The funding rounds after period 0 as a flow into cash: each a
    /// one-period pulse in the period before its own (None without any).
    pub fn injection_equation(&self) -> Option<String> {
        let mut eqn = None::<String>;
        for &(at, v) in self.injections.iter().filter(|(at, _)| *at > 0) {
            let rest = eqn.unwrap_or_else(|| "0".into());
            eqn = Some(format!(
                "(IF TIME = {} THEN {} ELSE {rest})",
                at - 1,
                num(v)
            ));
        }
        eqn
    }
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
