//! `flywheel serve`: a classroom over SSH. One laptop serves, every team
//! joins with plain `ssh -p PORT TEAM@HOST` and the class code, and plays
//! the same app as the local simulator; the facilitator watches the board
//! (or the log) in the serving terminal.
//!
//! Shape: [`class`] holds the teams, the controls and the files;
//! `listen` accepts sockets through the door ([`gate`]: places for
//! strangers, handshake budgets, "server busy"); [`ssh`] authenticates;
//! `join` lets a laptop into its team ([`pin`]: team PINs, bound keys);
//! `session` runs one [`drive`](crate::tui::drive) loop per connection over
//! its `wire` (reading and writing on separate tasks); [`keys`] holds the
//! host key and codes; [`input`] parses terminal bytes; [`board`] draws the
//! facilitator's screen.

pub mod address;
pub mod board;
pub mod class;
pub mod command;
mod control;
pub mod gate;
pub mod host;
pub mod input;
mod join;
pub mod keys;
pub mod leaderboard;
mod link;
mod listen;
mod persist;
pub mod pin;
mod roster;
mod session;
pub mod ssh;
mod team;
mod wire;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;

pub use class::{Class, ClassConfig, ClassEvent, ServeMode};
pub use keys::{fingerprint, host_key, random_code, read_authorized_keys};
pub use leaderboard::{BoardState, TeamRow};
pub use ssh::Limits;

use crate::i18n::Lang;

/// The host key's file in the class directory.
pub const HOST_KEY_FILE: &str = "host_key_ed25519";

/// Everything `flywheel serve` is given.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// A scenario file or preset.
    pub scenario: String,
    /// `SECTION.KEY=VALUE` overrides of the scenario.
    pub set: Vec<String>,
    /// The address to listen on.
    pub bind: String,
    /// The port (0: any free one).
    pub port: u16,
    /// The class code; `None` makes a random one.
    pub code: Option<String>,
    /// The class directory.
    pub dir: PathBuf,
    /// The most teams.
    pub max_teams: usize,
    /// The most connections (laptops) one team may have at once.
    pub max_per_team: usize,
    /// Play or explore.
    pub mode: ServeMode,
    /// Whether the facilitator opens each turn.
    pub lockstep: bool,
    /// Lockstep: seconds a turn stays open before it plays itself.
    pub turn_seconds: Option<u64>,
    /// Lockstep: open the next turn when every team has played.
    pub auto_advance: bool,
    /// Two seats a team: product and sales.
    pub roles: bool,
    /// Log lines on stdout (and commands on stdin) instead of the board.
    pub no_board: bool,
    /// Public keys accepted instead of the code (an authorized_keys file).
    pub authorized_keys: Option<PathBuf>,
    /// The connection limits.
    pub limits: Limits,
    /// The language for clients that send none.
    pub lang: Lang,
    /// A company's history every explorer draws and can fit.
    pub data: Option<crate::analysis::history::History>,
}

/// What the facilitator reads at the start.
pub fn banner(code: Option<&str>, fingerprint: &str, addr: SocketAddr, dir: &Path) -> Vec<String> {
    let how = match code {
        Some(code) => crate::i18n::trf("class code: {}", &[&code]),
        None => crate::i18n::tr("their public key in --authorized-keys").to_string(),
    };
    let hosts = join_hosts(addr);
    let host = hosts
        .first()
        .cloned()
        .unwrap_or_else(|| "THIS-LAPTOP-ADDRESS".to_string());
    let port = addr.port();
    let port_arg = if port == 22 {
        String::new()
    } else {
        format!("-p {port} ")
    };
    let mut lines = vec![
        crate::i18n::trf("flywheel serve: listening on {}", &[&addr]),
        crate::i18n::trf(
            "participants type:  {}    ({})",
            &[&format!("ssh {port_arg}TEAM@{host}"), &how],
        ),
        crate::i18n::trf("host key {}", &[&fingerprint]),
        crate::i18n::trf("sessions are saved in {}", &[&dir.display()]),
    ];
    match hosts.as_slice() {
        [] => lines.push(
            crate::i18n::tr("this laptop's address: `ipconfig getifaddr en0` (macOS), `hostname -I` (Linux), `ipconfig` (Windows)")
                .into(),
        ),
        [_] => {}
        [_, rest @ ..] => lines.push(crate::i18n::trf(
            "this laptop is also at {} (another network)",
            &[&rest.join(", ")],
        )),
    }
    lines
}

