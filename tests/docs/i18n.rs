//! Every text the interface shows has its translation in every locale file:
//! the sources are scanned for `tr("...")`, `trf("...")`, `trc("context",
//! "...")`, `mark("...")` and `says("...")`, and each text must be a key of
//! `locales/zh.yml` and of `locales/zh-Hant.yml`. Texts that reach `tr` from a table (parameters,
//! key bindings, metrics) are checked through that table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use flywheel::i18n::{Lang, entries, lookup, tr, with_lang};
use flywheel::model::{Loop, METRICS, PARAMS, Section};
use flywheel::tui::keymap::{KEYMAP, MOUSE, Scope, Screen, popup_hints};

/// Each footer hint's key in the locale files: `context|label` where it has a context.
fn hint_keys() -> Vec<String> {
    let popups = [Scope::Predict, Scope::Picker, Scope::Help].map(popup_hints);
    [Screen::Explore, Screen::Lesson, Screen::Play]
        .iter()
        .flat_map(|s| s.hints())
        .chain(popups.into_iter().flatten())
        .map(|h| match h.context {
            Some(c) => format!("{c}|{}", h.label),
            None => h.label.to_string(),
        })
        .collect()
}

/// A call found in the sources.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    file: String,
    line: usize,
    func: &'static str,
    /// The literal arguments, in order, up to the first that is not a literal.
    literals: Vec<String>,
    /// The first argument's source text when it is not a literal.
    expr: Option<String>,
}

/// The functions whose first string argument is a text to translate.
const FUNCS: [&str; 5] = ["tr", "trf", "trc", "mark", "says"];

