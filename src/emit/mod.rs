//! Output formats. Each format is its own small module that writes a
//! [`Report`] to any writer; commands choose the format and the writer.

pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

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
    /// The letter type, when `check` knows it.
    pub letter_type: Option<String>,
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
            letter_type: None,
        }
    }

    /// The report of a text that was never read from a file (a request to
    /// the server, a benchmark): UTF-8, no notes.
    pub fn of_text(path: &str, analysis: Analysis) -> Self {
        FileReport::new(
            Letter {
                path: path.to_string(),
                text: String::new(),
                format: analysis.document.format,
                encoding: Encoding::Utf8,
                notes: Vec::new(),
            },
            analysis,
        )
    }

    /// 1-based line and column of a byte offset in this letter.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.analysis.document.text, offset)
    }
}

/// Everything a command reports: the letters in input order, then the
/// inputs that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub errors: Vec<InputError>,
}

/// What an output format says about a rule (SARIF lists every rule it
/// reports with this).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule id findings carry, e.g. `kancellisprog/fremsende`.
    pub id: String,
    pub category: String,
    pub severity: crate::diagnostic::Severity,
    /// The rule's Danish message.
    pub message: String,
    /// A plain explanation, where the rule has one.
    pub explanation: Option<String>,
}

impl RuleInfo {
    /// The rules of a lexicon's switched-on entries.
    pub fn of_lexicon(lexicon: &crate::lexicon::Lexicon) -> Vec<RuleInfo> {
        lexicon
            .entries()
            .iter()
            .enumerate()
            .filter(|(i, _)| lexicon.is_enabled(*i))
            .map(|(_, e)| RuleInfo {
                id: e.rule(),
                category: e.category.to_string(),
                severity: e.severity,
                message: e.message.to_string(),
                explanation: e.explanation.as_deref().map(str::to_string),
            })
            .collect()
    }
}
