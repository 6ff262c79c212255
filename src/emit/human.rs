//! The human format: per letter a summary line, then its long sentences and
//! findings with `line:column`. Colour only when asked for (the command
//! decides from the terminal and `NO_COLOR`).

use std::io::{self, Write};

use super::{Emitter, FileReport, Report};
use crate::diagnostic::{Finding, Severity};
use crate::fmt::{decimal, percent};
use crate::input::InputError;
use crate::metrics::{Band, LONG_SENTENCE_WORDS};
use crate::text::LineCursor;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn band_color(band: Band) -> &'static str {
    match band {
        Band::VeryEasy | Band::Easy => "32",
        Band::Medium => "33",
        Band::Hard | Band::VeryHard => "31",
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Info => "36",
        Severity::Warning => "33",
        Severity::Error => "1;31",
    }
}

/// The summary line of one letter.
pub fn summary(report: &FileReport, style: Style) -> String {
    let m = &report.analysis.metrics;
    let lix = match (m.lix, m.lix_band) {
        (Some(lix), Some(band)) => style.paint(
            band_color(band),
            &format!("LIX {} ({})", decimal(lix), band.name()),
        ),
        _ => "LIX – (ingen ord)".to_string(),
    };
    let mut parts = vec![
        lix,
        format!("{} ord", m.words),
        format!(
            "{} {}",
            m.sentences,
            if m.sentences == 1 {
                "sætning"
            } else {
                "sætninger"
            }
        ),
    ];
    if let Some(avg) = m.avg_sentence_words {
        parts.push(format!("{} ord pr. sætning", decimal(avg)));
    }
    if let Some(share) = m.long_word_share {
        parts.push(format!("{} lange ord", percent(share)));
    }
    parts.join(" · ")
}

/// The human format of `score`: every letter, then a closing count. The
/// unreadable inputs are only counted here; the command reports them on
/// standard error.
pub struct Human {
    style: Style,
    files: usize,
}

impl Human {
    pub fn new(style: Style) -> Human {
        Human { style, files: 0 }
    }
}

impl Emitter for Human {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.files += 1;
        write_file(out, file, self.style)
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        if self.files + errors.len() > 1 {
            let mut line = format!(
                "{} {} scoret",
                self.files,
                if self.files == 1 { "brev" } else { "breve" }
            );
            if !errors.is_empty() {
                line.push_str(&format!(", {} kunne ikke læses", errors.len()));
            }
            writeln!(out, "{line}.")?;
        }
        Ok(())
    }
}

/// Writes every letter and a closing count.
pub fn write(out: &mut dyn Write, report: &Report, style: Style) -> io::Result<()> {
    super::write_report(&mut Human::new(style), out, report)
}

