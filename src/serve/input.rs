//! Bytes from a remote terminal turned into key, mouse and paste events.
//!
//! The parsing of escape sequences is `terminput`'s (crossterm's own parser,
//! made public); this wrapper feeds it byte by byte, keeps an incomplete
//! sequence across reads, drops what cannot be parsed, and holds a lone ESC
//! until the next read or a short wait ([`ESC_WAIT`]): it may be the start
//! of a sequence split across reads, or the Esc key.

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// How long a lone ESC waits for the rest of a sequence before it counts as the Esc key.
pub const ESC_WAIT: Duration = Duration::from_millis(25);

/// The longest sequence kept while incomplete (a bracketed paste included);
/// beyond it the bytes are dropped.
pub const MAX_PENDING: usize = 4096;

/// The most characters a paste types.
pub const MAX_PASTE_CHARS: usize = 256;

/// A parser of terminal input that keeps state across reads.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
    dropped: usize,
    /// Inside a paste too long to keep: bytes are dropped until its end.
    skipping_paste: bool,
}

/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

impl InputParser {
    /// A parser with nothing pending.
    pub fn new() -> Self {
        InputParser::default()
    }

    /// Parses one read's bytes into events; an incomplete sequence at the
    /// end waits for the next read (or [`InputParser::timeout`]).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            self.pending.push(b);
            if self.skipping_paste {
                self.dropped += 1;
                if self.pending.ends_with(PASTE_END) {
                    self.skipping_paste = false;
                    self.pending.clear();
                } else if self.pending.len() > PASTE_END.len() {
                    self.pending.remove(0);
                }
                continue;
            }
            let more = i + 1 < bytes.len();
            if self.pending == [0x1b] && more {
                // An ESC with bytes after it: wait for them.
                continue;
            }
            self.parse_pending(&mut out);
        }
        out
    }

    /// Whether a lone ESC (or an incomplete sequence) waits for more bytes.
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came: a lone ESC is the Esc key; an unfinished sequence
    /// is dropped.
    pub fn timeout(&mut self) -> Vec<Event> {
        if self.skipping_paste {
            return Vec::new();
        }
        let pending = std::mem::take(&mut self.pending);
        match pending.as_slice() {
            [] => Vec::new(),
            [0x1b] => vec![key(KeyCode::Esc, KeyModifiers::NONE)],
            // ESC then one byte: Alt plus that key, as the parser would read it.
            [0x1b, rest @ ..] => match terminput::Event::parse_from(&pending) {
                Ok(Some(ev)) => convert(ev).into_iter().collect(),
                _ => {
                    self.dropped += rest.len() + 1;
                    Vec::new()
                }
            },
            other => {
                self.dropped += other.len();
                Vec::new()
            }
        }
    }

    /// How many bytes were dropped as unreadable so far.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    fn parse_pending(&mut self, out: &mut Vec<Event>) {
        // A lone ESC at the end of a read waits (see `timeout`).
        if self.pending == [0x1b] {
            return;
        }
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(ev)) => {
                self.pending.clear();
                out.extend(convert(ev));
            }
            Ok(None) => {
                if self.pending.len() > MAX_PENDING {
                    self.skipping_paste = self.pending.starts_with(b"\x1b[200~");
                    self.dropped += self.pending.len();
                    self.pending.clear();
                }
            }
            Err(_) => {
                self.dropped += self.pending.len();
                self.pending.clear();
            }
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A terminput event as the crossterm events the app reads; a paste becomes
/// the characters it types (control characters left out, length capped).
fn convert(ev: terminput::Event) -> Vec<Event> {
    match terminput_crossterm::to_crossterm(ev) {
        Ok(Event::Paste(text)) => text
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_PASTE_CHARS)
            .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE))
            .collect(),
        Ok(ev) => vec![ev],
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};

    fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    fn parse(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        let mut p = InputParser::new();
        let mut ev = p.feed(bytes);
        ev.extend(p.timeout());
        keys(&ev)
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn arrows_in_both_cursor_modes() {
        assert_eq!(
            parse(b"\x1b[A\x1b[B\x1b[C\x1b[D"),
            vec![
                (KeyCode::Up, NONE),
                (KeyCode::Down, NONE),
                (KeyCode::Right, NONE),
                (KeyCode::Left, NONE)
            ]
        );
        assert_eq!(
            parse(b"\x1bOA\x1bOD"),
            vec![(KeyCode::Up, NONE), (KeyCode::Left, NONE)]
        );
    }

    #[test]
    fn function_keys() {
        assert_eq!(parse(b"\x1bOP"), vec![(KeyCode::F(1), NONE)]);
        assert_eq!(parse(b"\x1b[15~"), vec![(KeyCode::F(5), NONE)]);
        assert_eq!(parse(b"\x1b[24~"), vec![(KeyCode::F(12), NONE)]);
    }

    #[test]
    fn shift_ctrl_and_alt_combinations() {
        assert_eq!(
            parse(b"\x1b[1;2A"),
            vec![(KeyCode::Up, KeyModifiers::SHIFT)]
        );
        assert_eq!(
            parse(b"\x1b[1;5C"),
            vec![(KeyCode::Right, KeyModifiers::CONTROL)]
        );
        assert_eq!(
            parse(b"\x1b[1;6D"),
            vec![(KeyCode::Left, KeyModifiers::CONTROL | KeyModifiers::SHIFT)]
        );
        assert_eq!(
            parse(b"\x03"),
            vec![(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            parse(b"\x1b[Z"),
            vec![(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
        assert_eq!(
            parse(b"\x1bx"),
            vec![(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
        assert_eq!(parse(b"R"), vec![(KeyCode::Char('R'), KeyModifiers::SHIFT)]);
    }

    #[test]
    fn enter_tab_backspace_and_esc() {
        assert_eq!(
            parse(b"\r\t\x7f"),
            vec![
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Backspace, NONE)
            ]
        );
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty(), "a lone ESC waits");
        assert!(p.is_waiting());
        assert_eq!(keys(&p.timeout()), vec![(KeyCode::Esc, NONE)]);
        assert!(!p.is_waiting());
    }

    #[test]
    fn sgr_mouse() {
        let mut p = InputParser::new();
        let ev = p.feed(b"\x1b[<0;10;5M\x1b[<65;3;4M");
        assert_eq!(ev.len(), 2);
        let Event::Mouse(m) = &ev[0] else {
            panic!("{ev:?}")
        };
        assert_eq!(m.kind, MouseEventKind::Down(MouseButton::Left));
        assert_eq!((m.column, m.row), (9, 4));
        let Event::Mouse(m) = &ev[1] else {
            panic!("{ev:?}")
        };
        assert_eq!(m.kind, MouseEventKind::ScrollDown);
    }

    #[test]
    fn utf8_and_cjk_characters() {
        assert_eq!(
            parse("é飞轮".as_bytes()),
            vec![
                (KeyCode::Char('é'), NONE),
                (KeyCode::Char('飞'), NONE),
                (KeyCode::Char('轮'), NONE)
            ]
        );
        // A character split across reads.
        let bytes = "飞".as_bytes();
        let mut p = InputParser::new();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert!(p.feed(&bytes[1..2]).is_empty());
        assert_eq!(
            keys(&p.feed(&bytes[2..])),
            vec![(KeyCode::Char('飞'), NONE)]
        );
    }

    #[test]
    fn bracketed_paste_types_its_characters() {
        assert_eq!(
            parse(b"\x1b[200~12.5\n\x1b[201~"),
            vec![
                (KeyCode::Char('1'), NONE),
                (KeyCode::Char('2'), NONE),
                (KeyCode::Char('.'), NONE),
                (KeyCode::Char('5'), NONE)
            ]
        );
        let long = format!("\x1b[200~{}\x1b[201~x", "9".repeat(5000));
        assert_eq!(parse(long.as_bytes()), vec![(KeyCode::Char('x'), NONE)]);
    }

    #[test]
    fn sequences_split_across_reads() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.feed(b"[").is_empty());
        assert!(p.feed(b"1;5").is_empty());
        assert_eq!(
            keys(&p.feed(b"Aq")),
            vec![
                (KeyCode::Up, KeyModifiers::CONTROL),
                (KeyCode::Char('q'), NONE)
            ]
        );
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[<0;1").is_empty());
        assert_eq!(p.feed(b"0;5M").len(), 1);
    }

    #[test]
    fn garbage_is_dropped_and_parsing_goes_on() {
        let mut p = InputParser::new();
        let ev = p.feed(b"\xff\xfe\x1b[999;999;999Xa");
        assert_eq!(keys(&ev).last(), Some(&(KeyCode::Char('a'), NONE)));
        assert!(p.dropped() > 0);
        // An endless unfinished sequence is bounded.
        let mut p = InputParser::new();
        let mut junk = b"\x1b[200~".to_vec();
        junk.extend(std::iter::repeat_n(b'x', MAX_PENDING * 2));
        p.feed(&junk);
        assert!(p.pending.len() <= MAX_PENDING);
        assert_eq!(
            keys(&p.feed(b"\x1b[201~b")),
            vec![(KeyCode::Char('b'), NONE)]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), cut in 0usize..200) {
            let mut p = InputParser::new();
            let cut = cut.min(bytes.len());
            p.feed(&bytes[..cut]);
            p.feed(&bytes[cut..]);
            p.timeout();
            proptest::prop_assert!(p.pending.len() <= MAX_PENDING);
        }
    }
}
