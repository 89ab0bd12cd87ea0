//! Session files: a play or explore session saved with everything needed to
//! reproduce it: the scenario's own text, the seed and mode, and every
//! decision with its period and old and new value.

use crate::i18n::{Text, says};
use std::fmt::Write as _;
use std::path::Path;

use toml::de::DeTable;

use super::game::{Decision, config_with};
use crate::model::{Config, ParamSpec};
use crate::scenario::{Diagnostic, Diagnostics, Scenario, parse};

mod read;

pub use read::parse_session;

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
    /// Whether the team played in two seats (product and sales).
    pub two_seats: bool,
    /// The messages sales sent product, in order.
    pub messages: Vec<crate::play::seats::Message>,
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
        if self.two_seats {
            let _ = writeln!(out, "seats = 2");
        }
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
        for m in &self.messages {
            out.push_str("\n[[messages]]\n");
            let _ = writeln!(out, "sent = {}", m.sent);
            let _ = writeln!(out, "arrives = {}", m.arrives);
            let _ = writeln!(out, "text = {}", crate::scenario::write::quote(&m.text));
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
    let fail = |m: Text| Diagnostics::from(Diagnostic::general(name.clone(), m));
    let meta =
        std::fs::metadata(path).map_err(|e| fail(says("cannot read the session: {}", &[&e])))?;
    if meta.len() > MAX_SESSION_BYTES {
        return Err(fail(says(
            "the session is {} bytes; the limit is {}",
            &[&meta.len(), &MAX_SESSION_BYTES],
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(says("cannot read the session: {}", &[&e])))?;
    let text =
        String::from_utf8(bytes).map_err(|_| fail(says("the session is not valid UTF-8", &[])))?;
    parse_session(&name, &text)
}

#[cfg(test)]
mod tests;
