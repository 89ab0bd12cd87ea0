//! Sessions: saved from a game, replayed headless byte for byte, debriefed side by side.

use flywheel::model::{ParamId, simulate};
use flywheel::play::Game;
use flywheel::play::session::{Kind, Session};
use flywheel::report;
use flywheel::scenario::{preset, resolve};

use crate::support::{TempDir, flywheel};

/// Plays a game with a few decisions and returns its session and the CSV of its run.
fn played(player: &str, price: f64, stochastic: bool) -> (Session, Vec<u8>) {
    let mut s = resolve("lesson-latency").unwrap();
    s.config.stochastic = stochastic;
    s.config.seed = 11;
    let mut g = Game::new(s.clone());
    g.set(ParamId::Price, price).unwrap();
    g.advance();
    g.set(ParamId::Capture, 0.8).unwrap();
    g.set(ParamId::Latency, 13.0).unwrap();
    g.advance();
    while !g.finished() {
        g.advance();
    }
    let mut csv = Vec::new();
    report::csv::write(&simulate(&g.config()), &mut csv).unwrap();
    let session = Session {
        kind: Kind::Play,
        player: player.into(),
        scenario_toml: preset("lesson-latency").unwrap().toml.to_string(),
        seed: 11,
        stochastic,
        decisions: g.decisions.clone(),
        ..Session::default()
    };
    (session, csv)
}

#[test]
fn replay_gives_the_same_csv_byte_for_byte() {
    let d = TempDir::new("sessions");
    for stochastic in [false, true] {
        let (session, csv) = played("Team A", 90.0, stochastic);
        let path = d.join(format!("a-{stochastic}.toml"));
        std::fs::write(&path, session.to_toml()).unwrap();
        let out = flywheel().arg("replay").arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, csv, "stochastic = {stochastic}");
    }
}

#[test]
fn decisions_cost_cash_in_play_and_nothing_in_explore() {
    let (session, _) = played("Team A", 90.0, false);
    let (_, play_cfg) = session.config("a").unwrap();
    let explore = Session {
        kind: Kind::Explore,
        ..session.clone()
    };
    let (_, explore_cfg) = explore.config("a").unwrap();
    let play_cash: f64 = play_cfg.events.iter().map(|e| e.cash_injection).sum();
    let explore_cash: f64 = explore_cfg.events.iter().map(|e| e.cash_injection).sum();
    // Capture 0.5 -> 0.8 costs 0.3 * 200000; latency 26 -> 13 costs 13 * 5000.
    assert!(
        (play_cash + (0.3 * 200_000.0 + 13.0 * 5_000.0)).abs() < 1e-6,
        "{play_cash}"
    );
    assert_eq!(explore_cash, 0.0);
}

#[test]
fn the_debrief_puts_sessions_side_by_side_in_either_language() {
    let d = TempDir::new("sessions");
    let (a, _) = played("Team A", 90.0, false);
    let (b, _) = played("队伍 B", 120.0, false);
    let pa = d.join("a.toml");
    let pb = d.join("b.toml");
    std::fs::write(&pa, a.to_toml()).unwrap();
    std::fs::write(&pb, b.to_toml()).unwrap();
    let out = flywheel()
        .env("LC_ALL", "C.UTF-8")
        .arg("debrief")
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Team A") && text.contains("队伍 B"));
    // Each team's decisions, with when they took effect.
    assert!(
        text.contains("week 0: Price $100→$90") && text.contains("week 0: Price $100→$120"),
        "{text}"
    );
    let zh = flywheel()
        .args(["--lang", "zh", "debrief"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(
        zh.contains("各队的决策") && zh.contains("队伍") && zh.contains("第 0 周：价格"),
        "{zh}"
    );
}

#[test]
fn a_broken_session_is_refused_with_its_place() {
    let d = TempDir::new("sessions");
    let p = d.join("bad.toml");
    std::fs::write(
        &p,
        "[session]\nkind = \"play\"\nscenario = \"[market]\\nsize = -1\\n\"\n",
    )
    .unwrap();
    flywheel()
        .arg("replay")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "(embedded scenario):2:8: market.size = -1 is out of range",
        ));
}
