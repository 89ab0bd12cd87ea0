//! Writing a scenario back out as TOML that parses to the same scenario.

use std::fmt::Write as _;

use super::keys::CASH_INJECTION;
use super::localized::{Given, Localized};
pub use super::update::update_toml;
use super::{Lesson, PlayConfig, Scenario};
use crate::i18n::Lang;
use crate::model::{PARAMS, ParamSpec, Section};

/// The scenario as a TOML file: metadata, every parameter that differs from
/// the defaults (with its help as a comment), and the events.
pub fn to_toml(scenario: &Scenario) -> String {
    let mut out = String::new();
    let cfg = &scenario.config;
    out.push_str("[scenario]\n");
    let _ = writeln!(out, "name = {}", quote(&scenario.name));
    for (key, text) in versions("description", &scenario.description) {
        let _ = writeln!(out, "{key} = {}", quote(text));
    }
    let _ = writeln!(out, "periods = {}", cfg.periods);
    let _ = writeln!(out, "period_label = {}", quote(&scenario.period_label));
    if let Some(day) = scenario.start {
        let _ = writeln!(out, "start = {}", quote(&day.to_string()));
    }
    let _ = writeln!(out, "seed = {}", cfg.seed);
    let _ = writeln!(out, "stochastic = {}", cfg.stochastic);
    if cfg.substeps != crate::model::DEFAULT_SUBSTEPS {
        let _ = writeln!(out, "substeps = {}", cfg.substeps);
    }

    write_lesson(&mut out, &scenario.lesson);
    write_play(&mut out, &scenario.play);

    for section in Section::ALL {
        let changed: Vec<&ParamSpec> = PARAMS
            .iter()
            .filter(|p| p.section == section && cfg.params[p.id] != p.default)
            .collect();
        if changed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[{}]", section.key());
        for spec in changed {
            let _ = writeln!(
                out,
                "{} = {}  # {} ({})",
                spec.name,
                number(cfg.params[spec.id]),
                spec.help.trim_end_matches('.'),
                spec.unit
            );
        }
    }

    for e in &cfg.events {
        out.push_str("\n[[events]]\n");
        if !e.name.is_empty() {
            let _ = writeln!(out, "name = {}", quote(&e.name));
        }
        let _ = writeln!(out, "at = {}", e.at);
        let note = scenario.note_texts(&e.note);
        let notes = versions("note", &note);
        if notes.is_empty() {
            let _ = writeln!(out, "note = {}", quote(&e.note));
        }
        for (key, text) in notes {
            let _ = writeln!(out, "{key} = {}", quote(text));
        }
        let mut parts: Vec<String> = e
            .set
            .iter()
            .map(|(id, v)| format!("{} = {}", quote(ParamSpec::of(*id).key), number(*v)))
            .collect();
        if e.cash_injection != 0.0 {
            parts.push(format!(
                "{} = {}",
                quote(CASH_INJECTION),
                number(e.cash_injection)
            ));
        }
        if e.market_change != 0.0 {
            parts.push(format!(
                "{} = {}",
                quote(super::keys::MARKET_CHANGE),
                number(e.market_change)
            ));
        }
        let _ = writeln!(out, "set = {{ {} }}", parts.join(", "));
    }
    out
}

