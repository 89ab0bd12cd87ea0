//! Every text a scenario shows its reader, each named by its field
//! (`lesson.steps[2].text`): the description, the lesson's title, summary
//! and steps (title, text, prediction, goal, debrief questions), the play
//! briefing and the events' notes. `flywheel check` warns when a file
//! translates some of its texts into a language but not others
//! ([`partial`]), and lists the texts a language lacks ([`untranslated`]).

use super::Scenario;
use super::localized::Localized;
use crate::i18n::Lang;

/// A text of a scenario, or a list of them (debrief questions, choices).
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// One text.
    One(Localized),
    /// A list of texts, translated as a whole.
    List(Localized<Vec<String>>),
}

impl Entry {
    /// The English, a list's items joined by ` / `.
    pub fn english(&self) -> String {
        match self {
            Entry::One(t) => t.en().trim().to_string(),
            Entry::List(l) => l.en().join(" / "),
        }
    }

    /// Whether the author wrote its version in `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        match self {
            Entry::One(t) => t.get(lang).is_some(),
            Entry::List(l) => l.get(lang).is_some_and(|v| !v.is_empty()),
        }
    }

    /// Every version the reader may see, English and translations.
    pub fn versions(&self) -> Vec<(Lang, String)> {
        match self {
            Entry::One(t) => Lang::ALL
                .into_iter()
                .filter_map(|l| t.get(l).map(|s| (l, s.clone())))
                .collect(),
            Entry::List(t) => Lang::ALL
                .into_iter()
                .filter_map(|l| t.get(l).map(|v| (l, v.join("\n"))))
                .collect(),
        }
    }
}

/// A text and the field that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field, as a path without a language suffix: `play.briefing`.
    pub path: String,
    /// The text in its languages.
    pub entry: Entry,
}

/// Every text of the scenario that has its English, in file order.
pub fn fields(s: &Scenario) -> Vec<Field> {
    let mut out = Vec::new();
    let one = |out: &mut Vec<Field>, path: String, t: &Localized| {
        if !t.en().trim().is_empty() {
            out.push(Field {
                path,
                entry: Entry::One(t.clone()),
            });
        }
    };
    let list = |out: &mut Vec<Field>, path: String, l: &Localized<Vec<String>>| {
        if !l.en().is_empty() {
            out.push(Field {
                path,
                entry: Entry::List(l.clone()),
            });
        }
    };
    one(&mut out, "scenario.description".into(), &s.description);
    let l = &s.lesson;
    one(&mut out, "lesson.title".into(), &l.title);
    one(&mut out, "lesson.summary".into(), &l.summary);
    for (i, step) in l.steps.iter().enumerate() {
        let at = format!("lesson.steps[{}]", i + 1);
        one(&mut out, format!("{at}.title"), &step.title);
        one(&mut out, format!("{at}.text"), &step.text);
        if let Some(p) = &step.predict {
            one(&mut out, format!("{at}.predict.question"), &p.question);
            list(&mut out, format!("{at}.predict.choices"), &p.choices);
        }
        if let Some(g) = &step.goal {
            one(&mut out, format!("{at}.goal.text"), &g.text);
        }
        list(&mut out, format!("{at}.debrief"), &step.debrief);
    }
    one(&mut out, "play.briefing".into(), &s.play.briefing);
    for (i, e) in s.config.events.iter().enumerate() {
        let note = s.note_texts(&e.note);
        one(&mut out, format!("events[{}].note", i + 1), &note);
    }
    out
}

/// A text without its version in a language.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    /// The field the translation would be written in:
    /// `lesson.steps[2].text_zh_hant`.
    pub field: String,
    /// The English it would translate.
    pub english: String,
}

