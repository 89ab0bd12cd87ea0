//! The warnings of a fit, as values worded when shown: parameters the data
//! cannot pin down (by the refits' interval or by the local slope), values
//! stopped at the edge of the range searched, and pairs that move together.

use super::{Fitted, WIDE_SHARE, round_sig};
use crate::i18n::trf;
use crate::model::{ParamSpec, fmt_num};

/// What a fit warns of.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The data do not respond to the parameter near the fitted value.
    Unresponsive {
        /// The parameter.
        spec: &'static ParamSpec,
        /// The value it keeps.
        value: f64,
    },
    /// The parameter's interval covers much of the range searched.
    Loose {
        /// The parameter.
        spec: &'static ParamSpec,
        /// The range searched.
        range: (f64, f64),
        /// How the width was found.
        by: Loose,
    },
    /// The fitted value sits on an end of the range searched.
    AtEdge {
        /// The parameter.
        spec: &'static ParamSpec,
        /// The range searched.
        range: (f64, f64),
    },
    /// A parameter the fit held matches the history about as well elsewhere.
    CannotTell {
        /// The parameter held.
        held: &'static ParamSpec,
        /// Its value in the fit.
        loaded: f64,
        /// The lowest value about as good.
        low: f64,
        /// The highest.
        high: f64,
    },
    /// An event of the scenario sets a fitted parameter within the history:
    /// after it, the event's value holds, not the fitted one.
    Overridden {
        /// The parameter.
        spec: &'static ParamSpec,
        /// The event's period.
        at: u32,
        /// The event's note.
        note: String,
        /// The value it sets.
        value: f64,
    },
    /// Two parameters move together over the refits.
    Together {
        /// The first.
        a: &'static ParamSpec,
        /// The second.
        b: &'static ParamSpec,
        /// Their correlation.
        r: f64,
    },
}

/// How a loose parameter's interval was measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loose {
    /// By the refits: the 90% interval and its share of the range.
    Refits {
        /// The interval.
        low: f64,
        /// Its upper end.
        high: f64,
        /// Its share of the range searched.
        share: f64,
    },
    /// By the local slope: the share of the range.
    Slope {
        /// The interval's share of the range searched.
        share: f64,
    },
}

impl Warning {
    /// The parameters it names.
    pub fn names(&self, spec: &ParamSpec) -> bool {
        match self {
            Warning::Unresponsive { spec: s, .. }
            | Warning::Loose { spec: s, .. }
            | Warning::AtEdge { spec: s, .. } => s.id == spec.id,
            Warning::Together { a, b, .. } => a.id == spec.id || b.id == spec.id,
            Warning::CannotTell { held, .. } => held.id == spec.id,
            Warning::Overridden { spec: s, .. } => s.id == spec.id,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Warning::Unresponsive { spec, value } => trf(
                "{}: the data do not respond to it near the fitted value; it keeps a value the data say nothing about ({}); fix it and fit fewer, or add a series it drives",
                &[&spec.key, &fmt_num(round_sig(*value))],
            ),
            Warning::Loose {
                spec,
                range: (lo, hi),
                by,
            } => {
                let how = match by {
                    Loose::Refits { low, high, share } => trf(
                        "its 90% interval ({}..{}) covers {}%",
                        &[
                            &fmt_num(round_sig(*low)),
                            &fmt_num(round_sig(*high)),
                            &format!("{:.0}", 100.0 * share.min(1.0)),
                        ],
                    ),
                    Loose::Slope { share } => trf(
                        "by the local slope of the fit its 90% interval covers {}%",
                        &[&format!("{:.0}", 100.0 * share.min(1.0))],
                    ),
                };
                trf(
                    "{}: the data cannot pin it down: {} of the range searched ({}..{}); add a series it drives, or fix it and fit fewer",
                    &[&spec.key, &how, &fmt_num(*lo), &fmt_num(*hi)],
                )
            }
            Warning::AtEdge {
                spec,
                range: (lo, hi),
            } => trf(
                "{}: the fit stops at the edge of the range searched ({}..{}); widen it with --param {}=LOW..HIGH",
                &[&spec.key, &fmt_num(*lo), &fmt_num(*hi), &spec.key],
            ),
            Warning::CannotTell {
                held,
                loaded,
                low,
                high,
            } => trf(
                "{}: held at {}, but fits with it anywhere from {} to {} match the history about as well: the history cannot tell these explanations apart, and a what-if may depend on which is true (montecarlo --from-fit asks it under each)",
                &[
                    &held.key,
                    &fmt_num(round_sig(*loaded)),
                    &fmt_num(round_sig(*low)),
                    &fmt_num(round_sig(*high)),
                ],
            ),
            Warning::Overridden {
                spec,
                at,
                note,
                value,
            } => trf(
                "{}: the event at period {} (\"{}\") sets it to {}, so the fitted value holds only before it; the periods after are fitted with the event's value (remove the event's line to fit the whole history)",
                &[&spec.key, at, note, &fmt_num(round_sig(*value))],
            ),
            Warning::Together { a, b, r } => trf(
                "{} and {} move together (correlation {} over the refits): the data tell one combination of them, not each; fix one, or add a series that tells them apart",
                &[&a.key, &b.key, &format!("{r:+.2}")],
            ),
        };
        f.write_str(&text)
    }
}

