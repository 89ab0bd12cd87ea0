//! The class debrief as a room reads it: eight teams of one lesson, some
//! changing course mid-game, ranked; a decision timeline that says when each
//! change happened; no empty or repeated column; every width from 100 to
//! 240 columns used, none exceeded.

use flywheel::model::ParamId;
use flywheel::play::Game;
use flywheel::play::debrief::debrief;
use flywheel::play::session::{Kind, Session};
use flywheel::scenario::preset;

use crate::support::{TempDir, flywheel};

/// A team's game: each (period, parameter, value) set when play reaches
/// that period, the rest played out.
pub fn played(player: &str, plan: &[(u32, ParamId, f64)]) -> Session {
    let toml = preset("lesson-product-sales").unwrap().toml.to_string();
    let s = flywheel::scenario::parse("t.toml", &toml).unwrap();
    let mut g = Game::new(s);
    while !g.finished() {
        for (at, id, v) in plan {
            if *at == g.period {
                g.set(*id, *v).unwrap();
            }
        }
        g.advance();
    }
    Session {
        kind: Kind::Play,
        player: player.into(),
        scenario_toml: toml,
        seed: 1,
        stochastic: false,
        decisions: g.decisions.clone(),
        ..Session::default()
    }
}

/// Eight teams: one that changed nothing, one all-sales team that runs out
/// of cash, one that switches course late, and five others.
pub fn class() -> Vec<(String, Session)> {
    use ParamId::*;
    let teams = [
        played("Autopilot Inc", &[]),
        played(
            "All Sales",
            &[
                (0, RdShare, 0.0),
                (0, RdBase, 0.0),
                (0, SalesShare, 0.95),
                (0, SalesBase, 50000.0),
            ],
        ),
        played("Late Switch", &[(0, RdShare, 0.0), (156, RdShare, 0.4)]),
        played("Balanced", &[(0, RdShare, 0.25), (0, SalesBase, 8000.0)]),
        played(
            "Builders",
            &[(0, RdBase, 60000.0), (52, SalesBase, 12000.0)],
        ),
        played("Pricey", &[(0, Price, 140.0)]),
        played("Cheap", &[(0, Price, 70.0), (26, SalesShare, 0.4)]),
        played(
            "Steady Growth",
            &[
                (0, RdShare, 0.3),
                (0, SalesShare, 0.35),
                (104, Price, 110.0),
            ],
        ),
    ];
    teams
        .into_iter()
        .map(|t| (format!("{}.toml", t.player), t))
        .collect()
}

#[test]
fn the_room_debrief_is_ranked_has_a_timeline_and_fits_every_width() {
    let d = debrief(&class()).unwrap();
    if std::env::var_os("FLYWHEEL_SHOW").is_some() {
        for w in [100, 180] {
            println!("{}", flywheel::report::debrief::lines(&d, w).join("\n"));
        }
    }
    let scores: Vec<i32> = d.entries.iter().map(|e| e.score.unwrap()).collect();
    assert!(
        d.entries.last().unwrap().player == "All Sales",
        "the team out of cash ranks last: {:?}",
        d.entries.iter().map(|e| &e.player).collect::<Vec<_>>()
    );
    let kept: Vec<i32> = scores[..scores.len() - 1].to_vec();
    assert!(kept.windows(2).all(|w| w[0] >= w[1]), "ranked: {scores:?}");
    assert!(
        scores.iter().any(|s| *s < 0),
        "someone below autopilot: {scores:?}"
    );
    for width in [100, 120, 180, 240] {
        let lines = flywheel::report::debrief::lines(&d, width);
        let text = lines.join("\n");
        for l in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= width,
                "{width}: {l:?}"
            );
        }
        let head = lines.iter().find(|l| l.starts_with("  #")).unwrap();
        // No repeated and no empty column: each heading once; kind and
        // predictions (empty in play) absent.
        for word in ["score", "customers", "strength", "feedback", "out of cash"] {
            assert_eq!(head.matches(word).count(), 1, "{width}: {word} in {head}");
        }
        let value = head.matches("value").count() - head.matches("end value").count();
        assert_eq!(value, 1, "{width}: value in {head}");
        for absent in ["kind", "predictions", "total_profit", "scenario"] {
            assert!(!head.contains(absent), "{width}: {absent} in {head}");
        }
        // The timeline says when the late switch happened, not only its end.
        assert!(
            text.contains("week 156: R&D share of revenue 0→0.4"),
            "{width}:\n{text}"
        );
        assert!(text.contains("Autopilot Inc") && text.contains("no change"));
        // The team out of cash says when.
        let broke = lines.iter().find(|l| l.contains("All Sales")).unwrap();
        assert!(broke.contains("week "), "{width}: {broke}");
        // Team names are whole at 120 and wider.
        if width >= 120 {
            assert!(text.contains("Steady Growth "), "{width}:\n{text}");
        }
    }
    // Wider screens show more, never less.
    let narrow = flywheel::report::debrief::lines(&d, 100);
    let wide = flywheel::report::debrief::lines(&d, 180);
    let cols = |l: &[String]| {
        l.iter()
            .find(|l| l.starts_with("  #"))
            .unwrap()
            .split_whitespace()
            .count()
    };
    assert!(cols(&wide) >= cols(&narrow));
}

#[test]
fn the_debrief_command_prints_the_room_table() {
    let dir = TempDir::new("debrief-room");
    let files: Vec<_> = class()
        .into_iter()
        .map(|(name, s)| {
            let p = dir.join(name.replace(' ', "-"));
            std::fs::write(&p, s.to_toml()).unwrap();
            p
        })
        .collect();
    let out = flywheel()
        .env("LC_ALL", "C.UTF-8")
        .arg("debrief")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Decisions, team by team"), "{text}");
    assert!(text.contains("week 156"), "{text}");
    let zh = flywheel()
        .env("LC_ALL", "C.UTF-8")
        .args(["--lang", "zh-Hant", "debrief"])
        .args(&files)
        .output()
        .unwrap();
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.contains("第 156 週"), "{zh}");
}

/// Teams that played in two seats are marked, compared with the teams of
/// one person, and their messages and each seat's decisions are in the
/// timeline; a session keeps both.
#[test]
fn two_seat_teams_show_their_seats_and_messages() {
    use flywheel::play::seats::Message;
    let mut teams = class();
    for (_, s) in teams.iter_mut().take(3) {
        s.two_seats = true;
        s.messages = vec![Message::new(13, 26.0, "they ask for an API")];
    }
    // A session file keeps the seats and the messages.
    let again = flywheel::play::session::parse_session("t", &teams[0].1.to_toml()).unwrap();
    assert!(again.two_seats);
    assert_eq!(again.messages, teams[0].1.messages);
    let d = debrief(&teams).unwrap();
    let text = flywheel::report::debrief::lines(&d, 160).join("\n");
    let head = text.lines().find(|l| l.starts_with("  #")).unwrap();
    assert!(head.contains("seats"), "{head}");
    assert!(
        text.contains("product and sales in two seats: 3 teams"),
        "{text}"
    );
    assert!(
        text.contains("week 13: sales to product, read in week 39: \"they ask for an API\""),
        "{text}"
    );
    assert!(text.contains("[product] R&D share of revenue"), "{text}");
}
