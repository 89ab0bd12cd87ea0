//! The one table of parameters: key, default, valid range, slider steps, unit
//! and help. Defaults, validation, `--set`, the TUI sliders and the
//! documentation are all driven from [`PARAMS`], so they cannot disagree.

use std::fmt;
use std::ops::{Index, IndexMut};

/// A section of a scenario file, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// The addressable market and word of mouth.
    Market,
    /// Product strength and R&D.
    Product,
    /// The sales team.
    Sales,
    /// Price and its effect on conversion.
    Pricing,
    /// Churn.
    Retention,
    /// The path from the front line back to product.
    Feedback,
    /// Cash and costs.
    Finance,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Section; 7] = [
        Section::Market,
        Section::Product,
        Section::Sales,
        Section::Pricing,
        Section::Retention,
        Section::Feedback,
        Section::Finance,
    ];

    /// The section's name as written in a scenario file (`[market]`).
    pub fn key(self) -> &'static str {
        match self {
            Section::Market => "market",
            Section::Product => "product",
            Section::Sales => "sales",
            Section::Pricing => "pricing",
            Section::Retention => "retention",
            Section::Feedback => "feedback",
            Section::Finance => "finance",
        }
    }

    /// The section's title for display ("Market").
    pub fn title(self) -> &'static str {
        match self {
            Section::Market => "Market",
            Section::Product => "Product",
            Section::Sales => "Sales",
            Section::Pricing => "Pricing",
            Section::Retention => "Retention",
            Section::Feedback => "Feedback",
            Section::Finance => "Finance",
        }
    }

    /// Looks a section up by its file name.
    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Identifies one model parameter; the discriminant indexes [`PARAMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[expect(
    missing_docs,
    reason = "each variant is documented by its PARAMS entry"
)]
pub enum ParamId {
    MarketSize,
    MarketGrowth,
    InitialCustomers,
    Innovation,
    Imitation,
    Detraction,
    InitialStrength,
    Obsolescence,
    RdBase,
    RdShare,
    RdPerPerson,
    RdPerCustomer,
    RdEffect,
    InsightFloor,
    InsightPerPerson,
    InitialInsightRatio,
    TrialConversion,
    StrengthExponent,
    InitialReps,
    RepCost,
    ContactsPerRep,
    RecontactTime,
    SalesBase,
    SalesShare,
    HiringDelay,
    RampTime,
    RookieProductivity,
    WinRate,
    Price,
    ReferencePrice,
    Elasticity,
    MonetizationGap,
    ChurnFloor,
    ChurnWeak,
    Winback,
    Latency,
    Capture,
    ChurnWeight,
    OrganicWeight,
    UsageWeight,
    InsightDecay,
    InitialCash,
    ServeCost,
    FixedCosts,
    OverdraftRate,
    CashBuffer,
    DiscountRate,
    ValuationPeriods,
    ValuationLag,
}

/// The number of model parameters.
pub const PARAM_COUNT: usize = 49;

/// How a value may be written and stepped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Which parameter this row describes.
    pub id: ParamId,
    /// The section it lives in.
    pub section: Section,
    /// Its key inside the section (`imitation`).
    pub name: &'static str,
    /// Its full key (`market.imitation`).
    pub key: &'static str,
    /// A short label for sliders and tables.
    pub label: &'static str,
    /// The default value.
    pub default: f64,
    /// The lowest valid value.
    pub min: f64,
    /// Whether `min` itself is excluded (`> 0`).
    pub min_exclusive: bool,
    /// The highest valid value.
    pub max: f64,
    /// Whether only whole numbers are valid.
    pub integer: bool,
    /// An initial value: cannot be set by an event.
    pub initial_only: bool,
    /// A fine step for the slider.
    pub step: f64,
    /// A coarse step (Shift, PgUp/PgDn).
    pub coarse: f64,
    /// The slider's drawn range: values beyond it are valid but fill the bar.
    pub ui_min: f64,
    /// See `ui_min`.
    pub ui_max: f64,
    /// The unit, for display.
    pub unit: &'static str,
    /// How it converts when the period changes length.
    pub per: Per,
    /// Its role and the default sets it belongs to.
    pub sets: Sets,
    /// One line of help.
    pub help: &'static str,
}

/// How a parameter converts when a period becomes `k` old periods long
/// (MODEL.md, "Converting periods"): every parameter says which, so none is
/// left out of a conversion by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// A continuous rate per period: multiplied by `k`.
    Rate,
    /// An amount per period (money, contacts): multiplied by `k`.
    PerPeriod,
    /// A time in periods: divided by `k`, unrounded.
    Delay,
    /// A whole number of periods: divided by `k` and rounded.
    Count,
    /// Does not depend on the period (shares, weights, exponents, initial values).
    Fixed,
}

impl ParamSpec {
    /// The spec of a parameter.
    pub fn of(id: ParamId) -> &'static ParamSpec {
        &PARAMS[id as usize]
    }

    /// Looks a parameter up by its full key (`market.imitation`).
    pub fn by_key(key: &str) -> Option<&'static ParamSpec> {
        PARAMS.iter().find(|p| p.key == key)
    }

    /// Whether `v` is a valid value.
    pub fn accepts(&self, v: f64) -> bool {
        v.is_finite()
            && (if self.min_exclusive {
                v > self.min
            } else {
                v >= self.min
            })
            && v <= self.max
            && (!self.integer || v.fract() == 0.0)
    }

    /// The valid range as a user reads it (`0..=1`, `> 0, <= 1e9`).
    pub fn range_text(&self) -> String {
        let kind = if self.integer { "a whole number " } else { "" };
        if self.min_exclusive {
            format!("{kind}> {}, <= {}", fmt_num(self.min), fmt_num(self.max))
        } else {
            format!("{kind}{}..={}", fmt_num(self.min), fmt_num(self.max))
        }
    }

    /// Clamps `v` into the valid range (used by sliders).
    pub fn clamp(&self, v: f64) -> f64 {
        let mut v = v.clamp(self.min, self.max);
        if self.integer {
            v = v.round();
        }
        if self.min_exclusive && v <= self.min {
            // The smallest step above an exclusive minimum that a slider can reach.
            v = self.min + self.step.min(1.0) * 0.01;
        }
        v
    }

    /// Formats a value of this parameter for display.
    pub fn format(&self, v: f64) -> String {
        fmt_num(v)
    }

    /// This parameter's row for a period `weeks` weeks long. The table's
    /// ranges are the contract's, for a week; a rate or an amount per
    /// period in a longer period is as many times larger, a delay in
    /// periods as many times shorter, so a company converted to months,
    /// quarters or years stays valid (MODEL.md, "Converting periods").
    /// Steps, counts and shares do not change. For a period this does not
    /// know (a week, or a label such as "sprint"), the row itself.
    pub fn in_period(&'static self, weeks: f64) -> &'static ParamSpec {
        let tables = &*PERIOD_TABLES;
        match tables.iter().find(|(w, _)| (w / weeks - 1.0).abs() < 1e-9) {
            Some((_, rows)) => &rows[self.id as usize],
            None => self,
        }
    }

    /// The row scaled for a period `k` weeks long (see [`ParamSpec::in_period`]).
    fn scaled_for(&self, k: f64) -> ParamSpec {
        let mut out = *self;
        let scale = |x: f64, by: f64| if x.is_finite() { x * by } else { x };
        let by = match self.per {
            Per::Rate | Per::PerPeriod => k,
            Per::Delay => 1.0 / k,
            Per::Count | Per::Fixed => return out,
        };
        out.min = scale(self.min, by);
        out.max = scale(self.max, by);
        // The drawn range is for the eye: three significant digits.
        let round = |x: f64| {
            if x == 0.0 || !x.is_finite() {
                return x;
            }
            let digits = 2 - x.abs().log10().floor() as i32;
            let f = 10f64.powi(digits);
            (x * f).round() / f
        };
        out.ui_min = round(scale(self.ui_min, by));
        out.ui_max = round(scale(self.ui_max, by));
        out
    }
}

/// The lengths, in weeks, of the periods other than a week that
/// [`ParamSpec::in_period`] knows: a day, a month, a quarter, a year.
pub const PERIOD_WEEKS: [f64; 4] = [52.0 / 365.0, 52.0 / 12.0, 13.0, 52.0];

/// The parameter table for each period of [`PERIOD_WEEKS`].
static PERIOD_TABLES: std::sync::LazyLock<Vec<(f64, Vec<ParamSpec>)>> =
    std::sync::LazyLock::new(|| {
        PERIOD_WEEKS
            .iter()
            .map(|&k| (k, PARAMS.iter().map(|p| p.scaled_for(k)).collect()))
            .collect()
    });

/// Formats a number compactly and exactly enough to read back (`0.002`, `1e12`).
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    if v.abs() >= 1e7 && v.fract() == 0.0 {
        let s = format!("{v:e}");
        return s;
    }
    let s = format!("{v}");
    if s.len() > 12 {
        format!("{v:.6}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        s
    }
}

macro_rules! spec {
    ($id:ident, $sec:ident, $name:literal, $label:literal, $def:expr,
     [$min:expr, $excl:expr, $max:expr], int=$int:expr, init=$init:expr,
     step=($step:expr, $coarse:expr), ui=($ui_lo:expr, $ui_hi:expr),
     sets=($role:ident, best $best:expr, play $play:expr, fit $fit:expr, size $size:expr),
     $unit:literal, $per:ident, $help:literal) => {
        ParamSpec {
            id: ParamId::$id,
            section: Section::$sec,
            name: $name,
            key: concat!(section_key!($sec), ".", $name),
            label: $label,
            default: $def,
            min: $min,
            min_exclusive: $excl,
            max: $max,
            integer: $int,
            initial_only: $init,
            step: $step,
            coarse: $coarse,
            ui_min: $ui_lo,
            ui_max: $ui_hi,
            unit: $unit,
            per: Per::$per,
            sets: Sets {
                role: Role::$role,
                best: $best,
                play: $play,
                fit: $fit,
                size: $size,
            },
            help: $help,
        }
    };
}

macro_rules! section_key {
    (Market) => {
        "market"
    };
    (Product) => {
        "product"
    };
    (Sales) => {
        "sales"
    };
    (Pricing) => {
        "pricing"
    };
    (Retention) => {
        "retention"
    };
    (Feedback) => {
        "feedback"
    };
    (Finance) => {
        "finance"
    };
}

/// The largest amount of money any parameter may hold, so long runs stay finite.
pub const MONEY_MAX: f64 = 1e12;
/// The most debt a run may carry: interest compounding over thousands of
/// years at a year's overdraft rate would otherwise overflow.
pub const DEBT_MAX: f64 = 1e250;
/// The most the addressable market may ever hold (people).
pub const MARKET_CAP: f64 = 1e12;

/// Every model parameter, in [`ParamId`] order: the one table of what each
/// parameter is, its range, its period conversion, its role and its
/// default sets.
pub static PARAMS: [ParamSpec; PARAM_COUNT] = PARAMS_TABLE;

/// [`PARAMS`] as a `const`, so the default sets are read from it at compile time.
const PARAMS_TABLE: [ParamSpec; PARAM_COUNT] = [
    spec!(
        MarketSize,
        Market,
        "size",
        "Market size",
        100_000.0,
        [0.0, true, 1e12],
        int = false,
        init = true,
        step = (5_000.0, 50_000.0),
        ui = (0.0, 1_000_000.0),
        sets = (Structural, best 0, play 0, fit 0, size true),
        "people",
        Fixed,
        "Addressable market at the start."
    ),
    spec!(
        MarketGrowth,
        Market,
        "growth",
        "Market growth",
        0.0,
        [-0.5, false, 1.0],
        int = false,
        init = false,
        step = (0.001, 0.005),
        ui = (-0.02, 0.02),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Rate at which the market grows (negative shrinks it)."
    ),
    spec!(
        InitialCustomers,
        Market,
        "initial_customers",
        "Initial customers",
        0.0,
        [0.0, false, 1e12],
        int = false,
        init = true,
        step = (100.0, 1_000.0),
        ui = (0.0, 10_000.0),
        sets = (Structural, best 0, play 0, fit 0, size true),
        "people",
        Fixed,
        "Paying customers at the start; at most the market size."
    ),
    spec!(
        Innovation,
        Market,
        "innovation",
        "Innovation (p)",
        0.002,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.0005, 0.005),
        ui = (0.0, 0.02),
        sets = (Structural, best 0, play 0, fit 1, size false),
        "/period",
        Rate,
        "Bass p: share of prospects who find the product on their own."
    ),
    spec!(
        Imitation,
        Market,
        "imitation",
        "Imitation (q)",
        0.08,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.005, 0.05),
        ui = (0.0, 0.5),
        sets = (Structural, best 0, play 0, fit 2, size false),
        "/period",
        Rate,
        "Bass q for a perfect product; recommendations scale with strength."
    ),
    spec!(
        Detraction,
        Market,
        "detraction",
        "Detraction",
        1.2,
        [0.0, false, 100.0],
        int = false,
        init = false,
        step = (0.1, 0.5),
        ui = (0.0, 5.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "people/lost customer",
        Fixed,
        "Prospects each lost customer talks out of buying (scaled by the share of prospects)."
    ),
    spec!(
        InitialStrength,
        Product,
        "initial_strength",
        "Initial strength",
        0.3,
        [0.0, false, 1.0],
        int = false,
        init = true,
        step = (0.05, 0.1),
        ui = (0.0, 1.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "0..1",
        Fixed,
        "Product strength at the start (1 = fits the market perfectly)."
    ),
    spec!(
        Obsolescence,
        Product,
        "obsolescence",
        "Obsolescence",
        0.01,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.001, 0.01),
        ui = (0.0, 0.1),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Share of strength lost as the market moves on."
    ),
    spec!(
        RdBase,
        Product,
        "rd_base",
        "R&D base budget",
        20_000.0,
        [0.0, false, MONEY_MAX],
        int = false,
        init = false,
        step = (1_000.0, 10_000.0),
        ui = (0.0, 200_000.0),
        sets = (Lever, best 4, play 0, fit 0, size true),
        "$/period",
        PerPeriod,
        "R&D spend paid in full while cash covers the buffer."
    ),
    spec!(
        RdShare,
        Product,
        "rd_share",
        "R&D share of revenue",
        0.2,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.01, 0.05),
        ui = (0.0, 1.0),
        sets = (Lever, best 1, play 2, fit 0, size false),
        "of revenue",
        Fixed,
        "Share of revenue reinvested in R&D."
    ),
    spec!(
        RdPerPerson,
        Product,
        "rd_per_person",
        "R&D per person",
        0.5,
        [0.0, false, 1e9],
        int = false,
        init = false,
        step = (0.05, 0.25),
        ui = (0.0, 5.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "$/person/period",
        PerPeriod,
        "R&D spend per person in the market at which R&D reaches half its effect (before customers)."
    ),
    spec!(
        RdPerCustomer,
        Product,
        "rd_per_customer",
        "R&D per customer",
        10.0,
        [0.0, false, 1e9],
        int = false,
        init = false,
        step = (1.0, 5.0),
        ui = (0.0, 50.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "$/customer/period",
        PerPeriod,
        "What each customer served adds to that half-effect spend."
    ),
    spec!(
        RdEffect,
        Product,
        "rd_effect",
        "R&D effect",
        0.14,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.005, 0.02),
        ui = (0.0, 0.5),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Most strength R&D adds, as a share of the gap to 1."
    ),
    spec!(
        InsightFloor,
        Product,
        "insight_floor",
        "R&D effect without insight",
        0.3,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.05, 0.1),
        ui = (0.0, 1.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "0..1",
        Fixed,
        "How effective R&D is with no customer insight."
    ),
    spec!(
        InsightPerPerson,
        Product,
        "insight_per_person",
        "Insight per person",
        0.08,
        [0.0, true, 1e6],
        int = false,
        init = false,
        step = (0.01, 0.05),
        ui = (0.0, 0.5),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "insight/person",
        Fixed,
        "Insight per person in the market at which R&D gets half of what insight adds."
    ),
    spec!(
        InitialInsightRatio,
        Product,
        "initial_insight_ratio",
        "Initial insight",
        1.0,
        [0.0, false, 100.0],
        int = false,
        init = true,
        step = (0.1, 0.5),
        ui = (0.0, 3.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "x equilibrium",
        Fixed,
        "Insight at the start, as a multiple of what the initial feedback sustains."
    ),
    spec!(
        TrialConversion,
        Product,
        "trial_conversion",
        "Self-serve conversion",
        0.2,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.01, 0.05),
        ui = (0.0, 1.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "of leads",
        Fixed,
        "Organic leads who buy, perfect product at willingness to pay."
    ),
    spec!(
        StrengthExponent,
        Product,
        "strength_exponent",
        "Strength exponent",
        1.5,
        [0.0, false, 10.0],
        int = false,
        init = false,
        step = (0.1, 0.5),
        ui = (0.0, 5.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "",
        Fixed,
        "How sharply conversion falls for a weaker product."
    ),
    spec!(
        InitialReps,
        Sales,
        "initial_reps",
        "Initial reps",
        2.0,
        [0.0, false, 1e7],
        int = false,
        init = true,
        step = (1.0, 5.0),
        ui = (0.0, 50.0),
        sets = (Lever, best 0, play 0, fit 0, size true),
        "reps",
        Fixed,
        "Experienced reps at the start."
    ),
    spec!(
        RepCost,
        Sales,
        "rep_cost",
        "Cost per rep",
        2_000.0,
        [0.01, false, 1e9],
        int = false,
        init = false,
        step = (100.0, 500.0),
        ui = (0.0, 10_000.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "$/rep/period",
        PerPeriod,
        "What one rep, rookie or experienced, costs."
    ),
    spec!(
        ContactsPerRep,
        Sales,
        "contacts_per_rep",
        "Contacts per rep",
        25.0,
        [0.0, false, 1e6],
        int = false,
        init = false,
        step = (1.0, 5.0),
        ui = (0.0, 200.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/rep/period",
        PerPeriod,
        "Prospects an experienced rep can approach."
    ),
    spec!(
        RecontactTime,
        Sales,
        "recontact_time",
        "Recontact time",
        13.0,
        [0.0, false, 1_000.0],
        int = false,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 52.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "periods",
        Delay,
        "Shortest time between two approaches to the same prospect: reach saturates at one per prospect per this time."
    ),
    spec!(
        SalesBase,
        Sales,
        "sales_base",
        "Sales base budget",
        4_000.0,
        [0.0, false, MONEY_MAX],
        int = false,
        init = false,
        step = (500.0, 2_000.0),
        ui = (0.0, 50_000.0),
        sets = (Lever, best 5, play 0, fit 0, size true),
        "$/period",
        PerPeriod,
        "Sales budget paid in full while cash covers the buffer."
    ),
    spec!(
        SalesShare,
        Sales,
        "sales_share",
        "Sales share of revenue",
        0.3,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.01, 0.05),
        ui = (0.0, 1.0),
        sets = (Lever, best 2, play 3, fit 0, size false),
        "of revenue",
        Fixed,
        "Share of revenue reinvested in the sales team."
    ),
    spec!(
        HiringDelay,
        Sales,
        "hiring_delay",
        "Hiring delay",
        8.0,
        [0.0, true, 1_000.0],
        int = false,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 52.0),
        sets = (Lever, best 0, play 0, fit 0, size false),
        "periods",
        Delay,
        "Time to close the gap to the team the budget pays for."
    ),
    spec!(
        RampTime,
        Sales,
        "ramp_time",
        "Ramp-up time",
        12.0,
        [0.0, true, 1_000.0],
        int = false,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 52.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "periods",
        Delay,
        "Average time for a rookie to become fully productive."
    ),
    spec!(
        RookieProductivity,
        Sales,
        "rookie_productivity",
        "Rookie productivity",
        0.3,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.05, 0.1),
        ui = (0.0, 1.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "of a rep",
        Fixed,
        "A rookie's reach as a share of an experienced rep's."
    ),
    spec!(
        WinRate,
        Sales,
        "win_rate",
        "Sales win rate",
        0.4,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.01, 0.05),
        ui = (0.0, 1.0),
        sets = (Structural, best 0, play 0, fit 3, size false),
        "of leads",
        Fixed,
        "Sales leads won, perfect product at willingness to pay."
    ),
    spec!(
        Price,
        Pricing,
        "price",
        "Price",
        100.0,
        [0.0, true, 1e9],
        int = false,
        init = false,
        step = (5.0, 25.0),
        ui = (0.0, 500.0),
        sets = (Lever, best 3, play 1, fit 0, size false),
        "$/customer/period",
        PerPeriod,
        "What a customer pays."
    ),
    spec!(
        ReferencePrice,
        Pricing,
        "reference_price",
        "Reference price",
        100.0,
        [0.0, true, 1e9],
        int = false,
        init = false,
        step = (5.0, 25.0),
        ui = (0.0, 500.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "$/customer/period",
        PerPeriod,
        "What the market pays for a product packaged with full customer insight."
    ),
    spec!(
        Elasticity,
        Pricing,
        "elasticity",
        "Price elasticity",
        2.0,
        [0.0, false, 10.0],
        int = false,
        init = false,
        step = (0.1, 0.5),
        ui = (0.0, 5.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "",
        Fixed,
        "Price effect (1 + (price/wtp)^elasticity)/2: divides conversion, multiplies churn."
    ),
    spec!(
        MonetizationGap,
        Pricing,
        "monetization_gap",
        "Monetization gap",
        0.2,
        [0.0, false, 0.9],
        int = false,
        init = false,
        step = (0.05, 0.1),
        ui = (0.0, 0.9),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "of reference",
        Fixed,
        "Share of the reference price customers will not pay for an offer packaged with no insight."
    ),
    spec!(
        ChurnFloor,
        Retention,
        "churn_floor",
        "Base churn",
        0.004,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.001, 0.005),
        ui = (0.0, 0.05),
        sets = (Structural, best 0, play 0, fit 4, size false),
        "/period",
        Rate,
        "Churn of a perfect product at willingness to pay."
    ),
    spec!(
        ChurnWeak,
        Retention,
        "churn_weak",
        "Churn from weakness",
        0.05,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.005, 0.02),
        ui = (0.0, 0.2),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Extra churn of a product of strength 0."
    ),
    spec!(
        Winback,
        Retention,
        "winback",
        "Win-back",
        0.01,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.002, 0.01),
        ui = (0.0, 0.1),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Share of the lapsed who are prospects again."
    ),
    spec!(
        Latency,
        Feedback,
        "latency",
        "Feedback latency",
        4.0,
        [0.0, false, 1_000.0],
        int = false,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 104.0),
        sets = (Lever, best 0, play 5, fit 0, size false),
        "periods",
        Delay,
        "Time for what the front line hears to reach product (fractional allowed)."
    ),
    spec!(
        Capture,
        Feedback,
        "capture",
        "Feedback capture",
        0.5,
        [0.0, false, 1.0],
        int = false,
        init = false,
        step = (0.05, 0.1),
        ui = (0.0, 1.0),
        sets = (Lever, best 0, play 4, fit 0, size false),
        "0..1",
        Fixed,
        "Share of all feedback that reaches product."
    ),
    spec!(
        ChurnWeight,
        Feedback,
        "churn_weight",
        "Lost-customer weight",
        5.0,
        [0.0, false, 1_000.0],
        int = false,
        init = false,
        step = (0.5, 2.0),
        ui = (0.0, 20.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "per lost customer",
        Fixed,
        "Feedback from one lost customer, in sales conversations."
    ),
    spec!(
        OrganicWeight,
        Feedback,
        "organic_weight",
        "Trial weight",
        0.1,
        [0.0, false, 1_000.0],
        int = false,
        init = false,
        step = (0.05, 0.2),
        ui = (0.0, 2.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "per organic lead",
        Fixed,
        "Feedback from one self-serve trial, in sales conversations."
    ),
    spec!(
        UsageWeight,
        Feedback,
        "usage_weight",
        "Usage weight",
        0.02,
        [0.0, false, 1_000.0],
        int = false,
        init = false,
        step = (0.005, 0.02),
        ui = (0.0, 0.2),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "per customer/period",
        Rate,
        "Feedback from one active customer's use, in sales conversations."
    ),
    spec!(
        InsightDecay,
        Feedback,
        "insight_decay",
        "Insight decay",
        0.06,
        [0.0, true, 1.0],
        int = false,
        init = false,
        step = (0.005, 0.02),
        ui = (0.0, 0.3),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Share of insight that goes stale, in product's hands or in transit."
    ),
    spec!(
        InitialCash,
        Finance,
        "initial_cash",
        "Initial cash",
        1_000_000.0,
        [-1e15, false, 1e15],
        int = false,
        init = true,
        step = (50_000.0, 250_000.0),
        ui = (0.0, 5_000_000.0),
        sets = (Structural, best 0, play 0, fit 0, size true),
        "$",
        Fixed,
        "Cash at the start."
    ),
    spec!(
        ServeCost,
        Finance,
        "serve_cost",
        "Cost to serve",
        10.0,
        [0.0, false, 1e9],
        int = false,
        init = false,
        step = (1.0, 5.0),
        ui = (0.0, 100.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "$/customer/period",
        PerPeriod,
        "What serving one customer costs."
    ),
    spec!(
        FixedCosts,
        Finance,
        "fixed_costs",
        "Fixed costs",
        0.0,
        [0.0, false, MONEY_MAX],
        int = false,
        init = false,
        step = (1_000.0, 10_000.0),
        ui = (0.0, 100_000.0),
        sets = (Structural, best 0, play 0, fit 0, size true),
        "$/period",
        PerPeriod,
        "Other costs."
    ),
    spec!(
        OverdraftRate,
        Finance,
        "overdraft_rate",
        "Overdraft interest",
        0.004,
        [0.0, false, 0.05],
        int = false,
        init = false,
        step = (0.001, 0.005),
        ui = (0.0, 0.05),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Interest on negative cash (an emergency credit line)."
    ),
    spec!(
        CashBuffer,
        Finance,
        "cash_buffer",
        "Cash buffer",
        4.0,
        [0.0, true, 1_000.0],
        int = false,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 26.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "periods",
        Delay,
        "Periods of base budgets wanted in hand; below, the bases shrink to 0 at zero cash."
    ),
    spec!(
        DiscountRate,
        Finance,
        "discount_rate",
        "Discount rate",
        0.002,
        [0.0, true, 1.0],
        int = false,
        init = false,
        step = (0.0005, 0.002),
        ui = (0.0, 0.02),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "/period",
        Rate,
        "Discount rate of value (0.002/week is about 11% a year)."
    ),
    spec!(
        ValuationPeriods,
        Finance,
        "valuation_periods",
        "Valuation horizon",
        520.0,
        [0.0, false, 10_000.0],
        int = true,
        init = false,
        step = (13.0, 52.0),
        ui = (0.0, 1_040.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "periods",
        Count,
        "How long the terminal valuation runs the company on before the perpetuity."
    ),
    spec!(
        ValuationLag,
        Finance,
        "valuation_lag",
        "Valuation lag",
        13.0,
        [0.0, false, 10_000.0],
        int = true,
        init = false,
        step = (1.0, 4.0),
        ui = (0.0, 52.0),
        sets = (Structural, best 0, play 0, fit 0, size false),
        "periods",
        Count,
        "The terminal valuation uses the policy levers as they stood before these last periods."
    ),
];

/// What a parameter is to the user: a lever a company decides, or one of
/// the model's structural constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The shares, the price, the base budgets, the starting team, the
    /// feedback latency and capture, the hiring delay.
    Lever,
    /// How the market and the company respond.
    Structural,
}

/// A parameter's role and the default sets it belongs to (0: not in the
/// set; k: k-th in it, for the sets whose order is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sets {
    /// Lever or structural (a tornado moves the levers by default).
    pub role: Role,
    /// The best steady policy's sliders when no lesson step limits them
    /// (`O`), and the levers the terminal valuation holds.
    pub best: u8,
    /// The decisions a game offers when its scenario names none.
    pub play: u8,
    /// The parameters a fit takes when none are named.
    pub fit: u8,
    /// Scales with the company's size (the size invariance).
    pub size: bool,
}

/// The default sets of the parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// [`Role::Lever`], in table order.
    Levers,
    /// [`Sets::best`], in its order.
    Best,
    /// [`Sets::play`], in its order.
    Play,
    /// [`Sets::fit`], in its order.
    Fit,
    /// [`Sets::size`], in table order.
    Size,
}

const fn rank_in(s: &ParamSpec, set: Set) -> usize {
    match set {
        Set::Levers => matches!(s.sets.role, Role::Lever) as usize,
        Set::Best => s.sets.best as usize,
        Set::Play => s.sets.play as usize,
        Set::Fit => s.sets.fit as usize,
        Set::Size => s.sets.size as usize,
    }
}

/// The members of a default set, read from the table at compile time: a
/// set whose size is not `N`, or whose ranks are not 1..=N, does not build.
pub const fn members<const N: usize>(set: Set) -> [ParamId; N] {
    let ordered = matches!(set, Set::Best | Set::Play | Set::Fit);
    let mut out = [ParamId::MarketSize; N];
    let mut seen = [false; N];
    let mut n = 0;
    let mut i = 0;
    while i < PARAM_COUNT {
        let r = rank_in(&PARAMS_TABLE[i], set);
        if r > 0 {
            let at = if ordered { r - 1 } else { n };
            assert!(at < N, "a default set is larger than declared");
            assert!(!seen[at], "two parameters share a rank in a default set");
            seen[at] = true;
            out[at] = PARAMS_TABLE[i].id;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "a default set is smaller than declared");
    out
}

/// The five policy levers: what a company decides from week to week, and
/// what the terminal valuation holds at their values from before the last
/// `valuation_lag` periods.
pub const POLICY_LEVERS: [ParamId; 5] = members(Set::Best);

/// The parameters that scale with a company's size (MODEL.md, invariants):
/// multiplying them by k multiplies every people, money and insight column
/// and value by k and leaves every ratio unchanged.
pub const SIZE_KEYS: [ParamId; 7] = members(Set::Size);

/// The levers a user decides ([`Role::Lever`]), in table order.
pub const LEVERS: [ParamId; 9] = members(Set::Levers);

/// The best steady policy's sliders when nothing limits them ([`Sets::best`]).
pub const BEST_DEFAULT: [ParamId; 5] = members(Set::Best);

/// The decisions a game offers when its scenario names none ([`Sets::play`]).
pub const DEFAULT_DECISIONS: [ParamId; 5] = members(Set::Play);

/// The parameters a fit takes when none are named ([`Sets::fit`]).
pub const FIT_DEFAULT: [ParamId; 4] = members(Set::Fit);

/// Keys of earlier versions of the model and the key that replaced each.
pub const REMOVED_KEYS: [(&str, &str); 4] = [
    ("product.rd_scale", "product.rd_per_person"),
    ("product.insight_half", "product.insight_per_person"),
    ("product.initial_insight", "product.initial_insight_ratio"),
    ("retention.churn_price", "pricing.elasticity"),
];

/// The key that replaced a removed one (`product.rd_scale` -> `product.rd_per_person`).
pub fn replacement(key: &str) -> Option<&'static str> {
    REMOVED_KEYS
        .iter()
        .find(|(old, _)| *old == key)
        .map(|(_, new)| *new)
}

/// A full set of parameter values, indexed by [`ParamId`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    values: [f64; PARAM_COUNT],
}

impl Default for Params {
    fn default() -> Self {
        let mut values = [0.0; PARAM_COUNT];
        for (v, spec) in values.iter_mut().zip(PARAMS.iter()) {
            *v = spec.default;
        }
        Params { values }
    }
}

impl Index<ParamId> for Params {
    type Output = f64;
    #[inline]
    fn index(&self, id: ParamId) -> &f64 {
        &self.values[id as usize]
    }
}

impl IndexMut<ParamId> for Params {
    #[inline]
    fn index_mut(&mut self, id: ParamId) -> &mut f64 {
        &mut self.values[id as usize]
    }
}

impl Params {
    /// Iterates over every parameter with its value.
    pub fn iter(&self) -> impl Iterator<Item = (&'static ParamSpec, f64)> + '_ {
        PARAMS.iter().zip(self.values.iter().copied())
    }

    /// The rules that tie two parameters together: each broken rule, with
    /// the parameter it is reported at and the values that break it (the
    /// words are the reader's: `scenario::cross_field_text`).
    pub fn cross_field_errors(&self) -> Vec<(ParamId, CrossField)> {
        let mut out = Vec::new();
        let share = self[ParamId::RdShare] + self[ParamId::SalesShare];
        if share > 1.0 + 1e-12 {
            out.push((
                ParamId::SalesShare,
                CrossField::SharesOverOne {
                    rd_share: self[ParamId::RdShare],
                    sales_share: self[ParamId::SalesShare],
                },
            ));
        }
        if self[ParamId::InitialCustomers] > self[ParamId::MarketSize] {
            out.push((
                ParamId::InitialCustomers,
                CrossField::CustomersOverMarket {
                    customers: self[ParamId::InitialCustomers],
                    market: self[ParamId::MarketSize],
                },
            ));
        }
        out
    }
}

/// A broken rule between two parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrossField {
    /// `product.rd_share + sales.sales_share` above 1.
    SharesOverOne {
        /// R&D's share of revenue.
        rd_share: f64,
        /// Sales' share of revenue.
        sales_share: f64,
    },
    /// More initial customers than the market holds.
    CustomersOverMarket {
        /// `market.initial_customers`.
        customers: f64,
        /// `market.size`.
        market: f64,
    },
}

impl ParamId {
    /// The parameter's default value.
    pub fn default_value(self) -> f64 {
        ParamSpec::of(self).default
    }
}

impl fmt::Display for ParamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(ParamSpec::of(*self).key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sets_come_from_the_table_and_agree_with_the_roles() {
        // Every member of a set is in the table with that set's mark.
        for (set, ids) in [
            (Set::Best, BEST_DEFAULT.to_vec()),
            (Set::Play, DEFAULT_DECISIONS.to_vec()),
            (Set::Fit, FIT_DEFAULT.to_vec()),
            (Set::Size, SIZE_KEYS.to_vec()),
            (Set::Levers, LEVERS.to_vec()),
        ] {
            let marked: Vec<ParamId> = PARAMS
                .iter()
                .filter(|s| rank_in(s, set) > 0)
                .map(|s| s.id)
                .collect();
            let mut sorted = ids.clone();
            sorted.sort_by_key(|id| *id as usize);
            assert_eq!(sorted, marked, "{set:?}");
        }
        // What a user decides is a lever; what a fit estimates is not.
        for id in BEST_DEFAULT.iter().chain(&DEFAULT_DECISIONS) {
            assert_eq!(ParamSpec::of(*id).sets.role, Role::Lever, "{id}");
        }
        for id in FIT_DEFAULT {
            assert_eq!(ParamSpec::of(id).sets.role, Role::Structural, "{id}");
        }
        assert_eq!(POLICY_LEVERS, BEST_DEFAULT);
        assert_eq!(
            DEFAULT_DECISIONS[0],
            ParamId::Price,
            "the game lists price first"
        );
    }

    #[test]
    fn table_is_in_id_order_and_keys_are_unique() {
        for (i, spec) in PARAMS.iter().enumerate() {
            assert_eq!(spec.id as usize, i, "{} out of order", spec.key);
            assert!(spec.key.starts_with(spec.section.key()));
            assert!(spec.key.ends_with(spec.name));
            assert!(
                spec.accepts(spec.default),
                "default of {} invalid",
                spec.key
            );
            assert!(spec.step > 0.0 && spec.coarse >= spec.step);
            assert!(spec.ui_max > spec.ui_min);
        }
        let mut keys: Vec<_> = PARAMS.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), PARAM_COUNT);
    }

    #[test]
    fn accepts_respects_exclusive_minimum_and_integers() {
        let price = ParamSpec::of(ParamId::Price);
        assert!(!price.accepts(0.0));
        assert!(price.accepts(0.5));
        assert!(!price.accepts(f64::NAN));
        let latency = ParamSpec::of(ParamId::Latency);
        assert!(latency.accepts(2.5));
        assert!(latency.accepts(1000.0));
        assert!(!latency.accepts(1001.0));
        let lag = ParamSpec::of(ParamId::ValuationLag);
        assert!(!lag.accepts(2.5));
        assert!(lag.accepts(13.0));
    }

    #[test]
    fn cross_field_rules_catch_overspent_shares() {
        let mut p = Params::default();
        assert!(p.cross_field_errors().is_empty());
        p[ParamId::RdShare] = 0.8;
        assert_eq!(p.cross_field_errors().len(), 1);
        p[ParamId::InitialCustomers] = 1e9;
        assert_eq!(p.cross_field_errors().len(), 2);
    }
}
