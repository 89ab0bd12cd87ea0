//! The flywheel view: the four stages drawn as a loop (Insight -> Create ->
//! Deliver -> Capture -> Insight), each with its flows at the cursor, the
//! stage that limits the loop highlighted, and why, in one line.

mod text;

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::format::{fit, money, number, people, share, truncate};
use crate::model::{LoopStrengths, Row};
use crate::tui::stage::{Limit, Reason, Stage, limiting};
use unicode_width::UnicodeWidthStr;

/// A row's figures, formatted for the boxes.
pub(super) struct Figures {
    per: String,
    short_per: String,
    arrived: String,
    in_flight: String,
    latency: String,
    insight: String,
    gain: String,
    strength: String,
    rd: String,
    new: String,
    leads: String,
    conversion: String,
    won: String,
    lapsed: String,
    revenue: String,
    profit: String,
    cash: String,
    interest: Option<String>,
}

impl Figures {
    fn of(r: &Row, period: &str) -> Self {
        let won = if r.market_size > 0.0 {
            r.customers / r.market_size
        } else {
            0.0
        };
        Figures {
            per: crate::format::period_word(period),
            short_per: super::params::short_unit("periods", period),
            arrived: number(r.feedback_arrived),
            in_flight: number(r.feedback_in_flight),
            latency: number(r.latency),
            insight: number(r.insight),
            gain: format!("{:.4}", r.strength_gain),
            strength: format!("{:.3}", r.strength),
            rd: money(r.rd_spend),
            new: people(r.new_customers),
            leads: people(r.leads),
            conversion: share(r.conversion),
            won: share(won),
            lapsed: people(r.lapsed),
            revenue: money(r.revenue),
            profit: money(r.profit),
            cash: money(r.cash),
            interest: (r.interest > 0.0).then(|| money(r.interest)),
        }
    }
}

/// What the view draws: rows up to the cursor, the loops, the period's name.
pub(super) struct FlywheelInput<'a> {
    pub rows: &'a [Row],
    pub loops: &'a [LoopStrengths],
    pub t: usize,
    pub period_label: &'a str,
    pub hidden: bool,
    pub focused: bool,
}

/// Where each stage's box goes: Insight top left, Create top right,
/// Deliver bottom right, Capture bottom left (clockwise).
fn boxes(inner: Rect, box_h: u16) -> [Rect; 4] {
    let gap = 7;
    let w = inner.width.saturating_sub(gap) / 2;
    let left = inner.x;
    let right = inner.x + w + gap;
    let top = inner.y;
    let bottom = inner.bottom().saturating_sub(box_h + 2);
    let r = |x, y| Rect::new(x, y, w, box_h);
    [
        r(left, top),
        r(right, top),
        r(right, bottom),
        r(left, bottom),
    ]
}

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style, area: Rect) {
    if y >= area.y && y < area.bottom() && x >= area.x && x < area.right() {
        let room = usize::from(area.right() - x);
        buf.set_stringn(x, y, s, room, style);
    }
}