fn write_lesson(out: &mut String, lesson: &Lesson) {
    if *lesson == Lesson::default() {
        return;
    }
    out.push_str("\n[lesson]\n");
    let texts = versions("title", &lesson.title);
    for (key, text) in texts
        .into_iter()
        .chain(versions("summary", &lesson.summary))
    {
        let _ = writeln!(out, "{key} = {}", quote(text));
    }
    for step in &lesson.steps {
        out.push_str("\n[[lesson.steps]]\n");
        let texts = versions("title", &step.title);
        for (key, text) in texts.into_iter().chain(versions("text", &step.text)) {
            let _ = writeln!(out, "{key} = {}", quote(text));
        }
        if let Some(unlock) = &step.unlock {
            let keys: Vec<String> = unlock
                .iter()
                .map(|id| quote(ParamSpec::of(*id).key))
                .collect();
            let _ = writeln!(out, "unlock = [{}]", keys.join(", "));
        }
        if !step.teaches.is_empty() {
            let keys: Vec<String> = step
                .teaches
                .iter()
                .map(|id| quote(ParamSpec::of(*id).key))
                .collect();
            let _ = writeln!(out, "teaches = [{}]", keys.join(", "));
        }
        for (key, list) in versions("debrief", &step.debrief) {
            let _ = writeln!(
                out,
                "{key} = [{}]",
                list.iter().map(|q| quote(q)).collect::<Vec<_>>().join(", ")
            );
        }
        if let Some(p) = &step.predict {
            let list = |v: &[String]| v.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
            let mut parts: Vec<String> = versions("question", &p.question)
                .into_iter()
                .map(|(key, text)| format!("{key} = {}", quote(text)))
                .chain(
                    versions("choices", &p.choices)
                        .into_iter()
                        .map(|(key, v)| format!("{key} = [{}]", list(v))),
                )
                .collect();
            parts.extend([
                format!("metric = {}", quote(p.metric.name)),
                format!(
                    "thresholds = [{}]",
                    p.thresholds
                        .iter()
                        .map(|t| number(*t))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                format!("relative = {}", p.relative),
            ]);
            if !p.set.is_empty() {
                let set: Vec<String> = p
                    .set
                    .iter()
                    .map(|(id, v)| format!("{} = {}", quote(ParamSpec::of(*id).key), number(*v)))
                    .collect();
                parts.push(format!("set = {{ {} }}", set.join(", ")));
            }
            let _ = writeln!(out, "predict = {{ {} }}", parts.join(", "));
        }
        if let Some(g) = &step.goal {
            let mut parts: Vec<String> = versions("text", &g.text)
                .into_iter()
                .map(|(key, text)| format!("{key} = {}", quote(text)))
                .collect();
            parts.push(format!(
                "all = [{}]",
                g.all
                    .iter()
                    .map(|c| quote(&c.text))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            let _ = writeln!(out, "goal = {{ {} }}", parts.join(", "));
        }
    }
}

/// Each version of a text the author wrote, with its key (`text`,
/// `text_zh`, ...), English first.
fn versions<'a, T: Given>(field: &str, text: &'a Localized<T>) -> Vec<(String, &'a T)> {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            text.get(lang)
                .map(|t| (format!("{field}{}", lang.suffix()), t))
        })
        .collect()
}

fn write_play(out: &mut String, play: &PlayConfig) {
    if *play == PlayConfig::default() {
        return;
    }
    out.push_str("\n[play]\n");
    let _ = writeln!(out, "turn = {}", play.turn);
    for (key, text) in versions("briefing", &play.briefing) {
        let _ = writeln!(out, "{key} = {}", quote(text));
    }
    let keys: Vec<String> = play
        .decisions
        .iter()
        .map(|id| quote(ParamSpec::of(*id).key))
        .collect();
    let _ = writeln!(out, "decisions = [{}]", keys.join(", "));
    let _ = writeln!(out, "objective = {}", quote(play.objective.name));
    let require: Vec<String> = play.require.iter().map(|c| quote(&c.text)).collect();
    let _ = writeln!(out, "require = [{}]", require.join(", "));
    if !play.ranges.is_empty() {
        out.push_str("\n[play.ranges]\n");
        for (id, lo, hi) in &play.ranges {
            let _ = writeln!(
                out,
                "{} = [{}, {}]",
                quote(ParamSpec::of(*id).key),
                number(*lo),
                number(*hi)
            );
        }
    }
    if !play.costs.is_empty() {
        out.push_str("\n[play.costs]\n");
        for (id, per) in &play.costs {
            let _ = writeln!(out, "{} = {}", quote(ParamSpec::of(*id).key), number(*per));
        }
    }
    for (level, targets) in [("easy", &play.easy), ("expert", &play.expert)] {
        if !targets.is_empty() {
            let _ = writeln!(out, "\n[play.targets.{level}]");
            for t in targets {
                let _ = writeln!(out, "{} = {}", t.metric.name, number(t.at_least));
            }
        }
    }
}

/// A TOML basic string with escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number that TOML reads back to the same f64.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:?}");
        if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("NaN") {
            s
        } else {
            format!("{s}.0")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{PRESETS, parse};

    #[test]
    fn every_preset_round_trips() {
        for p in PRESETS {
            let original = p.load().unwrap();
            let text = to_toml(&original);
            let mut back = parse(&original.source, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            back.source = original.source.clone();
            assert_eq!(back, original, "{}", p.name);
        }
    }

    #[test]
    fn odd_text_survives() {
        let s = Scenario {
            name: "引号 \"quoted\" \\ tab\t".into(),
            description: "line one\nline two".into(),
            ..Scenario::default()
        };
        let back = parse("x", &to_toml(&s)).unwrap();
        assert_eq!(back.name, s.name);
        assert_eq!(back.description, s.description);
    }
}
