//! The TUI's frame budget: re-simulate `balanced` after a parameter change and
//! render the full 120x40 screen into a `TestBackend` (target: under 4 ms).

use divan::Bencher;
use flywheel::model::ParamId;
use flywheel::scenario;
use flywheel::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// One keypress worth of work: step a parameter (re-runs the whole horizon)
/// and draw the whole screen.
#[divan::bench]
fn step_and_render_120x40(bencher: Bencher) {
    let mut app = App::new(scenario::resolve("balanced").expect("balanced loads"));
    app.update(Action::Select(ParamId::Latency as usize));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut up = true;
    bencher.bench_local(|| {
        app.update(Action::Step(if up { 1 } else { -1 }));
        up = !up;
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draw");
    });
}

/// Drawing alone, for comparison.
#[divan::bench]
fn render_120x40(bencher: Bencher) {
    let app = App::new(scenario::resolve("balanced").expect("balanced loads"));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    bencher.bench_local(|| {
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draw");
    });
}
