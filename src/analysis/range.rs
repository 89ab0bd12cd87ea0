//! One parser for the command line's ranges, `section.key=LOW..HIGH`, with
//! or without a suffix: `sweep --param KEY=LOW..HIGH:STEP`, `montecarlo
//! --vary KEY=LOW..HIGH[:SHAPE]`, `optimize --decide KEY[=LOW..HIGH]` and
//! `fit --param KEY[=LOW..HIGH]`. One wording for every mistake, each
//! naming the flag, what was typed and how to write it.
//!
//! A mistake is a [`RangeError`] (what went wrong, with its values); its
//! [`text`](RangeError::text) is the sentence in the reader's language.

use crate::i18n::trf;
use crate::model::{PARAMS, ParamSpec, fmt_num};
use crate::scenario::load::{check_value, parse_number};
use crate::scenario::suggest::nearest;

/// How a flag writes its ranges.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// The flag, as typed: `--param`, `--vary`, `--decide`.
    pub flag: &'static str,
    /// The syntax, as in the help: `section.key=LOW..HIGH:STEP`.
    pub syntax: &'static str,
    /// A complete example: `feedback.latency=0..52:4`.
    pub example: &'static str,
    /// Whether a bare `section.key` (no range) is accepted.
    pub bare: bool,
    /// The suffix after `:`: `Some(("STEP", true))` for a required one named
    /// STEP, `Some(("SHAPE", false))` for an optional one, `None` for none.
    pub suffix: Option<(&'static str, bool)>,
    /// Whether LOW must be strictly below HIGH (a fit searches between them).
    pub strict: bool,
}

/// A range as typed, checked against its parameter's valid range.
#[derive(Debug, Clone, Copy)]
pub struct Parsed<'a> {
    /// The parameter.
    pub spec: &'static ParamSpec,
    /// LOW and HIGH, or `None` for a bare key.
    pub bounds: Option<(f64, f64)>,
    /// What followed `:`, trimmed (`None` without one).
    pub suffix: Option<&'a str>,
}

/// What is wrong with a range, and the values the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// No `=` where a range is required.
    MissingEquals,
    /// The key is not a parameter; the nearest name, if any is near.
    UnknownKey {
        /// The key as typed.
        key: String,
        /// The nearest parameter's key.
        nearest: Option<&'static str>,
    },
    /// No `..` between LOW and HIGH.
    MissingDots,
    /// A required suffix (`:STEP`) is missing: its name.
    MissingSuffix(&'static str),
    /// LOW or HIGH is not a finite number.
    NotANumber {
        /// `LOW` or `HIGH`.
        which: &'static str,
        /// What was typed there.
        typed: String,
    },
    /// LOW above HIGH (or equal where the form is strict); the range as it should be written.
    Reversed {
        /// LOW as typed.
        lo: f64,
        /// HIGH as typed.
        hi: f64,
        /// The whole argument written the right way round.
        fix: String,
    },
    /// LOW equals HIGH where a range to search is needed.
    Empty {
        /// The value both ends hold.
        at: f64,
    },
    /// An end outside the parameter's valid range (the validator's message).
    Invalid(crate::i18n::Text),
}

/// A mistake in one argument.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeError {
    /// The flag.
    pub flag: &'static str,
    /// The argument as typed.
    pub typed: String,
    /// How the flag writes its ranges, for the hint.
    pub syntax: &'static str,
    /// A complete example.
    pub example: &'static str,
    /// What went wrong.
    pub problem: Problem,
}

