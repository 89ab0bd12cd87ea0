//! Drawing: `impl Widget for &App`. The view borrows the app, never mutates
//! it and never does I/O; each panel is its own small widget.

mod charts;
mod footer;
mod header;
mod kpi;
mod lane;
mod overlay;
mod params;
mod readout;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::App;

pub use params::param_at;

/// The smallest terminal the screen is drawn in.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 20;

/// The colours of the screen, in one place.
pub(crate) mod theme {
    use ratatui::style::Color;
    /// Ghost curves of the baseline.
    pub const BASELINE: Color = Color::DarkGray;
    /// Ghost curves of the previous run.
    pub const PREVIOUS: Color = Color::Indexed(60);
    /// Event markers.
    pub const EVENT: Color = Color::Magenta;
    /// The time cursor.
    pub const CURSOR: Color = Color::White;
    /// Values that differ from the loaded scenario.
    pub const CHANGED: Color = Color::Yellow;
    /// Panel borders.
    pub const BORDER: Color = Color::Gray;
    /// Better than baseline.
    pub const GOOD: Color = Color::Green;
    /// Worse than baseline.
    pub const BAD: Color = Color::Red;
    /// Highlight (selection, titles).
    pub const ACCENT: Color = Color::Cyan;
}

/// Where each panel goes on a screen of a given size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    /// The one-line header.
    pub header: Rect,
    /// The KPI strip.
    pub kpi: Rect,
    /// The parameter sliders.
    pub params: Rect,
    /// The selected parameter's help (tall screens only).
    pub detail: Option<Rect>,
    /// The list of changed parameters (tall screens only).
    pub changed: Option<Rect>,
    /// The chart cells: four on wide screens, one on narrow ones.
    pub charts: [Option<Rect>; 4],
    /// The time cursor readout.
    pub readout: Rect,
    /// The feedback lane.
    pub lane: Rect,
    /// The status / hint line.
    pub footer: Rect,
}

/// Lays the screen out; `None` when it is below the minimum size.
pub fn layout(area: Rect, app: &App) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let tall = area.height >= 30;
    let kpi_h = if tall { 4 } else { 2 };
    let [header, kpi, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(kpi_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let left_w = if area.width >= 110 {
        46
    } else if area.width >= 90 {
        38
    } else {
        30
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(body);

    let (params, detail, changed) = if tall {
        let n = app.changed().len() as u16;
        let [p, d, c] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(n.clamp(1, 5) + 2),
        ])
        .areas(left);
        (p, Some(d), Some(c))
    } else {
        (left, None, None)
    };

    let readout_h = if tall { 5 } else { 4 };
    let [chart_area, readout, lane] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(readout_h),
        Constraint::Length(3),
    ])
    .areas(right);
    let mut charts = [None; 4];
    if right.width >= 70 && chart_area.height >= 16 {
        let rows = Layout::vertical([Constraint::Ratio(1, 2); 2]).split(chart_area);
        for (r, row) in rows.iter().enumerate() {
            let cols = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(*row);
            for (c, cell) in cols.iter().enumerate() {
                charts[r * 2 + c] = Some(*cell);
            }
        }
    } else {
        charts[app.chart] = Some(chart_area);
    }
    Some(Areas {
        header,
        kpi,
        params,
        detail,
        changed,
        charts,
        readout,
        lane,
        footer,
    })
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = layout(area, self) else {
            too_small(area, buf);
            return;
        };
        header::render(self, areas.header, buf);
        kpi::render(self, areas.kpi, buf);
        params::render(self, areas.params, buf, areas.detail.is_none());
        if let Some(a) = areas.detail {
            params::render_detail(self, a, buf);
        }
        if let Some(a) = areas.changed {
            params::render_changed(self, a, buf);
        }
        for (i, a) in areas.charts.iter().enumerate() {
            if let Some(a) = a {
                charts::render(self, i, *a, buf);
            }
        }
        readout::render(self, areas.readout, buf);
        lane::render(self, areas.lane, buf);
        footer::render(self, areas.footer, buf);
        overlay::render(self, area, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{})",
        area.width, area.height
    );
    let y = area.y + area.height / 2;
    let line = Line::from(msg)
        .style(Style::new().fg(Color::Yellow))
        .centered();
    Paragraph::new(line).bold().render(
        Rect {
            y,
            height: 1.min(area.height),
            ..area
        },
        buf,
    );
}
