//! The warnings of a fit, in words: parameters the data cannot pin down (by
//! the refits' interval or by the local slope), values stopped at the edge of
//! the range searched, and pairs that move together.

use super::{Fitted, WIDE_SHARE, round_sig};
use crate::i18n::trf;
use crate::model::fmt_num;

/// The warnings for `fitted`, given each parameter's linearised interval
/// width as a share of its range (`linear`) and the pairs that move together.
pub(super) fn warnings(
    fitted: &[Fitted],
    linear: &[f64],
    correlated: &[(usize, usize, f64)],
) -> Vec<String> {
    let mut out = Vec::new();
    for (f, lin) in fitted.iter().zip(linear) {
        let (lo, hi) = (f.param.lo, f.param.hi);
        let width = hi - lo;
        if lin.is_infinite() {
            out.push(trf(
                "{}: the data do not respond to it near the fitted value; it keeps a value the data say nothing about ({}); fix it and fit fewer, or add a series it drives",
                &[&f.param.spec.key, &fmt_num(round_sig(f.value))],
            ));
        } else if width > 0.0 && (f.high - f.low > WIDE_SHARE * width || *lin > WIDE_SHARE) {
            let boot = (f.high - f.low) / width;
            let how = if boot >= *lin {
                trf(
                    "its 90% interval ({}..{}) covers {}%",
                    &[
                        &fmt_num(round_sig(f.low)),
                        &fmt_num(round_sig(f.high)),
                        &format!("{:.0}", 100.0 * boot.min(1.0)),
                    ],
                )
            } else {
                trf(
                    "by the local slope of the fit its 90% interval covers {}%",
                    &[&format!("{:.0}", 100.0 * lin.min(1.0))],
                )
            };
            out.push(trf(
                "{}: the data cannot pin it down: {} of the range searched ({}..{}); add a series it drives, or fix it and fit fewer",
                &[&f.param.spec.key, &how, &fmt_num(lo), &fmt_num(hi)],
            ));
        }
        let edge = 1e-6 * width;
        if width > 0.0
            && ((f.value - lo).abs() <= edge && lo > f.param.spec.min
                || (hi - f.value).abs() <= edge && hi < f.param.spec.max)
        {
            out.push(trf(
                "{}: the fit stops at the edge of the range searched ({}..{}); widen it with --param {}=LOW..HIGH",
                &[&f.param.spec.key, &fmt_num(lo), &fmt_num(hi), &f.param.spec.key],
            ));
        }
    }
    for &(i, j, r) in correlated {
        out.push(trf(
            "{} and {} move together (correlation {} over the refits): the data tell one combination of them, not each; fix one, or add a series that tells them apart",
            &[&fitted[i].param.spec.key, &fitted[j].param.spec.key, &format!("{r:+.2}")],
        ));
    }
    out
}
