//! The output of a run: one [`Row`] per period, and the column table that
//! names them for CSV, JSON and charts.

/// One period of a run: the stocks at the start of period t (after its
/// events), the flows as amounts over the period [t, t+1) (summed over its
/// sub-steps), and the shares as at its first sub-step.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Row {
    /// Period t.
    pub period: u32,
    /// Prospects who are not customers.
    pub potential: f64,
    /// Paying customers.
    pub customers: f64,
    /// Former customers and warned-off prospects, not prospects for now.
    pub lapsed: f64,
    /// The addressable market (potential + customers + lapsed).
    pub market_size: f64,
    /// Product strength, 0..1.
    pub strength: f64,
    /// The sales team in reps, rookies included.
    pub reps: f64,
    /// Reps still ramping up (of `reps`).
    pub rookies: f64,
    /// Customer insight available to product.
    pub insight: f64,
    /// Insight over insight plus its half-effect level (0..1).
    pub insight_share: f64,
    /// What customers will pay for the offer as packaged.
    pub willingness_to_pay: f64,
    /// Cash on hand.
    pub cash: f64,
    /// Leads from word of mouth and discovery (Bass).
    pub leads_organic: f64,
    /// Leads from sales approaches.
    pub leads_sales: f64,
    /// All leads.
    pub leads: f64,
    /// Organic leads who bought.
    pub new_organic: f64,
    /// Sales leads won.
    pub new_sales: f64,
    /// All new customers.
    pub new_customers: f64,
    /// New customers over leads (0 without leads).
    pub conversion: f64,
    /// Customers lost (they become lapsed).
    pub churned: f64,
    /// Prospects talked out of buying by lost customers (they become lapsed).
    pub warned_off: f64,
    /// Lapsed who are prospects again.
    pub returned: f64,
    /// Revenue over the period.
    pub revenue: f64,
    /// Feedback sent toward product.
    pub feedback_sent: f64,
    /// Feedback whose relevance was lost in transit.
    pub feedback_stale: f64,
    /// Feedback that reached product.
    pub feedback_arrived: f64,
    /// R&D spend.
    pub rd_spend: f64,
    /// What the sales team on payroll costs.
    pub sales_spend: f64,
    /// Overdraft interest paid on negative cash.
    pub interest: f64,
    /// All costs.
    pub costs: f64,
    /// Revenue minus costs.
    pub profit: f64,
    /// Profit discounted to period 0 at `finance.discount_rate`.
    pub discounted_profit: f64,
    /// Not a CSV column: feedback still in transit at the end of the period.
    #[serde(skip)]
    pub feedback_in_flight: f64,
    /// Not a CSV column: the self-serve conversion rate at the first sub-step.
    #[serde(skip)]
    pub conv_self: f64,
    /// Not a CSV column: the sales win rate at the first sub-step.
    #[serde(skip)]
    pub win: f64,
    /// Not a CSV column: strength gained from R&D over the period.
    #[serde(skip)]
    pub strength_gain: f64,
    /// Not a CSV column: the feedback latency in force (periods).
    #[serde(skip)]
    pub latency: f64,
    /// Not a CSV column: the price in force.
    #[serde(skip)]
    pub price: f64,
    /// Not a CSV column: the churn rate at the first sub-step (per period).
    #[serde(skip)]
    pub churn_rate: f64,
    /// Not a CSV column: the cost to serve one customer in force.
    #[serde(skip)]
    pub serve_cost: f64,
    /// Not a CSV column: the share of the base budgets cash paid for (0..1), at the first sub-step.
    #[serde(skip)]
    pub funding: f64,
}

/// A named output column and how to read it from a row.
#[derive(Clone, Copy)]
pub struct Column {
    /// The CSV header name.
    pub name: &'static str,
    /// Reads the column's value.
    pub get: fn(&Row) -> f64,
}

macro_rules! columns {
    ($($field:ident),* $(,)?) => {
        /// The output columns of MODEL.md, in order: the CSV header.
        pub static COLUMNS: &[Column] = &[
            Column { name: "period", get: |r| f64::from(r.period) },
            $(Column { name: stringify!($field), get: |r| r.$field },)*
        ];
    };
}

columns!(
    potential,
    customers,
    lapsed,
    market_size,
    strength,
    reps,
    rookies,
    insight,
    insight_share,
    willingness_to_pay,
    cash,
    leads_organic,
    leads_sales,
    leads,
    new_organic,
    new_sales,
    new_customers,
    conversion,
    churned,
    warned_off,
    returned,
    revenue,
    feedback_sent,
    feedback_stale,
    feedback_arrived,
    rd_spend,
    sales_spend,
    interest,
    costs,
    profit,
    discounted_profit,
);

/// The output columns that are amounts over a period, as rows report them
/// (the sum of rate * dt over the period's sub-steps); the rest are stocks
/// or shares as at the period's start.
pub const AMOUNT_COLUMNS: &[&str] = &[
    "leads_organic",
    "leads_sales",
    "leads",
    "new_organic",
    "new_sales",
    "new_customers",
    "churned",
    "warned_off",
    "returned",
    "revenue",
    "feedback_sent",
    "feedback_stale",
    "feedback_arrived",
    "rd_spend",
    "sales_spend",
    "interest",
    "costs",
    "profit",
    "discounted_profit",
];

/// Looks a column up by its name.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// A run: rows 0..=T, and what the company is worth at the end.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// One row per period, starting at period 0.
    pub rows: Vec<Row>,
    /// The run's value: discounted profit plus the terminal value.
    pub valuation: Valuation,
}

/// What a run is worth (MODEL.md, "Value and the whole-run metrics").
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Valuation {
    /// Profit over rows 0..T-1, discounted to period 0.
    pub pv_profit: f64,
    /// The end state's worth: the company run on for `valuation_periods`
    /// with the levers it had before its last `valuation_lag` periods, then
    /// a perpetuity, discounted to period 0, at least 0.
    pub terminal_value: f64,
    /// Not part of value: the feedback in transit at the start (the
    /// equilibrium's), so that sent + at start = arrived + stale + in transit.
    #[serde(skip)]
    pub feedback_in_transit_at_start: f64,
}

impl Valuation {
    /// `pv_profit + terminal_value`.
    pub fn value(&self) -> f64 {
        self.pv_profit + self.terminal_value
    }
}

impl Series {
    /// The horizon T (the last period).
    pub fn horizon(&self) -> u32 {
        self.rows.last().map_or(0, |r| r.period)
    }

    /// The values of one column, in period order.
    pub fn values(&self, get: fn(&Row) -> f64) -> impl Iterator<Item = f64> + '_ {
        self.rows.iter().map(get)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_amount_is_a_column() {
        for name in AMOUNT_COLUMNS {
            assert!(column(name).is_some(), "{name}");
        }
    }

    #[test]
    fn columns_match_the_contract() {
        let names: Vec<_> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(
            names.join(", "),
            "period, potential, customers, lapsed, market_size, strength, reps, rookies, \
             insight, insight_share, willingness_to_pay, cash, leads_organic, leads_sales, \
             leads, new_organic, new_sales, new_customers, conversion, churned, warned_off, \
             returned, revenue, feedback_sent, feedback_stale, feedback_arrived, rd_spend, \
             sales_spend, interest, costs, profit, discounted_profit"
        );
    }
}
