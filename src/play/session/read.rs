//! Reading session text: `[session]`, `[[decisions]]`, `[[predictions]]`
//! and `[[goals]]`, each problem located, and the embedded scenario checked.

use crate::i18n::{Text, says};
use toml::de::{DeTable, DeValue};

use super::{Decision, GoalRecord, Kind, PredictionRecord, Session};
use crate::model::ParamSpec;
use crate::scenario::Diagnostics;

/// Parses session text; `file` names it in messages.
pub fn parse_session(file: &str, text: &str) -> Result<Session, Diagnostics> {
    let src = crate::scenario::source_map(file, text);
    let doc = DeTable::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        Diagnostics::from(src.at(at, says("invalid TOML: {}", &[&e.message().trim_end()])))
    })?;
    let mut errors = Vec::new();
    let mut err = |at: usize, m: Text| errors.push(src.at(at, m));
    let mut session = Session {
        kind: Kind::Explore,
        player: String::new(),
        scenario_toml: String::new(),
        seed: 1,
        ..Session::default()
    };
    let mut has_scenario = false;
    for (k, v) in doc.get_ref().iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("session", DeValue::Table(t)) => {
                for (k, v) in t.iter() {
                    let at = v.span().start;
                    match (k.get_ref().as_ref(), v.get_ref()) {
                        ("kind", DeValue::String(s)) if s == "play" => session.kind = Kind::Play,
                        ("kind", DeValue::String(s)) if s == "explore" => {
                            session.kind = Kind::Explore
                        }
                        ("kind", _) => err(
                            at,
                            says("session.kind must be \"play\" or \"explore\"", &[]),
                        ),
                        ("player", DeValue::String(s)) => session.player = s.to_string(),
                        ("scenario", DeValue::String(s)) => {
                            session.scenario_toml = s.to_string();
                            has_scenario = true;
                        }
                        ("seed", DeValue::Integer(i)) => {
                            match u64::from_str_radix(i.as_str(), i.radix()) {
                                Ok(n) => session.seed = n,
                                Err(_) => err(
                                    at,
                                    says(
                                        "session.seed must be a whole number 0–18446744073709551615",
                                        &[],
                                    ),
                                ),
                            }
                        }
                        ("stochastic", DeValue::Boolean(b)) => session.stochastic = *b,
                        ("seats", DeValue::Integer(i)) if matches!(i.as_str(), "1" | "2") => {
                            session.two_seats = i.as_str() == "2"
                        }
                        ("seats", _) => err(at, says("session.seats must be 1 or 2", &[])),
                        (key @ ("player" | "scenario" | "seed" | "stochastic"), _) => {
                            err(at, says("session.{} has the wrong type", &[&key]))
                        }
                        (key, _) => err(
                            k.span().start,
                            says(
                                "unknown key \"{}\" in [session]; valid keys are: kind, player, seed, stochastic, scenario, seats",
                                &[&key],
                            ),
                        ),
                    }
                }
            }
            ("decisions", DeValue::Array(items)) => {
                for item in items.iter() {
                    let DeValue::Table(t) = item.get_ref() else {
                        err(
                            item.span().start,
                            says("each decision must be a [[decisions]] table", &[]),
                        );
                        continue;
                    };
                    match decision(t) {
                        Ok(d) => session.decisions.push(d),
                        Err((at, m)) => err(if at == 0 { item.span().start } else { at }, m),
                    }
                }
            }
            ("predictions", DeValue::Array(items)) => {
                for item in items.iter() {
                    match record(item, &["step", "choice", "correct", "right"]) {
                        Ok(t) => match (t.get("step"), t.get("choice")) {
                            (Some(&step), Some(&choice)) => {
                                session.predictions.push(PredictionRecord {
                                    step: step as usize,
                                    choice: choice as usize,
                                    correct: t.get("correct").map(|c| *c as usize),
                                })
                            }
                            _ => err(
                                item.span().start,
                                says("a prediction needs step and choice", &[]),
                            ),
                        },
                        Err((at, m)) => err(at, m),
                    }
                }
            }
            ("goals", DeValue::Array(items)) => {
                for item in items.iter() {
                    match record(item, &["step", "met"]) {
                        Ok(t) => match (t.get("step"), t.get("met")) {
                            (Some(&step), Some(&met)) => session.goals.push(GoalRecord {
                                step: step as usize,
                                met: met != 0,
                            }),
                            _ => err(item.span().start, says("a goal needs step and met", &[])),
                        },
                        Err((at, m)) => err(at, m),
                    }
                }
            }
            ("messages", DeValue::Array(items)) => {
                for item in items.iter() {
                    match message(item) {
                        Ok(m) => session.messages.push(m),
                        Err((at, m)) => err(at, m),
                    }
                }
            }
            (key, _) => err(
                k.span().start,
                says(
                    "unknown section \"{}\"; a session has [session], [[decisions]], [[predictions]], [[goals]] and [[messages]]",
                    &[&key],
                ),
            ),
        }
    }
    if !has_scenario {
        err(
            0,
            says("the session has no scenario text (session.scenario)", &[]),
        );
    }
    if errors.is_empty() {
        // The embedded scenario must itself be valid.
        session.scenario(file)?;
        Ok(session)
    } else {
        Err(Diagnostics(errors))
    }
}

