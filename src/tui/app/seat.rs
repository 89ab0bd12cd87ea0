//! What one screen of a shared app owns. In a class, a team's laptops
//! share its game (the scenario, the runs, the decisions, the lesson's
//! step) but each has its own seat: the parameter selected, the chart and
//! view in front of it, the overlay open and what is typed in it, the
//! help's scroll and its status line. A seat is swapped into the app while
//! its screen acts or is drawn, and out again.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{App, Mode, Status, View};

/// One screen's own state.
#[derive(Debug, Clone)]
pub struct Seat {
    selected: usize,
    /// The decision selected in play.
    decision: usize,
    /// The seat at a game played in two (`None`: both).
    role: Option<crate::play::seats::Role>,
    chart: usize,
    view: View,
    mode: Mode,
    help_scroll: u16,
    status: Option<Status>,
    /// Whether the seat is in the app (and holds the app's own state meanwhile).
    seated: bool,
}

/// Orders statuses: a seat shows the app's own status (news, a job's
/// result) when it is newer than the seat's.
static SEQ: AtomicU64 = AtomicU64::new(1);

/// The next status's place in that order.
pub(super) fn next_seq() -> u64 {
    SEQ.fetch_add(1, Ordering::Relaxed)
}

impl Seat {
    /// Takes a seat at a game played in two: its decisions, its view.
    pub fn set_role(&mut self, role: Option<crate::play::seats::Role>) {
        self.role = role;
    }

    /// The seat taken (`None`: both).
    pub fn role(&self) -> Option<crate::play::seats::Role> {
        self.role
    }
}

impl App {
    /// Marks the game as played in two seats (someone joined as a seat).
    pub fn split_seats(&mut self) {
        if let Some(p) = self.program.play_mut() {
            p.seats.split = true;
        }
    }

    /// A seat as the app's screen is now (a second laptop starts where the first is).
    pub fn seat(&self) -> Seat {
        Seat {
            selected: self.selected,
            decision: self.program.play().map_or(0, |p| p.selected),
            role: None,
            chart: self.chart,
            view: self.view,
            mode: Mode::Normal,
            help_scroll: 0,
            status: self.status.clone(),
            seated: false,
        }
    }

    /// Swaps `seat` with the app's screen state: called once before a
    /// screen acts or is drawn, and once after. Swapped in, the seat also
    /// takes the app's own status when that is newer (news, a job's result).
    pub fn swap_seat(&mut self, seat: &mut Seat) {
        std::mem::swap(&mut self.selected, &mut seat.selected);
        if let Some(p) = self.program.play_mut() {
            std::mem::swap(&mut p.selected, &mut seat.decision);
            std::mem::swap(&mut p.role, &mut seat.role);
        }
        std::mem::swap(&mut self.chart, &mut seat.chart);
        std::mem::swap(&mut self.view, &mut seat.view);
        std::mem::swap(&mut self.mode, &mut seat.mode);
        std::mem::swap(&mut self.help_scroll, &mut seat.help_scroll);
        std::mem::swap(&mut self.status, &mut seat.status);
        seat.seated = !seat.seated;
        if seat.seated
            && let Some(own) = &seat.status
            && self.status.as_ref().is_none_or(|s| s.seq < own.seq)
        {
            self.status = Some(own.clone());
        }
    }
}
