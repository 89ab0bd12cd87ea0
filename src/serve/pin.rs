//! Who may play a team: the laptops its first player allows. A team gets a
//! short PIN when it first joins, shown on its screens and on the board;
//! another laptop joining the team types it (the class code alone is not
//! enough). A public key of `--authorized-keys` is bound to the team it
//! first joins (or the team its line names), and joins that team without
//! the PIN. The PINs and the bindings are kept in the class directory
//! (`class.pins`, `class.keys`, 0600), so a restart changes neither.

use std::collections::BTreeMap;
use std::path::Path;

use crate::safe_write::{Overwrite, write_private};

/// The class's file of team PINs: `STEM PIN` a line.
pub const CLASS_PINS: &str = "class.pins";
/// The class's file of key bindings: `FINGERPRINT STEM` a line.
pub const CLASS_KEYS: &str = "class.keys";

/// Digits in a team PIN.
pub const PIN_LEN: usize = 4;

/// Wrong PINs allowed on one connection.
pub const MAX_PIN_TRIES: u32 = 3;

/// A new random PIN.
pub fn new_pin() -> String {
    use rand::RngExt;
    let mut rng = rand::rng();
    (0..PIN_LEN)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// Reads a `KEY VALUE` file of the class (missing: empty).
pub fn read_pairs(dir: &Path, file: &str) -> BTreeMap<String, String> {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.trim().split_once(' ')?;
            Some((k.to_string(), v.trim().to_string()))
        })
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .collect()
}

/// Writes a `KEY VALUE` file of the class (0600, atomically).
pub fn write_pairs(
    dir: &Path,
    file: &str,
    pairs: &BTreeMap<String, String>,
) -> std::io::Result<()> {
    let text: String = pairs.iter().map(|(k, v)| format!("{k} {v}\n")).collect();
    write_private(&dir.join(file), text.as_bytes(), Overwrite::Allow)
}

/// How a connection proves it may play a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass<'a> {
    /// The class code only: enough for a new team.
    Code,
    /// The class code and the team's PIN.
    Pin(&'a str),
    /// A public key of `--authorized-keys`: its fingerprint, and the team
    /// its line names, if any.
    Key {
        /// The key's SHA-256 fingerprint.
        fingerprint: &'a str,
        /// The team named in the key's line (`team="..."`).
        team: Option<&'a str>,
    },
}

/// What a participant types at the PIN prompt, read from raw terminal
/// bytes: digits (at most 8), backspace, Enter, Ctrl-C or Ctrl-D.
#[derive(Debug, Default)]
pub struct PinLine {
    typed: String,
}

/// What a key at the prompt did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinKey {
    /// A digit was added: echo it as `*`.
    Echo,
    /// The last digit was removed.
    Erase,
    /// Enter: the PIN typed.
    Done(String),
    /// Ctrl-C or Ctrl-D: leave.
    Quit,
    /// Nothing (another key).
    Ignored,
}

impl PinLine {
    /// Reads the bytes of one keystroke (or paste).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<PinKey> {
        let mut out = Vec::new();
        for &b in bytes {
            out.push(match b {
                b'0'..=b'9' if self.typed.len() < 8 => {
                    self.typed.push(char::from(b));
                    PinKey::Echo
                }
                0x7f | 0x08 if !self.typed.is_empty() => {
                    self.typed.pop();
                    PinKey::Erase
                }
                b'\r' | b'\n' => PinKey::Done(std::mem::take(&mut self.typed)),
                0x03 | 0x04 => PinKey::Quit,
                _ => PinKey::Ignored,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_four_digits_and_pins_differ() {
        let pins: std::collections::BTreeSet<String> = (0..50).map(|_| new_pin()).collect();
        assert!(pins.len() > 40, "{pins:?}");
        assert!(
            pins.iter()
                .all(|p| p.len() == PIN_LEN && p.bytes().all(|b| b.is_ascii_digit()))
        );
    }

    #[test]
    fn the_prompt_reads_digits_erases_and_ends() {
        let mut l = PinLine::default();
        assert_eq!(
            l.feed(b"12x"),
            vec![PinKey::Echo, PinKey::Echo, PinKey::Ignored]
        );
        assert_eq!(
            l.feed(b"\x7f3\r"),
            vec![PinKey::Erase, PinKey::Echo, PinKey::Done("13".into())]
        );
        assert_eq!(l.feed(b"\x03"), vec![PinKey::Quit]);
    }

    #[test]
    fn pairs_round_trip_privately() {
        let dir = std::env::temp_dir().join(format!("fw-pins-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pairs = BTreeMap::from([("team-a".to_string(), "0427".to_string())]);
        write_pairs(&dir, CLASS_PINS, &pairs).unwrap();
        assert_eq!(read_pairs(&dir, CLASS_PINS), pairs);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(CLASS_PINS))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
