//! The facilitator's board in the serving terminal: every team (connected or
//! gone), its turn, the debrief's figures and score, a customers curve, the
//! leaderboard order; the log of events; keys for the class's controls.

use std::collections::VecDeque;
use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Sparkline, Table, Widget};

use super::class::Class;
use super::command::{Command, board_keys};
use super::leaderboard::{BoardState, TeamRow};
use crate::format::{money, people};
use crate::i18n::{tr, trf};
pub use debrief::DebriefView;
pub use welcome::JoinInfo;

mod big;
mod debrief;
mod terminal;
mod welcome;

pub use terminal::run;

/// The lines of log kept on the board.
const LOG_LINES: usize = 200;

/// What the board is doing.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum BoardMode {
    /// The board.
    #[default]
    Normal,
    /// Typing a news line.
    News(String),
    /// Remove this team? (its stem and name)
    ConfirmRemove(String, String),
    /// End the game for every team?
    ConfirmEnd,
    /// Stop the server?
    ConfirmQuit,
    /// The class debrief, for the projector.
    Debrief(Box<DebriefView>),
    /// The join screen, for the projector.
    Join,
}

/// The board's own state (the class's is in [`BoardState`]).
#[derive(Debug, Clone, Default)]
pub struct BoardUi {
    /// The start-up lines: the join command, the code, the host key.
    pub header: Vec<String>,
    /// The selected team (in leaderboard order).
    pub selected: usize,
    /// The mode.
    pub mode: BoardMode,
    /// The latest events, newest last.
    pub log: VecDeque<String>,
    /// What the join screen shows.
    pub join: JoinInfo,
}

impl BoardUi {
    /// Adds a line to the log.
    pub fn push(&mut self, line: String) {
        self.log.push_back(line);
        while self.log.len() > LOG_LINES {
            self.log.pop_front();
        }
    }

    /// Handles a key; true when the server should stop.
    pub fn key(&mut self, class: &Class, state: &BoardState, code: KeyCode, ctrl: bool) -> bool {
        let ranked = state.leaderboard();
        match &mut self.mode {
            BoardMode::News(text) => match code {
                KeyCode::Enter => {
                    let t = std::mem::take(text);
                    self.mode = BoardMode::Normal;
                    class.news(&t);
                }
                KeyCode::Esc => self.mode = BoardMode::Normal,
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if !ctrl && text.chars().count() < 200 => text.push(c),
                _ => {}
            },
            BoardMode::ConfirmRemove(stem, _) => {
                if code == KeyCode::Char('y') {
                    class.remove(stem);
                }
                self.mode = BoardMode::Normal;
            }
            BoardMode::ConfirmEnd => {
                if code == KeyCode::Char('y') {
                    class.end_game();
                }
                self.mode = BoardMode::Normal;
            }
            BoardMode::ConfirmQuit => {
                if matches!(code, KeyCode::Char('y')) {
                    return true;
                }
                self.mode = BoardMode::Normal;
            }
            BoardMode::Join => self.mode = BoardMode::Normal,
            BoardMode::Debrief(view) => {
                if view.key(code, 20) {
                    self.mode = BoardMode::Normal;
                }
            }
            BoardMode::Normal => match code {
                KeyCode::Char('c') if ctrl => self.mode = BoardMode::ConfirmQuit,
                KeyCode::Up => self.selected = self.selected.saturating_sub(1),
                KeyCode::Down => {
                    self.selected = (self.selected + 1).min(ranked.len().saturating_sub(1))
                }
                KeyCode::Char(c) if !ctrl => match Command::of_key(c) {
                    Some(c) if !c.spec().offered(state.lockstep, state.steps) => {}
                    Some(Command::News) => self.mode = BoardMode::News(String::new()),
                    Some(Command::Remove) => {
                        if let Some(t) = ranked.get(self.selected) {
                            self.mode = BoardMode::ConfirmRemove(t.stem.clone(), t.name.clone());
                        }
                    }
                    Some(c @ (Command::Pin | Command::Drop)) => {
                        if let Some(t) = ranked.get(self.selected) {
                            c.act(class, &t.stem);
                        }
                    }
                    Some(Command::End) => self.mode = BoardMode::ConfirmEnd,
                    Some(Command::Join) => self.mode = BoardMode::Join,
                    Some(Command::Debrief) => {
                        let view = DebriefView::new(class, state.revealed);
                        self.mode = BoardMode::Debrief(Box::new(view));
                    }
                    Some(Command::Quit) => self.mode = BoardMode::ConfirmQuit,
                    Some(c) => {
                        c.act(class, "");
                    }
                    None => {}
                },
                _ => {}
            },
        }
        false
    }
}

/// A team's turn: `3/16`, `done`, or `-` without turns.
fn turn_cell(t: &TeamRow) -> String {
    if t.total == 0 {
        "-".to_string()
    } else if t.finished {
        tr("done").to_string()
    } else {
        format!("{}/{}", t.turn, t.total)
    }
}

