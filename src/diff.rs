//! Differences between two versions of a letter: a word-level diff (the
//! words deleted and inserted), a unified patch that `git apply` accepts,
//! and the before → after comparison of readability, findings and facts.

use std::collections::BTreeMap;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::analysis::Analysis;
use crate::facts::{self, Comparison};
use crate::text::Span;

/// What happened to a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// One stretch of the word diff: its text and where it is in the old and
/// the new text (an insertion has an empty old span at its position, a
/// deletion an empty new span).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub op: Op,
    pub old: Span,
    pub new: Span,
    pub text: String,
}

/// The word diff of two texts; neighbouring changes of one kind are merged.
pub fn words(old: &str, new: &str) -> Vec<Chunk> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    let mut chunks: Vec<Chunk> = Vec::new();
    let (mut o, mut n) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        let text = change.value();
        let len = text.len();
        let (op, old_span, new_span) = match change.tag() {
            ChangeTag::Equal => {
                let r = (Op::Equal, Span::new(o, o + len), Span::new(n, n + len));
                o += len;
                n += len;
                r
            }
            ChangeTag::Delete => {
                let r = (Op::Delete, Span::new(o, o + len), Span::new(n, n));
                o += len;
                r
            }
            ChangeTag::Insert => {
                let r = (Op::Insert, Span::new(o, o), Span::new(n, n + len));
                n += len;
                r
            }
        };
        match chunks.last_mut() {
            Some(last) if last.op == op => {
                last.old.end = old_span.end;
                last.new.end = new_span.end;
                last.text.push_str(text);
            }
            _ => chunks.push(Chunk {
                op,
                old: old_span,
                new: new_span,
                text: text.to_string(),
            }),
        }
    }
    chunks
}

/// A unified diff (three lines of context) that turns `old` into `new`
/// when applied to the file at `path` (`git apply`, `patch -p1`).
pub fn unified(old: &str, new: &str, path: &str) -> String {
    let path = path.trim_start_matches("./");
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Readability, findings and facts before and after.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub before: Side,
    pub after: Side,
    pub facts: Comparison,
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub lix: Option<f64>,
    pub words: usize,
    pub sentences: usize,
    pub findings: usize,
    pub findings_by_category: BTreeMap<String, usize>,
}

impl Side {
    fn of(a: &Analysis) -> Side {
        Side {
            lix: a.metrics.lix,
            words: a.metrics.words,
            sentences: a.metrics.sentences,
            findings: a.findings.len(),
            findings_by_category: a.findings_by_category(),
        }
    }
}

/// Readability, findings and facts of two analysed letters.
pub fn summary(before: &Analysis, after: &Analysis) -> Summary {
    Summary {
        before: Side::of(before),
        after: Side::of(after),
        facts: facts::compare(before.facts(), after.facts()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_deleted_and_inserted_words_with_spans() {
        let old = "Vi fremsender hermed brevet.";
        let new = "Vi sender brevet.";
        let chunks = words(old, new);
        let ops: Vec<(Op, &str)> = chunks.iter().map(|c| (c.op, c.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (Op::Equal, "Vi "),
                (Op::Delete, "fremsender hermed"),
                (Op::Insert, "sender"),
                (Op::Equal, " brevet."),
            ]
        );
        for c in &chunks {
            match c.op {
                Op::Delete => assert_eq!(&old[c.old.start..c.old.end], c.text),
                Op::Insert => assert_eq!(&new[c.new.start..c.new.end], c.text),
                Op::Equal => {
                    assert_eq!(&old[c.old.start..c.old.end], c.text);
                    assert_eq!(&new[c.new.start..c.new.end], c.text);
                }
            }
        }
    }

    #[test]
    fn unified_diff_names_the_file() {
        let patch = unified("a\nb\n", "a\nc\n", "./breve/x.txt");
        assert!(
            patch.starts_with("--- a/breve/x.txt\n+++ b/breve/x.txt\n@@"),
            "{patch}"
        );
        assert!(patch.contains("-b\n+c\n"));
    }
}
