//! Where the labels of a picture go, as pure functions of their text and
//! the room they have: a text's width at a font size, text cut or wrapped to
//! a width, and labels over markers stacked in rows so that none covers
//! another. The pictures draw what these return; the tests check it.

use unicode_width::UnicodeWidthChar;

/// A box in pixels: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

#[cfg(test)]
impl Rect {
    /// Whether two boxes share any area (touching edges do not).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    /// Whether `self` lies inside `outer` (edges included).
    pub fn inside(&self, outer: &Rect) -> bool {
        self.x >= outer.x - 1e-9
            && self.y >= outer.y - 1e-9
            && self.x + self.w <= outer.x + outer.w + 1e-9
            && self.y + self.h <= outer.y + outer.h + 1e-9
    }
}

/// A character's advance in ems, a little generous: DejaVu Sans and the CJK
/// fonts are narrower, so a text never runs past the width measured here.
fn em(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | 'i' | 'j' | 'l' | '(' | ')' => 0.38,
        _ if c.width() == Some(2) => 1.02,
        _ if c.is_ascii_uppercase() || c == 'm' || c == 'w' || c == '$' => 0.8,
        _ => 0.64,
    }
}

/// The pixels of an em per unit of a plotters font size: plotters draws a
/// font of size `s` with an em of `s / 1.24` pixels.
const EM_PER_SIZE: f64 = 1.0 / 1.24;

/// The width in pixels of `text` drawn at plotters font size `size`.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * size * EM_PER_SIZE
}

/// `text` cut to at most `max` pixels wide at `size`, ending in `…` when cut.
pub(crate) fn fit_width(text: &str, size: f64, max: f64) -> String {
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let room = max - text_width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = em(c) * size * EM_PER_SIZE;
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    let out = out.trim_end().to_string();
    format!("{out}…")
}

/// `text` wrapped into lines at most `max` pixels wide at `size`, by the
/// Unicode line-breaking rules the screens use ([`crate::format::wrap`]):
/// English breaks at spaces, Chinese between characters, never before a
/// closing mark nor after an opening one, a number kept with its unit; a
/// word wider than a line is cut.
pub(crate) fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    crate::format::wrap::ranges(text, |_| max, |s| text_width(s, size))
        .into_iter()
        .map(|r| fit_width(&text[r], size, max))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Labels over markers, each `(centre, width)` in pixels along one axis,
/// placed between `lo` and `hi`: each label is centred on its marker where
/// it fits (else pushed inside), and takes the first row in which it keeps
/// `gap` pixels from the labels already there. Returns each label's left
/// edge and row, in the order given.
pub(crate) fn stack(labels: &[(f64, f64)], lo: f64, hi: f64, gap: f64) -> Vec<(f64, usize)> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].0.total_cmp(&labels[b].0));
    // The right edge of the last label in each row.
    let mut ends: Vec<f64> = Vec::new();
    let mut out = vec![(0.0, 0); labels.len()];
    for i in order {
        let (centre, width) = labels[i];
        let left = (centre - width / 2.0).min(hi - width).max(lo);
        let row = match ends.iter().position(|&end| end + gap <= left) {
            Some(r) => r,
            None => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
        };
        ends[row] = left + width;
        out[i] = (left, row);
    }
    out
}

/// Which edge of an area stacked labels grow from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    /// The first row at the top, the next below it.
    Top,
    /// The first row at the bottom, the next above it.
    Bottom,
}

