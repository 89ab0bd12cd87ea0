//! `flywheel init`: a scenario from what a growth lead knows, asked in the
//! terminal or given as flags.

use std::io::{self, BufRead, IsTerminal, Write};

use super::Failure;
use super::output::emit;
use crate::i18n::{Text, says, tr, trf};
use crate::scenario::init::{
    Answers, build, normalize, parse_amount, parse_duration, parse_per, parse_rate,
};

/// What `flywheel init` was given on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InitArgs {
    /// The company's name.
    #[arg(long)]
    pub name: Option<String>,
    /// The model's period: week, month, quarter or year.
    #[arg(long, value_name = "week|month|quarter|year")]
    pub period: Option<String>,
    /// Customers now.
    #[arg(long, value_name = "N")]
    pub customers: Option<String>,
    /// How many could buy it (the addressable market).
    #[arg(long, value_name = "N")]
    pub market: Option<String>,
    /// The price per customer, such as 1500/month or 18000/year.
    #[arg(long, value_name = "AMOUNT/PERIOD")]
    pub price: Option<String>,
    /// The share of customers lost, such as 1.5%/month or 15%/year.
    #[arg(long, value_name = "SHARE/PERIOD")]
    pub churn: Option<String>,
    /// Sales reps now.
    #[arg(long, value_name = "N")]
    pub reps: Option<String>,
    /// The cost of one rep, such as 10000/month or 120k/year.
    #[arg(long, value_name = "AMOUNT/PERIOD")]
    pub rep_cost: Option<String>,
    /// People in the product team.
    #[arg(long, value_name = "N")]
    pub team: Option<String>,
    /// The cost of one person in the product team, such as 150k/year.
    #[arg(long, value_name = "AMOUNT/PERIOD")]
    pub team_cost: Option<String>,
    /// The share of revenue spent on sales and marketing, such as 12%: the
    /// sales team grows with the business.
    #[arg(long, value_name = "PERCENT")]
    pub sales_share: Option<String>,
    /// The share of revenue spent on R&D, such as 15%: the product team
    /// grows with the business.
    #[arg(long, value_name = "PERCENT")]
    pub rd_share: Option<String>,
    /// How often feedback reaches product, such as monthly or 2 weeks.
    #[arg(long, value_name = "DURATION")]
    pub feedback_every: Option<String>,
    /// Cash in the bank.
    #[arg(long, value_name = "AMOUNT")]
    pub cash: Option<String>,
    /// How far to look ahead, such as 3 years (default 3 years).
    #[arg(long, value_name = "DURATION")]
    pub horizon: Option<String>,
    /// Ask nothing: what is not given stays at a default.
    #[arg(long)]
    pub yes: bool,
}

type Reader<'a> = &'a mut dyn FnMut(&str) -> io::Result<Option<String>>;

/// One answer: the flag, else (when asking) the terminal, re-asked until it reads.
fn answer<T>(
    flag: &Option<String>,
    key: &str,
    question: &str,
    ask: Option<Reader<'_>>,
    parse: impl Fn(&str) -> Result<T, Text>,
) -> Result<Option<T>, Failure> {
    if let Some(text) = flag {
        return parse(text)
            .map(Some)
            .map_err(|e| Failure::Invalid(trf("--{} {}: {}", &[&key, &text, &e])));
    }
    let Some(ask) = ask else {
        return Ok(None);
    };
    loop {
        let Some(line) = ask(question)? else {
            return Ok(None);
        };
        if line.trim().is_empty() {
            return Ok(None);
        }
        match parse(&line) {
            Ok(v) => return Ok(Some(v)),
            Err(e) => eprintln!(
                "  {}",
                trf("{}; try again, or leave it empty to skip", &[&e])
            ),
        }
    }
}

