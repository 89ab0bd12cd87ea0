//! Lessons in scenario files: parsing, errors, predictions and goals on the shipped lessons.

use flywheel::model::SIZE_KEYS;
use flywheel::model::{ParamId, Summary, simulate, summarize};
use flywheel::scenario::{Scenario, parse, resolve};

fn summary_with(s: &Scenario, sets: &[(ParamId, f64)]) -> flywheel::model::Summary {
    let mut cfg = s.config.clone();
    for (id, v) in sets {
        cfg.params[*id] = *v;
    }
    summarize(&simulate(&cfg))
}

#[test]
fn three_lessons_ship_one_of_them_in_chinese() {
    for name in [
        "lesson-latency",
        "lesson-product-sales",
        "lesson-founder-scaleup",
    ] {
        let s = resolve(name).unwrap();
        assert!(!s.lesson.title.is_empty(), "{name}");
        assert!(s.lesson.steps.len() >= 3, "{name}");
        assert!(
            s.lesson.steps.iter().any(|st| st.predict.is_some()),
            "{name} asks for a prediction"
        );
        assert!(
            s.lesson.steps.iter().any(|st| st.goal.is_some()),
            "{name} sets a goal"
        );
    }
    let zh = resolve("lesson-latency").unwrap();
    use flywheel::i18n::Lang;
    let title = zh.lesson.title.get(Lang::Zh).map(String::as_str);
    assert_eq!(title, Some("为什么反馈延迟有害"));
    assert!(
        zh.lesson
            .steps
            .iter()
            .all(|st| st.title.get(Lang::Zh).is_some() && st.text.get(Lang::Zh).is_some())
    );
}

#[test]
fn the_latency_lesson_scores_its_prediction_against_the_run() {
    let s = resolve("lesson-latency").unwrap();
    let base = summary_with(&s, &[]);
    let step = &s.lesson.steps[1];
    assert_eq!(step.unlock.as_deref(), Some(&[ParamId::Latency][..]));
    let p = step.predict.as_ref().unwrap();
    assert_eq!(p.metric.name, "value");
    // The right answer is computed from the run, not written in the file.
    let fast = summary_with(&s, &[(ParamId::Latency, 4.0)]);
    assert_eq!(
        p.answer(&fast, &base),
        Some(3),
        "a 4-week loop is worth over 25% more: {} vs {}",
        fast.value,
        base.value
    );
    let slower = summary_with(&s, &[(ParamId::Latency, 52.0)]);
    assert_eq!(p.answer(&slower, &base), Some(0));
}

#[test]
fn the_latency_goal_is_reachable_without_touching_latency() {
    let s = resolve("lesson-latency").unwrap();
    let base = summary_with(&s, &[]);
    let step = &s.lesson.steps[2];
    assert_eq!(step.teaches, vec![ParamId::Capture]);
    let goal = step.goal.as_ref().unwrap();
    assert!(!goal.met(&base, &base));
    // Capturing all the feedback, with a leaner split, makes the slow loop pay.
    let good = summary_with(
        &s,
        &[
            (ParamId::Capture, 1.0),
            (ParamId::RdShare, 0.15),
            (ParamId::SalesShare, 0.22),
        ],
    );
    assert!(goal.met(&good, &base), "{} vs {}", good.value, base.value);
    // Pouring revenue into R&D instead destroys value: the goal is not met.
    let spent = summary_with(&s, &[(ParamId::Capture, 0.7), (ParamId::RdShare, 0.5)]);
    assert!(spent.value < base.value);
    assert!(!goal.met(&spent, &base));
}