/// The addresses a participant can type: the one served on, or, serving on
/// every interface, this laptop's (best first).
pub fn join_hosts(addr: SocketAddr) -> Vec<String> {
    if addr.ip().is_unspecified() {
        address::local_addresses()
            .iter()
            .take(3)
            .map(ToString::to_string)
            .collect()
    } else {
        vec![addr.ip().to_string()]
    }
}

/// Runs `flywheel serve` until Ctrl-C (or the board's quit).
pub fn run(opts: ServeOptions) -> anyhow::Result<()> {
    let mut scenario =
        crate::scenario::resolve(&opts.scenario).map_err(|d| anyhow::anyhow!("{d}"))?;
    crate::scenario::apply_set(&mut scenario, &opts.set).map_err(|d| anyhow::anyhow!("{d}"))?;
    if opts.mode == ServeMode::Play && scenario.play.decisions.is_empty() {
        anyhow::bail!(
            "{}: the scenario offers no decisions to play; use --mode explore, or a scenario with [play] decisions",
            opts.scenario
        );
    }
    if opts.max_teams == 0 {
        anyhow::bail!("--max-teams must be at least 1");
    }
    if (opts.turn_seconds.is_some() || opts.auto_advance) && !opts.lockstep {
        anyhow::bail!(
            "--turn-seconds and --auto-advance pace the turns of --lockstep: add --lockstep"
        );
    }
    if opts.turn_seconds == Some(0) {
        anyhow::bail!("--turn-seconds must be at least 1");
    }
    if opts.max_per_team == 0 {
        anyhow::bail!("--max-per-team must be at least 1");
    }
    if opts.data.is_some() && opts.mode == ServeMode::Play {
        anyhow::bail!("--data draws a history for explorers: use it with --mode explore");
    }
    let history = opts.data.clone();
    let new_dir = !opts.dir.exists();
    std::fs::create_dir_all(&opts.dir)
        .with_context(|| format!("cannot make the class directory {}", opts.dir.display()))?;
    // A class directory the server makes is its owner's alone (an existing
    // one keeps the permissions its owner gave it).
    #[cfg(unix)]
    if new_dir {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&opts.dir, std::fs::Permissions::from_mode(0o700));
    }
    let (key, _) = host_key(&opts.dir)?;
    let fp = fingerprint(&key);
    let keys = match &opts.authorized_keys {
        Some(p) => read_authorized_keys(p)?,
        None => Vec::new(),
    };
    // With public keys and no --code, only the keys get in.
    let code = match &opts.code {
        Some(c) if c.trim().is_empty() => anyhow::bail!("--code must not be empty"),
        Some(c) => Some(c.trim().to_string()),
        None if keys.is_empty() => Some(random_code()),
        None => None,
    };
    let (class, events) = Class::new(ClassConfig {
        scenario,
        mode: opts.mode,
        lockstep: opts.lockstep,
        turn_time: opts.turn_seconds.map(Duration::from_secs),
        auto_advance: opts.auto_advance,
        roles: opts.roles,
        dir: opts.dir.clone(),
        max_teams: opts.max_teams,
        max_per_team: opts.max_per_team,
        history,
    });
    for note in class.load_dir() {
        class.event(ClassEvent::Info(note));
    }
    if let Some(warning) = opts.code.as_deref().and_then(|c| keys::weak_code(c.trim())) {
        class.event(ClassEvent::Info(warning));
    }
    let config = Arc::new(keys::ssh_config(key, code.is_some(), !keys.is_empty()));
    let shared = Arc::new(ssh::Shared {
        class: Arc::clone(&class),
        code: code.clone(),
        keys,
        limits: opts.limits,
        lang: opts.lang,
        door: gate::Door::new(gate::DoorLimits::for_class(
            opts.max_teams,
            opts.max_per_team,
        )),
        refusals: gate::Refusals::default(),
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let listener = rt
        .block_on(TcpListener::bind((opts.bind.as_str(), opts.port)))
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let header = banner(code.as_deref(), &fp, addr, &opts.dir);
    rt.spawn(listen::accept_loop(listener, config, shared));
    if opts.turn_seconds.is_some() {
        // Timed turns: a turn whose time is up plays itself.
        let class = Arc::clone(&class);
        rt.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let class = Arc::clone(&class);
                let _ = tokio::task::spawn_blocking(move || class.pace()).await;
            }
        });
    }

    let use_board = !opts.no_board && {
        use std::io::IsTerminal;
        std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    };
    if use_board {
        let join = board::JoinInfo {
            port: addr.port(),
            hosts: join_hosts(addr),
            code: code.clone(),
        };
        board::run(&class, events, &header, join)?;
    } else {
        log_and_commands(&class, events, &header, &rt);
    }
    class.stop();
    // Give every connection a moment to say goodbye.
    rt.block_on(async {
        for _ in 0..20 {
            if class.teams().iter().all(|t| t.lock().connections == 0) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    class.save_all();
    rt.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// Prints the header and every event as a line on stdout, and reads the
/// facilitator's commands from stdin, until Ctrl-C, `quit` or the end of stdin.
fn log_and_commands(
    class: &Arc<Class>,
    mut events: tokio::sync::mpsc::UnboundedReceiver<ClassEvent>,
    header: &[String],
    rt: &tokio::runtime::Runtime,
) {
    let mut out = std::io::stdout();
    for line in header {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{}",
        crate::i18n::tr(
            "commands: next (open the next turn), step, news TEXT, remove TEAM, reveal (projections and scores on the board), pin TEAM (a new PIN), drop TEAM (its laptops), end, board, debrief, quit"
        )
    );
    let _ = out.flush();
    let quit = Arc::new(AtomicBool::new(false));
    {
        let class = Arc::clone(class);
        let quit = Arc::clone(&quit);
        let header = header.to_vec();
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut line = String::new();
            loop {
                line.clear();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => return, // no stdin: run until Ctrl-C
                    Ok(_) => {}
                }
                if command(&class, &header, line.trim()) {
                    quit.store(true, Ordering::Relaxed);
                    return;
                }
            }
        });
    }
    rt.block_on(async {
        loop {
            tokio::select! {
                e = events.recv() => match e {
                    Some(e) => {
                        let _ = writeln!(out, "{} {e}", clock());
                        let _ = out.flush();
                    }
                    None => return,
                },
                _ = tokio::time::sleep(Duration::from_millis(250)) => {
                    if crate::interrupt::requested() || quit.load(Ordering::Relaxed) {
                        return;
                    }
                }
            }
        }
    });
    let _ = writeln!(
        out,
        "{} {}",
        clock(),
        crate::i18n::tr("stopping: every participant is told")
    );
    let _ = out.flush();
}

