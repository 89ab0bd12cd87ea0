//! The simulation: stocks, flows in the contract's order, events, and the
//! feedback pipeline, for deterministic (expected) and stochastic (drawn) flows.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution};

use super::params::{MARKET_CAP, ParamId as P, Params};
use super::series::{Row, Series};

/// A change of parameters at a period, with a note shown on charts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// The period the event applies from (0..=periods).
    pub at: u32,
    /// What happened ("Competitor launches").
    pub note: String,
    /// The parameters it sets, in the order written.
    pub set: Vec<(P, f64)>,
    /// Cash added once, at period `at` (a funding round).
    pub cash_injection: f64,
}

/// Everything a run needs: parameters, horizon, events and mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Parameter values at period 0.
    pub params: Params,
    /// The horizon T: rows 0..=T are produced.
    pub periods: u32,
    /// Events, in any order (applied in period order, then as written).
    pub events: Vec<Event>,
    /// Draw flows on whole people instead of taking their expected values.
    pub stochastic: bool,
    /// The seed of the stochastic generator.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            params: Params::default(),
            periods: 208,
            events: Vec::new(),
            stochastic: false,
            seed: 1,
        }
    }
}

/// Runs the model over the whole horizon.
///
/// ```
/// let series = flywheel::model::simulate(&flywheel::model::Config::default());
/// assert_eq!(series.rows.len(), 209);
/// ```
pub fn simulate(cfg: &Config) -> Series {
    let mut out = Series::default();
    simulate_into(cfg, &mut out);
    out
}

/// Like [`simulate`], into `out`, reusing its memory (for searches that run
/// the model many times).
pub fn simulate_into(cfg: &Config, out: &mut Series) {
    out.rows.clear();
    if cfg.stochastic {
        run::<Drawn>(
            cfg,
            Drawn(ChaCha8Rng::seed_from_u64(cfg.seed)),
            &mut out.rows,
        );
    } else {
        run::<Expected>(cfg, Expected, &mut out.rows);
    }
}

/// How flows on people are taken: expected values, or binomial draws.
trait Flows {
    /// Whether stocks of people are whole numbers.
    const WHOLE: bool;
    /// `n` people each taking a step with probability `p`.
    fn draw(&mut self, n: f64, p: f64) -> f64;
}

struct Expected;

impl Flows for Expected {
    const WHOLE: bool = false;
    #[inline]
    fn draw(&mut self, n: f64, p: f64) -> f64 {
        n * p
    }
}

struct Drawn(ChaCha8Rng);

impl Flows for Drawn {
    const WHOLE: bool = true;
    fn draw(&mut self, n: f64, p: f64) -> f64 {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        if n < 1.0 || p == 0.0 {
            return 0.0;
        }
        if p == 1.0 {
            return n;
        }
        // n is a whole number of people below 1e15, so it fits a u64 exactly.
        match Binomial::new(n as u64, p) {
            Ok(dist) => dist.sample(&mut self.0) as f64,
            Err(_) => n * p,
        }
    }
}

/// The share of customers lost in a period: the floor, a weak product, a price above the reference.
#[inline]
pub fn churn_rate(p: &Params, strength: f64) -> f64 {
    let over_price = (p[P::Price] / p[P::ReferencePrice] - 1.0).max(0.0);
    (p[P::ChurnFloor] + p[P::ChurnWeak] * (1.0 - strength) + p[P::ChurnPrice] * over_price).min(1.0)
}

/// The share of the base budgets that cash can pay for: 1 with `cash_buffer`
/// periods of them in hand, falling smoothly to 0 at zero cash (1 without bases).
#[inline]
pub fn funding(p: &Params, cash: f64) -> f64 {
    let bases = p[P::RdBase] + p[P::SalesBase];
    if bases > 0.0 {
        let f = cash / (p[P::CashBuffer] * bases);
        if f.is_nan() { 0.0 } else { f.clamp(0.0, 1.0) }
    } else {
        1.0
    }
}

/// R&D's effect before insight and the gap to 1: `rd_effect * rd / (rd + rd_scale + rd_per_customer * C)`.
#[inline]
pub fn rd_gain(p: &Params, rd_spend: f64, customers: f64) -> f64 {
    if rd_spend > 0.0 {
        p[P::RdEffect] * rd_spend / (rd_spend + p[P::RdScale] + p[P::RdPerCustomer] * customers)
    } else {
        0.0
    }
}

