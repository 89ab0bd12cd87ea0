//! The join screen for the projector (`j` on the board): the exact `ssh`
//! line with this laptop's address and the class code in large letters,
//! how to fill in the team's name, the other addresses the laptop has, and
//! the teams that have joined so far.

use crate::tui::view::wrap::wrap_all;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::big;
use crate::i18n::{tr, trf};
use crate::serve::leaderboard::BoardState;

/// What a participant needs to join.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JoinInfo {
    /// The port served on.
    pub port: u16,
    /// The addresses to type, best first (empty: none found).
    pub hosts: Vec<String>,
    /// The class code (`None`: participants log in with their keys).
    pub code: Option<String>,
}

impl JoinInfo {
    /// The command before the team's name: `ssh -p 2222`.
    pub fn ssh(&self) -> String {
        if self.port == 22 {
            "ssh".to_string()
        } else {
            format!("ssh -p {}", self.port)
        }
    }

    /// What follows it: `TEAM@192.168.1.20`.
    pub fn target(&self) -> String {
        let host = self
            .hosts
            .first()
            .map_or("THIS-LAPTOP-ADDRESS", String::as_str);
        format!("TEAM@{host}")
    }
}

/// Large letters when they fit `width` (with the text as written beneath,
/// small, for anyone unsure of a letter), else the text in bold.
fn large(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    if big::width(text) <= width {
        let mut out: Vec<Line<'static>> = big::lines(text)
            .into_iter()
            .map(|l| Line::from(l).style(style))
            .collect();
        out.push(Line::from(text.to_string()).style(style.bold()));
        out
    } else {
        vec![Line::from(text.to_string()).style(style.bold())]
    }
}

/// The lines of the join screen at `width` columns.
pub fn lines(info: &JoinInfo, state: &BoardState, width: usize) -> Vec<Line<'static>> {
    let accent = Style::new().fg(Color::Cyan);
    let mut out = vec![
        Line::from(tr("Join the class: open a terminal and type")).bold(),
        Line::default(),
    ];
    let whole = format!("{} {}", info.ssh(), info.target());
    if big::width(&whole) <= width {
        out.extend(large(&whole, width, accent));
    } else {
        out.extend(large(&info.ssh(), width, accent));
        out.push(Line::default());
        out.extend(large(&info.target(), width, accent));
    }
    out.push(Line::default());
    out.push(Line::from(match info.hosts.first() {
        Some(h) => trf(
            "TEAM is your team's name, the same on every laptop of the team (for example {}).",
            &[&format!("{} \"Team A\"@{h}", info.ssh())],
        ),
        None => tr("TEAM is your team's name, the same on every laptop of the team.").to_string(),
    }));
    match &info.code {
        Some(code) => {
            out.push(Line::default());
            out.push(Line::from(tr("When asked for a password, type the class code:")).bold());
            out.push(Line::default());
            out.extend(large(code, width, Style::new().fg(Color::Yellow)));
        }
        None => out.push(Line::from(tr(
            "No password: your laptop's key is in the trainer's list.",
        ))),
    }
    out.push(Line::default());
    match info.hosts.as_slice() {
        [] => out.push(Line::from(tr(
            "This laptop's address was not found: the trainer reads it from `ipconfig getifaddr en0` (macOS), `hostname -I` (Linux) or `ipconfig` (Windows).",
        ))),
        [_] => {}
        [_, rest @ ..] => out.push(Line::from(trf(
            "On another network, this laptop is also at {}.",
            &[&rest.join(", ")],
        ))),
    }
    let names: Vec<&str> = state.teams.iter().map(|t| t.name.as_str()).collect();
    out.push(
        Line::from(match names.len() {
            0 => tr("No team has joined yet.").to_string(),
            n => trf("{} joined: {}", &[&n, &names.join(", ")]),
        })
        .fg(Color::Gray),
    );
    out
}

/// Draws the join screen over the whole board.
pub fn render(info: &JoinInfo, state: &BoardState, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(Line::from(tr(" join screen (any key returns to the board) ")).bold());
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
    };
    Paragraph::new(wrap_all(
        lines(info, state, usize::from(inner.width)),
        usize::from(inner.width),
    ))
    .render(inner, buf);
}
