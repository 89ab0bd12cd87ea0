//! Helpers shared by the integration tests.

// Each test binary uses the part it needs.
#![allow(dead_code)]

/// Whether tests that need an outside tool (tmux, ssh, PySD, a CJK font)
/// must fail, not skip, when it is missing: `.ci/run` sets
/// `FLYWHEEL_REQUIRE_TOOLS=1` after installing them, so a missing tool can
/// never pass as green.
pub fn tools_required() -> bool {
    std::env::var("FLYWHEEL_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Reports a missing tool: a failure where tools are required, else a
/// note that the test was skipped. Returns false, for `if !...` guards.
pub fn missing(what: &str) -> bool {
    assert!(
        !tools_required(),
        "FLYWHEEL_REQUIRE_TOOLS=1 but {what} is missing (.ci/run installs it)"
    );
    eprintln!("SKIPPED: {what} is missing (.ci/run installs it)");
    false
}
