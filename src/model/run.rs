//! The simulation: stocks, flows in the contract's order, events, and the
//! feedback pipeline, for deterministic (expected) and stochastic (drawn) flows.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::flows::{Drawn, Expected, Flows};
use super::now::{Now, Stock};
use super::params::{POLICY_LEVERS, ParamId as P, Params, SIZE_KEYS};
pub use super::rates::{
    churn_rate, funding, insight_share, one_minus_exp_neg, price_effect, rd_gain, strength_factor,
    willingness_to_pay,
};
use super::series::{Row, Series, Valuation};
pub use super::step::split_latency;
use super::step::{Derived, State};

/// A change of parameters at a period, with a note shown on charts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// A name to refer to it by (`starter_tier`: `fit --param
    /// event.starter_tier.pricing.price`); empty when it has none.
    pub name: String,
    /// The period the event applies from (0..=periods).
    pub at: u32,
    /// What happened ("Competitor launches").
    pub note: String,
    /// The parameters it sets, in the order written.
    pub set: Vec<(P, f64)>,
    /// Cash added once, at period `at` (a funding round).
    pub cash_injection: f64,
    /// People added to the market once, at period `at`, as prospects not
    /// yet reached (a new segment, a new country); negative: prospects
    /// lost, at most all of them.
    pub market_change: f64,
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
    /// Deciding from today: stocks reconciled, a what-if and the figures
    /// from a period on (`None`: from the start).
    pub now: Option<Now>,
}

/// The default number of sub-steps per period: dt = 1/8 period.
pub const DEFAULT_SUBSTEPS: u32 = 8;

impl Config {
    /// The same company at `k` times its size: every [`SIZE_KEYS`]
    /// parameter, in the start values and in events, and every funding
    /// round multiplied by `k`.
    pub fn scaled(&self, k: f64) -> Config {
        let mut c = self.clone();
        for id in SIZE_KEYS {
            c.params[id] *= k;
        }
        for e in &mut c.events {
            e.cash_injection *= k;
            e.market_change *= k;
            for (id, v) in &mut e.set {
                if SIZE_KEYS.contains(id) {
                    *v *= k;
                }
            }
        }
        c
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            params: Params::default(),
            periods: 208,
            events: Vec::new(),
            stochastic: false,
            seed: 1,
            substeps: DEFAULT_SUBSTEPS,
            now: None,
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

/// The most feedback latency in force at any time of the run.
fn max_latency(cfg: &Config) -> f64 {
    cfg.events
        .iter()
        .flat_map(|e| e.set.iter())
        .chain(cfg.now.iter().flat_map(|n| n.set.iter()))
        .filter(|(id, _)| *id == P::Latency)
        .map(|(_, v)| *v)
        .chain(std::iter::once(cfg.params[P::Latency]))
        .fold(0.0_f64, f64::max)
        .clamp(0.0, 1_000.0)
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
    // Where the figures are measured from, and the discount factor there.
    let (mut from, mut disc_from) = (0, 1.0);

    rows.reserve(horizon + 1);
    for t in 0..=horizon {
        let mut changed = false;
        while let Some(e) = events.get(next_event).filter(|e| e.at as usize == t) {
            for &(id, v) in &e.set {
                p[id] = v;
            }
            st.cash += e.cash_injection;
            if e.market_change != 0.0 {
                change_market(&mut st, e.market_change, F::WHOLE);
            }
            changed = true;
            next_event += 1;
        }
        let now = cfg.now.as_ref().filter(|n| n.at as usize == t);
        if let Some(now) = now {
            for &(id, v) in &now.set {
                p[id] = v;
            }
            changed |= !now.set.is_empty();
        }
        if changed {
            d = Derived::of(&p, dt);
        }
        if t == 0 {
            start_at_equilibrium(&mut st, &p, &d);
        }
        if let Some(now) = now {
            reconcile(&mut st, &now.stocks, F::WHOLE);
            from = t;
            disc_from = st.disc;
        }
        let lag = p[P::ValuationLag].max(0.0) as usize;
        if t == horizon.saturating_sub(lag + 1) || (t == 0 && lag + 1 > horizon) {
            levers = p;
        }
        if value && t == horizon {
            end = Some((st.clone(), p));
        }
        // The row is built where it stays, not moved into `rows` afterwards.
        let at = rows.len();
        rows.push(st.row(t as u32, &p));
        let row = &mut rows[at];
        let first = st.substep::<F, true>(&p, &d, &mut flows, row);
        row.insight_share = first.insight_share;
        row.willingness_to_pay = first.willingness_to_pay;
        row.conv_self = first.conv_self;
        row.win = first.win;
        row.churn_rate = first.churn_rate;
        row.funding = first.funding;
        for _ in 1..substeps {
            st.substep::<F, true>(&p, &d, &mut flows, row);
        }
        row.leads = row.leads_organic + row.leads_sales;
        row.new_customers = row.new_organic + row.new_sales;
        row.conversion = if row.leads > 0.0 {
            row.new_customers / row.leads
        } else {
            0.0
        };
        row.feedback_in_flight = st.in_transit;
    }

    let pv_profit = rows
        .iter()
        .take(horizon)
        .skip(from)
        .map(|r| r.discounted_profit)
        .sum::<f64>()
        / disc_from;
    let terminal_value = match end {
        Some((state, at_end)) => terminal_value(state, at_end, &levers, substeps, dt) / disc_from,
        None => 0.0,
    };
    Valuation {
        pv_profit,
        terminal_value,
        feedback_in_transit_at_start: st.in_transit_at_start,
        from: from as u32,
    }
}

/// People added to (or taken from) the market as prospects not yet
/// reached, within what the potential holds and the market's cap.
fn change_market(st: &mut State, by: f64, whole: bool) {
    let by = if whole { by.round() } else { by };
    let by = by
        .max(-st.pot)
        .min((super::params::MARKET_CAP - st.n).max(0.0));
    st.pot += by;
    st.n += by;
    st.per_n_of = f64::NAN;
}

/// The stocks set to a company's actuals (see [`Now`]): the market keeps
/// its total (grown if the actuals need more room), prospects take up the
/// difference, reps keep their split.
fn reconcile(st: &mut State, stocks: &[(Stock, f64)], whole: bool) {
    if stocks.is_empty() {
        return;
    }
    let round = |x: f64| if whole { x.round() } else { x };
    for &(stock, v) in stocks {
        // Cash is the one stock that may be negative.
        let v = if stock == Stock::Cash {
            round(v)
        } else {
            round(v.max(0.0))
        };
        match stock {
            Stock::MarketSize => st.n = v,
            Stock::Customers => st.c = v,
            Stock::Lapsed => st.lapsed = v,
            Stock::Strength => st.s = v.clamp(0.0, 1.0),
            Stock::Reps => {
                let team = st.rookies + st.experienced;
                if team > 0.0 {
                    st.rookies *= v / team;
                    st.experienced = v - st.rookies;
                } else {
                    st.experienced = v;
                }
            }
            Stock::Cash => st.cash = v,
        }
    }
    st.n = st.n.max(st.c + st.lapsed);
    st.pot = st.n - st.c - st.lapsed;
    st.per_n_of = f64::NAN;
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