impl Missing {
    /// The English, cut to about `chars` characters with an ellipsis.
    pub fn short(&self, chars: usize) -> String {
        let text: String = self
            .english
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.chars().count() <= chars {
            return text;
        }
        let cut: String = text.chars().take(chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Every text of the scenario with no version in `lang`, in file order
/// (none in English: every text has its English).
pub fn untranslated(s: &Scenario, lang: Lang) -> Vec<Missing> {
    if lang == Lang::En {
        return Vec::new();
    }
    fields(s)
        .into_iter()
        .filter(|f| !f.entry.has(lang))
        .map(|f| Missing {
            field: format!("{}{}", f.path, lang.suffix()),
            english: f.entry.english(),
        })
        .collect()
}

/// The texts missing from each language the file translates only in part:
/// a file with no text at all in a language is not translated into it, and
/// a file with every text is done.
pub fn partial(s: &Scenario) -> Vec<(Lang, Vec<Missing>)> {
    let total = fields(s).len();
    Lang::ALL
        .into_iter()
        .map(|lang| (lang, untranslated(s, lang)))
        .filter(|(_, missing)| !missing.is_empty() && missing.len() < total)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, PARAMS};
    use crate::scenario::keys::{CASH_INJECTION, MARKET_CHANGE};
    use crate::scenario::{PRESETS, parse, translation, write};

    const FILE: &str = r#"
[scenario]
description = "A market."
description_zh = "一个市场。"
description_zh_hant = "一個市場。"

[lesson]
summary = "Look."
summary_zh = "看。"

[[lesson.steps]]
title = "Wait"
title_zh = "等待"
text = "Wait a long while, then look at what the customers who stayed are worth."
debrief = ["Why?"]

[[events]]
at = 3
note = "Launch"
note_zh_hant = "上市"
"#;

    fn fields_of(missing: &[Missing]) -> Vec<&str> {
        missing.iter().map(|m| m.field.as_str()).collect()
    }

    #[test]
    fn every_text_missing_from_a_language_is_named_by_its_field() {
        let s = parse("t.toml", FILE).unwrap();
        let paths: Vec<String> = fields(&s).into_iter().map(|f| f.path).collect();
        assert_eq!(
            paths,
            [
                "scenario.description",
                "lesson.summary",
                "lesson.steps[1].title",
                "lesson.steps[1].text",
                "lesson.steps[1].debrief",
                "events[1].note",
            ]
        );
        assert_eq!(
            fields_of(&untranslated(&s, Lang::Zh)),
            [
                "lesson.steps[1].text_zh",
                "lesson.steps[1].debrief_zh",
                "events[1].note_zh"
            ]
        );
        let hant = untranslated(&s, Lang::ZhHant);
        assert_eq!(hant.len(), 4, "{hant:?}");
        assert_eq!(hant[0].field, "lesson.summary_zh_hant");
        assert_eq!(hant[0].english, "Look.");
        assert!(untranslated(&s, Lang::En).is_empty());
        let long = &untranslated(&s, Lang::Zh)[0];
        assert_eq!(long.short(20), "Wait a long while,…");
        assert!(long.short(20).chars().count() <= 20);
        assert_eq!(long.short(200), long.english);
    }

    #[test]
    fn only_a_language_translated_in_part_is_warned_about() {
        let s = parse("t.toml", FILE).unwrap();
        let langs: Vec<Lang> = partial(&s).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::Zh, Lang::ZhHant]);
        // No Traditional Chinese at all: only the Simplified is partial.
        let simplified_only: String = FILE
            .lines()
            .filter(|l| !l.contains("_zh_hant"))
            .collect::<Vec<_>>()
            .join("\n");
        let s = parse("t.toml", &simplified_only).unwrap();
        let warned = partial(&s);
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert_eq!(warned[0].0, Lang::Zh);
        assert_eq!(warned[0].1.len(), 3);
        // English only: nothing is partial.
        let english: String = FILE
            .lines()
            .filter(|l| !l.contains("_zh"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(partial(&parse("t.toml", &english).unwrap()).is_empty());
    }

    #[test]
    fn every_shipped_text_is_in_every_language() {
        for p in PRESETS {
            let s = p.load().unwrap();
            for lang in [Lang::Zh, Lang::ZhHant] {
                let missing = untranslated(&s, lang);
                assert!(missing.is_empty(), "{}: {missing:#?}", p.name);
            }
            let mismatches = translation::mismatches(&s);
            assert!(mismatches.is_empty(), "{}: {mismatches:#?}", p.name);
        }
    }

    #[test]
    fn no_shipped_text_names_a_parameter_key() {
        // Keys (feedback.latency) and the names that are no English word
        // (rd_base), as a learner would see them in a text.
        let mut keys: Vec<&str> = vec![CASH_INJECTION, MARKET_CHANGE];
        for p in PARAMS {
            keys.push(p.key);
            if p.name.contains('_') {
                keys.push(p.name);
            }
        }
        let mut seen = 0;
        for p in PRESETS {
            let s = p.load().unwrap();
            for f in fields(&s) {
                for (lang, text) in f.entry.versions() {
                    seen += 1;
                    let named: Vec<&&str> = keys.iter().filter(|k| text.contains(**k)).collect();
                    assert!(
                        named.is_empty(),
                        "{}: {}{} names {named:?}: {text}",
                        p.name,
                        f.path,
                        lang.suffix()
                    );
                }
            }
        }
        assert!(seen > 100, "only {seen} texts were read");
    }

    #[test]
    fn an_event_note_shows_and_saves_in_every_language() {
        let s = parse("t.toml", FILE).unwrap();
        let e: &Event = &s.config.events[0];
        assert_eq!(e.note, "Launch");
        let note_in = |lang| crate::i18n::with_lang(lang, || s.note(e).to_string());
        assert_eq!(note_in(Lang::ZhHant), "上市");
        assert_eq!(note_in(Lang::En), "Launch");
        // No Simplified: the English, as a Simplified reader prefers.
        assert_eq!(note_in(Lang::Zh), "Launch");
        let back = parse("t.toml", &write::to_toml(&s)).unwrap();
        assert_eq!(back.event_notes, s.event_notes);
        assert!(write::to_toml(&s).contains("note_zh_hant = \"上市\""));
        // An event the file does not have keeps its note as written.
        let other = Event {
            note: "Price cut".into(),
            ..Event::default()
        };
        assert_eq!(
            crate::i18n::with_lang(Lang::ZhHant, || s.note(&other).to_string()),
            "Price cut"
        );
    }

    #[test]
    fn a_note_translated_with_no_english_is_an_error() {
        let text = "[[events]]\nat = 3\nnote_zh = \"上市\"\n";
        let e = parse("t.toml", text).unwrap_err().to_string();
        assert!(e.contains("no English"), "{e}");
    }

    #[test]
    fn a_translated_note_with_other_numbers_is_a_mismatch() {
        let text = FILE.replace("note_zh_hant = \"上市\"", "note_zh_hant = \"第 2 版上市\"");
        let s = parse("t.toml", &text).unwrap();
        let m = translation::mismatches(&s);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].field, "events[1].note_zh_hant");
    }
}
