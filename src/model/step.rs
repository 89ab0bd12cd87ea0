//! One Euler sub-step of the model: the state that carries from one
//! sub-step to the next, the constants worked out from the parameters, and
//! the flows in MODEL.md's order, taken as expected values or drawn.

use super::flows::Flows;
use super::params::{DEBT_MAX, MARKET_CAP, ParamId as P, Params};
use super::rates::{
    at_most, capped, churn_rate, insight_share, one_minus_exp_neg, price_effect, rd_gain,
    strength_factor, willingness_to_pay,
};
use super::series::Row;

/// What the parameters give that only an event can change: worked out at
/// the start and again after each event, so the loop divides less.
#[derive(Debug, Clone, Copy)]
pub(super) struct Derived {
    pub(super) dt: f64,
    pub(super) inv_dt: f64,
    /// `1 / (cash_buffer * (rd_base + sales_base))`, or `None` without bases.
    pub(super) per_buffer: Option<f64>,
    pub(super) per_rep_cost: f64,
    /// `1 / max(hiring_delay, dt)`.
    pub(super) per_hiring: f64,
    /// `1 / max(ramp_time, dt)`.
    pub(super) per_ramp: f64,
    /// `exp(-insight_decay * latency)`: what feedback keeps of its relevance in transit.
    pub(super) keep: f64,
    /// Whole sub-steps of latency, and the fraction of one beyond them.
    pub(super) n0: usize,
    pub(super) fr: f64,
    /// `min(insight_decay, 1/dt) * dt`, and the same for obsolescence.
    pub(super) decay_dt: f64,
    pub(super) obsolescence_dt: f64,
    /// `min(winback * dt, 1)`.
    pub(super) winback_dt: f64,
    /// `exp(-discount_rate * dt)`: the discount factor of one sub-step.
    pub(super) discount_step: f64,
    /// `1 / recontact_time` (0 when it is 0: reach does not saturate).
    pub(super) per_recontact: f64,
    /// `price / reference_price`.
    pub(super) price_ratio: f64,
}

