//! The interface's languages. Every text the simulator, play mode, the
//! debrief, the CLI and the scenario diagnostics show is written in English
//! at its call site as `tr("...")` (or `trf` with `{}` placeholders, `trc`
//! where one English text needs two translations, `mark` in a static table).
//! Its translations live in the locale files under `locales/` (`zh.yml`,
//! `zh-Hant.yml`), keyed by the English text, and are read at build time by
//! the `rust-i18n` library; `tests/docs/i18n.rs` scans the sources so that no
//! text lacks a translation in any locale file and no entry goes unused.
//! Text from a scenario file (names, notes, lesson texts without a
//! translated twin) is data and is shown as written; the period word
//! (`week`) is translated when the locale file has it.
//!
//! The language is chosen by `--lang`, else from `LC_ALL`, `LC_MESSAGES` or
//! `LANG`, else English; [`Lang::parse`] negotiates a locale name to one of
//! the three: `zh_TW`, `zh_HK`, `zh-Hant` choose Traditional Chinese;
//! `zh_CN`, `zh-Hans`, `zh` Simplified. A text missing from `zh-Hant.yml`
//! falls back to `zh.yml`, and one missing there to the English.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

mod text;
mod worded;

pub use text::{Arg, Text, says};
pub use worded::Worded;

/// The catalog `rust-i18n` builds from `locales/*.yml` at compile time.
mod catalog {
    #![allow(unused_imports, unreachable_pub, missing_docs)]
    rust_i18n::i18n!("locales");
}

// A change in a locale file rebuilds the crate (and so the catalog above).
const _: &str = include_str!("../locales/zh.yml");
const _: &str = include_str!("../locales/zh-Hant.yml");

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// English (the texts as written in the code).
    #[default]
    En,
    /// Simplified Chinese (`zh`, `zh-CN`, `zh-Hans`).
    Zh,
    /// Traditional Chinese as written in Taiwan and Hong Kong (`zh-Hant`,
    /// `zh-TW`, `zh-HK`).
    ZhHant,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::ZhHant];

    /// Negotiates a language from a locale or language tag (`zh_TW.UTF-8`,
    /// `zh-Hant-HK`, `zh-CN`, `en_US`, `C`): the supported language it
    /// names, or `None` for one this interface does not have.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        // Drop a POSIX encoding and modifier: `zh_TW.UTF-8@euro`.
        let t = t.split(['.', '@']).next().unwrap_or("");
        let parts: Vec<&str> = t.split(['_', '-']).filter(|p| !p.is_empty()).collect();
        match parts.first().copied() {
            Some("zh") => {
                let traditional = parts[1..]
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                Some(if traditional { Lang::ZhHant } else { Lang::Zh })
            }
            Some("en" | "c" | "posix") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    /// The locale's name, as its file under `locales/` is named (`zh-Hant`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// What a scenario file's key ends with for a text in this language:
    /// `description_zh_hant` is the Traditional Chinese of `description`.
    pub fn suffix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Zh => "_zh",
            Lang::ZhHant => "_zh_hant",
        }
    }

    /// The languages a reader of this one would rather read, best first,
    /// when a text lacks its own: a Traditional Chinese reader takes the
    /// Simplified before the English.
    pub fn preference(self) -> [Lang; 3] {
        match self {
            Lang::En => [Lang::En, Lang::Zh, Lang::ZhHant],
            Lang::Zh => [Lang::Zh, Lang::En, Lang::ZhHant],
            Lang::ZhHant => [Lang::ZhHant, Lang::Zh, Lang::En],
        }
    }

    /// Whether the language is written in Chinese (either script).
    pub fn is_chinese(self) -> bool {
        self != Lang::En
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Lang, String> {
        Lang::parse(text)
            .ok_or_else(|| format!("unknown language \"{text}\"; use en, zh or zh-Hant"))
    }
}

static DEFAULT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language for the whole program.
pub fn set_default(lang: Lang) {
    DEFAULT.store(lang as u8, Ordering::Relaxed);
}

/// The language in force on this thread.
pub fn current() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or(match DEFAULT.load(Ordering::Relaxed) {
            1 => Lang::Zh,
            2 => Lang::ZhHant,
            _ => Lang::En,
        })
}

/// Runs `f` with `lang` in force on this thread (tests render every language side by side).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// A text the catalog gave as owned, kept for the program's life (the
/// embedded catalog lends its texts, so this set stays empty in practice).
fn intern(text: String) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(s) = seen.get(text.as_str()) {
        return s;
    }
    let s: &'static str = Box::leak(text.into_boxed_str());
    seen.insert(s);
    s
}

