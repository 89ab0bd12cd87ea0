//! `--from PERIOD`, `--from-data` and `--data`: what-ifs that start from
//! today. The past runs as the scenario stands, reconciled to the
//! history's actuals at "now"; the what-if (`--set`, another scenario, a
//! decision searched) acts from then on; every figure is measured from then.

use std::path::PathBuf;

use super::Failure;
use crate::analysis::history::History;
use crate::i18n::{tr, trf};
use crate::model::{Now, Stock, simulate};
use crate::scenario::Scenario;

/// The options that start a what-if from today.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Today {
    /// Decide from this period on: the past runs as the scenario stands
    /// (without --set), the changes act from here, and every figure is
    /// measured from here.
    #[arg(long, value_name = "PERIOD", conflicts_with = "from_data")]
    pub from: Option<u32>,
    /// Decide from the last period of the history (--data): today.
    #[arg(long, requires = "data")]
    pub from_data: bool,
    /// A company's history (CSV): the stocks it observes at "now"
    /// (customers, lapsed, market_size, strength, reps, cash) are set to its
    /// actuals there.
    #[arg(long, value_name = "CSV")]
    pub data: Option<PathBuf>,
}

/// Where "now" is and what was reconciled there, for the reader.
#[derive(Debug, Clone)]
pub struct NowNote {
    /// The period decisions change from.
    pub at: u32,
    /// Each stock set to an actual: the stock, the actual, the run's value.
    pub reconciled: Vec<(Stock, f64, f64)>,
    /// The history's name, when there is one.
    pub source: Option<String>,
    /// The horizon, when it was extended to look ahead from the history's end.
    pub extended: Option<u32>,
}

impl NowNote {
    /// One line for standard error: where now is and what was reconciled.
    pub fn line(&self, period_label: &str) -> String {
        let period = crate::format::period_at(period_label, self.at);
        let mut out = trf(
            "from {} on: the past as the scenario stands, the changes from then, every figure from then",
            &[&period],
        );
        match (&self.source, self.reconciled.is_empty()) {
            (Some(src), true) => {
                out.push_str("; ");
                out.push_str(&trf(
                    "{} observes no stock at that period, so none is reconciled",
                    &[src],
                ));
            }
            (Some(src), false) => {
                let parts: Vec<String> = self
                    .reconciled
                    .iter()
                    .map(|(s, actual, model)| {
                        trf(
                            "{} {} (the run had {})",
                            &[&s.column(), &shown(*s, *actual), &shown(*s, *model)],
                        )
                    })
                    .collect();
                out.push_str("; ");
                out.push_str(&trf("reconciled to {}: {}", &[src, &parts.join(tr("; "))]));
            }
            (None, _) => {}
        }
        if let Some(h) = self.extended {
            out.push_str("; ");
            out.push_str(&trf(
                "the scenario ended there, so it runs to {} (--periods to choose)",
                &[&crate::format::period_at(period_label, h)],
            ));
        }
        out
    }

    /// The note as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "period": self.at,
            "data": self.source,
            "reconciled": self.reconciled.iter().map(|(s, actual, model)| serde_json::json!({
                "column": s.column(),
                "actual": actual,
                "run": model,
            })).collect::<Vec<_>>(),
        })
    }
}

/// A stock's value as a reader reads it.
fn shown(s: Stock, v: f64) -> String {
    match s {
        Stock::Cash => crate::format::money(v),
        Stock::Strength => format!("{v:.3}"),
        _ => crate::format::people(v),
    }
}

impl Today {
    /// The flags as typed, for a command line that repeats the run (with a
    /// leading space; empty without them).
    pub fn flags(&self) -> String {
        let mut out = String::new();
        if let Some(p) = self.from {
            out.push_str(&format!(" --from {p}"));
        }
        if let Some(d) = &self.data {
            out.push_str(&format!(" --data {}", d.display()));
        }
        out
    }

    /// Whether these options ask for a what-if from today.
    pub fn asked(&self) -> bool {
        self.from.is_some() || self.from_data || self.data.is_some()
    }

    /// The history, read once, for scenario `s` (its period and calendar).
    pub fn history(&self, s: &Scenario) -> Result<Option<History>, Failure> {
        self.data
            .as_deref()
            .map(|p| super::fit::read_history_for(p, s))
            .transpose()
    }

