//! JUnit XML, for CI systems that show test reports (GitLab, Jenkins,
//! Azure DevOps). Each letter is a test case named by its path; each finding
//! at or above the `fail_on` severity is a `<failure>` of it, the findings
//! below are listed in its `<system-out>`. Each input that could not be read
//! is a test case with an `<error>`. `failures` and `errors` count test
//! cases, as JUnit's schema defines them, not findings.

use std::io::{self, Seek, Write};

use super::sarif::{relative_path, with_suggestion};
use super::{Emitter, EmitterContext, FileReport, Report};
use crate::diagnostic::{Finding, Severity};
use crate::input::InputError;
use crate::text::LineCursor;

/// The JUnit emitter. The root elements carry counts that are known only
/// at the end, so the test cases go to an unnamed temporary file (gone when
/// the run ends, however it ends) and are copied out after the counts.
pub struct Junit {
    fail_on: Option<Severity>,
    spool: Option<std::fs::File>,
    tests: usize,
    failures: usize,
}

impl Junit {
    pub fn new(cx: &EmitterContext<'_>) -> Junit {
        Junit {
            fail_on: cx.fail_on,
            spool: None,
            tests: 0,
            failures: 0,
        }
    }

    fn fails(&self, f: &Finding) -> bool {
        self.fail_on.is_some_and(|t| f.severity >= t)
    }

    fn spool(&mut self) -> io::Result<&mut std::fs::File> {
        if self.spool.is_none() {
            self.spool = Some(tempfile::tempfile()?);
        }
        self.spool
            .as_mut()
            .ok_or_else(|| io::Error::other("JUnit-mellemfilen mangler"))
    }
}