#[test]
fn the_other_lessons_are_reachable_and_their_predictions_hold() {
    let ps = resolve("lesson-product-sales").unwrap();
    let base = summary_with(&ps, &[]);
    let no_sales = summary_with(
        &ps,
        &[
            (ParamId::SalesBase, 0.0),
            (ParamId::SalesShare, 0.0),
            (ParamId::RdShare, 0.5),
        ],
    );
    assert_eq!(
        ps.lesson.steps[1]
            .predict
            .as_ref()
            .unwrap()
            .answer(&no_sales, &base),
        Some(0),
        "fewer than half as many customers"
    );
    let push = summary_with(
        &ps,
        &[
            (ParamId::SalesBase, 40_000.0),
            (ParamId::SalesShare, 0.6),
            (ParamId::RdBase, 0.0),
            (ParamId::RdShare, 0.0),
        ],
    );
    assert_eq!(
        ps.lesson.steps[2]
            .predict
            .as_ref()
            .unwrap()
            .answer(&push, &base),
        Some(0),
        "almost no value: {}",
        push.value
    );
    // Leads rise while customers do not.
    assert!(push.final_customers < 0.01 * base.final_customers);
    let balance = summary_with(
        &ps,
        &[
            (ParamId::RdShare, 0.14),
            (ParamId::SalesShare, 0.16),
            (ParamId::RdBase, 30_000.0),
            (ParamId::SalesBase, 40_000.0),
        ],
    );
    let goal = ps.lesson.steps[3].goal.as_ref().unwrap();
    assert!(goal.met(&balance, &base));
    // Splitting revenue alone does not get there.
    let split = summary_with(&ps, &[(ParamId::RdShare, 0.14), (ParamId::SalesShare, 0.2)]);
    assert!(split.value > base.value && !goal.met(&split, &base));

    let fs = resolve("lesson-founder-scaleup").unwrap();
    let base = summary_with(&fs, &[]);
    let scaled = summary_with(
        &fs,
        &[(ParamId::SalesShare, 0.5), (ParamId::SalesBase, 10_000.0)],
    );
    assert_eq!(
        fs.lesson.steps[1]
            .predict
            .as_ref()
            .unwrap()
            .answer(&scaled, &base),
        Some(0),
        "value falls by more than a quarter"
    );
    // ... while customers and four-year profit rise: what a harvest-blind metric would reward.
    assert!(scaled.final_customers > base.final_customers);
    assert!(scaled.total_profit > 2.0 * base.total_profit);
    let stretched = summary_with(
        &fs,
        &[
            (ParamId::SalesShare, 0.5),
            (ParamId::SalesBase, 10_000.0),
            (ParamId::Latency, 12.0),
            (ParamId::Capture, 0.3),
        ],
    );
    assert_eq!(
        fs.lesson.steps[2]
            .predict
            .as_ref()
            .unwrap()
            .answer(&stretched, &base),
        Some(1),
        "a quarter to 60% of the founder's"
    );
    let kept = summary_with(
        &fs,
        &[(ParamId::SalesShare, 0.1), (ParamId::SalesBase, 40_000.0)],
    );
    let goal = fs.lesson.steps[3].goal.as_ref().unwrap();
    assert!(goal.met(&kept, &base));
    assert!(!goal.met(&stretched, &base));
    // Pushing sales share to 0.6 buys revenue, not value: the goal is missed.
    let pushed = summary_with(
        &fs,
        &[(ParamId::SalesShare, 0.6), (ParamId::SalesBase, 10_000.0)],
    );
    assert!(pushed.total_revenue > kept.total_revenue);
    assert!(!goal.met(&pushed, &base));
}

/// A lesson at `k` times its size: parameters, events and prediction settings scaled.
fn sized(s: &Scenario, k: f64) -> Scenario {
    let mut out = s.clone();
    out.config = s.config.scaled(k);
    for st in &mut out.lesson.steps {
        if let Some(p) = &mut st.predict {
            for (id, v) in &mut p.set {
                if SIZE_KEYS.contains(id) {
                    *v *= k;
                }
            }
        }
    }
    out
}

/// A lesson over `periods` weeks.
fn over(s: &Scenario, periods: u32) -> Scenario {
    let mut out = s.clone();
    out.config.periods = periods;
    out
}

/// A lesson in months: the scenario converted, and each prediction's setting with it.
fn monthly(s: &Scenario) -> Scenario {
    let mut out = flywheel::scenario::period::convert(s, "month").unwrap();
    for st in &mut out.lesson.steps {
        if let Some(p) = &mut st.predict {
            for (id, v) in &mut p.set {
                *v = flywheel::scenario::period::convert_value(*id, *v, 52.0 / 12.0, "month");
            }
        }
    }
    out
}

