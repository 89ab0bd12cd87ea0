//! Writing a scenario back out as TOML that parses to the same scenario.

use std::fmt::Write as _;

use super::keys::CASH_INJECTION;
use super::{Lesson, PlayConfig, Scenario};
use crate::model::{PARAMS, ParamSpec, Section};

/// The scenario as a TOML file: metadata, every parameter that differs from
/// the defaults (with its help as a comment), and the events.
pub fn to_toml(scenario: &Scenario) -> String {
    let mut out = String::new();
    let cfg = &scenario.config;
    out.push_str("[scenario]\n");
    let _ = writeln!(out, "name = {}", quote(&scenario.name));
    if !scenario.description.is_empty() {
        let _ = writeln!(out, "description = {}", quote(&scenario.description));
    }
    if !scenario.description_zh.is_empty() {
        let _ = writeln!(out, "description_zh = {}", quote(&scenario.description_zh));
    }
    if !scenario.description_zh_hant.is_empty() {
        let _ = writeln!(
            out,
            "description_zh_hant = {}",
            quote(&scenario.description_zh_hant)
        );
    }
    let _ = writeln!(out, "periods = {}", cfg.periods);
    let _ = writeln!(out, "period_label = {}", quote(&scenario.period_label));
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
        let _ = writeln!(out, "at = {}", e.at);
        let _ = writeln!(out, "note = {}", quote(&e.note));
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
        let _ = writeln!(out, "set = {{ {} }}", parts.join(", "));
    }
    out
}

