//! Session files: a play or explore session saved with everything needed to
//! reproduce it: the scenario's own text, the seed and mode, and every
//! decision with its period and old and new value.

use std::fmt::Write as _;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::game::{Decision, config_with};
use crate::model::{Config, ParamSpec};
use crate::scenario::{Diagnostic, Diagnostics, Scenario, parse};

/// The largest session file read, in bytes.
pub const MAX_SESSION_BYTES: u64 = 4 * 1024 * 1024;

/// What kind of session it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Turn-based play: decisions cost what `[play.costs]` says.
    Play,
    /// Free exploration: changes apply from period 0, at no cost.
    #[default]
    Explore,
}

/// A lesson prediction answered while exploring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PredictionRecord {
    /// The lesson step, numbered from 1 as on screen.
    pub step: usize,
    /// The choice picked, numbered from 1 as on screen.
    pub choice: usize,
    /// The right choice for the question's run (from 1); `None` when the run could not score it.
    pub correct: Option<usize>,
}

impl PredictionRecord {
    /// Whether the prediction was right.
    pub fn is_right(&self) -> bool {
        self.correct == Some(self.choice)
    }
}

/// A lesson goal's result while exploring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalRecord {
    /// The lesson step, numbered from 1 as on screen.
    pub step: usize,
    /// Whether the goal was met while the step was shown.
    pub met: bool,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Play => "play",
            Kind::Explore => "explore",
        }
    }
}

/// A saved session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// Play or explore.
    pub kind: Kind,
    /// Who played (a name or a team).
    pub player: String,
    /// The scenario's TOML text, as it was loaded.
    pub scenario_toml: String,
    /// The seed of the run.
    pub seed: u64,
    /// Whether flows were drawn.
    pub stochastic: bool,
    /// Every decision, in the order taken.
    pub decisions: Vec<Decision>,
    /// The lesson predictions answered, in step order.
    pub predictions: Vec<PredictionRecord>,
    /// The lesson goals tried (steps shown that have one), in step order.
    pub goals: Vec<GoalRecord>,
}

impl Session {
    /// The scenario, parsed from the session's own copy of its text.
    pub fn scenario(&self, file: &str) -> Result<Scenario, Diagnostics> {
        let mut s = parse(&format!("{file} (embedded scenario)"), &self.scenario_toml)?;
        s.config.seed = self.seed;
        s.config.stochastic = self.stochastic;
        Ok(s)
    }

    /// The run the session describes.
    pub fn config(&self, file: &str) -> Result<(Scenario, Config), Diagnostics> {
        let s = self.scenario(file)?;
        let cfg = config_with(&s, &self.decisions, self.kind == Kind::Play);
        Ok((s, cfg))
    }

    /// The session as a TOML file.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# A flywheel session: replay it with `flywheel replay FILE`.\n\n[session]\n",
        );
        let _ = writeln!(out, "kind = \"{}\"", self.kind.as_str());
        let _ = writeln!(
            out,
            "player = {}",
            crate::scenario::write::quote(&self.player)
        );
        let _ = writeln!(out, "seed = {}", self.seed);
        let _ = writeln!(out, "stochastic = {}", self.stochastic);
        let _ = writeln!(
            out,
            "scenario = {}",
            crate::scenario::write::quote(&self.scenario_toml)
        );
        for d in &self.decisions {
            out.push_str("\n[[decisions]]\n");
            let _ = writeln!(out, "period = {}", d.period);
            let _ = writeln!(out, "key = \"{}\"", ParamSpec::of(d.key).key);
            let _ = writeln!(out, "old = {:?}", d.old);
            let _ = writeln!(out, "new = {:?}", d.new);
        }
        for p in &self.predictions {
            out.push_str("\n[[predictions]]\n");
            let _ = writeln!(out, "step = {}", p.step);
            let _ = writeln!(out, "choice = {}", p.choice);
            if let Some(c) = p.correct {
                let _ = writeln!(out, "correct = {c}");
            }
            let _ = writeln!(out, "right = {}", p.is_right());
        }
        for g in &self.goals {
            out.push_str("\n[[goals]]\n");
            let _ = writeln!(out, "step = {}", g.step);
            let _ = writeln!(out, "met = {}", g.met);
        }
        out
    }

    /// How many predictions were answered right, and how many answered.
    pub fn predictions_right(&self) -> (usize, usize) {
        let right = self.predictions.iter().filter(|p| p.is_right()).count();
        (right, self.predictions.len())
    }
}

/// Whether a text is a session rather than a scenario: a TOML document
/// with a top-level `[session]` table (a scenario has none).
pub fn is_session_text(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|doc| doc.get_ref().contains_key("session"))
}

/// Whether the file at `path` is a session file ([`is_session_text`]);
/// `false` for anything unreadable or too large.
pub fn is_session_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_SESSION_BYTES)
        && std::fs::read_to_string(path).is_ok_and(|t| is_session_text(&t))
}

