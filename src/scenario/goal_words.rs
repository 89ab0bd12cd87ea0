//! A goal's condition in words, for the learner's screen: `Total profit ≥
//! 1.3 × baseline` (`總利潤 ≥ 基準 × 1.3`), not the expression the file
//! holds (`total_profit >= 1.3 * baseline`), which stays in files, CSV and
//! JSON.

use super::lesson::{Condition, Op};
use crate::i18n::{tr, trf};

/// Metrics counted in money (the rest are counts, rates or periods).
fn in_money(name: &str) -> bool {
    ["cash", "value", "profit", "revenue", "interest"]
        .iter()
        .any(|m| name.contains(m))
}

impl Condition {
    /// The condition in the reader's language: the metric's label, the
    /// comparison as a sign, the bound as money where the metric is money,
    /// and a multiple of the baseline in words.
    pub fn words(&self) -> String {
        let sign = match self.op {
            Op::AtLeast => "≥",
            Op::AtMost => "≤",
            Op::Above => ">",
            Op::Below => "<",
        };
        let bound = if self.of_baseline {
            trf("{} × baseline", &[&crate::model::fmt_num(self.value)])
        } else if in_money(self.metric.name) {
            crate::format::money(self.value)
        } else {
            crate::model::fmt_num(self.value)
        };
        let m = self.metric;
        format!("{} {sign} {bound}", tr(m.label))
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, with_lang};

    fn goal(text: &str) -> super::Condition {
        crate::scenario::lesson::parse_condition(text).expect(text)
    }

    #[test]
    fn a_condition_reads_in_words_in_every_language() {
        let c = goal("total_profit >= 1.3 * baseline");
        assert_eq!(
            with_lang(Lang::En, || c.words()),
            "Total profit ≥ 1.3 × baseline"
        );
        assert_eq!(with_lang(Lang::ZhHant, || c.words()), "總利潤 ≥ 基準 × 1.3");
        let cash = goal("min_cash >= 0");
        for lang in Lang::ALL {
            let w = with_lang(lang, || cash.words());
            assert!(
                !w.contains("min_cash") && !w.contains(">="),
                "{lang:?}: {w}"
            );
            assert!(w.ends_with("≥ $0"), "{lang:?}: {w}");
        }
    }
}
