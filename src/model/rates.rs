//! The rates of the model, each a function of the stocks and parameters:
//! price effect, willingness to pay, insight share, churn, funding, R&D's
//! gain, the strength factor, and `1 - exp(-y)` for the sales reach.

use super::params::{ParamId as P, Params};

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
pub(super) fn capped(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.min(1.0) }
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
