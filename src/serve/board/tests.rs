use super::*;
use crate::serve::class::{ClassConfig, ServeMode};
use crate::tui::Action;

#[test]
fn curves_span_the_horizon_on_one_scale() {
    assert_eq!(curve(&[0.0, 50.0, 100.0], 3, 4, 100.0), vec![0, 50, 100]);
    assert_eq!(curve(&[10.0; 9], 8, 3, 20.0), vec![50, 50, 50]);
    assert!(curve(&[], 10, 5, 1.0).is_empty());
}

#[test]
fn the_board_lists_teams_and_its_keys_drive_the_class() {
    let dir = std::env::temp_dir().join(format!("fw-board-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (class, _rx) = Class::new(ClassConfig {
        scenario: crate::scenario::resolve("balanced").unwrap(),
        mode: ServeMode::Play,
        lockstep: true,
        dir,
        max_teams: 10,
        max_per_team: 4,
        history: None,
    });
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
    ui.key(&class, &state, KeyCode::Char('d'), false);
    assert!(matches!(&ui.mode, BoardMode::Debrief(t) if t.contains("Alpha")));
    ui.key(&class, &state, KeyCode::Esc, false);
    ui.key(&class, &state, KeyCode::Char('q'), false);
    assert!(ui.key(&class, &state, KeyCode::Char('y'), false));
}
