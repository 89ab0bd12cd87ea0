//! Colours that carry meaning, which the text snapshots cannot see: the run
//! in colour over the baseline's grey ghost (and the previous run's), the
//! KPI changes green where better and red where worse, and the fit to a
//! history marked by a green ↓ where it gets better and a red ↑ where worse.
//! Each screen is drawn in a `TestBackend` and its cells' colours read.

use flywheel::analysis::history::parse;
use flywheel::model::ParamId;
use flywheel::tui::msg::Msg;
use flywheel::tui::{Action, App};
use ratatui::backend::TestBackend;
use ratatui::buffer::Cell;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::support::{self, tui};

/// The baseline's ghost.
const GHOST: Color = Color::DarkGray;
/// The previous run's ghost.
const PREVIOUS: Color = Color::Indexed(60);
/// The run's three lines on the Acquisition chart, with their legends (the
/// short ones, as at 120x40).
const ACQUISITION: [(&str, Color); 3] = [
    ("━organic", Color::Green),
    ("━sales", Color::Blue),
    ("━new", Color::Yellow),
];
/// Better and worse than the baseline.
const GOOD: Color = Color::Green;
const BAD: Color = Color::Red;
/// A suggested value that moves.
const CHANGED: Color = Color::Yellow;

/// A drawn screen, read cell by cell.
struct Screen(TestBackend);

impl Screen {
    fn of(app: &App) -> Screen {
        Screen(tui::draw(app, 120, 40))
    }

    fn cell(&self, (x, y): (u16, u16)) -> &Cell {
        &self.0.buffer()[(x, y)]
    }

    /// Row `y` as text, and the x of each of its characters.
    fn row(&self, y: u16) -> (String, Vec<u16>) {
        let buf = self.0.buffer();
        let mut text = String::new();
        let mut xs = Vec::new();
        for x in 0..buf.area.width {
            for c in buf[(x, y)].symbol().chars() {
                text.push(c);
                xs.push(x);
            }
        }
        (text, xs)
    }

    /// Where `text` first appears at or below row `from`: its first cell.
    fn find_from(&self, from: u16, text: &str) -> Option<(u16, u16)> {
        (from..self.0.buffer().area.height).find_map(|y| {
            let (row, xs) = self.row(y);
            let at = row.find(text)?;
            Some((xs[row[..at].chars().count()], y))
        })
    }

    fn find(&self, text: &str) -> (u16, u16) {
        self.find_from(0, text)
            .unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{}", self.0))
    }

    /// The inside of the chart titled `title`.
    fn chart(&self, title: &str) -> Rect {
        let (tx, top) = self.find(&format!(" {title} "));
        let sym = |x: u16, y: u16| self.cell((x, y)).symbol().to_string();
        let left = (0..tx).rev().find(|&x| sym(x, top) == "┌").expect("┌");
        let right = (tx..self.0.buffer().area.width)
            .find(|&x| sym(x, top) == "┐")
            .expect("┐");
        let bottom = (top + 1..self.0.buffer().area.height)
            .find(|&y| sym(left, y) == "└")
            .expect("└");
        Rect::new(left + 1, top + 1, right - left - 1, bottom - top - 1)
    }