pub(super) fn render(input: &FlywheelInput, area: Rect, buf: &mut Buffer) {
    let period = &crate::format::period_word(input.period_label);
    let border = if input.focused {
        theme::ACCENT
    } else {
        theme::BORDER
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(border))
        .title(Line::from(vec![
            Span::from(text::title()).bold(),
            Span::from(format!(
                "{} ",
                crate::format::period_at(input.period_label, input.t)
            ))
            .fg(theme::CURSOR),
        ]))
        .title_bottom(Line::from(text::hint()).fg(theme::BASELINE).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let row = input.rows.get(input.t);
    let (Some(row), false) = (row, input.hidden) else {
        let msg = if input.hidden {
            text::hidden()
        } else {
            text::no_data()
        };
        Paragraph::new(wrap_all(Line::from(msg).italic(), usize::from(inner.width)))
            .render(inner, buf);
        return;
    };
    let limit = limiting(input.rows, input.t);
    let figures = Figures::of(row, period);
    if inner.width < COMPACT_WIDTH || inner.height < COMPACT_HEIGHT {
        compact(&figures, limit.as_ref(), period, inner, buf);
        return;
    }
    let box_h = ((inner.height.saturating_sub(4)) / 2).clamp(3, 6);
    let rects = boxes(inner, box_h);
    for (stage, r) in Stage::ALL.iter().zip(rects) {
        stage_box(*stage, &figures, limit.as_ref(), r, buf);
    }

    // The arrows of the cycle.
    let dim = Style::new().fg(theme::ACCENT);
    let [ins, cre, del, cap] = rects;
    let mid = |r: Rect| r.y + r.height / 2;
    put(buf, ins.right() + 1, mid(ins), "────▶", dim, inner);
    put(buf, cap.right() + 1, mid(cap), "◀────", dim, inner);
    let (rx, lx) = (cre.x + cre.width / 2, ins.x + ins.width / 2);
    for y in cre.bottom()..del.y {
        let last = y + 1 == del.y;
        put(buf, rx, y, if last { "▼" } else { "│" }, dim, inner);
    }
    for y in ins.bottom()..cap.y {
        let first = y == ins.bottom();
        put(buf, lx, y, if first { "▲" } else { "│" }, dim, inner);
    }

    // In the middle: the loop that drives growth now.
    if cap.y > ins.bottom() {
        let driving = match input.loops.get(input.t) {
            Some(LoopStrengths {
                dominant: Some(l), ..
            }) => crate::i18n::tr(l.name()).to_string(),
            Some(ls) => {
                let total: f64 = ls.values.iter().map(|v| v.abs()).sum();
                if total < 1.0 {
                    text::quiet().into()
                } else {
                    text::mixed().into()
                }
            }
            None => String::new(),
        };
        let y = ins.bottom() + (cap.y - ins.bottom()) / 2;
        let line = Line::from(vec![
            Span::from(text::driving()).fg(theme::BASELINE),
            Span::from(driving).bold(),
        ])
        .centered();
        Paragraph::new(line).render(Rect::new(lx + 2, y, rx.saturating_sub(lx + 3), 1), buf);
    }

    if let Some(l) = limit {
        let y = inner.bottom().saturating_sub(2);
        let line = Line::from(vec![
            Span::from(text::limiting()).bold(),
            Span::from(crate::i18n::trf("{}: ", &[&text::stage(l.stage)]))
                .bold()
                .fg(theme::BAD),
            Span::from(text::reason(&l.reason, period)),
        ]);
        Paragraph::new(wrap_all(line, usize::from(inner.width)))
            .render(Rect::new(inner.x, y, inner.width, 2), buf);
    }
}

/// Below this inner size the boxes would cut their figures: the view is a
/// table instead (every figure in full, labels shortened first).
const COMPACT_WIDTH: u16 = 56;
/// See [`COMPACT_WIDTH`].
const COMPACT_HEIGHT: u16 = 16;

/// The small view: the four stages as a 2x2 table in the loop's order
/// (Insight, Create / Capture, Deliver), then what limits the loop.
fn compact(f: &Figures, limit: Option<&Limit>, period: &str, inner: Rect, buf: &mut Buffer) {
    let col = usize::from(inner.width.saturating_sub(1) / 2);
    let cell = |label: &str, value: &str| -> String {
        let vw = value.width();
        if label.width() + 1 + vw <= col {
            fit(&format!("{label} {value}"), col)
        } else {
            let room = col.saturating_sub(vw + 1);
            fit(&format!("{} {value}", truncate(label, room)), col)
        }
    };
    let head = |s: Stage| {
        let limits = limit.is_some_and(|l| l.stage == s);
        let name = if limits {
            format!("{} ◆", text::stage(s))
        } else {
            text::stage(s).to_string()
        };
        let style = if limits {
            Style::new().fg(theme::BAD).bold()
        } else {
            Style::new().fg(theme::ACCENT).bold()
        };
        Span::styled(fit(&name, col), style)
    };
    let mut lines = Vec::new();
    for [a, b] in [
        [Stage::Insight, Stage::Create],
        [Stage::Capture, Stage::Deliver],
    ] {
        lines.push(Line::from(vec![head(a), Span::from(" "), head(b)]));
        let (fa, fb) = (text::compact(a, f), text::compact(b, f));
        for i in 0..3 {
            lines.push(Line::from(vec![
                Span::from(cell(fa[i].0, &fa[i].1)),
                Span::from(" "),
                Span::from(cell(fb[i].0, &fb[i].1)),
            ]));
        }
    }
    if let Some(l) = limit {
        lines.push(Line::from(vec![
            Span::from(text::limiting()).bold(),
            Span::from(crate::i18n::trf("{}: ", &[&text::stage(l.stage)]))
                .bold()
                .fg(theme::BAD),
            Span::from(text::reason(&l.reason, period)),
        ]));
    }
    Paragraph::new(wrap_all(lines, usize::from(inner.width))).render(inner, buf);
}

fn stage_box(stage: Stage, f: &Figures, limit: Option<&Limit>, r: Rect, buf: &mut Buffer) {
    let limits = limit.is_some_and(|l| l.stage == stage);
    let (style, title) = if limits {
        (
            Style::new().fg(theme::BAD).bold(),
            Line::from(vec![
                Span::from(format!(" {} ", text::stage(stage))).bold(),
                Span::from(text::limits()).fg(theme::BAD).bold(),
            ]),
        )
    } else {
        (
            Style::new().fg(theme::BORDER),
            Line::from(format!(" {} ", text::stage(stage))).bold(),
        )
    };
    let mut lines: Vec<Line> = text::flows(stage, f)
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 0 {
                Line::from(s).bold()
            } else {
                Line::from(s)
            }
        })
        .collect();
    lines.push(Line::from(text::role(stage)).italic().fg(theme::BASELINE));
    Paragraph::new(lines)
        .block(Block::bordered().border_style(style).title(title))
        .render(r, buf);
}