/// `tr` calls whose argument is not a literal, and the table that covers them
/// (checked below through the public API).
const DYNAMIC: &[(&str, &str)] = &[
    ("en", "i18n itself: the function passes its argument on"),
    ("PARAMS[app.selected()].help", "PARAMS help"),
    ("s.title()", "Section titles"),
    ("spec.label", "PARAMS labels"),
    (
        "out_of_range",
        "an event's one-off amounts, each message mark()ed in events.rs",
    ),
    ("spec.help", "PARAMS help"),
    ("self.help", "PARAMS help, in a message's unit hint"),
    ("scope.title()", "keymap scope titles"),
    ("b.label", "keymap labels"),
    (
        "context",
        "footer hints with a context (keymap::Screen hints)",
    ),
    (
        "h.label",
        "footer and popup hints (keymap::Screen hints, popup_hints)",
    ),
    ("place", "the mouse table's places (keymap::MOUSE)"),
    ("what", "the mouse table's actions (keymap::MOUSE)"),
    ("m.label", "metric labels"),
    ("m.metric.label", "metric labels, in `flywheel compare`"),
    ("spec.title", "chart titles, written with mark()"),
    ("l.name", "chart legends, written with mark()"),
    ("l.short", "chart legends, written with mark()"),
    (
        "line.name",
        "chart legends in pictures (report::charts), written with mark()",
    ),
    ("l.name()", "loop names"),
    ("panel.title", "plot panel titles, written with mark()"),
    ("panel.unit", "plot panel units, written with mark()"),
    ("line.label", "plot legends, written with mark()"),
    (
        "s.help",
        "the trainer's commands (serve::command::COMMANDS), written with mark()",
    ),
    (
        "q.help",
        "the trainer's commands (serve::command::COMMANDS), written with mark()",
    ),
    (
        "INTERVAL_METHOD",
        "the fit's interval method, written with mark()",
    ),
];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("the source folder reads") {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A token of Rust source, as much as the scan needs.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

/// Reads a string literal's body from `chars[i]` (just after the opening
/// quote), decoding escapes; returns the text and the index after the
/// closing quote.
fn string_body(chars: &[char], mut i: usize) -> (String, usize) {
    let mut out = String::new();
    while i < chars.len() {
        match chars[i] {
            '"' => return (out, i + 1),
            '\\' => {
                i += 1;
                match chars.get(i) {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('0') => out.push('\0'),
                    Some('\\') => out.push('\\'),
                    Some('"') => out.push('"'),
                    Some('\'') => out.push('\''),
                    Some('\n') => {
                        // A line continuation: the newline and the next line's indent go.
                        while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                            i += 1;
                        }
                    }
                    Some('u') => {
                        let close = (i..chars.len())
                            .find(|&j| chars[j] == '}')
                            .expect("a closed \\u{...}");
                        let hex: String = chars[i + 2..close].iter().collect();
                        let c = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .expect("a valid \\u escape");
                        out.push(c);
                        i = close;
                    }
                    Some('x') => {
                        let hex: String = chars[i + 1..i + 3].iter().collect();
                        let b = u8::from_str_radix(&hex, 16).expect("a valid \\x escape");
                        out.push(char::from(b));
                        i += 2;
                    }
                    other => panic!("unknown escape {other:?}"),
                }
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    panic!("an unclosed string literal");
}

/// The tokens of a source file, with the line each starts on. Comments
/// are skipped; strings (plain, raw, byte) are decoded; char literals and
/// lifetimes are told apart.
fn tokens(src: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let count = |from: usize, to: usize| chars[from..to].iter().filter(|&&c| c == '\n').count();
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 1;
            i += 2;
            while i < chars.len() && depth > 0 {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            let (s, next) = string_body(&chars, i + 1);
            out.push((Tok::Str(s), line));
            i = next;
        } else if (c == 'r' || c == 'b')
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && raw_start(&chars, i).is_some()
        {
            let (hashes, body) = raw_start(&chars, i).expect("checked above");
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let end = (body..chars.len())
                .find(|&j| chars[j..].starts_with(&close))
                .expect("a closed raw string");
            out.push((Tok::Str(chars[body..end].iter().collect()), line));
            i = end + close.len();
        } else if c == 'b' && chars.get(i + 1) == Some(&'"') {
            let (s, next) = string_body(&chars, i + 2);
            out.push((Tok::Str(s), line));
            i = next;
        } else if c == '\'' {
            // A char literal ('x', '\n', '"') or a lifetime ('a, 'static).
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(chars[start..i].iter().collect()), line));
        } else if c.is_whitespace() || c.is_ascii_digit() {
            i += 1;
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
        line += count(start, i);
    }
    out
}

/// At a raw string's start (`r"`, `r#"`, `br"`): its `#` count and the body's index.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// Every call of a translating function in a file.
fn calls_in(file: &str, src: &str) -> Vec<Call> {
    let toks = tokens(src);
    let mut out = Vec::new();
    for (k, (tok, line)) in toks.iter().enumerate() {
        let Tok::Ident(name) = tok else { continue };
        let Some(func) = FUNCS.iter().find(|f| **f == name) else {
            continue;
        };
        if toks.get(k + 1).map(|t| &t.0) != Some(&Tok::Punct('(')) {
            continue;
        }
        // A definition, a method of another type, or `use` are not calls.
        let before = k.checked_sub(1).map(|j| &toks[j].0);
        if matches!(before, Some(Tok::Ident(w)) if w == "fn") || before == Some(&Tok::Punct('.')) {
            continue;
        }
        let mut literals = Vec::new();
        let mut j = k + 2;
        while let Some((Tok::Str(s), _)) = toks.get(j) {
            literals.push(s.clone());
            match toks.get(j + 1).map(|t| &t.0) {
                Some(Tok::Punct(',')) => j += 2,
                _ => break,
            }
        }
        let expr = if literals.is_empty() {
            // The argument's tokens up to the matching `)` or a top-level `,`.
            let mut depth = 0;
            let mut text = String::new();
            for (t, _) in &toks[k + 2..] {
                match t {
                    Tok::Punct('(' | '[') => depth += 1,
                    Tok::Punct(')' | ']') if depth == 0 => break,
                    Tok::Punct(')' | ']') => depth -= 1,
                    Tok::Punct(',') if depth == 0 => break,
                    _ => {}
                }
                match t {
                    Tok::Ident(s) => text.push_str(s),
                    Tok::Str(s) => text.push_str(&format!("{s:?}")),
                    Tok::Punct(c) => text.push(*c),
                }
            }
            Some(text)
        } else {
            None
        };
        out.push(Call {
            file: file.to_string(),
            line: *line,
            func,
            literals,
            expr,
        });
    }
    out
}

fn all_calls() -> Vec<Call> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    sources(&root.join("src"))
        .iter()
        // A module of unit tests in its own file.
        .filter(|p| p.file_name().is_none_or(|n| n != "tests.rs"))
        .flat_map(|p| {
            let src = std::fs::read_to_string(p).expect("a source file reads");
            // Unit tests may translate texts on purpose that the table lacks
            // (a `mod tests;` declared before the code does not end it).
            let src = src
                .split("#[cfg(test)]\nmod tests {")
                .next()
                .unwrap_or(&src);
            let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
            calls_in(&name, src)
        })
        .collect()
}

