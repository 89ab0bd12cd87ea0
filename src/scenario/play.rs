//! `[play]`: how a scenario is played turn by turn: the turn length, the
//! decisions a player may take and the ranges they are judged over, what
//! changing them costs, the objective a board judges and the requirements a
//! run must meet, and the targets (badges).

use toml::Spanned;
use toml::de::DeValue;

use super::lesson::{Condition, parse_condition, unknown_metric};
use super::localized::{Localized, lang_of_key, table_keys};
use super::reader::Reader;
use crate::model::{Metric, ParamId, ParamSpec, fmt_num, metric};

/// The objective when `[play]` names none.
pub const DEFAULT_OBJECTIVE: &str = "value";
/// The requirement when `[play]` gives none.
pub const DEFAULT_REQUIRE: &str = "min_cash >= 0";

/// The default turn: a quarter of weeks.
pub const DEFAULT_TURN: u32 = 13;

use crate::i18n::{Text, says};
/// The decisions offered when a scenario names none (the parameter table's play set).
pub use crate::model::DEFAULT_DECISIONS;

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
    /// Targets for an easy pass (a badge).
    pub easy: Vec<Target>,
    /// Targets for an expert pass (a badge).
    pub expert: Vec<Target>,
    /// The summary metric a team is scored on.
    pub objective: &'static Metric,
    /// Conditions a run must meet to score at all.
    pub require: Vec<Condition>,
    /// Ranges that narrow decisions' slider ranges for the best steady policy.
    pub ranges: Vec<(ParamId, f64, f64)>,
    /// The company's story, told to the players before the first turn
    /// (`briefing`, `briefing_zh`, `briefing_zh_hant`); the scenario's
    /// description stands in when it is blank.
    pub briefing: Localized,
}

impl Default for PlayConfig {
    fn default() -> Self {
        PlayConfig {
            turn: DEFAULT_TURN,
            decisions: DEFAULT_DECISIONS.to_vec(),
            costs: Vec::new(),
            easy: Vec::new(),
            expert: Vec::new(),
            objective: default_objective(),
            require: default_require(),
            ranges: Vec::new(),
            briefing: Localized::default(),
        }
    }
}

fn default_objective() -> &'static Metric {
    metric(DEFAULT_OBJECTIVE).unwrap_or(&crate::model::METRICS[0])
}

fn default_require() -> Vec<Condition> {
    parse_condition(DEFAULT_REQUIRE).into_iter().collect()
}

impl PlayConfig {
    /// The cash cost of changing `id` by `delta`.
    pub fn cost(&self, id: ParamId, delta: f64) -> f64 {
        self.costs
            .iter()
            .find(|(p, _)| *p == id)
            .map_or(0.0, |(_, per)| per * delta.abs())
    }

    /// The range a decision is judged over: its slider's drawn range, or `[play.ranges]`.
    pub fn range(&self, id: ParamId) -> (f64, f64) {
        if let Some((_, lo, hi)) = self.ranges.iter().find(|(p, _, _)| *p == id) {
            return (*lo, *hi);
        }
        slider_range(ParamSpec::of(id))
    }
}

/// A slider's drawn range (`ui_min..ui_max`), kept inside the valid values.
pub fn slider_range(spec: &ParamSpec) -> (f64, f64) {
    let lo = spec.ui_min.max(spec.min);
    let lo = if spec.accepts(lo) { lo } else { spec.clamp(lo) };
    let hi = spec.ui_max.min(spec.max).max(lo);
    (lo, hi)
}

const PLAY_KEYS: &[&str] = &[
    "turn",
    "turns",
    "briefing*",
    "decisions",
    "costs",
    "targets",
    "objective",
    "require",
    "ranges",
];

