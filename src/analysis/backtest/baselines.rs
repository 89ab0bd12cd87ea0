//! The back-test's two baselines: a series' recent compound growth
//! continued (*naive*), and a Bass curve fitted to `customers` by least
//! squares.

/// Compound growth measured from `from` to `to`, continued.
#[derive(Debug, Clone, Copy)]
pub(super) struct Growth {
    pub(super) from: u32,
    pub(super) to: u32,
    last: f64,
    rate: f64,
}

impl Growth {
    pub(super) fn at(&self, period: u32) -> f64 {
        self.last * self.rate.powf(period as f64 - self.to as f64)
    }
}

/// The naive baseline of one series from its observed points: the compound
/// growth per period over its last quarter of them (at least two), from
/// positive values.
pub(super) fn naive(obs: &[(u32, f64)]) -> Option<Growth> {
    let k = obs.len().div_ceil(4).max(2);
    if obs.len() < 2 {
        return None;
    }
    let (from, a) = obs[obs.len() - k];
    let (to, b) = obs[obs.len() - 1];
    let rate = if a > 0.0 && b > 0.0 && to > from {
        (b / a).powf(1.0 / (to - from) as f64)
    } else {
        1.0
    };
    Some(Growth {
        from,
        to,
        last: b,
        rate,
    })
}

/// A Bass curve: customers `start + (market - start) F(t)`, `t` periods
/// after `t0`, with `F` the Bass adoption share.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bass {
    t0: f64,
    market: f64,
    p: f64,
    q: f64,
    start: f64,
}

impl Bass {
    pub(super) fn at(&self, period: u32) -> f64 {
        let t = (period as f64 - self.t0).max(0.0);
        let e = (-(self.p + self.q) * t).exp();
        let f = (1.0 - e) / (1.0 + self.q / self.p * e);
        self.start + (self.market - self.start).max(0.0) * f
    }

    /// From the search's unbounded variables.
    fn of(x: &[f64], t0: f64, scale: f64) -> Bass {
        Bass {
            t0,
            market: scale * x[0].exp(),
            p: x[1].exp(),
            q: x[2].exp(),
            start: scale * x[3].exp(),
        }
    }
}

/// The Bass curve fitted by least squares to the observed points of
/// `customers` (Nelder-Mead on the logarithms of the four values, from a
/// small grid of starts).
pub(super) fn bass_fit(obs: &[(u32, f64)]) -> Option<Bass> {
    if obs.len() < 4 {
        return None;
    }
    let t0 = obs[0].0 as f64;
    let scale = obs.iter().map(|o| o.1).fold(0.0_f64, f64::max).max(1.0);
    let sse = |x: &[f64]| {
        let b = Bass::of(x, t0, scale);
        let s: f64 = obs
            .iter()
            .map(|(p, v)| ((b.at(*p) - v) / scale).powi(2))
            .sum();
        if s.is_finite() { s } else { f64::MAX }
    };
    let first = (obs[0].1 / scale).max(1e-6).ln();
    let mut best: Option<(f64, Vec<f64>)> = None;
    for m in [1.2_f64, 2.0, 5.0, 20.0] {
        for p in [0.001_f64, 0.01, 0.05] {
            for q in [0.05_f64, 0.2, 0.6] {
                let x = nelder_mead(&sse, vec![m.ln(), p.ln(), q.ln(), first], 600);
                let f = sse(&x);
                if best.as_ref().is_none_or(|b| f < b.0) {
                    best = Some((f, x));
                }
            }
        }
    }
    best.map(|(_, x)| Bass::of(&x, t0, scale))
}

/// Nelder-Mead minimisation of `f` from `x0` (steps of 0.5), at most `evals` runs.
fn nelder_mead(f: &dyn Fn(&[f64]) -> f64, x0: Vec<f64>, evals: usize) -> Vec<f64> {
    let n = x0.len();
    let mut pts: Vec<(f64, Vec<f64>)> = (0..=n)
        .map(|i| {
            let mut x = x0.clone();
            if i > 0 {
                x[i - 1] += 0.5;
            }
            (f(&x), x)
        })
        .collect();
    let mut used = n + 1;
    while used < evals {
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        if (pts[n].0 - pts[0].0).abs() <= 1e-14 * (1.0 + pts[0].0.abs()) {
            break;
        }
        let centre: Vec<f64> = (0..n)
            .map(|d| pts[..n].iter().map(|p| p.1[d]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|d| centre[d] + t * (pts[n].1[d] - centre[d]))
                .collect()
        };
        let r = along(-1.0);
        let fr = f(&r);
        used += 1;
        if fr < pts[0].0 {
            let e = along(-2.0);
            let fe = f(&e);
            used += 1;
            pts[n] = if fe < fr { (fe, e) } else { (fr, r) };
        } else if fr < pts[n - 1].0 {
            pts[n] = (fr, r);
        } else {
            let c = along(0.5);
            let fc = f(&c);
            used += 1;
            if fc < pts[n].0 {
                pts[n] = (fc, c);
            } else {
                let best = pts[0].1.clone();
                for p in pts.iter_mut().skip(1) {
                    p.1 =
                        p.1.iter()
                            .zip(&best)
                            .map(|(x, b)| b + 0.5 * (x - b))
                            .collect();
                    p.0 = f(&p.1);
                    used += 1;
                }
            }
        }
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts.swap_remove(0).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bass_curve_is_found_again_from_its_own_points() {
        let truth = Bass {
            t0: 0.0,
            market: 50_000.0,
            p: 0.004,
            q: 0.25,
            start: 300.0,
        };
        let points: Vec<(u32, f64)> = (0..40).map(|p| (p, truth.at(p))).collect();
        let b = bass_fit(&points).unwrap();
        for p in [45, 60, 80] {
            let (a, f) = (truth.at(p), b.at(p));
            assert!((f - a).abs() < 0.02 * a, "period {p}: {f} against {a}");
        }
    }

    #[test]
    fn naive_growth_continues_the_last_quarter() {
        let points: Vec<(u32, f64)> = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 10.0, 20.0]
            .into_iter()
            .enumerate()
            .map(|(p, v)| (p as u32, v))
            .collect();
        let g = naive(&points).unwrap();
        assert_eq!((g.from, g.to), (6, 7));
        assert!((g.at(9) - 80.0).abs() < 1e-9);
    }
}
