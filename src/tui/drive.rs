//! The one loop every screen runs: draw when something changed, wait for
//! the next input, hand it to the app, until the screen is done.
//!
//! [`drive`] is generic over two things and nothing else:
//! - a [`Port`]: where events come from and where frames go (the local
//!   terminal, an SSH channel, a script in a test);
//! - a [`Place`]: where the app lives and how an input reaches it (the
//!   local app with its [`host::Local`](super::host::Local), or one
//!   laptop's seat at a team's shared game in `flywheel serve`).
//!
//! The loop is `async` so that a server's connection can wait on its
//! channel without a thread; a port that blocks (the local terminal, a
//! test) is run with [`block_on`].

use std::future::Future;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use super::App;
use super::msg::Msg;

/// What a screen waits for next.
#[derive(Debug)]
pub enum Input {
    /// Terminal events (keys, mouse, resizes), in the order typed: each is
    /// read in the mode the previous one left.
    Events(Vec<Event>),
    /// A background result or a changed file, for this screen's app.
    Msg(Msg),
    /// The animation's next frame is due.
    Tick,
    /// Something outside this screen changed what it shows (a teammate's
    /// keys, the facilitator, a resized window): draw again.
    Redraw,
}

/// Where events come from and where frames go.
#[allow(async_fn_in_trait)]
pub trait Port {
    /// Why the port closed: the loop ends with it.
    type End;

    /// Waits for the next input. With `tick` (the animation plays), a wait
    /// that long without input yields [`Input::Tick`].
    async fn next(&mut self, tick: Option<Duration>) -> Result<Input, Self::End>;

    /// Renders a frame of `app` (the app is lent under its lock: nothing is
    /// sent here).
    fn render(&mut self, app: &App) -> Result<(), Self::End>;

    /// Sends what [`Port::render`] made, waiting for the other end if it
    /// must.
    async fn flush(&mut self) -> Result<(), Self::End>;

    /// The screen's size now (mouse events are read against it).
    fn area(&self) -> Rect;
}

/// Where the app lives and how inputs reach it. Each method returns true
/// when this screen is done (the participant or the user quit).
pub trait Place {
    /// Applies terminal events read on a screen of `area`.
    fn events(&mut self, area: Rect, events: &[Event]) -> bool;

    /// Hands the app a message.
    fn receive(&mut self, msg: Msg) -> bool;

    /// Plays the animation's next frame.
    fn tick(&mut self) -> bool;

    /// How long until the animation's next frame; `None` when still.
    fn tick_interval(&self) -> Option<Duration>;

    /// Lends the app as this screen shows it; `None` when it is gone (a
    /// team the facilitator removed).
    fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R>;
}

/// How a screen's loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended<E> {
    /// The user asked to leave.
    Quit,
    /// The app went away (a removed team).
    Gone,
    /// The port closed, for this reason.
    Closed(E),
}

/// Runs one screen until it is done: draws when something changed, then
/// waits for the next input and hands it to `place`.
pub async fn drive<P: Place, T: Port>(place: &mut P, port: &mut T) -> Ended<T::End> {
    let mut dirty = true;
    loop {
        if dirty {
            match place.show(|app| port.render(app)) {
                None => return Ended::Gone,
                Some(Err(end)) => return Ended::Closed(end),
                Some(Ok(())) => {}
            }
            if let Err(end) = port.flush().await {
                return Ended::Closed(end);
            }
        }
        dirty = true;
        let done = match port.next(place.tick_interval()).await {
            Err(end) => return Ended::Closed(end),
            Ok(Input::Events(events)) => {
                dirty = !events.is_empty();
                place.events(port.area(), &events)
            }
            Ok(Input::Msg(msg)) => place.receive(msg),
            Ok(Input::Tick) => place.tick(),
            Ok(Input::Redraw) => false,
        };
        if done {
            return Ended::Quit;
        }
    }
}

