//! `flywheel tui --data`: the history as points on the charts, the end of
//! the data marked, and the fit (MAPE per series) over the KPI strip, which
//! follows every change of a parameter.

use flywheel::analysis::history::parse;
use flywheel::model::ParamId;
use flywheel::scenario;
use flywheel::tui::{Action, App};

use crate::support::tui;

const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml");
const FITTED_CHURN: f64 = 0.008;

fn app(history: &str) -> App {
    let mut s = scenario::resolve(ACME).unwrap();
    s.source = "examples/acme.toml".into();
    let h = parse("history.csv", history).unwrap();
    App::new(s).with_actuals(h)
}

fn sample() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/history.csv")).unwrap()
}

fn screen(app: &App) -> String {
    tui::text(app, 120, 40)
}

/// The fit line: its long heading where it fits, else the short one.
fn fit_line(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.contains("MAPE") && l.contains("customers"))
        .expect("the fit line")
}

fn mape(screen: &str, column: &str) -> f64 {
    let line = fit_line(screen);
    let at = line.find(&format!("{column} ")).expect("the column") + column.len() + 1;
    line[at..]
        .split('%')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn actuals_on_the_charts_with_the_fit_in_the_kpi_strip() {
    let a = app(&sample());
    let text = screen(&a);
    insta::assert_snapshot!("actuals_120x40", text);
    assert!(text.contains("fit to history (MAPE): customers"), "{text}");
    assert!(text.contains('•'), "points are drawn");
    let plain = App::new(scenario::resolve(ACME).unwrap());
    assert!(!screen(&plain).contains("fit to history"));
}

#[test]
fn a_change_of_a_parameter_shows_how_the_fit_moves() {
    let mut a = app(&sample());
    let before = mape(&screen(&a), "customers");
    // The fitted base churn brings the run closer to the history.
    a.update(Action::Select(ParamId::ChurnFloor as usize));
    a.update(Action::BeginEdit);
    for _ in 0..12 {
        a.update(Action::Backspace);
    }
    for c in FITTED_CHURN.to_string().chars() {
        a.update(Action::Input(c));
    }
    a.update(Action::Submit);
    let text = screen(&a);
    let after = mape(&text, "customers");
    assert!(after != before, "{before} -> {after}");
    // Each figure says which way it moved against the baseline run.
    let line = fit_line(&text);
    let mark = if after < before { "↓" } else { "↑" };
    assert!(
        line.contains(&format!("customers {after:.1}%{mark}")),
        "{line}"
    );
    // Back as loaded: no marks.
    a.update(Action::Undo);
    let text = screen(&a);
    let line = fit_line(&text);
    assert!(!line.contains('↓') && !line.contains('↑'), "{line}");
}

#[test]
fn f_refits_shows_progress_then_the_fit_and_enter_applies_what_u_undoes() {
    use flywheel::tui::msg::Msg;
    let mut a = app(&sample());
    let loaded = *a.params();
    let fit_before = mape(&screen(&a), "customers");
    a.update(Action::Refit);
    let searching = screen(&a);
    assert!(
        searching.contains("Fit to history") && searching.contains("finding the best fit"),
        "{searching}"
    );
    let (id, mut job) = a.refit_request().expect("the fit is asked for");
    assert_eq!(job.params.len(), 4, "the default set of `flywheel fit`");
    a.receive(Msg::RefitProgress { id, refits: 100 });
    assert!(screen(&a).contains(" 50%"));
    // The worker's part, with fewer refits than the app asks for.
    job.options.bootstrap = 20;
    let result = job.run(&|_| {});
    a.receive(Msg::Refit { id, result });
    let text = screen(&a);
    insta::assert_snapshot!("refit_120x40", text);
    assert!(text.contains("MAPE now") && text.contains("90% interval"));
    a.update(Action::Submit);
    let churn = a.params()[ParamId::ChurnFloor];
    assert!(
        (churn - FITTED_CHURN).abs() < 0.05 * FITTED_CHURN,
        "the base churn `flywheel fit` finds: {churn}"
    );
    let fit_after = mape(&screen(&a), "customers");
    assert!(fit_after < fit_before, "{fit_before}% -> {fit_after}%");
    a.update(Action::Undo);
    assert_eq!(*a.params(), loaded);
}

#[test]
fn x_marks_the_parameters_that_f_fits() {
    let mut a = app(&sample());
    let select = |a: &mut App, key: &str| {
        while flywheel::model::PARAMS[a.selected()].key != key {
            a.update(Action::Down);
        }
    };
    select(&mut a, "sales.win_rate");
    a.update(Action::MarkFit);
    select(&mut a, "retention.churn_floor");
    a.update(Action::MarkFit);
    assert_eq!(
        a.refit_params(),
        vec![ParamId::WinRate, ParamId::ChurnFloor]
    );
    a.update(Action::Refit);
    let (_, job) = a.refit_request().expect("the fit is asked for");
    let keys: Vec<&str> = job.params.iter().map(|p| p.spec.key).collect();
    assert_eq!(keys, ["sales.win_rate", "retention.churn_floor"]);
}

#[test]
fn a_short_screen_gives_the_fit_a_row_of_its_own() {
    let a = app(&sample());
    let text = tui::text(&a, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].contains("MAPE") && lines[1].contains("customers"),
        "{text}"
    );
    // The short heading keeps every series on the row.
    let revenue = lines[1].find("revenue ").expect("revenue on the row") + "revenue ".len();
    assert!(
        lines[1][revenue..].starts_with(|c: char| c.is_ascii_digit()),
        "{text}"
    );
    assert!(lines[2].contains("Value"), "the figures follow: {text}");
    let plain = App::new(scenario::resolve(ACME).unwrap());
    assert!(
        tui::text(&plain, 80, 24)
            .lines()
            .nth(1)
            .unwrap()
            .contains("Value")
    );
}

