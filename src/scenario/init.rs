//! A scenario from what a growth lead knows (customers, price and churn per
//! month or year, reps and their cost, the product team and its cost, how
//! often feedback reaches product, cash), converted to model units, each
//! line commented with the answer it came from. What is not answered stays
//! at the model's default (converted to the period), to be fitted.

use std::fmt::Write as _;

use super::Scenario;
pub use super::amounts::{
    Per, normalize, parse_amount, parse_duration, parse_per, parse_rate, period_of,
};
use super::period::{convert, per_year};
use super::write::to_toml;
use crate::i18n::{Text, says};
use crate::model::{ParamId as P, fmt_num};

/// What the user told, each answer optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    /// The company's name.
    pub name: Option<String>,
    /// The model's period: week, month, quarter or year (default month).
    pub period: Option<String>,
    /// Customers now.
    pub customers: Option<f64>,
    /// How many could buy (the addressable market).
    pub market: Option<f64>,
    /// The price per customer, per some period.
    pub price: Option<Per>,
    /// The share of customers lost, per some period.
    pub churn: Option<Per>,
    /// Sales reps now.
    pub reps: Option<f64>,
    /// The cost of one rep, per some period.
    pub rep_cost: Option<Per>,
    /// People in the product team.
    pub team: Option<f64>,
    /// The cost of one person in the product team, per some period.
    pub team_cost: Option<Per>,
    /// The share of revenue spent on sales and marketing (the team grows
    /// with the business), as an alternative or an addition to today's reps.
    pub sales_share: Option<f64>,
    /// The share of revenue spent on R&D, likewise.
    pub rd_share: Option<f64>,
    /// How often what customers say reaches product: the number of that period (1 month: `Per { value: 1, .. month }`).
    pub feedback_every: Option<Per>,
    /// Cash in the bank.
    pub cash: Option<f64>,
    /// How far to look ahead (`3 year`).
    pub horizon: Option<Per>,
}

