//! Changing a scenario's period (a week to a month, ...): every rate, flow,
//! delay and horizon converted so that the same company tells the same story
//! (MODEL.md, "Converting periods").
//!
//! With `k` the new period's length in old periods (52/12 from weeks to
//! months), each parameter converts as its table row says ([`Per`]): rates
//! are continuous, so they and amounts per period are multiplied by `k`;
//! delays are divided by `k`, unrounded; whole counts of periods (the
//! horizon, event periods, the valuation's periods and lag) are divided by
//! `k` and rounded; `scenario.substeps` is multiplied by `k` and rounded up,
//! so the sub-step stays as short as it was; the rest does not depend on the
//! period.

use super::Scenario;
use crate::i18n::{Text, says};
use crate::model::{PARAMS, ParamId as P, ParamSpec, Per};
/// The period names understood, with how many make a year.
pub const PERIODS: [(&str, f64); 5] = [
    ("day", 365.0),
    ("week", 52.0),
    ("month", 12.0),
    ("quarter", 4.0),
    ("year", 1.0),
];

/// How many of `label` make a year (`None`: not a period this knows).
pub fn per_year(label: &str) -> Option<f64> {
    let l = label.trim().to_lowercase();
    let l = l.strip_suffix('s').unwrap_or(&l);
    PERIODS.iter().find(|(n, _)| *n == l).map(|(_, v)| *v)
}

/// How many weeks one period called `label` lasts (1 for a period this
/// does not know: its values are read against the table as written).
pub fn weeks(label: &str) -> f64 {
    per_year(label).map_or(1.0, |n| 52.0 / n)
}

/// The row of parameter `id` for a scenario whose period is `label`: its
/// valid and drawn ranges in that period ([`ParamSpec::in_period`]).
pub fn spec_in(label: &str, id: P) -> &'static ParamSpec {
    ParamSpec::of(id).in_period(weeks(label))
}

/// `v` of parameter `spec` for a period `k` times as long, as the new
/// period needs it (before it is kept valid).
fn scaled(spec: &ParamSpec, v: f64, k: f64) -> f64 {
    match spec.per {
        Per::Rate | Per::PerPeriod => tidy(v * k),
        Per::Delay => tidy(v / k),
        Per::Count => (v / k).round(),
        Per::Fixed => v,
    }
}

/// `v` to 12 significant digits: a converted value without the last bits
/// of floating-point noise (`0.026`, not `0.026000000000000002`), a change
/// far below anything a run can show.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 11 - v.abs().log10().floor() as i32;
    if !(-300..=300).contains(&digits) {
        return v;
    }
    let f = 10f64.powi(digits);
    let t = (v * f).round() / f;
    if t.is_finite() { t } else { v }
}

/// `v` of parameter `id` for a period `k` times as long, kept valid in
/// the new period, `to` (its name).
pub fn convert_value(id: P, v: f64, k: f64, to: &str) -> f64 {
    let spec = spec_in(to, id);
    let out = scaled(spec, v, k);
    if spec.accepts(out) {
        out
    } else {
        spec.clamp(out)
    }
}

/// A value a period conversion could not keep: outside its parameter's
/// valid range in the new period, it is clamped, and the converted run is
/// no longer the same company.
#[derive(Debug, Clone, PartialEq)]
pub struct Clamped {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// The value the new period needs.
    pub wanted: f64,
    /// The value kept (the nearest valid one).
    pub kept: f64,
}

impl Clamped {
    /// What happened, in the reader's words.
    pub fn text(&self, period: &str) -> Text {
        says(
            "{} would be {} a {}, outside its valid range {}; it is {}, so this run is not the same company",
            &[
                &self.spec.key,
                &crate::model::fmt_num(self.wanted),
                &crate::format::period_word(period),
                &crate::format::range(self.spec),
                &crate::model::fmt_num(self.kept),
            ],
        )
    }
}

/// The values of `s` (at the start and in its events) that converting it to
/// `to` clamps; empty when the conversion keeps the company as it is.
pub fn clamped(s: &Scenario, to: &str) -> Vec<Clamped> {
    let to_label = to;
    let (Some(from), Some(to)) = (per_year(&s.period_label), per_year(to)) else {
        return Vec::new();
    };
    let k = from / to;
    let values = PARAMS
        .iter()
        .map(|spec| (spec.id, s.config.params[spec.id]))
        .chain(s.config.events.iter().flat_map(|e| e.set.iter().copied()));
    let mut out: Vec<Clamped> = Vec::new();
    for (id, v) in values {
        let spec = ParamSpec::of(id);
        if matches!(spec.per, Per::Count | Per::Fixed) {
            continue;
        }
        let wanted = scaled(spec, v, k);
        let kept = convert_value(id, v, k, to_label);
        if (kept - wanted).abs() > 1e-12 * wanted.abs().max(1.0)
            && !out.iter().any(|c| c.spec.id == id && c.wanted == wanted)
        {
            out.push(Clamped { spec, wanted, kept });
        }
    }
    out
}

/// Sub-steps per period for a period `k` times as long: as fine as before.
pub fn convert_substeps(substeps: u32, k: f64) -> u32 {
    ((f64::from(substeps) * k - 1e-9).ceil() as u32).clamp(1, 1000)
}

