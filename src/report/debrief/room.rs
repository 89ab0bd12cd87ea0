//! The class debrief as the room reads it, at any width: teams ranked as
//! rows (score, value, profit taken, end value, customers, product
//! strength, the feedback settings, when cash ran out), autopilot and the
//! best steady policy beneath them, why a team ranks where it does, and a
//! timeline of each team's decisions (when each change happened, not only
//! where it ended). A column that would be empty or repeat another is left
//! out; when the width is short the least needed go first. The timeline
//! is [`super::timeline`]'s.

use unicode_width::UnicodeWidthStr;

use crate::format::{metric_value, money, number, people, period_at};
use crate::i18n::{tr, trf};
use crate::model::Summary;
use crate::play::debrief::{Debrief, Entry, Reference};
use crate::play::session::Kind;

use super::timeline::{clean, setting_text, timelines, wrap_plain};

/// One row's figures, for a team or a reference.
struct Row<'a> {
    rank: String,
    name: String,
    scenario: &'a str,
    kind: &'a str,
    score: String,
    summary: Summary,
    objective: Option<f64>,
    feedback: (f64, f64),
    period: &'a str,
    predictions: Option<(usize, usize)>,
    seats: &'a str,
}

/// A column: its heading, width, whether it is right-aligned, how much it
/// is needed (the lowest goes first when the width is short) and its cell.
struct Column {
    head: String,
    width: usize,
    right: bool,
    need: u8,
    cell: Cell,
}

fn columns(d: &Debrief) -> Vec<Column> {
    let objective = d.references.first().map(|r| r.objective);
    let many = d.references.len() > 1;
    let explore = d.entries.iter().any(|e| e.kind == Kind::Explore);
    let played = d.entries.iter().any(|e| e.kind == Kind::Play);
    let broke = d
        .entries
        .iter()
        .any(|e| e.summary.cash_negative_period.is_some());
    let predicted = d.entries.iter().any(|e| e.predictions.is_some());
    let seats = d.entries.iter().any(|e| e.two_seats);
    let mut out = Vec::new();
    out.push(col("#", 3, true, 9, |r, _| r.rank.clone()));
    out.push(col(tr("team"), 12, false, 9, |r, _| r.name.clone()));
    if many {
        out.push(col(tr("scenario"), 16, false, 8, |r, _| {
            r.scenario.to_string()
        }));
    }
    if explore {
        out.push(col(tr("kind"), 8, true, 3, |r, _| r.kind.to_string()));
    }
    if seats {
        out.push(col(tr("seats"), 5, true, 8, |r, _| r.seats.to_string()));
    }
    if played {
        out.push(col(tr("score"), 6, true, 9, |r, _| r.score.clone()));
    }
    // The objective first when it is not value (value has its own column).
    if let Some(m) = objective.filter(|m| m.name != "value" && !many) {
        let mut c = col(tr(m.label), 11, true, 8, |r, refr| {
            r.objective
                .map_or_else(|| "-".to_string(), |v| metric_value(refr.objective.name, v))
        });
        c.head = tr(m.label).to_lowercase();
        out.push(c);
    }
    out.push(col(tr("value"), 10, true, 8, |r, _| money(r.summary.value)));
    out.push(col(tr("profit (pv)"), 11, true, 5, |r, _| {
        money(r.summary.pv_profit)
    }));
    out.push(col(tr("end value"), 10, true, 4, |r, _| {
        money(r.summary.terminal_value)
    }));
    if objective.is_none_or(|m| m.name != "final_customers") {
        out.push(col(tr("customers"), 10, true, 7, |r, _| {
            people(r.summary.final_customers)
        }));
    }
    out.push(col(tr("strength"), 8, true, 6, |r, _| {
        format!("{:.2}", r.summary.final_strength)
    }));
    out.push(col(tr("feedback"), 14, true, 6, |r, _| {
        format!(
            "{}% · {} {}",
            number(clean(r.feedback.0 * 100.0)),
            number(clean(r.feedback.1)),
            short(r.period)
        )
    }));
    if broke {
        out.push(col(tr("out of cash"), 12, true, 8, |r, _| {
            r.summary
                .cash_negative_period
                .map_or_else(|| "-".to_string(), |p| period_at(r.period, p))
        }));
    }
    if predicted {
        out.push(col(tr("predictions"), 11, true, 2, |r, _| {
            r.predictions
                .map_or("-".into(), |(right, of)| format!("{right}/{of}"))
        }));
    }
    out
}

fn col(head: &str, width: usize, right: bool, need: u8, cell: Cell) -> Column {
    Column {
        head: head.to_string(),
        width: width.max(head.width()),
        right,
        need,
        cell,
    }
}

/// How a column reads its cell from a row.
type Cell = fn(&Row<'_>, &Reference) -> String;

/// A period word cut short for a cell: `wk`, `mo`.
fn short(label: &str) -> String {
    let word = crate::format::period_word(label);
    match label {
        "week" => tr("wk").to_string(),
        "month" => tr("mo").to_string(),
        _ => word,
    }
}

/// The columns that fit `width`: the least needed dropped first; the team
/// column takes what is left, up to 24.
fn fitted(mut cols: Vec<Column>, width: usize) -> Vec<Column> {
    let total = |cols: &[Column]| cols.iter().map(|c| c.width + 1).sum::<usize>();
    while total(&cols) > width {
        let Some((i, _)) = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.need < 9)
            .min_by_key(|(i, c)| (c.need, std::cmp::Reverse(*i)))
        else {
            break;
        };
        cols.remove(i);
    }
    let spare = width.saturating_sub(total(&cols));
    if let Some(team) = cols.get_mut(1) {
        team.width += spare.min(12);
    }
    cols
}

