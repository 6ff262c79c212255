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
    writeln!(out)?;
    write_facts(out, &s.facts, old_text, new_text, "ny:  ")
}

/// The facts of a comparison: counts, then each changed fact (what
/// changed, before and after, each with its sentence), each lost fact
/// with its sentence, and each new one under `added` (»ny:«, or for a
/// template »tilføjet – tjek:«). Shared by `diff` and `rewrite`.
pub fn write_facts(
    out: &mut dyn Write,
    f: &crate::facts::Comparison,
    old_text: &str,
    new_text: &str,
    added: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "Fakta: {} bevaret · {} ændret · {} tabt · {} nye",
        f.kept.len(),
        f.changed.len(),
        f.lost.len(),
        f.added.len()
    )?;
    let old_lines = LineIndex::new(old_text);
    let new_lines = LineIndex::new(new_text);
    for c in &f.changed {
        let what: Vec<String> = c
            .what
            .iter()
            .map(|a| match a {
                crate::facts::Aspect::Unit => format!(
                    "enheden: {} → {}",
                    c.before.unit.map_or("ingen", |u| u.danish()),
                    c.after.unit.map_or("ingen", |u| u.danish())
                ),
                crate::facts::Aspect::Role => format!(
                    "rollen: {} → {}",
                    c.before.role.danish(),
                    c.after.role.danish()
                ),
                crate::facts::Aspect::Weekday => format!(
                    "ugedagen: {} → {}",
                    c.before.weekday.map_or("ingen", |w| w.danish()),
                    c.after.weekday.map_or("ingen", |w| w.danish())
                ),
                other => other.danish().to_string(),
            })
            .collect();
        writeln!(
            out,
            "  ændret: {} → »{}« ({} er ændret)",
            describe(&c.before, &old_lines, old_text),
            collapse(&c.after.text),
            what.join("; ")
        )?;
        writeln!(out, "      før:   {}", sentence_of(old_text, &c.before))?;
        writeln!(out, "      efter: {}", sentence_of(new_text, &c.after))?;
    }
    for fact in &f.lost {
        writeln!(out, "  tabt: {}", describe(fact, &old_lines, old_text))?;
        writeln!(out, "      i:     {}", sentence_of(old_text, fact))?;
    }
    for fact in &f.added {
        writeln!(out, "  {added} {}", describe(fact, &new_lines, new_text))?;
    }
    Ok(())
}

/// The sentence a fact stands in: from the previous sentence end or blank
/// line to the next, at most about 160 characters around the fact.
pub fn sentence_of(text: &str, f: &Fact) -> String {
    let (start, end) = (f.span.start.min(text.len()), f.span.end.min(text.len()));
    let head = &text[..start];
    let from = head
        .rfind("\n\n")
        .map(|i| i + 2)
        .into_iter()
        .chain(sentence_ends(head).last().map(|i| i + 2))
        .max()
        .unwrap_or(0);
    let tail = &text[end..];
    let to = tail
        .find("\n\n")
        .into_iter()
        .chain(sentence_ends(tail).next().map(|i| i + 1))
        .min()
        .map_or(text.len(), |i| end + i);
    let sentence = collapse(&text[from..to]);
    if sentence.chars().count() <= 160 {
        return sentence;
    }
    let before: String = collapse(&text[from..start]);
    let before: String = before
        .chars()
        .rev()
        .take(70)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = collapse(&text[end..to]).chars().take(70).collect();
    format!("…{before}{}{after}…", &text[start..end])
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

/// Where sentences end in `text`: a full stop, question or exclamation
/// mark, then white space and a capital (so »jf. lov« and »kr. om« go on).
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices().filter_map(move |(i, c)| {
        let rest = &text[i + c.len_utf8()..];
        let next = rest.trim_start();
        ((c == '.' || c == '?' || c == '!')
            && rest.len() > next.len()
            && next.chars().next().is_some_and(char::is_uppercase))
        .then_some(i)
    })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
