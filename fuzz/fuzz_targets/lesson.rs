//! Lesson-shaped documents: a `[lesson]` header and steps around arbitrary
//! text, so the fuzzer spends its time in the lesson parser; predictions and
//! goals of an accepted lesson are evaluated.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let text = format!("[lesson]\ntitle = \"t\"\n[[lesson.steps]]\ntitle = \"s\"\n{body}");
    if let Ok(s) = flywheel::scenario::parse("fuzz.toml", &text) {
        let summary = flywheel::model::summarize(&flywheel::model::simulate(&s.config));
        for step in &s.lesson.steps {
            if let Some(p) = &step.predict {
                let _ = p.answer(&summary, &summary);
            }
            if let Some(g) = &step.goal {
                let _ = g.met(&summary, &summary);
            }
        }
    }
});
