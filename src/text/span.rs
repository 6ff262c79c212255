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
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
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

/// Line and column of offsets asked for in rising order, as `LineIndex`
/// gives them, counting each line's chars only once instead of from the
/// line's start for every offset.
pub struct LineCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The last offset asked for, its 0-based line and column.
    at: Option<(usize, usize, usize)>,
}

impl<'a> LineCursor<'a> {
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        LineCursor {
            index,
            text,
            at: None,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if let Some((last, line, column)) = self.at {
            let next_line = self.index.starts.get(line + 1).copied();
            if offset >= last && next_line.is_none_or(|n| offset < n) {
                if let Some(between) = self.text.get(last..offset) {
                    let column = column + between.chars().count();
                    self.at = Some((offset, line, column));
                    return (line + 1, column + 1);
                }
            }
        }
        let (line, column) = self.index.line_col(self.text, offset);
        self.at = Some((offset, line - 1, column - 1));
        (line, column)
    }
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

    #[test]
    fn the_cursor_agrees_with_the_index_in_any_order() {
        let text = "Kære Søren\nÆble på vej\r\n\nslut på 😀 linjen";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2).collect();
        let mut cursor = LineCursor::new(&index, text);
        // Rising, falling and jumping back and forth; offsets inside a
        // char fall back to the index.
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([3, 30, 2, 20, 19, 40].iter())
        {
            assert_eq!(cursor.line_col(o), index.line_col(text, o), "offset {o}");
        }
    }
}
