//! The output of a run: one [`Row`] per period, and the column table that
//! names them for CSV, JSON and charts.

/// The output columns and the [`Row`] they are read from, declared once:
/// each field's doc, and what kind of value it is (a stock or a share as at
/// the period's start, or an amount over the period). The fields after
/// `hidden` are in the row, for charts and checks, but not in the CSV.
macro_rules! row {
    (
        shown {
            $( $(#[$doc:meta])* $field:ident : $kind:ident, )*
        }
        hidden {
            $( $(#[$hdoc:meta])* $hidden:ident, )*
        }
    ) => {
        /// One period of a run: the stocks at the start of period t (after its
        /// events), the flows as amounts over the period [t, t+1) (summed over its
        /// sub-steps), and the shares as at its first sub-step.
        #[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
        pub struct Row {
            /// Period t.
            pub period: u32,
            $( $(#[$doc])* pub $field: f64, )*
            $( $(#[$hdoc])* #[serde(skip)] pub $hidden: f64, )*
        }

        /// The output columns of MODEL.md, in order: the CSV header.
        pub static COLUMNS: &[Column] = &[
            Column { name: "period", get: |r| f64::from(r.period), kind: Kind::Stock },
            $( Column { name: stringify!($field), get: |r| r.$field, kind: Kind::$kind }, )*
        ];
    };
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A stock (or the period's number) as at the period's start.
    Stock,
    /// A rate or share as at the period's first sub-step.
    Share,
    /// An amount over the period: the sum of rate * dt over its sub-steps.
    Amount,
}

/// A named output column and how to read it from a row.
#[derive(Clone, Copy)]
pub struct Column {
    /// The CSV header name.
    pub name: &'static str,
    /// Reads the column's value.
    pub get: fn(&Row) -> f64,
    /// A stock, a share or an amount.
    pub kind: Kind,
}

row! {
    shown {
        /// Prospects who are not customers.
        potential: Stock,
        /// Paying customers.
        customers: Stock,
        /// Former customers and warned-off prospects, not prospects for now.
        lapsed: Stock,
        /// The addressable market (potential + customers + lapsed).
        market_size: Stock,
        /// Product strength, 0..1.
        strength: Stock,
        /// The sales team in reps, rookies included.
        reps: Stock,
        /// Reps still ramping up (of `reps`).
        rookies: Stock,
        /// Customer insight available to product.
        insight: Stock,
        /// Insight over insight plus its half-effect level (0..1).
        insight_share: Share,
        /// What customers will pay for the offer as packaged.
        willingness_to_pay: Share,
        /// Cash on hand.
        cash: Stock,
        /// Leads from word of mouth and discovery (Bass).
        leads_organic: Amount,
        /// Leads from sales approaches.
        leads_sales: Amount,
        /// All leads.
        leads: Amount,
        /// Organic leads who bought.
        new_organic: Amount,
        /// Sales leads won.
        new_sales: Amount,
        /// All new customers.
        new_customers: Amount,
        /// New customers over leads (0 without leads).
        conversion: Share,
        /// Customers lost (they become lapsed).
        churned: Amount,
        /// Prospects talked out of buying by lost customers (they become lapsed).
        warned_off: Amount,
        /// Lapsed who are prospects again.
        returned: Amount,
        /// Revenue over the period.
        revenue: Amount,
        /// Feedback sent toward product.
        feedback_sent: Amount,
        /// Feedback whose relevance was lost in transit.
        feedback_stale: Amount,
        /// Feedback that reached product.
        feedback_arrived: Amount,
        /// R&D spend.
        rd_spend: Amount,
        /// What the sales team on payroll costs.
        sales_spend: Amount,
        /// Overdraft interest paid on negative cash.
        interest: Amount,
        /// All costs.
        costs: Amount,
        /// Revenue minus costs.
        profit: Amount,
        /// Profit discounted to period 0 at `finance.discount_rate`.
        discounted_profit: Amount,
    }
    hidden {
        /// feedback still in transit at the end of the period.
        feedback_in_flight,
        /// the self-serve conversion rate at the first sub-step.
        conv_self,
        /// the sales win rate at the first sub-step.
        win,
        /// strength gained from R&D over the period.
        strength_gain,
        /// the feedback latency in force (periods).
        latency,
        /// the price in force.
        price,
        /// the churn rate at the first sub-step (per period).
        churn_rate,
        /// the cost to serve one customer in force.
        serve_cost,
        /// the share of the base budgets cash paid for (0..1), at the first sub-step.
        funding,
    }
}

/// The output columns that are amounts over a period, as rows report them
/// (the sum of rate * dt over the period's sub-steps); the rest are stocks
/// or shares as at the period's start.
pub fn amount_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS
        .iter()
        .filter(|c| c.kind == Kind::Amount)
        .map(|c| c.name)
}

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
    /// The period the figures are measured from (0 unless the run decides
    /// from today); `pv_profit` and `terminal_value` are then discounted to it.
    #[serde(skip)]
    pub from: u32,
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
    fn the_amounts_are_the_flows_and_money_over_a_period() {
        let amounts: Vec<&str> = amount_columns().collect();
        assert_eq!(
            amounts.join(", "),
            "leads_organic, leads_sales, leads, new_organic, new_sales, new_customers, \
             churned, warned_off, returned, revenue, feedback_sent, feedback_stale, \
             feedback_arrived, rd_spend, sales_spend, interest, costs, profit, discounted_profit"
        );
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