impl RangeError {
    /// The sentence, in the reader's language: `--decide pricing.price=5:
    /// missing '..' between LOW and HIGH; write it as ..., for example ...`.
    pub fn text(&self) -> String {
        let (flag, typed) = (&self.flag, &self.typed);
        let usage = trf(
            "write it as {}, for example {}",
            &[&self.syntax, &self.example],
        );
        match &self.problem {
            Problem::MissingEquals => trf("{} {}: missing '='; {}", &[flag, typed, &usage]),
            Problem::UnknownKey {
                key,
                nearest: Some(n),
            } => trf(
                "{} {}: unknown parameter \"{}\"; did you mean \"{}\"?",
                &[flag, typed, key, n],
            ),
            Problem::UnknownKey { key, nearest: None } => trf(
                "{} {}: unknown parameter \"{}\"; see `flywheel params`",
                &[flag, typed, key],
            ),
            Problem::MissingDots => trf(
                "{} {}: missing '..' between LOW and HIGH; {}",
                &[flag, typed, &usage],
            ),
            Problem::MissingSuffix(name) => {
                trf("{} {}: missing ':{}'; {}", &[flag, typed, name, &usage])
            }
            Problem::NotANumber { which, typed: what } => trf(
                "{} {}: {} \"{}\" is not a number; {}",
                &[flag, typed, which, what, &usage],
            ),
            Problem::Reversed { lo, hi, fix } => trf(
                "{} {}: the range is reversed (LOW {} > HIGH {}); write {}",
                &[flag, typed, &fmt_num(*lo), &fmt_num(*hi), fix],
            ),
            Problem::Empty { at } => trf(
                "{} {}: LOW and HIGH are both {}; give a range to search, {}",
                &[flag, typed, &fmt_num(*at), &usage],
            ),
            Problem::Invalid(e) => format!("{flag} {typed}: {e}"),
        }
    }
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// How to write an argument: `write it as SYNTAX, for example EXAMPLE`.
fn usage(syntax: &str, example: &str) -> String {
    trf("write it as {}, for example {}", &[&syntax, &example])
}

impl Form {
    /// How to write an argument of this form, in the reader's language.
    pub fn usage(&self) -> String {
        usage(self.syntax, self.example)
    }

    /// A mistake in `text`, an argument of this form (for checks a command
    /// adds after parsing, such as a sweep's STEP).
    pub fn error(&self, text: &str, problem: Problem) -> RangeError {
        RangeError {
            flag: self.flag,
            typed: text.to_string(),
            syntax: self.syntax,
            example: self.example,
            problem,
        }
    }

