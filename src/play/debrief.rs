//! The facilitator's debrief: several sessions side by side.

use std::io::{self, Write};

use super::game::outcome;
use super::session::{Kind, Session};
use crate::format::{money, people};
use crate::i18n::tr;
use crate::model::{ParamId, ParamSpec, Summary, fmt_num, simulate, summarize};
use crate::scenario::Diagnostics;

/// One session's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The session file.
    pub file: String,
    /// The player or team.
    pub player: String,
    /// The scenario played.
    pub scenario: String,
    /// Play or explore.
    pub kind: Kind,
    /// The run's summary.
    pub summary: Summary,
    /// The score, for play sessions.
    pub score: Option<u32>,
    /// The parameters the session changed, with their final values.
    pub changed: Vec<(ParamId, f64)>,
}

/// The spread of one decision over all sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionStats {
    /// The parameter.
    pub key: ParamId,
    /// How many times it was set.
    pub count: usize,
    /// The lowest value set.
    pub min: f64,
    /// The highest value set.
    pub max: f64,
    /// The mean of the values set.
    pub mean: f64,
}

/// The whole debrief.
#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    /// One entry per session, in the order given.
    pub entries: Vec<Entry>,
    /// Every decision's spread, in parameter order.
    pub decisions: Vec<DecisionStats>,
}

/// Builds the debrief of several sessions (file name and session).
pub fn debrief(sessions: &[(String, Session)]) -> Result<Debrief, Diagnostics> {
    let mut entries = Vec::new();
    let mut values: Vec<(ParamId, f64)> = Vec::new();
    for (file, s) in sessions {
        let (scenario, cfg) = s.config(file)?;
        let summary = summarize(&simulate(&cfg));
        let score = (s.kind == Kind::Play).then(|| outcome(&scenario, &s.decisions).score);
        let mut changed: Vec<(ParamId, f64)> = Vec::new();
        for d in &s.decisions {
            values.push((d.key, d.new));
            match changed.iter_mut().find(|(k, _)| *k == d.key) {
                Some(c) => c.1 = d.new,
                None => changed.push((d.key, d.new)),
            }
        }
        changed.sort_by_key(|(k, _)| *k);
        entries.push(Entry {
            file: file.clone(),
            player: if s.player.is_empty() {
                file.clone()
            } else {
                s.player.clone()
            },
            scenario: scenario.name.clone(),
            kind: s.kind,
            summary,
            score,
            changed,
        });
    }
    let mut keys: Vec<ParamId> = values.iter().map(|(k, _)| *k).collect();
    keys.sort();
    keys.dedup();
    let decisions = keys
        .into_iter()
        .map(|key| {
            let v: Vec<f64> = values
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, x)| *x)
                .collect();
            DecisionStats {
                key,
                count: v.len(),
                min: v.iter().copied().fold(f64::INFINITY, f64::min),
                max: v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                mean: v.iter().sum::<f64>() / v.len() as f64,
            }
        })
        .collect();
    Ok(Debrief { entries, decisions })
}

/// The debrief as text tables.
pub fn write_table(d: &Debrief, w: &mut dyn Write) -> io::Result<()> {
    let cols = [
        (tr("player"), 20),
        (tr("scenario"), 18),
        (tr("kind"), 8),
        (tr("revenue"), 12),
        (tr("customers"), 10),
        (tr("low cash"), 10),
        (tr("score"), 6),
    ];
    let header: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (name, width))| {
            if i < 2 {
                truncate(name, *width)
            } else {
                right(name, *width)
            }
        })
        .collect();
    writeln!(w, "{}", header.join(" "))?;
    for e in &d.entries {
        let kind = match e.kind {
            Kind::Play => tr("play"),
            Kind::Explore => tr("explore"),
        };
        let cells = [
            truncate(&e.player, 20),
            truncate(&e.scenario, 18),
            right(kind, 8),
            right(&money(e.summary.total_revenue), 12),
            right(&people(e.summary.final_customers), 10),
            right(&money(e.summary.min_cash), 10),
            right(&e.score.map_or("-".into(), |s| s.to_string()), 6),
        ];
        writeln!(w, "{}", cells.join(" "))?;
    }
    writeln!(w, "\n{}", tr("settings changed"))?;
    for e in &d.entries {
        let changes: Vec<String> = e
            .changed
            .iter()
            .map(|(k, v)| format!("{}={}", ParamSpec::of(*k).key, fmt_num(*v)))
            .collect();
        let list = if changes.is_empty() {
            tr("(none)").to_string()
        } else {
            changes.join(", ")
        };
        writeln!(w, "  {} {list}", truncate(&e.player, 20))?;
    }
    writeln!(w, "\n{}", tr("decisions over all sessions"))?;
    writeln!(
        w,
        "  {} {} {} {} {}",
        truncate(tr("parameter"), 28),
        right(tr("times"), 6),
        right(tr("min"), 10),
        right(tr("max"), 10),
        right(tr("mean"), 10)
    )?;
    for s in &d.decisions {
        writeln!(
            w,
            "  {} {} {} {} {}",
            truncate(ParamSpec::of(s.key).key, 28),
            right(&s.count.to_string(), 6),
            right(&fmt_num(s.min), 10),
            right(&fmt_num(s.max), 10),
            right(&fmt_num((s.mean * 1e4).round() / 1e4), 10)
        )?;
    }
    Ok(())
}

/// Right-aligns text to a display width.
fn right(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    if w >= width {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(width - w))
    }
}

/// Cuts text to a display width (with an ellipsis when cut), padded to it.
fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return pad(s.to_string(), width);
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    pad(out, width)
}

fn pad(s: String, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s.as_str());
    if w >= width {
        s
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::{right, truncate};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cells_are_cut_and_padded_by_display_width() {
        assert_eq!(truncate("Team A", 8), "Team A  ");
        assert_eq!(truncate("ab玩", 3), "ab…");
        assert_eq!(truncate("飞轮团队一号", 7), "飞轮团…");
        assert_eq!(truncate("飞轮", 6).width(), 6);
        assert_eq!(right("收入", 6), "  收入");
    }
}
