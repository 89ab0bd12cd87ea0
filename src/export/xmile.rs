//! The model as an XMILE 1.0 file (the OASIS standard read by Stella, Vensim
//! and PySD): Euler, dt = 1, the scenario's horizon, every output column a
//! variable of the same name.

use std::fmt::Write as _;

use super::equations::{Kind, Variable, variables};
use super::schedule::{Refusal, Scenery};
use crate::scenario::Scenario;

/// XMILE 1.0's namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0";

/// The scenario as an XMILE 1.0 document, or why it cannot be exported exactly.
///
/// ```
/// let s = flywheel::scenario::resolve("balanced").unwrap();
/// let xml = flywheel::export::to_xmile(&s).unwrap();
/// assert!(xml.contains("<stock name=\"customers\">"));
/// ```
pub fn to_xmile(s: &Scenario) -> Result<String, Refusal> {
    let scenery = Scenery::of(s)?;
    Ok(render(s, &scenery, &variables(&scenery)))
}

fn render(s: &Scenario, sc: &Scenery, vars: &[Variable]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<xmile version=\"1.0\" xmlns=\"{NAMESPACE}\">");
    x.push_str("  <header>\n");
    let _ = writeln!(x, "    <name>{}</name>", escape(&s.name));
    if !s.description.trim().is_empty() {
        let _ = writeln!(x, "    <caption>{}</caption>", escape(s.description.trim()));
    }
    x.push_str("    <vendor>flywheel</vendor>\n");
    let _ = writeln!(
        x,
        "    <product version=\"{}\" lang=\"en\">flywheel</product>",
        env!("CARGO_PKG_VERSION")
    );
    x.push_str("  </header>\n");
    let _ = writeln!(
        x,
        "  <sim_specs method=\"Euler\" time_units=\"{}\">",
        escape(&sc.period)
    );
    x.push_str("    <start>0</start>\n");
    let _ = writeln!(x, "    <stop>{}</stop>", sc.horizon);
    x.push_str("    <dt>1</dt>\n");
    x.push_str("  </sim_specs>\n");
    x.push_str("  <model>\n");
    let _ = writeln!(
        x,
        "    <!-- From {}: row t of `flywheel run` holds the stocks at t and the flows computed at t. -->",
        comment(&s.source)
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
