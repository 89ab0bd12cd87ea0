//! The rules between values along the event timeline, checked by one
//! function for a scenario however it was made: read from a file (which
//! places a broken rule at the event's key) or changed by `--set` (which
//! names the flag). The rules at the start are [`cross_field_messages`].

use super::cross_field_messages;
use crate::i18n::{Text, says};
use crate::model::{Config, ParamId};

/// A rule broken after an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// The event's index in `Config::events`.
    pub event: usize,
    /// The key the event sets that the rule names.
    pub key: ParamId,
    /// What is wrong, in the current language.
    pub text: Text,
}

/// The keys a rule names, by the key `cross_field_messages` reports it under.
fn related(id: ParamId) -> [ParamId; 2] {
    match id {
        ParamId::SalesShare | ParamId::RdShare => [ParamId::RdShare, ParamId::SalesShare],
        other => [other, ParamId::MarketSize],
    }
}

/// The cross-field rules after each event, in period order (events of one
/// period as written): an event breaks a rule when it sets one of the
/// rule's keys and the rule fails once its values apply.
pub fn timeline(cfg: &Config) -> Vec<Broken> {
    let mut order: Vec<usize> = (0..cfg.events.len()).collect();
    order.sort_by_key(|&i| cfg.events[i].at);
    let mut p = cfg.params;
    let mut found = Vec::new();
    for i in order {
        let e = &cfg.events[i];
        for &(id, v) in &e.set {
            p[id] = v;
        }
        for (id, msg) in cross_field_messages(&p) {
            let keys = related(id);
            if let Some(&(key, _)) = e.set.iter().find(|(k, _)| keys.contains(k)) {
                found.push(Broken {
                    event: i,
                    key,
                    text: says(
                        "after the event at period {} ({}): {}",
                        &[&e.at, &e.note, &msg],
                    ),
                });
            }
        }
    }
    found
}

/// An event placed after the last period.
pub fn past_horizon(at: u64, horizon: u32) -> Text {
    says(
        "event at period {} lies past the horizon ({} periods); valid is 0–{}, or raise scenario.periods",
        &[&at, &horizon, &horizon],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    #[test]
    fn an_event_breaks_a_rule_only_through_the_keys_it_sets() {
        let mut cfg = Config::default();
        cfg.params[ParamId::RdShare] = 0.5;
        cfg.params[ParamId::SalesShare] = 0.4;
        cfg.events = vec![
            Event {
                at: 20,
                note: "hire".into(),
                set: vec![(ParamId::SalesShare, 0.6)],
                ..Event::default()
            },
            Event {
                at: 10,
                note: "price".into(),
                set: vec![(ParamId::Price, 120.0)],
                ..Event::default()
            },
        ];
        let broken = timeline(&cfg);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert_eq!((broken[0].event, broken[0].key), (0, ParamId::SalesShare));
        assert!(
            broken[0]
                .text
                .to_string()
                .starts_with("after the event at period 20 (hire)")
        );
        // The market shrinking below the customers breaks the other rule.
        cfg.params[ParamId::SalesShare] = 0.3;
        cfg.params[ParamId::InitialCustomers] = 100.0;
        cfg.events[0].set = vec![(ParamId::MarketSize, 50.0)];
        let broken = timeline(&cfg);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert_eq!(broken[0].key, ParamId::MarketSize);
    }

    #[test]
    fn set_and_a_file_report_the_same_rule_in_the_same_words() {
        let mut s = crate::scenario::resolve("balanced").unwrap();
        s.config.events.push(Event {
            at: 30,
            note: "shrink".into(),
            set: vec![(ParamId::MarketSize, 1.0)],
            ..Event::default()
        });
        let err = crate::scenario::load::apply_set(&mut s, &["market.initial_customers=50".into()])
            .unwrap_err()
            .to_string();
        let want = &timeline(&s.config)[0].text;
        assert!(
            err.contains("--set") && err.contains(want.to_string().as_str()),
            "{err}"
        );
    }
}
