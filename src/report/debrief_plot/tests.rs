//! The debrief picture of a class with a bankrupt all-sales team, a team
//! that changed nothing and several others: its four panels, the crosses
//! where cash ran out, autopilot over the idle team, a legend whose lines
//! never overlap, and every word in the reader's language.

use std::sync::OnceLock;

use super::chart::rank_boxes;
use super::legend::{Item, Mark, items, layout};
use super::*;
use crate::i18n::{Lang, with_lang};
use crate::model::ParamId;
use crate::play::debrief::debrief;
use crate::play::{Game, Kind, Session};
use crate::report::plot::Rect;

/// The `balanced` preset with three decisions to play.
fn scenario_toml() -> String {
    let mut toml = crate::scenario::preset("balanced")
        .expect("the balanced preset")
        .toml
        .to_string();
    toml.push_str(
        "\n[play]\ndecisions = [\"product.rd_share\", \"sales.sales_share\", \"pricing.price\"]\n",
    );
    toml
}

/// A team's session: each decision set at the start of its turn.
fn team(player: &str, set: &[(u32, ParamId, f64)]) -> (String, Session) {
    let toml = scenario_toml();
    let s = crate::scenario::parse("t.toml", &toml).expect("the scenario parses");
    let mut g = Game::new(s);
    let mut turn = 0;
    while !g.finished() {
        for (_, id, v) in set.iter().filter(|(t, _, _)| *t == turn) {
            g.set(*id, *v).expect("a valid decision");
        }
        g.advance();
        turn += 1;
    }
    let session = Session {
        kind: Kind::Play,
        player: player.into(),
        scenario_toml: toml,
        seed: 1,
        stochastic: false,
        decisions: g.decisions.clone(),
        ..Session::default()
    };
    (format!("{}.toml", player.to_lowercase()), session)
}

/// The class: one team all in on sales (out of cash), one that did nothing,
/// and four that tried something.
pub(super) fn class() -> &'static Debrief {
    static CLASS: OnceLock<Debrief> = OnceLock::new();
    CLASS.get_or_init(|| {
        use ParamId::{Price, RdShare, SalesShare};
        let sessions = [
            team("Broke", &[(0, RdShare, 0.05), (0, SalesShare, 0.95)]),
            team("Idle", &[]),
            team(
                "Profit",
                &[(0, RdShare, 0.14), (0, SalesShare, 0.25), (0, Price, 105.0)],
            ),
            team(
                "Revenue",
                &[(0, RdShare, 0.1), (0, SalesShare, 0.7), (0, Price, 80.0)],
            ),
            team("Builders", &[(0, RdShare, 0.3), (3, SalesShare, 0.35)]),
            team("Discounters", &[(0, Price, 60.0), (2, SalesShare, 0.5)]),
        ];
        debrief(&sessions).expect("the debrief builds")
    })
}

fn entry<'a>(d: &'a Debrief, player: &str) -> &'a crate::play::debrief::Entry {
    d.entries
        .iter()
        .find(|e| e.player == player)
        .expect("the team is in the debrief")
}

#[test]
fn the_picture_has_four_panels_and_both_references() {
    let svg = with_lang(Lang::En, || to_svg(class())).unwrap();
    for text in [
        "Debrief: balanced",
        "\nCustomers\n",
        "\nCash\n",
        "\nProduct strength\n",
        "\nCustomer insight\n",
        "autopilot (no changes)",
        "best steady policy",
        "Teams, best first (score)",
        "The dashed references",
    ] {
        assert!(svg.contains(text), "{text} missing from the picture");
    }
    // Ranked, with scores: the first team's line is numbered 1.
    let first = &class().entries[0];
    let line = format!("1. {} ({})", first.player, first.score.unwrap());
    assert!(svg.contains(&line), "{line} missing");
}

