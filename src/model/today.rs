//! The methods of a [`Config`] that decide from today (see [`Now`]): the
//! values in force at a period, decisions set from now on, and a what-if
//! put onto a fixed past.

use super::now::{Now, STARTING};
use super::params::ParamId as P;
use super::run::Config;

impl Config {
    /// The period figures are measured from (0 without a [`Now`]).
    pub fn from_period(&self) -> u32 {
        self.now.as_ref().map_or(0, |n| n.at.min(self.periods))
    }

    /// The value of `id` in force at the start of period `at`, after its
    /// events (and the what-if, if `at` is now or later).
    pub fn in_force(&self, id: P, at: u32) -> f64 {
        let mut events: Vec<_> = self.events.iter().filter(|e| e.at <= at).collect();
        events.sort_by_key(|e| e.at);
        let mut v = self.params[id];
        let mut now_applied = false;
        for e in events {
            if let Some(now) = self.now.as_ref().filter(|n| n.at < e.at && !now_applied) {
                v = now
                    .set
                    .iter()
                    .rfind(|(i, _)| *i == id)
                    .map_or(v, |(_, x)| *x);
                now_applied = true;
            }
            if let Some((_, x)) = e.set.iter().rfind(|(i, _)| *i == id) {
                v = *x;
            }
        }
        if let Some(now) = self.now.as_ref().filter(|n| n.at <= at && !now_applied) {
            v = now
                .set
                .iter()
                .rfind(|(i, _)| *i == id)
                .map_or(v, |(_, x)| *x);
        }
        v
    }

    /// Every parameter as it stands from now on (`params` without a [`Now`]).
    pub fn params_now(&self) -> super::Params {
        let mut p = self.params;
        if let Some(now) = &self.now {
            for spec in super::PARAMS.iter() {
                p[spec.id] = self.in_force(spec.id, now.at);
            }
        }
        p
    }

    /// The starting values ([`STARTING`]) in which `whatif` differs from
    /// this run's: from a later `at` on they change nothing.
    pub fn inert(&self, whatif: &Config, at: u32) -> Vec<P> {
        if at == 0 {
            return Vec::new();
        }
        STARTING
            .into_iter()
            .filter(|id| self.params[*id].to_bits() != whatif.params[*id].to_bits())
            .collect()
    }

    /// The value of a decision as it stands from now on (`params` without a [`Now`]).
    pub fn decision(&self, id: P) -> f64 {
        match &self.now {
            Some(now) => self.in_force(id, now.at),
            None => self.params[id],
        }
    }

    /// Sets a decision: from now on with a [`Now`], from the start without.
    pub fn decide(&mut self, id: P, v: f64) {
        match &mut self.now {
            Some(now) => match now.set.iter_mut().find(|(i, _)| *i == id) {
                Some(slot) => slot.1 = v,
                None => now.set.push((id, v)),
            },
            None => self.params[id] = v,
        }
    }

    /// `whatif`'s decisions from period `at` on a past that is `self`'s: the
    /// parameters and events of `self` before `at` (and its events at `at`),
    /// every parameter in which `whatif` differs at `at` set from then on,
    /// `whatif`'s events after `at`, `whatif`'s mode and seed, and the
    /// longer of the two horizons. A starting value ([`STARTING`]) in which
    /// they differ changes nothing after period 0; [`Config::inert`] names them.
    pub fn from_today(&self, whatif: &Config, at: u32) -> Config {
        let mut out = whatif.clone();
        out.params = self.params;
        out.periods = self.periods.max(whatif.periods);
        out.events = self.events.iter().filter(|e| e.at <= at).cloned().collect();
        out.events
            .extend(whatif.events.iter().filter(|e| e.at > at).cloned());
        let mut set = Vec::new();
        for spec in super::PARAMS.iter() {
            let (past, then) = (self.in_force(spec.id, at), whatif.in_force(spec.id, at));
            let acts = at == 0 || !STARTING.contains(&spec.id);
            if past.to_bits() != then.to_bits() && acts {
                set.push((spec.id, then));
            }
        }
        let stocks = self
            .now
            .as_ref()
            .map(|n| n.stocks.clone())
            .unwrap_or_default();
        out.now = Some(Now { at, stocks, set });
        out
    }
}