    /// How many cells of the charts' lines (braille dots) in `area` are in `colour`.
    fn lines_in(&self, area: Rect, colour: Color) -> usize {
        area.positions()
            .map(|p| self.cell((p.x, p.y)))
            .filter(|c| {
                c.fg == colour
                    && c.symbol()
                        .chars()
                        .next()
                        .is_some_and(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
            })
            .count()
    }
}

/// `balanced` with the feedback latency raised from 4 to 16 weeks.
fn slower_feedback() -> App {
    let mut app = tui::balanced();
    app.update(Action::Select(ParamId::Latency as usize));
    app.update(Action::Coarse(3));
    app
}

#[test]
fn the_run_is_drawn_in_colour_over_a_grey_ghost_of_the_baseline() {
    // As loaded, the run is the baseline: drawn over its ghost, it hides it.
    let s = Screen::of(&tui::balanced());
    let chart = s.chart("Acquisition");
    assert_eq!(s.lines_in(chart, GHOST), 0, "no ghost shows:\n{}", s.0);
    for (legend, colour) in ACQUISITION {
        assert_eq!(s.cell(s.find(legend)).fg, colour, "{legend}");
        assert!(s.lines_in(chart, colour) > 0, "{legend}: its line");
    }

    // Slower feedback: the run leaves the baseline, whose grey ghost shows.
    let mut app = slower_feedback();
    let s = Screen::of(&app);
    let chart = s.chart("Acquisition");
    assert!(s.lines_in(chart, GHOST) > 0, "the ghost shows:\n{}", s.0);
    for (legend, colour) in ACQUISITION {
        assert_eq!(s.cell(s.find(legend)).fg, colour, "{legend}");
        assert!(s.lines_in(chart, colour) > 0, "{legend}: its line");
    }

    // The ghost is the baseline: pinned to the run, it is hidden again.
    app.update(Action::PinBaseline);
    let s = Screen::of(&app);
    assert_eq!(s.lines_in(s.chart("Acquisition"), GHOST), 0);
}

#[test]
fn while_a_prediction_is_pending_only_the_grey_baseline_is_drawn() {
    let mut app = tui::lesson();
    app.update(Action::NextStep);
    app.update(Action::Coarse(-1));
    assert!(app.curves_hidden());
    let s = Screen::of(&app);
    let chart = s.chart("Acquisition");
    assert!(s.lines_in(chart, GHOST) > 0, "{}", s.0);
    for (legend, colour) in ACQUISITION {
        assert_eq!(s.lines_in(chart, colour), 0, "{legend}: hidden");
    }
    // Answered: the run appears, in colour.
    app.update(Action::Choose(2));
    let s = Screen::of(&app);
    let chart = s.chart("Acquisition");
    for (legend, colour) in ACQUISITION {
        assert!(s.lines_in(chart, colour) > 0, "{legend}: shown");
    }
}

#[test]
fn the_previous_run_is_a_ghost_of_its_own_colour() {
    let mut app = slower_feedback();
    app.update(Action::Coarse(-1));
    let s = Screen::of(&app);
    assert_eq!(s.lines_in(s.chart("Acquisition"), PREVIOUS), 0, "off");
    app.update(Action::TogglePrevious);
    let s = Screen::of(&app);
    let chart = s.chart("Acquisition");
    assert!(s.lines_in(chart, PREVIOUS) > 0, "{}", s.0);
    assert!(s.lines_in(chart, GHOST) > 0, "the baseline's ghost too");
    app.update(Action::TogglePrevious);
    let s = Screen::of(&app);
    assert_eq!(s.lines_in(s.chart("Acquisition"), PREVIOUS), 0, "off again");
}

#[test]
fn a_kpi_change_is_green_where_better_and_red_where_worse() {
    // Slower feedback: less value (red), a better LTV/CAC (green).
    let s = Screen::of(&slower_feedback());
    let (_, labels) = s.find("Value");
    let (row, xs) = s.row(labels + 1);
    let changes: Vec<(String, Color)> = row
        .split_whitespace()
        .filter(|w| w.ends_with('%') && (w.starts_with('+') || w.starts_with('-')))
        .map(|w| {
            let at = row.find(w).unwrap();
            let x = xs[row[..at].chars().count()];
            (w.to_string(), s.cell((x, labels + 1)).fg)
        })
        .collect();
    assert_eq!(changes.len(), 5, "{row}");
    for (change, colour) in &changes {
        let want = if change.starts_with('+') { GOOD } else { BAD };
        assert_eq!(*colour, want, "{change} in {row}");
    }
    assert!(changes[0].0.starts_with('-'), "value falls: {row}");
    assert!(changes[4].0.starts_with('+'), "LTV/CAC rises: {row}");
}

/// `examples/acme.toml` with its history (`tui --data`).
fn acme_with_history() -> App {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let history = std::fs::read_to_string(format!("{examples}/history.csv")).unwrap();
    App::new(support::scenario(&format!("{examples}/acme.toml")))
        .with_actuals(parse("history.csv", &history).unwrap())
}

/// Sets the base churn by typing it.
fn set_churn(app: &mut App, churn: f64) {
    app.update(Action::Select(ParamId::ChurnFloor as usize));
    app.update(Action::BeginEdit);
    for _ in 0..12 {
        app.update(Action::Backspace);
    }
    for c in churn.to_string().chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
}

/// On the fit line over the KPIs: the customers' MAPE, and the arrow after
/// it with its colour (None as loaded).
fn customers_fit(s: &Screen) -> (f64, Option<(char, Color)>) {
    let (_, y) = s.find("MAPE");
    let (row, xs) = s.row(y);
    let at = row.find("customers ").expect("the customers' fit") + "customers ".len();
    let rest = &row[at..];
    let pct = rest.find('%').expect("a percentage");
    let mape = rest[..pct].parse().expect("a MAPE");
    let arrow = rest[pct + 1..]
        .chars()
        .next()
        .filter(|c| ['↓', '↑'].contains(c))
        .map(|c| {
            let x = xs[row[..at + pct + 1].chars().count()];
            (c, s.cell((x, y)).fg)
        });
    (mape, arrow)
}

#[test]
fn a_fit_that_gets_better_is_a_green_down_arrow_and_worse_a_red_up_arrow() {
    let mut app = acme_with_history();
    let (loaded, arrow) = customers_fit(&Screen::of(&app));
    assert_eq!(arrow, None, "as loaded nothing moved");
    // The base churn `flywheel fit` finds: closer to the history.
    set_churn(&mut app, 0.008);
    let (better, arrow) = customers_fit(&Screen::of(&app));
    assert!(better < loaded, "{loaded}% -> {better}%");
    assert_eq!(arrow, Some(('↓', GOOD)));
    // Thirty times the loaded churn: far from it.
    app.update(Action::Undo);
    set_churn(&mut app, 0.2);
    let (worse, arrow) = customers_fit(&Screen::of(&app));
    assert!(worse > loaded, "{loaded}% -> {worse}%");
    assert_eq!(arrow, Some(('↑', BAD)));
}

#[test]
fn the_refit_shows_better_fits_in_green_and_moved_values_in_bold_yellow() {
    let mut app = acme_with_history();
    app.update(Action::Refit);
    let (id, mut job) = app.refit_request().expect("the fit is asked for");
    job.options.bootstrap = 0;
    let result = job.run(&|_| {});
    app.receive(Msg::Refit { id, result });
    let s = Screen::of(&app);
    // A series row: its MAPE now, →, the fitted MAPE, in green if lower.
    let (_, heading) = s.find("MAPE now");
    let (x, y) = s
        .find_from(heading, "customers")
        .expect("the customers' row");
    let (row, xs) = s.row(y);
    let from = row[..]
        .char_indices()
        .nth(xs.iter().position(|&c| c == x).unwrap());
    let line = &row[from.unwrap().0..];
    let numbers: Vec<(usize, f64)> = line
        .match_indices('%')
        .map(|(end, _)| {
            let start = line[..end]
                .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap()
                + 1;
            (start, line[start..end].parse::<f64>().unwrap())
        })
        .collect();
    let [(_, now), (at, fitted)] = numbers[..] else {
        panic!("two MAPEs: {line}")
    };
    assert!(fitted < now, "{line}");
    let fitted_x = xs[row[..row.len() - line.len() + at].chars().count()];
    assert_eq!(s.cell((fitted_x, y)).fg, GOOD, "{line}");

    // A parameter row with an arrow: the fitted value is bold yellow.
    let (ax, ay) = s.find("→");
    assert!(ay < heading, "parameters come first");
    let value = (ax + 1..ax + 12)
        .find(|&x| s.cell((x, ay)).symbol() != " ")
        .expect("the fitted value");
    let cell = s.cell((value, ay));
    assert_eq!(cell.fg, CHANGED);
    assert!(cell.modifier.contains(Modifier::BOLD));
}