/// Gathers the answers: flags first, then questions when `ask` is given.
pub fn gather(args: &InitArgs, mut ask: Option<Reader<'_>>) -> Result<Answers, Failure> {
    let count = |t: &str| {
        parse_amount(t).and_then(|v| {
            if v >= 0.0 {
                Ok(v)
            } else {
                Err(says("{} is negative", &[&v]))
            }
        })
    };
    let text = |t: &str| Ok::<String, Text>(t.trim().to_string());
    let share = |t: &str| {
        let t = normalize(t);
        let t = t.as_str();
        let v = t
            .strip_suffix('%')
            .and_then(|n| parse_amount(n).ok())
            .ok_or_else(|| {
                says(
                    "\"{}\": write a share of revenue as a percentage, such as 12%",
                    &[&t],
                )
            })?;
        if (0.0..=100.0).contains(&v) {
            Ok(v / 100.0)
        } else {
            Err(says("\"{}\": a share of revenue is 0% to 100%", &[&t]))
        }
    };
    // `month`, `months`, `monthly`, `月`, `每月`, `週`, `周`: a day is too short.
    let period = |t: &str| match crate::scenario::init::period_of(&normalize(t)) {
        Some(p @ ("week" | "month" | "quarter" | "year")) => Ok(p.to_string()),
        _ => Err(says(
            "\"{}\": the model's period is week, month, quarter or year",
            &[&t.trim()],
        )),
    };
    macro_rules! q {
        ($flag:expr, $key:literal, $question:expr, $parse:expr) => {
            answer(
                &$flag,
                $key,
                $question,
                ask.as_mut().map(|a| &mut **a as Reader<'_>),
                $parse,
            )?
        };
    }
    Ok(Answers {
        name: q!(args.name, "name", tr("Company name"), text),
        period: q!(
            args.period,
            "period",
            tr("Model period: week, month, quarter or year [month]"),
            period
        ),
        customers: q!(args.customers, "customers", tr("Customers now"), count),
        market: q!(
            args.market,
            "market",
            tr("How many businesses or people could buy it"),
            count
        ),
        price: q!(
            args.price,
            "price",
            tr("Price per customer (1500/month, 18000/year)"),
            parse_per
        ),
        churn: q!(
            args.churn,
            "churn",
            tr("Customers lost (1.5%/month, 15%/year)"),
            parse_rate
        ),
        reps: q!(args.reps, "reps", tr("Sales reps now"), count),
        rep_cost: q!(
            args.rep_cost,
            "rep-cost",
            tr("Cost of one rep (10000/month, 120k/year)"),
            parse_per
        ),
        team: q!(args.team, "team", tr("People in the product team"), count),
        team_cost: q!(
            args.team_cost,
            "team-cost",
            tr("Cost of one of them (150k/year)"),
            parse_per
        ),
        sales_share: q!(
            args.sales_share,
            "sales-share",
            tr(
                "Share of revenue spent on sales and marketing (12%), if the team grows with revenue"
            ),
            share
        ),
        rd_share: q!(
            args.rd_share,
            "rd-share",
            tr("Share of revenue spent on R&D (15%), if the team grows with revenue"),
            share
        ),
        feedback_every: q!(
            args.feedback_every,
            "feedback-every",
            tr("How often customer feedback reaches product (monthly, 2 weeks)"),
            parse_duration
        ),
        cash: q!(args.cash, "cash", tr("Cash in the bank"), |t: &str| {
            parse_amount(t)
        }),
        horizon: q!(
            args.horizon,
            "horizon",
            tr("How far to look ahead [3 years]"),
            parse_duration
        ),
    })
}

/// `flywheel init`.
pub fn init_cmd(
    args: &InitArgs,
    out: Option<&std::path::Path>,
    force: bool,
) -> Result<(), Failure> {
    let interactive = !args.yes && io::stdin().is_terminal();
    let answers = if interactive {
        eprintln!(
            "{}",
            tr("Describe the company in your own terms; leave an answer empty to keep a default.")
        );
        let stdin = io::stdin();
        let mut lines = stdin.lock().lines();
        let mut ask = |q: &str| -> io::Result<Option<String>> {
            eprint!("{q}: ");
            io::stderr().flush()?;
            lines.next().transpose()
        };
        gather(args, Some(&mut ask))?
    } else {
        gather(args, None)?
    };
    let (_, text) = build(&answers).map_err(|e| Failure::Invalid(e.to_string()))?;
    emit(out, force, |w| w.write_all(text.as_bytes()))?;
    if let Some(p) = out {
        eprintln!(
            "{}",
            trf(
                "wrote {}; try `flywheel tui {}`",
                &[&p.display(), &p.display()]
            )
        );
    }
    Ok(())
}
