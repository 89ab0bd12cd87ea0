//! One participant's connection once the SSH side let it in: wait for the
//! terminal, join the team, then run [`drive`](crate::tui::drive::drive)
//! over the channel (bytes in through [`InputParser`](super::input::InputParser), frames out through a
//! [`RemoteScreen`](crate::tui::runtime::RemoteScreen)) from this laptop's [`Seat`](crate::tui::Seat) at the team's game.

use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::time::Instant;

use super::class::{Class, ClassEvent, Team};
use super::link::{End, LAST_WORDS, Link, MAX_EVENTS_PER_READ, Shared, goodbye};
use super::wire::Wire;
use crate::i18n::{Lang, with_lang};
use crate::tui::drive::{self, Ended, Place};
use crate::tui::runtime::RemoteScreen;
use crate::tui::{App, Seat};

/// Terminal modes for the participant: the alternate screen, no cursor,
/// mouse reporting (SGR), bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1002h\x1b[?1006h\x1b[?2004h";
/// Everything [`ENTER`] turned on, turned off again.
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[0m\x1b[?1049l";

/// Leaves the team when the connection's task ends, however it ends.
struct Membership {
    class: Arc<Class>,
    team: Arc<Team>,
    reason: String,
}

impl Drop for Membership {
    fn drop(&mut self) {
        self.class.leave(&self.team, &self.reason);
    }
}

/// The language a client's environment asks for.
fn lang_of(name: &str, value: &str) -> Option<Lang> {
    matches!(name, "LANG" | "LC_ALL" | "LC_MESSAGES")
        .then(|| Lang::parse(value))
        .flatten()
}

/// One connection's channel: wait for the terminal, join the team, then run
/// the team's app until the participant leaves, is idle too long, is
/// removed, or the server stops.
pub(super) async fn run_channel(
    shared: Arc<Shared>,
    user: String,
    peer: String,
    mut channel: Channel<Msg>,
    link: Arc<Link>,
    key: Option<super::join::KeyPass>,
) {
    let class = Arc::clone(&shared.class);
    let mut size = (80u32, 24u32);
    let mut lang = shared.lang;
    let deadline = Instant::now() + shared.limits.auth_timeout;
    // Until the shell: the terminal's size and language.
    loop {
        let msg = tokio::time::timeout_at(deadline, channel.wait()).await;
        match msg {
            Err(_) => {
                class.event(ClassEvent::Refused {
                    who: peer.clone(),
                    reason: "no terminal asked for in time".into(),
                });
                goodbye(&channel, "timed out", 1).await;
                return;
            }
            Ok(None | Some(ChannelMsg::Close | ChannelMsg::Eof)) => return,
            Ok(Some(ChannelMsg::RequestPty {
                col_width,
                row_height,
                ..
            })) => size = (col_width, row_height),
            Ok(Some(ChannelMsg::SetEnv {
                variable_name,
                variable_value,
                ..
            })) => {
                if let Some(l) = lang_of(&variable_name, &variable_value) {
                    lang = l;
                }
            }
            Ok(Some(ChannelMsg::RequestShell { .. })) => break,
            Ok(Some(ChannelMsg::Exec { .. })) => {
                let text = "flywheel serve runs no commands: join with ssh -p PORT TEAM@HOST";
                goodbye(&channel, text, 1).await;
                return;
            }
            Ok(Some(ChannelMsg::RequestSubsystem { .. })) => {
                goodbye(&channel, "flywheel serve offers no subsystems", 1).await;
                return;
            }
            Ok(Some(_)) => {}
        }
    }
    // With --roles, `team-a/sales` is the sales seat of team-a.
    let (user, role) = if class.config.roles && class.config.mode == super::ServeMode::Play {
        let (team, role) = crate::play::seats::split_user(&user);
        (team.to_string(), role)
    } else {
        (user, None)
    };
    let Some(team) = super::join::join(&shared, &user, &peer, key, &mut channel, lang).await else {
        return;
    };
    if role.is_some() {
        team.lock().app.split_seats();
    }
    link.joined.notify_one();
    let mut membership = Membership {
        class: Arc::clone(&class),
        team: Arc::clone(&team),
        reason: "disconnected".into(),
    };
    let (read, write) = channel.split();
    let write = Arc::new(write);
    let reason = session(
        &shared,
        &team,
        &link,
        read,
        &write,
        Asked { size, lang, role },
    )
    .await;
    let text = match &reason {
        End::Quit => "You left the class; ssh again to pick up where you were.".to_string(),
        End::Idle => format!(
            "Disconnected after {} without a key; ssh again to pick up where you were.",
            duration_words(shared.limits.idle_timeout)
        ),
        End::Removed => "The facilitator removed this team.".to_string(),
        End::Dropped => {
            "The facilitator closed this laptop's connection; ssh again with the team's PIN to rejoin."
                .to_string()
        }
        End::Stopping => {
            "The class is over: the facilitator stopped the server. Your game is saved.".to_string()
        }
        End::Gone | End::Failed | End::Stalled => String::new(),
    };
    membership.reason = match reason {
        End::Stalled => format!(
            "dropped: its screen took nothing for {} s",
            shared.limits.write_timeout.as_secs()
        ),
        _ => reason.as_str().to_string(),
    };
    if !matches!(reason, End::Gone | End::Stalled) {
        // The last words wait for the client a moment at most.
        let last = async {
            let _ = write.data_bytes(LEAVE.to_vec()).await;
            let mut bytes = text.replace('\n', "\r\n").into_bytes();
            bytes.extend_from_slice(b"\r\n");
            let _ = write.data_bytes(bytes).await;
            let _ = write.exit_status(0).await;
            let _ = write.eof().await;
            let _ = write.close().await;
        };
        let _ = tokio::time::timeout(LAST_WORDS, last).await;
    }
}

/// A duration in minutes, or seconds when under two minutes.
fn duration_words(d: Duration) -> String {
    match d.as_secs() {
        s if s < 120 => format!("{s} seconds"),
        s => format!("{} minutes", s / 60),
    }
}

/// One laptop at the team's game: its own seat (selection, overlay,
/// status) and language; the game is the team's.
struct Laptop<'a> {
    class: &'a Class,
    team: &'a Arc<Team>,
    seat: Seat,
    lang: Lang,
    /// The team's drop count when this laptop joined: a later drop (the
    /// facilitator's, after a PIN reset) ends this connection.
    drops: u64,
    dropped: bool,
}

impl Place for Laptop<'_> {
    /// Off the async threads (the model runs, the file is saved), so no
    /// team's work delays another's keys.
    fn events(&mut self, area: Rect, events: &[Event]) -> bool {
        let events = &events[..events.len().min(MAX_EVENTS_PER_READ)];
        tokio::task::block_in_place(|| {
            self.class
                .apply_events(self.team, self.lang, &mut self.seat, area, events)
                .quit
        })
    }

    /// A team's jobs report to the class ([`Class::deliver`]), never to one
    /// connection.
    fn receive(&mut self, _msg: crate::tui::msg::Msg) -> bool {
        false
    }

    /// Every connection asks; the class plays the frame once when it is due.
    fn tick(&mut self) -> bool {
        self.class.tick(self.team);
        false
    }

    fn tick_interval(&self) -> Option<Duration> {
        self.class.tick_interval(self.team)
    }

    /// The frame is drawn off the async threads too.
    fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R> {
        tokio::task::block_in_place(|| {
            let mut st = self.team.lock();
            if st.removed {
                return None;
            }
            if st.drops != self.drops {
                self.dropped = true;
                return None;
            }
            st.app.swap_seat(&mut self.seat);
            let out = with_lang(self.lang, || f(&st.app));
            st.app.swap_seat(&mut self.seat);
            Some(out)
        })
    }
}

