//! Labels for the vertical markers of a chart (a scenario's events, a
//! session's decisions), placed by [`label_boxes`] inside the plotting area
//! so that none covers another or runs past the panel.

use plotters::prelude::*;

use super::layout::{Edge, Rect, fit_width, label_boxes, text_width};
use super::{DrawResult, Fonts, boxed};

/// How a row of labels over vertical markers is drawn.
pub(super) struct Tags {
    /// The colour of the text (and of a number's box).
    pub color: RGBColor,
    /// The font size.
    pub size: f64,
    /// Where the first row is.
    pub edge: Edge,
    /// A number in a white box centred on its line (else a note beside it).
    pub framed: bool,
}

type Area<DB> = DrawingArea<
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Labels for vertical markers at periods `x`, placed by [`label_boxes`]
/// inside the plotting area so that none covers another.
pub(super) fn draw_tags<DB: DrawingBackend>(
    area: &Area<DB>,
    labels: &[(f64, String)],
    tags: &Tags,
    fonts: Fonts,
) -> DrawResult<()> {
    if labels.is_empty() {
        return Ok(());
    }
    let (xs, ys) = area.get_pixel_range();
    let room = Rect {
        x: f64::from(xs.start) + 2.0,
        y: f64::from(ys.start) + 4.0,
        w: f64::from(xs.end - xs.start) - 4.0,
        h: f64::from(ys.end - ys.start) - 8.0,
    };
    let y_range = area.get_y_range();
    let pad = 5.0;
    let texts: Vec<String> = labels
        .iter()
        .map(|(_, t)| fit_width(t, tags.size, room.w - 2.0 * pad))
        .collect();
    let anchors: Vec<(f64, f64)> = labels
        .iter()
        .zip(&texts)
        .map(|((x, _), t)| {
            let px = f64::from(area.map_coordinate(&(*x, y_range.start)).0);
            (px, text_width(t, tags.size) + 2.0 * pad)
        })
        .collect();
    let h = (tags.size * 1.5).round();
    let font = fonts.pick_all(texts.iter().map(String::as_str));
    let boxes = label_boxes(&anchors, &room, h, tags.edge, tags.framed);
    for (((x, _), text), b) in labels.iter().zip(&texts).zip(&boxes) {
        let at = (*x, y_range.start);
        let (px, py) = area.map_coordinate(&at);
        let dx = b.x.round() as i32 - px;
        let dy = b.y.round() as i32 - py;
        let (w, hh) = (b.w.round() as i32, b.h.round() as i32);
        // A font's weight is set where it is made (FontDesc::style keeps the glyphs).
        let weight = if tags.framed {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let style = (font, tags.size, weight).into_font().color(&tags.color);
        let text_at = (
            dx + pad as i32,
            dy + ((b.h - tags.size / 1.24) / 2.0).round() as i32,
        );
        if tags.framed {
            area.draw(
                &(EmptyElement::at(at)
                    + Rectangle::new([(dx, dy), (dx + w, dy + hh)], WHITE.filled())
                    + Rectangle::new([(dx, dy), (dx + w, dy + hh)], tags.color.stroke_width(2))
                    + Text::new(text.clone(), text_at, style)),
            )
            .map_err(boxed)?;
        } else {
            area.draw(
                &(EmptyElement::at(at)
                    + Rectangle::new([(dx, dy), (dx + w, dy + hh)], WHITE.mix(0.8).filled())
                    + Text::new(text.clone(), text_at, style)),
            )
            .map_err(boxed)?;
        }
    }
    Ok(())
}
