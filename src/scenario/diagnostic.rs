//! Located, actionable error messages for scenario input.

use std::fmt;

use crate::i18n::{Text, says};

/// One problem in a scenario: where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name, `preset:NAME`, or `--set`.
    pub file: String,
    /// 1-based line (0 where the problem has no place in the file).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and how to fix it, worded in the reader's language
    /// when shown.
    pub message: Text,
    /// The offending line of the file, where there is one.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with no place in a file (an unreadable file, a bad `--set`).
    pub fn general(file: impl Into<String>, message: impl Into<Text>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
        }
    }

    /// `file:line:column: message`, the one-line form.
    pub fn headline(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file, self.message)
        } else {
            format!(
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// The widest source line shown whole, in characters; a longer one is shown
/// as a window of about this width around the column.
pub const SOURCE_WIDTH: usize = 100;

/// The part of `src` shown for a problem at 1-based `column`, and the
/// column within it: the whole line when it fits in [`SOURCE_WIDTH`],
/// else a window around the column with `…` where the line is cut.
pub fn source_window(src: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = src.chars().collect();
    if chars.len() <= SOURCE_WIDTH {
        return (src.to_string(), column);
    }
    let at = column.saturating_sub(1).min(chars.len());
    let before = SOURCE_WIDTH / 3;
    let start = at.saturating_sub(before);
    let end = (start + SOURCE_WIDTH).min(chars.len());
    let start = end.saturating_sub(SOURCE_WIDTH).min(start);
    let mut shown = String::new();
    let mut col = at - start + 1;
    if start > 0 {
        shown.push('…');
        col += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(src) = &self.source_line {
            let (shown, column) = source_window(src, self.column);
            let pad = " ".repeat(self.line.to_string().len());
            let caret_pad: String = shown
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} |\n{} | {shown}\n{pad} | {caret_pad}^",
                self.line
            )?;
        }
        Ok(())
    }
}

/// Every problem found in one input, reported together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// A parameter in a message is its key.
impl crate::i18n::Arg for crate::model::ParamId {
    fn arg(&self) -> Text {
        Text::Plain(self.to_string())
    }
}

/// Whether a message is one of [`cross_field_text`]'s (a rule between two
/// parameters).
pub(super) fn is_cross_field(msg: &Text) -> bool {
    let rule =
        |e| matches!((msg, cross_field_text(&e)), (Text::Says(a, _), Text::Says(b, _)) if *a == b);
    use crate::model::CrossField;
    rule(CrossField::SharesOverOne {
        rd_share: 0.0,
        sales_share: 0.0,
    }) || rule(CrossField::CustomersOverMarket {
        customers: 0.0,
        market: 0.0,
    })
}

/// A broken rule between two parameters, in the reader's words.
pub fn cross_field_text(e: &crate::model::CrossField) -> Text {
    use crate::model::{CrossField, fmt_num};
    match *e {
        CrossField::SharesOverOne {
            rd_share,
            sales_share,
        } => says(
            "product.rd_share + sales.sales_share must be at most 1, but they add up to {} ({} + {}); lower one of them",
            &[
                &fmt_num(rd_share + sales_share),
                &fmt_num(rd_share),
                &fmt_num(sales_share),
            ],
        ),
        CrossField::CustomersOverMarket { customers, market } => says(
            "market.initial_customers ({}) must be at most market.size ({})",
            &[&fmt_num(customers), &fmt_num(market)],
        ),
    }
}

/// Every broken rule between two parameters of `p`, with the parameter it
/// is reported at, in the reader's words.
pub fn cross_field_messages(p: &crate::model::Params) -> Vec<(crate::model::ParamId, Text)> {
    p.cross_field_errors()
        .iter()
        .map(|(id, e)| (*id, cross_field_text(e)))
        .collect()
}
