//! Turning byte offsets into `line:column` and the text of the line.

use super::Diagnostic;

/// A file's text with its line starts, for locating byte offsets.
pub struct SourceMap<'a> {
    file: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    /// Indexes `text`, named `file` in messages.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap {
            file,
            text,
            line_starts,
        }
    }

    /// The file's name.
    pub fn file(&self) -> &str {
        self.file
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, col)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// A diagnostic at a byte offset, with the offending line.
    pub fn at(&self, offset: usize, message: impl Into<crate::i18n::Text>) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
            source_line: Some(self.line_text(line).to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_in_characters() {
        let src = SourceMap::new("f.toml", "a = 1\nname = \"飞轮\" x\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(6), (2, 1));
        let x = "a = 1\nname = \"飞轮\" ".len();
        assert_eq!(src.line_col(x), (2, 13));
        assert_eq!(src.line_text(2), "name = \"飞轮\" x");
    }
}
