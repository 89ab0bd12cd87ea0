//! The parameter panel: sliders grouped by section, the selected parameter's
//! help, and the list of parameters changed from the loaded scenario.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{Areas, theme};
use crate::format::{fit, money, number, period_word, range};
use crate::i18n::{tr, trc, trf};
use crate::model::{PARAM_COUNT, PARAMS, ParamSpec, Section, fmt_num};
use crate::tui::app::App;

/// The panel's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn title(changed: usize) -> String {
        if changed == 0 {
            tr(" Parameters ").to_string()
        } else {
            trf(" Parameters ({} changed) ", &[&changed])
        }
    }
    pub fn loaded(v: &str) -> String {
        trf("  (loaded {})", &[&v])
    }
    pub fn limits(range: &str, step: &str, coarse: &str) -> String {
        trf("valid {} · step {} · coarse {}", &[&range, &step, &coarse])
    }
    pub fn selected() -> &'static str {
        tr(" Selected ")
    }
    pub fn more(n: usize) -> String {
        trf("… and {} more", &[&n])
    }
    pub fn none_changed() -> &'static str {
        tr("none: every parameter as loaded")
    }
    pub fn changed_title() -> &'static str {
        tr(" Changed from loaded (u undo, R reset) ")
    }
}

/// A line of the panel: a section heading or a parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Section(Section),
    Param(usize),
}

/// Every line of the panel, in order. A lesson step that unlocks some
/// sliders lists only those (no section headings); one that unlocks none
/// lists nothing.
fn items(app: &App) -> Vec<Item> {
    if let Some(unlocked) = app.unlocked() {
        return PARAMS
            .iter()
            .enumerate()
            .filter(|(_, s)| unlocked.contains(&s.id))
            .map(|(i, _)| Item::Param(i))
            .collect();
    }
    let mut out = Vec::with_capacity(PARAM_COUNT + Section::ALL.len());
    for (i, spec) in PARAMS.iter().enumerate() {
        if i == 0 || PARAMS[i - 1].section != spec.section {
            out.push(Item::Section(spec.section));
        }
        out.push(Item::Param(i));
    }
    out
}

/// The first visible line, keeping the selection near the middle.
fn scroll(items: &[Item], height: usize, selected: usize) -> usize {
    let line = items
        .iter()
        .position(|&it| it == Item::Param(selected))
        .unwrap_or(0);
    line.saturating_sub(height / 2)
        .min(items.len().saturating_sub(height))
}

/// The parameter under a screen position, for mouse clicks and the wheel.
pub fn param_at(areas: &Areas, app: &App, col: u16, row: u16) -> Option<usize> {
    let inner = panel_block(app).inner(areas.params);
    let inside = col >= inner.x && col < inner.right() && row >= inner.y && row < inner.bottom();
    if !inside {
        return None;
    }
    let items = items(app);
    let first = scroll(&items, usize::from(inner.height), app.selected());
    match items.get(first + usize::from(row - inner.y)) {
        Some(Item::Param(i)) => Some(*i),
        _ => None,
    }
}

/// How many rows the panel needs in a lesson step that limits the sliders
/// (`None`: all of them are listed, so it takes what room there is).
pub(super) fn lesson_rows(app: &App) -> Option<u16> {
    let n = app.unlocked()?.len() as u16;
    Some(if n == 0 { 0 } else { n + 2 })
}

fn panel_block(app: &App) -> Block<'static> {
    let title = text::title(app.changed().len());
    Block::bordered()
        .border_style(Style::new().fg(theme::BORDER))
        .title(Line::from(title).bold())
}

