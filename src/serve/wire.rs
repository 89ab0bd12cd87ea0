//! A connection's channel as a [`Port`] of the [`drive`](crate::tui::drive)
//! loop: bytes read and parsed into events on the connection's task, frames
//! written on a task of their own, so that reading never waits on writing
//! (a client that takes nothing stalls only itself, and is dropped after
//! [`Limits::write_timeout`](super::session::Limits)).

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use russh::server::Msg;
use russh::{ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::class::{ClassEvent, Team};
use super::input::{ESC_WAIT, InputParser};
use super::link::{End, LAST_WORDS, Link, MAX_EVENTS_PER_READ, MAX_READ, Shared};
use crate::i18n::trf;
use crate::tui::App;
use crate::tui::drive::{Input, Port};
use crate::tui::runtime::RemoteScreen;

/// How a connection's writer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrote {
    /// The connection is over (every frame sent, or the channel closed).
    Done,
    /// A frame waited [`Limits::write_timeout`] for a client that took
    /// nothing.
    Stalled,
}

/// Sends frames as the client takes them, on its own task, so that
/// reading never waits on writing: the connection's loop keeps reading
/// (and russh keeps reading the socket, window adjustments included) while
/// a frame waits for the client's window.
fn writer(
    write: Arc<ChannelWriteHalf<Msg>>,
    link: Arc<Link>,
    deadline: Duration,
) -> (mpsc::Sender<Vec<u8>>, JoinHandle<Wrote>) {
    // One frame queued beside the one being sent: the loop draws the next
    // only when this place is free, so a slow client gets the newest
    // screen, never a backlog.
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(1);
    let task = tokio::spawn(async move {
        while let Some(frame) = rx.recv().await {
            link.writing_since.store(link.now_ms(), Ordering::Relaxed);
            let sent = tokio::time::timeout(deadline, write.data_bytes(frame)).await;
            link.writing_since.store(0, Ordering::Relaxed);
            match sent {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return Wrote::Done,
                Err(_) => return Wrote::Stalled,
            }
        }
        Wrote::Done
    });
    (tx, task)
}

/// Ends the writer with the connection's loop, however it ends.
struct Abort<T>(JoinHandle<T>);

impl<T> Drop for Abort<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The channel as a [`Port`]: its bytes parsed into events, the team's
/// changes and the class's stop watched, frames handed to the writer.
pub(super) struct Wire<'a> {
    shared: &'a Shared,
    team: &'a Team,
    read: ChannelReadHalf,
    out: mpsc::Sender<Vec<u8>>,
    writer: Abort<Wrote>,
    /// A frame was due while the writer was busy: drawn once it is free.
    held: bool,
    screen: RemoteScreen,
    parser: InputParser,
    changed: watch::Receiver<u64>,
    stopping: watch::Receiver<bool>,
    idle_at: Instant,
    frame: Vec<u8>,
    cut_logged: bool,
}

impl<'a> Wire<'a> {
    /// The port of `team`'s connection: its writer started, the terminal's
    /// modes (`enter`) the first bytes out.
    pub(super) fn new(
        shared: &'a Shared,
        team: &'a Team,
        link: &Arc<Link>,
        read: ChannelReadHalf,
        write: &Arc<ChannelWriteHalf<Msg>>,
        screen: RemoteScreen,
        enter: &[u8],
    ) -> Result<Self, End> {
        let (out, task) = writer(
            Arc::clone(write),
            Arc::clone(link),
            shared.limits.write_timeout,
        );
        out.try_send(enter.to_vec()).map_err(|_| End::Gone)?;
        Ok(Wire {
            shared,
            team,
            changed: team.subscribe(),
            stopping: shared.class.stopping(),
            idle_at: Instant::now() + shared.limits.idle_timeout,
            read,
            out,
            writer: Abort(task),
            held: false,
            screen,
            parser: InputParser::new(),
            frame: Vec::new(),
            cut_logged: false,
        })
    }

    /// Lets the last frame go out before the last words ([`LAST_WORDS`] at
    /// most).
    pub(super) async fn finish(self) {
        let Wire {
            out, mut writer, ..
        } = self;
        drop(out);
        let _ = tokio::time::timeout(LAST_WORDS, &mut writer.0).await;
    }

    /// Parses a read: at most [`MAX_READ`] bytes and [`MAX_EVENTS_PER_READ`]
    /// events, the cut said once a connection.
    fn read(&mut self, data: &[u8]) -> Vec<Event> {
        self.idle_at = Instant::now() + self.shared.limits.idle_timeout;
        let mut events = self.parser.feed(&data[..data.len().min(MAX_READ)]);
        if (data.len() > MAX_READ || events.len() > MAX_EVENTS_PER_READ) && !self.cut_logged {
            self.cut_logged = true;
            self.shared.class.event(ClassEvent::Refused {
                who: self.team.name.clone(),
                reason: format!(
                    "input cut to {MAX_READ} bytes and {MAX_EVENTS_PER_READ} keys a read (said once a connection)"
                ),
            });
        }
        events.truncate(MAX_EVENTS_PER_READ);
        events
    }

    /// How the writer ended (it has, or is about to).
    async fn writer_end(&mut self) -> End {
        let r = tokio::time::timeout(Duration::from_secs(1), &mut self.writer.0).await;
        r.map_or(End::Gone, wrote)
    }

