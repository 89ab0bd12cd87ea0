//! The header: scenario, horizon, mode, seed, what the ghosts are, play state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::format::period_word;
use crate::tui::app::App;

/// The header's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn mode(stochastic: bool) -> &'static str {
        if stochastic {
            tr("stochastic")
        } else {
            tr("deterministic")
        }
    }
    pub fn horizon(periods: u32, period: &str) -> String {
        trf("{} {}s", &[&periods, &period])
    }
    pub fn seed(mode: &str, seed: u64) -> String {
        trf("{}, seed {}", &[&mode, &seed])
    }
    pub fn ghost(pinned: bool) -> &'static str {
        if pinned {
            tr("ghost: baseline pinned run")
        } else {
            tr("ghost: baseline as loaded")
        }
    }
    pub fn previous() -> &'static str {
        tr(" + previous")
    }
    pub fn bands(runs: usize) -> String {
        trf("bands: {} runs", &[&runs])
    }
    pub fn computing() -> &'static str {
        tr("bands: computing…")
    }
    pub fn invalid(why: &str) -> String {
        trf("⚠ file invalid: {}", &[&why])
    }
    pub fn playing(speed: u32) -> String {
        trf("▶ playing {}/s", &[&speed])
    }
    pub fn paused() -> &'static str {
        tr("⏸ paused")
    }
    pub fn now(at: &str) -> String {
        trf("now: {}, decisions act from here", &[&at])
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let s = app.scenario();
    let cfg = &app.config;
    let sep = || Span::styled(" │ ", Style::new().fg(theme::BORDER));
    let mut spans = vec![
        Span::from(" flywheel ").bold().fg(theme::ACCENT).reversed(),
        Span::from(" "),
        Span::from(s.name.clone()).bold(),
        sep(),
        Span::from(text::horizon(cfg.periods, &period_word(&s.period_label))),
        sep(),
    ];
    if let Some(at) = app.now() {
        spans.push(
            Span::from(text::now(&s.period_at(at)))
                .fg(theme::NOW)
                .bold(),
        );
        spans.push(sep());
    }
    spans.extend([
        Span::from(text::seed(text::mode(cfg.stochastic), cfg.seed)),
        sep(),
        Span::from(text::ghost(app.baseline_pinned)).fg(theme::BASELINE),
    ]);
    if app.show_previous {
        spans.push(Span::from(text::previous()).fg(theme::PREVIOUS));
    }
    if app.bands_on() {
        spans.push(sep());
        spans.push(match app.bands() {
            Some(mc) => Span::from(text::bands(mc.runs)).fg(theme::ACCENT),
            None => Span::from(text::computing()).fg(theme::CHANGED),
        });
    }
    if let Some(err) = app.reload_error() {
        // Until the file is fixed, the banner takes the place of the description.
        spans.push(sep());
        let short = err.split_once(": ").map_or(err, |(_, rest)| rest);
        spans.push(Span::from(text::invalid(short)).fg(theme::BAD).bold());
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    if app.is_playing() {
        spans.push(sep());
        spans.push(
            Span::from(text::playing(app.speed()))
                .fg(theme::GOOD)
                .bold(),
        );
    } else if app.is_revealing() {
        spans.push(sep());
        spans.push(Span::from(text::paused()).fg(theme::CHANGED).bold());
    }
    let desc = s.description.current();
    let desc = desc.lines().next().unwrap_or("").trim();
    if !desc.is_empty() {
        spans.push(sep());
        spans.push(Span::from(desc.to_string()).italic());
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
