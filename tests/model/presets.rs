//! Every preset parses and is listed, and each preset's lesson holds in the
//! numbers, as an assertion comparing runs.

use std::collections::BTreeSet;

use flywheel::model::{Config, ParamId, Row, Series, Summary, simulate, summarize};
use flywheel::scenario::{self, PRESETS, Scenario, write::to_toml};

use crate::support;

fn load(name: &str) -> Scenario {
    scenario::preset(name)
        .unwrap_or_else(|| panic!("no preset {name}"))
        .load()
        .unwrap_or_else(|e| panic!("preset {name} does not parse:\n{e}"))
}

fn run(name: &str) -> (Scenario, Series, Summary) {
    let s = load(name);
    let series = simulate(&s.config);
    let summary = summarize(&series);
    (s, series, summary)
}

/// The rows whose flows move stocks inside the horizon (0..T-1), as the summary counts them.
fn flow_rows(series: &Series) -> &[Row] {
    &series.rows[..series.rows.len() - 1]
}

/// Mean churn rate over the run: customers lost over customer-periods.
fn mean_churn_rate(series: &Series) -> f64 {
    let rows = flow_rows(series);
    let churned: f64 = rows.iter().map(|r| r.churned).sum();
    let customers: f64 = rows.iter().map(|r| r.customers).sum();
    churned / customers
}

fn max_of(series: &Series, get: fn(&Row) -> f64) -> f64 {
    series.values(get).fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn every_preset_parses_and_matches_its_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let embedded: BTreeSet<String> = PRESETS.iter().map(|p| p.name.to_string()).collect();
    assert_eq!(
        on_disk, embedded,
        "scenarios/ and the embedded presets differ"
    );
    assert!(PRESETS.len() >= 8);
    for p in PRESETS {
        let s = load(p.name);
        assert_eq!(s.name, p.name, "scenario.name of {}", p.name);
        assert!(!s.description.is_empty(), "{} has no description", p.name);
        assert!(!s.lesson.summary.is_empty(), "{} has no lesson", p.name);
        // The file on disk is the one embedded, and loads to the same scenario.
        let path = format!("{dir}/{}.toml", p.name);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), p.toml);
        let from_file = scenario::load_file(std::path::Path::new(&path)).unwrap();
        assert_eq!(from_file.config, s.config);
    }
    assert_eq!(PRESETS[0].name, scenario::presets::DEFAULT_PRESET);
    assert_eq!(
        load("balanced").config,
        Config::default(),
        "balanced is the defaults"
    );
}

#[test]
fn every_preset_is_listed_with_its_description() {
    let out = support::flywheel().arg("list").assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for p in PRESETS {
        let s = load(p.name);
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(p.name))
            .unwrap_or_else(|| panic!("{} not listed:\n{stdout}", p.name));
        assert!(line.contains(s.description.en().as_str()), "{line}");
    }
    assert_eq!(stdout.lines().count(), PRESETS.len());
}

/// The value of a scenario's config with some parameters set.
fn value_with(c: &Config, sets: &[(ParamId, f64)]) -> f64 {
    let mut c = c.clone();
    for (id, v) in sets {
        c.params[*id] = *v;
    }
    summarize(&simulate(&c)).value
}