/// The board's figures for one team, projected to the horizon: profit,
/// customers, low cash, score.
fn figures(t: &TeamRow) -> [String; 4] {
    match &t.entry {
        Some(e) => [
            money(e.summary.total_profit),
            people(e.summary.final_customers),
            money(e.summary.min_cash),
            e.score.map_or("-".into(), |s| s.to_string()),
        ],
        None => ["-".into(), "-".into(), "-".into(), "-".into()],
    }
}

/// A customers curve resampled to `width` columns over the whole horizon
/// (periods not played yet stay empty), scaled to 0..=100 of `top`.
fn curve(customers: &[f64], horizon: u32, width: u16, top: f64) -> Vec<u64> {
    let periods = (horizon as usize + 1).max(customers.len()).max(1);
    (0..width as usize)
        .map_while(|c| {
            let i = c * periods / width.max(1) as usize;
            customers.get(i).map(|v| (v / top * 100.0).round() as u64)
        })
        .collect()
}

/// A team's results so far: played, profit, customers, cash, low cash.
fn so_far(t: &TeamRow, state: &BoardState) -> [String; 5] {
    let played = if state.lockstep && t.has_played(state.opened) {
        "✓"
    } else {
        ""
    };
    let s = t.so_far;
    let low = if s.low_cash.is_finite() {
        money(s.low_cash)
    } else {
        "-".into()
    };
    [
        played.into(),
        money(s.profit),
        people(s.customers),
        money(s.cash),
        low,
    ]
}

/// The board's columns: results so far, or (revealed) the projection to
/// the horizon and the score.
fn columns(state: &BoardState) -> [&'static str; 7] {
    if state.revealed {
        [
            tr("turn"),
            "",
            tr("profit"),
            tr("customers"),
            tr("low cash"),
            "",
            tr("score"),
        ]
    } else {
        [
            tr("turn"),
            tr("played"),
            tr("profit"),
            tr("customers"),
            tr("cash"),
            tr("low cash"),
            "",
        ]
    }
}

/// One team's cells under [`columns`].
fn cells(t: &TeamRow, state: &BoardState) -> [String; 7] {
    let turn = turn_cell(t);
    if state.revealed {
        let [profit, cust, low, score] = figures(t);
        [turn, String::new(), profit, cust, low, String::new(), score]
    } else {
        let [played, profit, cust, cash, low] = so_far(t, state);
        [turn, played, profit, cust, cash, low, String::new()]
    }
}

/// The board as plain text (the `board` command of `--no-board`).
pub fn text(state: &BoardState) -> String {
    let mut out = String::new();
    let c = columns(state);
    let head = [tr("rank"), tr("team"), tr("conn"), "PIN"];
    let _ = writeln!(
        out,
        "{}",
        text_row(&head.map(String::from), &c.map(String::from))
    );
    for (i, t) in state.leaderboard().iter().enumerate() {
        let v = cells(t, state);
        let rank = if state.revealed {
            (i + 1).to_string()
        } else {
            "-".into()
        };
        let head = [rank, t.label(), t.connections.to_string(), t.pin.clone()];
        let _ = writeln!(out, "{}", text_row(&head, &v));
    }
    out
}

/// One line of [`text`]: rank and team left-aligned, the rest right, in
/// columns of the terminal's width (a Chinese character takes two), none cut.
fn text_row(head: &[String; 4], v: &[String; 7]) -> String {
    use unicode_width::UnicodeWidthStr;
    let pad = |s: &str, w: usize, right: bool| {
        let fill = " ".repeat(w.saturating_sub(s.width()));
        if right {
            fill + s
        } else {
            s.to_string() + &fill
        }
    };
    let mut parts = vec![
        pad(&head[0], 4, false),
        pad(&head[1], 20, false),
        pad(&head[2], 5, true),
        pad(&head[3], 4, true),
    ];
    for (cell, w) in v.iter().zip([7, 6, 10, 10, 10, 10, 6]) {
        parts.push(pad(cell, w, true));
    }
    parts.join(" ")
}

