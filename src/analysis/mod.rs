//! Analyses over many runs: Monte Carlo bands, sweeps and sensitivity.

pub mod compare;
pub mod fit;
pub mod goodness;
pub mod history;
pub mod montecarlo;
pub mod sensitivity;
pub mod sweep;
pub mod uncertainty;
