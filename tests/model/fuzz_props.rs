//! Property tests that feed the loaders garbage and near-valid documents:
//! they must answer with diagnostics, never panic, and whatever they accept
//! must simulate to finite numbers in both modes.

use flywheel::model::{COLUMNS, PARAMS, simulate};
use flywheel::play::session::parse_session;
use flywheel::scenario::parse;
use proptest::prelude::*;

static ACCEPTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn check_accepted(text: &str) {
    if parse("x", text).is_ok() {
        ACCEPTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        eprintln!(
            "ACCEPTED {}",
            ACCEPTED.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
    if let Ok(mut s) = parse("fuzz.toml", text) {
        s.config.periods = s.config.periods.min(300);
        for stochastic in [false, true] {
            s.config.stochastic = stochastic;
            for row in simulate(&s.config).rows {
                for c in COLUMNS {
                    assert!(
                        (c.get)(&row).is_finite(),
                        "{} not finite for\n{text}",
                        c.name
                    );
                }
            }
        }
    }
}

/// A value of any TOML type, including the awkward ones.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| if v.is_finite() {
            format!("{v:e}")
        } else {
            "nan".into()
        }),
        (0.0..1.0f64).prop_map(|v| format!("{v}")),
        (0u32..300).prop_map(|v| v.to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        Just("true".to_string()),
        Just("\"text 飞轮\"".to_string()),
        Just("[1, 2]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("1979-05-27".to_string()),
        Just("".to_string()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(PARAMS.iter().map(|p| p.name.to_string()).collect::<Vec<_>>()),
        1 => proptest::sample::select(vec!["name".to_string(), "periods".into(), "seed".into(), "stochastic".into(), "at".into(), "note".into(), "title".into(), "summary".into(), "turn".into(), "decisions".into()]),
        1 => "[a-z_]{1,12}",
    ]
}

fn section() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(vec![
            "[scenario]", "[market]", "[product]", "[sales]", "[pricing]", "[retention]", "[feedback]",
            "[finance]", "[[events]]", "[lesson]", "[[lesson.steps]]", "[play]", "[play.targets.easy]",
        ]).prop_map(str::to_string),
        1 => "\\[[a-z]{1,8}\\]",
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (section(), proptest::collection::vec((key(), value()), 0..6)),
        0..6,
    )
    .prop_map(|sections| {
        let mut out = String::new();
        for (header, pairs) in sections {
            out.push_str(&header);
            out.push('\n');
            for (k, v) in pairs {
                out.push_str(&format!("{k} = {v}\n"));
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        check_accepted(&text);
        let _ = parse_session("fuzz.session.toml", &text);
    }

    #[test]
    fn toml_shaped_documents_never_panic(doc in document()) {
        check_accepted(&doc);
    }

    #[test]
    fn mutated_presets_never_panic(
        preset in proptest::sample::select(flywheel::scenario::PRESETS.iter().map(|p| p.toml).collect::<Vec<_>>()),
        cut in any::<prop::sample::Index>(),
        insert in "[ -~\\n]{0,12}",
    ) {
        let at = cut.index(preset.len() + 1);
        let at = (0..=at).rev().find(|i| preset.is_char_boundary(*i)).unwrap_or(0);
        let text = format!("{}{}{}", &preset[..at], insert, &preset[at..]);
        check_accepted(&text);
    }
}

#[test]
fn every_diagnostic_has_a_place_or_says_why_not() {
    let cases = [
        "[market]\nsize = nan\n",
        "x = [",
        "[[events]]\nat = -1\n",
        "[market]\nsize = 1e400\n",
    ];
    for text in cases {
        let err = parse("f.toml", text).unwrap_err();
        for d in &err.0 {
            assert!(d.line >= 1, "{text:?}: {d}");
            assert!(!d.message.to_string().is_empty());
        }
    }
}