/// The table's key for a call: `context|text` for `trc`, else the text.
fn key(c: &Call) -> Option<String> {
    match (c.func, c.literals.as_slice()) {
        ("trc", [ctx, en, ..]) => Some(format!("{ctx}|{en}")),
        ("trc", _) => None,
        (_, [en, ..]) => Some(en.clone()),
        _ => None,
    }
}

#[test]
fn the_scan_reads_tricky_sources() {
    let src = r##"
        // tr("in a comment") is not a call
        /* nor tr("in a block") */
        let a = tr("plain");
        let b = trf(
            "multi {} line",
            &[&x],
        );
        let c = tr("with \"quotes\" and \\ and \u{2192}");
        let d = trf("a \
                     continued line", &[]);
        let e = tr(r#"raw "text""#);
        let f = trc("animation", "play");
        let q = '"'; let l: &'static str = tr("after a quote char");
        let g = tr(spec.label);
        fn tr(en: &'static str) -> &'static str { en }
        let h = x.tr("a method");
    "##;
    let calls = calls_in("t.rs", src);
    let keys: Vec<Option<String>> = calls.iter().map(key).collect();
    assert_eq!(
        keys,
        [
            Some("plain".to_string()),
            Some("multi {} line".into()),
            Some("with \"quotes\" and \\ and →".into()),
            Some("a continued line".into()),
            Some("raw \"text\"".into()),
            Some("animation|play".into()),
            Some("after a quote char".into()),
            None,
        ]
    );
    assert_eq!(calls[1].line, 5, "a call is placed on its own line");
    assert_eq!(calls[7].expr.as_deref(), Some("spec.label"));
}

/// The translated languages, each with its locale file.
const LOCALES: [(Lang, &str); 2] = [
    (Lang::Zh, "locales/zh.yml"),
    (Lang::ZhHant, "locales/zh-Hant.yml"),
];

#[test]
fn every_text_in_the_sources_has_an_entry_in_every_locale_file() {
    let calls = all_calls();
    assert!(
        calls.len() > 300,
        "the scan found only {} calls: is it still reading the sources?",
        calls.len()
    );
    let mut missing = BTreeSet::new();
    for (lang, file) in LOCALES {
        for (c, k) in calls.iter().filter_map(|c| key(c).map(|k| (c, k))) {
            if lookup(lang, &k).is_none() {
                missing.insert(format!(
                    "{file} has no entry for {k:?} ({}:{})",
                    c.file, c.line
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "texts without a translation (add a line `\"English\": \"translation\"` to the file; \
         see locales/README.md):\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn texts_that_are_not_literals_come_from_tables_checked_here() {
    let unknown: Vec<String> = all_calls()
        .iter()
        .filter_map(|c| c.expr.as_ref().map(|e| (c, e)))
        .filter(|(_, e)| !DYNAMIC.iter().any(|(d, _)| d == e))
        .map(|(c, e)| format!("{}:{}: {}({e})", c.file, c.line, c.func))
        .collect();
    assert!(
        unknown.is_empty(),
        "pass tr a literal (or mark() one in a table), or add the expression to DYNAMIC \
         with a check of its table:\n{}",
        unknown.join("\n")
    );
    let mut missing = Vec::new();
    for (lang, file) in LOCALES {
        let mut need = |what: String, en: &str| {
            if lookup(lang, en).is_none() {
                missing.push(format!("{file} has no entry for {en:?} ({what})"));
            }
        };
        for p in PARAMS.iter() {
            need(format!("{}: label", p.key), p.label);
            need(format!("{}: help", p.key), p.help);
        }
        for s in Section::ALL {
            need("section".into(), s.title());
        }
        for b in KEYMAP.iter() {
            need(format!("key {}", b.keys_text), b.label);
            need("keymap scope".into(), b.scope.title());
        }
        for h in hint_keys() {
            need("footer hint".into(), &h);
        }
        for (place, what) in MOUSE.iter().filter_map(|m| m.help) {
            need("mouse".into(), place);
            need("mouse".into(), what);
        }
        for m in METRICS.iter() {
            need(format!("metric {}", m.name), m.label);
        }
        for l in Loop::ALL {
            need("loop".into(), l.name());
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The English keys of a locale file, in file order, read line by line
/// (each entry is one line, `"English": "translation"`).
fn file_keys(file: &str) -> Vec<(usize, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).expect("the locale file reads");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with('"'))
        .map(|(i, l)| {
            let entry: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&format!("{{{l}}}")).unwrap_or_else(|e| {
                    panic!(
                        "{file}:{}: not an entry \"English\": \"translation\": {e}",
                        i + 1
                    )
                });
            let key = entry.keys().next().expect("one key").clone();
            (i + 1, key)
        })
        .collect()
}

#[test]
fn no_english_text_is_translated_twice_in_a_file() {
    for (lang, file) in LOCALES {
        let keys = file_keys(file);
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut twice = Vec::new();
        for (line, k) in &keys {
            if let Some(first) = seen.insert(k, *line) {
                twice.push(format!("{file}:{line}: {k:?} (first on line {first})"));
            }
        }
        assert!(
            twice.is_empty(),
            "translated more than once:\n{}",
            twice.join("\n")
        );
        // Every entry the library loaded is a line the scan read, so the
        // other tests see the whole file.
        assert_eq!(
            keys.len(),
            entries(lang).len(),
            "{file}: write each entry on one line, \"English\": \"translation\""
        );
    }
}

#[test]
fn translations_keep_their_placeholders_and_are_not_blank() {
    for (lang, file) in LOCALES {
        for (en, zh) in entries(lang) {
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{file}: {en:?} -> {zh:?}: the placeholders differ"
            );
            assert!(
                !zh.trim().is_empty() || en.trim().is_empty(),
                "{file}: {en:?} is blank"
            );
            // Padding around a text is layout: the translation keeps it (a
            // trailing space may become full-width punctuation, as in `：`).
            assert_eq!(
                en.starts_with(' '),
                zh.starts_with(' '),
                "{file}: {en:?} -> {zh:?}: the leading space differs"
            );
            let full_width_end = zh.ends_with(['：', '，', '。', '）', '？', '！']);
            assert!(
                en.ends_with(' ') == zh.ends_with(' ') || full_width_end,
                "{file}: {en:?} -> {zh:?}: the trailing space differs"
            );
        }
    }
}

#[test]
fn every_entry_of_the_locale_files_is_used() {
    let mut used: BTreeSet<String> = all_calls().iter().filter_map(key).collect();
    used.extend(PARAMS.iter().flat_map(|p| [p.label.into(), p.help.into()]));
    used.extend(Section::ALL.iter().map(|s| s.title().to_string()));
    used.extend(
        KEYMAP
            .iter()
            .flat_map(|b| [b.label.into(), b.scope.title().into()]),
    );
    used.extend(hint_keys());
    used.extend(
        MOUSE
            .iter()
            .filter_map(|m| m.help)
            .flat_map(|(p, w)| [p.to_string(), w.to_string()]),
    );
    used.extend(METRICS.iter().map(|m| m.label.to_string()));
    used.extend(Loop::ALL.iter().map(|l| l.name().to_string()));
    // A scenario's period word is looked up as it is written in the file.
    used.extend(["day", "week", "month", "quarter", "year"].map(String::from));
    for (lang, file) in LOCALES {
        let stale: Vec<&str> = entries(lang)
            .into_iter()
            .map(|(en, _)| en)
            .filter(|en| !used.contains(*en))
            .collect();
        assert!(stale.is_empty(), "{file}: entries no code shows: {stale:?}");
    }
}

#[test]
fn the_language_switch_reaches_the_locale_files() {
    assert_eq!(with_lang(Lang::Zh, || tr("Market")), "市场");
    assert_eq!(with_lang(Lang::ZhHant, || tr("Market")), "市場");
    assert_eq!(with_lang(Lang::En, || tr("Market")), "Market");
}