fn write_lesson(out: &mut String, lesson: &Lesson) {
    if *lesson == Lesson::default() {
        return;
    }
    out.push_str("\n[lesson]\n");
    for (key, text) in [
        ("title", &lesson.title),
        ("title_zh", &lesson.title_zh),
        ("title_zh_hant", &lesson.title_zh_hant),
        ("summary", &lesson.summary),
        ("summary_zh", &lesson.summary_zh),
        ("summary_zh_hant", &lesson.summary_zh_hant),
    ] {
        if !text.is_empty() {
            let _ = writeln!(out, "{key} = {}", quote(text));
        }
    }
    for step in &lesson.steps {
        out.push_str("\n[[lesson.steps]]\n");
        for (key, text) in [
            ("title", &step.title),
            ("title_zh", &step.title_zh),
            ("title_zh_hant", &step.title_zh_hant),
            ("text", &step.text),
            ("text_zh", &step.text_zh),
            ("text_zh_hant", &step.text_zh_hant),
        ] {
            if !text.is_empty() {
                let _ = writeln!(out, "{key} = {}", quote(text));
            }
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
        for (key, list) in [
            ("debrief", &step.debrief),
            ("debrief_zh", &step.debrief_zh),
            ("debrief_zh_hant", &step.debrief_zh_hant),
        ] {
            if !list.is_empty() {
                let _ = writeln!(
                    out,
                    "{key} = [{}]",
                    list.iter().map(|q| quote(q)).collect::<Vec<_>>().join(", ")
                );
            }
        }
        if let Some(p) = &step.predict {
            let list = |v: &[String]| v.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
            let mut parts = vec![
                format!("question = {}", quote(&p.question)),
                format!("choices = [{}]", list(&p.choices)),
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
            ];
            if !p.question_zh.is_empty() {
                parts.push(format!("question_zh = {}", quote(&p.question_zh)));
            }
            if !p.choices_zh.is_empty() {
                parts.push(format!("choices_zh = [{}]", list(&p.choices_zh)));
            }
            if !p.set.is_empty() {
                let set: Vec<String> = p
                    .set
                    .iter()
                    .map(|(id, v)| format!("{} = {}", quote(ParamSpec::of(*id).key), number(*v)))
                    .collect();
                parts.push(format!("set = {{ {} }}", set.join(", ")));
            }
            if !p.question_zh_hant.is_empty() {
                parts.push(format!("question_zh_hant = {}", quote(&p.question_zh_hant)));
            }
            if !p.choices_zh_hant.is_empty() {
                parts.push(format!("choices_zh_hant = [{}]", list(&p.choices_zh_hant)));
            }
            let _ = writeln!(out, "predict = {{ {} }}", parts.join(", "));
        }
        if let Some(g) = &step.goal {
            let mut parts = vec![
                format!("text = {}", quote(&g.text)),
                format!(
                    "all = [{}]",
                    g.all
                        .iter()
                        .map(|c| quote(&c.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ];
            if !g.text_zh.is_empty() {
                parts.push(format!("text_zh = {}", quote(&g.text_zh)));
            }
            if !g.text_zh_hant.is_empty() {
                parts.push(format!("text_zh_hant = {}", quote(&g.text_zh_hant)));
            }
            let _ = writeln!(out, "goal = {{ {} }}", parts.join(", "));
        }
    }
}

fn write_play(out: &mut String, play: &PlayConfig) {
    if *play == PlayConfig::default() {
        return;
    }
    out.push_str("\n[play]\n");
    let _ = writeln!(out, "turn = {}", play.turn);
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

/// Saving over an existing scenario file: the file's comments and layout are
/// kept, and only the values that changed are rewritten. Falls back to `None`
/// (write the whole file with [`to_toml`]) when the existing file is not a
/// scenario with the same events, lesson and play settings, or when the
/// edited text would not read back as exactly `scenario`.
pub fn update_toml(existing: &str, scenario: &Scenario) -> Option<String> {
    let old = super::parse("existing", existing).ok()?;
    if old.config.events != scenario.config.events
        || old.lesson != scenario.lesson
        || old.play != scenario.play
    {
        return None;
    }
    let mut doc: toml_edit::DocumentMut = existing.parse().ok()?;
    let cfg = &scenario.config;
    let meta: [(&str, toml_edit::Value, bool); 6] = [
        (
            "name",
            scenario.name.as_str().into(),
            scenario.name != old.name,
        ),
        (
            "description",
            scenario.description.as_str().into(),
            scenario.description != old.description,
        ),
        (
            "periods",
            i64::from(cfg.periods).into(),
            cfg.periods != old.config.periods,
        ),
        (
            "seed",
            i64::try_from(cfg.seed).ok()?.into(),
            cfg.seed != old.config.seed,
        ),
        (
            "stochastic",
            cfg.stochastic.into(),
            cfg.stochastic != old.config.stochastic,
        ),
        (
            "substeps",
            i64::from(cfg.substeps).into(),
            cfg.substeps != old.config.substeps,
        ),
    ];
    for (key, value, changed) in meta {
        if changed {
            set_value(&mut doc, "scenario", key, value);
        }
    }
    for spec in PARAMS.iter() {
        let v = cfg.params[spec.id];
        if v != old.config.params[spec.id] {
            let value: toml_edit::Value = if v.fract() == 0.0 && v.abs() < 1e15 {
                (v as i64).into()
            } else {
                v.into()
            };
            set_value(&mut doc, spec.section.key(), spec.name, value);
        }
    }
    let text = doc.to_string();
    let mut back = super::parse("updated", &text).ok()?;
    back.source = scenario.source.clone();
    (back == *scenario).then_some(text)
}

/// Sets `[section] key = value`, keeping the old value's comments and spacing.
fn set_value(
    doc: &mut toml_edit::DocumentMut,
    section: &str,
    key: &str,
    mut value: toml_edit::Value,
) {
    let root = doc.as_table_mut();
    if !root.contains_key(section) {
        let mut t = toml_edit::Table::new();
        t.set_implicit(false);
        root.insert(section, toml_edit::Item::Table(t));
    }
    let Some(table) = root.get_mut(section).and_then(|i| i.as_table_like_mut()) else {
        return;
    };
    match table.get_mut(key).and_then(|i| i.as_value_mut()) {
        Some(old) => {
            let decor = old.decor().clone();
            *value.decor_mut() = decor;
            *old = value;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(value));
        }
    }
}

#[cfg(test)]
mod update_tests {
    use super::*;
    use crate::model::ParamId;
    use crate::scenario::parse;

    const FILE: &str = "# My plan: keep this comment\n[scenario]\nname = \"plan\"  # the name\n\n[feedback]\n# why 12: the roadmap is quarterly\nlatency = 12   # weeks\ncapture = 0.5\n";

    #[test]
    fn comments_and_layout_survive_a_save() {
        let mut s = parse("plan.toml", FILE).unwrap();
        s.config.params[ParamId::Latency] = 4.0;
        s.config.params[ParamId::Price] = 80.0;
        let text = update_toml(FILE, &s).unwrap();
        assert!(text.contains("# My plan: keep this comment"));
        assert!(text.contains("# why 12: the roadmap is quarterly"));
        assert!(text.contains("latency = 4   # weeks"), "{text}");
        assert!(text.contains("[pricing]\nprice = 80"), "{text}");
        let mut back = parse("plan.toml", &text).unwrap();
        back.source = s.source.clone();
        assert_eq!(back, s);
    }

    #[test]
    fn a_file_of_another_scenario_is_rewritten_whole() {
        let s = crate::scenario::resolve("competitor-shock").unwrap();
        assert_eq!(
            update_toml(FILE, &s),
            None,
            "its events are not in the file"
        );
        assert_eq!(update_toml("not = [toml", &s), None);
    }
}