    /// The newest of the window changes already waiting (a flood of them
    /// costs one resize); any other message waiting is returned for the loop.
    fn latest_size(&mut self, mut size: (u32, u32)) -> (u32, u32, Option<ChannelMsg>) {
        loop {
            let Some(msg) = now_or_never(self.read.wait()) else {
                return (size.0, size.1, None);
            };
            match msg {
                Some(ChannelMsg::WindowChange {
                    col_width,
                    row_height,
                    ..
                }) => size = (col_width, row_height),
                other => return (size.0, size.1, other.or(Some(ChannelMsg::Close))),
            }
        }
    }
}

/// The team's PIN at the top right of every screen of the team, for a
/// teammate's laptop to join with (and the turn's countdown, when turns
/// are timed).
fn pin_badge(f: &mut ratatui::Frame, badge: &str) {
    use ratatui::style::Style;
    use ratatui::widgets::Paragraph;
    let text = format!(" {badge} ");
    let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
    let area = f.area();
    if area.width < width + 30 {
        return;
    }
    let at = Rect::new(area.x + area.width - width, area.y, width, 1);
    f.render_widget(
        Paragraph::new(text).style(Style::new().fg(crate::tui::view::theme::ACCENT).reversed()),
        at,
    );
}

/// Why the connection ends, from how its writer ended.
fn wrote(r: Result<Wrote, tokio::task::JoinError>) -> End {
    match r {
        Ok(Wrote::Stalled) => End::Stalled,
        _ => End::Gone,
    }
}

/// Waits until the writer has room for a frame.
async fn free(out: &mpsc::Sender<Vec<u8>>) {
    let _ = out.reserve().await;
}

/// Polls a future once: its output if it is ready now.
fn now_or_never<F: std::future::Future>(f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
}

impl Port for Wire<'_> {
    type End = End;

    async fn next(&mut self, tick: Option<Duration>) -> Result<Input, End> {
        loop {
            if *self.stopping.borrow() {
                return Err(End::Stopping);
            }
            let esc_wait = self.parser.is_waiting();
            let held = self.held;
            // A countdown on screen: drawn again every second.
            let timed = self.shared.class.turn_left().is_some();
            tokio::select! {
                msg = self.read.wait() => match msg {
                    None | Some(ChannelMsg::Close | ChannelMsg::Eof) => return Err(End::Gone),
                    Some(ChannelMsg::Data { data }) => return Ok(Input::Events(self.read(&data))),
                    Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                        let (w, h, other) = self.latest_size((col_width, row_height));
                        self.screen.resize(w, h).map_err(|_| End::Failed)?;
                        match other {
                            None => return Ok(Input::Redraw),
                            Some(ChannelMsg::Close | ChannelMsg::Eof) => return Err(End::Gone),
                            Some(ChannelMsg::Data { data }) => return Ok(Input::Events(self.read(&data))),
                            Some(_) => return Ok(Input::Redraw),
                        }
                    }
                    Some(_) => {}
                },
                r = &mut self.writer.0 => return Err(wrote(r)),
                _ = free(&self.out), if held => {
                    self.held = false;
                    return Ok(Input::Redraw);
                }
                _ = tokio::time::sleep(ESC_WAIT), if esc_wait => {
                    return Ok(Input::Events(self.parser.timeout()));
                }
                r = self.changed.changed() => {
                    r.map_err(|_| End::Removed)?;
                    return Ok(Input::Redraw);
                }
                _ = tokio::time::sleep(tick.unwrap_or_default()), if tick.is_some() => {
                    return Ok(Input::Tick);
                }
                _ = tokio::time::sleep(Duration::from_secs(1)), if timed => {
                    return Ok(Input::Redraw);
                }
                _ = self.stopping.changed() => {}
                _ = tokio::time::sleep_until(self.idle_at) => return Err(End::Idle),
            }
        }
    }

    fn render(&mut self, app: &App) -> Result<(), End> {
        // This frame shows every change so far (or the one drawn when the
        // writer is free again will).
        self.changed.borrow_and_update();
        if self.out.capacity() == 0 {
            self.held = true;
            return Ok(());
        }
        // Short on a narrow screen, so the header keeps the team's name.
        let narrow = self.screen.area().width < 110;
        let pin = self.shared.class.pin_of(self.team);
        let mut badge = if narrow {
            format!("PIN {pin}")
        } else {
            trf("team PIN {}", &[&pin])
        };
        if let Some(left) = self.shared.class.turn_left() {
            let secs = left.as_secs();
            let clock = format!("{}:{:02}", secs / 60, secs % 60);
            let clock = if narrow {
                format!("⏱ {clock}")
            } else {
                trf("turn closes in {}", &[&clock])
            };
            badge = format!("{clock} · {badge}");
        }
        self.frame = self
            .screen
            .frame(|f| {
                f.render_widget(app, f.area());
                pin_badge(f, &badge);
            })
            .map_err(|_| End::Failed)?;
        Ok(())
    }

    /// Hands the frame to the writer: never waits for the client.
    async fn flush(&mut self) -> Result<(), End> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.frame);
        match self.out.try_send(bytes) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Full(_)) => {
                // Not drawn while the writer was busy (see `render`).
                self.held = true;
                Ok(())
            }
            // The writer ended: why it did.
            Err(mpsc::error::TrySendError::Closed(_)) => Err(self.writer_end().await),
        }
    }

    fn area(&self) -> Rect {
        self.screen.area()
    }
}