#[test]
fn the_fit_columns_line_up_in_traditional_chinese() {
    use flywheel::i18n::{Lang, with_lang};
    use flywheel::tui::msg::Msg;
    use unicode_width::UnicodeWidthStr;
    let mut a = app(&sample());
    a.update(Action::Refit);
    let (id, mut job) = a.refit_request().expect("the fit is asked for");
    job.options.bootstrap = 0;
    let result = job.run(&|_| {});
    a.receive(Msg::Refit { id, result });
    let text = with_lang(Lang::ZhHant, || screen(&a));
    // The end of a heading, in display columns, on its line.
    let end_of = |line: &str, what: &str| {
        let at = line.find(what).expect("the text") + what.len();
        line[..at].width()
    };
    let lines: Vec<&str> = text.lines().collect();
    let head = lines
        .iter()
        .find(|l| l.contains("擬合值"))
        .expect("the headings");
    let row = lines
        .iter()
        .find(|l| l.contains("創新係數") && l.contains('→'))
        .expect("a row");
    let fitted = row
        .split('→')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(end_of(head, "擬合值"), end_of(row, fitted), "{head}\n{row}");
}

/// `tui fitted.toml --data history.csv`: the past fixed at the fitted run
/// (reconciled to the last actuals), "now" at the data's end, the sliders
/// acting from there, the now line on the charts and in the header.
#[test]
fn from_today_the_sliders_act_after_the_data_end_and_the_past_stays() {
    use flywheel::model::{Now, PARAMS, Stock};
    let fitted = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-fitted.toml");
    let s = scenario::resolve(fitted).unwrap();
    let h = parse("history.csv", &sample()).unwrap();
    let mut past = s.config.clone();
    past.periods = 72;
    past.now = Some(Now {
        at: 36,
        stocks: vec![(Stock::Customers, 5098.0)],
        set: Vec::new(),
    });
    let mut a = App::new(s).with_actuals(h).with_today(past);
    assert_eq!(a.now(), Some(36));
    let before = a.series().clone();
    assert_eq!(before.horizon(), 72);
    assert_eq!(before.rows[36].customers, 5098.0);
    assert_eq!(
        a.baseline().rows,
        before.rows,
        "the plan as it stands is the ghost"
    );
    let text = screen(&a);
    assert!(text.contains("now: month 36"), "{text}");
    let share = PARAMS
        .iter()
        .position(|p| p.id == ParamId::SalesShare)
        .unwrap();
    a.update(Action::Select(share));
    a.update(Action::Step(5));
    let after = a.series();
    assert_eq!(after.rows[..36], before.rows[..36], "the past moved");
    assert_eq!(after.rows[36].customers, 5098.0);
    assert!(after.rows[48].reps > before.rows[48].reps * 2.0);
    // Figures are from now: the summary's lowest cash is not the past's.
    assert!(a.summary().min_cash_period >= 36);
    // How the market responds is not a decision: it explains the past too.
    let imitation = PARAMS
        .iter()
        .position(|p| p.id == ParamId::Imitation)
        .unwrap();
    let decided = a.series().clone();
    a.update(Action::Select(imitation));
    a.update(Action::Step(2));
    assert_ne!(a.series().rows[20], decided.rows[20]);
    assert_eq!(a.series().rows[36].customers, 5098.0, "still reconciled");
}
