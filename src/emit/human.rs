//! The human format: per letter a summary line, then its long sentences and
//! findings with `line:column`. Colour only when asked for (the command
//! decides from the terminal and `NO_COLOR`).

use std::io::{self, Write};

use super::{FileReport, Report};
use crate::diagnostic::Severity;
use crate::fmt::{decimal, percent};
use crate::metrics::{Band, LONG_SENTENCE_WORDS};

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

/// Writes every letter and a closing count. The unreadable inputs are only
/// counted here; the command reports them on standard error.
pub fn write(out: &mut dyn Write, report: &Report, style: Style) -> io::Result<()> {
    for file in &report.files {
        write_file(out, file, style)?;
    }
    if report.files.len() + report.errors.len() > 1 {
        let mut line = format!(
            "{} {} scoret",
            report.files.len(),
            if report.files.len() == 1 {
                "brev"
            } else {
                "breve"
            }
        );
        if !report.errors.is_empty() {
            line.push_str(&format!(", {} kunne ikke læses", report.errors.len()));
        }
        writeln!(out, "{line}.")?;
    }
    Ok(())
}

fn write_file(out: &mut dyn Write, file: &FileReport, style: Style) -> io::Result<()> {
    let a = &file.analysis;
    writeln!(out, "{}", style.paint("1", &file.path))?;
    writeln!(out, "  {}", summary(file, style))?;
    for note in &file.notes {
        writeln!(out, "  bemærk: {note}")?;
    }
    if !a.metrics.long_sentences.is_empty() {
        writeln!(out, "  Lange sætninger (over {LONG_SENTENCE_WORDS} ord):")?;
        for s in &a.metrics.long_sentences {
            let (line, col) = file.line_col(s.start);
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
    if !a.findings.is_empty() {
        writeln!(out, "  Fund:")?;
        for f in &a.findings {
            let (line, col) = file.line_col(f.span.start);
            write!(
                out,
                "    {}  {} [{}] ",
                style.paint("2", &format!("{line}:{col}")),
                style.paint(severity_color(f.severity), f.severity.danish()),
                f.rule
            )?;
            if !f.matched.is_empty() {
                write!(out, "»{}«: ", collapse(&f.matched))?;
            }
            write!(out, "{}", f.message)?;
            if let Some(fix) = f.fixes.first() {
                write!(out, " → »{}«", fix.replacement)?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// A sentence on one line: every run of whitespace becomes one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
