//! `[play]`: how a scenario is played turn by turn: the turn length, the
//! decisions a player may take, what changing them costs, and the targets.

use toml::Spanned;
use toml::de::DeValue;

use super::lesson::unknown_metric;
use super::reader::Reader;
use crate::model::{Metric, ParamId, ParamSpec, fmt_num, metric};

/// The default turn: a quarter of weeks.
pub const DEFAULT_TURN: u32 = 13;

/// The decisions offered when a scenario names none.
pub const DEFAULT_DECISIONS: [ParamId; 5] = [
    ParamId::Price,
    ParamId::RdShare,
    ParamId::SalesShare,
    ParamId::Capture,
    ParamId::Latency,
];

/// A target: a metric that must reach a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The metric.
    pub metric: &'static Metric,
    /// The value it must reach (at least).
    pub at_least: f64,
}

/// How a scenario is played.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayConfig {
    /// Periods per turn.
    pub turn: u32,
    /// The parameters a player may set each turn.
    pub decisions: Vec<ParamId>,
    /// Cash charged once per unit of change of a parameter.
    pub costs: Vec<(ParamId, f64)>,
    /// Targets for an easy pass.
    pub easy: Vec<Target>,
    /// Targets for an expert pass.
    pub expert: Vec<Target>,
}

impl Default for PlayConfig {
    fn default() -> Self {
        PlayConfig {
            turn: DEFAULT_TURN,
            decisions: DEFAULT_DECISIONS.to_vec(),
            costs: Vec::new(),
            easy: Vec::new(),
            expert: Vec::new(),
        }
    }
}

impl PlayConfig {
    /// The cash cost of changing `id` by `delta`.
    pub fn cost(&self, id: ParamId, delta: f64) -> f64 {
        self.costs
            .iter()
            .find(|(p, _)| *p == id)
            .map_or(0.0, |(_, per)| per * delta.abs())
    }
}

const PLAY_KEYS: &[&str] = &["turn", "decisions", "costs", "targets"];

impl Reader<'_> {
    pub(super) fn play(&mut self, v: &Spanned<DeValue<'_>>) {
        let Some(t) = self.table("play", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "turn" => {
                    let max = u64::from(self.scenario.config.periods);
                    if let Some(turn) = self.whole("play.turn", v, 1, max) {
                        self.scenario.play.turn = turn as u32;
                    }
                }
                "decisions" => {
                    let ids = self.param_keys("play.decisions", v);
                    for id in &ids {
                        if ParamSpec::of(*id).initial_only {
                            self.error(
                                v.span().start,
                                crate::i18n::trf("play.decisions: {} is an initial value and cannot be decided during play", &[&id]),
                            );
                        }
                    }
                    let written = matches!(v.get_ref(), DeValue::Array(a) if !a.is_empty());
                    if ids.is_empty() && !written {
                        self.error(
                            v.span().start,
                            crate::i18n::tr("play.decisions names no parameter: list at least one")
                                .into(),
                        );
                    } else {
                        self.scenario.play.decisions = ids;
                    }
                }
                "costs" => {
                    let Some(costs) = self.table("play.costs", v) else {
                        continue;
                    };
                    for (k, v) in costs.iter() {
                        let name = k.get_ref().as_ref();
                        let Some(spec) = ParamSpec::by_key(name) else {
                            self.error(
                                k.span().start,
                                crate::i18n::trf(
                                    "play.costs: unknown parameter \"{}\"{}",
                                    &[&name, &super::suggest::param_hint(name)],
                                ),
                            );
                            continue;
                        };
                        if let Some(x) = self.number(&format!("play.costs.{name}"), v) {
                            if x < 0.0 {
                                self.error(
                                    v.span().start,
                                    crate::i18n::trf(
                                        "play.costs.{} = {} must be at least 0",
                                        &[&name, &fmt_num(x)],
                                    ),
                                );
                            } else {
                                self.scenario.play.costs.push((spec.id, x));
                            }
                        }
                    }
                }
                "targets" => {
                    let Some(targets) = self.table("play.targets", v) else {
                        continue;
                    };
                    for (k, v) in targets.iter() {
                        let level = k.get_ref().as_ref();
                        if level != "easy" && level != "expert" {
                            self.error(
                                k.span().start,
                                crate::i18n::trf(
                                    "play.targets: \"{}\" is not a level; use easy and expert",
                                    &[&level],
                                ),
                            );
                            continue;
                        }
                        let Some(t) = self.table(&format!("play.targets.{level}"), v) else {
                            continue;
                        };
                        let mut list = Vec::new();
                        for (k, v) in t.iter() {
                            let name = k.get_ref().as_ref();
                            let Some(m) = metric(name) else {
                                self.error(
                                    k.span().start,
                                    format!("play.targets.{level}: {}", unknown_metric(name)),
                                );
                                continue;
                            };
                            if let Some(x) = self.number(&format!("play.targets.{level}.{name}"), v)
                            {
                                list.push(Target {
                                    metric: m,
                                    at_least: x,
                                });
                            }
                        }
                        if level == "easy" {
                            self.scenario.play.easy = list;
                        } else {
                            self.scenario.play.expert = list;
                        }
                    }
                }
                _ => {
                    let msg = self.unknown_in("play", key, PLAY_KEYS);
                    self.error(k.span().start, msg);
                }
            }
        }
    }
}