impl Emitter for Junit {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let name = attr(&relative_path(&file.path));
        let (failing, passing): (Vec<&Finding>, Vec<&Finding>) =
            file.analysis.findings.iter().partition(|f| self.fails(f));
        self.tests += 1;
        if !failing.is_empty() {
            self.failures += 1;
        }
        let mut cursor = file.cursor();
        let mut xml = String::new();
        let mut out_lines: Vec<String> =
            file.notes.iter().map(|n| format!("bemærk: {n}")).collect();
        // Failures and the lines below them, each in the letter's order.
        let failure_lines: Vec<String> = failing.iter().map(|f| line(&mut cursor, f)).collect();
        let mut cursor = file.cursor();
        out_lines.extend(passing.iter().map(|f| line(&mut cursor, f)));
        if failing.is_empty() && out_lines.is_empty() {
            xml.push_str(&format!(
                "    <testcase classname=\"klarbrev\" name=\"{name}\"/>\n"
            ));
        } else {
            xml.push_str(&format!(
                "    <testcase classname=\"klarbrev\" name=\"{name}\">\n"
            ));
            for (f, l) in failing.iter().zip(&failure_lines) {
                xml.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    attr(&f.message),
                    attr(&f.rule),
                    text(l)
                ));
            }
            if !out_lines.is_empty() {
                xml.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    text(&out_lines.join("\n"))
                ));
            }
            xml.push_str("    </testcase>\n");
        }
        self.spool()?.write_all(xml.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        let tests = self.tests + errors.len();
        let counts = format!(
            "tests=\"{tests}\" failures=\"{}\" errors=\"{}\"",
            self.failures,
            errors.len()
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"klarbrev\" {counts}>")?;
        writeln!(out, "  <testsuite name=\"klarbrev\" {counts}>")?;
        if let Some(mut spool) = self.spool.take() {
            spool.flush()?;
            spool.rewind()?;
            io::copy(&mut spool, out)?;
        }
        for e in errors {
            writeln!(
                out,
                "    <testcase classname=\"klarbrev\" name=\"{}\">",
                attr(&relative_path(&e.path))
            )?;
            writeln!(
                out,
                "      <error message=\"{}\" type=\"input\">{}</error>",
                attr(&e.message),
                text(&e.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// Writes the report as one JUnit XML document followed by a newline.
pub fn write(out: &mut dyn Write, report: &Report, cx: &EmitterContext<'_>) -> io::Result<()> {
    super::write_report(&mut Junit::new(cx), out, report)
}

/// `line:col [rule] message »matched« → »replacement«`.
fn line(cursor: &mut LineCursor<'_>, f: &Finding) -> String {
    let (line, col) = cursor.line_col(f.span.start);
    format!("{line}:{col} [{}] {}", f.rule, with_suggestion(f))
}

/// Escapes character data: `&`, `<` and `>`, and a carriage return so it
/// survives line-end normalisation.
fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value: as character data, quotes too, and line
/// breaks and tabs as references so they survive attribute normalisation.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            // Not allowed in XML 1.0, not even as a reference.
            c if is_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sarif::tests::{sample, sample_rules};
    use quick_xml::events::Event;

    fn junit(report: &Report, fail_on: Option<Severity>) -> String {
        let mut out = Vec::new();
        let rules = sample_rules();
        let cx = EmitterContext {
            rules: &rules,
            fail_on,
            ..EmitterContext::default()
        };
        write(&mut out, report, &cx).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// An element as read back: its name, attributes and text.
    #[derive(Debug, Default, Clone, PartialEq)]
    struct Element {
        name: String,
        attrs: Vec<(String, String)>,
        text: String,
        depth: usize,
    }

    impl Element {
        fn attr(&self, key: &str) -> &str {
            self.attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("{} has no {key}", self.name))
        }
    }

    /// Parses the document strictly and returns its elements in order.
    fn parse(xml: &str) -> Vec<Element> {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        reader.config_mut().check_comments = true;
        let mut elements: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut saw_decl = false;
        loop {
            let event = reader.read_event().unwrap();
            let start = |e: &quick_xml::events::BytesStart, depth| Element {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                attrs: e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.unescape_value().unwrap().into_owned(),
                        )
                    })
                    .collect(),
                text: String::new(),
                depth,
            };
            match event {
                Event::Decl(d) => {
                    assert_eq!(d.version().unwrap().as_ref(), b"1.0");
                    assert_eq!(d.encoding().unwrap().unwrap().as_ref(), b"UTF-8");
                    saw_decl = true;
                }
                Event::Start(e) => {
                    elements.push(start(&e, open.len()));
                    open.push(elements.len() - 1);
                }
                Event::Empty(e) => elements.push(start(&e, open.len())),
                Event::End(_) => {
                    open.pop().unwrap();
                }
                Event::Text(t) => {
                    let t = t.decode().unwrap();
                    if let Some(&i) = open.last() {
                        elements[i].text.push_str(&t);
                    } else {
                        assert!(t.trim().is_empty());
                    }
                }
                Event::GeneralRef(r) => {
                    let i = *open.last().unwrap();
                    let name = r.decode().unwrap().into_owned();
                    let resolved = match name.as_str() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        n => r
                            .resolve_char_ref()
                            .unwrap()
                            .unwrap_or_else(|| panic!("unknown entity {n}"))
                            .to_string(),
                    };
                    elements[i].text.push_str(&resolved);
                }
                Event::Eof => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(saw_decl);
        assert!(open.is_empty());
        elements
    }

    #[test]
    fn failures_above_the_threshold() {
        let xml = junit(&sample(), Some(Severity::Warning));
        let els = parse(&xml);
        let names: Vec<(&str, usize)> = els.iter().map(|e| (e.name.as_str(), e.depth)).collect();
        assert_eq!(
            names,
            [
                ("testsuites", 0),
                ("testsuite", 1),
                ("testcase", 2),
                ("failure", 3),
                ("failure", 3),
                ("system-out", 3),
                ("testcase", 2),
                ("testcase", 2),
                ("error", 3),
            ]
        );
        for suite in &els[..2] {
            assert_eq!(suite.attr("name"), "klarbrev");
            assert_eq!(suite.attr("tests"), "3");
            assert_eq!(suite.attr("failures"), "1");
            assert_eq!(suite.attr("errors"), "1");
        }
        let case = &els[2];
        assert_eq!(case.attr("classname"), "klarbrev");
        assert_eq!(case.attr("name"), "breve/a,b:c.txt");

        let lix = &els[3];
        assert_eq!(lix.attr("type"), "laesbarhed/lix-max");
        assert!(lix.attr("message").starts_with("Brevets LIX er "));
        assert!(
            lix.text
                .starts_with("1:1 [laesbarhed/lix-max] Brevets LIX er ")
        );

        // The message with a newline comes back whole, from the attribute
        // and from the text.
        let afhjaelpe = &els[4];
        assert_eq!(afhjaelpe.attr("type"), "kancellisprog/afhjaelpe");
        assert_eq!(afhjaelpe.attr("message"), "100 % sikkert:\nskriv »løse«.");
        assert_eq!(
            afhjaelpe.text,
            "3:40 [kancellisprog/afhjaelpe] 100 % sikkert:\nskriv »løse«. »afhjælpe« → »løse«"
        );

        // Info is below the threshold: not a failure.
        assert_eq!(
            els[5].text,
            "3:8 [kancellisprog/afsende] Skriv bare »sende« – »afsende« er unødigt formelt. \
             »afsende« → »sende«"
        );

        // `./ok.txt` is named without its `./`.
        assert_eq!(els[6].attr("name"), "ok.txt");
        let error = &els[8];
        assert_eq!(els[7].attr("name"), "mangler,1:2.txt");
        assert_eq!(
            error.attr("message"),
            "Filen findes ikke.\n50 % af stien: a,b"
        );
        assert_eq!(error.text, "Filen findes ikke.\n50 % af stien: a,b");
    }

    #[test]
    fn nothing_fails_without_a_threshold() {
        let xml = junit(&sample(), None);
        let els = parse(&xml);
        assert!(els.iter().all(|e| e.name != "failure"));
        assert_eq!(els[0].attr("failures"), "0");
        assert_eq!(els[0].attr("errors"), "1");
        let out = els.iter().find(|e| e.name == "system-out").unwrap();
        // Three findings, one of whose messages holds a line break.
        assert_eq!(out.text.lines().count(), 4);
        assert!(out.text.starts_with("1:1 [laesbarhed/lix-max] "));

        let xml = junit(&sample(), Some(Severity::Info));
        let els = parse(&xml);
        assert_eq!(els.iter().filter(|e| e.name == "failure").count(), 3);
        assert!(els.iter().all(|e| e.name != "system-out"));
        assert_eq!(els[0].attr("failures"), "1");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        let mut report = sample();
        report.files[0].path = "a&b<c>\"d'e.txt".to_string();
        report.files[0].analysis.findings[1].message = "<b> & \"x\" 'y' \r\u{1}".into();
        let xml = junit(&report, Some(Severity::Info));
        assert!(xml.contains("name=\"a&amp;b&lt;c&gt;&quot;d&apos;e.txt\""));
        let els = parse(&xml);
        assert_eq!(els[2].attr("name"), "a&b<c>\"d'e.txt");
        let f = els.iter().filter(|e| e.name == "failure").nth(1).unwrap();
        assert_eq!(f.attr("message"), "<b> & \"x\" 'y' \r\u{FFFD}");
        assert!(f.text.contains("<b> & \"x\" 'y' \r\u{FFFD}"));
    }

    #[test]
    fn deterministic() {
        assert_eq!(
            junit(&sample(), Some(Severity::Warning)),
            junit(&sample(), Some(Severity::Warning))
        );
    }
}
