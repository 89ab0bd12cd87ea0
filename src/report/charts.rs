//! The four charts, as data: the terminal's charts (`tui/view/charts.rs`)
//! and the pictures (`plot.rs`) draw the same lines, read from the same
//! columns, under the same names and in the same colours. A history's
//! columns find their line here too.

use crate::i18n::mark;
use crate::model::Row;

/// How a chart's values are scaled and labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Counts of people (`12k`).
    Count,
    /// Rates, shown as percent.
    Percent,
    /// Money (`$1.2M`).
    Money,
    /// Each line over its own maximum, in percent (different units side by side).
    Normalised,
}

/// A line's colour: a terminal's named colour, and its shade in pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hue {
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Yellow (a darker gold on paper).
    Yellow,
    /// Cyan.
    Cyan,
    /// Magenta.
    Magenta,
}

impl Hue {
    /// The colour in a picture on a white background.
    pub const fn rgb(self) -> (u8, u8, u8) {
        match self {
            Hue::Green => (44, 160, 44),
            Hue::Blue => (31, 119, 180),
            Hue::Yellow => (214, 150, 0),
            Hue::Cyan => (23, 163, 184),
            Hue::Magenta => (170, 60, 170),
        }
    }
}

/// One line of a chart.
#[derive(Debug, Clone, Copy)]
pub struct ChartLine {
    /// The row's field it draws (an output column, or a rate the row keeps).
    pub column: &'static str,
    /// Its legend.
    pub name: &'static str,
    /// A shorter legend, for narrow charts.
    pub short: &'static str,
    /// Reads it from a row.
    pub get: fn(&Row) -> f64,
    /// Its colour.
    pub hue: Hue,
    /// Its index in the Monte Carlo bands (`montecarlo::BAND_SERIES`), if it has them.
    pub band: Option<usize>,
    /// A stock beside flows: on its own axis in pictures, divided by a
    /// round factor on the terminal.
    pub secondary: bool,
}

/// One chart.
#[derive(Debug, Clone, Copy)]
pub struct ChartSpec {
    /// Its title.
    pub title: &'static str,
    /// The y axis's unit, in words (pictures).
    pub unit: &'static str,
    /// How its values are scaled.
    pub scale: Scale,
    /// Its lines, in legend order.
    pub lines: &'static [ChartLine],
}

const fn line(
    column: &'static str,
    name: &'static str,
    short: &'static str,
    get: fn(&Row) -> f64,
    hue: Hue,
) -> ChartLine {
    ChartLine {
        column,
        name,
        short,
        get,
        hue,
        band: None,
        secondary: false,
    }
}

const fn banded(line: ChartLine, band: usize) -> ChartLine {
    ChartLine {
        band: Some(band),
        ..line
    }
}

/// The four charts: acquisition, conversion, revenue, the flywheel's state.
pub static CHARTS: [ChartSpec; 4] = [
    ChartSpec {
        title: mark("Acquisition"),
        unit: mark("people per period"),
        scale: Scale::Count,
        lines: &[
            line(
                "leads_organic",
                mark("organic leads"),
                mark("organic"),
                |r| r.leads_organic,
                Hue::Green,
            ),
            line(
                "leads_sales",
                mark("sales leads"),
                mark("sales"),
                |r| r.leads_sales,
                Hue::Blue,
            ),
            banded(
                line(
                    "new_customers",
                    mark("new customers"),
                    mark("new"),
                    |r| r.new_customers,
                    Hue::Yellow,
                ),
                1,
            ),
        ],
    },
    ChartSpec {
        title: mark("Conversion"),
        unit: mark("% of leads"),
        scale: Scale::Percent,
        lines: &[
            banded(
                line(
                    "conversion",
                    mark("overall"),
                    mark("overall"),
                    |r| r.conversion,
                    Hue::Yellow,
                ),
                2,
            ),
            line(
                "conv_self",
                mark("self-serve"),
                mark("self"),
                |r| r.conv_self,
                Hue::Green,
            ),
            line("win", mark("sales win"), mark("win"), |r| r.win, Hue::Blue),
        ],
    },
    ChartSpec {
        title: mark("Revenue"),
        unit: mark("$ per period"),
        scale: Scale::Money,
        lines: &[
            banded(
                line(
                    "revenue",
                    mark("revenue"),
                    mark("revenue"),
                    |r| r.revenue,
                    Hue::Green,
                ),
                3,
            ),
            line(
                "profit",
                mark("profit"),
                mark("profit"),
                |r| r.profit,
                Hue::Yellow,
            ),
            ChartLine {
                secondary: true,
                ..banded(
                    line("cash", mark("cash"), mark("cash"), |r| r.cash, Hue::Cyan),
                    4,
                )
            },
        ],
    },
    ChartSpec {
        title: mark("Flywheel state"),
        unit: mark("share of each series' maximum"),
        scale: Scale::Normalised,
        lines: &[
            line(
                "strength",
                mark("strength"),
                mark("strength"),
                |r| r.strength,
                Hue::Magenta,
            ),
            line("reps", mark("reps"), mark("reps"), |r| r.reps, Hue::Blue),
            line(
                "insight",
                mark("insight"),
                mark("insight"),
                |r| r.insight,
                Hue::Green,
            ),
            banded(
                line(
                    "customers",
                    mark("customers"),
                    mark("cust"),
                    |r| r.customers,
                    Hue::Yellow,
                ),
                0,
            ),
        ],
    },
];

/// The chart and line that draw a column: (chart, line).
pub fn line_of(column: &str) -> Option<(usize, usize)> {
    CHARTS.iter().enumerate().find_map(|(c, chart)| {
        chart
            .lines
            .iter()
            .position(|l| l.column == column)
            .map(|k| (c, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, column, simulate};

    #[test]
    fn each_line_reads_the_column_it_names_and_each_band_is_drawn_once() {
        let series = simulate(&Config::default());
        let row = &series.rows[100];
        let mut bands = Vec::new();
        for chart in &CHARTS {
            for l in chart.lines {
                if let Some(c) = column(l.column) {
                    assert_eq!((c.get)(row), (l.get)(row), "{}", l.column);
                }
                bands.extend(l.band);
            }
        }
        bands.sort_unstable();
        assert_eq!(bands, [0, 1, 2, 3, 4]);
        assert_eq!(line_of("cash"), Some((2, 2)));
        assert_eq!(line_of("customers"), Some((3, 3)));
        assert_eq!(line_of("period"), None);
        // Rates the row keeps for the charts, not in the CSV.
        assert!(column("conv_self").is_none() && line_of("conv_self").is_some());
    }
}
