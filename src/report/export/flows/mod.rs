//! The flows and auxiliaries of `model::run`, as rates per period in its
//! order and with its guards (every outflow limited to its stock per DT,
//! the zero-division rules, the market's cap), then the feedback in transit
//! and the per-period amounts that the output columns report.
//!
//! `model::run` also keeps prospects, customers, lapsed and reps at or above
//! 0; those floors cannot bind but by rounding (no outflow takes more than
//! its stock holds in a sub-step), so the flows carry no term for them.
//! Strength's clamp to 0..1 is written out, in `strength_lost`.
//!
//! Each sector is its own file: `market`, `money`, `product` (with the sales
//! team), `transit` (the feedback on its way and the equilibrium start) and
//! `amounts` (the per-period amounts of the output columns).

mod amounts;
mod market;
mod money;
mod product;
mod transit;

pub use amounts::amount_columns;
pub(super) use amounts::period_amounts;
pub(super) use market::market;
pub(super) use money::money;
pub(super) use product::product;
pub(super) use transit::transit;
