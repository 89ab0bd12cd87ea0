//! Scenarios side by side: the headline results of each, and the parameters
//! in which they differ, for a planning deck.

use crate::model::{Event, METRICS, Metric, PARAMS, ParamSpec, fmt_num, simulate, summarize};
use crate::scenario::Scenario;
use crate::scenario::keys::CASH_INJECTION;

/// The headline metrics compared, in order.
pub const HEADLINE: [&str; 9] = [
    "value",
    "total_revenue",
    "total_profit",
    "final_customers",
    "final_strength",
    "final_cash",
    "min_cash",
    "peak_acquisition_period",
    "ltv_cac",
];

/// One metric across the scenarios.
#[derive(Debug, Clone)]
pub struct MetricRow {
    /// The metric.
    pub metric: &'static Metric,
    /// Its value in each scenario (`None`: undefined there).
    pub values: Vec<Option<f64>>,
}

/// One parameter that is not the same in every scenario.
#[derive(Debug, Clone)]
pub struct ParamRow {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// Its value (at period 0) in each scenario.
    pub values: Vec<f64>,
}

/// One event that is not the same in every scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The event.
    pub event: Event,
    /// Whether each scenario has it (the same period, note and settings).
    pub present: Vec<bool>,
    /// Its note in every language the scenario's file gave it.
    pub note: crate::scenario::Localized,
}

impl EventRow {
    /// What the event sets, as written: `pricing.price=70, finance.cash_injection=1000000`.
    pub fn settings(&self) -> String {
        let e = &self.event;
        let mut sets: Vec<String> = e
            .set
            .iter()
            .map(|(id, v)| format!("{}={}", ParamSpec::of(*id).key, fmt_num(*v)))
            .collect();
        if e.market_change != 0.0 {
            sets.push(format!(
                "{}={}",
                crate::scenario::keys::MARKET_CHANGE,
                fmt_num(e.market_change)
            ));
        }
        if e.cash_injection != 0.0 {
            sets.push(format!("{CASH_INJECTION}={}", fmt_num(e.cash_injection)));
        }
        sets.join(", ")
    }
}

/// The comparison.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Each scenario's name (its file or preset where two share a name).
    pub names: Vec<String>,
    /// Horizon and period of each, as "208 weeks".
    pub horizons: Vec<String>,
    /// The headline metrics.
    pub metrics: Vec<MetricRow>,
    /// The parameters that differ.
    pub params: Vec<ParamRow>,
    /// The events that differ, in the order of their periods.
    pub events: Vec<EventRow>,
}

/// Compares the scenarios (the first is the one the changes are against).
pub fn compare(scenarios: &[Scenario]) -> Comparison {
    let summaries: Vec<_> = scenarios
        .iter()
        .map(|s| summarize(&simulate(&s.config)))
        .collect();
    let mut names: Vec<String> = scenarios.iter().map(|s| s.name.clone()).collect();
    for i in 0..names.len() {
        if names.iter().filter(|n| **n == names[i]).count() > 1 {
            names[i] = scenarios[i].source.clone();
        }
    }
    let metrics = HEADLINE
        .iter()
        .filter_map(|n| METRICS.iter().find(|m| m.name == *n))
        .map(|m| MetricRow {
            metric: m,
            values: summaries.iter().map(|s| (m.get)(s)).collect(),
        })
        .collect();
    let params = PARAMS
        .iter()
        .filter_map(|spec| {
            let values: Vec<f64> = scenarios
                .iter()
                .map(|s| s.config.params_now()[spec.id])
                .collect();
            values
                .iter()
                .any(|v| *v != values[0])
                .then_some(ParamRow { spec, values })
        })
        .collect();
    let mut events: Vec<EventRow> = Vec::new();
    for s in scenarios {
        for e in &s.config.events {
            if events.iter().any(|r| r.event == *e) {
                continue;
            }
            let present: Vec<bool> = scenarios
                .iter()
                .map(|o| o.config.events.contains(e))
                .collect();
            if present.iter().any(|p| !p) {
                events.push(EventRow {
                    event: e.clone(),
                    present,
                    note: s.note_texts(&e.note),
                });
            }
        }
    }
    events.sort_by_key(|r| r.event.at);
    Comparison {
        names,
        horizons: scenarios
            .iter()
            .map(|s| format!("{} {}s", s.config.periods, s.period_label))
            .collect(),
        metrics,
        params,
        events,
    }
}