#[test]
fn a_team_out_of_cash_gets_a_cross_and_says_when() {
    let d = class();
    let broke = entry(d, "Broke");
    let (at, cash) = out_of_cash(&broke.series).expect("the all-sales team runs out of cash");
    assert!(cash < 0.0);
    assert!(
        out_of_cash(&entry(d, "Idle").series).is_none(),
        "autopilot keeps its cash"
    );
    let svg = with_lang(Lang::En, || to_svg(d)).unwrap();
    let when = format!("out of cash in week {at}");
    assert!(svg.contains(&when), "{when} missing");
    let broke_teams = d
        .entries
        .iter()
        .filter(|e| out_of_cash(&e.series).is_some())
        .count();
    assert_eq!(svg.matches("out of cash in week").count(), broke_teams);
    // The legend says what the crosses are (a note, wrapped in the column).
    assert!(svg.contains("where a team&apos;s"), "the crosses explained");
    // The cross: two white strokes under two in the team's colour, on the cash panel only.
    let rank = d.entries.iter().position(|e| e.player == "Broke").unwrap();
    let color = COLORS[rank % COLORS.len()];
    let hex = format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2);
    let crosses = svg
        .matches(&format!("stroke=\"{hex}\" stroke-width=\"6\""))
        .count();
    assert_eq!(crosses, 2, "one cross (two strokes) for {hex}");
}

#[test]
fn autopilot_is_drawn_over_the_team_that_did_nothing() {
    let d = class();
    let idle = entry(d, "Idle");
    let auto = &d.references[0].autopilot_series;
    assert_eq!(idle.series.rows.len(), auto.rows.len());
    assert!(
        idle.series
            .rows
            .iter()
            .zip(&auto.rows)
            .all(|(a, b)| a.customers == b.customers && a.cash == b.cash),
        "a team that did nothing runs as autopilot"
    );
    let svg = with_lang(Lang::En, || to_svg(d)).unwrap();
    let rank = d.entries.iter().position(|e| e.player == "Idle").unwrap();
    let color = COLORS[rank % COLORS.len()];
    let team = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\" stroke-width=\"5\"",
        color.0, color.1, color.2
    );
    let dashes = "stroke=\"#000000\" stroke-width=\"3\"";
    // In each panel the team's line comes first, autopilot's dashes after it.
    let team_at: Vec<usize> = svg.match_indices(&team).map(|(i, _)| i).collect();
    let dash_at: Vec<usize> = svg.match_indices(dashes).map(|(i, _)| i).collect();
    assert!(team_at.len() >= 4, "{team} drawn {} times", team_at.len());
    assert!(dash_at.len() > 20, "autopilot's dashes: {}", dash_at.len());
    for t in &team_at[..4] {
        assert!(
            dash_at.iter().any(|d| d > t),
            "autopilot's dashes come after the team's line"
        );
    }
}

#[test]
fn legend_lines_never_overlap_for_twelve_teams_all_out_of_cash() {
    let mut list = vec![Item {
        bold: true,
        wrap: true,
        text: "Teams, best first (score)".into(),
        tail: String::new(),
        mark: Mark::Blank,
        color: BLACK,
        gap: false,
        note: false,
    }];
    for (i, &color) in COLORS.iter().enumerate() {
        list.push(Item {
            text: format!("{}. A team with a very long name indeed {i}", i + 1),
            tail: " (-999)".into(),
            mark: Mark::Line(color, Role::Team),
            color: BLACK,
            bold: false,
            wrap: false,
            gap: false,
            note: false,
        });
        list.push(Item {
            text: format!("out of cash in week {}", 40 + i),
            tail: String::new(),
            mark: Mark::Cross(color),
            color: BROKE,
            bold: false,
            wrap: true,
            gap: false,
            note: false,
        });
    }
    for (k, role) in [Role::Autopilot, Role::Best, Role::Autopilot, Role::Best]
        .into_iter()
        .enumerate()
    {
        list.push(Item {
            text: format!("a reference of a second scenario with a long name {k}"),
            tail: String::new(),
            mark: Mark::Line(BLACK, role),
            color: BLACK,
            bold: false,
            wrap: true,
            gap: k == 0,
            note: false,
        });
    }
    let area = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(LEGEND_WIDTH),
        h: f64::from(SIZE.1 - TITLE_HEIGHT),
    };
    let placed = layout(&list, &area);
    assert!(placed.len() >= list.len(), "every entry is shown");
    assert!(placed[0].size >= 20.0, "readable: {}", placed[0].size);
    let boxes: Vec<Rect> = placed
        .iter()
        .flat_map(|p| std::iter::once(p.text_box).chain(p.mark_box))
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.inside(&area), "{a:?} outside the legend");
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} covers {b:?}");
        }
    }
    // A long name is cut, not run past the column, and keeps its score.
    assert!(placed.iter().any(|p| p.text.ends_with("… (-999)")));
}

