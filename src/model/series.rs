//! The output of a run: one [`Row`] per period, and the column table that
//! names them for CSV, JSON and charts.

/// One period of a run: the stocks at time t and the flows computed at t.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Row {
    /// Period t.
    pub period: u32,
    /// Prospects who are not customers.
    pub potential: f64,
    /// Paying customers.
    pub customers: f64,
    /// Former customers, not prospects for now.
    pub lapsed: f64,
    /// The addressable market (potential + customers + lapsed).
    pub market_size: f64,
    /// Product strength, 0..1.
    pub strength: f64,
    /// Sales capacity in reps.
    pub reps: f64,
    /// Customer insight available to product.
    pub insight: f64,
    /// Cash on hand.
    pub cash: f64,
    /// Leads from word of mouth and discovery (Bass).
    pub leads_organic: f64,
    /// Leads from sales contacts.
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
    /// Customers lost.
    pub churned: f64,
    /// Lapsed customers who are prospects again.
    pub returned: f64,
    /// Revenue this period.
    pub revenue: f64,
    /// Feedback sent toward product this period.
    pub feedback_sent: f64,
    /// Feedback that reached product this period.
    pub feedback_arrived: f64,
    /// R&D spend.
    pub rd_spend: f64,
    /// Sales team spend.
    pub sales_spend: f64,
    /// Overdraft interest paid on negative cash.
    pub interest: f64,
    /// All costs.
    pub costs: f64,
    /// Revenue minus costs.
    pub profit: f64,
    /// Not a CSV column: feedback still in transit after this period's arrivals.
    #[serde(skip)]
    pub feedback_in_flight: f64,
    /// Not a CSV column: the self-serve conversion rate in force.
    #[serde(skip)]
    pub conv_self: f64,
    /// Not a CSV column: the sales win rate in force.
    #[serde(skip)]
    pub win: f64,
    /// Not a CSV column: strength gained from R&D this period.
    #[serde(skip)]
    pub strength_gain: f64,
    /// Not a CSV column: the feedback latency in force (periods).
    #[serde(skip)]
    pub latency: f64,
    /// Not a CSV column: the price in force.
    #[serde(skip)]
    pub price: f64,
    /// Not a CSV column: the churn rate in force.
    #[serde(skip)]
    pub churn_rate: f64,
    /// Not a CSV column: the cost to serve one customer in force.
    #[serde(skip)]
    pub serve_cost: f64,
    /// Not a CSV column: the share of the base budgets cash paid for (0..1).
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
    insight,
    cash,
    leads_organic,
    leads_sales,
    leads,
    new_organic,
    new_sales,
    new_customers,
    conversion,
    churned,
    returned,
    revenue,
    feedback_sent,
    feedback_arrived,
    rd_spend,
    sales_spend,
    interest,
    costs,
    profit,
);

/// Looks a column up by its name.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// A run: rows 0..=T.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// One row per period, starting at period 0.
    pub rows: Vec<Row>,
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
    fn columns_match_the_contract() {
        let names: Vec<_> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(
            names.join(", "),
            "period, potential, customers, lapsed, market_size, strength, reps, insight, cash, \
             leads_organic, leads_sales, leads, new_organic, new_sales, new_customers, \
             conversion, churned, returned, revenue, feedback_sent, feedback_arrived, \
             rd_spend, sales_spend, interest, costs, profit"
        );
    }
}
