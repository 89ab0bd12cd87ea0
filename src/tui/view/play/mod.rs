//! The play screen: the turn, the decisions (with pending changes and their
//! cost), the news, and the charts of the past only; once the game is over,
//! the debrief (see `view/debrief.rs`).

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::charts::{self, ChartInput};
use super::flywheel::{self, FlywheelInput};
use super::strip::{self, StripInput};
use super::{MIN_HEIGHT, MIN_WIDTH, debrief, footer, theme};
use crate::format::{fit, fit_right, money, people};
use crate::play::seats::Role;
use crate::tui::app::{App, PlayState, View};
use unicode_width::UnicodeWidthStr;

mod panels;

use panels::{render_decisions, render_news, seat_lines};

/// The screen's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn play() -> &'static str {
        tr(" PLAY ")
    }
    pub fn future_hidden() -> &'static str {
        tr("the future is hidden")
    }
    pub fn over() -> &'static str {
        tr("game over")
    }
    pub fn decisions() -> &'static str {
        tr(" Decisions (↑↓ select, ←→ set, Enter type) ")
    }
    pub fn pending_none() -> &'static str {
        tr("no change this turn: a advances")
    }
    pub fn news() -> &'static str {
        tr(" News ")
    }
    pub fn no_news() -> &'static str {
        tr("nothing yet")
    }
    pub fn your_decisions() -> &'static str {
        tr("Your decisions")
    }
    pub fn so_far() -> &'static str {
        tr(" So far ")
    }
    pub fn you() -> &'static str {
        tr("you")
    }
    pub fn autopilot() -> &'static str {
        tr("autopilot")
    }
    pub fn revenue() -> &'static str {
        tr("revenue")
    }
    pub fn customers() -> &'static str {
        tr("cust.")
    }
    pub fn cash() -> &'static str {
        tr("cash")
    }
    pub fn strength() -> &'static str {
        tr("strength")
    }
    pub fn nothing_yet() -> &'static str {
        tr(
            "Nothing played yet. Read the briefing, set your decisions, then press a to play the first turn.",
        )
    }
    pub fn turn(n: u32, of: u32) -> String {
        trf("turn {}/{}", &[&n, &of])
    }
    pub fn period(now: &str, of: u32) -> String {
        trf("{} of {}", &[&now, &of])
    }
    pub fn player(name: &str) -> String {
        trf("player {}", &[&name])
    }
    pub fn pending(n: usize, cost: &str) -> String {
        if n == 1 {
            trf("1 change pending · cost {} · a advances", &[&cost])
        } else {
            trf("{} changes pending · cost {} · a advances", &[&n, &cost])
        }
    }
    pub fn cost(per: &str) -> String {
        trf(" · {}/unit changed", &[&per])
    }
    pub fn seat(role: &str) -> String {
        trf("{} seat", &[&role])
    }
    pub fn proposes(who: &str, what: &str) -> String {
        trf("the {} seat proposes {}: y accepts", &[&who, &what])
    }
    pub fn you_propose(what: &str, other: &str) -> String {
        trf(
            "you propose {}: the {} seat accepts with y",
            &[&what, &other],
        )
    }
    pub fn ready(other: &str) -> String {
        trf(
            "you are ready: the turn plays when the {} seat presses a",
            &[&other],
        )
    }
    pub fn from_sales(at: &str, text: &str) -> String {
        trf("from sales ({}): {}", &[&at, &text])
    }
    pub fn to_product(at: &str, arrives: &str, text: &str) -> String {
        trf("to product ({}, arrives {}): {}", &[&at, &arrives, &text])
    }
    pub fn messages() -> &'static str {
        tr("Messages")
    }
}

/// What the play screen's charts draw: the player's past in colour, the
/// autopilot's same past as a ghost, and only the events already passed.
pub fn play_input<'a>(app: &'a App, p: &'a PlayState) -> ChartInput<'a> {
    let g = &p.game;
    let [run, autopilot] = p.visible();
    let now = if g.finished() {
        g.horizon() + 1
    } else {
        g.period
    };
    ChartInput {
        current: Some(run),
        ghosts: vec![(autopilot, theme::BASELINE)],
        events: g
            .scenario
            .config
            .events
            .iter()
            .map(|e| e.at)
            .filter(|at| *at < now)
            .collect(),
        cursor: None,
        horizon: g.horizon(),
        reveal: g.horizon(),
        period_label: &app.scenario().period_label,
        focused: None,
        bands: None,
        actuals: None,
        now: None,
        calendar: app.scenario().calendar(),
    }
}

