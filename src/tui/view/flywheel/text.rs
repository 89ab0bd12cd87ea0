//! The view's words, in one place (translated by [`crate::i18n`]).

use crate::i18n::{tr, trf};
use crate::tui::stage::Stage;

pub fn title() -> &'static str {
    tr(" Flywheel ")
}
pub fn hint() -> &'static str {
    tr("f charts · [ ] cursor ")
}
pub fn limits() -> &'static str {
    tr(" ◆ limits ")
}
pub fn limiting() -> &'static str {
    tr("Limiting now: ")
}
pub fn driving() -> &'static str {
    tr("driving: ")
}
pub fn mixed() -> &'static str {
    tr("no loop leads (mixed)")
}
pub fn quiet() -> &'static str {
    tr("too little happens to name a loop")
}
pub fn hidden() -> &'static str {
    tr("Predict first: the flywheel of your run shows once you answer.")
}
pub fn no_data() -> &'static str {
    tr("Nothing has happened yet: advance a turn.")
}

pub fn stage(s: Stage) -> &'static str {
    match s {
        Stage::Insight => tr("Insight"),
        Stage::Create => tr("Create value"),
        Stage::Deliver => tr("Deliver value"),
        Stage::Capture => tr("Capture value"),
    }
}

/// What a stage does, in a few words.
pub fn role(s: Stage) -> &'static str {
    match s {
        Stage::Insight => tr("heard by sales, sent to R&D"),
        Stage::Create => tr("R&D makes the product better"),
        Stage::Deliver => tr("word of mouth and sales sell"),
        Stage::Capture => tr("revenue pays R&D and sales"),
    }
}

/// The lines a stage's box shows.
pub fn flows(s: Stage, f: &super::Figures) -> [String; 3] {
    let p = &f.per;
    match s {
        Stage::Insight => [
            trf("feedback arrived {}/{}", &[&f.arrived, p]),
            trf("in transit {} (lag {})", &[&f.in_flight, &f.latency]),
            trf("insight {}", &[&f.insight]),
        ],
        Stage::Create => [
            trf("strength gained +{}/{}", &[&f.gain, p]),
            trf("product strength {}", &[&f.strength]),
            trf("R&D {}/{}", &[&f.rd, p]),
        ],
        Stage::Deliver => [
            trf("new customers {}/{}", &[&f.new, p]),
            trf("leads {} · conversion {}", &[&f.leads, &f.conversion]),
            trf("market won {} · lapsed {}", &[&f.won, &f.lapsed]),
        ],
        Stage::Capture => [
            trf("revenue {}/{}", &[&f.revenue, p]),
            trf("profit {}/{}", &[&f.profit, p]),
            match &f.interest {
                Some(i) => trf("cash {} · interest {}/{}", &[&f.cash, i, p]),
                None => trf("cash {}", &[&f.cash]),
            },
        ],
    }
}

/// A stage's figures in a few words, for a small view: (name, value).
pub fn compact(s: Stage, f: &super::Figures) -> [(&'static str, String); 3] {
    let p = &f.short_per;
    match s {
        Stage::Insight => [
            (tr("arrived"), format!("{}/{p}", f.arrived)),
            (tr("in transit"), f.in_flight.clone()),
            (tr("insight"), f.insight.clone()),
        ],
        Stage::Create => [
            (tr("gained"), format!("+{}/{p}", f.gain)),
            (tr("strength"), f.strength.clone()),
            (tr("R&D"), format!("{}/{p}", f.rd)),
        ],
        Stage::Deliver => [
            (tr("new"), format!("{}/{p}", f.new)),
            (tr("leads"), f.leads.clone()),
            (tr("conv"), f.conversion.clone()),
        ],
        Stage::Capture => [
            (tr("revenue"), format!("{}/{p}", f.revenue)),
            (tr("profit"), format!("{}/{p}", f.profit)),
            (tr("cash"), f.cash.clone()),
        ],
    }
}

pub fn reason(r: &super::Reason, period: &str) -> String {
    use super::Reason as R;
    use crate::format::money;
    match *r {
        R::CashOut { since } => trf("cash ran out in {} {}", &[&period, &since]),
        R::Saturated { share } => {
            let share = format!("{:.0}%", share * 100.0);
            trf("the market is {} saturated", &[&share])
        }
        R::NoFeedbackYet { latency } => trf(
            "no feedback has arrived yet: it takes {} {}s",
            &[&latency, &period],
        ),
        R::Late { latency } => trf("feedback arrives {} {}s late", &[&latency, &period]),
        R::Weak { strength } => {
            let strength = format!("{strength:.2}");
            trf("product strength {} converts few leads", &[&strength])
        }
        R::Losing { gap } => trf("costs exceed revenue by {}/{}", &[&money(gap), &period]),
        R::Reach { share } => trf(
            "only {} of the prospects left become leads a {}",
            &[&crate::format::share(share), &period],
        ),
    }
}