    /// `base` with "now" placed and its stocks reconciled (no what-if yet),
    /// and what was done; `None` when no option asks for it. Without
    /// `--from`, `--data` decides from its last period.
    pub fn place(
        &self,
        base: &Scenario,
        history: Option<&History>,
    ) -> Result<Option<(Scenario, NowNote)>, Failure> {
        if !self.asked() {
            return Ok(None);
        }
        let at = match (self.from, history) {
            (Some(p), _) => p,
            (None, Some(h)) => h.last_period(),
            (None, None) => return Ok(None),
        };
        let mut base = base.clone();
        let mut extended = None;
        if self.from.is_none() && at >= base.config.periods {
            // A fitted scenario ends where its history does: look as far
            // ahead as the history looks back.
            let h = (2 * at).clamp(at + 1, crate::scenario::load::MAX_PERIODS);
            base.config.periods = h;
            extended = Some(h);
        }
        let horizon = base.config.periods;
        if at >= horizon {
            return Err(Failure::Invalid(trf(
                "--from {}: now must come before the horizon ({} periods); give --periods to run further",
                &[&at, &horizon],
            )));
        }
        let mut stocks = Vec::new();
        if let Some(h) = history {
            let Some(i) = h.periods.iter().position(|p| *p == at) else {
                return Err(Failure::Invalid(trf(
                    "--from {}: {} has no row at that period to reconcile with; its last is {} (--from-data)",
                    &[&at, &h.source, &h.last_period()],
                )));
            };
            for stock in Stock::ALL {
                if let Some(v) = h.get(stock.column()).and_then(|o| o.values[i]) {
                    stocks.push((stock, v));
                }
            }
        }
        let run = simulate(&base.config);
        let row = run.rows.get(at as usize).copied().unwrap_or_default();
        let reconciled = stocks
            .iter()
            .map(|&(s, v)| {
                let model = match s {
                    Stock::Customers => row.customers,
                    Stock::Lapsed => row.lapsed,
                    Stock::MarketSize => row.market_size,
                    Stock::Strength => row.strength,
                    Stock::Reps => row.reps,
                    Stock::Cash => row.cash,
                };
                (s, v, model)
            })
            .collect();
        let mut placed = base.clone();
        placed.config.now = Some(Now {
            at,
            stocks,
            set: Vec::new(),
        });
        let note = NowNote {
            at,
            reconciled,
            source: history.map(|h| h.source.clone()),
            extended,
        };
        Ok(Some((placed, note)))
    }
}

/// A past placed at "now": the scenario as it stands (reconciled), onto
/// which what-ifs are put from then on.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The past: the scenario without its what-if, "now" placed.
    pub past: crate::model::Config,
    /// Where now is and what was reconciled.
    pub note: NowNote,
}

impl Placed {
    /// `whatif` from now on, on this past.
    pub fn compose(&self, whatif: &crate::model::Config) -> crate::model::Config {
        self.past.from_today(whatif, self.note.at)
    }

    /// Another scenario from now on, on this past; a warning on standard
    /// error for each starting value it sets, which changes nothing from now.
    pub fn onto(&self, mut other: Scenario) -> Scenario {
        for id in self.past.inert(&other.config, self.note.at) {
            eprintln!(
                "{}",
                trf(
                    "warning: {}: {} is a value at the start only, so from {} on it changes nothing; a team grows through sales.sales_base or sales.sales_share, cash through an event's finance.cash_injection",
                    &[
                        &other.name,
                        &id,
                        &crate::format::period_at(&other.period_label, self.note.at)
                    ],
                )
            );
        }
        other.config = self.compose(&other.config);
        other
    }
}

/// The scenario of `opts` as a what-if from today: its past is the
/// scenario without `--set` (placed and reconciled by `today`), `--set`
/// acts from now on. Without a what-if from today, the scenario as
/// prepared and `None`.
pub fn prepare(
    opts: &super::RunOptions,
    today: &Today,
) -> Result<(Scenario, Option<Placed>), Failure> {
    let whatif = super::prepare(opts)?;
    if !today.asked() {
        return Ok((whatif, None));
    }
    // The past keeps the run's settings (`--set scenario.start=...`); the
    // parameters set are the what-if.
    let past_opts = super::RunOptions {
        set: settings_only(&opts.set),
        ..opts.clone()
    };
    let past = super::prepare(&past_opts)?;
    let history = today.history(&past)?;
    match today.place(&past, history.as_ref())? {
        Some((placed, note)) => {
            let placed = Placed {
                past: placed.config,
                note,
            };
            Ok((placed.onto(whatif), Some(placed)))
        }
        None => Ok((whatif, None)),
    }
}

/// The `--set` assignments of the run's settings (`scenario.*`), which hold
/// for the past too.
pub fn settings_only(set: &[String]) -> Vec<String> {
    set.iter()
        .filter(|a| a.trim_start().starts_with("scenario."))
        .cloned()
        .collect()
}

/// Prints the note on standard error (the output stays clean for CSV and JSON).
pub fn tell(placed: Option<&Placed>, s: &Scenario) {
    if let Some(p) = placed {
        eprintln!("{}", p.note.line(&s.period_label));
    }
}
