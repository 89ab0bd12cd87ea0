//! Translations that say other numbers than the English: `text` says 13
//! weeks, `text_zh` says 26 周. `flywheel check` warns about each, naming the
//! field. Numbers are compared as multisets of values, so order and units of
//! writing do not matter: `$350M` matches `3.5亿`, `20%` matches `20%`,
//! `1,000` matches `1000`.

use super::Scenario;
use super::localized::Localized;
use super::texts::{Entry, fields};
use crate::i18n::Lang;
use crate::i18n::{tr, trf};

/// A translated text whose numbers differ from its English twin.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// The field, as a path: `lesson.steps[2].text_zh`.
    pub field: String,
    /// The numbers only the English text has.
    pub english_only: Vec<f64>,
    /// The numbers only the translation has.
    pub translation_only: Vec<f64>,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[f64]| {
            if v.is_empty() {
                tr("none").to_string()
            } else {
                v.iter()
                    .map(|x| crate::model::fmt_num(*x))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        // `lesson.steps[2].text_zh` is the translation of `lesson.steps[2].text`
        // (a list's item: `debrief_zh[1]` of `debrief[1]`).
        let (base, item) = match self.field.rfind('[') {
            Some(i) if self.field.ends_with(']') => self.field.split_at(i),
            _ => (self.field.as_str(), ""),
        };
        let english = Lang::ALL
            .iter()
            .rev()
            .filter(|l| **l != Lang::En)
            .find_map(|l| base.strip_suffix(l.suffix()))
            .map_or_else(|| self.field.clone(), |b| format!("{b}{item}"));
        f.write_str(&trf(
            "{}: its numbers differ from {}: only in the English {}; only in the translation {}",
            &[
                &self.field,
                &english,
                &list(&self.english_only),
                &list(&self.translation_only),
            ],
        ))
    }
}

/// Every translated text of the scenario (description, lesson, briefing,
/// event notes) whose numbers differ from the English, in file order.
pub fn mismatches(s: &Scenario) -> Vec<Mismatch> {
    let fields = fields(s);
    let mut out = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let sfx = lang.suffix();
        for f in &fields {
            match &f.entry {
                Entry::One(text) => {
                    if let Some(zh) = text.get(lang) {
                        out.extend(compare(format!("{}{sfx}", f.path), text.en(), zh));
                    }
                }
                Entry::List(lists) => {
                    pair_lists(&mut out, &format!("{}{sfx}", f.path), lists, lang);
                }
            }
        }
    }
    out
}

/// Lists compared item by item when they match in length, else as a whole.
fn pair_lists(out: &mut Vec<Mismatch>, field: &str, lists: &Localized<Vec<String>>, lang: Lang) {
    let Some(zh) = lists.get(lang) else {
        return;
    };
    let en = lists.en();
    if en.len() == zh.len() {
        for (i, (e, z)) in en.iter().zip(zh).enumerate() {
            out.extend(compare(format!("{field}[{}]", i + 1), e, z));
        }
    } else {
        out.extend(compare(field.to_string(), &en.join("\n"), &zh.join("\n")));
    }
}

fn compare(field: String, en: &str, zh: &str) -> Option<Mismatch> {
    if zh.trim().is_empty() {
        return None;
    }
    let mut a = numbers(en);
    let mut b = numbers(zh);
    let same = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    let mut i = 0;
    while i < a.len() {
        if let Some(j) = b.iter().position(|y| same(a[i], *y)) {
            a.remove(i);
            b.remove(j);
        } else {
            i += 1;
        }
    }
    (!a.is_empty() || !b.is_empty()).then_some(Mismatch {
        field,
        english_only: a,
        translation_only: b,
    })
}

/// The numbers a text states, with their written multipliers applied
/// (`12k`, `1.2M`, `3B`, `5万`, `3.5亿`); full-width digits read as digits,
/// and `1,000` as one number.
pub fn numbers(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            other => other,
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && !(i > 0 && (chars[i - 1].is_ascii_alphabetic() || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let mut s = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() || (c == '.' && next_digit && !s.contains('.')) {
                s.push(c);
            } else if c == ',' && next_digit && !s.contains('.') {
                // A thousands separator only when three digits follow.
                let group: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if group.len() != 3 {
                    break;
                }
            } else {
                break;
            }
            i += 1;
        }
        let Ok(mut v) = s.parse::<f64>() else {
            continue;
        };
        let unit = chars.get(i).copied();
        let after = chars.get(i + 1).copied();
        let word_ends = !after.is_some_and(|c| c.is_ascii_alphabetic());
        let factor = match unit {
            Some('k' | 'K') if word_ends => 1e3,
            Some('M') if word_ends => 1e6,
            Some('B') if word_ends => 1e9,
            Some('万' | '萬') => 1e4,
            Some('亿' | '億') => 1e8,
            _ => 1.0,
        };
        v *= factor;
        out.push(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_with_their_units() {
        assert_eq!(numbers("13 weeks, then 26"), vec![13.0, 26.0]);
        assert_eq!(numbers("$350M and 1,000 reps"), vec![3.5e8, 1000.0]);
        assert_eq!(numbers("3.5亿元，５万"), vec![3.5e8, 5e4]);
        assert_eq!(numbers("20% of 1.2x"), vec![20.0, 1.2]);
        assert_eq!(numbers("rd_share2 and L2"), Vec::<f64>::new());
        assert_eq!(numbers("5 Months"), vec![5.0]);
        assert_eq!(numbers("1,5"), vec![1.0, 5.0]);
    }

    #[test]
    fn a_translation_with_other_numbers_is_found_and_named() {
        let mut s = Scenario {
            description: Localized::new("Latency of 13 weeks, revenue $1.2M.")
                .with(Lang::Zh, "延迟26周，收入120万。"),
            ..Default::default()
        };
        s.lesson.steps.push(super::super::LessonStep {
            title: Localized::new("Step 2").with(Lang::Zh, "第2步"),
            text: Localized::new("Wait 8 weeks.").with(Lang::Zh, "等待8周。"),
            ..Default::default()
        });
        let m = mismatches(&s);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].field, "scenario.description_zh");
        assert_eq!(m[0].english_only, vec![13.0]);
        assert_eq!(m[0].translation_only, vec![26.0]);
        let text = m[0].to_string();
        assert!(
            text.contains("scenario.description_zh") && text.contains("13") && text.contains("26"),
            "{text}"
        );
    }

    #[test]
    fn no_translation_is_no_mismatch() {
        let s = Scenario {
            description: Localized::new("13 weeks"),
            ..Default::default()
        };
        assert!(mismatches(&s).is_empty());
    }
}
