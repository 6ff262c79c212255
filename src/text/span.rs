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

    /// Byte range of a 1-based line, without its line break (`\r\n` or
    /// `\n`).
    pub fn bounds(&self, line: usize, text: &str) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        (start.min(end), end)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
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

/// Line, column and char offset of many offsets in one text, each found
/// from the one asked for before: for offsets in rising order (the
/// findings of a letter) every char of the text is counted at most once,
/// however long its lines are.
pub struct LineCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The last offset asked for, its 0-based line and column, and the
    /// number of chars before it.
    at: (usize, usize, usize, usize),
}

impl<'a> LineCursor<'a> {
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        LineCursor {
            index,
            text,
            at: (0, 0, 0, 0),
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let (line, column, _) = self.locate(offset);
        (line, column)
    }

    /// 1-based line and column and 0-based char offset of a byte offset.
    /// An offset inside a char counts as the start of that char.
    pub fn locate(&mut self, offset: usize) -> (usize, usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (last, line, column, chars) = self.at;
        let count = |a: usize, b: usize| self.text[a..b].chars().count();
        let chars = if offset >= last {
            chars + count(last, offset)
        } else {
            chars - count(offset, last)
        };
        let new_line = self.index.line_of(offset) - 1;
        let column = if new_line == line {
            if offset >= last {
                column + count(last, offset)
            } else {
                column - count(offset, last)
            }
        } else {
            let start = self.index.starts[new_line];
            // Moving forward, the line starts after `last`: no char is
            // counted twice.
            count(start, offset)
        };
        self.at = (offset, new_line, column, chars);
        (new_line + 1, column + 1, chars)
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
        let offsets: Vec<usize> = (0..=text.len() + 2)
            .filter(|&o| o > text.len() || text.is_char_boundary(o))
            .collect();
        let mut cursor = LineCursor::new(&index, text);
        // Rising, falling and jumping back and forth.
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([3, 30, 2, 20, 19, 40].iter())
            .filter(|&&o| o > text.len() || text.is_char_boundary(o))
        {
            assert_eq!(cursor.line_col(o), index.line_col(text, o), "offset {o}");
            let chars = text[..o.min(text.len())].chars().count();
            assert_eq!(cursor.locate(o).2, chars, "offset {o}");
        }
    }
}