/// A unit shortened for a narrow column (`$/customer/week` -> `/cust/wk`),
/// in the interface's language.
pub(super) fn short_unit(unit: &str, period: &str) -> String {
    let word = period_word(period);
    let p = match period {
        "week" => tr("wk"),
        "month" => tr("mo"),
        "quarter" => tr("qtr"),
        "year" => tr("yr"),
        _ => word.as_str(),
    };
    let u = unit.strip_prefix('$').unwrap_or(unit);
    match u {
        "0..1" | "insight" => String::new(),
        "people" => tr("ppl").into(),
        "reps" => trc("unit", "reps").into(),
        "of leads" => tr("of leads").into(),
        "of revenue" => tr("of rev").into(),
        "per churned" => tr("/churn").into(),
        "periods" => p.into(),
        _ => u
            .replace("customer", trc("unit", "cust"))
            .replace("rep", tr("rep"))
            .replace("period", p),
    }
}

/// A unit in full, in the interface's language (`$/customer/week`).
pub(super) fn long_unit(unit: &str, period: &str) -> String {
    let word = period_word(period);
    match unit {
        "people" => tr("people").into(),
        "reps" => tr("reps").into(),
        "periods" => trf("{}s", &[&word]),
        "of leads" => tr("of leads").into(),
        "of revenue" => tr("of revenue").into(),
        "per churned" => tr("per churned").into(),
        "insight" => tr("insight").into(),
        "0..1" => tr("share").into(),
        _ => unit
            .replace("customer", tr("customer"))
            .replace("rep", tr("rep"))
            .replace("period", &word),
    }
}

/// A value as the slider shows it: money with `$`, the rest with SI suffixes.
pub(super) fn short_value(spec: &ParamSpec, v: f64) -> String {
    if spec.unit.starts_with('$') {
        money(v)
    } else {
        number(v)
    }
}

/// A slider of `width` cells: filled track, a knob, and a tick at the loaded value.
pub(super) fn slider(spec: &ParamSpec, v: f64, loaded: f64, width: usize) -> Vec<Span<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let span = spec.ui_max - spec.ui_min;
    let pos =
        |x: f64| (((x - spec.ui_min) / span).clamp(0.0, 1.0) * (width - 1) as f64).round() as usize;
    let (knob, tick) = (pos(v), pos(loaded));
    let mut out = Vec::with_capacity(width);
    for i in 0..width {
        let (text, style) = if i == knob {
            ("●", Style::new().fg(theme::ACCENT))
        } else if i == tick && v != loaded {
            ("┼", Style::new().fg(theme::BASELINE))
        } else if i < knob {
            ("━", Style::new().fg(theme::ACCENT))
        } else {
            ("─", Style::new().fg(theme::BASELINE))
        };
        out.push(Span::styled(text, style));
    }
    out
}

