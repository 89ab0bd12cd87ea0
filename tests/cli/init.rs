//! `flywheel init`: the answers of a growth lead become a scenario whose
//! figures (customers, price per period, churn per period, reps) are what
//! the answers say, in the model's period.

use flywheel::model::{ParamId as P, simulate};
use flywheel::scenario::{Scenario, parse};

use crate::support::flywheel;

/// The churn rate per period at the start of a run of `s`.
fn first_churn_rate(s: &Scenario) -> f64 {
    simulate(&s.config).rows[0].churn_rate
}

const ANSWERS: [&str; 20] = [
    "--customers",
    "400",
    "--price",
    "1500/month",
    "--churn",
    "1.5%/month",
    "--reps",
    "6",
    "--rep-cost",
    "120k/year",
    "--team",
    "12",
    "--team-cost",
    "150k/year",
    "--feedback-every",
    "monthly",
    "--cash",
    "$2,000,000",
    "--market",
    "20000",
];

fn init(extra: &[&str]) -> (Scenario, String) {
    let out = flywheel()
        .arg("init")
        .args(ANSWERS)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    (
        parse("init.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}")),
        text,
    )
}

#[test]
fn monthly_answers_make_a_monthly_scenario_with_the_same_figures() {
    let (s, text) = init(&[]);
    let p = &s.config.params;
    assert_eq!(s.period_label, "month");
    assert_eq!(p[P::InitialCustomers], 400.0);
    assert_eq!(p[P::Price], 1500.0);
    assert_eq!(p[P::InitialReps], 6.0);
    assert!((p[P::RepCost] - 10_000.0).abs() < 1e-9);
    assert!(
        (p[P::RdBase] - 150_000.0).abs() < 1e-9,
        "12 people at 150k a year"
    );
    assert_eq!(p[P::Latency], 1.0);
    assert_eq!(p[P::InitialCash], 2e6);
    // Churn at the start is what was said.
    let start = first_churn_rate(&s);
    let want = -(1.0 - 0.015_f64).ln();
    assert!((start - want).abs() < 1e-12, "{start} vs {want}");
    // The budget keeps the team: desired reps = budget / cost = 6.
    assert!((p[P::SalesBase] / p[P::RepCost] - 6.0).abs() < 1e-9);
    assert!(text.contains("# you: $1500/month"), "{text}");
    assert_eq!(s.config.periods, 36);
}

#[test]
fn weekly_answers_are_converted_to_weeks() {
    let (s, text) = init(&["--period", "week"]);
    let p = &s.config.params;
    assert_eq!(s.period_label, "week");
    assert!((p[P::Price] - 1500.0 * 12.0 / 52.0).abs() < 1e-9);
    let week_churn = -0.985_f64.ln() * 12.0 / 52.0;
    let start = first_churn_rate(&s);
    assert!(
        (start - week_churn).abs() < 1e-12,
        "{start} vs {week_churn}"
    );
    assert!(
        (p[P::Latency] - 52.0 / 12.0).abs() < 1e-8,
        "a monthly review is 4.33 weeks"
    );
    assert_eq!(s.config.periods, 156);
    assert!(text.contains("= $346.2/week"), "{text}");
}

/// Quarters and years: the same company, its rates valid in the longer
/// period (a year's imitation is 52 weeks' worth), telling the same story.
#[test]
fn quarterly_and_yearly_answers_tell_the_monthly_story() {
    let run = |s: &Scenario| flywheel::model::summarize(&simulate(&s.config));
    let (monthly, _) = init(&[]);
    for (period, periods) in [("quarter", 12), ("year", 3)] {
        let (s, _) = init(&["--period", period]);
        assert_eq!(
            (s.period_label.as_str(), s.config.periods),
            (period, periods)
        );
        let (m, q) = (run(&monthly), run(&s));
        for (what, a, b) in [
            ("customers", m.final_customers, q.final_customers),
            ("revenue", m.total_revenue, q.total_revenue),
            ("value", m.value, q.value),
        ] {
            assert!((b / a - 1.0).abs() < 0.01, "{period}: {what} {a} vs {b}");
        }
    }
}

#[test]
fn a_bad_answer_names_the_flag_and_the_form() {
    let out = flywheel()
        .args(["init", "--price", "1500/fortnight"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--price 1500/fortnight") && err.contains("month"),
        "{err}"
    );
}

#[test]
fn rates_and_money_need_their_period_and_a_rate_over_a_whole_period_is_refused() {
    // Each was read before as per month (12 as 1,200% a month, clamped).
    for (flag, value, want) in [
        ("--churn", "12", "12%/month or 12%/year"),
        ("--churn", "12%", "12%/month or 12%/year"),
        ("--churn", "150%/month", "0% to 100%"),
        ("--price", "1500", "1500/month or 1500/year"),
        ("--rep-cost", "120000", "120000/month or 120000/year"),
    ] {
        let out = flywheel()
            .args(["init", "--yes", flag, value])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{flag} {value} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{flag} {value}")) && err.contains(want),
            "{flag} {value}: {err}"
        );
    }
    // Said with its period, a yearly churn of 15% and a monthly one of the
    // same yearly loss start the same run.
    let with = |churn: &str| {
        let mut args: Vec<&str> = ANSWERS.to_vec();
        let at = args.iter().position(|a| *a == "--churn").unwrap() + 1;
        args[at] = churn;
        let out = flywheel().arg("init").args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        first_churn_rate(&parse("init.toml", &text).unwrap())
    };
    let yearly = with("15%/year");
    let monthly = with(&format!(
        "{}%/month",
        100.0 * (1.0 - 0.85f64.powf(1.0 / 12.0))
    ));
    assert!((yearly - monthly).abs() < 1e-3, "{yearly} vs {monthly}");
    assert!(yearly > 0.005 && yearly < 0.03, "{yearly}");
}

#[test]
fn shares_of_revenue_make_the_teams_grow_with_the_business() {
    let (s, text) = init(&["--sales-share", "12%", "--rd-share", "15%"]);
    let p = &s.config.params;
    assert_eq!((p[P::SalesShare], p[P::RdShare]), (0.12, 0.15));
    assert!(
        text.contains("sales_share = 0.12  # you: 12% of revenue to sales and marketing"),
        "{text}"
    );
    // The teams grow: more reps at the end than with today's budget alone.
    let (flat, _) = init(&[]);
    let reps = |s: &Scenario| {
        let last = *simulate(&s.config).rows.last().unwrap();
        last.reps + last.rookies
    };
    assert!(
        reps(&s) > 1.5 * reps(&flat),
        "{} vs {}",
        reps(&s),
        reps(&flat)
    );
    // Refused: not a percentage, over 100%, or shares that add up past all revenue.
    for (args, want) in [
        (vec!["--sales-share", "0.12"], "as a percentage"),
        (vec!["--rd-share", "120%"], "0% to 100%"),
        (
            vec!["--sales-share", "60%", "--rd-share", "50%"],
            "at most 1",
        ),
    ] {
        let out = flywheel()
            .arg("init")
            .arg("--yes")
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}
