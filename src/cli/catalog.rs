//! What the tool knows, printed: `check`, `list` and `show` (`params` is
//! in its own file).

use std::io::{self, Write};

use super::Failure;
use crate::i18n::{Lang, trf};
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
                    writeln!(out, "{}", crate::i18n::trf("{}: ok ({})", &[f, &s.name]))?;
                } else {
                    bad.extend(goals.iter().map(|g| crate::i18n::trf("{}: {}", &[f, g])));
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
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    for p in PRESETS {
        let s = p.load()?;
        let marker = if p.name == scenario::presets::DEFAULT_PRESET {
            format!(" {}", crate::i18n::tr("(default)"))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:<width$}  {}{marker}",
            p.name,
            s.description.current()
        )?;
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
