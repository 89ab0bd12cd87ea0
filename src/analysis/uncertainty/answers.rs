//! A comparison's answer under each explanation of a history that a fit
//! could not tell apart, and whether the explanations disagree.

use crate::model::{Config, Metric, ParamSpec, simulate, summarize};

/// One explanation of a history and a comparison's answer under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The values the explanation sets (the fit's own: the fitted values).
    pub set: Vec<(&'static ParamSpec, f64)>,
    /// The metric of the first policy under it.
    pub first: Option<f64>,
    /// The metric of the second.
    pub second: Option<f64>,
}

impl Answer {
    /// Whether the first policy does better (`None`: a metric undefined).
    pub fn first_better(&self) -> Option<bool> {
        Some(self.first? > self.second?)
    }
}

/// The comparison of `base` against `versus` (deterministic, as loaded,
/// with the same seed) under the fit's own values and under each other
/// explanation the history allows.
pub fn answers(
    base: &Config,
    versus: &Config,
    fitted: &[(&'static ParamSpec, f64)],
    alternatives: &[Vec<(&'static ParamSpec, f64)>],
    metric: &'static Metric,
) -> Vec<Answer> {
    std::iter::once(fitted)
        .chain(alternatives.iter().map(Vec::as_slice))
        .map(|set| {
            let on = |c: &Config| {
                let mut c = c.clone();
                for (spec, v) in set {
                    c.params[spec.id] = *v;
                }
                (metric.get)(&summarize(&simulate(&c)))
            };
            Answer {
                set: set.to_vec(),
                first: on(base),
                second: on(versus),
            }
        })
        .collect()
}

/// Whether the explanations disagree on which policy is better: the history
/// cannot tell, and the answer depends on which explanation is true.
pub fn cannot_tell(answers: &[Answer]) -> bool {
    let verdicts: Vec<bool> = answers.iter().filter_map(Answer::first_better).collect();
    verdicts.iter().any(|b| *b) && verdicts.iter().any(|b| !*b)
}
