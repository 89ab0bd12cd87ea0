//! The KPI strip: headline figures of the run, each against the baseline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::theme;
use crate::format::{delta, money, people, period_at};
use crate::model::Summary;
use crate::tui::app::App;
use unicode_width::UnicodeWidthStr;

/// The strip's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn value() -> (&'static str, &'static str) {
        (tr("Value"), tr("Value"))
    }
    pub fn customers() -> (&'static str, &'static str) {
        (tr("Final customers"), tr("Customers"))
    }
    pub fn low_cash() -> (&'static str, &'static str) {
        (tr("Lowest cash"), tr("Low cash"))
    }
    pub fn cash_out(at: &str, t: u32) -> (String, String) {
        (
            trf("Lowest cash: out at {}!", &[&at]),
            trf("Cash out {}!", &[&t]),
        )
    }
    pub fn profit() -> (&'static str, &'static str) {
        (tr("Total profit"), tr("Profit"))
    }
    pub fn was_na() -> &'static str {
        tr("was n/a")
    }
    pub fn versus(pinned: bool) -> &'static str {
        if pinned {
            tr(" vs pinned baseline ")
        } else {
            tr(" vs baseline as loaded ")
        }
    }
}

/// What a figure shows while a prediction hides the run.
const HIDDEN: &str = "?";

/// One figure: label, value, change, and whether the change is good news.
struct Kpi {
    label: String,
    short: String,
    value: String,
    change: String,
    /// The change in fewer columns, for a narrow cell (`-20` for `-20 weeks`).
    short_change: String,
    tone: Color,
    warn: bool,
}

/// Green when `cur` beats `base` (higher is better), red when worse.
fn tone(cur: f64, base: f64) -> Color {
    if (cur - base).abs() <= 1e-9 * base.abs().max(1.0) {
        Color::Reset
    } else if cur > base {
        theme::GOOD
    } else {
        theme::BAD
    }
}

fn kpis(app: &App) -> [Kpi; 5] {
    let (s, b): (&Summary, &Summary) = (&app.summary, &app.baseline_summary);
    let unit = &app.scenario.period_label;
    let (value, profit, customers, low_cash) = (
        text::value(),
        text::profit(),
        text::customers(),
        text::low_cash(),
    );
    let runway = s.cash_negative_period;
    let ltv = match (s.ltv_cac, b.ltv_cac) {
        (Some(c), Some(bb)) => (format!("{c:.1}"), delta(c, bb), tone(c, bb)),
        (Some(c), None) => (format!("{c:.1}"), text::was_na().into(), Color::Reset),
        (None, _) => ("n/a".into(), String::new(), Color::Reset),
    };
    [
        Kpi {
            label: value.0.into(),
            short: value.1.into(),
            value: money(s.value),
            change: delta(s.value, b.value),
            short_change: delta(s.value, b.value),
            tone: tone(s.value, b.value),
            warn: s.value < 0.0,
        },
        Kpi {
            label: profit.0.into(),
            short: profit.1.into(),
            value: money(s.total_profit),
            change: delta(s.total_profit, b.total_profit),
            short_change: delta(s.total_profit, b.total_profit),
            tone: tone(s.total_profit, b.total_profit),
            warn: s.total_profit < 0.0,
        },
        Kpi {
            label: customers.0.into(),
            short: customers.1.into(),
            value: people(s.final_customers),
            change: delta(s.final_customers, b.final_customers),
            short_change: delta(s.final_customers, b.final_customers),
            tone: tone(s.final_customers, b.final_customers),
            warn: false,
        },
        Kpi {
            label: match runway {
                Some(t) => text::cash_out(&period_at(unit, t), t).0,
                None => low_cash.0.into(),
            },
            short: match runway {
                Some(t) => text::cash_out(&period_at(unit, t), t).1,
                None => low_cash.1.into(),
            },
            value: money(s.min_cash),
            change: delta(s.min_cash, b.min_cash),
            short_change: delta(s.min_cash, b.min_cash),
            tone: tone(s.min_cash, b.min_cash),
            warn: runway.is_some(),
        },
        Kpi {
            label: "LTV/CAC".into(),
            short: "LTV/CAC".into(),
            value: ltv.0,
            change: ltv.1.clone(),
            short_change: ltv.1,
            tone: ltv.2,
            warn: false,
        },
    ]
}