#[test]
fn silo_earns_less_value_than_integrated() {
    let (silo, silo_run, silo_sum) = run("silo");
    let (integrated, int_run, int_sum) = run("integrated");
    // The same company: only the feedback path and the price it supports differ.
    let mut walls_removed = silo.config.clone();
    for id in [ParamId::Latency, ParamId::Capture, ParamId::Price] {
        walls_removed.params[id] = integrated.config.params[id];
    }
    assert_eq!(walls_removed.params, integrated.config.params);
    // "It ends with more than twice silo's customers and about three times its value."
    let ratio = int_sum.value / silo_sum.value;
    assert!(
        (2.5..=3.5).contains(&ratio),
        "integrated {} vs silo {}",
        int_sum.value,
        silo_sum.value
    );
    assert!(int_sum.final_customers > 2.0 * silo_sum.final_customers);
    assert!(int_sum.total_profit > silo_sum.total_profit);
    // "Insight stays high (over half of what R&D can use, against silo's 5%)",
    // silo has "a tenth of the insight integrated has".
    assert!(int_run.rows.iter().all(|r| r.insight_share > 0.5));
    assert!(silo_run.rows.iter().all(|r| r.insight_share < 0.06));
    assert!(
        silo_run
            .rows
            .iter()
            .all(|r| r.insight < 0.1 * int_run.rows[0].insight)
    );
    // "strength creeps from 0.6 to 0.65 while integrated's passes 0.8"
    assert!(
        (0.63..0.68).contains(&silo_sum.final_strength),
        "{}",
        silo_sum.final_strength
    );
    assert!(int_sum.final_strength > 0.8, "{}", int_sum.final_strength);
    for (s, i) in silo_run.rows.iter().zip(&int_run.rows).skip(1) {
        assert!(s.strength < i.strength, "period {}", s.period);
    }
    // "so conversion stays lower and churn higher"
    assert!(silo_sum.mean_conversion < int_sum.mean_conversion);
    assert!(mean_churn_rate(&silo_run) > mean_churn_rate(&int_run));
    // Monetization designed in up front: customers will pay integrated more,
    // silo's blind offer is worth about $81 to them, below its $100 price ...
    let (int_price, silo_price) = (
        integrated.config.params[ParamId::Price],
        silo.config.params[ParamId::Price],
    );
    assert!(int_price > silo_price);
    for (s, i) in silo_run.rows.iter().zip(&int_run.rows) {
        assert!(s.willingness_to_pay < i.willingness_to_pay);
        assert!(
            (79.0..83.0).contains(&s.willingness_to_pay),
            "{}",
            s.willingness_to_pay
        );
    }
    // ... integrated converts better at $115 than silo at $100, and each
    // price suits its own company: $115 costs silo value, $100 costs integrated.
    assert!(int_sum.mean_conversion > silo_sum.mean_conversion);
    assert!(value_with(&silo.config, &[(ParamId::Price, int_price)]) < silo_sum.value);
    assert!(value_with(&integrated.config, &[(ParamId::Price, silo_price)]) < int_sum.value);
}

#[test]
fn sales_push_converts_little_churns_and_never_takes_off() {
    let (_, push_run, push) = run("sales-push");
    let (_, bal_run, bal) = run("balanced");
    assert!(
        push.mean_conversion < bal.mean_conversion,
        "{} vs {}",
        push.mean_conversion,
        bal.mean_conversion
    );
    let (push_churn, bal_churn) = (mean_churn_rate(&push_run), mean_churn_rate(&bal_run));
    assert!(push_churn > 2.0 * bal_churn, "{push_churn} vs {bal_churn}");
    // "conversion never reaches 4%", "burns through the cash in seven months"
    for r in &push_run.rows {
        assert!(r.conversion < 0.04, "period {}: {}", r.period, r.conversion);
    }
    assert!(
        push.cash_negative_period
            .is_some_and(|p| (26..=34).contains(&p)),
        "{:?}",
        push.cash_negative_period
    );
    // "each customer lost warns others off"
    assert!(
        flow_rows(&push_run)
            .iter()
            .map(|r| r.warned_off)
            .sum::<f64>()
            > 100.0
    );
    // "the product never takes off, and the run ends with a loss": no value at all.
    assert!(push.final_strength < 0.3, "{}", push.final_strength);
    assert!(
        push.final_customers < 0.05 * bal.final_customers,
        "{}",
        push.final_customers
    );
    assert!(push.total_profit < 0.0, "{}", push.total_profit);
    assert!(
        push.value < 0.0 && push.terminal_value == 0.0,
        "{}",
        push.value
    );
    // Lapsed customers are not prospects again at once: churning and re-selling costs.
    let last = push_run.rows.last().unwrap();
    assert!(
        last.lapsed > last.customers,
        "{} lapsed vs {} customers",
        last.lapsed,
        last.customers
    );
    // "Twenty reps reach some five hundred prospects a week": far more than
    // balanced's team over those two years.
    let p = &push_run.rows[0];
    assert_eq!(p.reps, 20.0);
    assert!(
        (450.0..=550.0).contains(&p.leads_sales),
        "{}",
        p.leads_sales
    );
    let leads = |s: &Series| s.rows[..104].iter().map(|r| r.leads_sales).sum::<f64>();
    assert!(leads(&push_run) > 1.5 * leads(&bal_run));
}