/// Runs one facilitator command typed on stdin; true for `quit`.
fn command(class: &Class, header: &[String], line: &str) -> bool {
    use command::Command;
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let mut out = std::io::stdout().lock();
    if word.is_empty() {
        return false;
    }
    match Command::of_word(word) {
        Some(Command::Quit) => return true,
        Some(Command::Board) => {
            let _ = write!(out, "{}", board::text(&class.board()));
        }
        Some(Command::Debrief) => {
            let _ = write!(out, "{}", class.debrief_text());
        }
        Some(Command::Join) => {
            // The banner's ssh line and the other addresses (see `banner`).
            for (_, l) in header
                .iter()
                .enumerate()
                .filter(|(i, l)| *i == 1 || (*i >= 4 && !l.contains("`")))
            {
                let _ = writeln!(out, "{l}");
            }
        }
        Some(c)
            if !c.spec().offered(
                class.config.lockstep,
                class.config.mode == ServeMode::Explore,
            ) =>
        {
            let _ = writeln!(
                out,
                "{}",
                crate::i18n::trf(
                    "{}: this class does not offer it ({})",
                    &[&word, &not_offered(c)]
                )
            );
        }
        Some(c) => {
            // `act` is false only for `remove` of a team that is not there.
            if !c.act(class, rest) {
                let _ = writeln!(
                    out,
                    "{}",
                    crate::i18n::trf("no team {}", &[&format!("{rest:?}")])
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "{}",
                crate::i18n::trf(
                    "unknown command {}; commands: {}",
                    &[&format!("{word:?}"), &command::stdin_words()]
                )
            );
        }
    }
    false
}

/// Why a class does not offer a command.
fn not_offered(c: command::Command) -> &'static str {
    if c.spec().steps_only {
        crate::i18n::tr("the teams play turns; lesson steps are for --explore")
    } else {
        crate::i18n::tr("it needs --lockstep")
    }
}

/// The time of day (UTC), HH:MM:SS.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = secs % 86_400;
    format!("{:02}:{:02}:{:02}", day / 3600, day % 3600 / 60, day % 60)
}
