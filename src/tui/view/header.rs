//! The header: scenario, horizon, mode, seed, what the ghosts are, play state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::tui::app::App;

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let s = app.scenario();
    let cfg = &app.config;
    let sep = || Span::styled(" │ ", Style::new().fg(theme::BORDER));
    let mode = if cfg.stochastic {
        "stochastic"
    } else {
        "deterministic"
    };
    let ghost = if app.baseline_pinned {
        "pinned run"
    } else {
        "as loaded"
    };
    let mut spans = vec![
        Span::from(" flywheel ").bold().fg(theme::ACCENT).reversed(),
        Span::from(" "),
        Span::from(s.name.clone()).bold(),
        sep(),
        Span::from(format!("{} {}s", cfg.periods, s.period_label)),
        sep(),
        Span::from(format!("{mode}, seed {}", cfg.seed)),
        sep(),
        Span::from("ghost: baseline ").fg(theme::BASELINE),
        Span::from(ghost).fg(theme::BASELINE),
    ];
    if app.show_previous {
        spans.push(Span::from(" + previous").fg(theme::PREVIOUS));
    }
    if app.bands_on() {
        spans.push(sep());
        spans.push(match app.bands() {
            Some(mc) => Span::from(format!("bands: {} runs", mc.runs)).fg(theme::ACCENT),
            None => Span::from("bands: computing…").fg(theme::CHANGED),
        });
    }
    if let Some(err) = app.reload_error() {
        // Until the file is fixed, the banner takes the place of the description.
        spans.push(sep());
        let short = err.split_once(": ").map_or(err, |(_, rest)| rest);
        spans.push(
            Span::from(format!("⚠ file invalid: {short}"))
                .fg(theme::BAD)
                .bold(),
        );
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    if app.is_playing() {
        spans.push(sep());
        spans.push(
            Span::from(format!("▶ playing {}/s", app.speed()))
                .fg(theme::GOOD)
                .bold(),
        );
    } else if app.is_revealing() {
        spans.push(sep());
        spans.push(Span::from("⏸ paused").fg(theme::CHANGED).bold());
    }
    let desc = if s.description.trim().is_empty() {
        &s.description_zh
    } else {
        &s.description
    };
    let desc = desc.lines().next().unwrap_or("").trim();
    if !desc.is_empty() {
        spans.push(sep());
        spans.push(Span::from(desc.to_string()).italic());
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
