//! Metrics named in the reader's words: by their labels, and inside a
//! sentence in lower case.

use crate::i18n::tr;

/// A metric's label in the reader's language (`final_customers`: Final
/// customers, 最終客戶數); a name no metric has, as it is.
pub fn metric_label(name: &str) -> &str {
    crate::model::metric(name).map_or(name, |m| tr(m.label))
}

/// A label inside a sentence: `Final customers` reads `final customers`
/// (an acronym such as `LTV/CAC` stays; Chinese has no case).
pub fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => a
            .to_lowercase()
            .chain(label[a.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_inside_a_sentence_starts_in_lower_case_unless_an_acronym() {
        assert_eq!(in_sentence("Final customers"), "final customers");
        assert_eq!(in_sentence("Value"), "value");
        assert_eq!(in_sentence("LTV/CAC"), "LTV/CAC");
        assert_eq!(in_sentence("期末客戶"), "期末客戶");
        assert_eq!(in_sentence(""), "");
    }
}
