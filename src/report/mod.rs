//! The writers: a run as a terminal table, CSV and JSON, and each command's
//! report (compare, sweep, sensitivity, Monte Carlo, the best steady policy,
//! the debrief). Each writes to a `&mut dyn Write`, never to stdout itself;
//! the commands under `cli/` choose where it goes. And the charts, as data
//! the terminal and the pictures both draw; the pictures themselves (PNG
//! and SVG, [`plot`] and [`debrief_plot`]) and the model as XMILE
//! ([`export`]).

pub mod charts;
pub mod compare;
pub mod csv;
pub mod debrief;
pub mod debrief_plot;
pub mod export;
pub mod fit;
pub mod json;
pub mod montecarlo;
pub mod optimize;
pub mod plot;
pub mod sensitivity;
pub mod sweep;
pub mod table;
pub mod uncertain;
pub mod words;
