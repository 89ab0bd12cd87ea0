//! Analyses over many runs: Monte Carlo bands, sweeps, sensitivity and the best steady policy.

pub mod lesson_check;
pub mod montecarlo;
pub mod optimize;
pub mod sensitivity;
pub mod sweep;
