//! What klarbrev reports about a letter: what the file is (path, format,
//! encoding, notes from reading it) and its analysis. The emitters write
//! these; they never read files themselves.

use crate::analysis::Analysis;
use crate::input::{InputError, Letter};
use crate::text::{Encoding, LineIndex};

/// One letter's analysis together with how it was read.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub encoding: Encoding,
    pub notes: Vec<String>,
    pub analysis: Analysis,
    pub lines: LineIndex,
}

impl FileReport {
    pub fn new(letter: Letter, analysis: Analysis) -> Self {
        let lines = LineIndex::new(&analysis.document.text);
        FileReport {
            path: letter.path,
            encoding: letter.encoding,
            notes: letter.notes,
            analysis,
            lines,
        }
    }

    /// The report of a text that was never read from a file (a request to
    /// the server, a benchmark): UTF-8, no notes.
    pub fn of_text(path: &str, analysis: Analysis) -> Self {
        let lines = LineIndex::new(&analysis.document.text);
        FileReport {
            path: path.to_string(),
            encoding: Encoding::Utf8,
            notes: Vec::new(),
            analysis,
            lines,
        }
    }

    /// The letter type the content rules used, if any.
    pub fn letter_type(&self) -> Option<&str> {
        self.analysis.letter_type.as_deref()
    }

    /// 1-based line and column of a byte offset in this letter. For many
    /// offsets in rising order use [`FileReport::cursor`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.analysis.document.text, offset)
    }

    /// A cursor that finds line and column of rising offsets without
    /// counting any line's chars twice.
    pub fn cursor(&self) -> crate::text::LineCursor<'_> {
        crate::text::LineCursor::new(&self.lines, &self.analysis.document.text)
    }
}

/// Everything a command reports at once (score, the server): the letters
/// in input order, then the inputs that could not be read. `check` streams
/// instead and never holds a library in memory.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub errors: Vec<InputError>,
}