#[test]
fn a_short_legend_gets_a_large_font() {
    let curves = curves(class());
    let area = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(LEGEND_WIDTH),
        h: f64::from(SIZE.1 - TITLE_HEIGHT),
    };
    let placed = with_lang(Lang::En, || layout(&items(&curves), &area));
    assert!(placed[0].size >= 30.0, "size {}", placed[0].size);
}

#[test]
fn ranks_over_crowded_crosses_never_overlap() {
    let area = Rect {
        x: 100.0,
        y: 50.0,
        w: 600.0,
        h: 400.0,
    };
    // Twelve crosses near the zero line, bunched at both ends.
    let crosses: Vec<(f64, f64, String)> = (0..12)
        .map(|i| {
            let x = if i < 6 {
                101.0 + f64::from(i) * 5.0
            } else {
                699.0 - f64::from(i)
            };
            (x, 400.0 + f64::from(i % 3), (i + 1).to_string())
        })
        .collect();
    let boxes = rank_boxes(&crosses, &area);
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.inside(&area), "{a:?}");
        assert!(a.y + a.h <= 400.0, "above its cross: {a:?}");
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} covers {b:?}");
        }
    }
}

#[test]
fn the_picture_speaks_traditional_chinese() {
    let svg = with_lang(Lang::ZhHant, || to_svg(class())).unwrap();
    for text in [
        "回顧：balanced",
        "\n客戶\n",
        "\n現金\n",
        "\n產品力\n",
        "\n客戶洞察\n",
        "不調整（原設定）",
        "最佳固定策略",
        "現金耗盡",
        "週",
    ] {
        assert!(svg.contains(text), "{text} missing from the picture");
    }
    for english in ["Customers", "\nCash\n", "autopilot", "out of cash", "Teams"] {
        assert!(!svg.contains(english), "{english} left in English");
    }
    let zh = with_lang(Lang::Zh, || to_svg(class())).unwrap();
    assert!(
        zh.contains("复盘：balanced") && zh.contains("\n产品力\n"),
        "Simplified"
    );
}

#[test]
fn the_words_it_draws_are_the_readers_with_full_width_brackets() {
    let d = class();
    let zh = with_lang(Lang::ZhHant, || texts(d));
    let en = with_lang(Lang::En, || texts(d));
    assert_ne!(zh, en);
    for word in [
        "回顧：balanced",
        "客戶",
        "現金",
        "產品力",
        "客戶洞察",
        "週",
        "不調整（原設定）",
        "最佳固定策略",
        "各隊排名（分數）",
    ] {
        assert!(zh.iter().any(|t| t == word), "{word} not drawn: {zh:?}");
    }
    assert!(zh.iter().any(|t| t.ends_with("現金耗盡")), "{zh:?}");
    // A team's score in full-width brackets, no half-width one anywhere.
    let first = &d.entries[0];
    let line = format!("1. {}（{}）", first.player, first.score.unwrap());
    assert!(zh.contains(&line), "{line} not in {zh:?}");
    assert!(zh.iter().all(|t| !t.contains('(')), "{zh:?}");
    for english in [
        "Customers",
        "Cash",
        "autopilot",
        "best steady",
        "week",
        "Teams",
    ] {
        assert!(
            zh.iter().all(|t| !t.contains(english)),
            "{english} left in English: {zh:?}"
        );
    }
    let line = format!("1. {} ({})", first.player, first.score.unwrap());
    assert!(en.contains(&line), "{line} not in {en:?}");
    assert!(en.iter().any(|t| t == "autopilot (no changes)"));
    let simplified = with_lang(Lang::Zh, || texts(d));
    assert!(simplified.iter().any(|t| t == "周"), "{simplified:?}");
}

#[test]
fn chinese_names_call_for_a_cjk_font() {
    assert!(!has_chinese_names(class()));
    let sessions = [
        team("客戶至上", &[]),
        team("Builders", &[(0, ParamId::RdShare, 0.3)]),
    ];
    let d = debrief(&sessions).expect("the debrief builds");
    assert!(has_chinese_names(&d));
}
