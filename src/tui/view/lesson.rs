//! The lesson panel: the current step's title and text, the sliders it
//! unlocks, its prediction (answered or not), its goal with a live tick,
//! and the debrief questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme;
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
    let mut lines = vec![Line::from(pick(&step.text, &step.text_zh).to_string())];
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
            Span::from(pick(&p.question, &p.question_zh).to_string()),
        ]));
        let answer = state.answer();
        let highlighted = match app.mode() {
            Mode::Predict { choice } => Some(*choice),
            _ => None,
        };
        let choices = pick_list(&p.choices, &p.choices_zh);
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
            Span::from(pick(&goal.text, &goal.text_zh).to_string()),
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
                Span::from(c.text.clone()).fg(theme::BASELINE),
            ]));
        }
    }

    // A prediction's debrief questions would give its answer away: they
    // show once it is answered.
    let asked = step.predict.is_none() || state.answer().is_some();
    let debrief = pick_list(&step.debrief, &step.debrief_zh);
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
    let title = text::title(
        state.step + 1,
        lesson.steps.len(),
        pick(&step.title, &step.title_zh),
    );
    let pending = step
        .predict
        .as_ref()
        .filter(|_| state.answer().is_none())
        .map(|p| p.choices.len());
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

/// A styled line wrapped at word boundaries (and between wide characters)
/// to at most `width` display columns; a word longer than the width is cut
/// across lines.
fn wrap(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    // Units: a run of spaces, a word, or one wide character (text, style, kind).
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Space,
        Word,
        Wide,
    }
    let mut units: Vec<(String, Style, Kind)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let kind = if c == ' ' {
                Kind::Space
            } else if c.width().unwrap_or(0) > 1 {
                Kind::Wide
            } else {
                Kind::Word
            };
            match units.last_mut() {
                Some((t, st, k)) if *k == kind && kind != Kind::Wide && *st == style => t.push(c),
                _ => units.push((c.to_string(), style, kind)),
            }
        }
    }
    let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style, kind) in units {
        let w = text.width();
        if kind == Kind::Space {
            if used > 0 && used + w <= width {
                if let Some(l) = out.last_mut() {
                    l.push(Span::styled(text, style));
                }
                used += w;
            } else if used > 0 {
                out.push(Vec::new());
                used = 0;
            }
            continue;
        }
        if used + w > width && used > 0 {
            trim_end(out.last_mut());
            out.push(Vec::new());
            used = 0;
        }
        let mut rest = text;
        while rest.width() > width {
            let mut cut = String::new();
            let mut cw = 0;
            let mut chars = rest.chars();
            for c in chars.by_ref() {
                let w = c.width().unwrap_or(0);
                if cw + w > width {
                    break;
                }
                cut.push(c);
                cw += w;
            }
            let n = cut.chars().count();
            rest = rest.chars().skip(n).collect();
            if let Some(l) = out.last_mut() {
                l.push(Span::styled(cut, style));
            }
            out.push(Vec::new());
        }
        used += rest.width();
        if let Some(l) = out.last_mut() {
            l.push(Span::styled(rest, style));
        }
    }
    trim_end(out.last_mut());
    if out.len() > 1 && out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.into_iter().map(Line::from).collect()
}

fn trim_end(line: Option<&mut Vec<Span<'static>>>) {
    if let Some(l) = line {
        while l.last().is_some_and(|s| s.content.trim().is_empty()) {
            l.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn lines_wrap_at_words_and_fit() {
        let l = Line::from("the quick brown fox jumps over the lazy dog");
        let w = wrap(&l, 10);
        assert_eq!(
            texts(&w),
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        for l in &w {
            assert!(l.width() <= 10);
        }
        // Chinese breaks between characters; a long word is cut.
        let zh = wrap(&Line::from("反馈从26周缩短到4周"), 8);
        assert!(zh.iter().all(|l| l.width() <= 8), "{:?}", texts(&zh));
        assert_eq!(texts(&zh).concat(), "反馈从26周缩短到4周");
        let long = wrap(&Line::from("abcdefghijkl"), 5);
        assert_eq!(texts(&long), ["abcde", "fghij", "kl"]);
        assert_eq!(texts(&wrap(&Line::from(""), 5)), [""]);
    }
}