/// `s ^ exponent`; the default exponent 1.5 as `s * sqrt(s)`, several times
/// cheaper than `powf` and within an ulp or two of it.
#[inline]
pub fn strength_factor(s: f64, exponent: f64) -> f64 {
    if exponent == 1.5 {
        s * s.sqrt()
    } else {
        s.powf(exponent)
    }
}

/// `min(1, a * b * c)`, where a factor of 0 wins over an infinite one.
#[inline]
fn capped_product(a: f64, b: f64, c: f64) -> f64 {
    let x = a * b * c;
    if x.is_nan() { 0.0 } else { x.min(1.0) }
}

/// `x / n`, 0 where n is 0.
#[inline]
fn per(x: f64, n: f64) -> f64 {
    if n > 0.0 { x / n } else { 0.0 }
}

fn max_latency(cfg: &Config) -> usize {
    let from_events = cfg
        .events
        .iter()
        .flat_map(|e| e.set.iter())
        .filter(|(id, _)| *id == P::Latency)
        .map(|(_, v)| *v);
    from_events
        .chain(std::iter::once(cfg.params[P::Latency]))
        .fold(0.0_f64, f64::max)
        .clamp(0.0, 1_000.0) as usize
}

/// What the parameters give that only an event can change: worked out at
/// the start and again after each event, so the loop divides less.
struct Derived {
    /// `(reference_price / price) ^ elasticity`.
    price_factor: f64,
    /// `churn_price * max(0, price / reference_price - 1)`.
    churn_from_price: f64,
    /// `1 / (cash_buffer * (rd_base + sales_base))`, or `None` without bases.
    per_buffer: Option<f64>,
    /// `1 / rep_cost`.
    per_rep_cost: f64,
    /// `1 / hiring_delay`.
    per_hiring_delay: f64,
}

impl Derived {
    fn of(p: &Params) -> Derived {
        let bases = p[P::RdBase] + p[P::SalesBase];
        Derived {
            price_factor: (p[P::ReferencePrice] / p[P::Price]).powf(p[P::Elasticity]),
            churn_from_price: p[P::ChurnPrice]
                * (p[P::Price] / p[P::ReferencePrice] - 1.0).max(0.0),
            per_buffer: (bases > 0.0).then(|| 1.0 / (p[P::CashBuffer] * bases)),
            per_rep_cost: 1.0 / p[P::RepCost],
            per_hiring_delay: 1.0 / p[P::HiringDelay],
        }
    }
}

