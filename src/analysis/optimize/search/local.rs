//! One local search: COBYLA from a start, the objective scaled by its size
//! there and every condition a constraint (or, in the feasibility phase, how
//! badly the conditions are broken as the objective).

use super::{Evaluation, Search};

impl Search<'_> {
    /// One COBYLA run from `u0`; returns the best run it saw (feasibility first).
    /// With `feasibility`, it minimises how badly the run breaks the conditions instead.
    pub(super) fn local(
        &self,
        u0: &[f64],
        rho: f64,
        maxeval: usize,
        feasibility: bool,
    ) -> Evaluation {
        use std::cell::RefCell;
        let dims = self.free.len();
        let memo: RefCell<Option<Evaluation>> = RefCell::new(None);
        let best: RefCell<Option<Evaluation>> = RefCell::new(None);
        let judge = |u: &[f64]| -> Evaluation {
            let x = self.values(u);
            if let Some(e) = memo.borrow().as_ref()
                && e.values == x
            {
                return e.clone();
            }
            let e = self.eval(&x);
            let mut b = best.borrow_mut();
            if b.as_ref().is_none_or(|b| e.better_than(b)) {
                *b = Some(e.clone());
            }
            *memo.borrow_mut() = Some(e.clone());
            e
        };
        // Scale the objective by its size at the start so the steps are comparable.
        let first = judge(u0);
        let scale = first.objective.map_or(1.0, |v| v.abs().max(1.0));
        {
            let f = |u: &[f64], _: &mut ()| -> f64 {
                if self.stop.requested() {
                    return 0.0;
                }
                let e = judge(u);
                if feasibility {
                    return shortfall(&e);
                }
                match e.objective {
                    Some(v) => -v / scale,
                    None => 1e3,
                }
            };
            let rules = |u: &[f64], _: &mut ()| judge(u).rule_slack;
            let mut cons: Vec<Box<Margin<'_>>> = Vec::new();
            if !feasibility {
                cons.push(Box::new(rules));
            }
            for k in (0..self.problem.constraints.len()).filter(|_| !feasibility) {
                let judge = &judge;
                cons.push(Box::new(move |u: &[f64], _: &mut ()| judge(u).slack[k]));
            }
            let cons_refs: Vec<&Margin<'_>> = cons.iter().map(|c| c.as_ref()).collect();
            let stop = cobyla::StopTols {
                ftol_rel: 1e-12,
                xtol_abs: vec![1e-9; dims],
                ..cobyla::StopTols::default()
            };
            let _ = cobyla::minimize(
                f,
                u0,
                &vec![(0.0, 1.0); dims],
                &cons_refs,
                (),
                maxeval,
                cobyla::RhoBeg::All(rho),
                Some(stop),
            );
        }
        best.into_inner().unwrap_or(first)
    }
}

/// How far a run is from meeting the rules and conditions, with a little
/// room inside (0 when it meets them all with that room).
fn shortfall(e: &Evaluation) -> f64 {
    let room = 1e-9;
    let mut v = (room - e.rule_slack).max(0.0) * 1e3;
    for s in &e.slack {
        v += (room - s).max(0.0);
    }
    if e.objective.is_none() {
        v += 1.0;
    }
    v
}

/// A constraint as COBYLA takes it: non-negative where met.
type Margin<'a> = dyn Fn(&[f64], &mut ()) -> f64 + 'a;
