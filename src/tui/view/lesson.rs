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
use crate::tui::app::{App, Mode, pick, pick_list};

/// The panel's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn unlocked() -> &'static str {
        tr("Sliders: ")
    }
    pub fn none_unlocked() -> &'static str {
        tr("none in this step (look and read)")
    }
    pub fn all_unlocked() -> &'static str {
        tr("all")
    }
    pub fn predict() -> &'static str {
        tr("Predict: ")
    }
    pub fn how_to_answer(n: usize) -> String {
        trf("press 1-{} (or a) to answer; your curves show after", &[&n])
    }
    pub fn right() -> &'static str {
        tr("✓ right: ")
    }
    pub fn wrong() -> &'static str {
        tr("✗ the run says: ")
    }
    pub fn unscored() -> &'static str {
        tr("the run cannot score this answer")
    }
    pub fn you() -> &'static str {
        tr("you")
    }
    pub fn goal() -> &'static str {
        tr("Goal ")
    }
    pub fn debrief() -> &'static str {
        tr("Debrief")
    }
    pub fn keys() -> &'static str {
        tr(" n next · p previous ")
    }
    pub fn title(n: usize, of: usize, lesson: &str) -> String {
        trf(" Lesson {}/{} · {} ", &[&n, &of, &lesson])
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(state), Some(step)) = (app.lesson(), app.lesson_step()) else {
        return;
    };
    let lesson = &app.scenario().lesson;
    let title = text::title(
        state.step + 1,
        lesson.steps.len(),
        pick(&lesson.title, &lesson.title_zh, &lesson.title_zh_hant),
    );
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(title).bold())
        .title_bottom(Line::from(text::keys()).fg(theme::BASELINE));

    let mut lines = vec![
        Line::from(pick(&step.title, &step.title_zh, &step.title_zh_hant).to_string())
            .bold()
            .fg(theme::ACCENT),
        Line::from(pick(&step.text, &step.text_zh, &step.text_zh_hant).to_string()),
    ];
    let unlocked = match &step.unlock {
        None => text::all_unlocked().to_string(),
        Some(u) if u.is_empty() => text::none_unlocked().to_string(),
        Some(u) => u
            .iter()
            .map(|id| ParamSpec::of(*id).key)
            .collect::<Vec<_>>()
            .join(", "),
    };
    lines.push(Line::from(vec![
        Span::from(text::unlocked()).fg(theme::BASELINE),
        Span::from(unlocked),
    ]));

    if let Some(p) = &step.predict {
        lines.push(Line::from(vec![
            Span::from(text::predict()).bold().fg(theme::CHANGED),
            Span::from(pick(&p.question, &p.question_zh, &p.question_zh_hant).to_string()),
        ]));
        let answer = state.answer();
        let highlighted = match app.mode() {
            Mode::Predict { choice } => Some(*choice),
            _ => None,
        };
        let choices = pick_list(&p.choices, &p.choices_zh, &p.choices_zh_hant);
        for (i, c) in choices.iter().enumerate() {
            let mut marks = String::new();
            if let Some(a) = answer {
                marks.push_str(if a.correct == Some(i) { " ✓" } else { "" });
                if a.choice == i {
                    marks.push_str(&format!(" ← {}", text::you()));
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
                Line::from(text::how_to_answer(p.choices.len()))
                    .italic()
                    .fg(theme::CHANGED),
            ),
            Some(a) => {
                let line = match a.correct {
                    Some(c) if a.is_right() => {
                        Line::from(format!("{}{}", text::right(), choices[c])).fg(theme::GOOD)
                    }
                    Some(c) => {
                        Line::from(format!("{}{}", text::wrong(), choices[c])).fg(theme::BAD)
                    }
                    None => Line::from(text::unscored()).fg(theme::BASELINE),
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
            Span::from(format!("{}{tick} ", text::goal()))
                .bold()
                .fg(color),
            Span::from(pick(&goal.text, &goal.text_zh, &goal.text_zh_hant).to_string()),
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

    let debrief = pick_list(&step.debrief, &step.debrief_zh, &step.debrief_zh_hant);
    if !debrief.is_empty() {
        lines.push(Line::from(text::debrief()).bold().fg(theme::ACCENT));
        for q in debrief {
            lines.push(Line::from(format!("• {q}")));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}