fn run<F: Flows>(cfg: &Config, mut flows: F, rows: &mut Vec<Row>) {
    let mut p = cfg.params;
    let horizon = cfg.periods as usize;
    let whole = |x: f64| if F::WHOLE { x.round() } else { x };

    let mut events: Vec<&Event> = cfg.events.iter().collect();
    events.sort_by_key(|e| e.at);
    let mut next_event = 0;

    let mut n = whole(p[P::MarketSize]);
    let mut c = whole(p[P::InitialCustomers]).min(n);
    let mut pot = n - c;
    let mut lapsed = 0.0;
    let mut s = p[P::InitialStrength];
    let mut r = p[P::InitialReps];
    let mut insight = p[P::InitialInsight];
    let mut cash = p[P::InitialCash];

    // Feedback stamped with its arrival period; what arrives after the horizon stays in flight.
    let mut arrivals = vec![0.0; horizon + max_latency(cfg) + 2];
    let mut in_flight = 0.0;
    let mut d = Derived::of(&p);

    rows.reserve(horizon + 1);
    for t in 0..=horizon {
        let mut changed = false;
        while let Some(e) = events.get(next_event).filter(|e| e.at as usize == t) {
            for &(id, v) in &e.set {
                p[id] = v;
            }
            cash += e.cash_injection;
            changed = true;
            next_event += 1;
        }
        if changed {
            d = Derived::of(&p);
        }

        let sfac = strength_factor(s, p[P::StrengthExponent]);
        let conv_self = capped_product(p[P::TrialConversion], sfac, d.price_factor);
        let win = capped_product(p[P::WinRate], sfac, d.price_factor);

        let per_n = per(1.0, n);
        let organic_rate = p[P::Innovation] + p[P::Imitation] * (c * per_n);
        let contact_rate = r * p[P::ContactsPerRep] * per_n;
        let (leads_organic, leads_sales) = if F::WHOLE {
            let lo = flows.draw(pot, organic_rate.min(1.0));
            (lo, flows.draw(pot - lo, contact_rate.min(1.0)))
        } else {
            let lo = (organic_rate * pot).min(pot);
            (lo, (contact_rate * pot).min(pot - lo))
        };
        let new_organic = flows.draw(leads_organic, conv_self);
        let new_sales = flows.draw(leads_sales, win);
        let new_customers = new_organic + new_sales;
        let leads = leads_organic + leads_sales;
        let conversion = per(new_customers, leads);
        let price = p[P::Price];
        let churn_rate =
            (p[P::ChurnFloor] + p[P::ChurnWeak] * (1.0 - s) + d.churn_from_price).min(1.0);
        let churned = flows.draw(c, churn_rate);
        let returned = flows.draw(lapsed, p[P::Winback]);
        let revenue = c * price;

        let funding = match d.per_buffer {
            Some(k) => {
                let f = cash * k;
                if f.is_nan() { 0.0 } else { f.clamp(0.0, 1.0) }
            }
            None => 1.0,
        };
        let rd_spend = p[P::RdBase] * funding + p[P::RdShare] * revenue;
        let sales_budget = p[P::SalesBase] * funding + p[P::SalesShare] * revenue;
        let desired_reps = sales_budget * d.per_rep_cost;
        let sales_spend = r * p[P::RepCost];
        let interest = p[P::OverdraftRate] * (-cash).max(0.0);
        let costs = rd_spend + sales_spend + interest + c * p[P::ServeCost] + p[P::FixedCosts];
        let profit = revenue - costs;

        let feedback_sent = p[P::Capture] * (leads_sales + p[P::ChurnWeight] * churned);
        let latency = p[P::Latency];
        arrivals[t + latency as usize] += feedback_sent;
        in_flight += feedback_sent;
        let feedback_arrived = std::mem::take(&mut arrivals[t]);
        in_flight = (in_flight - feedback_arrived).max(0.0);

        let floor = p[P::InsightFloor];
        let insight_factor = floor + (1.0 - floor) * per(insight, insight + p[P::InsightHalf]);
        let strength_gain = rd_gain(&p, rd_spend, c) * insight_factor * (1.0 - s);

        rows.push(Row {
            period: t as u32,
            potential: pot,
            customers: c,
            lapsed,
            market_size: n,
            strength: s,
            reps: r,
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
            feedback_in_flight: in_flight,
            conv_self,
            win,
            strength_gain,
            latency,
            price,
            churn_rate,
            serve_cost: p[P::ServeCost],
            funding,
        });

        // Updates to t + 1.
        let after = pot - new_customers + returned;
        let room = (MARKET_CAP - n).max(0.0);
        let growing = p[P::MarketGrowth] >= 0.0;
        let growth = if growing {
            // At least 0 >= -after: the floor cannot bind, so growth need
            // not wait for this period's flows.
            whole((n * p[P::MarketGrowth]).min(room))
        } else {
            whole((n * p[P::MarketGrowth]).max(-after).min(room)).max(-after)
        };
        let (pot_raw, c_raw, lapsed_raw) = (
            after + growth,
            c + new_customers - churned,
            lapsed + churned - returned,
        );
        pot = pot_raw.max(0.0);
        c = c_raw.max(0.0);
        lapsed = lapsed_raw.max(0.0);
        // N' = P' + C' + L' = N + growth: the flows between the three stocks
        // cancel. Adding growth alone keeps this period's flows out of the
        // next period's division by N, the kernel's longest chain; the test
        // is a branch, so it does not wait. Where a floor at zero bound (or a
        // shrinking market), the sum is taken as written.
        n = if growing && pot_raw >= 0.0 && c_raw >= 0.0 && lapsed_raw >= 0.0 {
            n + growth
        } else {
            pot + c + lapsed
        };
        s = (s + strength_gain - p[P::Obsolescence] * s).clamp(0.0, 1.0);
        r += (desired_reps - r) * d.per_hiring_delay;
        insight += feedback_arrived - p[P::InsightDecay] * insight;
        cash += profit;
    }
}
