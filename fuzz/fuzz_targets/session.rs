//! Any bytes into the session parser: diagnostics or a session, never a panic;
//! a parsed session replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(session) = flywheel::play::session::parse_session("fuzz.session.toml", text)
        && let Ok((_, mut cfg)) = session.config("fuzz.session.toml")
    {
        cfg.periods = cfg.periods.min(500);
        let _ = flywheel::model::simulate(&cfg);
    }
});
