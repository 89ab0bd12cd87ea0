//! Messages worded where they are shown: a catalog text and its values.

use std::fmt::Display;

use super::{Lang, tr, trf, with_lang};

/// A message with the values it needs, worded in the reader's language
/// only when shown: a scenario's or a history's diagnostics are made where
/// the file is read and shown wherever it is displayed. [`says`] makes one
/// from a catalog text and its values (a value that is itself a message,
/// such as a hint inside a sentence, is worded when shown too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A catalog text (its English, with `{}` for each value) and the values.
    Says(&'static str, Vec<Text>),
    /// Words shown as they are: a key, a number, a file's name, a line of a
    /// file, a message of a library.
    Plain(String),
    /// Messages one after the other.
    Join(Vec<Text>),
    /// A catalog text used as a clause inside a sentence: shown without its
    /// final full stop (a parameter's help inside an error).
    Clause(&'static str),
}

/// A catalog text and its values, worded when shown: a value that is a
/// [`Text`] of its own is worded then too; any other is shown as it is.
pub fn says(en: &'static str, args: &[&dyn Arg]) -> Text {
    Text::Says(en, args.iter().map(|a| a.arg()).collect())
}

/// A value of a [`says`] message.
pub trait Arg {
    /// The value as part of a message.
    fn arg(&self) -> Text;
}

impl Arg for Text {
    fn arg(&self) -> Text {
        self.clone()
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn arg(&self) -> Text {
        (**self).arg()
    }
}

/// Values shown as they are written.
macro_rules! plain_args {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn arg(&self) -> Text {
                Text::Plain(self.to_string())
            }
        })*
    };
}

plain_args!(
    str,
    String,
    char,
    bool,
    u8,
    u16,
    u32,
    u64,
    usize,
    i32,
    i64,
    i128,
    f64,
    std::borrow::Cow<'_, str>,
    std::path::Display<'_>,
    std::io::Error
);

impl Text {
    /// Words shown as they are.
    pub fn plain(text: impl Into<String>) -> Text {
        Text::Plain(text.into())
    }

    /// This message, then `more`.
    pub fn then(self, more: impl Into<Text>) -> Text {
        match self {
            Text::Join(mut v) => {
                v.push(more.into());
                Text::Join(v)
            }
            first => Text::Join(vec![first, more.into()]),
        }
    }

    /// The message in the language in force on this thread.
    pub fn text(&self) -> String {
        match self {
            Text::Says(en, args) => {
                let args: Vec<String> = args.iter().map(Text::text).collect();
                let refs: Vec<&dyn Display> = args.iter().map(|a| a as &dyn Display).collect();
                trf(en, &refs)
            }
            Text::Plain(s) => s.clone(),
            Text::Join(parts) => parts.iter().map(Text::text).collect(),
            Text::Clause(en) => tr(en).trim_end_matches(['.', '。']).to_string(),
        }
    }

    /// Whether the English of the message holds `needle` (tests, filters).
    pub fn contains(&self, needle: &str) -> bool {
        with_lang(Lang::En, || self.text()).contains(needle)
    }
}

impl Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_worded_when_shown_with_its_values_and_inner_messages() {
        let hint = says("did you mean `{}`?", &[&"customers"]);
        let msg = says("unknown column `{}`; {}", &[&"custmers", &hint]);
        assert_eq!(
            with_lang(Lang::En, || msg.to_string()),
            "unknown column `custmers`; did you mean `customers`?"
        );
        let zh = with_lang(Lang::Zh, || msg.to_string());
        assert_ne!(zh, with_lang(Lang::En, || msg.to_string()));
        assert!(zh.contains("custmers") && zh.contains("customers"), "{zh}");
        let hant = with_lang(Lang::ZhHant, || msg.to_string());
        assert_ne!(hant, zh, "each reader's own script");
        assert!(msg.contains("did you mean"));
        let joined = Text::plain("a.toml: ").then(says("help", &[]));
        assert_eq!(with_lang(Lang::Zh, || joined.to_string()), "a.toml: 帮助");
    }
}