/// The scenario with `to` as its period. Errors name the valid periods.
pub fn convert(s: &Scenario, to: &str) -> Result<Scenario, Text> {
    let names: Vec<&str> = PERIODS.iter().map(|(n, _)| *n).collect();
    let from_per_year = per_year(&s.period_label).ok_or_else(|| {
        says(
            "{}: its period \"{}\" is not one this can convert; valid: {}",
            &[&s.source, &s.period_label, &names.join(", ")],
        )
    })?;
    let to_per_year = per_year(to).ok_or_else(|| {
        says(
            "--period {}: not a period; valid: {}",
            &[&to, &names.join(", ")],
        )
    })?;
    let k = from_per_year / to_per_year;
    let mut out = s.clone();
    let label = to.trim().to_lowercase();
    let label = label.strip_suffix('s').unwrap_or(&label).to_string();
    out.period_label = label.clone();
    for spec in PARAMS.iter() {
        out.config.params[spec.id] =
            convert_value(spec.id, s.config.params[spec.id], k, &out.period_label);
    }
    out.config.periods = ((f64::from(s.config.periods) / k).round() as u32).max(1);
    out.config.substeps = convert_substeps(s.config.substeps, k);
    for e in &mut out.config.events {
        e.at = ((f64::from(e.at) / k).round() as u32).min(out.config.periods);
        for (id, v) in &mut e.set {
            *v = convert_value(*id, *v, k, &label);
        }
    }
    // A lesson's settings and play's decisions speak the new period too.
    for step in &mut out.lesson.steps {
        if let Some(predict) = &mut step.predict {
            for (id, v) in &mut predict.set {
                *v = convert_value(*id, *v, k, &label);
            }
        }
    }
    let play = &mut out.play;
    play.turn = ((f64::from(play.turn) / k).round() as u32).max(1);
    for (id, lo, hi) in &mut play.ranges {
        *lo = convert_value(*id, *lo, k, &label);
        *hi = convert_value(*id, *hi, k, &label);
    }
    for (id, cost) in &mut play.costs {
        // A cost per unit of a decision: a unit of the new period's value
        // is `factor` units of the old one's.
        let factor = match ParamSpec::of(*id).per {
            Per::Rate | Per::PerPeriod => k,
            Per::Delay | Per::Count => 1.0 / k,
            Per::Fixed => 1.0,
        };
        *cost /= factor;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_scale_with_the_period_so_no_conversion_of_a_preset_clamps() {
        // A quarter is 13 weeks: Bass q of 0.08 a week is 1.04 a quarter,
        // valid there (a rate's range is per week, 0..=13 a quarter).
        let s = crate::scenario::resolve("balanced").unwrap();
        let q = convert(&s, "quarter").unwrap();
        assert!((q.config.params[P::Imitation] - 1.04).abs() < 1e-9);
        assert_eq!(spec_in("quarter", P::Imitation).max, 13.0);
        assert_eq!(spec_in("week", P::Imitation).max, 1.0);
        assert_eq!(spec_in("sprint", P::Imitation).max, 1.0);
        assert!((spec_in("month", P::Latency).max - 1000.0 * 12.0 / 52.0).abs() < 1e-9);
        assert_eq!(spec_in("year", P::WinRate).max, 1.0, "a share is a share");
        for preset in crate::scenario::PRESETS.iter() {
            let s = crate::scenario::resolve(preset.name).unwrap();
            for (to, _) in PERIODS {
                assert!(clamped(&s, to).is_empty(), "{} in {to}s", preset.name);
            }
        }
        // A value the new period cannot hold is said: a text this keeps for it.
        let c = Clamped {
            spec: ParamSpec::of(P::Imitation),
            wanted: 14.0,
            kept: 13.0,
        };
        let said = crate::i18n::with_lang(crate::i18n::Lang::En, || c.text("quarter").to_string());
        assert!(
            said.starts_with("market.imitation would be 14 a quarter"),
            "{said}"
        );
    }

    #[test]
    fn a_round_trip_gives_the_values_back() {
        let s = crate::scenario::resolve("balanced").unwrap();
        let m = convert(&s, "month").unwrap();
        assert_eq!(m.period_label, "month");
        let w = convert(&m, "weeks").unwrap();
        for spec in PARAMS.iter() {
            let (a, b) = (s.config.params[spec.id], w.config.params[spec.id]);
            assert!(
                (a - b).abs() <= 1e-9 * a.abs().max(1.0) || spec.per == Per::Count,
                "{}: {a} -> {b}",
                spec.key
            );
        }
        assert!(
            convert(&s, "fortnight")
                .unwrap_err()
                .contains("valid: day, week")
        );
    }

    #[test]
    fn rates_and_flows_scale_and_delays_shrink() {
        let k = 52.0 / 12.0;
        assert!((convert_value(P::Price, 100.0, k, "month") - 433.333_333_333_333_3).abs() < 1e-9);
        assert!((convert_value(P::ChurnFloor, 0.01, k, "month") - 0.01 * k).abs() < 1e-12);
        assert!((convert_value(P::Latency, 4.0, k, "month") - 4.0 / k).abs() < 1e-12);
        assert!((convert_value(P::HiringDelay, 2.0, k, "month") - 2.0 / k).abs() < 1e-12);
        assert_eq!(convert_value(P::ValuationLag, 13.0, k, "month"), 3.0);
        assert_eq!(convert_value(P::WinRate, 0.3, k, "month"), 0.3);
        assert_eq!(convert_substeps(8, k), 35);
        assert_eq!(convert_substeps(35, 1.0 / k), 9);
    }
}