    /// Parses one argument of this form, against the table as written (a week).
    pub fn parse<'a>(&self, text: &'a str) -> Result<Parsed<'a>, RangeError> {
        self.parse_in(text, 1.0)
    }

    /// Parses one argument of this form for a scenario whose period is
    /// `weeks` weeks long: its bounds are checked against the parameter's
    /// range in that period, and the spec returned is that period's row
    /// ([`ParamSpec::in_period`]).
    pub fn parse_in<'a>(&self, text: &'a str, weeks: f64) -> Result<Parsed<'a>, RangeError> {
        let fail = |problem| self.error(text, problem);
        let (key, rest) = match text.split_once('=') {
            Some((k, r)) => (k.trim(), Some(r)),
            None if self.bare => (text.trim(), None),
            None => return Err(fail(Problem::MissingEquals)),
        };
        let spec = ParamSpec::by_key(key)
            .ok_or_else(|| {
                fail(Problem::UnknownKey {
                    key: key.to_string(),
                    nearest: nearest(key, PARAMS.iter().map(|p| p.key)),
                })
            })?
            .in_period(weeks);
        let Some(rest) = rest else {
            return Ok(Parsed {
                spec,
                bounds: None,
                suffix: None,
            });
        };
        let (bounds, suffix) = match (self.suffix, rest.split_once(':')) {
            (Some(_), Some((b, s))) => (b, Some(s.trim())),
            (Some((name, true)), None) => {
                // A range without its suffix: say so after checking the dots.
                if !rest.contains("..") {
                    return Err(fail(Problem::MissingDots));
                }
                return Err(fail(Problem::MissingSuffix(name)));
            }
            _ => (rest, None),
        };
        let (lo, hi) = bounds
            .split_once("..")
            .ok_or_else(|| fail(Problem::MissingDots))?;
        let num = |s: &str, which: &'static str| {
            parse_number(s.trim())
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    fail(Problem::NotANumber {
                        which,
                        typed: s.trim().to_string(),
                    })
                })
        };
        let (lo, hi) = (num(lo, "LOW")?, num(hi, "HIGH")?);
        if lo > hi {
            let tail = suffix.map(|s| format!(":{s}")).unwrap_or_default();
            return Err(fail(Problem::Reversed {
                lo,
                hi,
                fix: format!("{key}={}..{}{tail}", fmt_num(hi), fmt_num(lo)),
            }));
        }
        if self.strict && lo == hi {
            return Err(fail(Problem::Empty { at: lo }));
        }
        for v in [lo, hi] {
            check_value(spec, v).map_err(|e| fail(Problem::Invalid(e)))?;
        }
        Ok(Parsed {
            spec,
            bounds: Some((lo, hi)),
            suffix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The forms the commands use.
    use crate::analysis::fit::FIT_PARAM as FIT;
    use crate::analysis::sweep::AXIS as SWEEP;

    fn problem(form: &Form, text: &str) -> Problem {
        form.parse(text).unwrap_err().problem
    }

    #[test]
    fn every_form_reads_its_ranges_and_names_each_mistake() {
        let p = SWEEP.parse("feedback.latency = 0 .. 52 : 4").unwrap();
        assert_eq!(p.bounds, Some((0.0, 52.0)));
        assert_eq!(p.suffix, Some("4"));
        assert_eq!(FIT.parse("market.imitation").unwrap().bounds, None);
        assert_eq!(problem(&SWEEP, "feedback.latency"), Problem::MissingEquals);
        assert_eq!(
            problem(&SWEEP, "feedback.latency=0..52"),
            Problem::MissingSuffix("STEP")
        );
        assert_eq!(
            problem(&SWEEP, "feedback.latency=5:1"),
            Problem::MissingDots
        );
        assert_eq!(problem(&FIT, "market.imitation=0.1"), Problem::MissingDots);
        assert_eq!(
            problem(&FIT, "market.imitation=a..1"),
            Problem::NotANumber {
                which: "LOW",
                typed: "a".into()
            }
        );
        assert_eq!(
            problem(&FIT, "market.imitation=0..inf"),
            Problem::NotANumber {
                which: "HIGH",
                typed: "inf".into()
            }
        );
        assert_eq!(
            problem(&SWEEP, "feedback.latency=52..0:4"),
            Problem::Reversed {
                lo: 52.0,
                hi: 0.0,
                fix: "feedback.latency=0..52:4".into()
            }
        );
        assert_eq!(
            problem(&FIT, "market.imitation=0.2..0.2"),
            Problem::Empty { at: 0.2 }
        );
        assert!(SWEEP.parse("feedback.latency=4..4:1").is_ok());
        assert_eq!(
            problem(&FIT, "market.imitaton=0..1"),
            Problem::UnknownKey {
                key: "market.imitaton".into(),
                nearest: Some("market.imitation")
            }
        );
        assert!(matches!(
            problem(&FIT, "market.imitation=0..2"),
            Problem::Invalid(_)
        ));
    }

    #[test]
    fn the_message_names_the_flag_the_argument_and_the_way_to_write_it() {
        let text = SWEEP.parse("feedback.latency=0..52").unwrap_err().text();
        assert_eq!(
            text,
            "--param feedback.latency=0..52: missing ':STEP'; write it as \
             section.key=LOW..HIGH:STEP, for example feedback.latency=0..52:4"
        );
        let text = SWEEP.parse("feedback.latency=52..0:4").unwrap_err().text();
        assert_eq!(
            text,
            "--param feedback.latency=52..0:4: the range is reversed (LOW 52 > HIGH 0); \
             write feedback.latency=0..52:4"
        );
    }
}
