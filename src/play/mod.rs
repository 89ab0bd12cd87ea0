//! Play mode and sessions: the turn-based game, session files, replay and
//! the facilitator's debrief.

pub mod briefing;
pub mod debrief;
pub mod decision;
pub mod game;
pub mod score;
pub mod seats;
pub mod session;

pub use game::{Decision, Game, config_with};
pub use score::{Outcome, outcome};
pub use session::{Kind, Session};