/// Reads a session file.
pub fn load(path: &Path) -> Result<Session, Diagnostics> {
    let name = path.display().to_string();
    let fail = |m: String| Diagnostics::from(Diagnostic::general(name.clone(), m));
    let meta =
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read the session: {e}")))?;
    if meta.len() > MAX_SESSION_BYTES {
        return Err(fail(format!(
            "the session is {} bytes; the limit is {MAX_SESSION_BYTES}",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the session: {e}")))?;
    let text =
        String::from_utf8(bytes).map_err(|_| fail("the session is not valid UTF-8".into()))?;
    parse_session(&name, &text)
}

/// Parses session text; `file` names it in messages.
pub fn parse_session(file: &str, text: &str) -> Result<Session, Diagnostics> {
    let src = crate::scenario::source_map(file, text);
    let doc = DeTable::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        Diagnostics::from(src.at(at, format!("invalid TOML: {}", e.message().trim_end())))
    })?;
    let mut errors = Vec::new();
    let mut err = |at: usize, m: String| errors.push(src.at(at, m));
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
                        ("kind", _) => {
                            err(at, "session.kind must be \"play\" or \"explore\"".into())
                        }
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
                                    "session.seed must be a whole number 0..=18446744073709551615"
                                        .into(),
                                ),
                            }
                        }
                        ("stochastic", DeValue::Boolean(b)) => session.stochastic = *b,
                        (key @ ("player" | "scenario" | "seed" | "stochastic"), _) => {
                            err(at, format!("session.{key} has the wrong type"))
                        }
                        (key, _) => err(
                            k.span().start,
                            format!(
                                "unknown key \"{key}\" in [session]; valid keys are: kind, player, seed, stochastic, scenario"
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
                            "each decision must be a [[decisions]] table".into(),
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
                                "a prediction needs step and choice".into(),
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
                            _ => err(item.span().start, "a goal needs step and met".into()),
                        },
                        Err((at, m)) => err(at, m),
                    }
                }
            }
            (key, _) => err(
                k.span().start,
                format!(
                    "unknown section \"{key}\"; a session has [session], [[decisions]], [[predictions]] and [[goals]]"
                ),
            ),
        }
    }
    if !has_scenario {
        err(
            0,
            "the session has no scenario text (session.scenario)".into(),
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
) -> Result<std::collections::HashMap<String, u64>, (usize, String)> {
    let DeValue::Table(t) = item.get_ref() else {
        return Err((item.span().start, "each record must be a table".into()));
    };
    let mut out = std::collections::HashMap::new();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if !keys.contains(&key) {
            return Err((
                k.span().start,
                format!("unknown key \"{key}\"; valid keys are: {}", keys.join(", ")),
            ));
        }
        let n = match v.get_ref() {
            DeValue::Boolean(b) => u64::from(*b),
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (1..=10_000).contains(&n) => n,
                _ => {
                    return Err((
                        v.span().start,
                        format!("{key} must be a whole number 1..=10000"),
                    ));
                }
            },
            _ => {
                return Err((
                    v.span().start,
                    format!("{key} must be a whole number (or true/false)"),
                ));
            }
        };
        out.insert(key.to_string(), n);
    }
    Ok(out)
}

fn decision(t: &DeTable<'_>) -> Result<Decision, (usize, String)> {
    let get = |k: &str| t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v);
    let num = |k: &str| -> Result<f64, (usize, String)> {
        let v = get(k).ok_or((0, format!("a decision needs {k}")))?;
        let x = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => crate::scenario::load::parse_number(f.as_str()),
            _ => None,
        };
        x.filter(|x| x.is_finite()).ok_or((
            v.span().start,
            format!("decision {k} must be a finite number"),
        ))
    };
    let key_v = get("key").ok_or((0, "a decision needs key".to_string()))?;
    let key = key_v.get_ref().as_str().unwrap_or_default();
    let spec = ParamSpec::by_key(key).ok_or((
        key_v.span().start,
        format!("decision key \"{key}\" is not a parameter"),
    ))?;
    let period = num("period")?;
    if period < 0.0
        || period.fract() != 0.0
        || period > f64::from(crate::scenario::load::MAX_PERIODS)
    {
        return Err((
            0,
            format!("decision period {period} must be a whole number 0..=10000"),
        ));
    }
    let (old, new) = (num("old")?, num("new")?);
    crate::scenario::load::check_value(spec, new).map_err(|m| (0, format!("decision: {m}")))?;
    Ok(Decision {
        period: period as u32,
        key: spec.id,
        old,
        new,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParamId;

    #[test]
    fn sessions_round_trip() {
        let s = Session {
            kind: Kind::Play,
            player: "Team 飞轮 \"A\"".into(),
            scenario_toml: crate::scenario::preset("balanced")
                .unwrap()
                .toml
                .to_string(),
            seed: 7,
            stochastic: true,
            decisions: vec![Decision {
                period: 13,
                key: ParamId::Price,
                old: 100.0,
                new: 87.5,
            }],
            predictions: vec![
                PredictionRecord {
                    step: 2,
                    choice: 3,
                    correct: Some(4),
                },
                PredictionRecord {
                    step: 3,
                    choice: 1,
                    correct: None,
                },
            ],
            goals: vec![GoalRecord { step: 3, met: true }],
        };
        let back = parse_session("s.toml", &s.to_toml()).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.predictions_right(), (0, 2));
        let err = parse_session(
            "s.toml",
            &format!("{}\n[[goals]]\nstep = 0\nmet = true\n", s.to_toml()),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("step must be a whole number 1..=10000"),
            "{err}"
        );
    }

    #[test]
    fn bad_sessions_are_located() {
        let err =
            parse_session("s.toml", "[session]\nkind = \"race\"\nscenario = \"\"\n").unwrap_err();
        assert!(
            err.to_string().contains("s.toml:2:8: session.kind must be"),
            "{err}"
        );
        let text = "[session]\nscenario = \"\"\n[[decisions]]\nperiod = 3\nkey = \"pricing.prise\"\nold = 1\nnew = 2\n";
        let err = parse_session("s.toml", text).unwrap_err();
        assert!(
            err.to_string()
                .contains("s.toml:5:7: decision key \"pricing.prise\""),
            "{err}"
        );
    }
}