fn write_file(out: &mut dyn Write, file: &FileReport, style: Style) -> io::Result<()> {
    let a = &file.analysis;
    writeln!(out, "{}", style.paint("1", &file.path))?;
    writeln!(out, "  {}", summary(file, style))?;
    for note in &file.notes {
        writeln!(out, "  bemærk: {note}")?;
    }
    let mut cursor = file.cursor();
    if !a.metrics.long_sentences.is_empty() {
        writeln!(out, "  Lange sætninger (over {LONG_SENTENCE_WORDS} ord):")?;
        for s in &a.metrics.long_sentences {
            let (line, col) = cursor.line_col(s.start);
            let text = collapse(&a.document.text[s.start..s.end]);
            writeln!(
                out,
                "    {}  {} ord: {}",
                style.paint("2", &format!("{line}:{col}")),
                s.words,
                text
            )?;
        }
    }
    let mut cursor = file.cursor();
    for f in &a.findings {
        writeln!(out)?;
        write_finding(out, file, &mut cursor, f, style)?;
    }
    if !a.findings.is_empty() {
        writeln!(out)?;
        let by_category: Vec<String> = a
            .findings_by_category()
            .iter()
            .map(|(c, n)| format!("{n} {c}"))
            .collect();
        let per_100 = a
            .findings_per_100_words()
            .map(|x| format!(" ({} pr. 100 ord)", decimal(x)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {} {}: {}{per_100}",
            a.findings.len(),
            if a.findings.len() == 1 {
                "fund"
            } else {
                "fund i alt"
            },
            by_category.join(" · ")
        )?;
    }
    Ok(())
}

/// One finding, the way rustc shows a diagnostic: severity and rule, the
/// message, where it is, the source line with the hit underlined, then the
/// suggestion and the explanation.
pub fn write_finding(
    out: &mut dyn Write,
    file: &FileReport,
    cursor: &mut LineCursor<'_>,
    f: &Finding,
    style: Style,
) -> io::Result<()> {
    let color = severity_color(f.severity);
    writeln!(
        out,
        "{}: {}",
        style.paint(color, &format!("{}[{}]", f.severity.danish(), f.rule)),
        style.paint("1", &f.message)
    )?;
    let text = &file.analysis.document.text;
    let (line, col) = cursor.line_col(f.span.start);
    let gutter = " ".repeat(line.to_string().len());
    writeln!(
        out,
        "{gutter}{} {}:{line}:{col}",
        style.paint("34", "-->"),
        file.path
    )?;
    if !f.span.is_empty() {
        let (line_start, line_end) = file.lines.bounds(line, text);
        let source = text[line_start..line_end].trim_end_matches('\r');
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let underline_end = f.span.end.min(line_start + source.len());
        let width = text[f.span.start..underline_end].chars().count().max(1);
        writeln!(out, "{pad} {}", style.paint("34", "|"))?;
        writeln!(
            out,
            "{} {} {source}",
            style.paint("34", &number),
            style.paint("34", "|")
        )?;
        writeln!(
            out,
            "{pad} {} {}{}",
            style.paint("34", "|"),
            " ".repeat(col - 1),
            style.paint(color, &"^".repeat(width))
        )?;
    }
    let pad = " ".repeat(line.to_string().len());
    for fix in &f.fixes {
        writeln!(
            out,
            "{pad} = forslag: »{}« ({})",
            fix.replacement,
            fix.applicability.danish()
        )?;
    }
    if let Some(explanation) = &f.explanation {
        writeln!(out, "{pad} = forklaring: {explanation}")?;
    }
    Ok(())
}

/// A sentence on one line: every run of whitespace becomes one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The human format of `check`: each letter's findings, rustc-style, as
/// the letter is done, then a summary of the whole library from what was
/// kept of each letter (its path, words, LIX and rule counts).
pub struct HumanCheck {
    style: Style,
    summary: LibrarySummary,
}

/// What the library summary needs of each letter.
#[derive(Debug, Default)]
pub struct LibrarySummary {
    pub files: usize,
    pub words: usize,
    pub findings: usize,
    /// (LIX, path) of every letter with words.
    pub lix: Vec<(f64, String)>,
    pub rules: std::collections::BTreeMap<String, usize>,
}

impl LibrarySummary {
    pub fn add(&mut self, file: &FileReport) {
        let a = &file.analysis;
        self.files += 1;
        self.words += a.metrics.words;
        self.findings += a.findings.len();
        if let Some(l) = a.metrics.lix {
            self.lix.push((l, file.path.clone()));
        }
        for f in &a.findings {
            match self.rules.get_mut(&*f.rule) {
                Some(n) => *n += 1,
                None => {
                    self.rules.insert(f.rule.to_string(), 1);
                }
            }
        }
    }
}

impl HumanCheck {
    pub fn new(style: Style) -> HumanCheck {
        HumanCheck {
            style,
            summary: LibrarySummary::default(),
        }
    }
}

impl Emitter for HumanCheck {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let mut cursor = file.cursor();
        for f in &file.analysis.findings {
            write_finding(out, file, &mut cursor, f, self.style)?;
            writeln!(out)?;
        }
        self.summary.add(file);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        write_library_summary(out, &self.summary, errors.len(), self.style)
    }
}

/// The library check of a whole report.
pub fn write_check(out: &mut dyn Write, report: &Report, style: Style) -> io::Result<()> {
    super::write_report(&mut HumanCheck::new(style), out, report)
}

/// Files, words, median and worst LIX, the ten hardest letters and the ten
/// most frequent rules.
pub fn write_library_summary(
    out: &mut dyn Write,
    summary: &LibrarySummary,
    errors: usize,
    style: Style,
) -> io::Result<()> {
    let (files, words, findings) = (summary.files, summary.words, summary.findings);
    let mut by_lix: Vec<(f64, &str)> = summary.lix.iter().map(|(l, p)| (*l, p.as_str())).collect();
    by_lix.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    writeln!(out, "{}", style.paint("1", "Opsummering"))?;
    let mut line = format!(
        "  {} {} · {} ord · {} fund",
        files,
        if files == 1 { "brev" } else { "breve" },
        words,
        findings
    );
    if !by_lix.is_empty() {
        let mut sorted: Vec<f64> = by_lix.iter().map(|x| x.0).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        line.push_str(&format!(
            " · LIX median {} · værst {} ({})",
            decimal(median),
            decimal(by_lix[0].0),
            by_lix[0].1
        ));
    }
    writeln!(out, "{line}")?;
    if by_lix.len() > 1 {
        writeln!(out, "  De sværeste breve:")?;
        for (lix, path) in by_lix.iter().take(10) {
            let band = Band::of(*lix);
            writeln!(
                out,
                "    {}  {path}",
                style.paint(band_color(band), &format!("{:>5}", decimal(*lix)))
            )?;
        }
    }
    let mut rules: Vec<(&str, usize)> = summary
        .rules
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    if !rules.is_empty() {
        writeln!(out, "  De hyppigste regler:")?;
        for (rule, n) in rules.iter().take(10) {
            writeln!(out, "    {n:>5}  {rule}")?;
        }
    }
    if errors > 0 {
        writeln!(
            out,
            "  {} {} kunne ikke læses.",
            errors,
            if errors == 1 { "fil" } else { "filer" }
        )?;
    }
    Ok(())
}
