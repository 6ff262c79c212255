//! The JSON format: one object with `version`, `files` and `errors`, each
//! letter written as soon as it is done. Field names are a contract (see
//! the README); fields may be added, never renamed or moved.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, FileReport, Report};
use crate::diagnostic::Finding;
use crate::input::InputError;
use crate::metrics::{Band, SentenceRef};
use crate::text::LineCursor;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

/// One letter as JSON without its findings, which `write_file` adds as
/// the last field.
#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    format: &'static str,
    encoding: &'static str,
    notes: &'a [String],
    metadata: Option<&'a serde_json::Value>,
    /// The letter type `check` found (front matter, config or cues).
    #[serde(skip_serializing_if = "Option::is_none")]
    letter_type: Option<&'a str>,
    metrics: JsonMetrics,
    long_sentences: Vec<JsonSentence>,
    sentences: Vec<JsonSentenceBrief>,
}

#[derive(Serialize)]
struct JsonMetrics {
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
    findings_by_category: BTreeMap<String, usize>,
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

/// The JSON object of one letter, as one entry of `files`.
///
/// Everything but the findings goes through serde. The findings – hundreds
/// in a stiff letter, most of the bytes – are written directly, byte for
/// byte as serde would write them (the tests compare the two).
pub fn write_file(out: &mut Vec<u8>, report: &FileReport) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &head(report))?;
    // The head is an object: take off its closing brace and go on.
    if out.pop() != Some(b'}') {
        return Err(io::Error::other("JSON-hovedet sluttede ikke med }"));
    }
    out.extend_from_slice(b",\"findings\":[");
    let mut cursor = LineCursor::new(&report.lines, &report.analysis.document.text);
    for (i, f) in report.analysis.findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_finding(out, &mut cursor, f);
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

fn write_finding(out: &mut Vec<u8>, lines: &mut LineCursor, f: &Finding) {
    let (line, column) = lines.line_col(f.span.start);
    out.extend_from_slice(b"{\"rule\":");
    write_str(out, &f.rule);
    out.extend_from_slice(b",\"category\":");
    write_str(out, &f.category);
    out.extend_from_slice(b",\"severity\":");
    write_str(out, f.severity.id());
    out.extend_from_slice(b",\"message\":");
    write_str(out, &f.message);
    out.extend_from_slice(b",\"explanation\":");
    match &f.explanation {
        Some(e) => write_str(out, e),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"span\":{\"start\":");
    write_uint(out, f.span.start);
    out.extend_from_slice(b",\"end\":");
    write_uint(out, f.span.end);
    out.extend_from_slice(b",\"line\":");
    write_uint(out, line);
    out.extend_from_slice(b",\"column\":");
    write_uint(out, column);
    out.extend_from_slice(b"},\"matched\":");
    write_str(out, &f.matched);
    out.extend_from_slice(b",\"fixes\":[");
    for (i, x) in f.fixes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"replacement\":");
        write_str(out, &x.replacement);
        out.extend_from_slice(b",\"applicability\":");
        write_str(out, x.applicability.id());
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

fn write_uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms
/// of control characters where JSON has one, `\u00XX` for the others.
fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs an escape.
        if let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            if !word_needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[from..i - 1]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
        from = i;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Whether any of eight bytes is a control character, `"` or `\\`: the
/// usual tests for a zero byte and a byte below a bound, on a whole word
/// (exact as yes/no, which is all that is asked).
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q & HIGH;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b & HIGH;
    below_space | quote | backslash != 0
}

fn head(report: &FileReport) -> JsonFile<'_> {
    let a = &report.analysis;
    let m = &a.metrics;
    let mut cursor = report.cursor();
    JsonFile {
        path: &report.path,
        format: a.document.format.name(),
        encoding: report.encoding.name(),
        notes: &report.notes,
        metadata: a.document.metadata.as_ref(),
        letter_type: report.letter_type(),
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
            findings_by_category: a.findings_by_category(),
            findings_per_100_words: a.findings_per_100_words(),
        },
        long_sentences: m
            .long_sentences
            .iter()
            .map(|s| {
                let (line, column) = cursor.line_col(s.start);
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
    }
}

/// The JSON emitter.
#[derive(Default)]
pub struct Json {
    files: usize,
    buf: Vec<u8>,
}

impl Emitter for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\"version\":{VERSION},\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.buf.clear();
        if self.files > 0 {
            self.buf.push(b',');
        }
        self.files += 1;
        write_file(&mut self.buf, file)?;
        out.write_all(&self.buf)
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        out.write_all(b"],\"errors\":")?;
        let errors: Vec<JsonError> = errors
            .iter()
            .map(|e| JsonError {
                path: &e.path,
                message: &e.message,
            })
            .collect();
        serde_json::to_writer(&mut *out, &errors)?;
        out.write_all(b"}\n")
    }
}

