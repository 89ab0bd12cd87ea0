//! The briefing a team reads before the first turn: the company's story,
//! the goal and how it is scored, the rules, what each decision means (with
//! its range in words) and what "autopilot" is. Plain texts in the language
//! in force, for the play screen, its help and the class server alike.

use crate::format::{money, number, period_word};
use crate::i18n::{tr, trf};
use crate::model::{Metric, ParamId, ParamSpec};
use crate::scenario::Scenario;
use crate::scenario::lesson::{Condition, Op};
use crate::scenario::play::slider_range;

/// One decision as the briefing tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// The parameter.
    pub id: ParamId,
    /// Its label (`R&D share of revenue`).
    pub label: String,
    /// Its range in words (`$0–$250k a week`).
    pub range: String,
    /// What it does, in one line.
    pub help: String,
}

/// What a team is told before it plays.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The company's story (`[play] briefing`, else the scenario's description).
    pub story: String,
    /// What the team plays for: the objective, in words.
    pub goal: String,
    /// The rules (`[play] require`), each in words.
    pub rules: Vec<String>,
    /// How the score is taken.
    pub score: String,
    /// What autopilot is.
    pub autopilot: String,
    /// How the game runs: turns, their length, the hidden future.
    pub turns: String,
    /// The decisions.
    pub levers: Vec<Lever>,
    /// In two seats: what this seat decides, and how the seats work together.
    pub seat: Option<String>,
}

/// The briefing of `scenario`, in the language in force.
pub fn briefing(scenario: &Scenario) -> Briefing {
    let play = &scenario.play;
    let label = &scenario.period_label;
    let story = if play.briefing.is_empty() {
        scenario.description.current().clone()
    } else {
        play.briefing.current().clone()
    };
    let periods = scenario.config.periods;
    let turn = play.turn.max(1);
    let turns = periods.div_ceil(turn);
    let word = period_word(label);
    Briefing {
        story,
        goal: goal(play.objective, &word, periods),
        rules: play.require.iter().map(rule).collect(),
        score: tr(
            "Score: 0 is autopilot and 100 the best steady policy (the best decisions held from the start); worse than autopilot scores below 0. A team that breaks a rule scores 0 at most and ranks below every team that kept them.",
        )
        .to_string(),
        autopilot: tr(
            "Autopilot: the company as it is, with no decision changed. Its line is the grey ghost on your charts.",
        )
        .to_string(),
        turns: trf(
            "{} turns of {} {}s. Set your decisions, then a plays the turn; the future is hidden until you get there.",
            &[&turns, &turn, &word],
        ),
        levers: play
            .decisions
            .iter()
            .map(|&id| lever(scenario, id))
            .collect(),
        seat: None,
    }
}

impl Briefing {
    /// The briefing of one seat: its own levers and the shared ones, and
    /// what the seat does.
    pub fn for_seat(mut self, role: Option<crate::play::seats::Role>) -> Briefing {
        use crate::play::seats::{Role, owner};
        let Some(r) = role else {
            return self;
        };
        self.levers.retain(|l| owner(l.id).is_none_or(|o| o == r));
        self.seat = Some(match r {
            Role::Product => tr(
                "You hold the product seat: you decide R&D and see product strength and the insight that arrives; the sales seat decides the sales budget and the price. A shared lever (feedback capture, latency) one seat proposes and the other accepts with y. A turn plays when both seats press a. Messages from sales reach you after the team's feedback latency.",
            ),
            Role::Sales => tr(
                "You hold the sales seat: you decide the sales budget and the price and see leads, conversion and revenue; the product seat decides R&D. A shared lever (feedback capture, latency) one seat proposes and the other accepts with y. A turn plays when both seats press a. m sends product a message: it arrives after the team's feedback latency.",
            ),
        }
        .to_string());
        self
    }
}

/// The objective in words.
fn goal(m: &Metric, word: &str, periods: u32) -> String {
    match m.name {
        "value" => trf(
            "Goal: the highest value: profit over the {} {}s (discounted) plus what the company is worth at the end.",
            &[&periods, &word],
        ),
        _ => trf(
            "Goal: after {} {}s, the highest {}.",
            &[&periods, &word, &tr(m.label).to_lowercase()],
        ),
    }
}

/// Whether a metric is an amount of money.
fn is_money(m: &Metric) -> bool {
    [
        "value",
        "pv_profit",
        "terminal_value",
        "total_revenue",
        "total_profit",
        "total_interest",
        "final_cash",
        "min_cash",
    ]
    .contains(&m.name)
}

/// The goal and the rules in one short line, for every screen:
/// "goal: highest value · cash never below $0".
pub fn headline(scenario: &Scenario) -> String {
    let play = &scenario.play;
    let m = play.objective;
    let mut parts = vec![trf("goal: highest {}", &[&tr(m.label).to_lowercase()])];
    parts.extend(play.require.iter().map(rule_words));
    parts.join(" · ")
}

/// The goal and the rules in the fewest columns, for narrow screens:
/// "value ↑ · cash ≥ $0".
pub fn headline_compact(scenario: &Scenario) -> String {
    let play = &scenario.play;
    let m = play.objective;
    let mut parts = vec![format!("{} ↑", tr(m.label).to_lowercase())];
    parts.extend(play.require.iter().map(|c| {
        let what = if c.metric.name == "min_cash" {
            tr("cash").to_string()
        } else {
            let m = c.metric;
            tr(m.label).to_lowercase()
        };
        let op = match c.op {
            Op::AtLeast => "≥",
            Op::AtMost => "≤",
            Op::Above => ">",
            Op::Below => "<",
        };
        format!("{what} {op} {}", amount(c))
    }));
    parts.join(" · ")
}

