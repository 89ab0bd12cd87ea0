//! The session files' own tests: a round trip, and located errors.

use super::*;
use crate::model::ParamId;

#[test]
fn sessions_round_trip() {
    let s = Session {
        kind: Kind::Play,
        player: "Team 飞轮 \"A\"".into(),
        scenario_toml: crate::scenario::preset("balanced")
            .unwrap()
            .toml
            .to_string(),
        seed: 7,
        stochastic: true,
        decisions: vec![Decision {
            period: 13,
            key: ParamId::Price,
            old: 100.0,
            new: 87.5,
        }],
        two_seats: true,
        messages: vec![crate::play::seats::Message::new(13, 4.0, "an \"API\", 请")],
        predictions: vec![
            PredictionRecord {
                step: 2,
                choice: 3,
                correct: Some(4),
            },
            PredictionRecord {
                step: 3,
                choice: 1,
                correct: None,
            },
        ],
        goals: vec![GoalRecord { step: 3, met: true }],
    };
    let back = parse_session("s.toml", &s.to_toml()).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.predictions_right(), (0, 2));
    let err = parse_session(
        "s.toml",
        &format!("{}\n[[goals]]\nstep = 0\nmet = true\n", s.to_toml()),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("step must be a whole number 1–10000"),
        "{err}"
    );
}

#[test]
fn bad_sessions_are_located() {
    let err = parse_session("s.toml", "[session]\nkind = \"race\"\nscenario = \"\"\n").unwrap_err();
    assert!(
        err.to_string().contains("s.toml:2:8: session.kind must be"),
        "{err}"
    );
    let text = "[session]\nscenario = \"\"\n[[decisions]]\nperiod = 3\nkey = \"pricing.prise\"\nold = 1\nnew = 2\n";
    let err = parse_session("s.toml", text).unwrap_err();
    assert!(
        err.to_string()
            .contains("s.toml:5:7: decision key \"pricing.prise\""),
        "{err}"
    );
}