/// Runs a future whose waits all block the thread (the local terminal, a
/// test's script): it never needs waking, so it is polled until ready.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::host;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::collections::VecDeque;

    /// A script of inputs and a test terminal.
    struct Script {
        inputs: VecDeque<Input>,
        terminal: Terminal<TestBackend>,
        frames: usize,
        ticks_asked: usize,
    }

    impl Port for Script {
        type End = &'static str;

        async fn next(&mut self, tick: Option<Duration>) -> Result<Input, &'static str> {
            if tick.is_some() {
                self.ticks_asked += 1;
            }
            self.inputs.pop_front().ok_or("script over")
        }

        fn render(&mut self, app: &App) -> Result<(), &'static str> {
            self.frames += 1;
            crate::tui::runtime::draw(&mut self.terminal, app).map_err(|_| "draw failed")
        }

        async fn flush(&mut self) -> Result<(), &'static str> {
            Ok(())
        }

        fn area(&self) -> Rect {
            Rect::new(0, 0, 120, 40)
        }
    }

    /// The app on this machine, jobs run at once.
    struct Here {
        app: App,
        host: host::Local,
    }

    impl Place for Here {
        fn events(&mut self, area: Rect, events: &[Event]) -> bool {
            events.iter().any(|ev| {
                crate::tui::runtime::event_action(&self.app, area, ev)
                    .is_some_and(|a| self.host.act(&mut self.app, a))
            })
        }
        fn receive(&mut self, msg: Msg) -> bool {
            self.host.receive(&mut self.app, msg)
        }
        fn tick(&mut self) -> bool {
            self.host.act(&mut self.app, crate::tui::Action::Tick)
        }
        fn tick_interval(&self) -> Option<Duration> {
            self.app.tick_interval()
        }
        fn show<R>(&mut self, f: impl FnOnce(&App) -> R) -> Option<R> {
            Some(f(&self.app))
        }
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn script(inputs: Vec<Input>) -> Script {
        Script {
            inputs: inputs.into(),
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("test terminal"),
            frames: 0,
            ticks_asked: 0,
        }
    }

    fn balanced() -> App {
        let s = crate::scenario::preset("balanced")
            .expect("balanced")
            .load();
        App::new(s.expect("parses"))
    }

    fn screen_text(port: &Script) -> String {
        let buf = port.terminal.backend().buffer();
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn keys_reach_the_app_and_the_screen_and_quit_ends_the_loop() {
        let mut here = Here {
            app: balanced(),
            host: host::Local::blocking().with_scan_dirs(Vec::new()),
        };
        // `?` opens the help and closes it; `q` with nothing unsaved quits.
        let mut port = script(vec![
            Input::Events(vec![key('?')]),
            Input::Redraw,
            Input::Events(vec![key('?'), key('q')]),
            Input::Events(vec![key('x')]),
        ]);
        let ended = block_on(drive(&mut here, &mut port));
        assert_eq!(ended, Ended::Quit);
        // One frame at the start, one after each input before the quit.
        assert_eq!(port.frames, 3);
        assert_eq!(port.inputs.len(), 1, "nothing is read after the quit");
    }

    #[test]
    fn a_closed_port_ends_the_loop_with_its_reason_and_the_last_frame_drawn() {
        let mut here = Here {
            app: balanced(),
            host: host::Local::blocking().with_scan_dirs(Vec::new()),
        };
        let mut port = script(vec![Input::Events(vec![key('?')])]);
        let ended = block_on(drive(&mut here, &mut port));
        assert_eq!(ended, Ended::Closed("script over"));
        assert_eq!(port.frames, 2);
        // The last frame shows what the last key did: the help is open.
        let text = screen_text(&port);
        assert!(text.contains("flywheel"), "the screen was drawn: {text}");
        let help = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            let mut port = script(Vec::new());
            crate::tui::runtime::draw(&mut port.terminal, &here.app).map(|_| screen_text(&port))
        });
        assert!(text.contains("Help ("), "the help is drawn: {text}");
        assert_eq!(
            help.ok().as_deref(),
            Some(text.as_str()),
            "the loop's last frame is the app now"
        );
        assert_eq!(port.ticks_asked, 0, "a still screen asks for no tick");
    }

    #[test]
    fn a_place_whose_app_is_gone_ends_the_loop() {
        struct Gone;
        impl Place for Gone {
            fn events(&mut self, _: Rect, _: &[Event]) -> bool {
                false
            }
            fn receive(&mut self, _: Msg) -> bool {
                false
            }
            fn tick(&mut self) -> bool {
                false
            }
            fn tick_interval(&self) -> Option<Duration> {
                None
            }
            fn show<R>(&mut self, _: impl FnOnce(&App) -> R) -> Option<R> {
                None
            }
        }
        let mut port = script(vec![Input::Redraw]);
        assert_eq!(block_on(drive(&mut Gone, &mut port)), Ended::Gone);
        assert_eq!(port.frames, 0);
    }
}
