//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which GitHub shows as an annotation on the
//! letter's line, and one `::error` line per input that could not be read.
//! Columns count chars; `endColumn` is the column after the last char, as
//! in the other formats.

use std::io::{self, Write};

use super::sarif::{relative_path, with_suggestion};
use super::{Emitter, EmitterContext, FileReport, Report};
use crate::diagnostic::Severity;
use crate::input::InputError;

/// The workflow command of a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "notice",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The GitHub emitter: one workflow command per finding, letters in
/// report order, then one per unreadable input. The threshold does not
/// change the lines: each finding's own severity chooses its command.
#[derive(Default)]
pub struct Github;

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let path = escape_property(&relative_path(&file.path));
        let mut cursor = file.cursor();
        for f in &file.analysis.findings {
            let mut props = format!("file={path}");
            if f.span.is_empty() && f.span.start == 0 {
                // About the whole letter: its first line.
                props.push_str(",line=1");
            } else {
                let (line, col) = cursor.line_col(f.span.start);
                let (end_line, end_col) = cursor.line_col(f.span.end);
                props.push_str(&format!(
                    ",line={line},col={col},endLine={end_line},endColumn={end_col}"
                ));
            }
            props.push_str(&format!(",title={}", escape_property(&f.rule)));
            writeln!(
                out,
                "::{} {props}::{}",
                command(f.severity),
                escape_data(&with_suggestion(f))
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        for e in errors {
            writeln!(
                out,
                "::error file={}::{}",
                escape_property(&relative_path(&e.path)),
                escape_data(&e.message)
            )?;
        }
        Ok(())
    }
}

/// Writes one workflow command per finding and per unreadable input.
pub fn write(out: &mut dyn Write, report: &Report, _cx: &EmitterContext<'_>) -> io::Result<()> {
    super::write_report(&mut Github, out, report)
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as a message, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sarif::tests::{sample, sample_rules};

    fn lines(fail_on: Option<Severity>) -> Vec<String> {
        let mut out = Vec::new();
        let rules = sample_rules();
        let cx = EmitterContext {
            rules: &rules,
            fail_on,
            ..EmitterContext::default()
        };
        write(&mut out, &sample(), &cx).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with('\n'));
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn one_line_per_finding_and_error() {
        let lines = lines(Some(Severity::Warning));
        // »Brevets LIX er 19,7 (meget let), over grænsen på 0,0. …«
        let lix = sample().files[0].analysis.findings[0].message.clone();
        assert!(lix.starts_with("Brevets LIX er ") && !lix.contains(['%', '\n']));
        assert_eq!(
            lines,
            [
                format!(
                    "::error file=breve/a%2Cb%3Ac.txt,line=1,title=laesbarhed/lix-max::{lix}"
                ),
                "::notice file=breve/a%2Cb%3Ac.txt,line=3,col=8,endLine=3,endColumn=15,\
                 title=kancellisprog/afsende::Skriv bare »sende« – »afsende« er unødigt formelt. \
                 »afsende« → »sende«"
                    .to_string(),
                "::warning file=breve/a%2Cb%3Ac.txt,line=3,col=40,endLine=3,endColumn=48,\
                 title=kancellisprog/afhjaelpe::100 %25 sikkert:%0Askriv »løse«. »afhjælpe« → »løse«"
                    .to_string(),
                "::error file=mangler%2C1%3A2.txt::Filen findes ikke.%0A50 %25 af stien: a,b"
                    .to_string(),
            ]
        );
        // The threshold does not change the lines.
        assert_eq!(super::tests::lines(None), lines);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%b\r\nc: d, e"), "a%25b%0D%0Ac: d, e");
        assert_eq!(escape_property("a%b\r\nc: d, e"), "a%25b%0D%0Ac%3A d%2C e");
    }

    #[test]
    fn columns_count_chars() {
        // »Så« and »Kære Søren« hold multibyte letters; the columns above
        // are char counts.
        let text = "Vi vil afsende brevet i dag. Så vil vi ";
        assert_eq!(text.chars().count() + 1, 40);
        assert_ne!(text.len() + 1, 40);
    }
}
