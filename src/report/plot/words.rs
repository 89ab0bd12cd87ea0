//! The words of a picture that depend on the scenario: an axis's unit in
//! the scenario's period (`people/week`, 人/週, 人/月) and a note in
//! brackets in the reader's script (`Team (8)`, 隊伍（8）).

use crate::i18n::{tr, trf};
use crate::report::charts::ChartSpec;

/// The y axis's unit of `panel`, a flow per period in the scenario's
/// period word (`period_label`, `week`): `people/week`, 人/週.
pub(crate) fn axis_unit(panel: &ChartSpec, period_label: &str) -> String {
    let per = crate::format::period_word(period_label);
    match panel.unit {
        "people per period" => trf("people/{}", &[&per]),
        "$ per period" => trf("$/{}", &[&per]),
        _ => tr(panel.unit).to_string(),
    }
}

/// ` (note)`, to follow a name: ` (8)` in English, full-width brackets with
/// no space in Chinese, `（8）`.
pub(crate) fn bracketed(note: &dyn std::fmt::Display) -> String {
    trf("{} ({})", &[&"", note])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::report::charts::CHARTS;

    #[test]
    fn a_flow_is_counted_per_period_of_the_scenario() {
        let acquisition = &CHARTS[0];
        let revenue = CHARTS
            .iter()
            .find(|c| c.unit == "$ per period")
            .expect("a revenue panel");
        let unit = |lang, label| with_lang(lang, || axis_unit(acquisition, label));
        assert_eq!(unit(Lang::En, "week"), "people/week");
        assert_eq!(unit(Lang::ZhHant, "week"), "人/週");
        assert_eq!(unit(Lang::Zh, "week"), "人/周");
        assert_eq!(unit(Lang::ZhHant, "month"), "人/月");
        assert_eq!(unit(Lang::En, "month"), "people/month");
        let money = with_lang(Lang::ZhHant, || axis_unit(revenue, "month"));
        assert_eq!(money, "$/月");
        // A panel of shares keeps its own unit.
        let other = CHARTS.iter().find(|c| c.unit == "% of leads").unwrap();
        let shares = with_lang(Lang::En, || axis_unit(other, "week"));
        assert_eq!(shares, "% of leads");
    }

    #[test]
    fn chinese_brackets_are_full_width() {
        assert_eq!(with_lang(Lang::En, || bracketed(&8)), " (8)");
        assert_eq!(with_lang(Lang::ZhHant, || bracketed(&8)), "（8）");
        assert_eq!(with_lang(Lang::Zh, || bracketed(&"silo")), "（silo）");
    }
}
