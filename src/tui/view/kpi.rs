//! The KPI strip: headline figures of the run, each against the baseline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::theme;
use crate::model::Summary;
use crate::tui::app::App;
use crate::tui::format::{delta, money, si};

/// One figure: label, value, change, and whether the change is good news.
struct Kpi {
    label: String,
    short: String,
    value: String,
    change: String,
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
    let runway = s.cash_negative_period;
    let ltv = match (s.ltv_cac, b.ltv_cac) {
        (Some(c), Some(bb)) => (format!("{c:.1}"), delta(c, bb), tone(c, bb)),
        (Some(c), None) => (format!("{c:.1}"), "was n/a".into(), Color::Reset),
        (None, _) => ("n/a".into(), String::new(), Color::Reset),
    };
    let peak_diff = i64::from(s.peak_acquisition_period) - i64::from(b.peak_acquisition_period);
    [
        Kpi {
            label: "Total revenue".into(),
            short: "Revenue".into(),
            value: money(s.total_revenue),
            change: delta(s.total_revenue, b.total_revenue),
            tone: tone(s.total_revenue, b.total_revenue),
            warn: false,
        },
        Kpi {
            label: "Final customers".into(),
            short: "Customers".into(),
            value: si(s.final_customers),
            change: delta(s.final_customers, b.final_customers),
            tone: tone(s.final_customers, b.final_customers),
            warn: false,
        },
        Kpi {
            label: match runway {
                Some(t) => format!("Lowest cash: out at {unit} {t}!"),
                None => "Lowest cash".into(),
            },
            short: match runway {
                Some(t) => format!("Cash out {t}!"),
                None => "Low cash".into(),
            },
            value: money(s.min_cash),
            change: delta(s.min_cash, b.min_cash),
            tone: tone(s.min_cash, b.min_cash),
            warn: runway.is_some(),
        },
        Kpi {
            label: "LTV/CAC".into(),
            short: "LTV/CAC".into(),
            value: ltv.0,
            change: ltv.1,
            tone: ltv.2,
            warn: false,
        },
        Kpi {
            label: "Peak acquisition".into(),
            short: "Peak acq.".into(),
            value: format!("{unit} {}", s.peak_acquisition_period),
            change: match peak_diff {
                0 => "±0".into(),
                d => format!("{d:+} {unit}s"),
            },
            tone: Color::Reset,
            warn: false,
        },
    ]
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = if area.height >= 4 {
        let vs = if app.baseline_pinned {
            "vs pinned baseline"
        } else {
            "vs baseline as loaded"
        };
        let block = Block::new()
            .borders(Borders::TOP | Borders::BOTTOM)
            .border_style(Style::new().fg(theme::BORDER))
            .title(
                Line::from(format!(" {vs} "))
                    .fg(theme::BASELINE)
                    .right_aligned(),
            );
        let inner = block.inner(area);
        block.render(area, buf);
        inner
    } else {
        area
    };
    let cells = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(inner);
    for (kpi, cell) in kpis(app).iter().zip(cells.iter()) {
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
        let text = vec![
            Line::from(Span::styled(
                format!(
                    " {}",
                    if cell.width > 22 {
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
                Span::styled(kpi.change.clone(), Style::new().fg(kpi.tone)),
            ]),
        ];
        Paragraph::new(text).render(*cell, buf);
    }
}