fn cell(text: &str, width: usize, right: bool) -> String {
    let text = crate::format::truncate(text, width);
    let pad = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{pad}{text}")
    } else {
        format!("{text}{pad}")
    }
}

fn line(cols: &[Column], row: &Row<'_>, r: &Reference) -> String {
    let cells: Vec<String> = cols
        .iter()
        .map(|c| cell(&(c.cell)(row, r), c.width, c.right))
        .collect();
    cells.join(" ").trim_end().to_string()
}

fn team_row<'a>(rank: usize, e: &'a Entry, r: &'a Reference) -> Row<'a> {
    Row {
        rank: rank.to_string(),
        name: e.player.clone(),
        scenario: &e.scenario,
        kind: match e.kind {
            Kind::Play => tr("play"),
            Kind::Explore => tr("explore"),
        },
        score: e.score.map_or("-".into(), |s| s.to_string()),
        summary: e.summary,
        objective: e.objective,
        feedback: e.feedback,
        period: &r.period_label,
        predictions: e.predictions,
        seats: if e.two_seats { "2" } else { "1" },
    }
}

/// The debrief for the room, as lines no wider than `width`.
pub fn lines(d: &Debrief, width: usize) -> Vec<String> {
    let width = width.max(40);
    let cols = fitted(columns(d), width);
    let mut out = Vec::new();
    if let [r] = d.references.as_slice() {
        out.push(trf(
            "{}: {} teams, ranked by score (0 = autopilot, 100 = the best steady policy)",
            &[&r.scenario, &d.entries.len()],
        ));
        out.push(String::new());
    }
    let head: Vec<String> = cols
        .iter()
        .map(|c| cell(&c.head, c.width, c.right))
        .collect();
    out.push(head.join(" ").trim_end().to_string());
    for (i, e) in d.entries.iter().enumerate() {
        let r = &d.references[e.reference];
        out.push(line(&cols, &team_row(i + 1, e, r), r));
    }
    for r in &d.references {
        let mut row = Row {
            rank: String::new(),
            name: format!("({})", tr("autopilot")),
            scenario: &r.scenario,
            kind: "-",
            score: "0".into(),
            summary: r.autopilot,
            objective: (r.objective.get)(&r.autopilot),
            feedback: r.feedback,
            period: &r.period_label,
            predictions: None,
            seats: "",
        };
        out.push(line(&cols, &row, r));
        if let Some(b) = &r.best {
            let setting = |id| b.decisions.iter().find(|c| c.id == id).map(|c| c.value);
            row.name = format!("({})", tr("best steady policy"));
            row.score = "100".into();
            row.summary = b.summary;
            row.objective = Some(b.objective);
            row.feedback = (
                setting(crate::model::ParamId::Capture).unwrap_or(r.feedback.0),
                setting(crate::model::ParamId::Latency).unwrap_or(r.feedback.1),
            );
            out.push(line(&cols, &row, r));
        }
    }
    let mut notes = notes(d);
    notes.extend(seats_compared(d));
    if !notes.is_empty() {
        out.push(String::new());
        out.extend(notes);
    }
    out.push(String::new());
    out.push(tr("Decisions, team by team (when each change took effect)").to_string());
    out.extend(timelines(d, width));
    for r in &d.references {
        out.push(String::new());
        out.push(match &r.best {
            Some(b) => {
                let values: Vec<String> = b
                    .decisions
                    .iter()
                    .map(|c| setting_text(c.id, c.value))
                    .collect();
                trf(
                    "The best steady policy ({}) holds from the start: {}",
                    &[&r.scenario, &values.join(tr(", "))],
                )
            }
            None => format!(
                "{}: {}",
                r.scenario,
                tr("no steady policy meets the requirements")
            ),
        });
    }
    out.into_iter()
        .flat_map(|l| wrap_plain(&l, width))
        .collect()
}

/// Teams of one person against teams in two seats: how many, their mean
/// score (when the class had both).
fn seats_compared(d: &Debrief) -> Vec<String> {
    let mean = |two: bool| {
        let s: Vec<i32> = d
            .entries
            .iter()
            .filter(|e| e.two_seats == two)
            .filter_map(|e| e.score)
            .collect();
        (
            s.len(),
            s.iter().map(|x| f64::from(*x)).sum::<f64>() / s.len().max(1) as f64,
        )
    };
    let ((n1, m1), (n2, m2)) = (mean(false), mean(true));
    if n1 == 0 || n2 == 0 {
        return Vec::new();
    }
    vec![trf(
        "  one person at both levers: {} teams, mean score {}; product and sales in two seats: {} teams, mean score {}",
        &[&n1, &format!("{m1:.0}"), &n2, &format!("{m2:.0}")],
    )]
}

/// Why a team ranks where it does, where it is not the score alone.
fn notes(d: &Debrief) -> Vec<String> {
    let mut out = Vec::new();
    for e in &d.entries {
        let Some(o) = &e.outcome else {
            continue;
        };
        let period = crate::format::period_word(&d.references[e.reference].period_label);
        if let Some(b) = &o.broken {
            let why = match b.cash_short_at {
                Some(at) => trf(
                    "ranked below every team that kept the rules: out of cash in {} ({})",
                    &[&format!("{period} {at}"), &b.words],
                ),
                None => trf(
                    "ranked below every team that kept the rules: {} not met",
                    &[&b.words],
                ),
            };
            out.push(format!("  {}: {why}", e.player));
        } else if o.beat_best {
            out.push(format!(
                "  {}: {}",
                e.player,
                tr("you beat every steady policy by changing course")
            ));
        }
    }
    out
}
