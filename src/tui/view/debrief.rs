//! The debrief at the end of a game: the player's run against the two
//! references a score is taken between (autopilot and the best steady
//! policy), the easy and expert targets as badges, the score, and every
//! decision.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

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
    pub fn best() -> &'static str {
        tr("Best steady")
    }
    pub fn easy() -> &'static str {
        tr("Easy")
    }
    pub fn expert() -> &'static str {
        tr("Expert")
    }
    pub fn score_rule(objective: &str) -> String {
        trf(
            "{}: the share of the gap from autopilot to the best steady policy you closed",
            &[&objective],
        )
    }
    pub fn out_of_cash(period: &str, at: u32, condition: &str) -> String {
        let when = format!("{period} {at}");
        trf(
            "ranked below every team that kept the rules: out of cash in {} ({})",
            &[&when, &condition],
        )
    }
    pub fn not_met(condition: &str) -> String {
        trf(
            "ranked below every team that kept the rules: {} not met",
            &[&condition],
        )
    }
    pub fn beat_best() -> &'static str {
        tr("you beat every steady policy by changing course")
    }
    pub fn no_best() -> &'static str {
        tr("no steady policy meets the requirements")
    }
    pub fn best_policy() -> &'static str {
        tr("Best steady policy: ")
    }
    pub fn no_decisions() -> &'static str {
        tr("none: you let the autopilot fly")
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
    let mut metrics: Vec<&'static Metric> = vec![o.objective];
    for n in ["total_revenue", "final_customers", "min_cash"] {
        if let Some(m) = metric(n).filter(|m| !metrics.contains(m)) {
            metrics.push(m);
        }
    }
    for t in play.easy.iter().chain(&play.expert) {
        if !metrics.contains(&t.metric) {
            metrics.push(t.metric);
        }
    }
    let badges = !(play.easy.is_empty() && play.expert.is_empty());
    let w = usize::from(area.width.saturating_sub(2));
    // The metric's name, then a cell each for you, autopilot and the best
    // steady policy, so no row wraps; the targets follow as badges.
    let label_w = if w >= 60 { 16 } else { 12 };
    let col = (w.saturating_sub(label_w) / 3).clamp(5, 13) - 1;
    let cell = |s: &str| format!(" {}", fit(s, col));
    let period = crate::format::period_word(&app.scenario().period_label);
    let m = o.objective;
    let objective = crate::i18n::tr(m.label);
    let mut lines = vec![
        Line::from(vec![
            Span::from(text::score()).bold(),
            Span::from(format!("{}/100", o.score))
                .bold()
                .fg(theme::ACCENT),
        ]),
        Line::from(text::score_rule(objective)).fg(theme::BASELINE),
    ];
    if let Some(b) = &o.broken {
        let why = match b.cash_short_at {
            Some(at) => text::out_of_cash(&period, at, &b.words),
            None => text::not_met(&b.words),
        };
        lines.push(Line::from(why).bold().fg(theme::BAD));
    } else if o.beat_best {
        lines.push(Line::from(text::beat_best()).bold().fg(theme::GOOD));
    }
    if o.best.is_none() {
        lines.push(Line::from(text::no_best()).fg(theme::BASELINE));
    }
    lines.push(Line::from(""));
    lines.push(
        Line::from(format!(
            "{}{}{}{}",
            fit("", label_w),
            cell(text::you()),
            cell(text::autopilot()),
            cell(text::best()),
        ))
        .bold(),
    );
    for m in metrics {
        let (you, auto) = ((m.get)(&o.player), (m.get)(&o.autopilot));
        let best = o.best.as_ref().and_then(|b| (m.get)(&b.summary));
        let better = match (you, auto) {
            (Some(a), Some(b)) if a > b => Style::new().fg(theme::GOOD),
            (Some(a), Some(b)) if a < b => Style::new().fg(theme::BAD),
            _ => Style::new(),
        };
        lines.push(Line::from(vec![
            Span::from(fit(crate::i18n::tr(m.label), label_w)),
            Span::styled(cell(&value(m, you)), better.bold()),
            Span::from(cell(&value(m, auto))).fg(theme::BASELINE),
            Span::from(cell(&value(m, best))).fg(theme::BASELINE),
        ]));
    }
    if badges {
        lines.push(Line::from(""));
        lines.push(Line::from(text::targets(o.easy_met, o.expert_met)));
        for (level, targets) in [(text::easy(), &play.easy), (text::expert(), &play.expert)] {
            if targets.is_empty() {
                continue;
            }
            let mut spans = vec![Span::from(fit(level, label_w))];
            for t in targets.iter() {
                let m = t.metric;
                let (badge, met) = target(m, targets, &o.player, 16);
                let style = if met == Some(true) {
                    Style::new().fg(theme::GOOD)
                } else {
                    Style::new().fg(theme::BAD)
                };
                spans.push(Span::from(format!(" {} ", crate::i18n::tr(m.label))));
                spans.push(Span::styled(badge, style));
            }
            lines.push(Line::from(spans));
        }
    }
    if let Some(b) = &o.best {
        let values: Vec<String> = b
            .decisions
            .iter()
            .map(|c| {
                let spec = ParamSpec::of(c.id);
                format!("{} {}", crate::i18n::tr(spec.label), fmt_num(c.value))
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::from(text::best_policy()).bold(),
            Span::from(values.join(" · ")),
        ]));
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
    for d in decisions {
        lines.push(Line::from(format!(
            "{period} {:>3}  {} {} → {}",
            d.period,
            {
                let spec = ParamSpec::of(d.key);
                crate::i18n::tr(spec.label)
            },
            fmt_num(d.old),
            fmt_num(d.new)
        )));
    }
    Paragraph::new(wrap_all(lines, usize::from(area.width.saturating_sub(2))))
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::ACCENT))
                .title(Line::from(text::title()).bold())
                .title_bottom(Line::from(text::keys()).fg(theme::BASELINE)),
        )
        .render(area, buf);
}