/// The warnings for `fitted`, given each parameter's linearised interval
/// width as a share of its range (`linear`) and the pairs that move together.
pub(super) fn warnings(
    fitted: &[Fitted],
    linear: &[f64],
    correlated: &[(usize, usize, f64)],
    alternatives: &[super::Alternative],
    base: &crate::model::Config,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for (f, lin) in fitted.iter().zip(linear) {
        let (lo, hi) = (f.param.lo, f.param.hi);
        let spec = f.param.spec;
        let width = hi - lo;
        if lin.is_infinite() {
            out.push(Warning::Unresponsive {
                spec,
                value: f.value,
            });
        } else if width > 0.0 && (f.high - f.low > WIDE_SHARE * width || *lin > WIDE_SHARE) {
            let boot = (f.high - f.low) / width;
            let by = if boot >= *lin {
                Loose::Refits {
                    low: f.low,
                    high: f.high,
                    share: boot,
                }
            } else {
                Loose::Slope { share: *lin }
            };
            out.push(Warning::Loose {
                spec,
                range: (lo, hi),
                by,
            });
        }
        let edge = 1e-6 * width;
        if width > 0.0
            && ((f.value - lo).abs() <= edge && lo > spec.min
                || (hi - f.value).abs() <= edge && hi < spec.max)
        {
            out.push(Warning::AtEdge {
                spec,
                range: (lo, hi),
            });
        }
    }
    let mut held: Vec<&'static ParamSpec> = alternatives.iter().map(|a| a.held).collect();
    held.dedup_by_key(|s| s.id);
    for spec in held {
        let loaded = base.params[spec.id];
        let (low, high) = alternatives
            .iter()
            .filter(|a| a.held.id == spec.id)
            .fold((loaded, loaded), |(lo, hi), a| {
                (lo.min(a.value), hi.max(a.value))
            });
        out.push(Warning::CannotTell {
            held: spec,
            loaded,
            low,
            high,
        });
    }
    let last = base.periods;
    // A value fitted at the start, which a later event overrides (an
    // event's own value, fitted, is what the event sets).
    for f in fitted.iter().filter(|f| f.param.event.is_none()) {
        for e in &base.events {
            if let Some((_, v)) = e.set.iter().find(|(p, _)| *p == f.param.spec.id)
                && e.at <= last
            {
                out.push(Warning::Overridden {
                    spec: f.param.spec,
                    at: e.at,
                    note: e.note.clone(),
                    value: *v,
                });
            }
        }
    }
    for &(i, j, r) in correlated {
        out.push(Warning::Together {
            a: fitted[i].param.spec,
            b: fitted[j].param.spec,
            r,
        });
    }
    out
}
