//! Byte spans into the decoded text, and the line index that turns them into
//! line and column numbers. Positions are kept as byte offsets everywhere in
//! the library; line and column are derived only when something is printed,
//! so a span never goes stale when the display changes.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's decoded text.
/// Both ends always lie on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Line starts of a text, for converting byte offsets to 1-based line and
/// column numbers. A line ends at `\n`; a `\r` before it belongs to no
/// column, so CRLF and LF files report the same positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (counted in chars) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, column + 1)
    }
}

fn memchr_iter(needle: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
    haystack
        .iter()
        .enumerate()
        .filter_map(move |(i, &b)| (b == needle).then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_chars_not_bytes() {
        let text = "Kære Søren\nÆble på vej\r\nslut";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        let p = text.find("Søren").unwrap();
        assert_eq!(index.line_col(text, p), (1, 6));
        let p = text.find("på").unwrap();
        assert_eq!(index.line_col(text, p), (2, 6));
        let p = text.find("slut").unwrap();
        assert_eq!(index.line_col(text, p), (3, 1));
        assert_eq!(index.line_col(text, text.len()), (3, 5));
    }
}