/// Each prediction's answer (as the lesson scores it).
fn answers(s: &Scenario) -> Vec<Option<usize>> {
    let base = summary_with(s, &[]);
    s.lesson
        .steps
        .iter()
        .filter_map(|st| st.predict.as_ref())
        .map(|p| p.answer(&summary_with(s, &p.set), &base))
        .collect()
}

/// Every shipped lesson teaches the same thing over 3 to 6 years, at 0.3x
/// to 3x its size and in months: each goal is reachable with the step's
/// sliders, not met by the baseline, out of reach without the levers it
/// teaches (`flywheel check`), and each prediction's answer is the same.
#[test]
fn every_shipped_lesson_holds_at_other_horizons_sizes_and_periods() {
    for name in [
        "lesson-latency",
        "lesson-product-sales",
        "lesson-founder-scaleup",
    ] {
        let s = resolve(name).unwrap();
        let want = answers(&s);
        assert!(want.iter().all(Option::is_some), "{name}: {want:?}");
        // Horizon and size paired, to keep the runtime down: the extremes of each.
        let variants = [
            ("3 years at 0.3x", sized(&over(&s, 156), 0.3)),
            ("6 years at 3x", sized(&over(&s, 312), 3.0)),
            ("in months", monthly(&s)),
        ];
        for (what, v) in &variants {
            assert_eq!(answers(v), want, "{name} {what}: the answers move");
            let problems = flywheel::analysis::lesson_check::goal_problems(v);
            assert!(problems.is_empty(), "{name} {what}: {problems:?}");
        }
    }
}

fn errors(text: &str) -> String {
    parse("lesson.toml", text).unwrap_err().to_string()
}

