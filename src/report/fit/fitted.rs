//! The fitted scenario as `flywheel fit --out` saves it: comments on what was
//! fitted, to which data and how well, then the scenario with the fitted
//! values, each commented with its interval.

use std::fmt::Write as _;
use std::path::Path;

use super::{headline, opt, sig};
use crate::analysis::fit::{self, INTERVAL_METHOD};
use crate::analysis::history::History;
use crate::i18n::{Lang, with_lang};
use crate::scenario::Scenario;
use crate::scenario::write::to_toml;

/// The fitted scenario as TOML: comments that say what was fitted, to which
/// file and how well, then the scenario with the fitted values. With the
/// text of the file fitted from (`source`), a value it also holds keeps
/// its comment there (what `flywheel init` was told), and a value the fit
/// was given with `--set` says so.
pub fn fitted_toml(s: &Scenario, h: &History, f: &fit::Fit, source: Option<&str>) -> String {
    let kept = source.map(comments).unwrap_or_default();
    let mut fitted = s.clone();
    fitted.config = f.config.clone();
    // No more digits than the data can tell (kept inside the valid range).
    for p in &f.params {
        let spec = p.param.spec;
        p.param.set(
            &mut fitted.config,
            spec.clamp(super::supported(p.value, p.low, p.high)),
        );
    }
    let data_name = Path::new(&h.source)
        .file_name()
        .map_or(h.source.clone(), |n| n.to_string_lossy().into_owned());
    if !fitted.name.contains("fitted") {
        fitted.name = format!("{} (fitted to {data_name})", s.name);
    }
    // The lesson told the story of the scenario fitted from, not of this company.
    fitted.lesson = crate::scenario::Lesson::default();
    let mut out = String::new();
    let _ = writeln!(out, "# {}", with_lang(Lang::En, || headline(s, h, f)));
    let _ = writeln!(
        out,
        "# from {}; `flywheel fit` by weighted least squares, each series scaled by its own size.",
        s.source
    );
    let _ = writeln!(
        out,
        "# Fitted values (90% interval: {INTERVAL_METHOD}, {} refits):",
        f.refits()
    );
    for p in &f.params {
        let _ = writeln!(
            out,
            "#   {} = {} ({}..{}), was {}",
            p.param.key(),
            sig(p.value),
            sig(p.low),
            sig(p.high),
            sig(p.loaded)
        );
    }
    let _ = writeln!(out, "# How well:");
    for sf in &f.series {
        let g = &sf.goodness;
        let _ = writeln!(
            out,
            "#   {}: R² {}, MAPE {}",
            sf.column,
            opt(g.r2, 4),
            g.mape.map_or("-".into(), |m| format!("{m:.2}%"))
        );
    }
    if !f.converged {
        let _ = writeln!(
            out,
            "# The search did not converge; these are the best values found."
        );
    }
    // The file's comments are in English, as the file's keys are.
    for m in &f.warnings {
        let _ = writeln!(out, "# warning: {}", with_lang(Lang::En, || m.to_string()));
    }
    out.push('\n');
    let body = to_toml(&fitted);
    let mut section = String::new();
    for line in body.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
        }
        let key = line.split(" = ").next().unwrap_or("");
        // The line without its comment, and the comment it gets here, if not its own.
        let ours = line.split("  #").next().unwrap_or(line);
        let fitted_param = f.params.iter().find(|p| {
            p.param.event.is_none()
                && p.param.spec.section.key() == section
                && p.param.spec.name == key
        });
        let comment = match (fitted_param, kept.get(&(section.clone(), key.to_string()))) {
            (Some(p), _) => Some(format!(
                "fitted to {data_name}: 90% {}..{} (was {})",
                sig(p.low),
                sig(p.high),
                sig(p.loaded)
            )),
            // The source's own words for a value it holds.
            (None, Some((value, comment))) if same_value(line, value) => {
                (!comment.is_empty()).then(|| comment.clone())
            }
            // A value the source file does not hold: given to the fit.
            (None, Some((value, _))) if is_param(&section, key) => {
                Some(format!("set by --set when fitted (the file had {value})"))
            }
            (None, None) if source.is_some() && is_param(&section, key) && line.contains(" = ") => {
                Some("set by --set when fitted".to_string())
            }
            _ => None,
        };
        match comment {
            Some(c) => {
                let _ = writeln!(out, "{ours}  # {c}");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Each `key = value  # comment` of a scenario file, by section and key.
fn comments(text: &str) -> std::collections::HashMap<(String, String), (String, String)> {
    let mut out = std::collections::HashMap::new();
    let mut section = String::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let Some((key, rest)) = t.split_once('=') else {
            continue;
        };
        let (value, comment) = rest.split_once('#').unwrap_or((rest, ""));
        out.insert(
            (section.clone(), key.trim().to_string()),
            (value.trim().to_string(), comment.trim().to_string()),
        );
    }
    out
}

/// Whether `line` (`key = value  # ...`) holds the value written `other`.
fn same_value(line: &str, other: &str) -> bool {
    let ours = line
        .split("  #")
        .next()
        .and_then(|l| l.split_once(" = "))
        .map_or("", |(_, v)| v.trim());
    let num = |v: &str| v.replace('_', "").parse::<f64>().ok();
    match (num(ours), num(other)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300),
        _ => ours == other,
    }
}

/// Whether `section.key` is a parameter of the model.
fn is_param(section: &str, key: &str) -> bool {
    crate::model::ParamSpec::by_key(&format!("{section}.{key}")).is_some()
}