#[test]
fn product_only_wins_fewer_customers_and_stays_blind() {
    let (s, po_run, po) = run("product-only");
    let (_, bal_run, bal) = run("balanced");
    assert!(po.final_customers < 0.05 * bal.final_customers);
    assert!(po.total_new_customers < 0.1 * bal.total_new_customers);
    assert!(po.value < 0.05 * bal.value, "{} vs {}", po.value, bal.value);
    // "Insight peaks below a twentieth of balanced's, so R&D runs near its floor effect"
    let (po_i, bal_i) = (
        max_of(&po_run, |r| r.insight),
        max_of(&bal_run, |r| r.insight),
    );
    assert!(po_i < 0.05 * bal_i, "{po_i} vs {bal_i}");
    assert!(po_run.rows.iter().all(|r| r.insight_share < 0.1));
    // No sales conversations.
    assert!(po_run.rows.iter().all(|r| r.leads_sales == 0.0));
    // "the big budget drains the cash within half a year, after which R&D
    // shrinks to what revenue pays"
    let cash0 = po_run.rows[0].cash;
    assert!(
        po_run.rows[26].cash < 0.05 * cash0,
        "{}",
        po_run.rows[26].cash
    );
    let rd_base = s.config.params[ParamId::RdBase];
    assert!(
        po_run.rows[52].rd_spend < 0.5 * rd_base,
        "{}",
        po_run.rows[52].rd_spend
    );
    assert!(po.final_strength < bal.final_strength);
}

#[test]
fn bass_classic_follows_bass() {
    let (s, series, summary) = run("bass-classic");
    let p = s.config.params[ParamId::Innovation];
    let q = s.config.params[ParamId::Imitation];
    let n = s.config.params[ParamId::MarketSize];
    // Customers follow the Bass recurrence, p/k and q/k per sub-step.
    let k = f64::from(s.config.substeps);
    for w in series.rows.windows(2) {
        let mut c = w[0].customers;
        for _ in 0..s.config.substeps {
            c += (p / k + q / k * c / n) * (n - c);
        }
        assert!(
            (c - w[1].customers).abs() <= 1e-9 * n,
            "period {}: {} vs Bass {c}",
            w[1].period,
            w[1].customers
        );
    }
    let peak = (q / p).ln() / (p + q);
    let got = f64::from(summary.peak_acquisition_period);
    assert!(
        (got - peak).abs() <= 3.0,
        "peak at {got}, ln(q/p)/(p+q) = {peak}"
    );
    assert!(series.rows.iter().all(|r| r.churned == 0.0));
    assert!(series.rows.iter().all(|r| r.leads_sales == 0.0));
    // The S: most of the market is won by the end.
    assert!(summary.final_penetration > 0.95);
}

#[test]
fn founder_led_passes_balanced_strength_on_less_rd() {
    const WEEK: usize = 78;
    let (founder, f_run, f_sum) = run("founder-led");
    let (balanced, b_run, b_sum) = run("balanced");
    let rd_to = |s: &Series| s.rows[..WEEK].iter().map(|r| r.rd_spend).sum::<f64>();
    let (f_s, b_s) = (f_run.rows[WEEK].strength, b_run.rows[WEEK].strength);
    assert!(
        f_s > b_s,
        "strength at {WEEK}: founder {f_s} vs balanced {b_s}"
    );
    // "on about 60% of its R&D spend"
    let (f_rd, b_rd) = (rd_to(&f_run), rd_to(&b_run));
    assert!(
        (0.5..0.7).contains(&(f_rd / b_rd)),
        "R&D to week {WEEK}: founder {f_rd} vs balanced {b_rd}"
    );
    // "each R&D dollar works harder because insight is high"
    for (f, b) in f_run.rows.iter().zip(&b_run.rows) {
        assert!(f.insight_share > b.insight_share, "period {}", f.period);
    }
    // "Give the same founder balanced's latency and capture and that lead is gone."
    let mut slow = founder.config.clone();
    for id in [ParamId::Latency, ParamId::Capture] {
        slow.params[id] = balanced.config.params[id];
    }
    let slow_s = simulate(&slow).rows[WEEK].strength;
    assert!(slow_s < b_s, "slow founder {slow_s} vs balanced {b_s}");
    // The founder's company is worth more than balanced on smaller budgets.
    assert!(f_sum.value > b_sum.value);
    assert!(f_sum.min_cash >= 0.0);
    // Small budgets: a quarter of balanced's sales base, half its R&D base.
    let p = &founder.config.params;
    let b = &balanced.config.params;
    assert!(p[ParamId::RdBase] <= 0.5 * b[ParamId::RdBase]);
    assert!(p[ParamId::SalesBase] <= 0.25 * b[ParamId::SalesBase]);
    assert_eq!(p[ParamId::Latency], 0.0);
    assert_eq!(p[ParamId::Capture], 1.0);
}

