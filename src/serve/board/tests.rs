use super::*;
use crate::serve::class::{ClassConfig, ServeMode};
use crate::tui::Action;
use std::sync::Arc;

#[test]
fn curves_span_the_horizon_on_one_scale() {
    assert_eq!(curve(&[0.0, 50.0, 100.0], 3, 4, 100.0), vec![0, 50, 100]);
    assert_eq!(curve(&[10.0; 9], 8, 3, 20.0), vec![50, 50, 50]);
    assert!(curve(&[], 10, 5, 1.0).is_empty());
}

/// A lockstep class of `balanced` in a fresh folder named `name`.
fn lockstep_class(name: &str) -> (Arc<Class>, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (class, _rx) = Class::new(ClassConfig {
        scenario: crate::scenario::resolve("balanced").unwrap(),
        mode: ServeMode::Play,
        lockstep: true,
        dir: dir.clone(),
        max_teams: 10,
        max_per_team: 4,
        turn_time: None,
        auto_advance: false,
        roles: false,
        history: None,
    });
    (class, dir)
}

#[test]
fn the_board_lists_teams_and_its_keys_drive_the_class() {
    let (class, _dir) = lockstep_class("fw-board");
    let a = class
        .join("Alpha", "here", crate::serve::class::Pass::Code)
        .unwrap();
    class
        .join("Beta", "here", crate::serve::class::Pass::Code)
        .unwrap();
    class.apply(&a, crate::i18n::Lang::En, &[Action::Advance]);
    let mut ui = BoardUi::default();
    let state = class.board();
    let mut buf = Buffer::empty(Rect::new(0, 0, 140, 30));
    render(&state, &ui, buf.area, &mut buf);
    let screen: String = buf.content.iter().map(|c| c.symbol()).collect();
    assert!(
        screen.contains("Alpha") && screen.contains("Beta"),
        "{screen}"
    );
    assert!(text(&state).contains("Alpha"));

    ui.key(&class, &state, KeyCode::Char('t'), false);
    assert_eq!(class.opened_turn(), 2);
    ui.key(&class, &state, KeyCode::Char('n'), false);
    for c in "break".chars() {
        ui.key(&class, &state, KeyCode::Char(c), false);
    }
    ui.key(&class, &state, KeyCode::Enter, false);
    assert_eq!(class.news_lines(), vec!["break".to_string()]);
    // The debrief shows projections: not before they are revealed.
    ui.key(&class, &state, KeyCode::Char('d'), false);
    assert!(
        matches!(&ui.mode, BoardMode::Debrief(v) if v.lines(120)[0].contains("reveal the results first"))
    );
    ui.key(&class, &state, KeyCode::Esc, false);
    assert_eq!(ui.mode, BoardMode::Normal);
    ui.key(&class, &state, KeyCode::Char('r'), false);
    let state = class.board();
    ui.key(&class, &state, KeyCode::Char('d'), false);
    let BoardMode::Debrief(view) = &ui.mode else {
        panic!("the debrief opens once revealed");
    };
    assert!(view.lines(120).iter().any(|l| l.contains("Alpha")));
    // It scrolls, and any other key closes it.
    ui.key(&class, &state, KeyCode::PageDown, false);
    assert!(matches!(&ui.mode, BoardMode::Debrief(v) if v.scroll == 20));
    ui.key(&class, &state, KeyCode::Esc, false);
    ui.key(&class, &state, KeyCode::Char('q'), false);
    assert!(ui.key(&class, &state, KeyCode::Char('y'), false));
}

