//! Progress bars for long commands: shown when stderr is a terminal, silent otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar over `total` steps, hidden unless stderr is a terminal.
pub fn bar(total: usize, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(total as u64);
    let left = crate::i18n::trf("{} left", &[&"{eta}"]);
    let style = ProgressStyle::with_template(&format!(
        "{{msg:>12}} [{{bar:40}}] {{pos}}/{{len}} ({left})"
    ))
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style);
    pb.set_message(what.to_string());
    pb
}
