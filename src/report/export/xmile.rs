//! The model as an XMILE 1.0 file (the OASIS standard read by Stella, Vensim,
//! PySD and Simlin): Euler with DT = 1/substeps, run to T + 1 so that the
//! last row's amounts are complete, units declared in `<model_units>`.
//!
//! How a reader's results line up with `flywheel run --format csv`: at an
//! integer TIME t, the stocks (`potential`, `customers`, ...), `reps`,
//! `market_size`, `insight_share` and `willingness_to_pay` are row t's
//! columns; the amount columns (`revenue`, `new_customers`, ...) are rates
//! per period in the model, and their per-period amounts are the stocks
//! `period_<column>` (and `period_conversion`), which at TIME t + 1 hold row
//! t's column.

use std::fmt::Write as _;

use super::equations::{Kind, Variable, variables};
use super::schedule::{Delay, Refusal, Scenery};
use crate::scenario::Scenario;

/// XMILE 1.0's namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0";

/// The scenario as an XMILE 1.0 document, or why it cannot be exported exactly.
///
/// ```
/// let s = flywheel::scenario::resolve("balanced").unwrap();
/// let xml = flywheel::report::export::to_xmile(&s).unwrap();
/// assert!(xml.contains("<stock name=\"customers\">"));
/// ```
pub fn to_xmile(s: &Scenario) -> Result<String, Refusal> {
    to_xmile_with(s, Delay::default())
}

/// Like [`to_xmile`], with the feedback latency exported as `delay` says.
pub fn to_xmile_with(s: &Scenario, delay: Delay) -> Result<String, Refusal> {
    let scenery = Scenery::of(s, delay)?;
    Ok(render(s, &scenery, &variables(&scenery)))
}

fn render(s: &Scenario, sc: &Scenery, vars: &[Variable]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<xmile version=\"1.0\" xmlns=\"{NAMESPACE}\">");
    x.push_str("  <header>\n");
    let _ = writeln!(x, "    <name>{}</name>", escape(&s.name));
    if !s.description.en().trim().is_empty() {
        let _ = writeln!(
            x,
            "    <caption>{}</caption>",
            escape(s.description.en().trim())
        );
    }
    x.push_str("    <vendor>flywheel</vendor>\n");
    let _ = writeln!(
        x,
        "    <product version=\"{}\" lang=\"en\">flywheel</product>",
        env!("CARGO_PKG_VERSION")
    );
    x.push_str("  </header>\n");
    x.push_str("  <model_units>\n");
    for unit in ["people", "reps", "dollars", "conversations"] {
        let _ = writeln!(x, "    <unit name=\"{unit}\"/>");
    }
    let _ = writeln!(x, "    <unit name=\"{}\"/>", escape(&sc.period));
    x.push_str("  </model_units>\n");
    let _ = writeln!(
        x,
        "  <sim_specs method=\"Euler\" time_units=\"{}\">",
        escape(&sc.period)
    );
    x.push_str("    <start>0</start>\n");
    let _ = writeln!(x, "    <stop>{}</stop>", u64::from(sc.horizon) + 1);
    let _ = writeln!(x, "    <dt>{}</dt>", super::equations::num(sc.dt()));
    x.push_str("  </sim_specs>\n");
    x.push_str("  <model>\n");
    let _ = writeln!(
        x,
        "    <!-- From {}, {} sub-steps per period. Row t of `flywheel run` holds the stocks at TIME t and the amounts over [t, t+1): here the stocks period_<column> at TIME t + 1 (the run goes to T + 1 for them). -->",
        comment(&s.source),
        sc.substeps
    );
    x.push_str("    <variables>\n");
    for v in vars {
        variable(&mut x, v);
    }
    x.push_str("    </variables>\n");
    x.push_str("  </model>\n");
    x.push_str("</xmile>\n");
    x
}

fn variable(x: &mut String, v: &Variable) {
    let tag = match v.kind {
        Kind::Stock { .. } => "stock",
        Kind::Flow => "flow",
        Kind::Aux => "aux",
    };
    let _ = writeln!(x, "      <{tag} name=\"{}\">", escape(&v.name));
    let _ = writeln!(x, "        <doc>{}</doc>", escape(&v.doc));
    let _ = writeln!(x, "        <eqn>{}</eqn>", escape(&v.eqn));
    if let Kind::Stock { inflows, outflows } = &v.kind {
        for f in inflows {
            let _ = writeln!(x, "        <inflow>{}</inflow>", escape(f));
        }
        for f in outflows {
            let _ = writeln!(x, "        <outflow>{}</outflow>", escape(f));
        }
    }
    let _ = writeln!(x, "        <units>{}</units>", escape(&v.units));
    let _ = writeln!(x, "      </{tag}>");
}

/// Text as XML character data or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside an XML comment: no `--`, no control characters, no trailing `-`.
fn comment(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    while out.contains("--") {
        out = out.replace("--", "- -");
    }
    if out.ends_with('-') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("a < b & \"c\" > 'd'"),
            "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(escape("bell\u{7}"), "bell ");
        assert_eq!(comment("a -- b-"), "a - - b- ");
    }
}
