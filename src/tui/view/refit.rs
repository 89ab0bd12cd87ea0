//! The fit to the history (`F`): what is fitted to which file, progress
//! while it runs, then each parameter's value now and fitted with its 90%
//! interval, each series' MAPE before and after, and what the data cannot
//! pin down.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::params::short_value;
use super::popup::{centered, clear, popup};
use super::suggest::{self, rows, wrapped};
use super::theme;
use crate::analysis::fit::{Fit, SeriesFit};
use crate::format::fit;
use crate::i18n::tr;
use crate::tui::app::{App, Refit};

/// The overlay's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title() -> &'static str {
        tr("Fit to history")
    }
    pub fn what(n: usize, source: &str, series: &str, rows: usize, last: u32) -> String {
        trf(
            "{} parameters to {}: {} ({} rows over periods 0–{})",
            &[&n, &source, &series, &rows, &last],
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
    let width = area.width.min(WIDTH);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let names: Vec<&str> = job.history.series.iter().map(|s| s.name()).collect();
    let what = text::what(
        job.params.len(),
        &job.history.source,
        &names.join(", "),
        job.history.periods.len(),
        job.history.last_period(),
    );
    let mut lines: Vec<Line> = wrapped(&what, inner, Style::new());
    lines.push(Line::from(""));
    let note = Style::new().fg(theme::CHANGED);
    let mut notes: Vec<Vec<Line>> = Vec::new();
    match &r.result {
        None => progress(r, inner, &mut lines),
        // Worded here, in the language of the screen that shows it.
        Some(Err(e)) => lines.extend(wrapped(&e.to_string(), inner, Style::new().fg(theme::BAD))),
        Some(Ok(f)) => {
            result(f, &mut lines);
            notes.extend(
                f.warnings
                    .iter()
                    .map(|w| wrapped(&format!("! {w}"), inner, note)),
            );
            if !f.converged {
                notes.push(wrapped(text::not_converged(), inner, note));
            }
            if !app.refit_is_current() {
                lines.extend(wrapped(text::stale(), inner, Style::new().fg(theme::BAD)));
            }
        }
    }
    let keys = wrapped(text::keys(), inner, Style::new().fg(theme::BASELINE));
    // The notes that fit; on a short screen the rest are counted.
    let tail = 1 + keys.len();
    let room =
        usize::from(area.height.saturating_sub(2)).saturating_sub(rows(&lines, inner) + tail);
    let mut used = 0;
    let mut shown = 0;
    for n in &notes {
        if used + n.len() > room.saturating_sub(usize::from(shown + 1 < notes.len())) {
            break;
        }
        used += n.len();
        shown += 1;
    }
    for n in &notes[..shown] {
        lines.extend(n.iter().cloned());
    }
    if shown < notes.len() {
        lines.extend(wrapped(&text::more_notes(notes.len() - shown), inner, note));
    }
    lines.push(Line::from(""));
    lines.extend(keys);
    let h = (rows(&lines, inner) as u16)
        .saturating_add(2)
        .min(area.height);
    let rect = centered(area, width, h);
    clear(rect, buf);
    Paragraph::new(wrap_all(lines, usize::from(rect.width.saturating_sub(2))))
        .block(popup(text::title()))
        .render(rect, buf);
}

fn progress(r: &Refit, width: usize, lines: &mut Vec<Line<'static>>) {
    lines.push(match r.progress() {
        None => Line::from(text::searching()).bold(),
        Some(share) => suggest::progress(text::intervals(), share),
    });
    lines.extend(wrapped(
        text::live(),
        width,
        Style::new().fg(theme::BASELINE),
    ));
}

/// The overlay's widest.
const WIDTH: u16 = 96;

fn result(f: &Fit, lines: &mut Vec<Line<'static>>) {
    let label_w = 26;
    lines.push(suggest::heading(
        tr("parameter"),
        tr("now"),
        tr("fitted"),
        tr("90% interval"),
        label_w,
    ));
    for p in &f.params {
        let spec = p.param.spec;
        let changes = suggest::moved(p.loaded, p.value);
        let interval = format!(
            "  {}–{}",
            short_value(spec, p.low),
            short_value(spec, p.high)
        );
        lines.push(suggest::row(
            Span::from(fit(tr(spec.label), label_w)),
            &short_value(spec, p.loaded),
            &short_value(spec, p.value),
            changes,
            suggest::changed_style(changes),
            Span::from(interval).fg(theme::BASELINE),
        ));
    }
    lines.push(Line::from(""));
    lines.push(suggest::heading(
        tr("series"),
        tr("MAPE now"),
        tr("fitted"),
        tr("R² fitted"),
        label_w,
    ));
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
    let r2 = after
        .goodness
        .r2
        .map_or_else(|| "-".to_string(), |r| format!("{r:.3}"));
    suggest::row(
        Span::from(fit(after.column, label_w)),
        &pct(now.goodness.mape),
        &pct(after.goodness.mape),
        true,
        Style::new().fg(if better { theme::GOOD } else { theme::CHANGED }),
        Span::from(format!("  {r2}")),
    )
}