impl Reader<'_> {
    pub(super) fn play(&mut self, v: &Spanned<DeValue<'_>>) {
        let Some(t) = self.table("play", v) else {
            return;
        };
        let mut range_spans = Vec::new();
        let mut turn_at = None;
        let mut turns = None;
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            match key {
                _ if lang_of_key("briefing", key).is_some() => {
                    if let (Some(lang), Some(text)) = (
                        lang_of_key("briefing", key),
                        self.string(&format!("play.{key}"), v),
                    ) {
                        self.scenario.play.briefing.set(lang, text);
                    }
                }
                "turns" => {
                    let max = u64::from(self.scenario.config.periods);
                    if let Some(n) = self.whole("play.turns", v, 1, max) {
                        turns = Some((n as u32, v.span().start));
                    }
                }
                "objective" => {
                    if let Some(m) = self.metric_name("play.objective", v) {
                        self.scenario.play.objective = m;
                    }
                }
                "require" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        self.error(
                            v.span().start,
                            says("play.require must be a list of conditions, such as [\"min_cash >= 0\"]", &[]),
                        );
                        continue;
                    };
                    let mut list = Vec::new();
                    for item in items.iter() {
                        let Some(text) = self.string("play.require", item) else {
                            continue;
                        };
                        match parse_condition(&text) {
                            Ok(c) => list.push(c),
                            Err(msg) => {
                                let msg = Text::plain("play.require: ").then(msg);
                                self.error(item.span().start, msg)
                            }
                        }
                    }
                    self.scenario.play.require = list;
                }
                "ranges" => {
                    let Some(ranges) = self.table("play.ranges", v) else {
                        continue;
                    };
                    for (k, v) in ranges.iter() {
                        let name = k.get_ref().as_ref();
                        let Some(spec) = ParamSpec::by_key(name) else {
                            self.error(
                                k.span().start,
                                says(
                                    "play.ranges: unknown parameter \"{}\"{}",
                                    &[&name, &super::suggest::param_hint(name)],
                                ),
                            );
                            continue;
                        };
                        let key = format!("play.ranges.{name}");
                        let Some(pair) = self.numbers(&key, v) else {
                            continue;
                        };
                        let [lo, hi] = pair[..] else {
                            self.error(
                                v.span().start,
                                says(
                                    "{} must be two numbers, [LOW, HIGH], such as [50, 200]",
                                    &[&key],
                                ),
                            );
                            continue;
                        };
                        if lo > hi {
                            self.error(
                                v.span().start,
                                says(
                                    "{} = [{}, {}] is reversed; write [{}, {}]",
                                    &[&key, &fmt_num(lo), &fmt_num(hi), &fmt_num(hi), &fmt_num(lo)],
                                ),
                            );
                            continue;
                        }
                        if !(self.in_range(spec, lo, v.span().start)
                            && self.in_range(spec, hi, v.span().start))
                        {
                            continue;
                        }
                        range_spans.push((spec.id, k.span().start));
                        self.scenario.play.ranges.push((spec.id, lo, hi));
                    }
                }
                "turn" => {
                    let max = u64::from(self.scenario.config.periods);
                    if let Some(turn) = self.whole("play.turn", v, 1, max) {
                        self.scenario.play.turn = turn as u32;
                        turn_at = Some(turn as u32);
                    }
                }
                "decisions" => {
                    let ids = self.param_keys("play.decisions", v);
                    for id in &ids {
                        if ParamSpec::of(*id).initial_only {
                            self.error(
                                v.span().start,
                                says("play.decisions: {} is an initial value and cannot be decided during play", &[&id]),
                            );
                        }
                    }
                    let written = matches!(v.get_ref(), DeValue::Array(a) if !a.is_empty());
                    if ids.is_empty() && !written {
                        self.error(
                            v.span().start,
                            says("play.decisions names no parameter: list at least one", &[]),
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
                                says(
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
                                    says(
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
                                says(
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
                    let msg = self.unknown_in("play", key, &table_keys(PLAY_KEYS));
                    self.error(k.span().start, msg);
                }
            }
        }
        if let Some((n, at)) = turns {
            self.turns(n, turn_at, at);
        }
        for (id, at) in range_spans {
            if !self.scenario.play.decisions.contains(&id) {
                let decisions: Vec<&str> = self
                    .scenario
                    .play
                    .decisions
                    .iter()
                    .map(|d| ParamSpec::of(*d).key)
                    .collect();
                self.error(
                    at,
                    says(
                        "play.ranges: {} is not one of play.decisions ({}); a range narrows a decision",
                        &[&id, &decisions.join(", ")],
                    ),
                );
            }
        }
    }
}

impl Reader<'_> {
    /// `turns = N`: the run cut into N turns as even as whole periods
    /// allow; beside `turn`, the two must describe the same game.
    fn turns(&mut self, n: u32, turn: Option<u32>, at: usize) {
        let periods = self.scenario.config.periods;
        let even = periods.div_ceil(n);
        // Turns of `even` periods may end the run in fewer than N (10 weeks in 4 turns of 3 is 4, fine; 9 in 4 turns of 3 is 3).
        let count = periods.div_ceil(even);
        if count != n {
            self.error(
                at,
                says(
                    "play.turns = {}: a run of {} periods cannot be cut into {} turns of whole periods; try turns = {}",
                    &[&n, &periods, &n, &count],
                ),
            );
            return;
        }
        match turn {
            Some(t) if t != even => self.error(
                at,
                says(
                    "play.turns = {} and play.turn = {} disagree: {} turns of {} cover {} periods; give one of them",
                    &[&n, &t, &n, &even, &periods],
                ),
            ),
            _ => self.scenario.play.turn = even,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse, write};

    #[test]
    fn objective_requirements_and_ranges_parse_and_round_trip() {
        let s = parse("t.toml", "").unwrap();
        assert_eq!(s.play.objective.name, DEFAULT_OBJECTIVE);
        assert_eq!(s.play.require.len(), 1);
        assert_eq!(s.play.require[0].text, DEFAULT_REQUIRE);
        let text = r#"
[play]
decisions = ["pricing.price", "sales.sales_share"]
objective = "final_customers"
require = ["min_cash >= 1000", "total_profit > 0"]
[play.ranges]
"pricing.price" = [80, 150]
"#;
        let s = parse("t.toml", text).unwrap();
        assert_eq!(s.play.objective.name, "final_customers");
        let req: Vec<&str> = s.play.require.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(req, ["min_cash >= 1000", "total_profit > 0"]);
        assert_eq!(s.play.range(ParamId::Price), (80.0, 150.0));
        let share = ParamSpec::of(ParamId::SalesShare);
        assert_eq!(
            s.play.range(ParamId::SalesShare),
            (share.ui_min, share.ui_max)
        );
        let again = parse("t.toml", &write::to_toml(&s)).unwrap();
        assert_eq!(again.play, s.play);
    }
}
