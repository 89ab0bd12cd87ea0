//! The board on the facilitator's own terminal: the loop that draws it,
//! reads its keys and the class's events, and the watch that stops the
//! class when that terminal goes away.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind, KeyModifiers};
use tokio::sync::mpsc::UnboundedReceiver;

use super::{BoardUi, JoinInfo, render};
use crate::serve::class::{Class, ClassEvent};

/// Runs the board on the local terminal until the facilitator stops the
/// server (q then y, or Ctrl-C then y; a signal stops it at once).
pub fn run(
    class: &Arc<Class>,
    mut events: UnboundedReceiver<ClassEvent>,
    header: &[String],
    join: JoinInfo,
) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()
        .map_err(|e| anyhow::anyhow!(crate::i18n::trf("cannot open the terminal: {}", &[&e])))?;
    let mut ui = BoardUi {
        header: header.to_vec(),
        join,
        ..BoardUi::default()
    };
    let watch = hangup_watch(class);
    let result = (|| -> anyhow::Result<()> {
        let mut state = class.board();
        let mut last = Instant::now();
        let mut dirty = true;
        loop {
            while let Ok(e) = events.try_recv() {
                ui.push(format!("{} {e}", crate::serve::clock()));
                dirty = true;
            }
            if dirty || last.elapsed() >= Duration::from_secs(1) {
                state = class.board();
                ui.selected = ui.selected.min(state.teams.len().saturating_sub(1));
                terminal.draw(|f| render(&state, &ui, f.area(), f.buffer_mut()))?;
                last = Instant::now();
                dirty = false;
            }
            if crate::interrupt::requested() {
                return Ok(());
            }
            if event::poll(Duration::from_millis(250))? {
                if let Event::Key(k) = event::read()?
                    && k.kind != KeyEventKind::Release
                {
                    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
                    if ui.key(class, &state, k.code, ctrl) {
                        return Ok(());
                    }
                }
                dirty = true;
            }
        }
    })();
    watch.store(true, std::sync::atomic::Ordering::Relaxed);
    ratatui::restore();
    result
}

/// Watches the board's terminal from a thread of its own: one that hung up
/// (its window closed, its tmux killed) reads as end of file forever inside
/// the terminal library, so the board would spin a core and never see a
/// key again. The watch stops the class as `q` would (every participant
/// told, every team saved) and ends the process. The flag it returns, set,
/// ends the watch.
fn hangup_watch(class: &Arc<Class>) -> Arc<std::sync::atomic::AtomicBool> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let done = Arc::new(AtomicBool::new(false));
    let (class, flag) = (Arc::clone(class), Arc::clone(&done));
    std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(500));
            if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                eprintln!(
                    "{} {}",
                    crate::serve::clock(),
                    crate::i18n::tr("the board's terminal is gone: stopping the class")
                );
                class.stop();
                for _ in 0..20 {
                    if class.teams().iter().all(|t| t.lock().connections == 0) {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                class.save_all();
                std::process::exit(1);
            }
        }
    });
    done
}
