//! Writers for a run's output: a terminal table, CSV and JSON. Each takes an
//! `impl Write`, never stdout directly.

pub mod csv;
pub mod json;
pub mod table;
