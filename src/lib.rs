//! # flywheel
//!
//! A simulator of the growth flywheel between product and sales: R&D raises
//! product strength (create value), sales reach and word of mouth bring
//! customers (deliver value), customers pay (capture value), and what the
//! front line hears flows back to product as insight after a feedback
//! latency.
//!
//! ```
//! use flywheel::model::{simulate, summarize, Config};
//! let series = simulate(&Config::default());
//! let summary = summarize(&series);
//! assert!(summary.total_revenue > 0.0);
//! ```
//!
//! Modules: [`model`] (the pure simulation), [`scenario`] (TOML files,
//! presets, validation with located errors), [`format`] (how every number,
//! sum of money, share and head count is written, for the CLI, the TUI, the
//! plots and the debrief alike), [`export`] (the model as an XMILE file for
//! Stella, Vensim and PySD).

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod analysis;
pub mod cli;
pub mod debrief_plot;
pub mod export;
pub mod format;
pub mod i18n;
pub mod interrupt;
pub mod model;
pub mod play;
pub mod plot;
pub mod report;
pub mod safe_write;
pub mod scenario;
pub mod serve;
pub mod tui;