#[test]
fn competitor_shock_earns_less_and_the_funding_round_lands_once() {
    let (shock, shock_run, shock_sum) = run("competitor-shock");
    let (_, _, bal) = run("balanced");
    assert!(shock_sum.total_revenue < bal.total_revenue);
    assert!(
        shock_sum.value < 0.6 * bal.value,
        "{} vs {}",
        shock_sum.value,
        bal.value
    );

    let funding: Vec<_> = shock
        .config
        .events
        .iter()
        .filter(|e| e.cash_injection != 0.0)
        .collect();
    assert_eq!(funding.len(), 1, "one funding round");
    let (at, injection) = (funding[0].at as usize, funding[0].cash_injection);
    // The same scenario without the injection (the budget changes stay).
    let mut without = shock.config.clone();
    for e in &mut without.events {
        e.cash_injection = 0.0;
    }
    let without_run = simulate(&without);
    for (a, b) in shock_run.rows.iter().zip(&without_run.rows).take(at) {
        assert_eq!(a, b, "the runs differ before the funding round");
    }
    let (with_cash, without_cash) = (shock_run.rows[at].cash, without_run.rows[at].cash);
    assert!(
        (with_cash - (without_cash + injection)).abs() <= 1e-9 * injection,
        "the jump at period {at}: {with_cash} vs {without_cash}"
    );
    // Both stay funded, so the gap stays exactly one injection: it was added once.
    assert!(without_run.rows.iter().all(|r| r.cash > 0.0));
    for (a, b) in shock_run.rows.iter().zip(&without_run.rows).skip(at) {
        let gap = a.cash - b.cash;
        assert!(
            (gap - injection).abs() <= 1e-6 * injection.max(a.cash.abs()),
            "period {}: gap {gap}",
            a.period
        );
        assert_eq!(a.revenue, b.revenue);
    }
    // The competitor's launch: conversion falls right after it.
    let launch = shock
        .config
        .events
        .iter()
        .find(|e| e.cash_injection == 0.0)
        .expect("a competitor event")
        .at as usize;
    // "the product ages twice as fast and the market's reference price drops to 80"
    let (balanced, bal_run, _) = run("balanced");
    let set_by_events = |c: &Config, key: ParamId| {
        c.events
            .iter()
            .flat_map(|e| &e.set)
            .find(|(id, _)| *id == key)
            .map(|(_, v)| *v)
    };
    assert_eq!(
        set_by_events(&shock.config, ParamId::Obsolescence),
        Some(2.0 * balanced.config.params[ParamId::Obsolescence])
    );
    assert_eq!(
        set_by_events(&shock.config, ParamId::ReferencePrice),
        Some(80.0)
    );
    let self_serve = |r: &Row| r.new_organic / r.leads_organic;
    assert!(self_serve(&shock_run.rows[launch]) < self_serve(&bal_run.rows[launch]));
    assert_eq!(shock_run.rows[launch - 1], bal_run.rows[launch - 1]);
    assert!(shock_run.rows[launch].conversion < bal_run.rows[launch].conversion);
}

