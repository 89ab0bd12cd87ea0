//! Who is in the class and what happens to it: team names as shown and as
//! file stems, the events the board and the log show, why a join is refused.

use std::fmt;

/// The longest team name kept, in characters.
pub const MAX_NAME_CHARS: usize = 32;

/// Something that happened, for the board and the log.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassEvent {
    /// A connection of a team came in (`resumed`: the team had played before).
    Joined {
        /// The team.
        team: String,
        /// Where from.
        peer: String,
        /// Whether it picked up an earlier game.
        resumed: bool,
        /// The turn it is on.
        turn: u32,
    },
    /// A connection of a team went away.
    Left {
        /// The team.
        team: String,
        /// Why.
        reason: String,
    },
    /// A connection or request was refused.
    Refused {
        /// Who (a team, or an address).
        who: String,
        /// Why.
        reason: String,
    },
    /// A team played a turn.
    Turn {
        /// The team.
        team: String,
        /// The turn it is on now.
        turn: u32,
        /// How many turns there are.
        total: u32,
    },
    /// The facilitator opened a turn (lockstep).
    Opened(u32),
    /// The facilitator moved every team to the next lesson step.
    Step,
    /// A news line went to every team.
    News(String),
    /// The facilitator removed a team.
    Removed(String),
    /// The game ended for every team.
    Ended,
    /// A session file could not be written.
    SaveFailed {
        /// The team.
        team: String,
        /// The error.
        error: String,
    },
    /// The server is stopping.
    Stopping,
    /// A line of information (start-up, loading).
    Info(String),
}

impl fmt::Display for ClassEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassEvent::Joined {
                team,
                peer,
                resumed,
                turn,
            } => {
                let how = if *resumed { "resumed" } else { "new team" };
                write!(f, "joined: {team} from {peer} ({how}, turn {turn})")
            }
            ClassEvent::Left { team, reason } => write!(f, "left: {team} ({reason})"),
            ClassEvent::Refused { who, reason } => write!(f, "refused: {who}: {reason}"),
            ClassEvent::Turn { team, turn, total } => {
                if turn > total {
                    write!(f, "turn: {team} finished the game")
                } else {
                    write!(f, "turn: {team} is on turn {turn}/{total}")
                }
            }
            ClassEvent::Opened(t) => write!(f, "opened: turn {t} for every team"),
            ClassEvent::Step => write!(f, "step: every team moved to the next lesson step"),
            ClassEvent::News(t) => write!(f, "news: {t}"),
            ClassEvent::Removed(t) => write!(f, "removed: {t}"),
            ClassEvent::Ended => write!(f, "ended: every team sees its debrief"),
            ClassEvent::SaveFailed { team, error } => {
                write!(f, "error: could not save {team}: {error}")
            }
            ClassEvent::Stopping => write!(f, "stopping: every participant was told"),
            ClassEvent::Info(t) => write!(f, "{t}"),
        }
    }
}

/// Why a team may not join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The user name has nothing usable in it.
    NoName,
    /// There are `max_teams` teams already.
    Full(usize),
    /// The facilitator removed this team.
    Removed,
    /// The server is stopping.
    Stopping,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoName => write!(
                f,
                "the user name is the team name: use letters or digits, e.g. ssh -p PORT team-a@HOST"
            ),
            Refusal::Full(n) => write!(
                f,
                "the class is full (at most {n} teams); please join one of the teams already playing"
            ),
            Refusal::Removed => write!(f, "the facilitator removed this team"),
            Refusal::Stopping => write!(f, "the class is closing"),
        }
    }
}

/// A team name as shown: control characters removed, trimmed, at most
/// [`MAX_NAME_CHARS`] characters.
pub fn display_name(typed: &str) -> String {
    let clean: String = typed.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(MAX_NAME_CHARS).collect()
}

/// A team name as a file stem: letters and digits (any script), `-` and
/// `_`; anything else becomes `-`; lower case, so `Team A` and `team a`
/// are one team. Empty when nothing usable is left.
pub fn file_stem(typed: &str) -> String {
    let mapped: String = display_name(typed)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::new();
    for c in mapped.chars() {
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

/// News text: control characters removed, at most 200 characters.
pub(super) fn display_name_long(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(200).collect()
}
