//! The best steady policy's pop-up: the search's progress, then each
//! slider now and at the optimum, the objective's gain and what binds.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, clear, popup, short_value, text, theme};
use crate::format::{fit, fit_right, money};
use crate::i18n::tr;
use crate::tui::app::App;

/// The best steady policy: a progress bar while it is searched, then each
/// slider's value now and at the optimum, the objective's gain, and what binds.
pub(super) fn best_view(app: &App, area: Rect, buf: &mut Buffer) {
    use crate::model::ParamSpec;
    let Some(b) = app.best() else {
        return;
    };
    let p = &b.problem;
    let mut conditions: Vec<String> = p.constraints.iter().map(|c| c.words()).collect();
    if conditions.is_empty() {
        conditions.push("-".into());
    }
    let m = p.objective;
    let mut lines = vec![
        Line::from(text::best_goal(
            crate::i18n::tr(m.label),
            &conditions.join(crate::i18n::tr(", ")),
        )),
        Line::from(""),
    ];
    match &b.result {
        None => {
            let w = 30;
            let done = (b.progress * w as f64).round() as usize;
            lines.push(Line::from(vec![
                Span::from(text::searching()).bold(),
                Span::from("█".repeat(done)).fg(theme::ACCENT),
                Span::from("░".repeat(w - done.min(w))).fg(theme::BASELINE),
                Span::from(format!(" {:.0}%", b.progress * 100.0)),
            ]));
            lines.push(Line::from(text::searching_note()).fg(theme::BASELINE));
        }
        // Worded here, in the language of the screen that shows it.
        Some(Err(e)) => lines.push(Line::from(e.to_string()).fg(theme::BAD)),
        Some(Ok(o)) => {
            let label_w = 24;
            lines.push(
                Line::from(format!(
                    "{}{}  {}  {}",
                    fit(tr("slider"), label_w),
                    fit_right(tr("now"), 10),
                    fit_right(tr("best"), 10),
                    tr("within 1% of the best")
                ))
                .fg(theme::BASELINE),
            );
            for c in &o.decisions {
                let spec = ParamSpec::of(c.id);
                let now = app.params()[c.id];
                let moved = (now - c.value).abs() > 1e-9 * c.value.abs().max(1.0);
                let bound = match c.on_bound {
                    Some(_) => text::on_bound(),
                    None => "",
                };
                lines.push(Line::from(vec![
                    Span::from(fit(tr(spec.label), label_w)),
                    Span::from(format!("{:>10}", short_value(spec, now))),
                    Span::from(if moved { " →" } else { "  " }).fg(theme::ACCENT),
                    Span::styled(
                        format!("{:>10}", short_value(spec, c.value)),
                        if moved {
                            Style::new().fg(theme::CHANGED).bold()
                        } else {
                            Style::new()
                        },
                    ),
                    Span::from(format!(
                        "  {}–{}{bound}",
                        short_value(spec, c.flat.0),
                        short_value(spec, c.flat.1)
                    ))
                    .fg(theme::BASELINE),
                ]));
            }
            let now = (p.objective.get)(app.summary());
            let show = |v: Option<f64>| {
                v.map_or_else(|| "n/a".to_string(), money_or_num(p.objective.name))
            };
            lines.push(Line::from(""));
            lines.push(Line::from(vec![
                Span::from(fit(tr(m.label), label_w)).bold(),
                Span::from(format!("{:>10}", show(now))),
                Span::from(" →").fg(theme::ACCENT),
                Span::from(format!("{:>10}", show(Some(o.objective))))
                    .bold()
                    .fg(theme::GOOD),
            ]));
            if !o.binding.is_empty() {
                lines.push(Line::from(text::binding(&o.binding.join(", "))).fg(theme::BASELINE));
            }
            if !app.best_is_current() {
                lines.push(Line::from(text::best_stale()).fg(theme::BAD));
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(text::best_keys()).fg(theme::BASELINE));
    let h = (lines.len() as u16 + 3).min(area.height);
    let r = centered(area, 78, h);
    clear(r, buf);
    Paragraph::new(wrap_all(lines, usize::from(r.width.saturating_sub(2))))
        .block(popup(text::best_title()))
        .render(r, buf);
}

/// Money metrics as money, the rest as plain numbers.
fn money_or_num(name: &str) -> impl Fn(f64) -> String {
    let money_like = name.contains("revenue")
        || name.contains("profit")
        || name.contains("cash")
        || name.contains("interest");
    move |v| {
        if money_like {
            money(v)
        } else {
            crate::format::number(v)
        }
    }
}