/// The scenario the answers make, and its TOML with a comment on each line
/// saying where the value came from.
pub fn build(a: &Answers) -> Result<(Scenario, String), Text> {
    let period = a.period.clone().unwrap_or_else(|| "month".into());
    let base = Scenario {
        source: "init".into(),
        ..Scenario::default()
    };
    let mut s = convert(&base, &period)?;
    let ppy = per_year(&s.period_label).unwrap_or(12.0);
    let unit = s.period_label.clone();
    let per_period = |x: &Per| x.value * x.per_year / ppy;
    // A share of a stock lost per stated period, as the model's continuous
    // rate per period: -ln(1 - s), converted linearly.
    let rate_per_period =
        |x: &Per| -(1.0 - x.value.clamp(0.0, 1.0 - 1e-12)).ln() * x.per_year / ppy;
    let periods_of = |x: &Per| x.value * ppy / x.per_year;
    let mut notes: Vec<(P, String)> = Vec::new();
    let p = &mut s.config.params;

    s.name = a.name.clone().unwrap_or_else(|| "my company".into());
    s.description = "Made by `flywheel init` from what the company knows; the values left at \
                     the model's defaults are to be fitted to its history (`flywheel fit`)."
        .into();
    let horizon = a
        .horizon
        .map_or(3.0 * ppy, |h| periods_of(&h))
        .round()
        .clamp(1.0, 10_000.0);
    s.config.periods = horizon as u32;

    if let Some(c) = a.customers {
        p[P::InitialCustomers] = c;
        notes.push((
            P::InitialCustomers,
            format!("you: {} customers now", fmt_num(c)),
        ));
    }
    match a.market {
        Some(m) => {
            p[P::MarketSize] = m;
            notes.push((P::MarketSize, format!("you: {} could buy it", fmt_num(m))));
        }
        None if p[P::InitialCustomers] * 10.0 > p[P::MarketSize] => {
            p[P::MarketSize] = p[P::InitialCustomers] * 10.0;
            notes.push((
                P::MarketSize,
                "not told: ten times the customers now (to be fitted)".into(),
            ));
        }
        None => {}
    }
    if let Some(x) = a.price {
        let v = per_period(&x);
        p[P::Price] = v;
        p[P::ReferencePrice] = v;
        notes.push((
            P::Price,
            said(
                format!("${}/{}", fmt_num(x.value), x.unit),
                format!("${}/{unit}", fmt_num(round(v))),
            ),
        ));
        notes.push((P::ReferencePrice, "the market accepts today's price".into()));
    }
    if let Some(x) = a.churn {
        // Half of it a floor, half from a product not yet strong, so the churn
        // at the start is what was said and falls as the product improves.
        let c = rate_per_period(&x);
        let weak_share = 1.0 - p[P::InitialStrength];
        p[P::ChurnFloor] = c / 2.0;
        p[P::ChurnWeak] = if weak_share > 0.0 {
            (c / 2.0 / weak_share).min(1.0)
        } else {
            0.0
        };
        let told = said(
            format!("{}%/{}", fmt_num(x.value * 100.0), x.unit),
            format!("{}%/{unit}", fmt_num(round(c * 100.0))),
        );
        notes.push((P::ChurnFloor, format!("{told}; half of it as the floor")));
        notes.push((
            P::ChurnWeak,
            "the other half from a product not yet strong, so churn at the start is what you said"
                .into(),
        ));
    }
    if let Some(r) = a.reps {
        p[P::InitialReps] = r;
        notes.push((P::InitialReps, format!("you: {} reps", fmt_num(r))));
    }
    if let Some(x) = a.rep_cost {
        let v = per_period(&x);
        p[P::RepCost] = v;
        notes.push((
            P::RepCost,
            said(
                format!("${}/{} per rep", fmt_num(x.value), x.unit),
                format!("${}/{unit}", fmt_num(round(v))),
            ),
        ));
    }
    if a.reps.is_some() || a.rep_cost.is_some() {
        p[P::SalesBase] = p[P::InitialReps] * p[P::RepCost];
        p[P::SalesShare] = 0.0;
        notes.push((
            P::SalesBase,
            "a budget that keeps today's team: reps x cost per rep".into(),
        ));
        notes.push((
            P::SalesShare,
            "no share of revenue: the team stays as it is (raise it to grow the team)".into(),
        ));
    }
    if let (Some(n), Some(x)) = (a.team, a.team_cost) {
        let v = n * per_period(&x);
        p[P::RdBase] = v;
        p[P::RdShare] = 0.0;
        notes.push((
            P::RdBase,
            format!(
                "you: {} people at ${}/{} each = ${}/{unit}",
                fmt_num(n),
                fmt_num(x.value),
                x.unit,
                fmt_num(round(v))
            ),
        ));
        notes.push((
            P::RdShare,
            "no share of revenue: the team stays as it is".into(),
        ));
    } else if a.team.is_some() || a.team_cost.is_some() {
        return Err(says(
            "the product team needs both its size (--team) and the cost of one person (--team-cost)",
            &[],
        ));
    }
    // Shares of revenue make the teams grow with the business.
    for (share, id, what) in [
        (a.sales_share, P::SalesShare, "sales and marketing"),
        (a.rd_share, P::RdShare, "R&D"),
    ] {
        if let Some(v) = share {
            p[id] = v;
            notes.retain(|(n, _)| *n != id);
            notes.push((
                id,
                format!(
                    "you: {}% of revenue to {what}, so the team grows with the business",
                    fmt_num(v * 100.0)
                ),
            ));
        }
    }
    if let Some(x) = a.feedback_every {
        // Fractional periods are kept: a monthly review is a third of a quarter.
        let v = ((periods_of(&x) * 1e9).round() / 1e9).clamp(0.0, 1000.0);
        p[P::Latency] = v;
        notes.push((
            P::Latency,
            said(
                format!(
                    "feedback reaches product every {} {}",
                    fmt_num(x.value),
                    plural(x.unit, x.value)
                ),
                format!("{} {}", fmt_num(v), plural(&unit, v)),
            ),
        ));
    }
    if let Some(c) = a.cash {
        p[P::InitialCash] = c;
        notes.push((P::InitialCash, format!("you: ${} in the bank", fmt_num(c))));
    }
    if let Some(x) = a.churn {
        // The price effect at the start (price against what customers will
        // pay for the offer as packaged) multiplies churn: scale both parts
        // so that churn at the start is what was said.
        // Churn feeds insight, which moves the price effect: a few rounds
        // settle it.
        let want = rate_per_period(&x);
        for _ in 0..30 {
            let mut probe = s.config.clone();
            probe.periods = 1;
            let start = crate::model::simulate(&probe).rows[0].churn_rate;
            if start <= 0.0 || want <= 0.0 || (start - want).abs() <= 1e-15 * want {
                break;
            }
            let k = want / start;
            let p = &mut s.config.params;
            let most = |id| super::period::spec_in(&unit, id).max;
            p[P::ChurnFloor] = (p[P::ChurnFloor] * k).min(most(P::ChurnFloor));
            p[P::ChurnWeak] = (p[P::ChurnWeak] * k).min(most(P::ChurnWeak));
        }
    }
    let p = &s.config.params;
    if let Some((_, m)) = super::cross_field_messages(p).into_iter().next() {
        return Err(m);
    }
    let weeks = super::period::weeks(&s.period_label);
    for (spec, v) in s.config.params.iter() {
        crate::scenario::load::check_value(spec.in_period(weeks), v)?;
    }

    let mut out = String::new();
    let _ = writeln!(out, "# {}: made by `flywheel init`, in {unit}s.", s.name);
    let _ = writeln!(
        out,
        "# Each value you gave is converted to model units; its comment says from what."
    );
    let _ = writeln!(
        out,
        "# Every other value is the model's default (converted to {unit}s), to be fitted"
    );
    let _ = writeln!(
        out,
        "# to your history: flywheel fit THIS_FILE --data history.csv"
    );
    let unanswered: Vec<&str> = [
        (a.customers.is_none(), "customers"),
        (a.market.is_none(), "market size"),
        (a.price.is_none(), "price"),
        (a.churn.is_none(), "churn"),
        (a.reps.is_none(), "reps"),
        (a.rep_cost.is_none(), "rep cost"),
        (a.team.is_none(), "product team"),
        (a.feedback_every.is_none(), "feedback"),
        (a.cash.is_none(), "cash"),
    ]
    .iter()
    .filter(|(missing, _)| *missing)
    .map(|(_, n)| *n)
    .collect();
    if !unanswered.is_empty() {
        let _ = writeln!(
            out,
            "# Not told, left at a default: {}.",
            unanswered.join(", ")
        );
    }
    out.push('\n');
    let mut section = String::new();
    for line in to_toml(&s).lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
        }
        let key = line.split(" = ").next().unwrap_or("");
        let note = notes.iter().find(|(id, _)| {
            let spec = crate::model::ParamSpec::of(*id);
            spec.section.key() == section && spec.name == key
        });
        match note {
            Some((_, n)) => {
                let value = line.split("  #").next().unwrap_or(line);
                let _ = writeln!(out, "{value}  # {n}");
            }
            None if line.contains("  # ") && !section.is_empty() && section != "scenario" => {
                let _ = writeln!(out, "{line}; default, in {unit}s");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok((s, out))
}

/// "you: 1500/month", with the model's units after `=` where they differ.
fn said(given: String, converted: String) -> String {
    if given.replace(" per rep", "").ends_with(&converted) {
        format!("you: {given}")
    } else {
        format!("you: {given} = {converted}")
    }
}

fn plural(unit: &str, n: f64) -> String {
    if n == 1.0 {
        unit.to_string()
    } else {
        format!("{unit}s")
    }
}

/// `v` to 4 significant digits, for comments.
fn round(v: f64) -> f64 {
    crate::format::round_sig(v)
}