#[test]
fn chinese_text_survives_parse_json_and_round_trip() {
    use flywheel::i18n::Lang;
    let zh = |s: &Scenario| s.description.get(Lang::Zh).cloned().unwrap_or_default();
    let with_zh: Vec<Scenario> = PRESETS
        .iter()
        .map(|p| load(p.name))
        .filter(|s| !zh(s).is_empty())
        .collect();
    assert!(!with_zh.is_empty(), "no preset has description_zh");
    for s in &with_zh {
        assert!(
            zh(s)
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }

    // JSON output of `run integrated` carries the Chinese description intact.
    let integrated = load("integrated");
    assert!(!zh(&integrated).is_empty());
    let out = support::flywheel()
        .args(["run", "integrated", "--format", "json"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("JSON is UTF-8");
    assert!(text.contains(&zh(&integrated)));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc["scenario"]["scenario"]["description_zh"],
        serde_json::Value::String(zh(&integrated))
    );

    // `show` prints the file byte for byte.
    let shown = support::flywheel()
        .args(["show", "integrated"])
        .assert()
        .success();
    assert_eq!(
        shown.get_output().stdout,
        scenario::preset("integrated").unwrap().toml.as_bytes()
    );

    // A CJK name and texts round-trip through to_toml and parse.
    let mut s = load("balanced");
    s.name = "飞轮：产品与销售".into();
    s.description = "混合 text «quotes» \"and\" emoji 🚀".into();
    s.lesson
        .summary
        .set(Lang::Zh, "产品和销售是飞轮的两个齿轮。".into());
    s.lesson
        .summary
        .set(Lang::ZhHant, "產品和銷售是飛輪的兩個齒輪。".into());
    let back = scenario::parse("round-trip.toml", &to_toml(&s)).unwrap();
    assert_eq!(back.name, s.name);
    assert_eq!(back.description, s.description);
    assert_eq!(back.lesson.summary, s.lesson.summary);
    assert_eq!(back.config, s.config);
}

#[test]
fn whole_run_ltv_cac_ranks_a_weak_product_pushed_hard_below_balanced() {
    // Over the last quarter alone, sales-push once ranked above every balanced company.
    let (_, _, push) = run("sales-push");
    let (_, _, bal) = run("balanced");
    let (p, b) = (push.ltv_cac.unwrap(), bal.ltv_cac.unwrap());
    assert!(
        p < 1.0,
        "sales-push pays more for a customer than it earns: {p}"
    );
    assert!(b > 3.0 * p, "{b} vs {p}");
}

#[test]
fn pushing_sales_harder_does_not_keep_paying_on_balanced() {
    // Revenue rises with the sales share; value peaks in the middle and falls.
    let (s, _, _) = run("balanced");
    let at = |share: f64| {
        let mut cfg = s.config.clone();
        cfg.params[ParamId::SalesShare] = share;
        summarize(&simulate(&cfg))
    };
    let values: Vec<f64> = [0.0, 0.2, 0.4, 0.6, 0.8]
        .iter()
        .map(|&x| at(x).value)
        .collect();
    let best = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    assert!(best > values[0] && best > values[4], "{values:?}");
    assert!(values[4] < 0.5 * best, "{values:?}");
    assert!(at(0.8).total_revenue > at(0.4).total_revenue);
}

#[test]
fn every_preset_text_in_simplified_has_its_traditional_twin() {
    use flywheel::i18n::Lang;
    use flywheel::scenario::localized::Given;
    let mut missing = Vec::new();
    for p in PRESETS {
        let s = scenario::resolve(p.name).unwrap();
        let mut need = |field: &str, zh: bool, hant: bool| {
            if zh && !hant {
                missing.push(format!("{}: {field}_zh_hant", p.name));
            }
        };
        // Given in Simplified, and in Traditional as fully (a list as long).
        fn twins<T: Given + AsLen>(t: &flywheel::scenario::Localized<T>) -> (bool, bool) {
            let zh = t.get(Lang::Zh);
            let hant = t.get(Lang::ZhHant);
            (
                zh.is_some(),
                hant.is_some() && zh.map(AsLen::len_of) == hant.map(AsLen::len_of),
            )
        }
        trait AsLen {
            fn len_of(&self) -> usize;
        }
        impl AsLen for String {
            fn len_of(&self) -> usize {
                1
            }
        }
        impl AsLen for Vec<String> {
            fn len_of(&self) -> usize {
                self.len()
            }
        }
        let mut check = |field: &str, (zh, hant): (bool, bool)| need(field, zh, hant);
        check("description", twins(&s.description));
        let l = &s.lesson;
        check("lesson.title", twins(&l.title));
        check("lesson.summary", twins(&l.summary));
        for (i, st) in l.steps.iter().enumerate() {
            let at = format!("lesson.steps[{}]", i + 1);
            check(&format!("{at}.title"), twins(&st.title));
            check(&format!("{at}.text"), twins(&st.text));
            check(&format!("{at}.debrief"), twins(&st.debrief));
            if let Some(q) = &st.predict {
                check(&format!("{at}.predict.question"), twins(&q.question));
                check(&format!("{at}.predict.choices"), twins(&q.choices));
            }
            if let Some(g) = &st.goal {
                check(&format!("{at}.goal.text"), twins(&g.text));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "Simplified without Traditional:\n{}",
        missing.join("\n")
    );
}
