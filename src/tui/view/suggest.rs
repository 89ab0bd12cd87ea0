//! The parts shared by the overlays that suggest new slider values (the best
//! steady policy, `O`, and the fit to the history, `F`): a progress bar while
//! the search runs, a heading over the columns, one row per value (now →
//! suggested, then a range), and texts wrapped to the overlay's width.

use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};

use super::theme;
use super::wrap::wrap;
use crate::format::{fit, fit_right};

/// The width of a value column.
const VALUE_W: usize = 10;

/// `label`, then a bar of 30 cells filled to `share` (0..=1), then the percent.
pub(super) fn progress(label: &str, share: f64) -> Line<'static> {
    let w = 30;
    let share = share.clamp(0.0, 1.0);
    let done = ((share * w as f64).round() as usize).min(w);
    Line::from(vec![
        Span::from(label.to_string()).bold(),
        Span::from("█".repeat(done)).fg(theme::ACCENT),
        Span::from("░".repeat(w - done)).fg(theme::BASELINE),
        Span::from(format!(" {:.0}%", share * 100.0)),
    ])
}

/// The heading over the rows: `first` over the labels, `now` and `new`
/// over the two values (padded by display width), then `last`.
pub(super) fn heading(
    first: &str,
    now: &str,
    new: &str,
    last: &str,
    label_w: usize,
) -> Line<'static> {
    Line::from(format!(
        "{}{}  {}  {last}",
        fit(first, label_w),
        fit_right(now, VALUE_W),
        fit_right(new, VALUE_W),
    ))
    .fg(theme::BASELINE)
}

/// Whether a suggested value differs from the value now.
pub(super) fn moved(now: f64, new: f64) -> bool {
    (now - new).abs() > 1e-9 * new.abs().max(1.0)
}

/// One row: `label`, the value `now`, an arrow where it `changes`, the value
/// `new` in `style`, then `tail`.
pub(super) fn row(
    label: Span<'static>,
    now: &str,
    new: &str,
    changes: bool,
    style: Style,
    tail: Span<'static>,
) -> Line<'static> {
    Line::from(vec![
        label,
        Span::from(fit_right(now, VALUE_W)),
        Span::from(if changes { " →" } else { "  " }).fg(theme::ACCENT),
        Span::styled(fit_right(new, VALUE_W), style),
        tail,
    ])
}

/// The style of a suggested value: highlighted where it moves.
pub(super) fn changed_style(changes: bool) -> Style {
    if changes {
        Style::new().fg(theme::CHANGED).bold()
    } else {
        Style::new()
    }
}

/// Each line of `text`, wrapped at `width`, in `style`.
pub(super) fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(&Line::from(text.to_string()).style(style), width)
}

/// The rows `lines` take in `width` columns (texts come wrapped already; a
/// row wider than the overlay takes more than one).
pub(super) fn rows(lines: &[Line], width: usize) -> usize {
    lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_in_both_scripts_stay_inside_the_width() {
        let text = "! sales.win_rate 和 retention.churn_floor 同步變動（重新擬合中的相關係數為 +0.95）：資料只能說明它們的一個組合";
        for width in [9, 20, 37, 78] {
            let lines = wrapped(text, width, Style::new());
            assert!(lines.len() > 1, "{width}");
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:?}"
            );
            let joined: String = lines.iter().map(|l| l.to_string()).collect();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "{width}");
        }
    }

    #[test]
    fn the_bar_fills_to_its_share() {
        let bar = progress("x ", 0.5).to_string();
        assert_eq!(bar.matches('█').count(), 15);
        assert!(bar.ends_with(" 50%"), "{bar}");
        assert_eq!(progress("", 2.0).to_string().matches('░').count(), 0);
    }
}
