//! The lesson panel: the current step's title and text, the sliders it
//! unlocks, its prediction (answered or not), its goal with a live tick,
//! and the debrief questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme;
use crate::model::ParamSpec;
use crate::tui::app::{App, Mode};

/// The panel's words, in one place.
mod text {
    pub const UNLOCKED: &str = "Sliders: ";
    pub const NONE_UNLOCKED: &str = "none in this step (look and read)";
    pub const ALL_UNLOCKED: &str = "all";
    pub const PREDICT: &str = "Predict: ";
    pub const HOW_TO_ANSWER: &str = "press 1-{n} (or a) to answer; your curves show after";
    pub const RIGHT: &str = "✓ right: ";
    pub const WRONG: &str = "✗ the run says: ";
    pub const UNSCORED: &str = "the run cannot score this answer";
    pub const YOU: &str = "you";
    pub const GOAL: &str = "Goal ";
    pub const DEBRIEF: &str = "Debrief";
    pub const KEYS: &str = " n next · p previous ";
    pub fn title(n: usize, of: usize, lesson: &str) -> String {
        format!(" Lesson {n}/{of} · {lesson} ")
    }
}

/// English where given, else the Chinese text.
fn either<'a>(en: &'a str, zh: &'a str) -> &'a str {
    if en.trim().is_empty() { zh } else { en }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(state), Some(step)) = (app.lesson(), app.lesson_step()) else {
        return;
    };
    let lesson = &app.scenario().lesson;
    let title = text::title(
        state.step + 1,
        lesson.steps.len(),
        either(&lesson.title, &lesson.title_zh),
    );
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(title).bold())
        .title_bottom(Line::from(text::KEYS).fg(theme::BASELINE));

    let mut lines = vec![
        Line::from(either(&step.title, &step.title_zh).to_string())
            .bold()
            .fg(theme::ACCENT),
        Line::from(either(&step.text, &step.text_zh).to_string()),
    ];
    let unlocked = match &step.unlock {
        None => text::ALL_UNLOCKED.to_string(),
        Some(u) if u.is_empty() => text::NONE_UNLOCKED.to_string(),
        Some(u) => u
            .iter()
            .map(|id| ParamSpec::of(*id).key)
            .collect::<Vec<_>>()
            .join(", "),
    };
    lines.push(Line::from(vec![
        Span::from(text::UNLOCKED).fg(theme::BASELINE),
        Span::from(unlocked),
    ]));

    if let Some(p) = &step.predict {
        lines.push(Line::from(vec![
            Span::from(text::PREDICT).bold().fg(theme::CHANGED),
            Span::from(either(&p.question, &p.question_zh).to_string()),
        ]));
        let answer = state.answer();
        let highlighted = match app.mode() {
            Mode::Predict { choice } => Some(*choice),
            _ => None,
        };
        for (i, c) in p.choices.iter().enumerate() {
            let mut marks = String::new();
            if let Some(a) = answer {
                marks.push_str(if a.correct == Some(i) { " ✓" } else { "" });
                if a.choice == i {
                    marks.push_str(&format!(" ← {}", text::YOU));
                }
            }
            let style = match (highlighted == Some(i), answer) {
                (true, _) => Style::new().reversed(),
                (_, Some(a)) if a.correct == Some(i) => Style::new().fg(theme::GOOD).bold(),
                (_, Some(a)) if a.choice == i => Style::new().fg(theme::BAD),
                _ => Style::new(),
            };
            lines.push(Line::styled(format!(" {} {c}{marks}", i + 1), style));
        }
        match answer {
            None => lines.push(
                Line::from(text::HOW_TO_ANSWER.replace("{n}", &p.choices.len().to_string()))
                    .italic()
                    .fg(theme::CHANGED),
            ),
            Some(a) => {
                let line = match a.correct {
                    Some(c) if a.is_right() => {
                        Line::from(format!("{}{}", text::RIGHT, p.choices[c])).fg(theme::GOOD)
                    }
                    Some(c) => {
                        Line::from(format!("{}{}", text::WRONG, p.choices[c])).fg(theme::BAD)
                    }
                    None => Line::from(text::UNSCORED).fg(theme::BASELINE),
                };
                lines.push(line.bold());
            }
        }
    }

    if let Some(goal) = &step.goal {
        let met = app.goal_met().unwrap_or(false);
        let (tick, color) = if met {
            ("✓", theme::GOOD)
        } else {
            ("✗", theme::BAD)
        };
        lines.push(Line::from(vec![
            Span::from(format!("{}{tick} ", text::GOAL))
                .bold()
                .fg(color),
            Span::from(either(&goal.text, &goal.text_zh).to_string()),
        ]));
        for c in &goal.all {
            let ok = c.met(app.summary(), app.loaded_summary());
            let (tick, color) = match ok {
                Some(true) => ("✓", theme::GOOD),
                Some(false) => ("✗", theme::BAD),
                None => ("?", theme::BASELINE),
            };
            lines.push(Line::from(vec![
                Span::from(format!("  {tick} ")).fg(color),
                Span::from(c.text.clone()).fg(theme::BASELINE),
            ]));
        }
    }

    let debrief = if step.debrief.is_empty() {
        &step.debrief_zh
    } else {
        &step.debrief
    };
    if !debrief.is_empty() {
        lines.push(Line::from(text::DEBRIEF).bold().fg(theme::ACCENT));
        for q in debrief {
            lines.push(Line::from(format!("• {q}")));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}
