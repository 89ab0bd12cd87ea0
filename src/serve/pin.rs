//! Who may play a team: the laptops its first player allows. A team gets a
//! short PIN when it first joins, shown on its screens and on the board;
//! another laptop joining the team types it (the class code alone is not
//! enough). A public key of `--authorized-keys` is bound to the team it
//! first joins (or the team its line names), and joins that team without
//! the PIN. The PINs and the bindings are kept in the class directory
//! (`class.pins`, `class.keys`, 0600), so a restart changes neither. A new
//! team whose name looks like a playing team's is told to the trainer.

use std::collections::BTreeMap;
use std::path::Path;

use super::class::{Class, ClassEvent, Pass, Team, display_name, lock};
use super::roster::skeleton;
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

impl Class {
    /// A team's PIN.
    pub fn pin_of(&self, team: &Team) -> String {
        lock(&self.pins)
            .get(&team.stem)
            .cloned()
            .unwrap_or_default()
    }

    /// The PIN of team `stem`, made (and kept) when it has none.
    pub(super) fn ensure_pin(&self, stem: &str) -> String {
        let mut pins = lock(&self.pins);
        if let Some(p) = pins.get(stem) {
            return p.clone();
        }
        let pin = new_pin();
        pins.insert(stem.to_string(), pin.clone());
        self.keep(CLASS_PINS, &pins, "team PINs");
        pin
    }

    /// Gives team `stem` a new PIN (shown on its screens and the board)
    /// and closes its connections: they rejoin with the new PIN. False when
    /// there is no such team.
    pub fn reset_pin(&self, stem: &str) -> bool {
        let Some(team) = self.team(stem) else {
            return false;
        };
        let old = self.pin_of(&team);
        let pin = std::iter::repeat_with(new_pin)
            .find(|p| *p != old)
            .unwrap_or_default();
        {
            let mut pins = lock(&self.pins);
            pins.insert(stem.to_string(), pin.clone());
            self.keep(CLASS_PINS, &pins, "team PINs");
        }
        self.drop_connections(stem);
        self.event(ClassEvent::Info(crate::i18n::trf(
            "{}: new team PIN {}; its laptops were disconnected",
            &[&team.name, &pin],
        )));
        true
    }

    /// Whether `pass` is a key bound (or named) to team `stem`.
    pub(super) fn key_is_for(&self, stem: &str, pass: Pass<'_>) -> bool {
        self.key_owner(pass)
            .is_some_and(|owner| self.stem_of(&owner) == stem)
    }

    /// The team (as shown) a key plays: the one its line names, else the
    /// one it first joined; `None` for a key not yet bound, or no key.
    pub(super) fn key_owner(&self, pass: Pass<'_>) -> Option<String> {
        let Pass::Key { fingerprint, team } = pass else {
            return None;
        };
        match team {
            Some(t) => Some(display_name(t)),
            None => lock(&self.bound_keys)
                .get(fingerprint)
                .map(|s| self.team(s).map_or_else(|| s.clone(), |t| t.name.clone())),
        }
    }

    /// Binds a key not yet bound to team `stem` (kept for a restart).
    pub(super) fn bind_key(&self, pass: Pass<'_>, stem: &str) {
        let Pass::Key { fingerprint, .. } = pass else {
            return;
        };
        let mut bound = lock(&self.bound_keys);
        if !bound.contains_key(fingerprint) {
            bound.insert(fingerprint.to_string(), stem.to_string());
            self.keep(CLASS_KEYS, &bound, "key bindings");
        }
    }

    /// Tells the trainer when a new team's name looks like a team's that
    /// plays already (`Теам A` in Cyrillic beside `Team A`): two teams, or
    /// a participant who hopes to pass for another.
    pub(super) fn warn_look_alike(&self, name: &str) {
        let look = skeleton(name);
        if look.is_empty() {
            return;
        }
        if let Some(other) = self.teams().into_iter().find(|t| skeleton(&t.name) == look) {
            self.event(ClassEvent::Info(format!(
                "look-alike: the new team {name:?} looks like team {:?} (another script, full-width letters or digits for letters); two teams, or one typed oddly?",
                other.name
            )));
        }
    }

    /// Writes one of the class's `KEY VALUE` files; the trainer is told
    /// when it cannot be kept.
    fn keep(&self, file: &str, pairs: &BTreeMap<String, String>, what: &str) {
        if let Err(e) = write_pairs(&self.config.dir, file, pairs) {
            self.event(ClassEvent::Info(format!(
                "the {what} could not be kept for a restart ({e})"
            )));
        }
    }
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