impl Derived {
    pub(super) fn of(p: &Params, dt: f64) -> Derived {
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

/// The market's growth in a sub-step, `wanted` (rate * N * dt), kept
/// within the room below the cap and above what would empty the potential
/// stock (`after`: what it holds after this sub-step's other flows).
#[cold]
#[inline(never)]
fn grown<F: Flows>(wanted: f64, after: f64, n: f64) -> f64 {
    let room = (MARKET_CAP - n).max(0.0);
    let g = wanted.max(-after).min(room);
    let g = if F::WHOLE { g.round() } else { g };
    g.max(-after)
}

/// The three stocks where growth moved the market or a floor at zero
/// bound: each floored, and N their sum. Out of line, so the usual case is
/// a predicted branch rather than a select that waits on the sums.
#[cold]
#[inline(never)]
fn floored(pot: f64, c: f64, lapsed: f64) -> (f64, f64, f64, f64) {
    let (pot, c, lapsed) = (pot.max(0.0), c.max(0.0), lapsed.max(0.0));
    (pot, c, lapsed, pot + c + lapsed)
}

/// Reps let go, `fired` in all, shared between rookies and experienced
/// reps in proportion. Out of line: a branch taken or not, rather than a
/// select whose division every sub-step's hiring would wait on.
#[inline(never)]
fn fired_shares(fired: f64, reps: f64, rookies: f64, experienced: f64) -> (f64, f64) {
    let per_rep = fired / reps;
    (per_rep * rookies, per_rep * experienced)
}

/// A latency in sub-steps: whole ones and the fraction beyond (below 1e-9 counts as 0).
pub fn split_latency(latency: f64, dt: f64) -> (usize, f64) {
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
pub(super) struct State {
    pub(super) pot: f64,
    pub(super) c: f64,
    pub(super) lapsed: f64,
    pub(super) n: f64,
    pub(super) s: f64,
    pub(super) rookies: f64,
    pub(super) experienced: f64,
    pub(super) insight: f64,
    pub(super) cash: f64,
    /// The global sub-step index k.
    pub(super) k: usize,
    /// `exp(-discount_rate * tau)` at this sub-step.
    pub(super) disc: f64,
    /// Feedback amounts stamped by arrival sub-step, a ring of `mask + 1` slots.
    pub(super) transit: Vec<f64>,
    pub(super) mask: usize,
    pub(super) in_transit: f64,
    /// What was in transit at the start (the equilibrium's).
    pub(super) in_transit_at_start: f64,
    /// `1 / n` for the `n` it was taken of: without growth the market's
    /// total does not move, so the division is taken once.
    pub(super) per_n: f64,
    pub(super) per_n_of: f64,
}

/// What a sub-step reports besides the amounts it adds to its row: the
/// rates and shares a row shows as at its first sub-step, and profit.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Step {
    pub(super) insight_share: f64,
    pub(super) willingness_to_pay: f64,
    pub(super) conv_self: f64,
    pub(super) win: f64,
    pub(super) churn_rate: f64,
    pub(super) funding: f64,
    pub(super) profit_rate: f64,
}

impl State {
    pub(super) fn stamp(&mut self, d: &Derived, amount: f64) {
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
    pub(super) fn substep<F: Flows, const ROW: bool>(
        &mut self,
        p: &Params,
        d: &Derived,
        flows: &mut F,
        row: &mut Row,
    ) -> Step {
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
        let organic_p = at_most(organic_rate * dt, 1.0);
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
            (lo, at_most(h_sales * pot * dt, pot - lo))
        };
        let new_organic = flows.draw(leads_organic, conv_self);
        let new_sales = flows.draw(leads_sales, win);
        let new_customers = new_organic + new_sales;
        let churned = flows.draw(c, at_most(churn * dt, 1.0));
        let open = (pot - new_customers).max(0.0);
        let warn = at_most(p[P::Detraction] * churned * pot * per_n, open);
        let warned_off = if F::WHOLE {
            flows.draw(open, if open > 0.0 { warn / open } else { 0.0 })
        } else {
            warn
        };
        let returned = flows.draw(lapsed, d.winback_dt);
        // What the potential stock holds after the flows between the three
        // stocks, before growth. Without growth (most scenarios) and with
        // nothing overdrawn, growth is 0 without waiting on the floor's chain.
        let after = pot + returned - new_customers - warned_off;
        let g = p[P::MarketGrowth];
        let growth = if g == 0.0 && after >= 0.0 {
            0.0
        } else {
            grown::<F>(g * n * dt, after, n)
        };

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
            fired_shares(fired, reps, self.rookies, self.experienced)
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
            after + growth,
            c + new_customers - churned,
            lapsed + churned + warned_off - returned,
        );
        // A branch, not a select: N would otherwise wait on every stock's
        // sum, and the next sub-step's rates all wait on N.
        if growth == 0.0 && pot_raw >= 0.0 && c_raw >= 0.0 && lapsed_raw >= 0.0 {
            (self.pot, self.c, self.lapsed) = (pot_raw, c_raw, lapsed_raw);
        } else {
            (self.pot, self.c, self.lapsed, self.n) = floored(pot_raw, c_raw, lapsed_raw);
        }
        self.s = (s + dt * strength_gain - d.obsolescence_dt * s).clamp(0.0, 1.0);
        self.rookies = (self.rookies + dt * (hired - ramped - fired_r)).max(0.0);
        self.experienced = (self.experienced + dt * (ramped - fired_e)).max(0.0);
        self.insight += arrived - d.decay_dt * self.insight;
        // Debt stops at DEBT_MAX, so a long run at a year's overdraft rate
        // stays finite (no run of the contract's weekly ranges comes near it).
        self.cash = (self.cash + dt * profit).max(-DEBT_MAX);
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
    pub(super) fn row(&self, t: u32, p: &Params) -> Row {
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
