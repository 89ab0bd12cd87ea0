//! Drawing: `impl Widget for &App`. The view borrows the app, never mutates
//! it and never does I/O; each panel is its own small widget.

mod briefing;
pub mod charts;
mod debrief;
mod flywheel;
mod footer;
mod header;
mod kpi;
mod lane;
mod lesson;
mod overlay;
mod params;
pub mod play;
mod popup;
mod readout;
mod refit;
pub mod strip;
mod suggest;
pub(crate) mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, View};
use flywheel::FlywheelInput;
use strip::StripInput;

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
    /// Now: where the past ends when deciding from today.
    pub const NOW: Color = Color::LightYellow;
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
    /// Monte Carlo band, 5th to 95th percentile.
    pub const BAND_OUTER: Color = Color::Indexed(237);
    /// Monte Carlo band, 25th to 75th percentile.
    pub const BAND_INNER: Color = Color::Indexed(242);
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
    /// The lesson panel, when the scenario has lesson steps.
    pub lesson: Option<Rect>,
    /// The whole chart area (the flywheel view draws here).
    pub main: Rect,
    /// The chart cells: four on wide screens, one on narrow ones.
    pub charts: [Option<Rect>; 4],
    /// The strip of which loop drives growth.
    pub strip: Rect,
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
    // A short screen with a history gives the fit its own row.
    let kpi_h = match (tall, app.actuals().is_some()) {
        (true, _) => 4,
        (false, true) => 3,
        (false, false) => 2,
    };
    let [header, kpi, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(kpi_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let left_w = if area.width >= 110 {
        46
    } else if app.lesson().is_some() {
        // A lesson needs room for its text, its choices and its goal.
        40
    } else if area.width >= 90 {
        38
    } else {
        30
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(body);

    let (params, detail, changed, lesson) = if app.lesson().is_some() {
        // The lesson gets the rows its text needs; the sliders the rest.
        let need = lesson::height(app, left.width);
        let params_h = match params::lesson_rows(app) {
            // At least one slider row; the panel scrolls with the selection.
            Some(rows) => rows.min(left.height.saturating_sub(need).max(rows.min(3))),
            None => left.height - need.min(left.height.saturating_sub(3)),
        };
        let [l, p] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(params_h)]).areas(left);
        (p, None, None, Some(l))
    } else if tall {
        let n = app.changed().len() as u16;
        let [p, d, c] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(n.clamp(1, 5) + 2),
        ])
        .areas(left);
        (p, Some(d), Some(c), None)
    } else {
        (left, None, None, None)
    };

    let readout_h = if tall { 5 } else { 4 };
    let strip_h = if tall { 2 } else { 1 };
    let [chart_area, strip, readout, lane] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(strip_h),
        Constraint::Length(readout_h),
        Constraint::Length(3),
    ])
    .areas(right);
    let charts = if app.view() == View::Flywheel {
        [None; 4]
    } else {
        chart_grid(chart_area, app.chart)
    };
    Some(Areas {
        header,
        kpi,
        params,
        detail,
        changed,
        lesson,
        main: chart_area,
        charts,
        strip,
        readout,
        lane,
        footer,
    })
}

/// The chart cells of an area: a 2x2 grid when it is big enough, else only
/// the chart `focused` (Tab cycles).
pub(crate) fn chart_grid(area: Rect, focused: usize) -> [Option<Rect>; 4] {
    let mut charts = [None; 4];
    if area.width >= 70 && area.height >= 16 {
        let rows = Layout::vertical([Constraint::Ratio(1, 2); 2]).split(area);
        for (r, row) in rows.iter().enumerate() {
            let cols = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(*row);
            for (c, cell) in cols.iter().enumerate() {
                charts[r * 2 + c] = Some(*cell);
            }
        }
    } else {
        charts[focused.min(3)] = Some(area);
    }
    charts
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(p) = self.play_state() {
            play::render(self, p, area, buf);
            overlay::render(self, area, buf);
            return;
        }
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
        if let Some(a) = areas.lesson {
            lesson::render(self, a, buf);
        }
        let hidden = self.curves_hidden();
        if self.view() == View::Flywheel {
            let input = FlywheelInput {
                rows: &self.series.rows,
                loops: self.loops(),
                t: self.cursor() as usize,
                period_label: &self.scenario.period_label,
                hidden,
                focused: true,
            };
            flywheel::render(&input, areas.main, buf);
        } else {
            let input = charts::explore_input(self);
            for (i, a) in areas.charts.iter().enumerate() {
                if let Some(a) = a {
                    charts::render(&input, i, *a, buf);
                }
            }
        }
        let mut strip_input =
            StripInput::new(self.loops(), self.series.rows.iter().map(|r| r.customers));
        strip_input.periods = self.series.rows.len();
        strip_input.cursor = Some(self.cursor());
        strip_input.hidden = hidden;
        strip::render(&strip_input, areas.strip, buf);
        readout::render(self, areas.readout, buf);
        lane::render(self, areas.lane, buf);
        footer::render(self, areas.footer, buf);
        overlay::render(self, area, buf);
    }
}

pub(super) fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = crate::i18n::trf(
        "terminal too small: need {}x{} (now {}x{})",
        &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
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
