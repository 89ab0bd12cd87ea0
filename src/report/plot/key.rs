//! The key of a session's decisions, beneath the panels: each period at
//! which the team changed course is a numbered tag on the panels, and here
//! that number says when and what changed. Laid out in a grid of equal
//! columns, cut to fit, so no text covers another or runs off the picture.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::layout::{Rect, fit_width, text_width};
use super::{DrawResult, Fonts, boxed};
use crate::i18n::{tr, trf};
use crate::model::ParamSpec;
use crate::play::game::Decision;

/// The teal of the decisions, on the panels and in the key.
pub(super) const TEAL: RGBColor = RGBColor(0, 120, 120);
/// The font sizes tried for the key, largest first.
const SIZES: [f64; 4] = [18.0, 16.0, 15.0, 14.0];

/// The decisions taken at each period, worded for the key:
/// `(12, "Price 100 → 117, R&D share 0.1 → 0.08")`.
pub(super) fn decision_notes(decisions: &[Decision]) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    for d in decisions {
        let spec = ParamSpec::of(d.key);
        let text = format!(
            "{} {} → {}",
            tr(spec.label),
            crate::model::fmt_num(d.old),
            crate::model::fmt_num(d.new)
        );
        match out.iter_mut().find(|(p, _)| *p == d.period) {
            Some((_, t)) => {
                t.push_str(", ");
                t.push_str(&text);
            }
            None => out.push((d.period, text)),
        }
    }
    out
}

/// The key's texts: `1  week 12: Price 100 → 117`, numbered as the tags.
pub(super) fn key_texts(notes: &[(u32, String)], period_label: &str) -> Vec<String> {
    notes
        .iter()
        .enumerate()
        .map(|(i, (at, note))| {
            let when = crate::format::period_at(period_label, at);
            format!("{}  {}", i + 1, trf("{}: {}", &[&when, &note]))
        })
        .collect()
}

/// The key placed in its strip: the font size, the strip's height and each
/// text's box (cut to its column), under a line for the heading.
pub(super) struct Key {
    /// The font size.
    pub size: f64,
    /// The strip's height.
    pub height: f64,
    /// Each text and its box, top-left at (0, 0).
    pub cells: Vec<(String, Rect)>,
}

/// Lays out the key's `texts` in a strip `width` pixels wide and at most
/// `max_height` tall, at the largest font at which all fit, in equal columns
/// row by row. When even the smallest font cannot show every text, the last
/// shown says how many more there are.
pub(super) fn key_layout(texts: &[String], width: f64, max_height: f64) -> Key {
    let pad = 10.0;
    let gap = 28.0;
    for (k, &size) in SIZES.iter().enumerate() {
        let line = (size * 1.45).round();
        let widest = texts
            .iter()
            .map(|t| text_width(t, size))
            .fold(0.0, f64::max);
        let col = (widest + gap).min(width);
        let cols = ((width / col).floor() as usize).max(1);
        let col = width / cols as f64;
        // One line for the heading, then the grid.
        let rows_room = (((max_height - 2.0 * pad) / line).floor() as usize)
            .saturating_sub(1)
            .max(1);
        let rows = texts.len().div_ceil(cols);
        let last = k + 1 == SIZES.len();
        if rows > rows_room && !last {
            continue;
        }
        let shown = texts.len().min(rows_room * cols);
        let mut cells: Vec<(String, Rect)> = Vec::new();
        for (i, t) in texts.iter().take(shown).enumerate() {
            let text = if i + 1 == shown && shown < texts.len() {
                trf("and {} more", &[&(texts.len() - shown + 1)])
            } else {
                t.clone()
            };
            let (r, c) = (i / cols, i % cols);
            let text = fit_width(&text, size, col - gap);
            cells.push((
                text.clone(),
                Rect {
                    x: c as f64 * col,
                    y: pad + (r + 1) as f64 * line,
                    w: text_width(&text, size),
                    h: line,
                },
            ));
        }
        let used = rows.min(rows_room);
        return Key {
            size,
            height: 2.0 * pad + (used + 1) as f64 * line,
            cells,
        };
    }
    unreachable!("the last size always lays the key out")
}

