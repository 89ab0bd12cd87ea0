//! Saving over an existing scenario file: its comments and layout kept, only
//! the values that changed rewritten (with `toml_edit`).

use super::Scenario;
use crate::model::PARAMS;

/// Saving over an existing scenario file: the file's comments and layout are
/// kept, and only the values that changed are rewritten. Falls back to `None`
/// (write the whole file with [`to_toml`](crate::scenario::write::to_toml))
/// when the existing file is not a scenario with the same events, lesson and
/// play settings, or when the edited text would not read back as exactly
/// `scenario`.
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
            scenario.description.en().as_str().into(),
            scenario.description.en() != old.description.en(),
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
mod tests {
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
