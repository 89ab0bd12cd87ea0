//! "Did you mean" suggestions for misspelt keys and names.

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

/// The message for an unknown top-level key.
pub fn top_level_hint(name: &str, valid: &[&str]) -> String {
    if let Some(spec) = PARAMS.iter().find(|p| p.name == name) {
        return format!(
            "\"{name}\" must sit in its section: write it under [{}] (as {})",
            spec.section.key(),
            spec.key
        );
    }
    match nearest(name, valid.iter().copied()) {
        Some(n) => format!("unknown section \"{name}\"; did you mean \"{n}\"?"),
        None => format!(
            "unknown section \"{name}\"; valid sections are: {}",
            valid.join(", ")
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
}
