//! The class's own tests: teams, saving and resuming, lockstep, lesson steps, the board.
use std::path::Path;

use super::*;

fn config(dir: &Path, max: usize, lockstep: bool) -> ClassConfig {
    ClassConfig {
        scenario: crate::scenario::resolve("balanced").unwrap(),
        mode: ServeMode::Play,
        lockstep,
        dir: dir.to_path_buf(),
        max_teams: max,
        max_per_team: 4,
        turn_time: None,
        auto_advance: false,
        roles: false,
        history: None,
    }
}

fn class(dir: &Path, max: usize, lockstep: bool) -> Arc<Class> {
    Class::new(config(dir, max, lockstep)).0
}

/// The events the class has sent so far.
fn sent(events: &mut mpsc::UnboundedReceiver<ClassEvent>) -> Vec<ClassEvent> {
    std::iter::from_fn(|| events.try_recv().ok()).collect()
}

/// Joins team `name` as a laptop of the team would: with the class code,
/// and the team's PIN when the team plays already.
fn enter(c: &Class, name: &str, peer: &str) -> Result<Arc<Team>, Refusal> {
    match c.join(name, peer, Pass::Code) {
        Err(Refusal::NeedPin) => {
            let pin = c
                .team(&c.stem_of(name))
                .map(|t| c.pin_of(&t))
                .unwrap_or_default();
            c.join(name, peer, Pass::Pin(&pin))
        }
        other => other,
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("fw-class-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn names_become_safe_file_stems() {
    assert_eq!(file_stem("Team A"), "team-a");
    assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
    assert_eq!(file_stem("飞轮 队"), "飞轮-队");
    assert_eq!(file_stem("  ..  "), "");
    assert_eq!(display_name("a\u{1b}[2Jb"), "a[2Jb");
    assert_eq!(
        display_name(&"x".repeat(100)).chars().count(),
        MAX_NAME_CHARS
    );
}

#[test]
fn teams_share_a_game_and_are_refused_when_full() {
    let dir = temp("full");
    let c = class(&dir, 2, false);
    let a = enter(&c, "Team A", "here").unwrap();
    let a2 = enter(&c, "team a", "there").unwrap();
    assert!(Arc::ptr_eq(&a, &a2));
    assert_eq!(a.lock().connections, 2);
    enter(&c, "B", "here").unwrap();
    assert_eq!(enter(&c, "C", "here").unwrap_err(), Refusal::Full(2));
    // A known team still joins when the class is full.
    assert!(enter(&c, "B", "again").is_ok());
    assert_eq!(enter(&c, "///", "x").unwrap_err(), Refusal::NoName);
    c.remove("b");
    assert_eq!(enter(&c, "B", "x").unwrap_err(), Refusal::Removed);
}

#[test]
fn decisions_are_saved_and_a_restart_resumes_them() {
    let dir = temp("resume");
    let c = class(&dir, 10, false);
    let a = enter(&c, "Team A", "here").unwrap();
    c.apply(
        &a,
        Lang::En,
        &[Action::Step(2), Action::Advance, Action::Advance],
    );
    let (period, decisions) = {
        let st = a.lock();
        let p = st.app.play_state().unwrap();
        (p.game.period, p.game.decisions.clone())
    };
    assert!(period > 0);
    assert_eq!(decisions.len(), 1);
    let file = dir.join("teams/team-a.toml");
    let saved = crate::play::session::load(&file).unwrap();
    assert_eq!(saved.decisions, decisions);
    assert_eq!(saved.player, "Team A");

    let c2 = class(&dir, 10, false);
    let notes = c2.load_dir();
    assert!(
        notes.iter().any(|n| n.contains("resumed Team A")),
        "{notes:?}"
    );
    let b = enter(&c2, "TEAM A", "later").unwrap();
    let st = b.lock();
    let p = st.app.play_state().unwrap();
    assert_eq!(p.game.period, period);
    assert_eq!(p.game.decisions, decisions);
}

#[test]
fn explore_mode_teams_follow_the_lesson_steps_and_cannot_open_files() {
    let dir = temp("lesson");
    let config = ClassConfig {
        scenario: crate::scenario::resolve("lesson-latency").unwrap(),
        mode: ServeMode::Explore,
        lockstep: false,
        dir: dir.clone(),
        max_teams: 10,
        max_per_team: 4,
        turn_time: None,
        auto_advance: false,
        roles: false,
        history: None,
    };
    let c = Class::new(config).0;
    let a = enter(&c, "A", "here").unwrap();
    let b = enter(&c, "B", "here").unwrap();
    assert_eq!(a.lock().app.lesson().unwrap().step, 0);
    c.apply(&b, Lang::En, &[Action::Help]);
    c.next_step();
    assert_eq!(a.lock().app.lesson().unwrap().step, 1);
    assert_eq!(
        b.lock().app.lesson().unwrap().step,
        1,
        "even with help open"
    );
    // A restart keeps the step.
    let config = ClassConfig {
        scenario: crate::scenario::resolve("lesson-latency").unwrap(),
        mode: ServeMode::Explore,
        lockstep: false,
        dir: dir.clone(),
        max_teams: 10,
        max_per_team: 4,
        turn_time: None,
        auto_advance: false,
        roles: false,
        history: None,
    };
    let c2 = Class::new(config).0;
    c2.load_dir();
    assert_eq!(c2.team("a").unwrap().lock().app.lesson().unwrap().step, 1);
    c.apply(&a, Lang::En, &[Action::OpenPicker]);
    {
        let st = a.lock();
        assert_eq!(*st.app.mode(), crate::tui::Mode::Normal);
        let status = &st.app.status().unwrap().text();
        assert!(
            status.contains("facilitator chose the scenario"),
            "{status}"
        );
    }
    // A save typed as a path outside lands in the team's folder, by its name.
    let mut keys = vec![Action::BeginSave];
    for _ in 0..40 {
        keys.push(Action::Backspace);
    }
    keys.extend("../../escape.toml".chars().map(Action::Input));
    keys.push(Action::Submit);
    c.apply(&a, Lang::En, &keys);
    let inside = dir
        .join(super::super::host::FILES_DIR)
        .join("a")
        .join("escape.toml");
    assert!(inside.is_file(), "{} was not written", inside.display());
    assert!(!dir.join("../../escape.toml").exists());
    assert!(!dir.parent().unwrap().join("escape.toml").exists());
    let st = a.lock();
    assert_eq!(*st.app.mode(), crate::tui::Mode::Normal);
    assert!(st.app.status().unwrap().text().contains("escape.toml"));
    drop(st);
    // A second save of the same name asks before it overwrites.
    let mut keys = vec![Action::BeginSave];
    for _ in 0..40 {
        keys.push(Action::Backspace);
    }
    keys.extend("escape.toml".chars().map(Action::Input));
    keys.push(Action::Submit);
    c.apply(&a, Lang::En, &keys);
    assert!(matches!(
        a.lock().app.mode(),
        crate::tui::Mode::Confirm { .. }
    ));
}

#[test]
fn lockstep_holds_teams_until_the_turn_opens() {
    let dir = temp("lockstep");
    let c = class(&dir, 10, true);
    let a = enter(&c, "A", "here").unwrap();
    c.apply(&a, Lang::En, &[Action::Advance, Action::Advance]);
    assert_eq!(turn_of(&a.lock().app).0, 2, "only turn 1 was open");
    assert!(a.lock().app.status().unwrap().text().contains("wait"));
    c.open_next_turn();
    c.apply(&a, Lang::En, &[Action::Advance]);
    assert_eq!(turn_of(&a.lock().app).0, 3);
    // A restart keeps the turn open.
    let c2 = class(&dir, 10, true);
    c2.load_dir();
    assert_eq!(c2.opened_turn(), 2);
}

/// Timed turns: when the open turn's time is up it plays itself for the
/// teams that have not played; with auto-advance the next turn opens once
/// every team has played, and a turn notice is a status line, not news.
#[test]
fn timed_turns_play_themselves_and_auto_advance_opens_the_next() {
    let dir = temp("paced");
    let mut cfg = config(&dir, 10, true);
    cfg.turn_time = Some(std::time::Duration::from_millis(100));
    cfg.auto_advance = true;
    let c = Class::new(cfg).0;
    let a = enter(&c, "A", "here").unwrap();
    let b = enter(&c, "B", "here").unwrap();
    // Turn 1 has no clock (teams are still joining); A plays, B has not.
    assert_eq!(c.turn_left(), None);
    c.apply(&a, Lang::En, &[Action::Advance]);
    assert_eq!(c.opened_turn(), 1, "B has not played");
    // B plays: every team has, so turn 2 opens, with its clock.
    c.apply(&b, Lang::En, &[Action::Advance]);
    assert_eq!(c.opened_turn(), 2);
    assert!(c.turn_left().is_some());
    let st = a.lock();
    assert!(st.app.status().unwrap().text().contains("turn 2 is open"));
    assert!(
        st.app.play_state().unwrap().news.is_empty(),
        "turn notices stay out of the news"
    );
    drop(st);
    // A plays turn 2; B does nothing, and the clock runs out.
    c.apply(&a, Lang::En, &[Action::Advance]);
    assert!(!c.pace(), "not yet");
    std::thread::sleep(std::time::Duration::from_millis(150));
    assert!(c.pace());
    assert_eq!(turn_of(&b.lock().app).0, 3, "B's turn played itself");
    assert_eq!(c.opened_turn(), 3, "and the next opened");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_board_ranks_teams_with_debrief_scores_and_the_end_finishes_all() {
    let dir = temp("board");
    let c = class(&dir, 10, false);
    let a = enter(&c, "A", "here").unwrap();
    let _b = enter(&c, "B", "here").unwrap();
    c.apply(&a, Lang::En, &[Action::Advance]);
    let board = c.board();
    assert_eq!(board.teams.len(), 2);
    assert!(board.teams.iter().all(|t| t.entry.is_some()));
    assert_eq!(board.teams[0].turn, 2);
    assert!(!board.teams[0].customers.is_empty());
    c.news("coffee");
    assert!(a.lock().app.status().unwrap().text().contains("coffee"));
    c.end_game();
    let board = c.board();
    assert!(board.ended && board.teams.iter().all(|t| t.finished));
    let text = c.debrief_text();
    assert!(text.contains('A') && text.contains('B'), "{text}");
    assert_eq!(board.leaderboard().len(), 2);
}

/// Waits (up to two minutes) until `done` holds of the team's app.
fn wait_for(team: &Team, what: &str, done: impl Fn(&App) -> bool) {
    let t0 = std::time::Instant::now();
    while !done(&team.lock().app) {
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(120),
            "{what}: still waiting after two minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_participant_s_best_policy_and_fit_run_on_the_class_jobs() {
    use crate::model::ParamId;
    // A short horizon and a history made by the scenario itself, so both
    // jobs are quick even unoptimised.
    let mut s = crate::scenario::resolve("balanced").unwrap();
    s.config.periods = 40;
    let run = crate::model::simulate(&s.config);
    let mut csv = String::from("period,customers\n");
    for r in run.rows.iter().step_by(4) {
        csv.push_str(&format!("{},{}\n", r.period, r.customers));
    }
    let history = crate::analysis::history::parse("made.csv", &csv).unwrap();
    let dir = temp("jobs");
    let c = Class::new(ClassConfig {
        scenario: s,
        mode: ServeMode::Explore,
        lockstep: false,
        dir,
        max_teams: 4,
        max_per_team: 4,
        turn_time: None,
        auto_advance: false,
        roles: false,
        history: Some(history),
    })
    .0;
    let a = enter(&c, "A", "here").unwrap();
    // F with one parameter marked: the fit runs on the team's jobs and
    // its result reaches the team's screen.
    let win = crate::model::PARAMS
        .iter()
        .position(|p| p.id == ParamId::WinRate)
        .unwrap();
    c.apply(
        &a,
        Lang::En,
        &[Action::Select(win), Action::MarkFit, Action::Refit],
    );
    assert!(a.lock().app.refit().is_some(), "F started a fit");
    wait_for(&a, "the fit", |app| {
        app.refit().is_some_and(|r| r.result.is_some())
    });
    let st = a.lock();
    let fit = st.app.refit().unwrap().result.clone().unwrap();
    assert!(fit.is_ok(), "{fit:?}");
    drop(st);
    // O: the best steady policy, searched on the class's pool.
    c.apply(&a, Lang::En, &[Action::Cancel, Action::BestPolicy]);
    assert!(a.lock().app.best().is_some(), "O started a search");
    wait_for(&a, "the search", |app| {
        app.best().is_some_and(|b| b.result.is_some())
    });
    let st = a.lock();
    let found = st.app.best().unwrap().result.clone().unwrap();
    assert!(found.is_ok(), "{found:?}");
    assert_eq!(
        st.jobs.live(crate::tui::jobs::JobKind::Best),
        None,
        "a finished search holds no slot"
    );
}

#[test]
fn a_status_and_the_news_read_in_each_laptops_language() {
    use crate::i18n::with_lang;
    let dir = temp("languages");
    let c = class(&dir, 10, true);
    let a = enter(&c, "A", "here").unwrap();
    // The first laptop waits in English for a turn that is not open yet.
    c.apply(&a, Lang::En, &[Action::Advance, Action::Advance]);
    let status = |lang| with_lang(lang, || a.lock().app.status().unwrap().text().to_string());
    assert!(status(Lang::En).contains("wait"), "{}", status(Lang::En));
    // The second laptop, in Traditional Chinese, reads the same status in its language.
    let hant = status(Lang::ZhHant);
    assert!(
        !hant.contains("wait") && hant.chars().any(|ch| ch > '\u{3000}'),
        "{hant}"
    );
    // The facilitator's news: its frame in each language, the typed words as typed.
    c.open_next_turn();
    assert!(
        status(Lang::ZhHant).contains("第 2 回合已開放"),
        "{}",
        status(Lang::ZhHant)
    );
    assert!(
        status(Lang::En).contains("turn 2 is open"),
        "{}",
        status(Lang::En)
    );
    c.news("coffee");
    assert_eq!(status(Lang::ZhHant), "新聞：coffee");
    assert_eq!(status(Lang::En), "news: coffee");
}

#[test]
fn two_laptops_on_one_team_each_keep_their_selection_overlay_and_status() {
    let dir = temp("seats");
    let c = class(&dir, 10, false);
    let team = enter(&c, "A", "here").unwrap();
    let mut first = team.lock().app.seat();
    let mut second = team.lock().app.seat();
    let view = |seat: &mut crate::tui::Seat| {
        let mut st = team.lock();
        st.app.swap_seat(seat);
        let seen = (
            st.app.play_state().map(|p| p.selected),
            st.app.mode().clone(),
            st.app.status().map(|s| s.text().to_string()),
        );
        st.app.swap_seat(seat);
        seen
    };
    // The first laptop moves down twice and opens the help.
    c.apply_from(
        &team,
        Lang::En,
        &mut first,
        &[Action::Down, Action::Down, Action::Help],
    );
    let (sel1, mode1, _) = view(&mut first);
    let (sel2, mode2, _) = view(&mut second);
    assert_eq!(mode1, crate::tui::Mode::Help);
    assert_eq!(
        mode2,
        crate::tui::Mode::Normal,
        "the second laptop's screen has no help open"
    );
    assert_ne!(sel1, sel2, "each laptop has its own selection");
    // What the team does is shared: a turn played on the second laptop.
    let turn = turn_of(&team.lock().app).0;
    c.apply_from(&team, Lang::En, &mut second, &[Action::Advance]);
    assert_eq!(turn_of(&team.lock().app).0, turn + 1);
    let (_, _, status2) = view(&mut second);
    let (_, _, status1) = view(&mut first);
    assert_ne!(
        status1, status2,
        "the turn's status is on the laptop that played it"
    );
    // The facilitator's news reaches both.
    c.news("coffee");
    assert_eq!(view(&mut first).2.as_deref(), Some("news: coffee"));
    assert_eq!(view(&mut second).2.as_deref(), Some("news: coffee"));
}

/// A file in DIR the server did not write (the trainer's scenario) is
/// never touched: team files live in `DIR/teams/`, so `Monday` and `class`
/// are teams like any other; a team file that does not load is moved
/// aside, never overwritten, and the trainer told.
#[test]
fn files_the_server_did_not_write_are_never_overwritten() {
    let dir = temp("reserved");
    let scenario = "[scenario]\nname = \"The trainer's class\"\n";
    std::fs::write(dir.join("monday.toml"), scenario).unwrap();
    std::fs::create_dir_all(dir.join("teams")).unwrap();
    std::fs::write(dir.join("teams/broken.toml"), "\u{0}\u{1}not toml").unwrap();
    let c = class(&dir, 10, false);
    let notes = c.load_dir();
    let aside = std::fs::read_dir(dir.join("teams"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("broken.toml.unreadable-"))
        .expect("the broken file moved aside");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("could not read") && n.contains(&aside)),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("monday.toml") && n.contains("left alone")),
        "{notes:?}"
    );
    for typed in ["Monday", "broken", "class"] {
        let t = enter(&c, typed, "test").unwrap();
        assert_eq!(t.stem, typed.to_lowercase());
        assert!(
            dir.join(format!("teams/{}.toml", typed.to_lowercase()))
                .exists()
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("monday.toml")).unwrap(),
        scenario
    );
    assert_eq!(
        std::fs::read(dir.join("teams").join(&aside)).unwrap(),
        b"\0\x01not toml"
    );
    assert!(!dir.join("class.toml").exists());
    // After a restart, Monday is the same team again.
    let again = class(&dir, 10, false);
    again.load_dir();
    let t = enter(&again, "Monday", "test").unwrap();
    assert_eq!(t.stem, "monday");
    assert_eq!(lock(&again.teams).len(), 3, "resumed, not made anew");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sessions of a class directory from before `teams/` move into it.
#[test]
fn an_older_class_directory_moves_its_sessions_into_teams() {
    let dir = temp("older");
    let c = class(&dir, 10, false);
    enter(&c, "Team A", "test").unwrap();
    std::fs::rename(dir.join("teams/team-a.toml"), dir.join("team-a.toml")).unwrap();
    let again = class(&dir, 10, false);
    let notes = again.load_dir();
    assert!(notes.iter().any(|n| n.contains("moved")), "{notes:?}");
    assert!(dir.join("teams/team-a.toml").exists());
    assert!(
        notes.iter().any(|n| n.contains("resumed Team A")),
        "{notes:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A team's second laptop needs the team's PIN; the PIN is kept over a
/// restart; the trainer's new PIN closes the team's connections; a key
/// plays its own team only.
#[test]
fn another_laptop_needs_the_team_pin() {
    let dir = temp("pin");
    let c = class(&dir, 10, false);
    let a = c.join("Team A", "first", Pass::Code).unwrap();
    let pin = c.pin_of(&a);
    assert_eq!(pin.len(), super::super::pin::PIN_LEN);
    assert_eq!(
        c.join("team a", "intruder", Pass::Code).unwrap_err(),
        Refusal::NeedPin
    );
    assert_eq!(
        c.join("team a", "intruder", Pass::Pin("99999"))
            .unwrap_err(),
        Refusal::WrongPin
    );
    let a2 = c.join("team a", "second", Pass::Pin(&pin)).unwrap();
    assert!(Arc::ptr_eq(&a, &a2));
    // The first laptop hears of the second.
    let st = a.lock();
    assert!(
        st.app
            .status()
            .unwrap()
            .text()
            .contains("another laptop joined")
    );
    drop(st);
    // Kept over a restart.
    let again = class(&dir, 10, false);
    again.load_dir();
    let a3 = again.team("team-a").unwrap();
    assert_eq!(again.pin_of(&a3), pin);
    // A new PIN: the old one no longer works, and the laptops are dropped.
    let drops = a.lock().drops;
    assert!(c.reset_pin("team-a"));
    assert_eq!(a.lock().drops, drops + 1);
    let new = c.pin_of(&a);
    assert_eq!(
        c.join("team a", "x", Pass::Pin(&pin)).unwrap_err() == Refusal::WrongPin,
        new != pin
    );
    // A key is bound to the first team it joins, and needs no PIN there.
    let key = Pass::Key {
        fingerprint: "SHA256:abc",
        team: None,
    };
    c.join("Team K", "laptop", key).unwrap();
    assert!(c.join("team k", "laptop", key).is_ok(), "no PIN asked");
    assert!(matches!(
        c.join("Team A", "laptop", key).unwrap_err(),
        Refusal::KeyTeam(t) if t == "Team K"
    ));
    // A key whose line names a team plays that team only.
    let named = Pass::Key {
        fingerprint: "SHA256:def",
        team: Some("Team N"),
    };
    assert!(matches!(
        c.join("Team A", "x", named).unwrap_err(),
        Refusal::KeyTeam(t) if t == "Team N"
    ));
    assert!(c.join("Team N", "x", named).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A new team whose name looks like another's is told to the trainer.
#[test]
fn a_look_alike_team_name_is_warned_about() {
    let dir = temp("lookalike");
    let (c, mut events) = Class::new(config(&dir, 10, false));
    c.join("Team Rocket", "here", Pass::Code).unwrap();
    c.join("Tеаm Rоcket", "there", Pass::Code).unwrap();
    c.join("Team Jet", "there", Pass::Code).unwrap();
    let warned: Vec<String> = sent(&mut events)
        .into_iter()
        .filter_map(|e| match e {
            ClassEvent::Info(t) if t.starts_with("look-alike") => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("\"Team Rocket\""), "{warned:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A save that fails is said to the team after each move, and to the
/// trainer once, until one works again.
#[test]
fn a_failed_save_is_told_to_the_team_once() {
    let dir = temp("disk");
    let (c, mut events) = Class::new(config(&dir, 10, false));
    let a = c.join("Team A", "here", Pass::Code).unwrap();
    // The team's folder made unwritable: a file where it should be.
    std::fs::remove_dir_all(dir.join("teams")).unwrap();
    std::fs::write(dir.join("teams"), "not a folder").unwrap();
    c.apply(&a, Lang::En, &[Action::Step(2), Action::Advance]);
    c.apply(&a, Lang::En, &[Action::Step(2), Action::Advance]);
    let st = a.lock();
    let status = st.app.status().unwrap().text();
    assert!(status.contains("could not be saved"), "{status}");
    drop(st);
    let failed = sent(&mut events)
        .iter()
        .filter(|e| matches!(e, ClassEvent::SaveFailed { .. }))
        .count();
    assert_eq!(failed, 1, "said to the trainer once");
    std::fs::remove_file(dir.join("teams")).unwrap();
    std::fs::create_dir_all(dir.join("teams")).unwrap();
    c.apply(&a, Lang::En, &[Action::Step(2), Action::Advance]);
    assert!(
        a.lock()
            .app
            .status()
            .unwrap()
            .text()
            .contains("saved again")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A team the trainer removed stays removed after a restart.
#[test]
fn a_removed_team_stays_removed_after_a_restart() {
    let dir = temp("removed");
    let c = class(&dir, 10, false);
    enter(&c, "Team A", "test").unwrap();
    enter(&c, "Team B", "test").unwrap();
    assert!(c.remove("team-a"));
    let again = class(&dir, 10, false);
    let notes = again.load_dir();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("not resumed") && n.contains("team-a.toml")),
        "{notes:?}"
    );
    assert_eq!(
        lock(&again.teams).keys().cloned().collect::<Vec<_>>(),
        ["team-b"]
    );
    assert!(matches!(
        enter(&again, "Team A", "test"),
        Err(Refusal::Removed)
    ));
    assert!(enter(&again, "Team B", "test").is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
