//! Analysis: Monte Carlo, sweeps, sensitivity, plots, uncertainty, fitting,
//! comparison and the best steady policy, in the library and from the command line.

#[path = "../support/mod.rs"]
mod support;

mod backtest;
mod cannot_tell;
mod cli_analysis;
mod cli_optimize;
mod compare;
mod coverage;
mod fit;
mod fit_cli;
mod library;
mod today;
mod uncertainty;
