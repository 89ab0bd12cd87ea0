//! The simulation: stocks, flows in the contract's order, events, and the
//! feedback pipeline, for deterministic (expected) and stochastic (drawn) flows.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution};

use super::params::{MARKET_CAP, POLICY_LEVERS, ParamId as P, Params};
use super::series::{Row, Series, Valuation};

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
    /// Euler sub-steps per period (dt = 1 / substeps).
    pub substeps: u32,
}

/// The default number of sub-steps per period: dt = 1/8 period.
pub const DEFAULT_SUBSTEPS: u32 = 8;

impl Default for Config {
    fn default() -> Self {
        Config {
            params: Params::default(),
            periods: 208,
            events: Vec::new(),
            stochastic: false,
            seed: 1,
            substeps: DEFAULT_SUBSTEPS,
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
    simulate_with(cfg, out, true);
}

/// Like [`simulate_into`] without the terminal valuation (`terminal_value`
/// is 0): for fits and charts that read only the rows, several times faster.
pub fn simulate_rows_into(cfg: &Config, out: &mut Series) {
    simulate_with(cfg, out, false);
}

fn simulate_with(cfg: &Config, out: &mut Series, value: bool) {
    out.rows.clear();
    out.valuation = if cfg.stochastic {
        run::<Drawn>(
            cfg,
            Drawn(ChaCha8Rng::seed_from_u64(cfg.seed)),
            &mut out.rows,
            value,
        )
    } else {
        run::<Expected>(cfg, Expected, &mut out.rows, value)
    };
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

/// The price effect `(1 + (price / wtp) ^ elasticity) / 2`: 1 at the
/// willingness to pay; conversion is divided by it, churn multiplied.
#[inline]
pub fn price_effect(price: f64, wtp: f64, elasticity: f64) -> f64 {
    let x = price / wtp;
    let powered = if elasticity == 2.0 {
        x * x
    } else if elasticity == 1.0 {
        x
    } else {
        x.powf(elasticity)
    };
    (1.0 + powered) * 0.5
}

/// What customers will pay for the offer as packaged: the reference price
/// less the monetization gap, closed as insight grows.
#[inline]
pub fn willingness_to_pay(p: &Params, insight_share: f64) -> f64 {
    p[P::ReferencePrice] * (1.0 - p[P::MonetizationGap] * (1.0 - insight_share))
}

/// `I / (I + insight_per_person * N)`, 0 without insight.
#[inline]
pub fn insight_share(p: &Params, insight: f64, market: f64) -> f64 {
    if insight > 0.0 {
        insight / (insight + p[P::InsightPerPerson] * market)
    } else {
        0.0
    }
}

/// The churn rate per period: `(churn_floor + churn_weak * (1 - S)) * pe`
/// (0 when the bracket is 0, whatever the price effect).
#[inline]
pub fn churn_rate(p: &Params, strength: f64, price_effect: f64) -> f64 {
    let bracket = p[P::ChurnFloor] + p[P::ChurnWeak] * (1.0 - strength);
    if bracket > 0.0 {
        bracket * price_effect
    } else {
        0.0
    }
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

/// R&D's effect before insight and the gap to 1:
/// `rd_effect * rd / (rd + rd_per_person * N + rd_per_customer * C)` (0 without spend).
#[inline]
pub fn rd_gain(p: &Params, rd_spend: f64, market: f64, customers: f64) -> f64 {
    if rd_spend > 0.0 {
        let need = p[P::RdPerPerson] * market + p[P::RdPerCustomer] * customers;
        p[P::RdEffect] * rd_spend / (rd_spend + need)
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

/// `1 - exp(-y)` for y >= 0, to a few ulps: a series below 1/2 (where
/// `1 - exp(-y)` would cancel), `exp` above. Several times cheaper than
/// `-expm1(-y)` from the system's library, and the sales reach takes one
/// each sub-step.
#[inline(always)]
pub fn one_minus_exp_neg(y: f64) -> f64 {
    if y < 0.5 {
        // y - y^2/2! + y^3/3! - ... to y^16/16!: the next term is below
        // 1e-18 of the sum.
        const C: [f64; 16] = [
            1.0,
            -1.0 / 2.0,
            1.0 / 6.0,
            -1.0 / 24.0,
            1.0 / 120.0,
            -1.0 / 720.0,
            1.0 / 5_040.0,
            -1.0 / 40_320.0,
            1.0 / 362_880.0,
            -1.0 / 3_628_800.0,
            1.0 / 39_916_800.0,
            -1.0 / 479_001_600.0,
            1.0 / 6_227_020_800.0,
            -1.0 / 87_178_291_200.0,
            1.0 / 1_307_674_368_000.0,
            -1.0 / 20_922_789_888_000.0,
        ];
        let mut acc = C[15];
        for c in C[..15].iter().rev() {
            acc = acc * y + c;
        }
        acc * y
    } else {
        1.0 - (-y).exp()
    }
}

/// `min(1, x)`, 0 for NaN (a conversion times an infinite price effect's 0).
#[inline]
fn capped(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.min(1.0) }
}

/// The most feedback latency in force at any time of the run.
fn max_latency(cfg: &Config) -> f64 {
    cfg.events
        .iter()
        .flat_map(|e| e.set.iter())
        .filter(|(id, _)| *id == P::Latency)
        .map(|(_, v)| *v)
        .chain(std::iter::once(cfg.params[P::Latency]))
        .fold(0.0_f64, f64::max)
        .clamp(0.0, 1_000.0)
}

/// What the parameters give that only an event can change: worked out at
/// the start and again after each event, so the loop divides less.
#[derive(Debug, Clone, Copy)]
struct Derived {
    dt: f64,
    inv_dt: f64,
    /// `1 / (cash_buffer * (rd_base + sales_base))`, or `None` without bases.
    per_buffer: Option<f64>,
    per_rep_cost: f64,
    /// `1 / max(hiring_delay, dt)`.
    per_hiring: f64,
    /// `1 / max(ramp_time, dt)`.
    per_ramp: f64,
    /// `exp(-insight_decay * latency)`: what feedback keeps of its relevance in transit.
    keep: f64,
    /// Whole sub-steps of latency, and the fraction of one beyond them.
    n0: usize,
    fr: f64,
    /// `min(insight_decay, 1/dt) * dt`, and the same for obsolescence.
    decay_dt: f64,
    obsolescence_dt: f64,
    /// `min(winback * dt, 1)`.
    winback_dt: f64,
    /// `exp(-discount_rate * dt)`: the discount factor of one sub-step.
    discount_step: f64,
    /// `1 / recontact_time` (0 when it is 0: reach does not saturate).
    per_recontact: f64,
    /// `price / reference_price`.
    price_ratio: f64,
}

impl Derived {
    fn of(p: &Params, dt: f64) -> Derived {
        let bases = p[P::RdBase] + p[P::SalesBase];
        let inv_dt = 1.0 / dt;
        let (n0, fr) = split_latency(p[P::Latency], dt);
        Derived {
            dt,
            inv_dt,
            per_buffer: (bases > 0.0).then(|| 1.0 / (p[P::CashBuffer] * bases)),
            per_rep_cost: 1.0 / p[P::RepCost],
            per_hiring: 1.0 / p[P::HiringDelay].max(dt),
            per_ramp: 1.0 / p[P::RampTime].max(dt),
            keep: (-p[P::InsightDecay] * p[P::Latency]).exp(),
            n0,
            fr,
            decay_dt: p[P::InsightDecay].min(inv_dt) * dt,
            obsolescence_dt: p[P::Obsolescence].min(inv_dt) * dt,
            winback_dt: (p[P::Winback] * dt).min(1.0),
            discount_step: (-p[P::DiscountRate] * dt).exp(),
            price_ratio: p[P::Price] / p[P::ReferencePrice],
            per_recontact: if p[P::RecontactTime] > 0.0 {
                1.0 / p[P::RecontactTime]
            } else {
                0.0
            },
        }
    }
}

/// A latency in sub-steps: whole ones and the fraction beyond (below 1e-9 counts as 0).
fn split_latency(latency: f64, dt: f64) -> (usize, f64) {
    let x = (latency / dt).max(0.0);
    let mut n0 = x.floor();
    let mut fr = x - n0;
    if fr < 1e-9 {
        fr = 0.0;
    } else if 1.0 - fr < 1e-9 {
        n0 += 1.0;
        fr = 0.0;
    }
    (n0 as usize, fr)
}

/// Everything that carries from one sub-step to the next.
#[derive(Debug, Clone)]
struct State {
    pot: f64,
    c: f64,
    lapsed: f64,
    n: f64,
    s: f64,
    rookies: f64,
    experienced: f64,
    insight: f64,
    cash: f64,
    /// The global sub-step index k.
    k: usize,
    /// `exp(-discount_rate * tau)` at this sub-step.
    disc: f64,
    /// Feedback amounts stamped by arrival sub-step, a ring of `mask + 1` slots.
    transit: Vec<f64>,
    mask: usize,
    in_transit: f64,
    /// What was in transit at the start (the equilibrium's).
    in_transit_at_start: f64,
    /// `1 / n` for the `n` it was taken of: without growth the market's
    /// total does not move, so the division is taken once.
    per_n: f64,
    per_n_of: f64,
}

/// What a sub-step reports besides the amounts it adds to its row: the
/// rates and shares a row shows as at its first sub-step, and profit.
#[derive(Debug, Clone, Copy, Default)]
struct Step {
    insight_share: f64,
    willingness_to_pay: f64,
    conv_self: f64,
    win: f64,
    churn_rate: f64,
    funding: f64,
    profit_rate: f64,
}

impl State {
    fn stamp(&mut self, d: &Derived, amount: f64) {
        let at = self.k + d.n0;
        self.transit[at & self.mask] += (1.0 - d.fr) * amount;
        if d.fr > 0.0 {
            self.transit[(at + 1) & self.mask] += d.fr * amount;
        }
        self.in_transit += amount;
    }

    /// One Euler sub-step: the flows from the stocks now, added to `row`
    /// as amounts, then the stocks moved by them.
    #[inline(always)]
    fn substep<F: Flows, const ROW: bool>(
        &mut self,
        p: &Params,
        d: &Derived,
        flows: &mut F,
        row: &mut Row,
    ) -> Step {
        let whole = |x: f64| if F::WHOLE { x.round() } else { x };
        let dt = d.dt;
        let (n, pot, c, lapsed, s) = (self.n, self.pot, self.c, self.lapsed, self.s);
        let reps = self.rookies + self.experienced;
        let reach_reps = self.experienced + p[P::RookieProductivity] * self.rookies;
        let ishare = insight_share(p, self.insight, n);
        let ifac = p[P::InsightFloor] + (1.0 - p[P::InsightFloor]) * ishare;
        let wtp = willingness_to_pay(p, ishare);
        // With the default elasticity 2, price / wtp = r * D / E (r = price /
        // reference, D = I + ipp N, E = I + (1 - gap) ipp N), so the price
        // effect and its inverse each take one division of the same terms,
        // side by side, instead of three in a row.
        let (pe, per_pe) = {
            let ipp_n = p[P::InsightPerPerson] * n;
            let big_d = self.insight + ipp_n;
            let big_e = self.insight + (1.0 - p[P::MonetizationGap]) * ipp_n;
            if p[P::Elasticity] == 2.0 && big_e > 0.0 && big_e < 1e100 && big_d < 1e100 {
                let rd = d.price_ratio * big_d;
                let (e2, r2) = (big_e * big_e, rd * rd);
                ((e2 + r2) / (2.0 * e2), 2.0 * e2 / (e2 + r2))
            } else {
                let pe = price_effect(p[P::Price], wtp, p[P::Elasticity]);
                (pe, 1.0 / pe)
            }
        };
        let sfac = strength_factor(s, p[P::StrengthExponent]);
        let conv_self = capped(p[P::TrialConversion] * sfac * per_pe);
        let win = capped(p[P::WinRate] * sfac * per_pe);
        let churn = churn_rate(p, s, pe);

        if n != self.per_n_of {
            self.per_n = if n > 0.0 { 1.0 / n } else { 0.0 };
            self.per_n_of = n;
        }
        let per_n = self.per_n;
        let organic_rate = p[P::Innovation] + p[P::Imitation] * s * (c * per_n);
        let reach = reach_reps * p[P::ContactsPerRep] * per_n;
        let h_sales = if d.per_recontact > 0.0 {
            one_minus_exp_neg(reach * p[P::RecontactTime]) * d.per_recontact
        } else {
            reach
        };
        let organic_p = (organic_rate * dt).min(1.0);
        let (leads_organic, leads_sales) = if F::WHOLE {
            let lo = flows.draw(pot, organic_p);
            let left = pot - lo;
            let m = (h_sales * pot * dt).min(left);
            (
                lo,
                flows.draw(left, if left > 0.0 { m / left } else { 0.0 }),
            )
        } else {
            let lo = organic_p * pot;
            (lo, (h_sales * pot * dt).min(pot - lo))
        };
        let new_organic = flows.draw(leads_organic, conv_self);
        let new_sales = flows.draw(leads_sales, win);
        let new_customers = new_organic + new_sales;
        let churned = flows.draw(c, (churn * dt).min(1.0));
        let open = (pot - new_customers).max(0.0);
        let warn = (p[P::Detraction] * churned * pot * per_n).min(open);
        let warned_off = if F::WHOLE {
            flows.draw(open, if open > 0.0 { warn / open } else { 0.0 })
        } else {
            warn
        };
        let returned = flows.draw(lapsed, d.winback_dt);
        let room = (MARKET_CAP - n).max(0.0);
        let growth = whole(
            (p[P::MarketGrowth] * n * dt)
                .max(-(pot - new_customers - warned_off + returned))
                .min(room),
        )
        .max(-(pot - new_customers - warned_off + returned));

        let revenue = c * p[P::Price];
        let funding = match d.per_buffer {
            Some(k) => {
                let f = self.cash * k;
                if f.is_nan() { 0.0 } else { f.clamp(0.0, 1.0) }
            }
            None => 1.0,
        };
        let rd_spend = p[P::RdBase] * funding + p[P::RdShare] * revenue;
        let desired_reps =
            (p[P::SalesBase] * funding + p[P::SalesShare] * revenue) * d.per_rep_cost;
        let sales_spend = reps * p[P::RepCost];
        let interest = p[P::OverdraftRate] * (-self.cash).max(0.0);
        let costs = rd_spend + sales_spend + interest + c * p[P::ServeCost] + p[P::FixedCosts];
        let profit = revenue - costs;

        let sent = p[P::Capture]
            * (leads_sales
                + p[P::OrganicWeight] * leads_organic
                + p[P::UsageWeight] * c * dt
                + p[P::ChurnWeight] * churned);
        let kept = sent * d.keep;
        self.stamp(d, kept);
        let slot = self.k & self.mask;
        let arrived = std::mem::take(&mut self.transit[slot]);
        self.in_transit = (self.in_transit - arrived).max(0.0);

        let strength_gain = rd_gain(p, rd_spend, n, c) * ifac * (1.0 - s);
        let hiring = (desired_reps - reps) * d.per_hiring;
        let hired = hiring.max(0.0);
        let fired = (-hiring).max(0.0);
        let (fired_r, fired_e) = if fired > 0.0 && reps > 0.0 {
            let per_rep = fired / reps;
            (per_rep * self.rookies, per_rep * self.experienced)
        } else {
            (0.0, 0.0)
        };
        let ramped = (self.rookies * d.per_ramp).min(self.rookies * d.inv_dt - fired_r);

        if ROW {
            row.leads_organic += leads_organic;
            row.leads_sales += leads_sales;
            row.new_organic += new_organic;
            row.new_sales += new_sales;
            row.churned += churned;
            row.warned_off += warned_off;
            row.returned += returned;
            row.revenue += revenue * dt;
            row.feedback_sent += sent;
            row.feedback_stale += sent - kept;
            row.feedback_arrived += arrived;
            row.rd_spend += rd_spend * dt;
            row.sales_spend += sales_spend * dt;
            row.interest += interest * dt;
            row.costs += costs * dt;
            row.profit += profit * dt;
            row.discounted_profit += profit * dt * self.disc;
            row.strength_gain += strength_gain * dt;
        }

        // Updates to the next sub-step. N' = P' + C' + L' = N + growth (the
        // flows between the three stocks cancel): a market without growth
        // keeps N to the bit, so 1/N is taken once. Where the market grows
        // or shrinks, or a floor at zero binds, the sum is taken as written.
        let (pot_raw, c_raw, lapsed_raw) = (
            pot + returned + growth - new_customers - warned_off,
            c + new_customers - churned,
            lapsed + churned + warned_off - returned,
        );
        self.pot = pot_raw.max(0.0);
        self.c = c_raw.max(0.0);
        self.lapsed = lapsed_raw.max(0.0);
        self.n = if growth == 0.0 && pot_raw >= 0.0 && c_raw >= 0.0 && lapsed_raw >= 0.0 {
            n
        } else {
            self.pot + self.c + self.lapsed
        };
        self.s = (s + dt * strength_gain - d.obsolescence_dt * s).clamp(0.0, 1.0);
        self.rookies = (self.rookies + dt * (hired - ramped - fired_r)).max(0.0);
        self.experienced = (self.experienced + dt * (ramped - fired_e)).max(0.0);
        self.insight += arrived - d.decay_dt * self.insight;
        self.cash += dt * profit;
        self.disc *= d.discount_step;
        self.k += 1;
        Step {
            insight_share: ishare,
            willingness_to_pay: wtp,
            conv_self,
            win,
            churn_rate: churn,
            funding,
            profit_rate: profit,
        }
    }

    /// The row's stocks: the state at the start of a period.
    fn row(&self, t: u32, p: &Params) -> Row {
        Row {
            period: t,
            potential: self.pot,
            customers: self.c,
            lapsed: self.lapsed,
            market_size: self.n,
            strength: self.s,
            reps: self.rookies + self.experienced,
            rookies: self.rookies,
            insight: self.insight,
            cash: self.cash,
            latency: p[P::Latency],
            price: p[P::Price],
            serve_cost: p[P::ServeCost],
            ..Row::default()
        }
    }
}

/// A run's rows into `rows`; its valuation returned.
fn run<F: Flows>(cfg: &Config, mut flows: F, rows: &mut Vec<Row>, value: bool) -> Valuation {
    let mut p = cfg.params;
    let horizon = cfg.periods as usize;
    let substeps = cfg.substeps.max(1) as usize;
    let dt = 1.0 / substeps as f64;
    let whole = |x: f64| if F::WHOLE { x.round() } else { x };

    let mut events: Vec<&Event> = cfg.events.iter().collect();
    events.sort_by_key(|e| e.at);
    let mut next_event = 0;

    let n = whole(p[P::MarketSize]);
    let c = whole(p[P::InitialCustomers]).min(n);
    let slots = ((max_latency(cfg) / dt).ceil() as usize + 3).next_power_of_two();
    let mut st = State {
        pot: n - c,
        c,
        lapsed: 0.0,
        n,
        s: p[P::InitialStrength],
        rookies: 0.0,
        experienced: p[P::InitialReps],
        insight: 0.0,
        cash: p[P::InitialCash],
        k: 0,
        disc: 1.0,
        transit: vec![0.0; slots],
        mask: slots - 1,
        in_transit: 0.0,
        in_transit_at_start: 0.0,
        per_n: 0.0,
        per_n_of: f64::NAN,
    };
    let mut d = Derived::of(&p, dt);
    // The levers the terminal valuation holds: those of period T - lag - 1.
    let mut levers = p;
    let mut end: Option<(State, Params)> = None;

    rows.reserve(horizon + 1);
    for t in 0..=horizon {
        let mut changed = false;
        while let Some(e) = events.get(next_event).filter(|e| e.at as usize == t) {
            for &(id, v) in &e.set {
                p[id] = v;
            }
            st.cash += e.cash_injection;
            changed = true;
            next_event += 1;
        }
        if changed {
            d = Derived::of(&p, dt);
        }
        if t == 0 {
            start_at_equilibrium(&mut st, &p, &d);
        }
        let lag = p[P::ValuationLag].max(0.0) as usize;
        if t == horizon.saturating_sub(lag + 1) || (t == 0 && lag + 1 > horizon) {
            levers = p;
        }
        if value && t == horizon {
            end = Some((st.clone(), p));
        }
        let mut row = st.row(t as u32, &p);
        let first = st.substep::<F, true>(&p, &d, &mut flows, &mut row);
        row.insight_share = first.insight_share;
        row.willingness_to_pay = first.willingness_to_pay;
        row.conv_self = first.conv_self;
        row.win = first.win;
        row.churn_rate = first.churn_rate;
        row.funding = first.funding;
        for _ in 1..substeps {
            st.substep::<F, true>(&p, &d, &mut flows, &mut row);
        }
        row.leads = row.leads_organic + row.leads_sales;
        row.new_customers = row.new_organic + row.new_sales;
        row.conversion = if row.leads > 0.0 {
            row.new_customers / row.leads
        } else {
            0.0
        };
        row.feedback_in_flight = st.in_transit;
        rows.push(row);
    }

    let pv_profit = rows.iter().take(horizon).map(|r| r.discounted_profit).sum();
    let terminal_value = match end {
        Some((state, at_end)) => terminal_value(state, at_end, &levers, substeps, dt),
        None => 0.0,
    };
    Valuation {
        pv_profit,
        terminal_value,
        feedback_in_transit_at_start: st.in_transit_at_start,
    }
}

/// Insight and the feedback in transit at what the initial feedback flow
/// sustains (times `initial_insight_ratio`).
fn start_at_equilibrium(st: &mut State, p: &Params, d: &Derived) {
    let ratio = p[P::InitialInsightRatio];
    if ratio <= 0.0 {
        return;
    }
    // F0: the feedback sent at sub-step 0 with no insight, on expected flows.
    let mut probe = st.clone();
    probe.insight = 0.0;
    let mut scratch = Row::default();
    probe.substep::<Expected, true>(p, d, &mut Expected, &mut scratch);
    let f0 = scratch.feedback_sent / d.dt;
    let per_step = f0 * d.dt * d.keep;
    // A decay rate near zero sustains an unbounded insight: cap it, finite.
    st.insight = (ratio * f0 * d.keep / p[P::InsightDecay]).min(1e300);
    for k in 0..d.n0 {
        st.transit[k & st.mask] += per_step;
    }
    st.transit[d.n0 & st.mask] += d.fr * per_step;
    st.in_transit = per_step * (d.n0 as f64 + d.fr);
    st.in_transit_at_start = st.in_transit;
}

/// The end state run on for `valuation_periods` on expected flows, with the
/// parameters in force at T but the policy levers of period T - lag - 1, then a perpetuity.
fn terminal_value(mut st: State, mut p: Params, levers: &Params, substeps: usize, dt: f64) -> f64 {
    for id in POLICY_LEVERS {
        p[id] = levers[id];
    }
    let d = Derived::of(&p, dt);
    let steps = p[P::ValuationPeriods].max(0.0) as usize * substeps;
    let mut scratch = Row::default();
    let mut sum = 0.0;
    let mut last = 0.0;
    if steps == 0 {
        let mut probe = st.clone();
        last = probe
            .substep::<Expected, false>(&p, &d, &mut Expected, &mut scratch)
            .profit_rate;
    }
    for _ in 0..steps {
        let before = st.disc;
        last = st
            .substep::<Expected, false>(&p, &d, &mut Expected, &mut scratch)
            .profit_rate;
        sum += last * dt * before;
    }
    let tv = sum + last * st.disc / p[P::DiscountRate];
    if tv.is_finite() {
        tv.max(0.0)
    } else if tv > 0.0 {
        f64::MAX
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_minus_exp_neg_agrees_with_the_library_to_a_few_ulps() {
        let mut y = 0.0_f64;
        while y < 720.0 {
            let want = -(-y).exp_m1();
            let got = one_minus_exp_neg(y);
            assert!(
                (got - want).abs() <= 4.0 * f64::EPSILON * want.abs(),
                "y = {y}: {got} vs {want}"
            );
            y = if y < 1.0 {
                y + 0.001_37
            } else {
                y * 1.013 + 0.01
            };
        }
        assert_eq!(one_minus_exp_neg(0.0), 0.0);
        for y in [
            1e-300_f64, 1e-12, 1e-6, 0.25, 0.499_999, 0.5, 0.693, 1.0, 37.0, 699.0,
        ] {
            let want = -(-y).exp_m1();
            assert!((one_minus_exp_neg(y) - want).abs() <= 4.0 * f64::EPSILON * want);
        }
    }
}
