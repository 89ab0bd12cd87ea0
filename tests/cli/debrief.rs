//! `flywheel debrief` for a facilitator: three teams of one scenario, scored
//! against autopilot and the best steady policy, as a table, JSON and a picture.

use flywheel::model::ParamId;
use flywheel::play::Game;
use flywheel::play::session::{Kind, Session};
use flywheel::scenario::preset;
use serde_json::Value;

use crate::support::{TempDir, flywheel};

/// The `balanced` preset played with three decisions, all set at week 0.
fn scenario_toml() -> String {
    let mut toml = preset("balanced").unwrap().toml.to_string();
    toml.push_str(
        "\n[play]\ndecisions = [\"product.rd_share\", \"sales.sales_share\", \"pricing.price\"]\n",
    );
    toml
}

fn team(player: &str, set: &[(ParamId, f64)]) -> Session {
    let toml = scenario_toml();
    let s = flywheel::scenario::parse("t.toml", &toml).unwrap();
    let mut g = Game::new(s);
    for (id, v) in set {
        g.set(*id, *v).unwrap();
    }
    while !g.finished() {
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

/// The three teams of the workshop rehearsal: one that overspends on sales,
/// one that buys revenue with a low price, one that prices for profit.
fn files_in(d: &std::path::Path) -> Vec<std::path::PathBuf> {
    let teams = [
        team(
            "Broke",
            &[(ParamId::RdShare, 0.05), (ParamId::SalesShare, 0.95)],
        ),
        team(
            "Revenue",
            &[
                (ParamId::RdShare, 0.1),
                (ParamId::SalesShare, 0.7),
                (ParamId::Price, 80.0),
            ],
        ),
        team(
            "Profit",
            &[
                (ParamId::RdShare, 0.14),
                (ParamId::SalesShare, 0.25),
                (ParamId::Price, 105.0),
            ],
        ),
    ];
    teams
        .iter()
        .map(|t| {
            let p = d.join(format!("{}.toml", t.player.to_lowercase()));
            std::fs::write(&p, t.to_toml()).unwrap();
            p
        })
        .collect()
}

/// The three teams' files in a directory of their own (removed with it).
fn files() -> (TempDir, Vec<std::path::PathBuf>) {
    let d = TempDir::new("debrief");
    let files = files_in(&d);
    (d, files)
}

#[test]
fn the_json_ranks_profit_over_revenue_and_the_broke_team_last() {
    let (_dir, files) = files();
    let out = flywheel()
        .arg("debrief")
        .args(files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let teams = v["teams"].as_array().unwrap();
    let by = |name: &str| teams.iter().find(|t| t["player"] == name).unwrap().clone();
    let (broke, revenue, profit) = (by("Broke"), by("Revenue"), by("Profit"));
    // Worse than autopilot: below 0, and last, below every solvent team.
    assert!(broke["score"].as_i64().unwrap() < 0, "{broke}");
    assert_eq!(teams.last().unwrap()["player"], "Broke");
    assert_eq!(teams[0]["player"], "Profit");
    assert!(broke["out_of_cash_period"].as_u64().is_some(), "{broke}");
    assert!(broke["broken"].as_str().unwrap().contains("out of cash"));
    assert!(
        profit["score"].as_i64() > revenue["score"].as_i64(),
        "profit {} revenue {}",
        profit["score"],
        revenue["score"]
    );
    for t in teams {
        assert!(t["objective"].is_number());
        assert_eq!(t["objective_metric"], "value");
        assert_eq!(
            t["decisions"].as_array().unwrap().len(),
            if t["player"] == "Broke" { 2 } else { 3 }
        );
    }
    // The references: the best steady policy beats autopilot and keeps cash.
    let best = &v["best"];
    let auto = &v["autopilot"];
    assert!(best["objective"].as_f64().unwrap() >= auto["objective"].as_f64().unwrap());
    assert!(best["min_cash"].as_f64().unwrap() >= 0.0);
    let keys: Vec<&str> = best["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["product.rd_share", "sales.sales_share", "pricing.price"]
    );
}

#[test]
fn the_table_lists_both_references_and_why_a_team_ranks_last() {
    let (_dir, files) = files();
    let out = flywheel()
        .env("LC_ALL", "C.UTF-8")
        .arg("debrief")
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for fragment in [
        "(autopilot)",
        "(best steady policy)",
        "The best steady policy (balanced) holds from the start: R&D share of revenue",
        "Broke     week 0: R&D share of revenue 0.2→0.05",
        "Broke: ranked below every team that kept the rules: out of cash in week ",
        "out of cash",
    ] {
        assert!(text.contains(fragment), "{fragment}:\n{text}");
    }
}

#[test]
fn the_picture_names_every_team_and_both_references() {
    let (d, files) = files();
    let svg = d.join("room.svg");
    let _ = std::fs::remove_file(&svg);
    let out = flywheel()
        .arg("debrief")
        .args(&files)
        .arg("--plot")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    for name in [
        "Broke (-",
        "Revenue",
        "Profit",
        "autopilot",
        "best steady policy",
        "Customers",
        "Cash",
    ] {
        assert!(text.contains(name), "{name} missing from the picture");
    }
    assert!(text.contains("stroke-dasharray") || text.matches("<polyline").count() > 10);
    // Never overwritten without --force.
    let again = flywheel()
        .arg("debrief")
        .args(&files)
        .arg("--plot")
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}

#[test]
fn predictions_recorded_in_a_session_are_counted() {
    use flywheel::play::session::PredictionRecord;
    let d = TempDir::new("debrief-predictions");
    let mut s = team("Class", &[]);
    s.kind = Kind::Explore;
    s.predictions = vec![
        PredictionRecord {
            step: 2,
            choice: 1,
            correct: Some(1),
        },
        PredictionRecord {
            step: 3,
            choice: 2,
            correct: Some(3),
        },
    ];
    let p = d.join("class.toml");
    std::fs::write(&p, s.to_toml()).unwrap();
    let out = flywheel()
        .args(["debrief", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["teams"][0];
    assert_eq!(t["predictions"]["right"], 1, "{t}");
    assert_eq!(t["predictions"]["answered"], 2, "{t}");
    assert_eq!(t["score"], Value::Null, "explore sessions are not scored");
    let table = flywheel()
        .env("LC_ALL", "C.UTF-8")
        .arg("debrief")
        .arg(&p)
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    let row = text.lines().find(|l| l.contains(" Class ")).unwrap();
    assert!(row.trim_end().ends_with("1/2"), "{row}");
}

#[test]
fn the_picture_speaks_the_readers_language_and_a_png_without_cjk_glyphs_falls_back() {
    let (d, files) = files();
    let svg = d.join("room-zh-Hant.svg");
    let out = flywheel()
        .args(["--lang", "zh-Hant", "debrief"])
        .args(&files)
        .arg("--plot")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    for word in [
        "回顧：balanced",
        "產品力",
        "客戶洞察",
        "不調整（原設定）",
        "現金耗盡",
    ] {
        assert!(text.contains(word), "{word} missing from the picture");
    }
    // No CJK font: the PNG is drawn in English, and the warning says so.
    let png = d.join("room.png");
    let out = flywheel()
        .env("FLYWHEEL_CJK_FONT", "")
        .args(["--lang", "zh-Hant", "debrief"])
        .args(&files)
        .arg("--plot")
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("FLYWHEEL_CJK_FONT"), "{stderr}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
}

#[test]
fn the_table_heads_its_columns_in_the_readers_language() {
    use flywheel::i18n::{Lang, lookup};
    let (_dir, files) = files();
    for (code, lang) in [("zh-Hant", Lang::ZhHant), ("zh", Lang::Zh)] {
        let out = flywheel()
            .args(["--lang", code, "debrief"])
            .args(&files)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let head = text
            .lines()
            .find(|l| l.contains(lookup(lang, "team").unwrap()))
            .unwrap_or_else(|| panic!("{code}: no header:\n{text}"));
        for en in ["team", "score", "value", "profit", "customers", "strength"] {
            assert!(!head.contains(en), "{code}: {en} in {head}");
        }
        for en in ["customers", "strength", "out of cash"] {
            let zh = lookup(lang, en).unwrap();
            assert!(head.contains(zh), "{code}: no {zh} in {head}");
        }
    }
}

#[test]
fn a_broken_rule_reads_in_words_on_the_table_and_as_written_in_json() {
    let sessions = [
        "examples/team-broke.session.toml",
        "examples/team-profit.session.toml",
    ];
    let mut args = vec!["debrief"];
    args.extend(sessions);
    let table = crate::support::stdout_in("zh-Hant", &args);
    assert!(
        table.contains("最低現金 ≥ $0") && !table.contains("min_cash"),
        "{table}"
    );
    args.extend(["--format", "json"]);
    let json = crate::support::stdout_in("zh-Hant", &args);
    assert!(
        json.contains("min_cash >= 0") && !json.contains("最低現金"),
        "{json}"
    );
}