/// Until the trainer reveals them (or the game ends), the board shows
/// results so far only: no projection to the horizon, no score, no rank;
/// in lockstep, who has played the turn open.
#[test]
fn the_board_hides_projections_and_scores_until_revealed() {
    let (class, dir) = lockstep_class("fw-board-reveal");
    let pass = crate::serve::class::Pass::Code;
    let a = class.join("Alpha", "here", pass).unwrap();
    class.join("Beta", "here", pass).unwrap();
    class.apply(&a, crate::i18n::Lang::En, &[Action::Advance]);
    let draw = |state: &BoardState| {
        let mut buf = Buffer::empty(Rect::new(0, 0, 140, 30));
        render(state, &BoardUi::default(), buf.area, &mut buf);
        (0..30)
            .map(|y| (0..140).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let hidden = class.board();
    assert!(!hidden.revealed);
    let screen = draw(&hidden);
    assert!(screen.contains("results so far"), "{screen}");
    let header = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("team ") && l.contains("PIN"))
            .unwrap()
            .to_string()
    };
    assert!(!header(&screen).contains("score"), "{screen}");
    // Alpha played the turn open; Beta has not.
    let row = |name: &str| {
        text(&hidden)
            .lines()
            .find(|l| l.contains(name))
            .unwrap()
            .to_string()
    };
    assert!(row("Alpha").contains('✓') && !row("Beta").contains('✓'));
    // The projection to week 208 is nowhere: Alpha's profit so far is one
    // turn's, far below its projected total.
    let projected = a.lock().app.session();
    let entry = crate::play::debrief::debrief(&[("a".into(), projected)]).unwrap();
    let total = crate::format::money(entry.entries[0].summary.total_profit);
    assert!(!text(&hidden).contains(&total), "{}", text(&hidden));
    // Revealed: the score and the rank.
    assert!(class.toggle_reveal());
    let shown = class.board();
    assert!(header(&draw(&shown)).contains("score"));
    assert!(text(&shown).contains(&total), "{}", text(&shown));
    assert!(!class.toggle_reveal());
    // The end of the game reveals them too.
    class.end_game();
    assert!(class.board().revealed);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The class debrief on the board uses the whole terminal at any size the
/// room projects (snapshots at 120x40 and 180x50), ranked, with the
/// decision timeline, and scrolls to its end.
#[test]
fn the_debrief_fills_the_projector_and_scrolls() {
    let (class, dir) = lockstep_class("fw-board-debrief");
    let pass = crate::serve::class::Pass::Code;
    let teams = [
        ("Alpha", vec![Action::Advance]),
        (
            "Beta",
            vec![Action::Down, Action::Coarse(1), Action::Advance],
        ),
        ("Gamma", vec![Action::Coarse(-1), Action::Advance]),
        ("Delta", vec![Action::Advance]),
        (
            "Epsilon",
            vec![Action::Down, Action::Coarse(-1), Action::Advance],
        ),
    ];
    for (name, actions) in &teams {
        let id = class.join(name, "here", pass).unwrap();
        class.apply(&id, crate::i18n::Lang::En, actions);
    }
    class.end_game();
    let state = class.board();
    let mut ui = BoardUi::default();
    ui.key(&class, &state, KeyCode::Char('d'), false);
    let draw = |ui: &BoardUi, w: u16, h: u16| {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        render(&state, ui, buf.area, &mut buf);
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let small = draw(&ui, 120, 40);
    let big = draw(&ui, 180, 50);
    for screen in [&small, &big] {
        assert!(screen.contains("class debrief"), "{screen}");
        assert!(screen.contains("Decisions, team by team"), "{screen}");
        for (name, _) in &teams {
            assert!(screen.contains(name), "{name}:\n{screen}");
        }
    }
    // The wide screen's table uses its width: its heading row is wider.
    let heading = |s: &str| {
        s.lines()
            .find(|l| l.contains("  # team"))
            .map(|l| l.trim_end().len())
            .unwrap()
    };
    assert!(heading(&big) > heading(&small), "{big}");
    insta::assert_snapshot!("debrief_120x40", small);
    insta::assert_snapshot!("debrief_180x50", big);
    // Scrolled to the end, the last line (the best steady policy) shows.
    ui.key(&class, &state, KeyCode::End, false);
    let end = draw(&ui, 120, 24);
    assert!(end.contains("holds from the start"), "{end}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The join screen's facts on a laptop with two addresses and a code.
fn laptop() -> JoinInfo {
    JoinInfo {
        port: 2222,
        hosts: vec!["192.168.1.20".into(), "10.0.0.5".into()],
        code: Some("tide-42-mesa".into()),
    }
}

/// `j` shows the join screen: the ssh line with this laptop's address and
/// the class code in large letters (and as written), the other addresses,
/// who has joined; at 100 columns the ssh line breaks in two.
#[test]
fn the_join_screen_shows_the_ssh_line_and_the_code_in_large_letters() {
    let (class, dir) = lockstep_class("fw-board-join");
    class
        .join("Alpha", "here", crate::serve::class::Pass::Code)
        .unwrap();
    let state = class.board();
    let mut ui = BoardUi {
        join: laptop(),
        ..BoardUi::default()
    };
    ui.key(&class, &state, KeyCode::Char('j'), false);
    assert_eq!(ui.mode, BoardMode::Join);
    let draw = |w: u16, h: u16| {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        render(&state, &ui, buf.area, &mut buf);
        screen(&buf)
    };
    let wide = draw(120, 40);
    let big_line = super::big::lines("ssh -p 2222 TEAM@192.168.1.20");
    assert!(wide.contains(big_line[0].trim_end()), "{wide}");
    assert!(wide.contains("ssh -p 2222 TEAM@192.168.1.20"), "{wide}");
    assert!(wide.contains(super::big::lines("tide-42-mesa")[1].trim_end()));
    assert!(wide.contains("tide-42-mesa") && wide.contains("10.0.0.5"));
    assert!(wide.contains("1 joined: Alpha"), "{wide}");
    let shot: Vec<String> = draw(120, 24)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    insta::assert_snapshot!("join_120x24", shot.join("\n"));
    let narrow = draw(100, 30);
    assert!(
        narrow.contains(super::big::lines("TEAM@192.168.1.20")[0].trim_end()),
        "{narrow}"
    );
    // Any key returns to the board.
    ui.key(&class, &state, KeyCode::Esc, false);
    assert_eq!(ui.mode, BoardMode::Normal);
    let _ = std::fs::remove_dir_all(dir);
}

/// The board is drawn at every size a projector gives, 100x30 to 240x70:
/// eight teams all on it, the wide board using its width.
#[test]
fn the_board_fits_every_projector_from_100x30_to_240x70() {
    let (class, dir) = lockstep_class("fw-board-sizes");
    for i in 1..=8 {
        class
            .join(
                &format!("Team {i}"),
                "here",
                crate::serve::class::Pass::Code,
            )
            .unwrap();
    }
    let state = class.board();
    let ui = BoardUi::default();
    let mut used = Vec::new();
    for (w, h) in [(100u16, 30u16), (120, 40), (180, 55), (240, 70)] {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        render(&state, &ui, buf.area, &mut buf);
        let rows: Vec<String> = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect();
        let screen = rows.join("\n");
        for i in 1..=8 {
            assert!(screen.contains(&format!("Team {i}")), "{w}x{h}:\n{screen}");
        }
        // The widest text on the screen: the board grows with the terminal.
        let widest = rows
            .iter()
            .map(|r| r.trim_end().chars().count())
            .max()
            .unwrap_or(0);
        used.push(widest);
        assert!(widest <= usize::from(w));
    }
    assert!(used.windows(2).all(|p| p[0] <= p[1]), "{used:?}");
    assert!(
        used[3] >= 230,
        "the 240-column board uses its width: {used:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The board as text: every row of `buf`, its cells' symbols joined, a
/// wide (Chinese) character's second cell left out, as a terminal shows it.
fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                let w = unicode_width::UnicodeWidthStr::width(symbol).max(1);
                x += u16::try_from(w).unwrap_or(1);
            }
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Taiwanese trainer projects the board in Traditional Chinese: the
/// banner, the status line, the table's title and headers, the curves'
/// title, the log's title and the keys are all in Chinese, with no English
/// word of theirs left, at 120x40 and 100x30; the table's columns line up
/// (a Chinese character is two columns wide).
#[test]
fn the_board_speaks_traditional_chinese() {
    use crate::i18n::{Lang, with_lang};
    let (class, dir) = lockstep_class("fw-board-zh-hant");
    let pass = crate::serve::class::Pass::Code;
    let a = class.join("Alpha", "here", pass).unwrap();
    class.join("Beta", "here", pass).unwrap();
    class.apply(&a, Lang::En, &[Action::Advance]);
    let state = class.board();
    let header = with_lang(Lang::ZhHant, || {
        super::super::banner(
            Some("tea42xyz"),
            "SHA256:abc",
            "127.0.0.1:2499".parse().unwrap(),
            std::path::Path::new("/tmp/class"),
        )
    });
    let ui = BoardUi {
        header,
        ..BoardUi::default()
    };
    let draw = |w: u16, h: u16| {
        with_lang(Lang::ZhHant, || {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            render(&state, &ui, buf.area, &mut buf);
            screen(&buf)
        })
    };
    let big = draw(120, 40);
    let small = draw(100, 30);
    for s in [&big, &small] {
        for english in [
            "teams:",
            "results so far",
            "participants type",
            "listening on",
            "connected",
            "host key",
            "sessions are saved",
            "the class",
            "customers so far",
            "lockstep",
            "played",
            "low cash",
            "conn",
            " log ",
            "open next turn",
            "reveal/hide",
            "select",
            "stop",
        ] {
            assert!(!s.contains(english), "{english:?} is left:\n{s}");
        }
        for chinese in [
            "課堂",
            "學員輸入",
            "課堂代碼：tea42xyz",
            "主機金鑰",
            "演練紀錄儲存在",
            "2 隊，2 隊連線中",
            "各隊目前成績",
            "隊伍",
            "回合",
            "已出手",
            "最低現金",
            "開放下一回合",
            "關閉",
        ] {
            assert!(s.contains(chinese), "{chinese:?} is missing:\n{s}");
        }
        // What participants type stays as it is.
        assert!(s.contains("ssh -p 2499 TEAM@127.0.0.1"), "{s}");
        assert!(s.contains("Alpha") && s.contains("Beta"), "{s}");
    }
    // The footer breaks between keys, never inside one's words.
    for s in [&big, &small] {
        assert!(s.contains("↑↓ 選擇") && s.contains("k 中斷電腦連線"), "{s}");
    }
    assert_eq!(
        footer_lines("a one  b two  c three", 12),
        ["a one  b two", "c three"]
    );
    // The curves' title fits beside the table from 120 columns on.
    assert!(big.contains("目前客戶數"), "{big}");
    // The header's cells end where the rows' cells do: "最低現金" sits right
    // above Alpha's low cash, right-aligned or not, in the same column.
    let col = |s: &str, needle: &str| {
        let line = s.lines().find(|l| l.contains(needle)).unwrap();
        let i = line.find(needle).unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..i])
    };
    assert_eq!(col(&big, "隊伍"), col(&big, "Alpha"), "{big}");
    // The PINs are random: the snapshot shows 0000 for each.
    let shot = big
        .lines()
        .map(
            |l| match state.teams.iter().find(|t| l.contains(t.name.as_str())) {
                Some(t) => l.replacen(&t.pin, "0000", 1),
                None => l.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("board_zh_hant_120x40", shot);
    // Revealed, the leaderboard's title and the score column are Chinese too.
    assert!(class.toggle_reveal());
    let state = class.board();
    let revealed = with_lang(Lang::ZhHant, || {
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
        render(&state, &ui, buf.area, &mut buf);
        screen(&buf)
    });
    assert!(
        revealed.contains("排行榜") && revealed.contains("得分"),
        "{revealed}"
    );
    assert!(!revealed.contains("leaderboard") && !revealed.contains("score"));
    // The text board (`board` typed on stdin) aligns Chinese headers.
    let text_board = with_lang(Lang::ZhHant, || text(&state));
    let widths: Vec<usize> = text_board
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert!(text_board.starts_with("名次 隊伍"), "{text_board}");
    assert!(widths.windows(2).all(|p| p[0] == p[1]), "{text_board}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The join screen in Traditional Chinese: every sentence translated, the
/// ssh line and the class code in large letters as participants type them.
#[test]
fn the_join_screen_speaks_traditional_chinese() {
    use crate::i18n::{Lang, with_lang};
    let (class, dir) = lockstep_class("fw-board-join-zh-hant");
    class
        .join("Alpha", "here", crate::serve::class::Pass::Code)
        .unwrap();
    let state = class.board();
    let ui = BoardUi {
        join: laptop(),
        mode: BoardMode::Join,
        ..BoardUi::default()
    };
    let draw = |w: u16, h: u16| {
        with_lang(Lang::ZhHant, || {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            render(&state, &ui, buf.area, &mut buf);
            screen(&buf)
        })
    };
    let shot = draw(120, 24);
    let tall = draw(120, 40);
    for english in [
        "join screen",
        "any key",
        "Join the class",
        "open a terminal",
        "is your team's name",
        "When asked for a password",
        "another network",
        "joined:",
    ] {
        assert!(!tall.contains(english), "{english:?} is left:\n{tall}");
    }
    for chinese in [
        "加入畫面",
        "加入課堂",
        "隊名",
        "課堂代碼",
        "10.0.0.5",
        "已加入 1 隊：Alpha",
    ] {
        assert!(tall.contains(chinese), "{chinese:?} is missing:\n{tall}");
    }
    assert!(tall.contains("ssh -p 2222 TEAM@192.168.1.20"), "{tall}");
    assert!(tall.contains(super::big::lines("tide-42-mesa")[1].trim_end()));
    insta::assert_snapshot!("join_zh_hant_120x24", shot);
    // With no team yet, the screen says so in Chinese.
    let (empty, dir2) = lockstep_class("fw-board-join-zh-hant-empty");
    let none = with_lang(Lang::ZhHant, || {
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
        render(&empty.board(), &ui, buf.area, &mut buf);
        screen(&buf)
    });
    assert!(none.contains("還沒有隊伍加入。"), "{none}");
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(dir2);
}

/// The debrief's title and its refusal before the results are revealed
/// are in the trainer's language.
#[test]
fn the_board_debrief_speaks_traditional_chinese() {
    use crate::i18n::{Lang, with_lang};
    let (class, dir) = lockstep_class("fw-board-debrief-zh-hant");
    class
        .join("Alpha", "here", crate::serve::class::Pass::Code)
        .unwrap();
    let state = class.board();
    let mut ui = BoardUi::default();
    let shot = with_lang(Lang::ZhHant, || {
        ui.key(&class, &state, KeyCode::Char('d'), false);
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 30));
        render(&state, &ui, buf.area, &mut buf);
        screen(&buf)
    });
    assert!(
        shot.contains("全班回顧") && shot.contains("請先公布成績"),
        "{shot}"
    );
    assert!(
        !shot.contains("class debrief") && !shot.contains("reveal"),
        "{shot}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The board's log speaks the trainer's language too: who joined, left,
/// played a turn; the reasons a laptop left.
#[test]
fn the_log_speaks_traditional_chinese() {
    use crate::i18n::{Lang, with_lang};
    use crate::serve::class::ClassEvent;
    let events = [
        ClassEvent::Joined {
            team: "Alpha".into(),
            peer: "127.0.0.1:5000".into(),
            resumed: false,
            turn: 1,
            pin: Some("1234".into()),
        },
        ClassEvent::Left {
            team: "Alpha".into(),
            reason: "connection closed".into(),
        },
        ClassEvent::Turn {
            team: "Alpha".into(),
            turn: 2,
            total: 16,
        },
        ClassEvent::Opened(3),
        ClassEvent::Ended,
    ];
    let zh: Vec<String> = with_lang(Lang::ZhHant, || {
        events.iter().map(|e| e.to_string()).collect()
    });
    assert_eq!(
        zh[0],
        "加入：Alpha 來自 127.0.0.1:5000（新隊伍，第 1 回合，PIN 1234）"
    );
    assert_eq!(zh[1], "離開：Alpha（連線已中斷）");
    assert_eq!(zh[2], "回合：Alpha 進行到第 2/16 回合");
    assert_eq!(zh[3], "開放：所有隊伍進入第 3 回合");
    assert!(zh[4].contains("回顧"), "{}", zh[4]);
    // English stays as it was.
    assert_eq!(
        events[0].to_string(),
        "joined: Alpha from 127.0.0.1:5000 (new team, turn 1, PIN 1234)"
    );
    assert_eq!(events[1].to_string(), "left: Alpha (connection closed)");
}