/// What a connection asked for: its window's size, its language, its seat.
struct Asked {
    size: (u32, u32),
    lang: Lang,
    role: Option<crate::play::seats::Role>,
}

/// Runs the team's game on this connection until it ends, and says why.
async fn session(
    shared: &Shared,
    team: &Arc<Team>,
    link: &Arc<Link>,
    read: ChannelReadHalf,
    write: &Arc<ChannelWriteHalf<Msg>>,
    asked: Asked,
) -> End {
    let Asked { size, lang, role } = asked;
    let Ok(screen) = RemoteScreen::new(size.0, size.1) else {
        return End::Failed;
    };
    let mut wire = match Wire::new(shared, team, link, read, write, screen, ENTER) {
        Ok(w) => w,
        Err(end) => return end,
    };
    let (mut seat, drops) = {
        let st = team.lock();
        (st.app.seat(), st.drops)
    };
    seat.set_role(role);
    let mut laptop = Laptop {
        class: &shared.class,
        team,
        seat,
        lang,
        drops,
        dropped: false,
    };
    let end = match drive::drive(&mut laptop, &mut wire).await {
        Ended::Quit => End::Quit,
        Ended::Gone if laptop.dropped => End::Dropped,
        Ended::Gone => End::Removed,
        Ended::Closed(end) => end,
    };
    if matches!(end, End::Gone | End::Stalled | End::Failed) {
        return end;
    }
    wire.finish().await;
    end
}
