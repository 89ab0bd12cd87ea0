//! Text fitted to a display width (CJK-safe), a scenario's period word and
//! a parameter's range, in the interface's language.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text cut to at most `width` display columns (with `…` when cut), then
/// padded with spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Text cut to at most `width` display columns, then right-aligned in them.
pub fn fit_right(s: &str, width: usize) -> String {
    let out = truncate(s, width);
    let w = out.width();
    let mut pad: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    pad.push_str(&out);
    pad
}

/// Text cut to at most `width` display columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// A parameter's valid range in words, in the interface's language:
/// `0–1`, `a whole number 1–100`, `above 0, at most 1e9` (`0～1`,
/// `整數 1～100`, `大於 0，至多 1e9` in Chinese): never `0..=1`.
pub fn range(spec: &crate::model::ParamSpec) -> crate::i18n::Text {
    use crate::i18n::says;
    use crate::model::fmt_num;
    let (lo, hi) = (fmt_num(spec.min), fmt_num(spec.max));
    let bounds = if spec.min_exclusive {
        says("above {}, at most {}", &[&lo, &hi])
    } else {
        says("{}–{}", &[&lo, &hi])
    };
    if spec.integer {
        says("a whole number {}", &[&bounds])
    } else {
        bounds
    }
}

/// A parameter's unit in the reader's language (`$/customer/period`).
pub fn unit_words(unit: &str) -> String {
    let words = match unit {
        "$/customer/period" => crate::i18n::tr("$/customer/period"),
        "$/period" => crate::i18n::tr("$/period"),
        "$/person/period" => crate::i18n::tr("$/person/period"),
        "$/rep/period" => crate::i18n::tr("$/rep/period"),
        "/period" => crate::i18n::tr("/period"),
        "/rep/period" => crate::i18n::tr("/rep/period"),
        "0..1" => crate::i18n::tr("share"),
        "insight/person" => crate::i18n::tr("insight/person"),
        "of a rep" => crate::i18n::tr("of a rep"),
        "of leads" => crate::i18n::tr("of leads"),
        "of reference" => crate::i18n::tr("of reference"),
        "of revenue" => crate::i18n::tr("of revenue"),
        "people" => crate::i18n::tr("people"),
        "people/lost customer" => crate::i18n::tr("people/lost customer"),
        "per customer/period" => crate::i18n::tr("per customer/period"),
        "per lost customer" => crate::i18n::tr("per lost customer"),
        "per organic lead" => crate::i18n::tr("per organic lead"),
        "periods" => crate::i18n::tr("periods"),
        "reps" => crate::i18n::tr("reps"),
        "x equilibrium" => crate::i18n::tr("x equilibrium"),
        _ => return unit.to_string(),
    };
    words.to_string()
}

/// A period of the run named in the interface's language: `week 12`, `第 12 周`
/// (a space each side of the number, as every Chinese text here writes it).
pub fn period_at(label: &str, t: impl std::fmt::Display) -> String {
    if crate::i18n::current().is_chinese() {
        format!("第 {t} {}", period_word(label))
    } else {
        format!("{label} {t}")
    }
}

/// A scenario's period word (`week`) in the interface's language.
pub fn period_word(label: &str) -> String {
    crate::i18n::tr_str(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_display_columns() {
        assert_eq!(fit("飞轮模型", 6), "飞轮… ");
        assert_eq!(fit("飞轮", 6), "飞轮  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit_right("收入", 6), "  收入");
        assert_eq!(fit_right("$12M", 6), "  $12M");
        assert_eq!(fit_right("产品力指数", 6), " 产品…");
    }
}