/// A `[[predictions]]` or `[[goals]]` table: whole numbers from 1 (steps,
/// choices) and true/false flags (as 1 and 0), by key.
fn record(
    item: &toml::Spanned<DeValue<'_>>,
    keys: &[&str],
) -> Result<std::collections::HashMap<String, u64>, (usize, Text)> {
    let DeValue::Table(t) = item.get_ref() else {
        return Err((item.span().start, "each record must be a table".into()));
    };
    let mut out = std::collections::HashMap::new();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if !keys.contains(&key) {
            return Err((
                k.span().start,
                says(
                    "unknown key \"{}\"; valid keys are: {}",
                    &[&key, &keys.join(", ")],
                ),
            ));
        }
        let n = match v.get_ref() {
            DeValue::Boolean(b) => u64::from(*b),
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (1..=10_000).contains(&n) => n,
                _ => {
                    return Err((
                        v.span().start,
                        says("{} must be a whole number 1–10000", &[&key]),
                    ));
                }
            },
            _ => {
                return Err((
                    v.span().start,
                    says("{} must be a whole number (or true/false)", &[&key]),
                ));
            }
        };
        out.insert(key.to_string(), n);
    }
    Ok(out)
}

fn decision(t: &DeTable<'_>) -> Result<Decision, (usize, Text)> {
    let get = |k: &str| t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v);
    let num = |k: &str| -> Result<f64, (usize, Text)> {
        let v = get(k).ok_or((0, says("a decision needs {}", &[&k])))?;
        let x = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => crate::scenario::load::parse_number(f.as_str()),
            _ => None,
        };
        x.filter(|x| x.is_finite()).ok_or((
            v.span().start,
            says("decision {} must be a finite number", &[&k]),
        ))
    };
    let key_v = get("key").ok_or((0, says("a decision needs key", &[])))?;
    let key = key_v.get_ref().as_str().unwrap_or_default();
    let spec = ParamSpec::by_key(key).ok_or((
        key_v.span().start,
        says("decision key \"{}\" is not a parameter", &[&key]),
    ))?;
    let period = num("period")?;
    if period < 0.0
        || period.fract() != 0.0
        || period > f64::from(crate::scenario::load::MAX_PERIODS)
    {
        return Err((
            0,
            says(
                "decision period {} must be a whole number 0–10000",
                &[&period],
            ),
        ));
    }
    let (old, new) = (num("old")?, num("new")?);
    crate::scenario::load::check_value(spec, new)
        .map_err(|m| (0, Text::plain("decision: ").then(m)))?;
    Ok(Decision {
        period: period as u32,
        key: spec.id,
        old,
        new,
    })
}

/// A `[[messages]]` table: `sent` and `arrives` (periods) and `text`.
fn message(
    item: &toml::Spanned<DeValue<'_>>,
) -> Result<crate::play::seats::Message, (usize, Text)> {
    let at = item.span().start;
    let DeValue::Table(t) = item.get_ref() else {
        return Err((at, says("each message must be a [[messages]] table", &[])));
    };
    let mut sent = None;
    let mut arrives = None;
    let mut text = None;
    for (k, v) in t.iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            (key @ ("sent" | "arrives"), DeValue::Integer(i)) => {
                let n = u32::from_str_radix(i.as_str(), i.radix()).map_err(|_| {
                    (
                        v.span().start,
                        says("messages.{} must be a whole number of periods", &[&key]),
                    )
                })?;
                if key == "sent" {
                    sent = Some(n);
                } else {
                    arrives = Some(n);
                }
            }
            ("text", DeValue::String(s)) => text = Some(s.to_string()),
            (key, _) => {
                return Err((
                    k.span().start,
                    says(
                        "unknown key \"{}\" in [[messages]]; valid keys are: sent, arrives, text",
                        &[&key],
                    ),
                ));
            }
        }
    }
    match (sent, arrives, text) {
        (Some(sent), Some(arrives), Some(text)) if arrives >= sent => {
            Ok(crate::play::seats::Message {
                sent,
                arrives,
                text,
            })
        }
        _ => Err((
            at,
            says(
                "a message needs sent, arrives (not before sent) and text",
                &[],
            ),
        )),
    }
}
