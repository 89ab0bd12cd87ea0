//! The decision timeline of the class debrief: each team's decisions, a
//! line per period they took effect (tagged with the seat that made each,
//! for a team in two seats), the messages sales sent product, and the
//! settings in words; with the plain-text wrapping the room's lines use.

use unicode_width::UnicodeWidthStr;

use crate::format::{money, number, period_at};
use crate::i18n::{tr, trf};
use crate::model::ParamSpec;
use crate::play::debrief::{Debrief, Entry, Reference};

/// Every team's timeline, the lines of all starting at one indent.
pub fn timelines(d: &Debrief, width: usize) -> Vec<String> {
    let indent = d
        .entries
        .iter()
        .map(|e| crate::format::truncate(&e.player, 16).width())
        .max()
        .unwrap_or(0)
        .max(8)
        + 4;
    d.entries
        .iter()
        .flat_map(|e| timeline(e, &d.references[e.reference], width, indent))
        .collect()
}

/// A setting in words: `Price $120`, `R&D share of revenue 0.3`.
pub fn setting_text(id: crate::model::ParamId, v: f64) -> String {
    let spec = ParamSpec::of(id);
    format!("{} {}", tr(spec.label), figure(id, v))
}

/// A setting's value as the room reads it: money as money, a value the
/// optimizer left a hair above zero as 0.
fn figure(id: crate::model::ParamId, v: f64) -> String {
    if ParamSpec::of(id).unit.starts_with('$') {
        money(clean(v))
    } else {
        number(clean(v))
    }
}

/// A number with what is below a millionth of it set to zero.
pub fn clean(v: f64) -> f64 {
    if v.abs() < 1e-6 { 0.0 } else { v }
}

/// A team's decisions, a line per period they took effect, after its
/// name (the lines of every team start at `indent`).
fn timeline(e: &Entry, r: &Reference, width: usize, indent: usize) -> Vec<String> {
    let name = crate::format::truncate(&e.player, 16);
    let mut periods: Vec<u32> = e.decisions.iter().map(|d| d.period).collect();
    periods.extend(e.messages.iter().map(|m| m.sent));
    periods.sort_unstable();
    periods.dedup();
    if periods.is_empty() {
        return vec![format!(
            "  {name}{}{}",
            " ".repeat(indent - 2 - name.width()),
            tr("no change: played autopilot all game")
        )];
    }
    let mut out = Vec::new();
    for (i, at) in periods.iter().enumerate() {
        let mut changes: Vec<String> = e
            .decisions
            .iter()
            .filter(|d| d.period == *at)
            .map(|d| {
                let spec = ParamSpec::of(d.key);
                let seat = match (e.two_seats, crate::play::seats::owner(d.key)) {
                    (false, _) => String::new(),
                    (true, Some(r)) => format!("[{}] ", r.label()),
                    (true, None) => format!("[{}] ", tr("both")),
                };
                format!(
                    "{seat}{} {}→{}",
                    tr(spec.label),
                    figure(d.key, d.old),
                    figure(d.key, d.new)
                )
            })
            .collect();
        changes.extend(e.messages.iter().filter(|m| m.sent == *at).map(|m| {
            trf(
                "sales to product, read in {}: \"{}\"",
                &[&period_at(&r.period_label, m.arrives), &m.text],
            )
        }));
        let body = trf(
            "{}: {}",
            &[&period_at(&r.period_label, at), &changes.join(tr(", "))],
        );
        for (j, l) in wrap_hanging(&body, width.saturating_sub(indent), 2)
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 && j == 0 {
                format!("  {name}{}", " ".repeat(indent - 2 - name.width()))
            } else {
                " ".repeat(indent)
            };
            out.push(format!("{lead}{l}"));
        }
    }
    out
}

/// Wraps plain text to `width` (English at spaces, Chinese between
/// characters, by the Unicode line-breaking rules).
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let indent = text.len() - text.trim_start().len();
    wrap_hanging(text, width, indent + 2)
}

/// Wraps text to `width` by the Unicode line-breaking rules, continuing
/// lines indented by `hang`.
fn wrap_hanging(text: &str, width: usize, hang: usize) -> Vec<String> {
    crate::format::wrap::hanging(text, width, hang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_wraps_with_a_hanging_indent() {
        let l = wrap_hanging(
            "  Team A  week 13: Price $100→$120, R&D share 0.2→0.3",
            30,
            12,
        );
        assert!(l.iter().all(|x| x.width() <= 30), "{l:?}");
        assert!(l[1].starts_with("            "), "{l:?}");
    }
}
