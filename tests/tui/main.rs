//! The simulator: the app driven by actions and its screens drawn in a
//! `TestBackend` (text snapshots, and the colours that carry meaning), with
//! no terminal.

#[path = "../support/mod.rs"]
mod support;

mod actuals;
mod analysis;
mod app;
mod best;
mod colours;
mod languages;
mod lesson_steps;
mod snapshots;
mod teach;
mod work;
