//! The runtime between the [`App`] and a terminal. The app is pure (state
//! and [`App::update`]); the runtime turns terminal events into actions and
//! draws frames. It runs over two backends: the local terminal
//! ([`super::run_app`]) and a remote one whose frames are bytes handed to a
//! transport ([`RemoteScreen`], used by `flywheel serve` over SSH).

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::{Action, App, key_action, mouse_action};

/// The action a terminal event asks for on a screen of `area` (a resize
/// simply redraws, a key release does nothing).
pub fn event_action(app: &App, area: Rect, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(m) => mouse_action(app, area, m),
        _ => None,
    }
}

/// Draws the app over the whole of a terminal.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> Result<(), B::Error> {
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(())
}

/// The largest remote screen drawn, in columns and rows: a huge window costs
/// no more than this.
pub const MAX_REMOTE_SIZE: (u16, u16) = (300, 120);

/// A byte sink for a remote terminal: what ratatui writes collects here until
/// the runtime takes it as one frame.
#[derive(Debug, Default, Clone)]
pub struct FrameBuffer {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl FrameBuffer {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.bytes.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Write for FrameBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A terminal at the other end of a connection: ratatui's crossterm backend
/// writing into a [`FrameBuffer`] with a fixed viewport (the size the client
/// reported, never a query of the local terminal). Each draw yields the
/// bytes to send; only what changed since the last frame is in them.
pub struct RemoteScreen {
    terminal: Terminal<CrosstermBackend<FrameBuffer>>,
    sink: FrameBuffer,
    area: Rect,
    fresh: bool,
}

impl std::fmt::Debug for RemoteScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteScreen")
            .field("area", &self.area())
            .finish()
    }
}

impl RemoteScreen {
    /// A screen of `width` x `height` cells, at most [`MAX_REMOTE_SIZE`]; a
    /// client without a terminal may report 0x0, drawn as 80x24.
    pub fn new(width: u32, height: u32) -> io::Result<Self> {
        let area = clamp_area(width, height);
        let sink = FrameBuffer::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )?;
        Ok(RemoteScreen {
            terminal,
            sink,
            area,
            fresh: true,
        })
    }

    /// The screen's area.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// Changes the size: the next frame redraws everything.
    pub fn resize(&mut self, width: u32, height: u32) -> io::Result<()> {
        *self = RemoteScreen::new(width, height)?;
        Ok(())
    }

    /// Makes the next frame redraw everything (after the screen was disturbed).
    pub fn invalidate(&mut self) -> io::Result<()> {
        let area = self.area();
        self.resize(u32::from(area.width), u32::from(area.height))
    }

    /// Draws with `render` and returns the bytes of the frame (a first frame
    /// clears the screen before drawing).
    pub fn frame(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<Vec<u8>> {
        if self.fresh {
            self.fresh = false;
            // Clear the whole screen, home the cursor.
            self.sink.write_all(b"\x1b[0m\x1b[2J\x1b[H")?;
            self.terminal.draw(|f| {
                f.render_widget(Clear, f.area());
                render(f);
            })?;
        } else {
            self.terminal.draw(render)?;
        }
        Ok(self.sink.take())
    }

    /// Draws the app and returns the bytes of the frame.
    pub fn draw_app(&mut self, app: &App) -> io::Result<Vec<u8>> {
        self.frame(|f| f.render_widget(app, f.area()))
    }
}

fn clamp_area(width: u32, height: u32) -> Rect {
    // No size at all (a client whose input is not a terminal reports 0x0):
    // the classic 80x24.
    let (width, height) = if width == 0 || height == 0 {
        (80, 24)
    } else {
        (width, height)
    };
    let w = width.clamp(1, u32::from(MAX_REMOTE_SIZE.0)) as u16;
    let h = height.clamp(1, u32::from(MAX_REMOTE_SIZE.1)) as u16;
    Rect::new(0, 0, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    #[test]
    fn remote_frames_carry_the_screen_and_then_only_changes() {
        let app = App::new_play(resolve("balanced").unwrap(), "Team A");
        let mut screen = RemoteScreen::new(100, 30).unwrap();
        let first = screen.draw_app(&app).unwrap();
        assert!(first.starts_with(b"\x1b[0m\x1b[2J"));
        assert!(first.len() > 1000, "a whole screen: {} bytes", first.len());
        let again = screen.draw_app(&app).unwrap();
        assert!(again.len() < 100, "nothing changed: {} bytes", again.len());
    }

    #[test]
    fn remote_sizes_are_clamped() {
        let s = RemoteScreen::new(0, 0).unwrap();
        assert_eq!(s.area(), Rect::new(0, 0, 80, 24));
        let s = RemoteScreen::new(1, 1).unwrap();
        assert_eq!(s.area(), Rect::new(0, 0, 1, 1));
        let s = RemoteScreen::new(10_000, 10_000).unwrap();
        assert_eq!(
            s.area(),
            Rect::new(0, 0, MAX_REMOTE_SIZE.0, MAX_REMOTE_SIZE.1)
        );
    }
}
