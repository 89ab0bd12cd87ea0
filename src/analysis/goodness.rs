//! How well a simulated series matches an observed one: R², MAPE and
//! Theil's inequality statistics (Sterman 1984), which split the mean
//! squared error into bias (U^M), unequal variation (U^S) and unequal
//! covariation (U^C); the three add up to 1.

/// Theil's decomposition of the mean squared error.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Theil {
    /// Bias: the share of the error from unequal means.
    pub um: f64,
    /// Variance: the share from unequal standard deviations.
    pub us: f64,
    /// Covariance: the share from imperfect correlation (unsystematic error).
    pub uc: f64,
}

/// The fit of one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goodness {
    /// Observations compared.
    pub points: usize,
    /// Coefficient of determination, 1 - SSE/SST (`None` when the data do not vary).
    pub r2: Option<f64>,
    /// Mean absolute percentage error, in percent, over the non-zero observations.
    pub mape: Option<f64>,
    /// Root mean squared error, in the series' own units.
    pub rmse: f64,
    /// Theil's statistics (`None` for a perfect fit: no error to split).
    pub theil: Option<Theil>,
}

/// Compares `sim` with `obs`, pairwise (same length).
pub fn goodness(sim: &[f64], obs: &[f64]) -> Goodness {
    let n = sim.len().min(obs.len());
    let nf = n as f64;
    if n == 0 {
        return Goodness {
            points: 0,
            r2: None,
            mape: None,
            rmse: 0.0,
            theil: None,
        };
    }
    let (sim, obs) = (&sim[..n], &obs[..n]);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / nf;
    let (ms, ma) = (mean(sim), mean(obs));
    let sd = |v: &[f64], m: f64| (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / nf).sqrt();
    let (ss, sa) = (sd(sim, ms), sd(obs, ma));
    let mse = sim
        .iter()
        .zip(obs)
        .map(|(s, a)| (s - a).powi(2))
        .sum::<f64>()
        / nf;
    let sst = sa * sa * nf;
    let r2 = (sst > 0.0).then(|| 1.0 - mse * nf / sst);
    let pct: Vec<f64> = sim
        .iter()
        .zip(obs)
        .filter(|(_, a)| **a != 0.0)
        .map(|(s, a)| ((s - a) / a).abs())
        .collect();
    let mape = (!pct.is_empty()).then(|| 100.0 * pct.iter().sum::<f64>() / pct.len() as f64);
    let scale = ms.abs().max(ma.abs()).max(ss).max(sa);
    let theil = (mse > 1e-24 * scale * scale && mse > 0.0).then(|| {
        let cov = sim
            .iter()
            .zip(obs)
            .map(|(s, a)| (s - ms) * (a - ma))
            .sum::<f64>()
            / nf;
        let um = (ms - ma).powi(2) / mse;
        let us = (ss - sa).powi(2) / mse;
        // 2 (1 - r) ss sa = 2 (ss sa - cov); the three shares add up to 1.
        let uc = 2.0 * (ss * sa - cov) / mse;
        Theil { um, us, uc }
    });
    Goodness {
        points: n,
        r2,
        mape,
        rmse: mse.sqrt(),
        theil,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theil_shares_add_up_to_one_and_name_the_error() {
        let obs: Vec<f64> = (0..50).map(|t| 100.0 + 3.0 * f64::from(t)).collect();
        // A pure offset is all bias.
        let shifted: Vec<f64> = obs.iter().map(|v| v + 10.0).collect();
        let g = goodness(&shifted, &obs);
        let t = g.theil.unwrap();
        assert!((t.um - 1.0).abs() < 1e-9, "{t:?}");
        assert!((t.um + t.us + t.uc - 1.0).abs() < 1e-9);
        // A stretched series is mostly unequal variation.
        let stretched: Vec<f64> = obs.iter().map(|v| 175.0 + 2.0 * (v - 175.0)).collect();
        let t = goodness(&stretched, &obs).theil.unwrap();
        assert!(t.us > 0.9, "{t:?}");
        assert!((t.um + t.us + t.uc - 1.0).abs() < 1e-9);
        // Noise is mostly unsystematic.
        let noisy: Vec<f64> = obs
            .iter()
            .enumerate()
            .map(|(i, v)| v + if i % 2 == 0 { 5.0 } else { -5.0 })
            .collect();
        let t = goodness(&noisy, &obs).theil.unwrap();
        assert!(t.uc > 0.9, "{t:?}");
    }

    #[test]
    fn r2_and_mape_read_as_expected() {
        let obs = [100.0, 200.0, 300.0];
        let g = goodness(&obs, &obs);
        assert_eq!(g.r2, Some(1.0));
        assert_eq!(g.mape, Some(0.0));
        assert_eq!(g.theil, None);
        let g = goodness(&[110.0, 220.0, 330.0], &obs);
        assert!((g.mape.unwrap() - 10.0).abs() < 1e-9);
        assert!(g.r2.unwrap() < 1.0 && g.r2.unwrap() > 0.8);
        assert_eq!(goodness(&[1.0, 1.0], &[2.0, 2.0]).r2, None);
    }
}