/// Labels of height `h` for markers along the x axis of `area`, each
/// `(anchor, width)` in pixels, in rows from `edge`: a label starts at its
/// marker (`centred`: is centred on it) unless that would pass the area's
/// side, and none covers another. Rows past the area's height wrap to the
/// first row again (only when more than a full area of labels are crowded
/// onto one spot). Returns each label's box, in the order given.
pub(crate) fn label_boxes(
    labels: &[(f64, f64)],
    area: &Rect,
    h: f64,
    edge: Edge,
    centred: bool,
) -> Vec<Rect> {
    let spans: Vec<(f64, f64)> = labels
        .iter()
        .map(|&(at, w)| {
            let w = w.min(area.w);
            (if centred { at } else { at + w / 2.0 }, w)
        })
        .collect();
    let rows = ((area.h / h).floor() as usize).max(1);
    stack(&spans, area.x, area.x + area.w, 4.0)
        .into_iter()
        .zip(&spans)
        .map(|((x, row), &(_, w))| {
            let row = (row % rows) as f64;
            let y = match edge {
                Edge::Top => area.y + row * h,
                Edge::Bottom => area.y + area.h - (row + 1.0) * h,
            };
            Rect { x, y, w, h }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_texts_measure_wider_and_chinese_counts_double() {
        assert!(text_width("Profit", 20.0) > text_width("Pro", 20.0));
        assert!(text_width("现金", 20.0) > text_width("ab", 20.0) * 1.4);
        assert!((text_width("ab", 40.0) - 2.0 * text_width("ab", 20.0)).abs() < 1e-9);
    }

    #[test]
    fn a_text_is_cut_to_its_width_with_an_ellipsis() {
        let cut = fit_width("A very long team name indeed", 20.0, 150.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 20.0) <= 150.0, "{cut}");
        assert_eq!(fit_width("Short", 20.0, 150.0), "Short");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Dashed lines are drawn over the teams' lines, so both show";
        let lines = wrap(text, 20.0, 200.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 20.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), text);
        let zh = wrap(
            "虚线是参照线，画在各队的线之上，两者都看得见。",
            20.0,
            130.0,
        );
        assert!(zh.len() > 1, "{zh:?}");
        assert!(zh.iter().all(|l| text_width(l, 20.0) <= 130.0), "{zh:?}");
        assert!(
            zh.iter()
                .all(|l| !l.starts_with(crate::format::wrap::closes)),
            "{zh:?}"
        );
        assert_eq!(
            zh.concat(),
            "虚线是参照线，画在各队的线之上，两者都看得见。"
        );
    }

    #[test]
    fn stacked_labels_never_overlap_and_stay_inside() {
        // Twelve labels crowded around a few points, some at the edges.
        let labels: Vec<(f64, f64)> = (0..12)
            .map(|i| {
                (
                    f64::from(i % 4) * 30.0 + if i > 8 { 590.0 } else { 5.0 },
                    40.0 + f64::from(i),
                )
            })
            .collect();
        let placed = stack(&labels, 0.0, 600.0, 6.0);
        let boxes: Vec<Rect> = placed
            .iter()
            .zip(&labels)
            .map(|(&(x, row), &(_, w))| Rect {
                x,
                y: row as f64 * 20.0,
                w,
                h: 20.0,
            })
            .collect();
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: 600.0,
            h: 1e6,
        };
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.inside(&area), "{a:?}");
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} covers {b:?}");
            }
        }
        assert!(placed.iter().any(|p| p.1 > 0), "crowded labels take rows");
        // Labels far apart share the first row, centred on their markers.
        let apart = stack(&[(100.0, 20.0), (300.0, 20.0)], 0.0, 600.0, 6.0);
        assert_eq!(apart, vec![(90.0, 0), (290.0, 0)]);
    }

    #[test]
    fn labels_from_an_edge_stay_inside_and_apart() {
        let area = Rect {
            x: 50.0,
            y: 20.0,
            w: 500.0,
            h: 300.0,
        };
        let labels: Vec<(f64, f64)> = (0..30).map(|i| (50.0 + f64::from(i) * 9.0, 24.0)).collect();
        for edge in [Edge::Top, Edge::Bottom] {
            for centred in [true, false] {
                let boxes = label_boxes(&labels, &area, 22.0, edge, centred);
                for (i, a) in boxes.iter().enumerate() {
                    assert!(a.inside(&area), "{a:?}");
                    for b in &boxes[i + 1..] {
                        assert!(!a.overlaps(b), "{a:?} covers {b:?}");
                    }
                }
                let first = boxes[0];
                match edge {
                    Edge::Top => assert_eq!(first.y, 20.0),
                    Edge::Bottom => assert_eq!(first.y + first.h, 320.0),
                }
            }
        }
        // A note wider than the area is given the area's width.
        let wide = label_boxes(&[(400.0, 900.0)], &area, 22.0, Edge::Top, false);
        assert_eq!(wide[0].x, 50.0);
        assert_eq!(wide[0].w, 500.0);
    }
}
