//! Analyses over many runs: Monte Carlo bands, sweeps and sensitivity.

pub mod montecarlo;
pub mod sensitivity;
pub mod sweep;
