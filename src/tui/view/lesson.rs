//! The lesson panel: the current step's title and text, the sliders it
//! unlocks, its prediction (answered or not), its goal with a live tick,
//! and the debrief questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use super::wrap::wrap;
use crate::tui::app::{App, Mode};

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
    pub fn more(n: usize) -> String {
        trf("… {} more lines: a taller terminal shows them", &[&n])
    }
    pub fn keys_answer(n: usize) -> String {
        trf(" 1-{} answer, then the curves show ", &[&n])
    }
    pub fn title(n: usize, of: usize, step: &str) -> String {
        trf(" Step {}/{} · {} ", &[&n, &of, &step])
    }
}

/// The panel's lines for a text width: every line wrapped already, so the
/// layout can give the panel exactly the rows it needs.
pub(super) fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let (Some(state), Some(step)) = (app.lesson(), app.lesson_step()) else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(step.text.current().to_string())];
    // The sliders a step unlocks are listed in the parameter panel below;
    // the panel says so only when it lists none or all of them.
    let unlocked = match &step.unlock {
        None => Some(text::all_unlocked()),
        Some(u) if u.is_empty() => Some(text::none_unlocked()),
        Some(_) => None,
    };
    if let Some(u) = unlocked {
        lines.push(Line::from(vec![
            Span::from(text::unlocked()).fg(theme::BASELINE),
            Span::from(u),
        ]));
    }

    if let Some(p) = &step.predict {
        lines.push(Line::from(vec![
            Span::from(text::predict()).bold().fg(theme::CHANGED),
            Span::from(p.question.current().to_string()),
        ]));
        let answer = state.answer();
        let highlighted = match app.mode() {
            Mode::Predict { choice } => Some(*choice),
            _ => None,
        };
        let choices = p.choices.current();
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
            lines.push(Line::styled(format!("{} {c}{marks}", i + 1), style));
        }
        // The marks on the choices say right or wrong; a run that cannot
        // score the answer says so.
        if answer.is_some_and(|a| a.correct.is_none()) {
            lines.push(Line::from(text::unscored()).fg(theme::BASELINE).bold());
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
            Span::from(goal.text.current().to_string()),
        ]));
        for c in &goal.all {
            let ok = c.met(app.summary(), app.loaded_summary());
            let (tick, color) = match ok {
                Some(true) => ("✓", theme::GOOD),
                Some(false) => ("✗", theme::BAD),
                None => ("?", theme::BASELINE),
            };
            lines.push(Line::from(vec![
                Span::from(format!(" {tick} ")).fg(color),
                Span::from(c.words()).fg(theme::BASELINE),
            ]));
        }
    }

    // A prediction's debrief questions would give its answer away: they
    // show once it is answered.
    let asked = step.predict.is_none() || state.answer().is_some();
    let debrief = step.debrief.current();
    if asked && !debrief.is_empty() {
        lines.push(Line::from(text::debrief()).bold().fg(theme::ACCENT));
        for q in debrief {
            lines.push(Line::from(format!("• {q}")));
        }
    }
    lines.iter().flat_map(|l| wrap(l, width)).collect()
}

/// The rows the panel needs at a width, borders included.
pub(super) fn height(app: &App, width: u16) -> u16 {
    let n = lines(app, usize::from(width.saturating_sub(2))).len();
    u16::try_from(n).unwrap_or(u16::MAX).saturating_add(2)
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(state), Some(step)) = (app.lesson(), app.lesson_step()) else {
        return;
    };
    let lesson = &app.scenario().lesson;
    let title = text::title(state.step + 1, lesson.steps.len(), step.title.current());
    let pending = step
        .predict
        .as_ref()
        .filter(|_| state.answer().is_none())
        .map(|p| p.choices.en().len());
    let keys = match pending {
        Some(n) => text::keys_answer(n),
        None => text::keys().to_string(),
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Line::from(title).bold())
        .title_bottom(Line::from(keys).fg(if pending.is_some() {
            theme::CHANGED
        } else {
            theme::BASELINE
        }));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = lines(app, usize::from(inner.width));
    let rows = usize::from(inner.height);
    if lines.len() > rows && rows > 0 {
        // Never cut without saying so.
        let more = lines.len() - rows + 1;
        lines.truncate(rows - 1);
        lines.push(Line::from(text::more(more)).italic().fg(theme::CHANGED));
    }
    Paragraph::new(lines).render(inner, buf);
}
