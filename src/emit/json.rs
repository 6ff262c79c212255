//! The JSON format: one object with `version`, `files` and `errors`. Field
//! names are a contract (see the README); fields may be added, never renamed
//! or moved.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Report};
use crate::diagnostic::{Applicability, Severity};
use crate::metrics::{Band, SentenceRef};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

/// One letter as JSON: the object that is one entry of `files`.
#[derive(Serialize)]
pub struct JsonFile<'a> {
    path: &'a str,
    format: &'static str,
    encoding: &'static str,
    notes: &'a [String],
    metadata: Option<&'a serde_json::Value>,
    /// The letter type `check` found (front matter, config or cues).
    #[serde(skip_serializing_if = "Option::is_none")]
    letter_type: Option<&'a str>,
    metrics: JsonMetrics<'a>,
    long_sentences: Vec<JsonSentence>,
    sentences: Vec<JsonSentenceBrief>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonMetrics<'a> {
    words: usize,
    sentences: usize,
    long_words: usize,
    lix: Option<f64>,
    lix_band: Option<Band>,
    avg_sentence_words: Option<f64>,
    max_sentence_words: u32,
    long_word_share: Option<f64>,
    paragraphs: usize,
    longest_sentence: Option<SentenceRef>,
    findings_by_category: &'a BTreeMap<String, usize>,
    findings_per_100_words: Option<f64>,
}

#[derive(Serialize)]
struct JsonSentenceBrief {
    start: usize,
    end: usize,
    words: u32,
}

#[derive(Serialize)]
struct JsonSentence {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    words: u32,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    category: &'a str,
    severity: Severity,
    message: &'a str,
    explanation: Option<&'a str>,
    span: JsonSpan,
    matched: &'a str,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    replacement: &'a str,
    applicability: Applicability,
}

/// The JSON object of one letter.
pub fn file(report: &FileReport) -> JsonFile<'_> {
    let a = &report.analysis;
    let m = &a.metrics;
    JsonFile {
        path: &report.path,
        format: a.document.format.name(),
        encoding: report.encoding.name(),
        notes: &report.notes,
        metadata: a.document.metadata.as_ref(),
        letter_type: report.letter_type.as_deref(),
        metrics: JsonMetrics {
            words: m.words,
            sentences: m.sentences,
            long_words: m.long_words,
            lix: m.lix,
            lix_band: m.lix_band,
            avg_sentence_words: m.avg_sentence_words,
            max_sentence_words: m.max_sentence_words,
            long_word_share: m.long_word_share,
            paragraphs: m.paragraphs,
            longest_sentence: m.longest_sentence,
            findings_by_category: &m.findings_by_category,
            findings_per_100_words: m.findings_per_100_words,
        },
        long_sentences: m
            .long_sentences
            .iter()
            .map(|s| {
                let (line, column) = report.line_col(s.start);
                JsonSentence {
                    start: s.start,
                    end: s.end,
                    line,
                    column,
                    words: s.words,
                }
            })
            .collect(),
        sentences: a
            .segmentation
            .sentences
            .iter()
            .map(|s| JsonSentenceBrief {
                start: s.span.start,
                end: s.span.end,
                words: s.words,
            })
            .collect(),
        findings: a
            .findings
            .iter()
            .map(|f| {
                let (line, column) = report.line_col(f.span.start);
                JsonFinding {
                    rule: &f.rule,
                    category: &f.category,
                    severity: f.severity,
                    message: &f.message,
                    explanation: f.explanation.as_deref(),
                    span: JsonSpan {
                        start: f.span.start,
                        end: f.span.end,
                        line,
                        column,
                    },
                    matched: &f.matched,
                    fixes: f
                        .fixes
                        .iter()
                        .map(|x| JsonFix {
                            replacement: &x.replacement,
                            applicability: x.applicability,
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// Writes the whole report as one JSON document followed by a newline.
pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let json = JsonReport {
        version: VERSION,
        files: report.files.iter().map(file).collect(),
        errors: report
            .errors
            .iter()
            .map(|e| JsonError {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}
