//! A scenario's texts in any number of languages: [`Localized`] holds the
//! English and a translation per [`Lang`], and shows the one its reader's
//! language prefers, falling back along [`Lang::preference`]. Files name a
//! translation by a suffix of the key ([`Lang::suffix`]: `text_zh`,
//! `text_zh_hant`); a new language is a new `Lang`, and every text of every
//! scenario can carry it without another field.

use std::collections::BTreeMap;

use crate::i18n::{self, Lang};

/// Whether a text is there: a blank text or an empty list is not.
pub trait Given {
    /// True when there is something to show.
    fn given(&self) -> bool;
}

impl Given for String {
    fn given(&self) -> bool {
        !self.trim().is_empty()
    }
}

impl Given for Vec<String> {
    fn given(&self) -> bool {
        !self.is_empty()
    }
}

/// A text (or a list of texts, `Localized<Vec<String>>`) in the languages
/// its author wrote.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Localized<T = String> {
    en: T,
    other: BTreeMap<Lang, T>,
}

impl<T: Given> Localized<T> {
    /// A text in English only.
    pub fn new(en: impl Into<T>) -> Self {
        Localized {
            en: en.into(),
            other: BTreeMap::new(),
        }
    }

    /// The text with its version in `lang` set.
    pub fn with(mut self, lang: Lang, text: impl Into<T>) -> Self {
        self.set(lang, text.into());
        self
    }

    /// Sets the version in `lang` (a blank one removes it).
    pub fn set(&mut self, lang: Lang, text: T) {
        if lang == Lang::En {
            self.en = text;
        } else if text.given() {
            self.other.insert(lang, text);
        } else {
            self.other.remove(&lang);
        }
    }

    /// The English, as written (the language every text has).
    pub fn en(&self) -> &T {
        &self.en
    }

    /// The version in `lang` exactly, if the author wrote one.
    pub fn get(&self, lang: Lang) -> Option<&T> {
        match lang {
            Lang::En => Some(&self.en).filter(|t| t.given()),
            _ => self.other.get(&lang),
        }
    }

    /// The version a reader of `lang` reads: the first of
    /// [`Lang::preference`] the author wrote, else the English.
    pub fn pick(&self, lang: Lang) -> &T {
        lang.preference()
            .into_iter()
            .find_map(|l| self.get(l))
            .unwrap_or(&self.en)
    }

    /// The version in the language in force on this thread.
    pub fn current(&self) -> &T {
        self.pick(i18n::current())
    }

    /// The translations written, language by language (English aside).
    pub fn translations(&self) -> impl Iterator<Item = (Lang, &T)> {
        self.other.iter().map(|(l, t)| (*l, t))
    }

    /// Whether the English is blank and nothing is translated.
    pub fn is_empty(&self) -> bool {
        !self.en.given() && self.other.is_empty()
    }
}

/// A text shows in the language in force on this thread.
impl std::fmt::Display for Localized<String> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.current())
    }
}

impl From<&str> for Localized<String> {
    fn from(en: &str) -> Self {
        Localized::new(en)
    }
}

impl From<String> for Localized<String> {
    fn from(en: String) -> Self {
        Localized::new(en)
    }
}

/// The language a scenario file's `key` gives a version of `field` in
/// (`title_zh_hant` of `title`: Traditional Chinese), if it is one.
pub fn lang_of_key(field: &str, key: &str) -> Option<Lang> {
    let rest = key.strip_prefix(field)?;
    Lang::ALL.into_iter().find(|l| l.suffix() == rest)
}

/// Every key of a field in a file: `title`, `title_zh`, `title_zh_hant`.
pub fn keys_of(field: &str) -> impl Iterator<Item = String> + '_ {
    Lang::ALL
        .into_iter()
        .map(move |l| format!("{field}{}", l.suffix()))
}

/// The keys a table of a file may hold, in order: a name ending in `*` is
/// a text, with a key per language (`title*`: `title`, `title_zh`, ...).
pub fn table_keys(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .flat_map(|n| match n.strip_suffix('*') {
            Some(field) => keys_of(field).collect::<Vec<_>>(),
            None => vec![(*n).to_string()],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_gets_their_language_then_the_nearest_then_english() {
        let t: Localized = Localized::new("Wait 8 weeks.").with(Lang::Zh, "等待8周。");
        assert_eq!(t.pick(Lang::En), "Wait 8 weeks.");
        assert_eq!(t.pick(Lang::Zh), "等待8周。");
        // No Traditional text: the Simplified before the English.
        assert_eq!(t.pick(Lang::ZhHant), "等待8周。");
        let t = t.with(Lang::ZhHant, "等待 8 週。");
        assert_eq!(t.pick(Lang::ZhHant), "等待 8 週。");
        assert_eq!(
            i18n::with_lang(Lang::ZhHant, || t.current().clone()),
            "等待 8 週。"
        );
        let only_zh: Localized = Localized::new("").with(Lang::Zh, "只有中文");
        assert_eq!(
            only_zh.pick(Lang::En),
            "只有中文",
            "a blank English falls through"
        );
        assert!(!only_zh.is_empty());
        assert!(Localized::<String>::default().is_empty());
    }

    #[test]
    fn a_lesson_text_falls_back_from_traditional_to_simplified_to_english() {
        let pick_in = |lang, zh: &str, hant: &str| {
            let t: Localized = Localized::new("Wait")
                .with(Lang::Zh, zh)
                .with(Lang::ZhHant, hant);
            i18n::with_lang(lang, || t.current().clone())
        };
        assert_eq!(pick_in(Lang::ZhHant, "等待", "等候"), "等候");
        assert_eq!(pick_in(Lang::ZhHant, "等待", ""), "等待");
        assert_eq!(pick_in(Lang::ZhHant, "", ""), "Wait");
        assert_eq!(pick_in(Lang::Zh, "等待", "等候"), "等待");
        assert_eq!(pick_in(Lang::Zh, "", "等候"), "Wait");
        assert_eq!(pick_in(Lang::En, "等待", "等候"), "Wait");
        let list: Localized<Vec<String>> = Localized::new(vec!["a".to_string()])
            .with(Lang::Zh, vec!["甲".to_string()])
            .with(Lang::ZhHant, Vec::<String>::new());
        assert_eq!(list.pick(Lang::ZhHant), &vec!["甲".to_string()]);
    }

    #[test]
    fn a_blank_translation_is_no_translation() {
        let mut t: Localized = Localized::new("Go.").with(Lang::Zh, "去。");
        t.set(Lang::Zh, "  ".into());
        assert_eq!(t.get(Lang::Zh), None);
        assert_eq!(t.translations().count(), 0);
        let list: Localized<Vec<String>> = Localized::new(vec!["a".to_string()]);
        assert_eq!(list.pick(Lang::Zh), &vec!["a".to_string()]);
    }

    #[test]
    fn file_keys_name_their_language_by_suffix() {
        assert_eq!(lang_of_key("title", "title"), Some(Lang::En));
        assert_eq!(lang_of_key("title", "title_zh"), Some(Lang::Zh));
        assert_eq!(lang_of_key("title", "title_zh_hant"), Some(Lang::ZhHant));
        assert_eq!(lang_of_key("title", "title_fr"), None);
        assert_eq!(lang_of_key("text", "title"), None);
        assert_eq!(
            table_keys(&["text*", "all"]),
            ["text", "text_zh", "text_zh_hant", "all"]
        );
        let keys: Vec<String> = keys_of("summary").collect();
        assert_eq!(keys, ["summary", "summary_zh", "summary_zh_hant"]);
    }
}