/// The MAPE of `series` against each history column (`None` where it cannot be taken).
fn mapes(h: &crate::analysis::history::History, series: &crate::model::Series) -> Vec<Option<f64>> {
    h.series
        .iter()
        .map(|s| {
            let (sim, obs): (Vec<f64>, Vec<f64>) = h
                .observed(s)
                .filter_map(|(p, v)| Some((s.modelled(&series.rows, p as usize)?, v)))
                .unzip();
            crate::analysis::goodness::goodness(&sim, &obs).mape
        })
        .collect()
}

/// How well the current run fits the history (`tui --data`): MAPE per
/// series, each marked ↓ (green) where it fits better than the baseline
/// run, ↑ (red) where worse; in at most `width` columns (a shorter heading,
/// then tighter gaps, when the long form does not fit).
pub fn fit_line(app: &App, width: usize) -> Option<Line<'static>> {
    let h = app.actuals.as_ref()?;
    if app.curves_hidden() {
        return None;
    }
    let now = mapes(h, &app.series);
    let base = mapes(h, &app.baseline);
    let build = |head: &str, gap: &str| {
        let mut spans = vec![Span::from(head.to_string())];
        for (k, (s, (m, b))) in h.series.iter().zip(now.iter().zip(&base)).enumerate() {
            if k > 0 {
                spans.push(Span::from(gap.to_string()));
            }
            match m {
                Some(m) => {
                    spans.push(Span::from(format!("{} {m:.1}%", s.name())));
                    // Marked where the figures shown (one decimal) differ.
                    let shown = |v: f64| (v * 10.0).round();
                    match b.map(|b| shown(*m).total_cmp(&shown(b))) {
                        Some(std::cmp::Ordering::Less) => {
                            spans.push(Span::styled("↓", Style::new().fg(theme::GOOD)))
                        }
                        Some(std::cmp::Ordering::Greater) => {
                            spans.push(Span::styled("↑", Style::new().fg(theme::BAD)))
                        }
                        _ => {}
                    }
                }
                None => spans.push(Span::from(format!("{} -", s.name()))),
            }
        }
        spans.push(Span::from(" "));
        Line::from(spans).fg(theme::ACCENT)
    };
    let long = crate::i18n::tr(" fit to history (MAPE): ");
    let short = crate::i18n::tr(" MAPE: ");
    [(long, " · "), (short, " · "), (short, " ")]
        .into_iter()
        .map(|(head, gap)| build(head, gap))
        .find(|l| l.width() <= width)
        .or_else(|| Some(build(short, " ")))
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = if area.height >= 4 {
        let vs = text::versus(app.baseline_pinned);
        let mut block = Block::new()
            .borders(Borders::TOP | Borders::BOTTOM)
            .border_style(Style::new().fg(theme::BORDER))
            .title(Line::from(vs).fg(theme::BASELINE).right_aligned());
        let room = usize::from(area.width).saturating_sub(vs.width() + 2);
        if let Some(fit) = fit_line(app, room) {
            block = block.title(fit.left_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        inner
    } else if area.height == 3 {
        // No borders: the fit (if any) on the first row, the figures below.
        let [fit_row, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        if let Some(fit) = fit_line(app, usize::from(area.width)) {
            Paragraph::new(fit).render(fit_row, buf);
        }
        rest
    } else {
        area
    };
    let cells = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(inner);
    let mut kpis = kpis(app);
    if app.curves_hidden() {
        // A prediction is pending: the figures would give the answer away.
        for k in &mut kpis {
            k.value = HIDDEN.into();
            k.change = String::new();
            k.short_change = String::new();
            k.warn = false;
        }
    }
    for (kpi, cell) in kpis.iter().zip(cells.iter()) {
        let label_style = if kpi.warn {
            Style::new().fg(theme::BAD).bold()
        } else {
            Style::new().fg(theme::ACCENT)
        };
        let value_style = if kpi.warn {
            Style::new().fg(theme::BAD).bold()
        } else {
            Style::new().bold()
        };
        // The change is shortened before the cell would cut it.
        let fits = |c: &str| 2 + kpi.value.width() + c.width() <= usize::from(cell.width);
        let change = if fits(&kpi.change) {
            &kpi.change
        } else {
            &kpi.short_change
        };
        let text = vec![
            Line::from(Span::styled(
                format!(
                    " {}",
                    if cell.width > 22 && kpi.label.width() < usize::from(cell.width) {
                        &kpi.label
                    } else {
                        &kpi.short
                    }
                ),
                label_style,
            )),
            Line::from(vec![
                Span::styled(format!(" {}", kpi.value), value_style),
                Span::from(" "),
                Span::styled(change.clone(), Style::new().fg(kpi.tone)),
            ]),
        ];
        Paragraph::new(text).render(*cell, buf);
    }
}
