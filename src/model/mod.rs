//! The pure simulation core: parameters, the step, runs, series and metrics.
//! No terminal, CLI or file I/O here, so tests, the CLI, the TUI and the
//! benchmarks all call it the same way.

mod flows;
pub mod loops;
pub mod metrics;
pub mod now;
pub mod params;
pub mod rates;
pub mod run;
pub mod series;
mod step;
mod today;

pub use loops::{Loop, LoopStrengths, loop_strengths};
pub use metrics::{METRICS, Metric, Summary, metric, summarize};
pub use now::{Now, STARTING, Stock};
pub use params::{
    BEST_DEFAULT, CrossField, DEFAULT_DECISIONS, FIT_DEFAULT, LEVERS, PARAM_COUNT, PARAMS,
    POLICY_LEVERS, ParamId, ParamSpec, Params, Per, Role, SIZE_KEYS, Section, Set, Sets, fmt_num,
    members,
};
pub use run::{Config, DEFAULT_SUBSTEPS, Event, simulate, simulate_into, simulate_rows_into};
pub use series::{
    COLUMNS, Column, Kind as ColumnKind, Row, Series, Valuation, amount_columns, column,
};
