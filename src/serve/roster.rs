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
        /// A new team's PIN (for the trainer, who gives it to a teammate).
        pin: Option<String>,
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
        use crate::i18n::{tr, tr_str, trf};
        match self {
            ClassEvent::Joined {
                team,
                peer,
                resumed,
                turn,
                pin,
            } => {
                let how = if *resumed {
                    tr("resumed")
                } else {
                    tr("new team")
                };
                match pin {
                    Some(pin) => f.write_str(&trf(
                        "joined: {} from {} ({}, turn {}, PIN {})",
                        &[team, peer, &how, turn, pin],
                    )),
                    None => f.write_str(&trf(
                        "joined: {} from {} ({}, turn {})",
                        &[team, peer, &how, turn],
                    )),
                }
            }
            ClassEvent::Left { team, reason } => {
                f.write_str(&trf("left: {} ({})", &[team, &tr_str(reason)]))
            }
            ClassEvent::Refused { who, reason } => {
                f.write_str(&trf("refused: {}: {}", &[who, reason]))
            }
            ClassEvent::Turn { team, turn, total } => {
                if turn > total {
                    f.write_str(&trf("turn: {} finished the game", &[team]))
                } else {
                    f.write_str(&trf("turn: {} is on turn {}/{}", &[team, turn, total]))
                }
            }
            ClassEvent::Opened(t) => f.write_str(&trf("opened: turn {} for every team", &[t])),
            ClassEvent::Step => f.write_str(tr("step: every team moved to the next lesson step")),
            ClassEvent::News(t) => f.write_str(&trf("news: {}", &[t])),
            ClassEvent::Removed(t) => f.write_str(&trf("removed: {}", &[t])),
            ClassEvent::Ended => f.write_str(tr("ended: every team sees its debrief")),
            ClassEvent::SaveFailed { team, error } => {
                f.write_str(&trf("error: could not save {}: {}", &[team, error]))
            }
            ClassEvent::Stopping => f.write_str(tr("stopping: every participant was told")),
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
    /// The team has this many connections already.
    TeamFull(usize),
    /// The team plays already: another laptop needs its PIN.
    NeedPin,
    /// The PIN typed is not the team's.
    WrongPin,
    /// The public key belongs to another team (named).
    KeyTeam(String),
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
            Refusal::TeamFull(1) => write!(
                f,
                "this team is already playing on another laptop (one laptop a team in this class)"
            ),
            Refusal::TeamFull(n) => write!(
                f,
                "this team is already playing on {n} laptops, the most a team may use; gather round one of them"
            ),
            Refusal::NeedPin => write!(f, "the team plays already: its PIN is needed"),
            Refusal::WrongPin => write!(f, "wrong team PIN"),
            Refusal::KeyTeam(team) => write!(
                f,
                "this key belongs to team {team}: join as {team}, or ask the facilitator"
            ),
            Refusal::Removed => write!(f, "the facilitator removed this team"),
            Refusal::Stopping => write!(f, "the class is closing"),
        }
    }
}

/// A team name as shown: composed (NFC: `jose` + a combining accent is
/// `josé`, one team however the laptop typed it), control and invisible
/// format characters removed ([`clean`]), trimmed, at most
/// [`MAX_NAME_CHARS`] characters.
pub fn display_name(typed: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = typed.nfc().collect();
    clean(&composed, MAX_NAME_CHARS)
}

/// Text a client sent, made safe to show on the board or write to the
/// log: control characters (escape sequences, bells, carriage returns)
/// and invisible format characters (bidi overrides and isolates,
/// zero-width spaces and joiners, tags) removed, trimmed, at most `max`
/// characters.
pub fn clean(text: &str, max: usize) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() && !is_format(*c))
        .collect();
    kept.trim().chars().take(max).collect()
}

/// Whether `c` is an invisible format character (Unicode category Cf)
/// that could reorder, hide or join the text around it.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x0600..=0x0605
        | 0x061C
        | 0x06DD
        | 0x070F
        | 0x08E2
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0xFEFF
        | 0xFFF9..=0xFFFB
        | 0x110BD
        | 0x110CD
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0001
        | 0xE0020..=0xE007F)
}

/// What a name looks like, for telling look-alike team names apart:
/// compatibility-composed (NFKC: full-width `Ｔｅａｍ` is `Team`), lower
/// case, the Cyrillic and Greek letters that look Latin read as Latin,
/// `0` as `o` and `1` as `l`, and only letters and digits kept. Two names
/// with one skeleton look the same on a screen.
pub fn skeleton(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'а' | 'α' => 'a',
            'в' | 'β' => 'b',
            'с' | 'ϲ' => 'c',
            'ԁ' => 'd',
            'е' | 'ё' | 'ε' => 'e',
            'һ' => 'h',
            'і' | 'ї' | 'ι' | '1' | 'ӏ' => 'l',
            'ј' => 'j',
            'к' | 'κ' => 'k',
            'м' => 'm',
            'н' | 'η' => 'n',
            'о' | 'ο' | 'σ' | '0' => 'o',
            'р' | 'ρ' => 'p',
            'ԛ' => 'q',
            'ѕ' => 's',
            'т' | 'τ' => 't',
            'υ' | 'ս' => 'u',
            'ν' | 'ѵ' => 'v',
            'ԝ' | 'ω' => 'w',
            'х' | 'χ' => 'x',
            'у' | 'γ' => 'y',
            'i' => 'l',
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
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
    clean(text, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_names_share_a_skeleton() {
        // Cyrillic а, е and о; full-width letters; a zero for an o.
        assert_eq!(skeleton("Tеаm Rоcket"), skeleton("Team Rocket"));
        assert_eq!(skeleton("Ｔｅａｍ"), skeleton("team"));
        assert_eq!(skeleton("R0cket"), skeleton("rocket"));
        assert_ne!(skeleton("Team A"), skeleton("Team B"));
        assert_ne!(skeleton("飞轮队"), skeleton("飞轮"));
    }

    #[test]
    fn client_text_loses_escapes_and_invisible_characters() {
        // A window title, a clipboard write, a clear screen, a bell.
        let nasty = "\u{1b}]0;owned\u{7}ls\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} /";
        let c = clean(nasty, 120);
        assert!(!c.chars().any(|c| c.is_control()), "{c:?}");
        assert_eq!(c, "]0;ownedls[2J]52;c;ZXZpbA== /");
        // Bidi overrides and zero-width characters: gone, so the name reads as shown.
        assert_eq!(
            display_name("Team\u{202e}A\u{200b}\u{2066}B\u{feff}"),
            "TeamAB"
        );
        assert_eq!(file_stem("te\u{200d}am\u{202e} a"), "team-a");
        assert_eq!(clean(&"x".repeat(500), 120).chars().count(), 120);
        // Letters of any script stay.
        assert_eq!(display_name("  團隊 José "), "團隊 José");
        // Composed and decomposed José are one team, not plain `jose`.
        let decomposed = "Jose\u{301}";
        assert_eq!(display_name(decomposed), "José");
        assert_eq!(file_stem(decomposed), file_stem("José"));
        assert_ne!(file_stem(decomposed), file_stem("Jose"));
    }
}