/// A requirement in words, as a rule: "Rule: cash never below $0."
pub fn rule(c: &Condition) -> String {
    trf("Rule: {}.", &[&rule_words(c)])
}

/// A requirement in words: `min_cash >= 0` is "cash never below $0".
pub fn rule_words(c: &Condition) -> String {
    let amount = amount(c);
    if c.metric.name == "min_cash" && matches!(c.op, Op::AtLeast) && !c.of_baseline {
        return trf("cash never below {}", &[&amount]);
    }
    let m = c.metric;
    let what = tr(m.label).to_lowercase();
    match c.op {
        Op::AtLeast => trf("{} at least {}", &[&what, &amount]),
        Op::AtMost => trf("{} at most {}", &[&what, &amount]),
        Op::Above => trf("{} above {}", &[&what, &amount]),
        Op::Below => trf("{} below {}", &[&what, &amount]),
    }
}

/// A requirement's right side in words: `$0`, `1.1× autopilot's`.
fn amount(c: &Condition) -> String {
    if c.of_baseline {
        trf("{}× autopilot's", &[&number(c.value)])
    } else if is_money(c.metric) {
        money(c.value)
    } else {
        number(c.value)
    }
}

/// A decision's range in words, in the scenario's period: `$0–$250k`,
/// `0–1`, narrowed by `[play.ranges]` where the scenario narrows it.
pub fn range_words(scenario: &Scenario, id: ParamId) -> String {
    let spec = crate::scenario::period::spec_in(&scenario.period_label, id);
    let (lo, hi) = scenario
        .play
        .ranges
        .iter()
        .find(|(p, _, _)| *p == id)
        .map_or_else(|| slider_range(spec), |(_, lo, hi)| (*lo, *hi));
    let show = |v: f64| {
        if spec.unit.starts_with('$') {
            money(v)
        } else {
            number(v)
        }
    };
    trf("{}–{}", &[&show(lo), &show(hi)])
}

fn lever(scenario: &Scenario, id: ParamId) -> Lever {
    let spec = ParamSpec::of(id);
    Lever {
        id,
        label: tr(spec.label).to_string(),
        range: range_words(scenario, id),
        help: tr(spec.help).to_string(),
    }
}

impl Briefing {
    /// The briefing as paragraphs: the story, the goal and rules, the
    /// score, autopilot, the turns; then a line per decision.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.story.trim().is_empty() {
            out.push(self.story.clone());
        }
        out.push(self.goal.clone());
        out.extend(self.rules.iter().cloned());
        out.push(self.score.clone());
        out.push(self.autopilot.clone());
        out.push(self.turns.clone());
        out.extend(self.seat.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::scenario::parse;

    #[test]
    fn the_briefing_tells_the_story_goal_rules_and_ranges_in_words() {
        let text = r#"
[scenario]
name = "b"
description = "A description."
periods = 104
[play]
briefing = "You run a small software company."
briefing_zh_hant = "你經營一家小型軟體公司。"
turns = 8
decisions = ["pricing.price", "product.rd_share"]
require = ["min_cash >= 0", "final_customers >= 1.1 * baseline"]
[play.ranges]
"pricing.price" = [50, 250]
"#;
        let s = parse("b.toml", text).unwrap();
        assert_eq!(s.play.turn, 13, "104 weeks in 8 turns are turns of 13");
        let b = briefing(&s);
        assert_eq!(b.story, "You run a small software company.");
        assert!(b.goal.contains("value"), "{}", b.goal);
        assert_eq!(b.rules[0], "Rule: cash never below $0.");
        assert!(b.rules[1].contains("1.1× autopilot's"), "{}", b.rules[1]);
        assert!(b.turns.starts_with("8 turns of 13 weeks"), "{}", b.turns);
        assert_eq!(b.levers[0].range, "$50–$250");
        assert_eq!(b.levers[1].range, "0–1");
        assert!(!b.levers[1].help.is_empty());
        assert_eq!(
            headline(&s),
            "goal: highest value · cash never below $0 · final customers at least 1.1× autopilot's"
        );
        assert_eq!(
            headline_compact(&s),
            "value ↑ · cash ≥ $0 · final customers ≥ 1.1× autopilot's"
        );
        let zh = with_lang(Lang::ZhHant, || briefing(&s));
        assert_eq!(zh.story, "你經營一家小型軟體公司。");
        assert!(zh.rules[0].contains("$0"), "{}", zh.rules[0]);
        assert_ne!(zh.score, b.score, "the score rule is translated");
    }

    #[test]
    fn without_a_briefing_the_description_tells_the_story() {
        let s = parse("b.toml", "[scenario]\ndescription = \"Two reps.\"\n").unwrap();
        assert_eq!(briefing(&s).story, "Two reps.");
        assert_eq!(
            briefing(&s).paragraphs().first().map(String::as_str),
            Some("Two reps.")
        );
    }

    #[test]
    fn turns_that_cannot_cut_the_run_evenly_or_disagree_with_turn_are_refused() {
        let bad = parse("b.toml", "[scenario]\nperiods = 9\n[play]\nturns = 4\n").unwrap_err();
        assert!(bad.to_string().contains("try turns = 3"), "{bad}");
        let bad = parse(
            "b.toml",
            "[scenario]\nperiods = 208\n[play]\nturn = 10\nturns = 8\n",
        )
        .unwrap_err();
        assert!(bad.to_string().contains("disagree"), "{bad}");
        let ok = parse(
            "b.toml",
            "[scenario]\nperiods = 208\n[play]\nturn = 26\nturns = 8\n",
        );
        assert_eq!(ok.unwrap().play.turn, 26);
    }
}
