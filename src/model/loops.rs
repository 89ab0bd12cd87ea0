//! Which loop drives growth, period by period.
//!
//! Each loop's strength is measured in the same unit, people per period, as
//! its contribution to the change in customers:
//!
//! - **feedback** (reinforcing): customers won because insight made the
//!   product stronger than R&D alone would have. A shadow strength runs
//!   beside the model with insight held at zero; conversion scales with
//!   `S^exponent`, so a share `kept = (S_shadow / S)^exponent` of this
//!   period's customers would have been won anyway, and the loop gets
//!   `new_customers * (1 - kept)`;
//! - **word of mouth** (reinforcing): organic customers owed to imitation,
//!   `new_organic * (q C/N) / (p + q C/N) * kept`;
//! - **sales reach** (reinforcing): customers won by the sales team,
//!   `new_sales * kept`;
//! - **saturation** (balancing): acquisition lost to the market already won
//!   or lost, `new_customers / P * (C + L)` (the customers and the lapsed,
//!   had they still been prospects, converted at today's rate);
//! - **churn** (balancing): customers lost, `churned`: they leave for the
//!   lapsed pool and drain the market until won back;
//! - **cash** (balancing): the sales the part of the base budget that cash
//!   could not pay for would have bought:
//!   `(1 - funding) * sales_base / rep_cost * contacts * P/N * win`.
//!
//! A loop *dominates* a period when it is the largest and carries at least
//! [`DOMINANCE_SHARE`] of the total, and the total is at least
//! [`QUIET_SHARE`] of the customers plus one person: a loop never leads only
//! because nothing competes with it.

use super::params::ParamId as P;
use super::run::{Config, rd_gain};
use super::series::Series;

/// The share of all loop activity the leading loop needs to dominate.
pub const DOMINANCE_SHARE: f64 = 0.4;
/// Below this much activity (as a share of customers, plus one person) a period is quiet.
pub const QUIET_SHARE: f64 = 0.001;

/// A feedback loop of the flywheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Loop {
    /// Customers bring customers (Bass imitation).
    WordOfMouth,
    /// Revenue pays reps who bring leads.
    SalesReach,
    /// Contacts -> feedback -> insight -> strength -> conversion.
    Feedback,
    /// The market runs out of prospects.
    Saturation,
    /// Customers leave.
    Churn,
    /// No cash, no base budgets.
    Cash,
}

impl Loop {
    /// Every loop, in display order.
    pub const ALL: [Loop; 6] = [
        Loop::WordOfMouth,
        Loop::SalesReach,
        Loop::Feedback,
        Loop::Saturation,
        Loop::Churn,
        Loop::Cash,
    ];

    /// A short English name.
    pub fn name(self) -> &'static str {
        match self {
            Loop::WordOfMouth => "word of mouth",
            Loop::SalesReach => "sales reach",
            Loop::Feedback => "feedback",
            Loop::Saturation => "saturation",
            Loop::Churn => "churn",
            Loop::Cash => "cash",
        }
    }

    /// Whether the loop reinforces growth (or balances it).
    pub fn reinforcing(self) -> bool {
        matches!(self, Loop::WordOfMouth | Loop::SalesReach | Loop::Feedback)
    }
}

/// The strength of each loop in one period, in [`Loop::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LoopStrengths {
    /// People per period, one per loop.
    pub values: [f64; 6],
    /// The dominant loop, if one dominates.
    pub dominant: Option<Loop>,
}

impl LoopStrengths {
    /// The strength of one loop.
    pub fn of(&self, l: Loop) -> f64 {
        self.values[l as usize]
    }
}

/// Measures every loop in every period of a run of `cfg`.
pub fn loop_strengths(cfg: &Config, series: &Series) -> Vec<LoopStrengths> {
    let mut p = cfg.params;
    let mut events: Vec<_> = cfg.events.iter().collect();
    events.sort_by_key(|e| e.at);
    let mut next = 0;
    let mut shadow = p[P::InitialStrength];
    let mut out = Vec::with_capacity(series.rows.len());
    for row in &series.rows {
        while let Some(e) = events.get(next).filter(|e| e.at <= row.period) {
            for &(id, v) in &e.set {
                p[id] = v;
            }
            next += 1;
        }
        let (n, c, pot) = (row.market_size, row.customers, row.potential);
        let per = |x: f64, d: f64| if d > 0.0 { x / d } else { 0.0 };
        // The share of this period's conversions that R&D without insight would also have made.
        let kept = if row.strength > 0.0 {
            per(shadow, row.strength)
                .min(1.0)
                .powf(p[P::StrengthExponent])
        } else {
            1.0
        };
        let imitation = p[P::Imitation] * per(c, n);
        let wom = row.new_organic * per(imitation, p[P::Innovation] + imitation) * kept;
        let sales = row.new_sales * kept;
        let feedback = row.new_customers * (1.0 - kept);
        // Customers and lapsed customers are both out of the prospects' pool.
        let saturation = per(row.new_customers, pot) * (c + row.lapsed);
        let cash = (1.0 - row.funding) * p[P::SalesBase] / p[P::RepCost]
            * p[P::ContactsPerRep]
            * per(pot, n)
            * row.win;
        let values = [wom, sales, feedback, saturation, row.churned, cash];
        out.push(LoopStrengths {
            values,
            dominant: dominant(&values, c),
        });

        // The shadow strength: the same R&D with insight held at zero.
        let gain = rd_gain(&p, row.rd_spend, n, c) * p[P::InsightFloor] * (1.0 - shadow);
        shadow = (shadow + gain - p[P::Obsolescence] * shadow).clamp(0.0, 1.0);
    }
    out
}

fn dominant(values: &[f64; 6], customers: f64) -> Option<Loop> {
    let total: f64 = values.iter().map(|v| v.abs()).sum();
    if total.is_nan() || total < QUIET_SHARE * customers + 1.0 {
        return None;
    }
    let (i, best) = values
        .iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |a, (i, v)| {
            if v.abs() > a.1 { (i, v.abs()) } else { a }
        });
    (best >= DOMINANCE_SHARE * total).then(|| Loop::ALL[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_needs_a_clear_lead_and_real_activity() {
        assert_eq!(
            dominant(&[0.5, 0.0, 0.0, 0.0, 0.0, 0.0], 100.0),
            None,
            "quiet"
        );
        assert_eq!(
            dominant(&[30.0, 25.0, 25.0, 20.0, 0.0, 0.0], 100.0),
            None,
            "mixed"
        );
        assert_eq!(
            dominant(&[60.0, 25.0, 5.0, 10.0, 0.0, 0.0], 100.0),
            Some(Loop::WordOfMouth)
        );
        assert_eq!(
            dominant(&[1.0, 0.0, 0.0, 50.0, 9.0, 0.0], 1000.0),
            Some(Loop::Saturation)
        );
    }
}