#[test]
fn lesson_fields_are_validated_with_places() {
    let cases: &[(&str, &str)] = &[
        (
            "[lesson]\ntitel = \"x\"\n",
            "lesson.toml:2:1: unknown key \"titel\" in [lesson]; did you mean \"title\"?",
        ),
        (
            "[[lesson.steps]]\ntext = \"no title\"\n",
            "lesson.toml:1:1: this lesson step has no title",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nunlock = [\"feedback.latncy\"]\n",
            "lesson.toml:3:11: lesson.steps.unlock: unknown parameter \"feedback.latncy\"; did you mean \"feedback.latency\"?",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nunlock = [\"market.size\"]\n",
            "market.size is an initial value",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"total_revenue\", thresholds = [1, 2] }\n",
            "a prediction with 2 choices needs 1 thresholds",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\", \"c\"], metric = \"total_revenue\", thresholds = [2, 1] }\n",
            "thresholds must increase",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"revenue\", thresholds = [1] }\n",
            "unknown metric \"revenue\"",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\" }\n",
            "this prediction has no question, choices, metric and thresholds",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\ngoal = { text = \"g\", all = [\"total_revenue >> 2\"] }\n",
            "lesson.toml:3:29: goal \"total_revenue >> 2\": \"> 2\" is not a number",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\ngoal = { text = \"g\", all = [\"min_cash 0\"] }\n",
            "has no comparison",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\ngoal = { text = \"g\" }\n",
            "this goal has no conditions",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\ndebrief = \"one\"\n",
            "must be a list of texts",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"total_revenue\", thresholds = [1], set = { \"feedback.latncy\" = 4 } }\n",
            "lesson.toml:3:103: predict.set: unknown key \"feedback.latncy\"; did you mean \"feedback.latency\"?",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"total_revenue\", thresholds = [1], set = { \"feedback.capture\" = 2 } }\n",
            "feedback.capture = 2 is out of range; valid is 0–1",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"total_revenue\", thresholds = [1], set = {} }\n",
            "predict.set is empty",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\npredict = { question = \"q\", choices = [\"a\", \"b\"], metric = \"total_revenue\", thresholds = [1], set = { \"feedback.latency\" = \"4\" } }\n",
            "write it without quotes",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nteaches = [\"feedback.captur\"]\n",
            "lesson.toml:3:12: lesson.steps.teaches: unknown parameter \"feedback.captur\"; did you mean \"feedback.capture\"?",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nunlock = [\"pricing.price\"]\nteaches = [\"feedback.capture\"]\ngoal = { text = \"g\", all = [\"value >= 1.1 * baseline\"] }\n",
            "lesson.toml:4:11: lesson.steps.teaches: feedback.capture is not unlocked by the step",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nunlock = [\"feedback.capture\"]\nteaches = [\"feedback.capture\"]\n",
            "lesson.toml:4:11: lesson.steps.teaches needs a goal",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nteaches = [\"market.size\"]\n",
            "lesson.steps.teaches: market.size is an initial value",
        ),
        (
            "[[lesson.steps]]\ntitle = \"t\"\nteaches = \"feedback.capture\"\n",
            "lesson.toml:3:11: lesson.steps.teaches must be a list of parameter keys",
        ),
        (
            "[play]\nturn = 0\n",
            "play.turn = 0 is out of range; valid is 1–208",
        ),
        (
            "[play]\ndecisions = [\"market.size\"]\n",
            "cannot be decided during play",
        ),
        (
            "[play.targets.hard]\ntotal_revenue = 1\n",
            "\"hard\" is not a level",
        ),
        (
            "[play.targets.easy]\nrevenue = 1\n",
            "unknown metric \"revenue\"",
        ),
        (
            "[play.costs]\n\"pricing.price\" = -5\n",
            "must be at least 0",
        ),
    ];
    for (text, fragment) in cases {
        let e = errors(text);
        assert!(
            e.contains(fragment),
            "{text:?}\n  expected {fragment:?}\n  got {e}"
        );
    }
}

#[test]
fn every_shipped_prediction_asks_about_its_own_setting() {
    for name in [
        "lesson-latency",
        "lesson-product-sales",
        "lesson-founder-scaleup",
    ] {
        let s = resolve(name).unwrap();
        let base = summary_with(&s, &[]);
        for (i, step) in s.lesson.steps.iter().enumerate() {
            let Some(p) = &step.predict else { continue };
            assert!(!p.set.is_empty(), "{name} step {} has no set", i + 1);
            // The question's run is defined by the file alone, and scores.
            let asked = summary_with(&s, &p.set);
            assert!(p.answer(&asked, &base).is_some(), "{name} step {}", i + 1);
            let applied = p.applied(&s.config.params);
            for (id, v) in &p.set {
                assert_eq!(applied[*id], *v);
            }
        }
    }
    // The latency question's setting is the 4-week loop, and its answer is the top choice.
    let s = resolve("lesson-latency").unwrap();
    let p = s.lesson.steps[1].predict.as_ref().unwrap();
    assert_eq!(p.set, vec![(ParamId::Latency, 4.0)]);
    assert_eq!(
        p.answer(&summary_with(&s, &p.set), &summary_with(&s, &[])),
        Some(3)
    );
}

#[test]
fn lessons_and_play_settings_round_trip_through_a_save() {
    for name in [
        "lesson-latency",
        "lesson-product-sales",
        "lesson-founder-scaleup",
    ] {
        let s = resolve(name).unwrap();
        let text = flywheel::scenario::write::to_toml(&s);
        let mut back = parse(&s.source, &text).unwrap();
        back.source = s.source.clone();
        assert_eq!(back, s, "{name}");
    }
}

/// Every shipped goal is reachable by the step's sliders and not met when the
/// step opens, judges value against the baseline and survival, and names the
/// levers it teaches; every shipped play target is missed by autopilot and
/// reached by the best steady policy, and judges value or survival.
#[test]
fn shipped_goals_and_targets_are_reachable_but_not_given() {
    for p in flywheel::scenario::PRESETS {
        let s = p.load().unwrap();
        let problems = flywheel::analysis::lesson_check::goal_problems(&s);
        assert!(problems.is_empty(), "{}: {problems:?}", p.name);
        for step in &s.lesson.steps {
            if let Some(goal) = &step.goal {
                assert!(
                    goal.all
                        .iter()
                        .any(|c| c.metric.name == "value" && c.of_baseline),
                    "{}: the goal {:?} does not judge value against the baseline",
                    p.name,
                    goal.text
                );
                assert!(
                    goal.all
                        .iter()
                        .all(|c| !["total_profit", "total_revenue"].contains(&c.metric.name)),
                    "{}: the goal {:?} judges what a harvest can buy",
                    p.name,
                    goal.text
                );
                assert!(
                    goal.all.iter().any(|c| c.metric.name == "min_cash"),
                    "{}: the goal {:?} does not judge survival",
                    p.name,
                    goal.text
                );
                assert!(
                    !step.teaches.is_empty(),
                    "{}: the goal {:?} names no lever it teaches",
                    p.name,
                    goal.text
                );
            }
        }
        let targets: Vec<_> = s.play.easy.iter().chain(&s.play.expert).collect();
        if targets.is_empty() {
            continue;
        }
        let auto = summarize(&simulate(&s.config));
        let best = flywheel::play::score::best_policy(&s).unwrap();
        assert!(best.summary.min_cash >= 0.0, "{}", p.name);
        for t in &s.play.easy {
            let v = |x: &Summary| (t.metric.get)(x).unwrap();
            assert!(
                v(&auto) < t.at_least,
                "{}: autopilot meets easy {}",
                p.name,
                t.metric.name
            );
            assert!(
                v(&best.summary) >= t.at_least,
                "{}: easy {} out of reach",
                p.name,
                t.metric.name
            );
        }
        for t in &s.play.expert {
            let v = |x: &Summary| (t.metric.get)(x).unwrap();
            assert!(
                v(&best.summary) >= t.at_least,
                "{}: expert {} out of reach",
                p.name,
                t.metric.name
            );
        }
        assert!(
            s.play
                .expert
                .iter()
                .any(|t| t.metric.name == "value" && (t.metric.get)(&auto).unwrap() < t.at_least),
            "{}: the expert target must judge value and be missed by autopilot",
            p.name
        );
        assert!(
            s.play.expert.iter().any(|t| t.metric.name == "min_cash"),
            "{}: the expert target must judge survival",
            p.name
        );
        assert!(
            s.play
                .easy
                .iter()
                .chain(&s.play.expert)
                .all(|t| !["total_profit", "total_revenue"].contains(&t.metric.name)),
            "{}: a target judges what a harvest can buy",
            p.name
        );
        assert_eq!(s.play.objective.name, "value", "{}", p.name);
    }
}

/// `flywheel check` refuses a step whose goal the other sliders reach with
/// the taught levers at their starting values, naming the goal and the best
/// value reached without them.
#[test]
fn a_goal_reached_without_its_taught_levers_is_refused() {
    let mut s = resolve("lesson-latency").unwrap();
    assert!(flywheel::analysis::lesson_check::goal_problems(&s).is_empty());
    // Claim the step teaches the R&D share: capture and the sales share reach the goal without it.
    s.lesson.steps[2].teaches = vec![ParamId::RdShare];
    let problems = flywheel::analysis::lesson_check::goal_problems(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let m = problems[0].to_string();
    for part in [
        "lesson step 3 \"Make the slow loop pay\"",
        "value >= 1.2 * baseline and min_cash >= 0",
        "without the levers the step teaches (product.rd_share",
        "feedback.capture, sales.sales_share alone reach value = ",
    ] {
        assert!(m.contains(part), "{part:?} not in {m}");
    }
    // The teaches list is written back on save.
    let text = flywheel::scenario::write::to_toml(&s);
    assert!(text.contains("teaches = [\"product.rd_share\"]"), "{text}");
    let mut back = parse(&s.source, &text).unwrap();
    back.source = s.source.clone();
    assert_eq!(back.lesson.steps[2].teaches, vec![ParamId::RdShare]);
}
