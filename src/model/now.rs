//! Deciding from today: a run whose past is fixed and whose decisions
//! change only from a period on ("now").
//!
//! A [`Now`] on a [`Config`](super::Config) does three things at the start
//! of its period, after that period's events:
//!
//! 1. **Reconciles the stocks** to a company's actuals: each stock the
//!    history observes at that period ([`Stock`]) is set to the actual. The
//!    market keeps its total: the prospects not yet reached (`potential`)
//!    take up the difference, so `potential + customers + lapsed = market`;
//!    if the actuals leave no room, the market grows to hold them. Reps keep
//!    the run's split between rookies and experienced. Insight and the
//!    feedback in transit stay as the run has them (no history observes them).
//! 2. **Applies the what-if**: the parameters it sets act from then on.
//! 3. **Measures from then**: the summary's totals, extremes and value are
//!    of periods `at..=T`, the value discounted to period `at`.

use super::params::ParamId as P;

/// A stock a history can observe and a run can be reconciled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stock {
    /// `customers`.
    Customers,
    /// `lapsed`.
    Lapsed,
    /// `market_size`.
    MarketSize,
    /// `strength`.
    Strength,
    /// `reps` (rookies and experienced, in the run's proportion).
    Reps,
    /// `cash`.
    Cash,
}

impl Stock {
    /// Every stock, in the order they are reconciled.
    pub const ALL: [Stock; 6] = [
        Stock::MarketSize,
        Stock::Customers,
        Stock::Lapsed,
        Stock::Strength,
        Stock::Reps,
        Stock::Cash,
    ];

    /// The output column that holds it.
    pub fn column(self) -> &'static str {
        match self {
            Stock::Customers => "customers",
            Stock::Lapsed => "lapsed",
            Stock::MarketSize => "market_size",
            Stock::Strength => "strength",
            Stock::Reps => "reps",
            Stock::Cash => "cash",
        }
    }

    /// The stock held in column `name`, if one is.
    pub fn of_column(name: &str) -> Option<Stock> {
        Stock::ALL.into_iter().find(|s| s.column() == name)
    }
}

/// Where "now" is in a run, what is reconciled there and what changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Now {
    /// The period decisions change from (0..=periods).
    pub at: u32,
    /// Stocks set to actuals at the start of `at`, in [`Stock::ALL`]'s order.
    pub stocks: Vec<(Stock, f64)>,
    /// The what-if: parameters set at the start of `at`, after its events.
    pub set: Vec<(P, f64)>,
}

/// Parameters that hold a value at the start only: from a later "now" on
/// they change nothing (their stocks move through flows, cash through an
/// event's `finance.cash_injection`).
pub const STARTING: [P; 6] = [
    P::MarketSize,
    P::InitialCustomers,
    P::InitialStrength,
    P::InitialInsightRatio,
    P::InitialReps,
    P::InitialCash,
];