/// The footer's keys in lines of `width` columns, a key never parted from
/// its words (`k 中斷電腦連線` stays whole), a Chinese character two columns.
fn footer_lines(keys: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    for part in keys.split("  ") {
        match lines.last_mut() {
            Some(l) if l.width() + 2 + part.width() <= width => {
                l.push_str("  ");
                l.push_str(part);
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

/// Draws the board.
pub fn render(state: &BoardState, ui: &BoardUi, area: Rect, buf: &mut Buffer) {
    let head_h = ui.header.len() as u16 + 3;
    let keys = board_keys(state.lockstep, state.steps);
    // The keys take two lines when one is too narrow for them.
    let keys = footer_lines(&keys, usize::from(area.width));
    let keys_h = keys.len().clamp(1, 2) as u16;
    let [head, table, log, footer] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Fill(2),
        Constraint::Fill(1),
        Constraint::Length(keys_h),
    ])
    .areas(area);
    let mut lines: Vec<Line> = ui.header.iter().map(|l| Line::from(l.as_str())).collect();
    let connected = state.teams.iter().filter(|t| t.connections > 0).count();
    let mut status = trf("{} teams, {} connected", &[&state.teams.len(), &connected]);
    if state.lockstep {
        let played = state
            .teams
            .iter()
            .filter(|t| t.has_played(state.opened))
            .count();
        status.push_str(&trf(
            "; lockstep: turn {} open, {} of {} played",
            &[&state.opened, &played, &state.teams.len()],
        ));
        if let Some(left) = state.turn_left {
            let secs = left.as_secs();
            let clock = format!("{}:{:02}", secs / 60, secs % 60);
            status.push_str(&trf(", closes in {}", &[&clock]));
        }
    }
    if state.ended {
        status.push_str(tr("; the game has ended"));
    }
    if let Some(n) = state.news.last() {
        status.push_str(&trf("; last news: {}", &[n]));
    }
    lines.push(Line::from(status).bold());
    Paragraph::new(lines)
        .block(Block::bordered().title(tr(" flywheel serve: the class ")))
        .render(head, buf);

    let ranked = state.leaderboard();
    let [tbl, curves] =
        Layout::horizontal([Constraint::Length(94), Constraint::Fill(1)]).areas(table);
    let heads = columns(state);
    let rows = ranked.iter().enumerate().map(|(i, t)| {
        let v = cells(t, state);
        let style = if t.connections == 0 {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        };
        let style = if i == ui.selected {
            style.reversed()
        } else {
            style
        };
        let conn = if t.connections == 0 {
            tr("gone").to_string()
        } else {
            t.connections.to_string()
        };
        let rank = if state.revealed {
            (i + 1).to_string()
        } else {
            String::new()
        };
        let mut cells = vec![
            Cell::from(rank),
            Cell::from(t.label()),
            Cell::from(conn),
            Cell::from(t.pin.clone()),
        ];
        cells.extend(v.into_iter().map(Cell::from));
        Row::new(cells).style(style)
    });
    let widths = [
        Constraint::Length(3),
        Constraint::Length(20),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(5),
    ];
    let mut head = vec!["#", tr("team"), tr("conn"), "PIN"];
    head.extend(heads);
    let title = if state.revealed {
        tr(" leaderboard: projected to the end, scored as in flywheel debrief (r hides) ")
    } else {
        tr(" teams: results so far (r reveals projections and scores) ")
    };
    Table::new(rows, widths)
        .header(Row::new(head).bold())
        .block(Block::bordered().title(title))
        .render(tbl, buf);
    let block = Block::bordered().title(tr(" customers so far "));
    let inner = block.inner(curves);
    block.render(curves, buf);
    // One scale for every team, and the whole horizon across, so curves compare.
    let top = ranked
        .iter()
        .flat_map(|t| t.customers.iter().copied())
        .fold(0.0f64, f64::max)
        .max(1.0);
    for (i, t) in ranked.iter().enumerate() {
        let y = inner.y + 1 + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let data = curve(&t.customers, t.horizon, inner.width, top);
        Sparkline::default()
            .data(&data)
            .max(100)
            .style(Style::new().fg(Color::Green))
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
    }

    let shown = log.height.saturating_sub(2) as usize;
    let start = ui.log.len().saturating_sub(shown);
    let log_lines: Vec<Line> = ui
        .log
        .iter()
        .skip(start)
        .map(|l| Line::from(l.as_str()))
        .collect();
    Paragraph::new(log_lines)
        .block(Block::bordered().title(tr(" log ")))
        .render(log, buf);

    Paragraph::new(keys.into_iter().map(Line::from).collect::<Vec<_>>())
        .fg(Color::Cyan)
        .render(footer, buf);

    let popup = |h: u16| {
        let w = area.width.saturating_sub(8).min(100);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + area.height.saturating_sub(h) / 2,
            w,
            h.min(area.height),
        )
    };
    let ask = |text: String, buf: &mut Buffer| {
        let r = popup(3);
        Clear.render(r, buf);
        Paragraph::new(text).block(Block::bordered()).render(r, buf);
    };
    match &ui.mode {
        BoardMode::Normal => {}
        BoardMode::News(t) => ask(
            trf("news to every team: {}_   (Enter sends, Esc cancels)", &[t]),
            buf,
        ),
        BoardMode::ConfirmRemove(_, name) => ask(trf("remove {}? y/n", &[name]), buf),
        BoardMode::ConfirmEnd => ask(
            tr("end the game for every team (the remaining turns play out)? y/n").into(),
            buf,
        ),
        BoardMode::ConfirmQuit => ask(
            tr("stop the server (every participant is told)? y/n").into(),
            buf,
        ),
        BoardMode::Debrief(view) => view.render(area, buf),
        BoardMode::Join => welcome::render(&ui.join, state, area, buf),
    }
}

#[cfg(test)]
mod tests;