/// The translation of `key` in `lang`'s own locale file, without fallback.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    catalog::_rust_i18n_backend()
        .translate(lang.code(), key)
        .map(|c| match c {
            Cow::Borrowed(s) => s,
            Cow::Owned(s) => intern(s),
        })
}

/// The translation of `key` in `lang`, falling back from Traditional to
/// Simplified Chinese; `None` when neither file has it (English is the key).
fn translate(lang: Lang, key: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Zh => lookup(Lang::Zh, key),
        Lang::ZhHant => lookup(Lang::ZhHant, key).or_else(|| lookup(Lang::Zh, key)),
    }
}

/// Every entry of `lang`'s locale file, as (English, translation), sorted.
pub fn entries(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = catalog::_rust_i18n_backend()
        .messages_for_locale(lang.code())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let k = match k {
                Cow::Borrowed(s) => s,
                Cow::Owned(s) => intern(s),
            };
            let v = match v {
                Cow::Borrowed(s) => s,
                Cow::Owned(s) => intern(s),
            };
            (k, v)
        })
        .collect();
    out.sort_unstable();
    out
}

/// The text in the current language.
pub fn tr(en: &'static str) -> &'static str {
    translate(current(), en).unwrap_or(en)
}

/// The text in the current language, where the same English means different
/// things in different places: the locale files' key is `context|English`
/// (`trc("animation", "play")` is 播放, `tr("play")` 演练).
pub fn trc(context: &'static str, en: &'static str) -> &'static str {
    match current() {
        Lang::En => en,
        lang => translate(lang, &format!("{context}|{en}")).unwrap_or(en),
    }
}

/// Marks a text for translation where it cannot be translated yet (in a
/// `static` table): the text itself, to be passed to [`tr`] when shown. The
/// test of the locale files finds `mark("...")` as it finds `tr("...")`.
pub const fn mark(en: &'static str) -> &'static str {
    en
}

/// The Simplified Chinese for an English text, if `locales/zh.yml` has it.
pub fn zh(en: &str) -> Option<&'static str> {
    lookup(Lang::Zh, en)
}

/// The translation of a text that is not a `'static` literal (a scenario's
/// period word): in the current language, else the text as given.
pub fn tr_str(en: &str) -> String {
    translate(current(), en).map_or_else(|| en.to_string(), str::to_string)
}

/// A text with `{}` placeholders, translated, then filled in order.
pub fn trf(en: &'static str, args: &[&dyn Display]) -> String {
    let template = tr(en);
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_negotiated_from_locales() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-Hans"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_SG"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_TW.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("zh_HK.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("zh-Hant"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("zh-TW"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("zh-Hant-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn translation_follows_the_thread_language() {
        assert_eq!(with_lang(Lang::Zh, || tr("Market")), "市场");
        assert_eq!(with_lang(Lang::ZhHant, || tr("Market")), "市場");
        assert_eq!(with_lang(Lang::En, || tr("Market")), "Market");
        assert_eq!(with_lang(Lang::Zh, || tr("no such text")), "no such text");
        assert_eq!(
            with_lang(Lang::ZhHant, || tr("no such text")),
            "no such text"
        );
        assert_eq!(with_lang(Lang::En, || trf("{} of {}", &[&1, &2])), "1 of 2");
        assert_eq!(with_lang(Lang::Zh, || trc("animation", "play")), "播放");
        assert_eq!(with_lang(Lang::Zh, || tr("play")), "演练");
        assert_eq!(with_lang(Lang::En, || trc("animation", "play")), "play");
    }

    #[test]
    fn traditional_falls_back_to_simplified_then_english() {
        // A key only the Simplified file has: the lookup without fallback
        // finds none in zh-Hant, the translation finds the Simplified.
        let only_zh = entries(Lang::Zh)
            .into_iter()
            .find(|(k, _)| lookup(Lang::ZhHant, k).is_none());
        if let Some((k, v)) = only_zh {
            assert_eq!(translate(Lang::ZhHant, k), Some(v));
        }
        assert_eq!(translate(Lang::ZhHant, "no such text"), None);
        assert_eq!(lookup(Lang::En, "Market"), None);
    }

    #[test]
    fn the_catalog_covers_the_parameter_table_in_every_language() {
        for lang in [Lang::Zh, Lang::ZhHant] {
            assert!(
                entries(lang).len() > 300,
                "{lang:?}: the catalog is nearly empty"
            );
            for p in crate::model::PARAMS.iter() {
                assert!(lookup(lang, p.label).is_some(), "{lang:?}: {} label", p.key);
                assert!(lookup(lang, p.help).is_some(), "{lang:?}: {} help", p.key);
                assert!(lookup(lang, p.section.title()).is_some());
            }
        }
    }
}
