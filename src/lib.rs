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
//! ## Modules, in layers
//!
//! Each layer uses only the layers before it (a test holds this over the
//! whole crate, `#[cfg(test)]` code aside):
//!
//! 1. [`i18n`]: the reader's language, the catalog of `locales/`,
//!    [`i18n::Text`] for a message made in one place and worded where it is
//!    shown, and [`i18n::Worded`] for a text kept in every language.
//! 2. Utilities: [`interrupt`] (Ctrl-C and the per-job [`interrupt::Stop`]
//!    token) and [`safe_write`] (atomic writes that never overwrite without
//!    leave).
//! 3. [`model`]: the pure simulation (parameters, the sub-step, the run,
//!    metrics, loop strengths). It uses nothing else of the crate: no I/O,
//!    no words; what it reports is typed ([`model::CrossField`]).
//! 4. [`format`](mod@format): how every number, sum of money, share and head count is
//!    written.
//! 5. [`scenario`]: TOML files, presets, lessons, texts in any language
//!    ([`scenario::Localized`]), period conversion,
//!    validation with located errors (the rules between values in one
//!    place, [`scenario::rules`], for files and `--set` alike), and the words
//!    of the model's typed reports ([`scenario::cross_field_text`]).
//! 6. [`analysis`]: sensitivity, sweeps, Monte Carlo, the best steady
//!    policy, fits to a history, lesson checks; each long job stops on its
//!    [`interrupt::Stop`]. The command line's `KEY=LOW..HIGH` ranges have
//!    one parser, [`analysis::range`].
//! 7. [`play`]: the turn-based game, scores, sessions, the debrief.
//! 8. Writers, all under [`report`]: a run's tables, CSV and JSON, each
//!    command's report, the four charts as data ([`report::charts`]), the
//!    XMILE model ([`report::export`]) and the pictures ([`report::plot`],
//!    [`report::debrief_plot`]). Each writes to an `impl Write` (or a
//!    picture's path) that its command chooses.
//! 9. Front ends: [`tui`] (the app, its effects, the job system, the
//!    keymap with the footer's hints and the mouse, and [`tui::drive`], the
//!    one loop every screen runs),
//!    [`serve`] (the class over SSH: the same app and jobs, its own policy on
//!    effects, a [`tui::Seat`] per laptop), [`cli`] (arguments and one
//!    function per command).
//!
//! `docs/architecture.md` says where a new command, job, screen, parameter
//! or language goes.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod analysis;
pub mod cli;
pub mod format;
pub mod i18n;
pub mod interrupt;
pub mod model;
pub mod play;
pub mod report;
pub mod safe_write;
pub mod scenario;
pub mod serve;
pub mod tui;
