//! The debrief at the end of a game: the player's run against the
//! autopilot and the easy and expert targets, the score, and every decision.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme;
use crate::model::{Metric, ParamSpec, Summary, fmt_num, metric};
use crate::scenario::play::Target;
use crate::tui::app::{App, PlayState};
use crate::tui::format::{fit, money, pct, si};

/// The screen's words, in one place.
mod text {
    pub const TITLE: &str = " Debrief ";
    pub const SCORE: &str = "Score ";
    pub const YOU: &str = "You";
    pub const AUTOPILOT: &str = "Autopilot";
    pub const EASY: &str = "Easy";
    pub const EXPERT: &str = "Expert";
    pub const NO_TARGETS: &str =
        "no targets: the score is revenue against autopilot (50 = the same)";
    pub const NO_DECISIONS: &str = "none: you let the autopilot fly";
    pub const SCORE_RULE: &str = "half for the easy targets met, half for the expert ones";
    pub const KEYS: &str = " s save session · e export CSV · q quit ";
    pub fn targets(easy: (usize, usize), expert: (usize, usize)) -> String {
        format!(
            "targets met: easy {}/{} · expert {}/{}",
            easy.0, easy.1, expert.0, expert.1
        )
    }
    pub fn decisions(n: usize) -> String {
        format!("Decisions ({n})")
    }
    pub fn decision(label: &str, at: u32, key: &str, old: &str, new: &str) -> String {
        format!("{label} {at:>3}  {key} {old} → {new}")
    }
}

/// A metric's value as the table shows it.
fn value(m: &Metric, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "n/a".into();
    };
    match m.name {
        n if n.contains("cash") || n.contains("revenue") || n.contains("profit") => money(v),
        "mean_conversion" => pct(v),
        "final_strength" | "ltv_cac" => format!("{v:.2}"),
        "peak_acquisition_period" => format!("{v:.0}"),
        _ => si(v),
    }
}

/// A target's cell: `≥$350M ✓`, or blank when the level sets none for the metric.
fn target(m: &Metric, targets: &[Target], player: &Summary) -> (String, Option<bool>) {
    match targets.iter().find(|t| t.metric == m) {
        Some(t) => {
            let met = (m.get)(player).is_some_and(|v| v >= t.at_least);
            let tick = if met { "✓" } else { "✗" };
            (format!("≥{} {tick}", value(m, Some(t.at_least))), Some(met))
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
    let col = (w.saturating_sub(16) / 4).clamp(7, 12) - 1;
    let cell = |s: &str| format!(" {:>col$}", fit(s, col));
    let mut lines = vec![
        Line::from(vec![
            Span::from(text::SCORE).bold(),
            Span::from(format!("{}/100", o.score))
                .bold()
                .fg(theme::ACCENT),
        ]),
        Line::from(if play.easy.is_empty() && play.expert.is_empty() {
            text::NO_TARGETS
        } else {
            text::SCORE_RULE
        })
        .fg(theme::BASELINE),
        Line::from(""),
        Line::from(format!(
            "{}{}{}{}{}",
            fit("", 16),
            cell(text::YOU),
            cell(text::AUTOPILOT),
            cell(text::EASY),
            cell(text::EXPERT)
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
            Span::from(fit(m.label, 16)),
            Span::styled(cell(&value(m, you)), better.bold()),
            Span::from(cell(&value(m, auto))).fg(theme::BASELINE),
        ];
        for targets in [&play.easy, &play.expert] {
            let (t, met) = target(m, targets, &o.player);
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
        lines.push(Line::from(text::NO_DECISIONS).fg(theme::BASELINE));
    }
    let label = &app.scenario().period_label;
    for d in decisions {
        lines.push(Line::from(text::decision(
            label,
            d.period,
            ParamSpec::of(d.key).key,
            &fmt_num(d.old),
            &fmt_num(d.new),
        )));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::ACCENT))
                .title(Line::from(text::TITLE).bold())
                .title_bottom(Line::from(text::KEYS).fg(theme::BASELINE)),
        )
        .render(area, buf);
}
