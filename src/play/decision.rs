//! A decision (a parameter changed at a period) and the run a list of
//! them makes: what the game records and the score replays.

use crate::model::{Config, Event, ParamId, ParamSpec, fmt_num};
use crate::scenario::Scenario;

/// One decision: a parameter changed at a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// The period it takes effect (0: the whole run).
    pub period: u32,
    /// The parameter.
    pub key: ParamId,
    /// Its value before.
    pub old: f64,
    /// Its value after.
    pub new: f64,
}

/// Builds the run configuration of a scenario with decisions applied: those
/// at period 0 change the starting parameters, later ones become events;
/// each decision's cost (from `[play.costs]`) is taken from cash once.
pub fn config_with(scenario: &Scenario, decisions: &[Decision], charge_costs: bool) -> Config {
    let mut cfg = scenario.config.clone();
    for d in decisions {
        let cost = if charge_costs {
            scenario.play.cost(d.key, d.new - d.old)
        } else {
            0.0
        };
        if d.period == 0 {
            cfg.params[d.key] = d.new;
            cfg.params[crate::model::ParamId::InitialCash] -= cost;
        } else {
            cfg.events.push(Event {
                at: d.period,
                // The decision by its label, in the language of the moment
                // (the reader's: the screen, the picture) — never its key.
                note: format!(
                    "{} {} → {}",
                    {
                        let spec = ParamSpec::of(d.key);
                        crate::i18n::tr(spec.label)
                    },
                    fmt_num(d.old),
                    fmt_num(d.new)
                ),
                set: vec![(d.key, d.new)],
                cash_injection: -cost,
                market_change: 0.0,
                name: String::new(),
            });
        }
    }
    cfg
}
