//! The command line: every command and format, `init`, invalid scenarios,
//! errors in every language, session files, replays and the facilitator's
//! debrief.

#[path = "../support/mod.rs"]
mod support;

mod commands;
mod debrief;
mod debrief_room;
mod errors_in_languages;
mod init;
mod invalid_scenarios;
mod languages;
mod plot;
mod sessions;
mod translations;