/// Draws the key in `area` (a strip beneath the panels).
pub(super) fn draw_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    key: &Key,
    count: usize,
    fonts: Fonts,
) -> DrawResult<()> {
    let margin = 20;
    area.draw(&PathElement::new(
        vec![(margin, 2), (area.dim_in_pixel().0 as i32 - margin, 2)],
        RGBColor(210, 210, 210).stroke_width(1),
    ))
    .map_err(boxed)?;
    let heading = trf("Decisions ({})", &[&count]);
    area.draw(&Text::new(
        heading.clone(),
        (margin, 10),
        (fonts.pick(&heading), key.size, FontStyle::Bold)
            .into_font()
            .color(&TEAL),
    ))
    .map_err(boxed)?;
    for (text, b) in &key.cells {
        area.draw(&Text::new(
            text.clone(),
            (margin + b.x.round() as i32, b.y.round() as i32),
            (fonts.pick(text), key.size).into_font().color(&BLACK),
        ))
        .map_err(boxed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "{}  week {}: Price 100 → {}, R&D share 0.1 → 0.08",
                    i + 1,
                    i * 3,
                    100 + i
                )
            })
            .collect()
    }

    fn assert_apart(key: &Key, width: f64) {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: key.height,
        };
        for (i, (_, a)) in key.cells.iter().enumerate() {
            assert!(a.inside(&area), "{a:?} outside {area:?}");
            for (_, b) in &key.cells[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} covers {b:?}");
            }
        }
    }

    #[test]
    fn a_few_decisions_get_a_large_font_and_every_text() {
        let key = key_layout(&texts(5), 1560.0, 220.0);
        assert_eq!(key.size, 18.0);
        assert_eq!(key.cells.len(), 5);
        assert!(key.cells.iter().all(|(t, _)| !t.ends_with('…')));
        assert!(key.height <= 220.0);
        assert_apart(&key, 1560.0);
    }

    #[test]
    fn many_decisions_shrink_then_say_how_many_more() {
        let key = key_layout(&texts(200), 1560.0, 220.0);
        assert_eq!(key.size, 14.0);
        assert!(key.height <= 220.0, "{}", key.height);
        let last = &key.cells.last().unwrap().0;
        assert!(
            last.starts_with("and ") && last.ends_with(" more"),
            "{last}"
        );
        let shown = key.cells.len() - 1;
        assert_eq!(last, &format!("and {} more", 200 - shown));
        assert_apart(&key, 1560.0);
    }

    #[test]
    fn a_long_text_is_cut_to_the_strip() {
        let long = vec!["1  week 0: ".to_string() + &"Price 100 → 117, ".repeat(40)];
        let key = key_layout(&long, 800.0, 220.0);
        assert!(key.cells[0].0.ends_with('…'));
        assert_apart(&key, 800.0);
    }

    #[test]
    fn a_session_slide_numbers_crowded_decisions_and_keys_them_beneath() {
        use crate::i18n::{Lang, with_lang};
        use crate::model::{ParamId, simulate};
        let scenario = crate::scenario::resolve("balanced").expect("the preset");
        let series = simulate(&scenario.config);
        // Twelve price changes in twelve weeks: their notes would pile up.
        let decisions: Vec<Decision> = (0..12)
            .map(|w| Decision {
                period: w,
                key: ParamId::Price,
                old: 100.0 + f64::from(w),
                new: 101.0 + f64::from(w),
            })
            .collect();
        let input = super::super::PlotInput {
            scenario: &scenario,
            series: &series,
            baseline: None,
            bands: None,
            title: None,
            decisions: &decisions,
            actuals: None,
        };
        let svg = with_lang(Lang::En, || super::super::to_svg(&input)).unwrap();
        assert!(svg.contains("Decisions (12)"), "the key's heading");
        for w in 0..12 {
            let line = format!("{}  week {w}: Price {} → {}", w + 1, 100 + w, 101 + w);
            assert!(svg.contains(&line), "{line} missing from the key");
        }
        // Each panel tags every decision with its number, in a box.
        let twelve = svg.matches("\n12\n").count();
        assert!(twelve >= 4, "tag 12 drawn {twelve} times");
        let zh = with_lang(Lang::ZhHant, || super::super::to_svg(&input)).unwrap();
        assert!(
            zh.contains("決策（12）") && zh.contains("第 3 週：價格 103 → 104"),
            "zh-Hant key"
        );
    }
}
