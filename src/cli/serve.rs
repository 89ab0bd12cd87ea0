//! `flywheel serve`: the class over SSH.

use super::{Failure, ServeArgs, fit};

/// `flywheel serve`.
pub(super) fn serve(a: ServeArgs) -> Result<(), Failure> {
    let data = match &a.data {
        Some(p) => {
            let s = crate::scenario::resolve(&a.scenario)?;
            Some(fit::read_history_for(p, &s)?)
        }
        None => None,
    };
    let opts = crate::serve::ServeOptions {
        scenario: a.scenario,
        set: a.set,
        bind: a.bind,
        port: a.port,
        code: a.code,
        dir: a.dir,
        max_teams: a.max_teams,
        max_per_team: if a.one_per_team { 1 } else { a.max_per_team },
        mode: a.mode,
        lockstep: a.lockstep,
        turn_seconds: a.turn_seconds,
        auto_advance: a.auto_advance,
        roles: a.roles,
        no_board: a.no_board,
        authorized_keys: a.authorized_keys,
        limits: crate::serve::Limits {
            auth_timeout: std::time::Duration::from_secs(a.auth_timeout.max(1)),
            idle_timeout: std::time::Duration::from_secs(a.idle_timeout.max(1)),
            write_timeout: std::time::Duration::from_secs(a.write_timeout.max(1)),
        },
        lang: crate::i18n::current(),
        data,
    };
    crate::serve::run(opts)
        .map_err(|e| Failure::Invalid(crate::i18n::trf("error: {}", &[&format!("{e:#}")])))
}
