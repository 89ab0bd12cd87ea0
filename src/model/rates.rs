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
/// `1 - exp(-y)` would cancel), an inline `exp` above. Several times cheaper than
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
        // Estrin's scheme: pairs, then pairs of pairs, so the sum waits
        // on four rounds of multiply-and-add rather than fifteen in a row.
        let y2 = y * y;
        let y4 = y2 * y2;
        let y8 = y4 * y4;
        let q: [f64; 8] = std::array::from_fn(|i| C[2 * i] + C[2 * i + 1] * y);
        let r: [f64; 4] = std::array::from_fn(|i| q[2 * i] + q[2 * i + 1] * y2);
        let s = [r[0] + r[1] * y4, r[2] + r[3] * y4];
        (s[0] + s[1] * y8) * y
    } else if y < 40.0 {
        1.0 - exp_neg(y)
    } else {
        // exp(-y) < 2^-57: 1 - exp(-y) rounds to 1.
        1.0
    }
}

/// `2^(j/32)` for j in 0..32, each correctly rounded.
const POW2_32: [f64; 32] = [
    1.0,
    1.0218971486541166,
    1.0442737824274138,
    1.0671404006768237,
    1.0905077326652577,
    1.1143867425958924,
    1.1387886347566916,
    1.1637248587775775,
    1.189207115002721,
    1.215247359980469,
    1.241857812073484,
    1.2690509571917332,
    1.2968395546510096,
    1.3252366431597413,
    1.3542555469368927,
    1.383909881963832,
    std::f64::consts::SQRT_2,
    1.4451808069770467,
    1.4768261459394993,
    1.5091644275934228,
    1.5422108254079407,
    1.5759808451078865,
    1.6104903319492543,
    1.645755478153965,
    1.681792830507429,
    1.718619298122478,
    1.7562521603732995,
    1.7947090750031072,
    1.8340080864093424,
    1.8741676341103,
    1.9152065613971474,
    1.9571441241754002,
];

/// `exp(-y)` for `0.5 <= y < 40`, to about an ulp, inline: `x = -y` split
/// as `(32 m + j) ln2/32 + r` with `|r| <= ln2/64`, so `exp(x) = 2^m
/// 2^(j/32) exp(r)` and `exp(r)` takes a polynomial of degree 6 (the next
/// term is below 4e-18). The library's `exp` is a call, and a call makes
/// the sub-step save and restore every value it holds in a register.
#[inline(always)]
fn exp_neg(y: f64) -> f64 {
    // 1.5 * 2^52: adding it rounds to a whole number, held in the low bits.
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    const PER_STEP: f64 = 32.0 / std::f64::consts::LN_2;
    // ln2/32 in two parts: the first has 32 significant bits, so its
    // product with a whole number below 2^21 is exact.
    const STEP_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000) / 32.0;
    const STEP_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76) / 32.0;
    let x = -y;
    let shifted = x * PER_STEP + SHIFT;
    let k = shifted.to_bits() as i64 - SHIFT.to_bits() as i64;
    let kf = shifted - SHIFT;
    let r = (x - kf * STEP_HI) - kf * STEP_LO;
    // exp(r) - 1 = r + r^2/2 + ... + r^6/720, by Estrin's scheme (three
    // rounds of multiply-and-add instead of six: the sales reach waits on it).
    let r2 = r * r;
    let q = r
        * ((1.0 + r * (1.0 / 2.0))
            + r2 * ((1.0 / 6.0 + r * (1.0 / 24.0)) + r2 * (1.0 / 120.0 + r * (1.0 / 720.0))));
    let j = (k & 31) as usize;
    let m = k >> 5;
    let scale = f64::from_bits((POW2_32[j].to_bits() as i64 + (m << 52)) as u64);
    scale + scale * q
}

/// `x.min(hi)` as one `minsd`, where `f64::min` takes five instructions
/// and twice the latency (it must return `x` for a NaN `hi`). A NaN `x`
/// gives `hi`, as `f64::min` does; a NaN `hi` gives NaN. For the sub-step's
/// flows, which wait on each other.
#[inline(always)]
pub(super) fn at_most(x: f64, hi: f64) -> f64 {
    if x < hi { x } else { hi }
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
    fn exp_neg_is_within_an_ulp_or_two_of_the_library() {
        let mut worst = 0.0_f64;
        let mut y = 0.5_f64;
        while y < 40.0 {
            let want = (-y).exp();
            let got = exp_neg(y);
            let ulps = (got - want).abs() / (want * f64::EPSILON);
            worst = worst.max(ulps);
            y += 0.000_731;
        }
        assert!(worst <= 2.0, "worst error {worst} ulps");
    }

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
