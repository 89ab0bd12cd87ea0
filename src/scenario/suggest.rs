//! "Did you mean" suggestions for misspelt keys and names.

use crate::i18n::{Text, says};
use crate::model::PARAMS;

/// Edit distance between two strings (in characters).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(&word.to_lowercase(), c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The valid name a mistyped one most likely meant: the name with the same
/// last part (after `.`: `sales_share` for `sales.sales_share`), else a
/// close spelling ([`nearest`]), else the name whose last part is spelt
/// alike (`latncy` for `feedback.latency`), else the shortest name that holds
/// the word as one of its `_`/`.`-separated parts (`revenue` for
/// `total_revenue`). `None` when nothing is plausibly meant.
pub fn likely<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    let leaf_of = |c: &str| c.rsplit('.').next().unwrap_or(c).to_string();
    let word_leaf = leaf_of(&lower);
    let leaves: Vec<String> = candidates.iter().map(|c| leaf_of(c)).collect();
    if let Some(i) = leaves.iter().position(|l| *l == word_leaf) {
        return Some(candidates[i]);
    }
    if let Some(n) = nearest(word, candidates.iter().copied()) {
        return Some(n);
    }
    if let Some(leaf) = nearest(&word_leaf, leaves.iter().map(String::as_str))
        && let Some(i) = leaves.iter().position(|l| l == leaf)
    {
        return Some(candidates[i]);
    }
    let parts = |c: &str| -> Vec<String> {
        c.split(['_', '.'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let wanted = parts(&word_leaf);
    candidates
        .iter()
        .copied()
        .filter(|c| {
            let have = parts(c);
            !wanted.is_empty()
                && wanted
                    .iter()
                    .all(|w| have.iter().any(|h| h == w || distance(w, h) <= w.len() / 4))
        })
        .min_by_key(|c| c.len())
}

/// `; did you mean "KEY"?` for the parameter key most likely meant by
/// `name`, or an empty text.
pub fn param_hint(name: &str) -> Text {
    if let Some(new) = crate::model::params::replacement(name) {
        return says(
            "; the model (version 3) replaced it: did you mean \"{}\"?",
            &[&new],
        );
    }
    let keys: Vec<&str> = PARAMS.iter().map(|p| p.key).collect();
    match likely(name, &keys) {
        Some(k) => says("; did you mean \"{}\"?", &[&k]),
        None => says("; see `flywheel params` for the valid keys", &[]),
    }
}

/// The message for an unknown top-level key.
pub fn top_level_hint(name: &str, valid: &[&str]) -> Text {
    if let Some(spec) = PARAMS.iter().find(|p| p.name == name) {
        return says(
            "\"{}\" must sit in its section: write it under [{}] (as {})",
            &[&name, &spec.section.key(), &spec.key],
        );
    }
    match nearest(name, valid.iter().copied()) {
        Some(n) => says("unknown section \"{}\"; did you mean \"{}\"?", &[&name, &n]),
        None => says(
            "unknown section \"{}\"; valid sections are: {}",
            &[&name, &valid.join(", ")],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(distance("imitaton", "imitation"), 1);
        assert_eq!(
            nearest("imitaton", ["innovation", "imitation"]),
            Some("imitation")
        );
        assert_eq!(nearest("zzzzzz", ["imitation"]), None);
    }

    #[test]
    fn likely_names_find_the_leaf_and_the_part() {
        let keys = ["feedback.latency", "product.rd_share", "sales.sales_share"];
        assert_eq!(likely("feedback.latncy", &keys), Some("feedback.latency"));
        assert_eq!(likely("latency", &keys), Some("feedback.latency"));
        assert_eq!(
            likely("product.sales_share", &keys),
            Some("sales.sales_share")
        );
        assert_eq!(likely("rd_shar", &keys), Some("product.rd_share"));
        let metrics = ["total_revenue", "total_profit", "min_cash", "final_cash"];
        assert_eq!(likely("revenue", &metrics), Some("total_revenue"));
        assert_eq!(likely("profits", &metrics), Some("total_profit"));
        assert_eq!(likely("cash", &metrics), Some("min_cash"));
        assert_eq!(likely("zzzzzz", &metrics), None);
        assert!(param_hint("latency").contains("\"feedback.latency\""));
    }
}
