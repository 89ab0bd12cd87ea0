//! Summary metrics of a run.

use super::series::{Row, Series};

/// The headline figures of a run.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Summary {
    /// What the run is worth: `pv_profit + terminal_value` (MODEL.md, "Value").
    pub value: f64,
    /// Profit over rows 0..T-1, discounted to period 0.
    pub pv_profit: f64,
    /// The end state's worth, discounted to period 0 (0 when not computed).
    pub terminal_value: f64,
    /// Revenue summed over rows 0..T-1 (the flows that move stocks inside the horizon).
    pub total_revenue: f64,
    /// Profit summed over rows 0..T-1.
    pub total_profit: f64,
    /// New customers summed over rows 0..T-1.
    pub total_new_customers: f64,
    /// Customers at period T.
    pub final_customers: f64,
    /// Product strength at period T.
    pub final_strength: f64,
    /// Sales reps at period T.
    pub final_reps: f64,
    /// Cash at period T.
    pub final_cash: f64,
    /// The lowest cash on hand over the run.
    pub min_cash: f64,
    /// The period of the lowest cash.
    pub min_cash_period: u32,
    /// The first period with cash below zero, if any.
    pub cash_negative_period: Option<u32>,
    /// The period with the most new customers.
    pub peak_acquisition_period: u32,
    /// The most new customers in one period.
    pub peak_acquisition: f64,
    /// Leads converted over the run: new customers over leads.
    pub mean_conversion: f64,
    /// Share of the final market that are customers.
    pub final_penetration: f64,
    /// Overdraft interest paid over rows 0..T-1.
    pub total_interest: f64,
    /// Lifetime margin per customer over the run: margin over customers lost
    /// (`sum(revenue - C * serve_cost) / sum(churned)`); `None` when nobody churned.
    pub ltv: Option<f64>,
    /// Paid acquisition cost over the run: `sum(sales_spend) / sum(new_sales)`;
    /// `None` when sales won nobody or cost nothing.
    pub cac: Option<f64>,
    /// LTV over CAC for the whole run; `None` where either is undefined.
    pub ltv_cac: Option<f64>,
}

/// Computes the summary of a run.
///
/// A run that decides from today ([`Config::now`](super::Config::now)) is
/// summed, searched and valued over its periods from then on only.
pub fn summarize(series: &Series) -> Summary {
    let from = (series.valuation.from as usize).min(series.rows.len().saturating_sub(1));
    let rows = &series.rows[from..];
    let flows: &[Row] = if rows.len() > 1 {
        &rows[..rows.len() - 1]
    } else {
        rows
    };
    let last = rows.last().copied().unwrap_or_default();
    let sum = |f: fn(&Row) -> f64| flows.iter().map(f).sum::<f64>();

    let (min_cash_period, min_cash) = rows
        .iter()
        .map(|r| (r.period, r.cash))
        .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a });
    let cash_negative_period = rows.iter().find(|r| r.cash < 0.0).map(|r| r.period);
    let (peak_acquisition_period, peak_acquisition) = flows
        .iter()
        .map(|r| (r.period, r.new_customers))
        .fold((0, f64::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a });

    let leads = sum(|r| r.leads);
    let total_new_customers = sum(|r| r.new_customers);

    let churned = sum(|r| r.churned);
    let margin = sum(|r| r.revenue - r.customers * r.serve_cost);
    let ltv = (churned > 0.0).then(|| margin / churned);
    let won = sum(|r| r.new_sales);
    let spent = sum(|r| r.sales_spend);
    let cac = (won > 0.0 && spent > 0.0).then(|| spent / won);
    let ltv_cac = match (ltv, cac) {
        (Some(l), Some(c)) if (l / c).is_finite() => Some(l / c),
        _ => None,
    };

    let v = series.valuation;
    Summary {
        value: v.value(),
        pv_profit: v.pv_profit,
        terminal_value: v.terminal_value,
        total_revenue: sum(|r| r.revenue),
        total_profit: sum(|r| r.profit),
        total_new_customers,
        final_customers: last.customers,
        final_strength: last.strength,
        final_reps: last.reps,
        final_cash: last.cash,
        min_cash: if min_cash.is_finite() { min_cash } else { 0.0 },
        min_cash_period,
        cash_negative_period,
        peak_acquisition_period,
        peak_acquisition: peak_acquisition.max(0.0),
        mean_conversion: if leads > 0.0 {
            total_new_customers / leads
        } else {
            0.0
        },
        final_penetration: if last.market_size > 0.0 {
            last.customers / last.market_size
        } else {
            0.0
        },
        total_interest: sum(|r| r.interest),
        ltv,
        cac,
        ltv_cac,
    }
}

/// A summary metric that can be compared, swept or ranked.
#[derive(Debug, Clone, Copy)]
pub struct Metric {
    /// Its name (`total_revenue`).
    pub name: &'static str,
    /// A label for display.
    pub label: &'static str,
    /// Reads it from a summary; `None` where undefined.
    pub get: fn(&Summary) -> Option<f64>,
}

impl PartialEq for Metric {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The metrics that can be named on the command line.
pub static METRICS: &[Metric] = &[
    Metric {
        name: "value",
        label: "Value",
        get: |s| Some(s.value),
    },
    Metric {
        name: "pv_profit",
        label: "Discounted profit",
        get: |s| Some(s.pv_profit),
    },
    Metric {
        name: "terminal_value",
        label: "Terminal value",
        get: |s| Some(s.terminal_value),
    },
    Metric {
        name: "total_revenue",
        label: "Total revenue",
        get: |s| Some(s.total_revenue),
    },
    Metric {
        name: "total_profit",
        label: "Total profit",
        get: |s| Some(s.total_profit),
    },
    Metric {
        name: "total_new_customers",
        label: "New customers",
        get: |s| Some(s.total_new_customers),
    },
    Metric {
        name: "total_interest",
        label: "Overdraft interest paid",
        get: |s| Some(s.total_interest),
    },
    Metric {
        name: "final_customers",
        label: "Final customers",
        get: |s| Some(s.final_customers),
    },
    Metric {
        name: "final_strength",
        label: "Final strength",
        get: |s| Some(s.final_strength),
    },
    Metric {
        name: "final_reps",
        label: "Final reps",
        get: |s| Some(s.final_reps),
    },
    Metric {
        name: "final_penetration",
        label: "Final penetration",
        get: |s| Some(s.final_penetration),
    },
    Metric {
        name: "final_cash",
        label: "Final cash",
        get: |s| Some(s.final_cash),
    },
    Metric {
        name: "min_cash",
        label: "Lowest cash",
        get: |s| Some(s.min_cash),
    },
    Metric {
        name: "peak_acquisition_period",
        label: "Peak acquisition period",
        get: |s| Some(f64::from(s.peak_acquisition_period)),
    },
    Metric {
        name: "mean_conversion",
        label: "Mean conversion",
        get: |s| Some(s.mean_conversion),
    },
    Metric {
        name: "ltv_cac",
        label: "LTV/CAC",
        get: |s| s.ltv_cac,
    },
];

/// Looks a metric up by name.
pub fn metric(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}
