//! Analyses over many runs: Monte Carlo bands, sweeps, sensitivity and the best steady policy.

pub mod backtest;
pub mod compare;
pub mod fit;
pub mod goodness;
pub mod history;
pub mod lesson_check;
pub mod montecarlo;
pub mod optimize;
pub mod range;
pub mod sensitivity;
pub mod sweep;
pub mod uncertainty;