/// Writes the whole report as one JSON document followed by a newline:
/// `{"version":…,"files":[…],"errors":[…]}`.
pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    super::write_report(&mut Json::default(), out, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::diagnostic::{Applicability, Severity};
    use crate::input::Letter;
    use crate::rules::{Registry, Settings};
    use crate::text::{Document, Encoding, Format};
    use proptest::prelude::*;

    /// The findings as serde writes them: what `write_finding` must match.
    #[derive(Serialize)]
    struct SerdeFile<'a> {
        #[serde(flatten)]
        head: JsonFile<'a>,
        findings: Vec<SerdeFinding<'a>>,
    }

    #[derive(Serialize)]
    struct SerdeFinding<'a> {
        rule: &'a str,
        category: &'a str,
        severity: Severity,
        message: &'a str,
        explanation: Option<&'a str>,
        span: SerdeSpan,
        matched: &'a str,
        fixes: Vec<SerdeFix<'a>>,
    }

    #[derive(Serialize)]
    struct SerdeSpan {
        start: usize,
        end: usize,
        line: usize,
        column: usize,
    }

    #[derive(Serialize)]
    struct SerdeFix<'a> {
        replacement: &'a str,
        applicability: Applicability,
    }

    fn by_serde(report: &FileReport) -> Vec<u8> {
        let findings = report
            .analysis
            .findings
            .iter()
            .map(|f| {
                let (line, column) = report.line_col(f.span.start);
                SerdeFinding {
                    rule: &f.rule,
                    category: &f.category,
                    severity: f.severity,
                    message: &f.message,
                    explanation: f.explanation.as_deref(),
                    span: SerdeSpan {
                        start: f.span.start,
                        end: f.span.end,
                        line,
                        column,
                    },
                    matched: &f.matched,
                    fixes: f
                        .fixes
                        .iter()
                        .map(|x| SerdeFix {
                            replacement: &x.replacement,
                            applicability: x.applicability,
                        })
                        .collect(),
                }
            })
            .collect();
        serde_json::to_vec(&SerdeFile {
            head: head(report),
            findings,
        })
        .expect("serde")
    }

    fn report(text: &str, max_lix: Option<f64>) -> FileReport {
        let settings = Settings {
            lix_max: max_lix,
            ..Settings::default()
        };
        let doc = Document::parse(text.to_string(), Format::Txt).expect("document");
        let letter = Letter {
            path: "mappe/\"brev\"\t.txt".into(),
            text: String::new(),
            format: Format::Txt,
            encoding: Encoding::Utf8,
            notes: vec!["en note med \\ og \u{1}".into()],
        };
        FileReport::new(letter, analyse(doc, Registry::embedded(), &settings))
    }

    fn direct(report: &FileReport) -> Vec<u8> {
        let mut out = Vec::new();
        write_file(&mut out, report).expect("write");
        out
    }

    #[test]
    fn findings_are_written_as_serde_writes_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut letters = 0;
        for entry in std::fs::read_dir(dir).expect("examples") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("example letter");
            let r = report(&text, Some(20.0));
            assert!(r.analysis.findings.len() > 10, "{}", path.display());
            assert!(
                r.analysis.findings.iter().any(|f| !f.fixes.is_empty())
                    && r.analysis.findings.iter().any(|f| f.explanation.is_some())
            );
            assert_eq!(
                String::from_utf8(direct(&r)),
                String::from_utf8(by_serde(&r))
            );
            letters += 1;
        }
        assert!(letters >= 5);
    }

    #[test]
    fn awkward_matched_text_is_escaped_like_serde() {
        // A tab inside a multi-word form, quotes and a backslash nearby,
        // capitals that are copied into the fix, and no findings at all.
        for text in [
            "Vi skriver i\thenhold til »loven« og \"Deres\" sag\\ HERMED.",
            "Endvidere\u{7f} bedes De \u{1b}fremsende papirerne.",
            "",
        ] {
            let r = report(text, Some(0.0));
            assert_eq!(direct(&r), by_serde(&r));
        }
    }

    #[test]
    fn the_whole_report_is_one_json_document() {
        let r = report("Vi fremsender hermed afgørelsen.", None);
        let report = Report {
            files: vec![r],
            errors: vec![crate::input::InputError {
                path: "væk.txt".into(),
                message: "findes ikke".into(),
            }],
        };
        let mut out = Vec::new();
        write(&mut out, &report).expect("write");
        assert_eq!(out.last(), Some(&b'\n'));
        let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        assert_eq!(v["version"], VERSION);
        assert_eq!(
            v["files"][0]["findings"][0]["rule"],
            "kancellisprog/fremsende"
        );
        assert_eq!(v["errors"][0]["path"], "væk.txt");
    }

    #[test]
    fn the_word_test_sees_every_byte_that_needs_an_escape() {
        for byte in 0..=255u8 {
            let needs = byte < 0x20 || byte == b'"' || byte == b'\\';
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = byte;
                // Also next to bytes that could hide it: high bytes, and
                // the neighbours of the bounds.
                let mut mixed = [0xC3, 0x1F + 1, b'"' + 1, 0xFF, b'\\' - 1, 0x80, b'z', 0xA5];
                mixed[at] = byte;
                for w in [word, mixed] {
                    let expected = needs || w.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(word_needs_escape(u64::from_le_bytes(w)), expected, "{w:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn strings_are_escaped_like_serde(s in "\\PC*|[\\x00-\\x7f]*") {
            let mut out = Vec::new();
            write_str(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).expect("utf-8"), serde_json::to_string(&s).expect("serde"));
        }
    }
}
