//! The facilitator's commands, in one table: the board's keys, the words
//! typed on stdin with `--no-board`, and the help both show come from it.

use super::class::Class;
use crate::i18n::{mark, tr};

/// A facilitator command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Open the next turn for everyone (lockstep).
    OpenTurn,
    /// Move every team to its lesson's next step.
    NextStep,
    /// Send a news line to every team.
    News,
    /// Remove a team (it cannot join again).
    Remove,
    /// Show or hide projections and scores on the board.
    Reveal,
    /// Give a team a new PIN (its laptops are disconnected).
    Pin,
    /// Disconnect a team's laptops (they may join again).
    Drop,
    /// End the game: remaining turns play out, every team sees its debrief.
    End,
    /// The class debrief.
    Debrief,
    /// The join screen: the ssh line and the class code in large letters.
    Join,
    /// The board as text (stdin only: the board shows itself).
    Board,
    /// Stop the server.
    Quit,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The command.
    pub command: Command,
    /// Its key on the board, if it has one.
    pub key: Option<char>,
    /// Its words on stdin (the first is the one the help names).
    pub words: &'static [&'static str],
    /// What it takes after the word on stdin.
    pub arg: Option<&'static str>,
    /// What the board's footer says of it.
    pub help: &'static str,
    /// Only with `--lockstep`.
    pub lockstep_only: bool,
    /// Only when the teams explore a lesson (`--explore`): a class that
    /// plays turns has no steps.
    pub steps_only: bool,
}

/// Every command.
pub const COMMANDS: [CommandSpec; 12] = [
    CommandSpec {
        command: Command::OpenTurn,
        key: Some('t'),
        words: &["next", "open"],
        arg: None,
        help: mark("open next turn"),
        lockstep_only: true,
        steps_only: false,
    },
    CommandSpec {
        command: Command::News,
        key: Some('n'),
        words: &["news"],
        arg: Some("TEXT"),
        help: mark("news"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::NextStep,
        key: Some('l'),
        words: &["step"],
        arg: None,
        help: mark("next lesson step"),
        lockstep_only: false,
        steps_only: true,
    },
    CommandSpec {
        command: Command::Remove,
        key: Some('x'),
        words: &["remove"],
        arg: Some("TEAM"),
        help: mark("remove team"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Reveal,
        key: Some('r'),
        words: &["reveal"],
        arg: None,
        help: mark("reveal/hide scores"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Pin,
        key: Some('p'),
        words: &["pin"],
        arg: Some("TEAM"),
        help: mark("new PIN"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Drop,
        key: Some('k'),
        words: &["drop"],
        arg: Some("TEAM"),
        help: mark("drop laptops"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::End,
        key: Some('e'),
        words: &["end"],
        arg: None,
        help: mark("end game"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Debrief,
        key: Some('d'),
        words: &["debrief"],
        arg: None,
        help: mark("debrief"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Join,
        key: Some('j'),
        words: &["join"],
        arg: None,
        help: mark("join screen"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Board,
        key: None,
        words: &["board"],
        arg: None,
        help: mark("board"),
        lockstep_only: false,
        steps_only: false,
    },
    CommandSpec {
        command: Command::Quit,
        key: Some('q'),
        words: &["quit", "stop"],
        arg: None,
        help: mark("stop"),
        lockstep_only: false,
        steps_only: false,
    },
];

impl CommandSpec {
    /// Whether a class of this kind offers the command.
    pub fn offered(&self, lockstep: bool, steps: bool) -> bool {
        (lockstep || !self.lockstep_only) && (steps || !self.steps_only)
    }
}

impl Command {
    /// Its line of the table.
    pub fn spec(self) -> &'static CommandSpec {
        COMMANDS
            .iter()
            .find(|s| s.command == self)
            .unwrap_or(&COMMANDS[0])
    }

    /// The command of a board key.
    pub fn of_key(c: char) -> Option<Command> {
        COMMANDS
            .iter()
            .find(|s| s.key == Some(c))
            .map(|s| s.command)
    }

    /// The command of a word typed on stdin.
    pub fn of_word(word: &str) -> Option<Command> {
        COMMANDS
            .iter()
            .find(|s| s.words.contains(&word))
            .map(|s| s.command)
    }

    /// Does what needs no front end (open, step, news, remove, a new PIN,
    /// drop, end) to `class`, with the argument typed; for those that name
    /// a team, false when there is no such team. The others are the front
    /// end's to do.
    pub fn act(self, class: &Class, arg: &str) -> bool {
        match self {
            Command::OpenTurn => {
                class.open_next_turn();
            }
            Command::NextStep => class.next_step(),
            Command::News => class.news(arg),
            Command::End => class.end_game(),
            Command::Remove => return class.remove(&class.stem_of(arg)),
            Command::Reveal => {
                class.toggle_reveal();
            }
            Command::Pin => return class.reset_pin(&class.stem_of(arg)),
            Command::Drop => return class.drop_connections(&class.stem_of(arg)),
            Command::Debrief | Command::Join | Command::Board | Command::Quit => {}
        }
        true
    }
}

/// The board's footer: every command with a key, and the selection keys.
pub fn board_keys(lockstep: bool, steps: bool) -> String {
    let mut parts: Vec<String> = COMMANDS
        .iter()
        .filter(|s| s.offered(lockstep, steps))
        .filter(|s| s.command != Command::Quit)
        .filter_map(|s| s.key.map(|k| format!("{k} {}", tr(s.help))))
        .collect();
    parts.push(format!("↑↓ {}", tr("select")));
    if let Some(q) = COMMANDS.iter().find(|s| s.command == Command::Quit) {
        parts.extend(q.key.map(|k| format!("{k} {}", tr(q.help))));
    }
    parts.join("  ")
}

/// The commands stdin takes, for its help line.
pub fn stdin_words() -> String {
    COMMANDS
        .iter()
        .map(|s| match s.arg {
            Some(a) => format!("{} {a}", s.words[0]),
            None => s.words[0].to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_words_name_each_command_once() {
        for s in &COMMANDS {
            if let Some(k) = s.key {
                assert_eq!(Command::of_key(k), Some(s.command));
            }
            for w in s.words {
                assert_eq!(Command::of_word(w), Some(s.command));
            }
        }
        assert_eq!(Command::of_key('z'), None);
        assert_eq!(Command::of_word("dance"), None);
        assert_eq!(
            board_keys(true, false),
            "t open next turn  n news  x remove team  r reveal/hide scores  p new PIN  k drop laptops  e end game  d debrief  j join screen  ↑↓ select  q stop"
        );
        assert!(!board_keys(false, false).contains("open next turn"));
        // Lesson steps only where the teams explore a lesson.
        assert!(board_keys(false, true).contains("l next lesson step"));
        assert!(!Command::NextStep.spec().offered(true, false));
        assert!(Command::NextStep.spec().offered(false, true));
        assert_eq!(
            stdin_words(),
            "next, news TEXT, step, remove TEAM, reveal, pin TEAM, drop TEAM, end, debrief, join, board, quit"
        );
    }
}
