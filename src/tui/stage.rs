//! The four stages of the flywheel (Insight -> Create -> Deliver -> Capture
//! -> Insight) and which one limits the loop at a period. Pure: rows in, a
//! stage and a reason out; the view words the reason.
//!
//! The rule checks, in order, and the first that holds names the limit:
//!
//! 1. cash at or below zero: **Capture** (no cash, no budgets);
//! 2. at least [`SATURATED`] of the market already won: **Deliver** (few
//!    prospects are left to reach);
//! 3. feedback sent but none arrived yet: **Insight** (still in transit);
//! 4. a feedback latency of [`LATE`] periods or more: **Insight**;
//! 5. product strength below [`WEAK`]: **Create** (a weak product converts
//!    few of the leads it gets);
//! 6. costs above revenue: **Capture** (the loop is paid from savings);
//! 7. otherwise **Deliver**: reach (leads a period, as a share of the
//!    prospects left) is what more growth needs.

use crate::model::Row;

/// A share of the market won from which saturation limits the loop.
pub const SATURATED: f64 = 0.8;
/// A feedback latency (in periods) from which late insight limits the loop.
pub const LATE: f64 = 8.0;
/// A product strength below which a weak product limits the loop.
pub const WEAK: f64 = 0.35;

/// A stage of the flywheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// What the front line hears reaches product as insight.
    Insight,
    /// R&D turns insight into product strength (value created).
    Create,
    /// Word of mouth and sales turn prospects into customers (value delivered).
    Deliver,
    /// Customers pay; revenue funds R&D and sales (value captured).
    Capture,
}

impl Stage {
    /// The stages in loop order.
    pub const ALL: [Stage; 4] = [
        Stage::Insight,
        Stage::Create,
        Stage::Deliver,
        Stage::Capture,
    ];
}

/// Why a stage limits the loop, with the figures the view words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// Cash has been at or below zero since this period.
    CashOut {
        /// The first period of the current stretch without cash.
        since: u32,
    },
    /// This share of the market is already won.
    Saturated {
        /// Customers over the market, 0..1.
        share: f64,
    },
    /// Feedback is on its way but none has arrived.
    NoFeedbackYet {
        /// The latency in periods.
        latency: f64,
    },
    /// Feedback arrives this many periods late.
    Late {
        /// The latency in periods.
        latency: f64,
    },
    /// The product is weak.
    Weak {
        /// Product strength, 0..1.
        strength: f64,
    },
    /// Costs exceed revenue.
    Losing {
        /// Costs minus revenue this period.
        gap: f64,
    },
    /// Reach: the share of prospects who become leads each period.
    Reach {
        /// Leads over prospects left.
        share: f64,
    },
}

/// The stage that limits the loop, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// The stage.
    pub stage: Stage,
    /// Why.
    pub reason: Reason,
}

/// The limit at row `t` of a run (rows `0..=t` are read); `None` past the end.
pub fn limiting(rows: &[Row], t: usize) -> Option<Limit> {
    let r = rows.get(t)?;
    let limit = |stage, reason| Some(Limit { stage, reason });
    if r.cash <= 0.0 {
        let since = rows[..=t]
            .iter()
            .rev()
            .take_while(|x| x.cash <= 0.0)
            .last()
            .map_or(r.period, |x| x.period);
        return limit(Stage::Capture, Reason::CashOut { since });
    }
    let share = if r.market_size > 0.0 {
        r.customers / r.market_size
    } else {
        0.0
    };
    if share >= SATURATED {
        return limit(Stage::Deliver, Reason::Saturated { share });
    }
    let sent_before = rows[..=t].iter().any(|x| x.feedback_sent > 0.0);
    let arrived_ever = rows[..=t].iter().any(|x| x.feedback_arrived > 0.0);
    if sent_before && !arrived_ever && r.latency > 0.0 {
        return limit(Stage::Insight, Reason::NoFeedbackYet { latency: r.latency });
    }
    if r.latency >= LATE {
        return limit(Stage::Insight, Reason::Late { latency: r.latency });
    }
    if r.strength < WEAK {
        return limit(
            Stage::Create,
            Reason::Weak {
                strength: r.strength,
            },
        );
    }
    if r.costs > r.revenue {
        return limit(
            Stage::Capture,
            Reason::Losing {
                gap: r.costs - r.revenue,
            },
        );
    }
    let share = if r.potential > 0.0 {
        r.leads / r.potential
    } else {
        0.0
    };
    limit(Stage::Deliver, Reason::Reach { share })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A healthy row: cash, a strong product, a short loop, room to grow, profit.
    fn healthy(period: u32) -> Row {
        Row {
            period,
            cash: 1e6,
            customers: 100.0,
            potential: 900.0,
            market_size: 1000.0,
            strength: 0.6,
            latency: 4.0,
            feedback_sent: 10.0,
            feedback_arrived: 8.0,
            revenue: 5000.0,
            costs: 4000.0,
            leads: 90.0,
            ..Row::default()
        }
    }

    fn at_end(rows: &[Row]) -> Limit {
        limiting(rows, rows.len() - 1).unwrap()
    }

    #[test]
    fn a_healthy_loop_is_limited_by_reach() {
        let l = at_end(&[healthy(0)]);
        assert_eq!(l.stage, Stage::Deliver);
        assert_eq!(l.reason, Reason::Reach { share: 0.1 });
    }

    #[test]
    fn no_cash_comes_first_and_names_when_it_ran_out() {
        let mut rows: Vec<Row> = (0..6).map(healthy).collect();
        for r in &mut rows[1..2] {
            r.cash = -5.0; // an early dip, recovered
        }
        for r in &mut rows[3..] {
            r.cash = -1.0;
            r.customers = 900.0; // saturated too: cash still comes first
        }
        let l = at_end(&rows);
        assert_eq!(l.stage, Stage::Capture);
        assert_eq!(l.reason, Reason::CashOut { since: 3 });
    }

    #[test]
    fn saturation_then_latency_then_strength_then_losses() {
        let mut r = healthy(10);
        r.customers = 850.0;
        r.latency = 26.0;
        r.strength = 0.2;
        assert_eq!(
            at_end(&[r]).reason,
            Reason::Saturated { share: 0.85 },
            "a won market outranks the rest"
        );
        r.customers = 100.0;
        assert_eq!(at_end(&[r]).reason, Reason::Late { latency: 26.0 });
        r.latency = 4.0;
        assert_eq!(at_end(&[r]).reason, Reason::Weak { strength: 0.2 });
        r.strength = 0.6;
        r.costs = 7000.0;
        assert_eq!(
            at_end(&[r]),
            Limit {
                stage: Stage::Capture,
                reason: Reason::Losing { gap: 2000.0 }
            }
        );
    }

    #[test]
    fn feedback_in_transit_is_named_before_it_arrives() {
        let mut rows: Vec<Row> = (0..3).map(healthy).collect();
        for r in &mut rows {
            r.feedback_arrived = 0.0;
        }
        assert_eq!(at_end(&rows).stage, Stage::Insight);
        assert_eq!(at_end(&rows).reason, Reason::NoFeedbackYet { latency: 4.0 });
        rows[1].feedback_arrived = 1.0;
        assert_eq!(at_end(&rows).stage, Stage::Deliver);
        assert_eq!(limiting(&rows, 9), None);
    }
}