pub(super) fn render(app: &App, p: &PlayState, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        super::too_small(area, buf);
        return;
    }
    let [header, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, p, header, buf);
    let left_w = match (p.game.finished(), area.width >= 110) {
        (true, true) => 66,
        (true, false) => area.width / 2 + 4,
        (false, true) => 50,
        (false, false) => 40,
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(body);
    if p.game.finished() {
        debrief::render(app, p, left, buf);
    } else {
        let n = p.decisions().len() as u16;
        let extra = seat_lines(p).len() as u16;
        let [so_far, decisions, news] = Layout::vertical([
            Constraint::Length(5),
            Constraint::Length(n * 2 + 3 + extra),
            Constraint::Fill(1),
        ])
        .areas(left);
        render_so_far(p, so_far, buf);
        render_decisions(app, p, decisions, buf);
        render_news(app, p, news, buf);
    }
    let [main, strip_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(right);
    let run = p.run();
    if app.view() == View::Flywheel {
        let input = FlywheelInput {
            rows: &run.rows,
            loops: p.loops(),
            t: run.rows.len().saturating_sub(1),
            period_label: &app.scenario().period_label,
            hidden: false,
            focused: false,
        };
        flywheel::render(&input, main, buf);
    } else if p.run().rows.is_empty() {
        // Before the first turn the charts would be empty axes: the
        // briefing takes their place.
        super::briefing::render(
            &crate::play::briefing::briefing(&p.game.scenario).for_seat(p.seat()),
            main,
            buf,
        );
    } else {
        let input = play_input(app, p);
        // One chart when narrow (Tab cycles): revenue first at the debrief,
        // acquisition while playing.
        let first = if p.game.finished() { 2 } else { 0 };
        let focus = (first + app.chart) % crate::tui::app::CHART_COUNT;
        match seat_charts(p) {
            // A seat sees its own side of the loop, a chart under another.
            Some(shown) if !p.game.finished() => {
                let rows = Layout::vertical(vec![Constraint::Fill(1); shown.len()]).split(main);
                for (cell, &i) in rows.iter().zip(shown) {
                    charts::render(&input, i, *cell, buf);
                }
            }
            _ => {
                for (i, cell) in super::chart_grid(main, focus).iter().enumerate() {
                    if let Some(cell) = cell {
                        charts::render(&input, i, *cell, buf);
                    }
                }
            }
        }
    }
    let mut input = StripInput::new(p.loops(), run.rows.iter().map(|r| r.customers));
    input.periods = p.game.horizon() as usize + 1;
    strip::render(&input, strip_area, buf);
    footer::render(app, footer_area, buf);
}

/// The charts a seat sees: product its strength and insight (the feedback
/// that arrived) and revenue; sales its leads and customers won, conversion
/// and revenue. `None` for one person at the whole game.
fn seat_charts(p: &PlayState) -> Option<&'static [usize]> {
    match p.seat()? {
        Role::Product => Some(&[3, 2]),
        Role::Sales => Some(&[0, 1, 2]),
    }
}

fn render_header(_app: &App, p: &PlayState, area: Rect, buf: &mut Buffer) {
    let g = &p.game;
    let sep = || Span::styled(" │ ", Style::new().fg(theme::BORDER));
    let (turn, turns) = p.turn();
    let mut spans = vec![
        Span::from(" flywheel ").bold().fg(theme::ACCENT).reversed(),
        Span::from(text::play())
            .bold()
            .fg(theme::CHANGED)
            .reversed(),
        Span::from(" "),
    ];
    // The seat first, so a narrow screen keeps it.
    if let Some(r) = p.seat() {
        spans.push(
            Span::from(text::seat(r.label()))
                .bold()
                .reversed()
                .fg(theme::CHANGED),
        );
        spans.push(Span::from(" "));
    }
    spans.extend([
        Span::from(g.scenario.name.clone()).bold(),
        sep(),
        Span::from(text::turn(turn, turns)).bold(),
        sep(),
        Span::from(text::period(&g.scenario.period_at(g.period), g.horizon())),
    ]);
    if !p.player.is_empty() {
        spans.push(sep());
        spans.push(Span::from(text::player(&p.player)));
    }
    spans.push(sep());
    spans.push(
        Span::from(if g.finished() {
            text::over()
        } else {
            text::future_hidden()
        })
        .italic()
        .fg(theme::BASELINE),
    );
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_so_far(p: &PlayState, area: Rect, buf: &mut Buffer) {
    let revenue = |s: &crate::model::Series| s.rows.iter().map(|r| r.revenue).sum::<f64>();
    let [run, auto] = p.visible();
    // Four figures after the name, as wide as the panel allows; a heading
    // cut short keeps a space before it, so two never run together.
    let w = (usize::from(area.width.saturating_sub(11)) / 4).clamp(6, 9);
    let head = Line::from(
        [
            text::revenue(),
            text::customers(),
            text::cash(),
            text::strength(),
        ]
        .iter()
        .fold(fit("", 9), |acc, h| {
            format!("{acc} {}", fit_right(h, w - 1))
        }),
    )
    .fg(theme::BASELINE);
    let line = |who: &str, s: &crate::model::Series, style: Style| {
        let r = s.rows.last().copied().unwrap_or_default();
        let cells = [
            money(revenue(s)),
            people(r.customers),
            money(r.cash),
            format!("{:.2}", r.strength),
        ];
        let mut spans = vec![Span::styled(fit(who, 9), style)];
        spans.extend(cells.iter().map(|c| Span::from(fit_right(c, w))));
        Line::from(spans)
    };
    let lines = if run.rows.is_empty() {
        vec![Line::from(text::nothing_yet()).italic().fg(theme::BASELINE)]
    } else {
        vec![
            head,
            line(text::you(), run, Style::new().bold().fg(theme::ACCENT)),
            line(text::autopilot(), auto, Style::new().fg(theme::BASELINE)),
        ]
    };
    // The goal and the rules stay on screen all game.
    let mut goal = format!(" {} ", crate::play::briefing::headline(&p.game.scenario));
    if goal.width() + 2 > usize::from(area.width) {
        goal = format!(
            " {} ",
            crate::play::briefing::headline_compact(&p.game.scenario)
        );
    }
    Paragraph::new(wrap_all(lines, usize::from(area.width.saturating_sub(2))))
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::BORDER))
                .title(Line::from(text::so_far()).bold())
                .title_bottom(Line::from(goal).fg(theme::ACCENT)),
        )
        .render(area, buf);
}
