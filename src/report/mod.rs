//! Writers for a run's output: a terminal table, CSV and JSON. Each takes an
//! `impl Write`, never stdout directly. And the charts, as data the terminal
//! and the pictures both draw.

pub mod charts;
pub mod csv;
pub mod json;
pub mod table;
