//! The loop strip under the charts: period by period, which loop drives
//! growth (from [`loop_strengths`](crate::model::loop_strengths)), scaled to
//! the width, with quiet and mixed periods shown apart and a legend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::model::loops::QUIET_SHARE as LOOP_QUIET_SHARE;
use crate::model::{Loop, LoopStrengths};

/// The strip's words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::tr;

    pub fn label() -> &'static str {
        tr(" Driving ")
    }
    pub fn mixed() -> &'static str {
        tr("mixed")
    }
    pub fn quiet() -> &'static str {
        tr("quiet")
    }
    pub fn hidden() -> &'static str {
        tr("predict first: the loops show with the curves")
    }
    /// Short names of the loops, in `Loop::ALL` order, for narrow legends.
    pub fn short() -> [&'static str; 6] {
        [
            tr("mouth"),
            tr("sales"),
            tr("feedback"),
            tr("saturation"),
            tr("churn"),
            tr("cash"),
        ]
    }
}

/// What drove a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// One loop dominated.
    Loop(Loop),
    /// Loops were active but none led clearly.
    Mixed,
    /// Too little happened to name a loop.
    Quiet,
}

/// The class of one period, from its loop strengths and its customers.
pub fn classify(ls: &LoopStrengths, customers: f64) -> Class {
    match ls.dominant {
        Some(l) => Class::Loop(l),
        None => {
            let total: f64 = ls.values.iter().map(|v| v.abs()).sum();
            if total < LOOP_QUIET_SHARE * customers + 1.0 {
                Class::Quiet
            } else {
                Class::Mixed
            }
        }
    }
}

/// `width` cells over `periods` periods: each cell holds the most common
/// class of the periods it covers; periods not yet known (`classes` shorter
/// than `periods`) give `None`.
pub fn cells(classes: &[Class], periods: usize, width: usize) -> Vec<Option<Class>> {
    (0..width)
        .map(|i| {
            let from = i * periods / width.max(1);
            let to = ((i + 1) * periods / width.max(1)).max(from + 1);
            let known = classes.get(from..to.min(classes.len()))?;
            if known.is_empty() {
                return None;
            }
            let mut best = (0, known[0]);
            for c in known {
                let n = known.iter().filter(|x| *x == c).count();
                if n > best.0 {
                    best = (n, *c);
                }
            }
            Some(best.1)
        })
        .collect()
}

/// The letter and colour of a class.
fn look(c: Class) -> (&'static str, Color) {
    match c {
        Class::Loop(Loop::WordOfMouth) => ("W", Color::Green),
        Class::Loop(Loop::SalesReach) => ("S", Color::Blue),
        Class::Loop(Loop::Feedback) => ("F", Color::Magenta),
        Class::Loop(Loop::Saturation) => ("m", Color::Yellow),
        Class::Loop(Loop::Churn) => ("c", Color::Red),
        Class::Loop(Loop::Cash) => ("$", Color::LightRed),
        Class::Mixed => ("~", Color::Gray),
        Class::Quiet => ("·", Color::DarkGray),
    }
}

/// The strip's input: each known period's class, the horizon, the cursor.
pub(super) struct StripInput {
    pub classes: Vec<Class>,
    pub periods: usize,
    pub cursor: Option<u32>,
    pub hidden: bool,
}

impl StripInput {
    pub fn new(loops: &[LoopStrengths], customers: impl Iterator<Item = f64>) -> Self {
        let classes = loops
            .iter()
            .zip(customers)
            .map(|(l, c)| classify(l, c))
            .collect();
        StripInput {
            classes,
            periods: 0,
            cursor: None,
            hidden: false,
        }
    }
}

pub(super) fn render(input: &StripInput, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let label = Span::from(text::label()).bold();
    let room = usize::from(area.width).saturating_sub(label.width() + 1);
    let mut spans = vec![label];
    if input.hidden {
        spans.push(Span::from(text::hidden()).fg(theme::BASELINE).italic());
    } else {
        let cells = cells(&input.classes, input.periods.max(1), room);
        let cursor_cell = input
            .cursor
            .map(|t| (t as usize * room / input.periods.max(1)).min(room.saturating_sub(1)));
        for (i, c) in cells.iter().enumerate() {
            let mut span = match c {
                Some(c) => {
                    let (letter, color) = look(*c);
                    Span::styled(letter, Style::new().fg(Color::Black).bg(color))
                }
                None => Span::styled(" ", Style::new().bg(Color::Indexed(236))),
            };
            if cursor_cell == Some(i) {
                span = span.underlined().bold();
            }
            spans.push(span);
        }
    }
    Paragraph::new(Line::from(spans)).render(Rect { height: 1, ..area }, buf);
    if area.height < 2 {
        return;
    }
    let mut legend = vec![Span::from(" ")];
    let entries: Vec<(Class, &str, &str)> = Loop::ALL
        .iter()
        .zip(text::short())
        .map(|(l, short)| (Class::Loop(*l), crate::i18n::tr(l.name()), short))
        .chain([
            (Class::Mixed, text::mixed(), text::mixed()),
            (Class::Quiet, text::quiet(), text::quiet()),
        ])
        .collect();
    let long: usize = entries
        .iter()
        .map(|e| unicode_width::UnicodeWidthStr::width(e.1) + 4)
        .sum();
    let fits = long < usize::from(area.width);
    let mut used = 1;
    for (c, name, short) in entries {
        let (letter, color) = look(c);
        let (name, gap) = if fits { (name, "  ") } else { (short, " ") };
        // An entry that does not fit whole is left out, not cut.
        let w = unicode_width::UnicodeWidthStr::width(name);
        if used + 2 + w > usize::from(area.width) {
            break;
        }
        used += 2 + w + gap.len();
        legend.push(Span::styled(
            letter,
            Style::new().fg(Color::Black).bg(color),
        ));
        legend.push(Span::from(format!(" {name}{gap}")).fg(theme::BASELINE));
    }
    Paragraph::new(Line::from(legend)).render(
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
        buf,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_and_mixed_are_told_apart() {
        let quiet = LoopStrengths::default();
        assert_eq!(classify(&quiet, 100.0), Class::Quiet);
        let mixed = LoopStrengths {
            values: [30.0, 30.0, 30.0, 0.0, 0.0, 0.0],
            dominant: None,
        };
        assert_eq!(classify(&mixed, 100.0), Class::Mixed);
        let wom = LoopStrengths {
            dominant: Some(Loop::WordOfMouth),
            ..mixed
        };
        assert_eq!(classify(&wom, 100.0), Class::Loop(Loop::WordOfMouth));
    }

    #[test]
    fn cells_take_the_most_common_class_and_leave_the_unknown_blank() {
        let w = Class::Loop(Loop::WordOfMouth);
        let m = Class::Loop(Loop::Saturation);
        let classes = [w, w, m, m, m, Class::Quiet];
        // Two cells over six periods: three each.
        assert_eq!(cells(&classes, 6, 2), vec![Some(w), Some(m)]);
        // Wider than the run: periods repeat.
        assert_eq!(cells(&classes[..2], 2, 4), vec![Some(w); 4]);
        // Periods not yet played stay blank.
        assert_eq!(cells(&classes[..3], 6, 3), vec![Some(w), Some(m), None]);
    }
}
