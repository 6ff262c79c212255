//! Showing a diff: the words deleted and inserted, then a table of
//! readability, findings and facts before → after.

use std::io::{self, Write};

use super::human::Style;
use crate::diff::{Chunk, Op, Summary};
use crate::facts::Fact;
use crate::fmt::decimal;
use crate::text::LineIndex;

/// The word diff: deletions as `[-…-]` and insertions as `{+…+}`, or in
/// red and green on a terminal.
pub fn write_words(out: &mut dyn Write, chunks: &[Chunk], style: Style) -> io::Result<()> {
    for c in chunks {
        match (c.op, style.color) {
            (Op::Equal, _) => write!(out, "{}", c.text)?,
            (Op::Delete, true) => write!(out, "\x1b[31;9m{}\x1b[0m", c.text)?,
            (Op::Insert, true) => write!(out, "\x1b[32;4m{}\x1b[0m", c.text)?,
            (Op::Delete, false) => write!(out, "[-{}-]", c.text)?,
            (Op::Insert, false) => write!(out, "{{+{}+}}", c.text)?,
        }
    }
    if !chunks.last().is_some_and(|c| c.text.ends_with('\n')) {
        writeln!(out)?;
    }
    Ok(())
}

/// The before → after table and the facts that were lost or added.
/// `old_text` is the text the lost facts are located in.
pub fn write_summary(
    out: &mut dyn Write,
    s: &Summary,
    old_text: &str,
    new_text: &str,
) -> io::Result<()> {
    let lix = |x: Option<f64>| x.map_or("–".to_string(), decimal);
    writeln!(out)?;
    writeln!(out, "{:<28} {:>10} {:>10}", "", "før", "efter")?;
    writeln!(
        out,
        "{:<28} {:>10} {:>10}",
        "LIX",
        lix(s.before.lix),
        lix(s.after.lix)
    )?;
    writeln!(
        out,
        "{:<28} {:>10} {:>10}",
        "ord", s.before.words, s.after.words
    )?;
    writeln!(
        out,
        "{:<28} {:>10} {:>10}",
        "sætninger", s.before.sentences, s.after.sentences
    )?;
    let mut categories: Vec<&String> = s
        .before
        .findings_by_category
        .keys()
        .chain(s.after.findings_by_category.keys())
        .collect();
    categories.sort();
    categories.dedup();
    for c in categories {
        let n = |side: &crate::diff::Side| side.findings_by_category.get(c).copied().unwrap_or(0);
        writeln!(
            out,
            "{:<28} {:>10} {:>10}",
            format!("fund: {c}"),
            n(&s.before),
            n(&s.after)
        )?;
    }
    let f = &s.facts;
    writeln!(
        out,
        "\nFakta: {} bevaret · {} tabt · {} nye",
        f.kept.len(),
        f.lost.len(),
        f.added.len()
    )?;
    let old_lines = LineIndex::new(old_text);
    for fact in &f.lost {
        writeln!(out, "  tabt: {}", describe(fact, &old_lines, old_text))?;
    }
    let new_lines = LineIndex::new(new_text);
    for fact in &f.added {
        writeln!(out, "  ny:   {}", describe(fact, &new_lines, new_text))?;
    }
    Ok(())
}

/// »dato »17. marts 2026« (linje 18:45)«.
pub fn describe(f: &Fact, lines: &LineIndex, text: &str) -> String {
    let (line, col) = lines.line_col(text, f.span.start);
    format!(
        "{} »{}« (linje {line}:{col})",
        f.kind.danish(),
        collapse(&f.text)
    )
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
