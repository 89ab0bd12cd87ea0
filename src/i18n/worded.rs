//! A text kept worded in every language: made in one place, read in another.

use super::{Lang, current, with_lang};

/// A text worded in every language, for a text made in one place and read
/// in another: a class's status lines and news, made by whoever typed or by
/// the server, and read on laptops set to different languages. Shown, it
/// is in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Worded([String; 3]);

impl Worded {
    /// `text` called once in each language (it must not depend on anything
    /// but the language).
    pub fn new(text: impl Fn() -> String) -> Worded {
        Worded(Lang::ALL.map(|lang| with_lang(lang, &text)))
    }

    /// A text that has one wording whatever the language (a person's words).
    pub fn same(text: impl Into<String>) -> Worded {
        let text = text.into();
        Worded([text.clone(), text.clone(), text])
    }

    /// The text in the current language.
    pub fn text(&self) -> &str {
        let lang = current();
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.0[i]
    }
}

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tr;

    #[test]
    fn a_worded_text_reads_in_the_readers_language() {
        let w = Worded::new(|| tr("help").to_string());
        assert_eq!(with_lang(Lang::En, || w.to_string()), "help");
        assert_eq!(with_lang(Lang::Zh, || w.to_string()), "帮助");
        assert_eq!(with_lang(Lang::ZhHant, || w.to_string()), "說明");
        let typed = Worded::same("coffee at 11");
        assert_eq!(
            with_lang(Lang::ZhHant, || typed.to_string()),
            "coffee at 11"
        );
    }
}