/// Draws the sliders; `with_help` puts the selected parameter's help on the
/// bottom border (when there is no room for the detail panel).
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer, with_help: bool) {
    if area.height < 3 {
        return;
    }
    let block = panel_block(app);
    let inner = block.inner(area);
    let help = tr(PARAMS[app.selected()].help);
    let block = if with_help {
        block.title_bottom(Line::from(format!(" {help} ")).fg(theme::BASELINE))
    } else {
        block
    };
    block.render(area, buf);

    let w = usize::from(inner.width);
    let (bar_w, unit_w) = if w >= 40 { (8, 7) } else { (5, 0) };
    let value_w = 7;
    // With a history loaded, a column marks what `F` fits.
    let fitted = app.actuals().map(|_| app.refit_params());
    let mark_w = usize::from(fitted.is_some());
    let label_w =
        w.saturating_sub(2 + mark_w + 1 + bar_w + 1 + value_w + unit_w + usize::from(unit_w > 0));
    let items = items(app);
    let first = scroll(&items, usize::from(inner.height), app.selected());
    let loaded = &app.scenario.config.params;
    let period = &app.scenario.period_label;
    let locked = |id| app.unlocked().is_some_and(|u| !u.contains(&id));
    let lines: Vec<Line> = items[first..]
        .iter()
        .take(usize::from(inner.height))
        .map(|item| match *item {
            Item::Section(s) => Line::from(format!("─ {} ", tr(s.title())))
                .style(Style::new().fg(theme::BORDER).add_modifier(Modifier::BOLD)),
            Item::Param(i) => {
                let spec = &PARAMS[i];
                let (v, l) = (app.params()[spec.id], loaded[spec.id]);
                let selected = i == app.selected();
                let changed = v != l;
                let mut spans = vec![
                    Span::styled(
                        if selected { "▶" } else { " " },
                        Style::new().fg(theme::ACCENT),
                    ),
                    Span::styled(
                        if changed { "*" } else { " " },
                        Style::new().fg(theme::CHANGED),
                    ),
                ];
                if let Some(f) = &fitted {
                    spans.push(Span::styled(
                        if f.contains(&spec.id) { "~" } else { " " },
                        Style::new().fg(theme::ACCENT).bold(),
                    ));
                }
                spans.extend([
                    Span::styled(
                        fit(tr(spec.label), label_w),
                        match (selected, locked(spec.id)) {
                            (true, _) => Style::new().bold(),
                            // A lesson step locks this slider: dimmed.
                            (false, true) => Style::new().fg(theme::BASELINE),
                            (false, false) => Style::new(),
                        },
                    ),
                    Span::from(" "),
                ]);
                let drawn = crate::scenario::period::spec_in(period, spec.id);
                spans.extend(slider(drawn, v, l, bar_w));
                let value_style = if changed {
                    Style::new().fg(theme::CHANGED).bold()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(
                    format!("{:>value_w$}", short_value(spec, v)),
                    value_style,
                ));
                if unit_w > 0 {
                    spans.push(Span::from(" "));
                    spans.push(Span::styled(
                        fit(&short_unit(spec.unit, period), unit_w),
                        Style::new().fg(theme::BASELINE),
                    ));
                }
                let line = Line::from(spans);
                if selected {
                    line.style(Style::new().bg(ratatui::style::Color::Indexed(236)))
                } else {
                    line
                }
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

pub(super) fn render_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let spec = &PARAMS[app.selected()];
    let v = app.params()[spec.id];
    let loaded = app.scenario.config.params[spec.id];
    let unit = long_unit(spec.unit, &app.scenario.period_label);
    let lines = vec![
        Line::from(vec![
            Span::from(format!("{} = {} {unit}", tr(spec.label), fmt_num(v))).bold(),
            Span::from(text::loaded(&fmt_num(loaded))).fg(theme::BASELINE),
        ]),
        Line::from(text::limits(
            &range(crate::scenario::period::spec_in(
                &app.scenario.period_label,
                spec.id,
            ))
            .to_string(),
            &fmt_num(spec.step),
            &fmt_num(spec.coarse),
        ))
        .fg(theme::BASELINE),
        Line::from(tr(spec.help)),
    ];
    Paragraph::new(wrap_all(lines, usize::from(area.width.saturating_sub(2))))
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(text::selected()),
        )
        .render(area, buf);
}

pub(super) fn render_changed(app: &App, area: Rect, buf: &mut Buffer) {
    let changed = app.changed();
    let loaded = &app.scenario.config.params;
    let room = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = changed
        .iter()
        .take(if changed.len() > room {
            room.saturating_sub(1)
        } else {
            room
        })
        .map(|&id| {
            let spec = crate::model::ParamSpec::of(id);
            Line::from(vec![
                Span::from(format!("{} ", tr(spec.label))),
                Span::from(fmt_num(loaded[id])).fg(theme::BASELINE),
                Span::from(" → "),
                Span::from(fmt_num(app.params()[id]))
                    .fg(theme::CHANGED)
                    .bold(),
            ])
        })
        .collect();
    if changed.len() > room {
        lines.push(Line::from(text::more(changed.len() - lines.len())).italic());
    }
    if changed.is_empty() {
        lines.push(Line::from(text::none_changed()).fg(theme::BASELINE));
    }
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(text::changed_title()),
        )
        .render(area, buf);
}
