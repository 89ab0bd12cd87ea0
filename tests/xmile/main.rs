//! The XMILE export: its structure and command line, and the round trip
//! through PySD and Simlin.

#[path = "../support/mod.rs"]
mod support;

mod export;
mod pysd;
