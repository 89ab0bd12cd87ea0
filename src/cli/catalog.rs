//! What the tool knows, printed: `check`, `list`, `show` and `params`.

use std::io::{self, Write};

use super::Failure;
use crate::i18n::{Lang, trf};
use crate::model::PARAMS;
use crate::scenario::{self, PRESETS, Scenario, texts};

/// `flywheel check`; with `--lang`, the texts each file lacks in that language.
pub(super) fn check(files: Vec<String>, lang: Option<Lang>) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut bad = Vec::new();
    let mut out = stdout.lock();
    for f in &files {
        match scenario::resolve(f) {
            Ok(s) => {
                let goals = crate::analysis::lesson_check::goal_problems(&s);
                if goals.is_empty() {
                    writeln!(out, "{f}: ok ({})", s.name)?;
                } else {
                    bad.extend(goals.iter().map(|g| format!("{f}: {g}")));
                }
                for m in scenario::translation::mismatches(&s) {
                    eprintln!("{}", crate::i18n::trf("warning: {}: {}", &[f, &m]));
                }
                untranslated(&mut out, f, &s, lang)?;
            }
            Err(d) => bad.push(d.to_string()),
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::Invalid(bad.join("\n")))
    }
}

/// The texts a file leaves untranslated: a warning for each text missing
/// from a language the file translates only in part, and with `--lang`,
/// every text that language lacks.
fn untranslated(out: &mut dyn Write, f: &str, s: &Scenario, lang: Option<Lang>) -> io::Result<()> {
    for (l, missing) in texts::partial(s) {
        if Some(l) == lang {
            continue;
        }
        for m in missing {
            let why = trf(
                "{} is missing: the file translates its other texts into {}",
                &[&m.field, &l.code()],
            );
            eprintln!("{}", trf("warning: {}: {}", &[&f, &why]));
        }
    }
    let Some(lang) = lang else {
        return Ok(());
    };
    let missing = texts::untranslated(s, lang);
    if missing.is_empty() {
        return Ok(());
    }
    let total = texts::fields(s).len();
    writeln!(
        out,
        "{}",
        trf(
            "{}: no translation in {} for {} of {} texts:",
            &[&f, &lang.code(), &missing.len(), &total]
        )
    )?;
    for m in missing {
        writeln!(out, "  {}: {}", m.field, m.short(60))?;
    }
    Ok(())
}

/// `flywheel list`.
pub(super) fn list() -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for p in PRESETS {
        let s = p.load()?;
        let marker = if p.name == scenario::presets::DEFAULT_PRESET {
            " (default)"
        } else {
            ""
        };
        writeln!(out, "{:<18} {}{marker}", p.name, s.description)?;
    }
    Ok(())
}

/// `flywheel show`: a preset's file, or a scenario converted to another period.
pub(super) fn show(preset: String, period: Option<String>) -> Result<(), Failure> {
    let stdout = io::stdout();
    let Some(period) = period else {
        return match scenario::preset(&preset) {
            Some(p) => Ok(stdout.lock().write_all(p.toml.as_bytes())?),
            None => Err(scenario::resolve(&preset).err().map_or_else(
                || {
                    Failure::Invalid(crate::i18n::trf(
                        "{}: `show` prints presets; this is a file",
                        &[&preset],
                    ))
                },
                Failure::from,
            )),
        };
    };
    let s = scenario::resolve(&preset)?;
    let converted =
        scenario::period::convert(&s, &period).map_err(|e| Failure::Invalid(e.to_string()))?;
    let mut out = stdout.lock();
    writeln!(
        out,
        "# {} converted from {}s to {}s by `flywheel show --period`: rates and\n# amounts per period scale, delays and the horizon shrink or stretch (see docs/fit.md).",
        s.source, s.period_label, converted.period_label
    )?;
    // Said on the file and on the terminal: a clamped value changes the company.
    for c in scenario::period::clamped(&s, &converted.period_label) {
        let warning = crate::i18n::trf("warning: {}", &[&c.text(&converted.period_label)]);
        eprintln!("{warning}");
        let english = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            format!("warning: {}", c.text(&converted.period_label))
        });
        writeln!(out, "# {english}")?;
    }
    Ok(out.write_all(scenario::write::to_toml(&converted).as_bytes())?)
}

/// `flywheel params`.
pub(super) fn params(markdown: bool) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if markdown {
        out.write_all(params_markdown().as_bytes())?;
    } else {
        for (key, default, valid, unit, help) in SCENARIO_KEYS {
            writeln!(
                out,
                "{key:<28} {default:>10}  {valid:<22} {unit:<18} {help}"
            )?;
        }
        for p in PARAMS.iter() {
            writeln!(
                out,
                "{:<28} {:>10}  {:<22} {:<18} {}",
                p.key,
                crate::model::fmt_num(p.default),
                p.range_text(),
                p.unit,
                p.help
            )?;
        }
    }
    Ok(())
}

/// The keys of `[scenario]` that shape a run: key, default, valid values,
/// unit and help (the parameters of the model follow them in `params`).
pub const SCENARIO_KEYS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "scenario.start",
        "(none)",
        "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY",
        "date",
        "The day period 0 begins: periods are dated on charts, in reports and in CSV, and a history may have a `date` column.",
    ),
    (
        "scenario.periods",
        "208",
        "1..=10000, whole",
        "periods",
        "The horizon T.",
    ),
    (
        "scenario.substeps",
        "8",
        "1..=1000, whole",
        "/period",
        "Euler steps per period (dt = 1/substeps); keep dt <= 1/8 week.",
    ),
    (
        "scenario.seed",
        "1",
        "0..=2^64-1",
        "",
        "The seed of the stochastic draws.",
    ),
    (
        "scenario.stochastic",
        "false",
        "true, false",
        "",
        "Draw flows of people instead of taking expected values.",
    ),
];

/// The parameter table as Markdown, as it appears in docs/model.md.
pub fn params_markdown() -> String {
    let mut s = String::from(
        "| key | default | valid | unit | event | meaning |\n|---|---|---|---|---|---|\n",
    );
    for (key, default, valid, unit, help) in SCENARIO_KEYS {
        s.push_str(&format!(
            "| `{key}` | {default} | {valid} | {unit} | no (scenario) | {help} |\n"
        ));
    }
    for p in PARAMS.iter() {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            p.key,
            crate::model::fmt_num(p.default),
            p.range_text(),
            p.unit,
            if p.initial_only {
                "no (initial)"
            } else {
                "yes"
            },
            p.help
        ));
    }
    s
}
