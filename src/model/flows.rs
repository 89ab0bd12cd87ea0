//! How a sub-step takes its flows of people: as expected values (the
//! deterministic run) or as binomial draws on whole people (the stochastic
//! run).

use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution};

/// How flows on people are taken: expected values, or binomial draws.
pub(super) trait Flows {
    /// Whether stocks of people are whole numbers.
    const WHOLE: bool;
    /// `n` people each taking a step with probability `p`.
    fn draw(&mut self, n: f64, p: f64) -> f64;
}

pub(super) struct Expected;

impl Flows for Expected {
    const WHOLE: bool = false;
    #[inline]
    fn draw(&mut self, n: f64, p: f64) -> f64 {
        n * p
    }
}

pub(super) struct Drawn(pub(super) ChaCha8Rng);

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
