//! The fit to the history (`F`): what is fitted to which file, progress
//! while it runs, then each parameter's value now and fitted with its 90%
//! interval, each series' MAPE before and after, and what the data cannot
//! pin down.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::overlay::{centered, clear, popup};
use super::params::short_value;
use super::theme;
use crate::analysis::fit::{Fit, SeriesFit};
use crate::format::{fit, fit_right};
use crate::i18n::tr;
use crate::tui::app::{App, Refit};
use unicode_width::UnicodeWidthStr;

/// The overlay's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title() -> &'static str {
        tr("Fit to history")
    }
    pub fn what(n: usize, source: &str, series: &str, periods: usize) -> String {
        trf(
            "{} parameters to {}: {} ({} periods)",
            &[&n, &source, &series, &periods],
        )
    }
    pub fn searching() -> &'static str {
        tr("finding the best fit… ")
    }
    pub fn intervals() -> &'static str {
        tr("90% intervals ")
    }
    pub fn live() -> &'static str {
        tr("the screen stays live: Esc closes, the fit goes on")
    }
    pub fn not_converged() -> &'static str {
        tr("the search stopped before it settled: the best point found is shown")
    }
    pub fn stale() -> &'static str {
        tr("the settings changed since the fit: F fits again")
    }
    pub fn more_notes(n: usize) -> String {
        trf("… and {} more notes (flywheel fit prints them all)", &[&n])
    }
    pub fn keys() -> &'static str {
        tr("Enter applies (u undoes) · Esc closes · x marks what to fit, F fits again")
    }
}

/// Draws the fit's overlay over `area`.
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(r) = app.refit() else {
        return;
    };
    let job = &r.job;
    let names: Vec<&str> = job.history.series.iter().map(|s| s.name()).collect();
    let mut lines = vec![
        Line::from(text::what(
            job.params.len(),
            &job.history.source,
            &names.join(", "),
            job.history.periods.len(),
        )),
        Line::from(""),
    ];
    let mut notes = Vec::new();
    match &r.result {
        None => progress(r, &mut lines),
        Some(Err(msg)) => lines.push(Line::from(msg.clone()).fg(theme::BAD)),
        Some(Ok(f)) => {
            result(f, &mut lines);
            notes.extend(f.warnings.iter().map(|w| format!("! {w}")));
            if !f.converged {
                notes.push(text::not_converged().to_string());
            }
            if !app.refit_is_current() {
                lines.push(Line::from(text::stale()).fg(theme::BAD));
            }
        }
    }
    let width = area.width.min(WIDTH);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    // The notes that fit; on a short screen the rest are counted.
    let tail = 2;
    let room =
        usize::from(area.height.saturating_sub(2)).saturating_sub(rows(&lines, inner) + tail);
    let mut used = 0;
    let mut shown = 0;
    for n in &notes {
        let need = wrapped_rows(n, inner);
        if used + need > room.saturating_sub(usize::from(shown + 1 < notes.len())) {
            break;
        }
        used += need;
        shown += 1;
    }
    for n in &notes[..shown] {
        lines.push(Line::from(n.clone()).fg(theme::CHANGED));
    }
    if shown < notes.len() {
        lines.push(Line::from(text::more_notes(notes.len() - shown)).fg(theme::CHANGED));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(text::keys()).fg(theme::BASELINE));
    let h = (rows(&lines, inner) as u16)
        .saturating_add(2)
        .min(area.height);
    let rect = centered(area, width, h);
    clear(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(popup(text::title()))
        .render(rect, buf);
}

fn progress(r: &Refit, lines: &mut Vec<Line<'static>>) {
    match r.progress() {
        None => lines.push(Line::from(text::searching()).bold()),
        Some(share) => {
            let w = 30;
            let done = ((share * w as f64).round() as usize).min(w);
            lines.push(Line::from(vec![
                Span::from(text::intervals()).bold(),
                Span::from("█".repeat(done)).fg(theme::ACCENT),
                Span::from("░".repeat(w - done)).fg(theme::BASELINE),
                Span::from(format!(" {:.0}%", share * 100.0)),
            ]));
        }
    }
    lines.push(Line::from(text::live()).fg(theme::BASELINE));
}

/// The overlay's widest.
const WIDTH: u16 = 96;

/// The rows `lines` take when wrapped at word boundaries at `width`.
fn rows(lines: &[Line], width: usize) -> usize {
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrapped_rows(&text, width)
        })
        .sum()
}

/// The rows one text takes, wrapped greedily at spaces (a word longer
/// than the row is cut).
fn wrapped_rows(text: &str, width: usize) -> usize {
    let (mut rows, mut used) = (1, 0);
    for word in text.split(' ') {
        let w = word.width();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
            continue;
        }
        if used > 0 {
            rows += 1;
        }
        used = w;
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
}

fn result(f: &Fit, lines: &mut Vec<Line<'static>>) {
    let label_w = 26;
    lines.push(
        Line::from(format!(
            "{}{}  {}  {}",
            fit(tr("parameter"), label_w),
            fit_right(tr("now"), 10),
            fit_right(tr("fitted"), 10),
            tr("90% interval")
        ))
        .fg(theme::BASELINE),
    );
    for p in &f.params {
        let spec = p.param.spec;
        let moved = (p.value - p.loaded).abs() > 1e-9 * p.loaded.abs().max(1.0);
        lines.push(Line::from(vec![
            Span::from(fit(tr(spec.label), label_w)),
            Span::from(format!("{:>10}", short_value(spec, p.loaded))),
            Span::from(if moved { " →" } else { "  " }).fg(theme::ACCENT),
            Span::styled(
                format!("{:>10}", short_value(spec, p.value)),
                if moved {
                    Style::new().fg(theme::CHANGED).bold()
                } else {
                    Style::new()
                },
            ),
            Span::from(format!(
                "  {}–{}",
                short_value(spec, p.low),
                short_value(spec, p.high)
            ))
            .fg(theme::BASELINE),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(
        Line::from(format!(
            "{}{}  {}  {}",
            fit(tr("series"), label_w),
            fit_right(tr("MAPE now"), 10),
            fit_right(tr("fitted"), 10),
            tr("R² fitted")
        ))
        .fg(theme::BASELINE),
    );
    for (now, after) in f.loaded_series.iter().zip(&f.series) {
        lines.push(series_line(now, after, label_w));
    }
}

fn series_line(now: &SeriesFit, after: &SeriesFit, label_w: usize) -> Line<'static> {
    let pct = |m: Option<f64>| m.map_or_else(|| "-".to_string(), |m| format!("{m:.1}%"));
    let better = match (now.goodness.mape, after.goodness.mape) {
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    Line::from(vec![
        Span::from(fit(after.column, label_w)),
        Span::from(format!("{:>10}", pct(now.goodness.mape))),
        Span::from(" →").fg(theme::ACCENT),
        Span::from(format!("{:>10}", pct(after.goodness.mape))).fg(if better {
            theme::GOOD
        } else {
            theme::CHANGED
        }),
        Span::from(format!(
            "  {}",
            after
                .goodness
                .r2
                .map_or_else(|| "-".to_string(), |r| format!("{r:.3}"))
        )),
    ])
}

#[cfg(test)]
mod tests {
    use super::wrapped_rows;

    #[test]
    fn rows_count_word_wrapping() {
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("0123456789", 10), 1);
        assert_eq!(wrapped_rows("01234 6789 abc", 10), 2);
        assert_eq!(wrapped_rows("aaaa bbbb cccc", 9), 2);
        assert_eq!(wrapped_rows("0123456789abcdefghij0", 10), 3);
    }
}
