//! The debrief at the end of a game: the player's run against the
//! autopilot and the easy and expert targets, the score, and every decision.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme;
use crate::format::fit;
use crate::model::{Metric, ParamSpec, Summary, fmt_num, metric};
use crate::scenario::play::Target;
use crate::tui::app::{App, PlayState};
use unicode_width::UnicodeWidthStr;

/// The screen's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title() -> &'static str {
        tr(" Debrief ")
    }
    pub fn score() -> &'static str {
        tr("Score ")
    }
    pub fn you() -> &'static str {
        tr("You")
    }
    pub fn autopilot() -> &'static str {
        tr("Autopilot")
    }
    pub fn easy() -> &'static str {
        tr("Easy")
    }
    pub fn expert() -> &'static str {
        tr("Expert")
    }
    pub fn no_targets() -> &'static str {
        tr("no targets: the score is revenue against autopilot (50 = the same)")
    }
    pub fn no_decisions() -> &'static str {
        tr("none: you let the autopilot fly")
    }
    pub fn score_rule() -> &'static str {
        tr("half for the easy targets met, half for the expert ones")
    }
    pub fn keys() -> &'static str {
        tr(" s save session · e export CSV · q quit ")
    }
    pub fn targets(easy: (usize, usize), expert: (usize, usize)) -> String {
        trf(
            "targets met: easy {}/{} · expert {}/{}",
            &[&easy.0, &easy.1, &expert.0, &expert.1],
        )
    }
    pub fn decisions(n: usize) -> String {
        trf("Decisions ({})", &[&n])
    }
}

/// A metric's value as the table shows it.
fn value(m: &Metric, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "n/a".into();
    };
    crate::format::metric_value(m.name, v)
}

/// A target's cell in `width` columns: `≥$350M ✓`, shortened to `$350M✓` or
/// the tick alone when narrow; blank when the level sets none for the metric.
fn target(
    m: &Metric,
    targets: &[Target],
    player: &Summary,
    width: usize,
) -> (String, Option<bool>) {
    match targets.iter().find(|t| t.metric == m) {
        Some(t) => {
            let met = (m.get)(player).is_some_and(|v| v >= t.at_least);
            let tick = if met { "✓" } else { "✗" };
            let v = value(m, Some(t.at_least));
            let text = [
                format!("≥{v} {tick}"),
                format!("{v} {tick}"),
                format!("{v}{tick}"),
            ]
            .into_iter()
            .find(|c| c.width() <= width)
            .unwrap_or_else(|| tick.to_string());
            (text, Some(met))
        }
        None => (String::new(), None),
    }
}

pub(super) fn render(app: &App, p: &PlayState, area: Rect, buf: &mut Buffer) {
    let Some(o) = p.outcome() else {
        return;
    };
    let play = &p.game.scenario.play;
    let mut metrics: Vec<&'static Metric> = ["total_revenue", "final_customers", "min_cash"]
        .iter()
        .filter_map(|n| metric(n))
        .collect();
    for t in play.easy.iter().chain(&play.expert) {
        if !metrics.contains(&t.metric) {
            metrics.push(t.metric);
        }
    }
    let w = usize::from(area.width.saturating_sub(2));
    // The metric's name, then four cells (you, autopilot, easy, expert) that
    // fit the panel, so no row wraps.
    let label_w = if w >= 60 { 16 } else { 12 };
    let col = (w.saturating_sub(label_w) / 4).clamp(5, 12) - 1;
    let cell = |s: &str| format!(" {}", fit(s, col));
    let mut lines = vec![
        Line::from(vec![
            Span::from(text::score()).bold(),
            Span::from(format!("{}/100", o.score))
                .bold()
                .fg(theme::ACCENT),
        ]),
        Line::from(if play.easy.is_empty() && play.expert.is_empty() {
            text::no_targets()
        } else {
            text::score_rule()
        })
        .fg(theme::BASELINE),
        Line::from(""),
        Line::from(format!(
            "{}{}{}{}{}",
            fit("", label_w),
            cell(text::you()),
            cell(text::autopilot()),
            cell(text::easy()),
            cell(text::expert())
        ))
        .bold(),
    ];
    for m in metrics {
        let (you, auto) = ((m.get)(&o.player), (m.get)(&o.autopilot));
        let better = match (you, auto) {
            (Some(a), Some(b)) if a > b => Style::new().fg(theme::GOOD),
            (Some(a), Some(b)) if a < b => Style::new().fg(theme::BAD),
            _ => Style::new(),
        };
        let mut spans = vec![
            Span::from(fit(crate::i18n::tr(m.label), label_w)),
            Span::styled(cell(&value(m, you)), better.bold()),
            Span::from(cell(&value(m, auto))).fg(theme::BASELINE),
        ];
        for targets in [&play.easy, &play.expert] {
            let (t, met) = target(m, targets, &o.player, col);
            let style = match met {
                Some(true) => Style::new().fg(theme::GOOD),
                Some(false) => Style::new().fg(theme::BAD),
                None => Style::new(),
            };
            spans.push(Span::styled(cell(&t), style));
        }
        lines.push(Line::from(spans));
    }
    if !(play.easy.is_empty() && play.expert.is_empty()) {
        lines.push(Line::from(""));
        lines.push(Line::from(text::targets(o.easy_met, o.expert_met)));
    }
    lines.push(Line::from(""));
    let decisions = &p.game.decisions;
    lines.push(
        Line::from(text::decisions(decisions.len()))
            .bold()
            .fg(theme::ACCENT),
    );
    if decisions.is_empty() {
        lines.push(Line::from(text::no_decisions()).fg(theme::BASELINE));
    }
    let label = &crate::format::period_word(&app.scenario().period_label);
    for d in decisions {
        lines.push(Line::from(format!(
            "{label} {:>3}  {} {} → {}",
            d.period,
            ParamSpec::of(d.key).key,
            fmt_num(d.old),
            fmt_num(d.new)
        )));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::ACCENT))
                .title(Line::from(text::title()).bold())
                .title_bottom(Line::from(text::keys()).fg(theme::BASELINE)),
        )
        .render(area, buf);
}
