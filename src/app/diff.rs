//! Diffing two versions of a letter, with the fact gate's verdict, and the
//! JSON answer that `klarbrev diff --format json` and `POST /api/diff`
//! both give.

use serde::Serialize;

use super::{Allow, Gate, JSON_VERSION, gate};
use crate::analysis::Analysis;
use crate::diff::{Chunk, Summary, summary, words};

/// Two analysed versions compared.
#[derive(Debug, Clone)]
pub struct Diffed {
    /// The word diff of the two texts.
    pub ops: Vec<Chunk>,
    pub summary: Summary,
    /// Refused if the new version lost or changed a fact of the old one.
    pub gate: Gate,
}

/// Compares two analysed versions of a letter: words, readability,
/// findings and facts.
pub fn diff(old: &Analysis, new: &Analysis, allow: &Allow) -> Diffed {
    let summary = summary(old, new);
    Diffed {
        ops: words(&old.document.text, &new.document.text),
        gate: gate(&summary.facts, &new.document.text, allow),
        summary,
    }
}

impl Diffed {
    /// The JSON answer; `old` and `new` name the files where there are
    /// files (the server's texts have none).
    pub fn response<'a>(&'a self, old: Option<&'a str>, new: Option<&'a str>) -> DiffResponse<'a> {
        DiffResponse {
            version: JSON_VERSION,
            old,
            new,
            ops: &self.ops,
            summary: &self.summary,
            gate: self.gate,
        }
    }
}

/// The JSON answer of a diff.
#[derive(Debug, Serialize)]
pub struct DiffResponse<'a> {
    pub version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<&'a str>,
    pub ops: &'a [Chunk],
    pub summary: &'a Summary,
    pub gate: Gate,
}
