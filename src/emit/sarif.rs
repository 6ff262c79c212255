//! The SARIF 2.1.0 format, for code scanning (GitHub, GitLab, Azure DevOps).
//! One run, streamed: each letter's results are written as soon as the
//! letter is done, one result a line; then the driver with every rule of
//! the run (those given, then any rule a finding names that was not given)
//! and the invocation, whose notifications are the inputs that could not be
//! read. Columns count Unicode code points (`columnKind`), as the other
//! formats do.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, EmitterContext, FileReport, Report};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::input::InputError;
use crate::text::{LineCursor, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: &'a [Rule],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text<'static>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text<'static>>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text<'static>,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_length: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

/// The SARIF `level` of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The SARIF emitter. `fail_on` does not change the log: SARIF carries
/// every result with its level and leaves the threshold to whoever reads
/// it.
pub struct Sarif {
    rules: Vec<Rule>,
    index: HashMap<String, usize>,
    results: usize,
}

impl Sarif {
    pub fn new(cx: &EmitterContext<'_>) -> Sarif {
        let mut s = Sarif {
            rules: Vec::with_capacity(cx.rules.len()),
            index: HashMap::with_capacity(cx.rules.len()),
            results: 0,
        };
        for m in cx.rules {
            s.rule_index(
                &m.id,
                &m.category,
                m.severity,
                &m.summary,
                m.explanation.as_deref(),
            );
        }
        s
    }

    fn rule_index(
        &mut self,
        id: &str,
        category: &str,
        severity: Severity,
        message: &str,
        explanation: Option<&str>,
    ) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        self.index.insert(id.to_string(), self.rules.len());
        self.rules.push(Rule {
            id: id.to_string(),
            name: id.replace('/', "_"),
            short_description: Text::new(message.to_string()),
            full_description: explanation.map(|e| Text::new(e.to_string())),
            default_configuration: Configuration {
                level: level(severity),
            },
            properties: RuleProperties {
                category: category.to_string(),
            },
        });
        self.rules.len() - 1
    }
}

impl Emitter for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"{VERSION}\",\"runs\":[{{\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let uri = artifact_uri(&file.path);
        let text = &file.analysis.document.text;
        let mut cursor = file.cursor();
        for f in &file.analysis.findings {
            let rule_index = self.rule_index(
                &f.rule,
                &f.category,
                f.severity,
                &f.message,
                f.explanation.as_deref(),
            );
            out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            self.results += 1;
            serde_json::to_writer(&mut *out, &result(&mut cursor, text, f, &uri, rule_index))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        out.write_all(b"\n],\"tool\":{\"driver\":")?;
        serde_json::to_writer(
            &mut *out,
            &Driver {
                name: "klarbrev",
                version: env!("CARGO_PKG_VERSION"),
                information_uri: information_uri(),
                rules: &self.rules,
            },
        )?;
        out.write_all(b"},\"invocations\":[")?;
        let notifications = errors
            .iter()
            .map(|e| Notification {
                level: "error",
                message: Text::new(e.message.clone()),
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: artifact_uri(&e.path),
                        },
                        region: None,
                    },
                }],
            })
            .collect();
        serde_json::to_writer(
            &mut *out,
            &Invocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: notifications,
            },
        )?;
        out.write_all(b"]}]}\n")
    }
}

/// Writes a whole report as one SARIF log followed by a newline.
pub fn write(out: &mut dyn Write, report: &Report, cx: &EmitterContext<'_>) -> io::Result<()> {
    super::write_report(&mut Sarif::new(cx), out, report)
}

fn information_uri() -> Option<&'static str> {
    [
        option_env!("CARGO_PKG_HOMEPAGE"),
        option_env!("CARGO_PKG_REPOSITORY"),
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.is_empty())
}

fn result<'a>(
    cursor: &mut LineCursor<'_>,
    text: &str,
    f: &'a Finding,
    uri: &str,
    rule_index: usize,
) -> SarifResult<'a> {
    let region = region(cursor, text, f.span);
    let fixes = f
        .fixes
        .iter()
        .filter(|x| matches!(x.applicability, Applicability::Safe | Applicability::Unsafe))
        .map(|x| SarifFix {
            description: Text::new(format!("Erstat med »{}«", x.replacement)),
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                replacements: [Replacement {
                    deleted_region: Region {
                        char_offset: None,
                        char_length: None,
                        ..region
                    },
                    inserted_content: Text::new(&*x.replacement),
                }],
            }],
        })
        .collect();
    let whole_letter = f.span.is_empty() && f.span.start == 0;
    SarifResult {
        rule_id: &f.rule,
        rule_index,
        level: level(f.severity),
        message: Text::new(with_context(f)),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                region: Some(if whole_letter {
                    // About the whole letter: its first line only.
                    Region {
                        start_line: 1,
                        start_column: None,
                        end_line: None,
                        end_column: None,
                        char_offset: None,
                        char_length: None,
                    }
                } else {
                    region
                }),
            },
        }],
        fixes,
    }
}

/// Where a span is, by line and column and by char offset.
fn region(cursor: &mut LineCursor<'_>, text: &str, span: Span) -> Region {
    let (start_line, start_column, char_offset) = cursor.locate(span.start);
    let (end_line, end_column, _) = cursor.locate(span.end);
    let char_length = text
        .get(span.start..span.end)
        .map_or(0, |s| s.chars().count());
    Region {
        start_line,
        start_column: Some(start_column),
        end_line: Some(end_line),
        end_column: Some(end_column),
        char_offset: Some(char_offset),
        char_length: Some(char_length),
    }
}

/// A finding's message followed by the text it was found in, if any:
/// `message »matched«`.
pub(crate) fn with_context(f: &Finding) -> String {
    if f.matched.is_empty() {
        f.message.to_string()
    } else {
        format!("{} »{}«", f.message, f.matched)
    }
}

/// [`with_context`] followed by the suggested replacements, if any:
/// `message »matched« → »replacement«`.
pub(crate) fn with_suggestion(f: &Finding) -> String {
    let mut text = with_context(f);
    let replacements: Vec<String> = f
        .fixes
        .iter()
        .filter(|x| x.applicability > Applicability::Display)
        .map(|x| format!("»{}«", x.replacement))
        .collect();
    if !replacements.is_empty() {
        text.push_str(" → ");
        text.push_str(&replacements.join(" eller "));
    }
    text
}

/// A path as CI tools want it: forward slashes, no leading `./`, and
/// relative to the working directory when it lies inside it.
pub(crate) fn relative_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    if std::path::Path::new(path).is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(rel) = std::path::Path::new(path).strip_prefix(&cwd) {
                if let Some(rel) = rel.to_str() {
                    if !rel.is_empty() {
                        p = rel.replace('\\', "/");
                    }
                }
            }
        }
    }
    let mut rest = p.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    rest.to_string()
}

/// A path as a SARIF artifact URI: a relative reference (see
/// [`relative_path`]) with everything but unreserved characters, `/` and
/// harmless sub-delimiters percent-encoded; a path outside the working
/// directory becomes a `file:` URI.
pub(crate) fn artifact_uri(path: &str) -> String {
    let p = relative_path(path);
    let is_windows_drive =
        p.len() >= 3 && p.as_bytes()[0].is_ascii_alphabetic() && &p.as_bytes()[1..3] == b":/";
    if p.starts_with('/') {
        format!("file://{}", percent_encode(&p))
    } else if is_windows_drive {
        format!("file:///{}", percent_encode(&p))
    } else {
        percent_encode(&p)
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::input::InputError;
    use crate::rules::{Registry, RuleMeta, Settings};
    use crate::text::{Document, Format};

    pub(crate) fn file(path: &str, text: &str, settings: &Settings) -> FileReport {
        let doc = Document::parse(text.to_string(), Format::Txt).unwrap();
        FileReport::of_text(path, analyse(doc, Registry::embedded(), settings))
    }

    /// Two letters and an unreadable input:
    /// - `breve/a,b:c.txt`: Danish letters before the hits, a safe fix
    ///   (»afsende«), an unsafe one (»afhjælpe«, whose message is changed to
    ///   hold `%` and a newline), and a LIX finding about the whole letter.
    /// - `./ok.txt`: nothing to report.
    /// - `mangler,1:2.txt`: could not be read.
    pub(crate) fn sample() -> Report {
        // Any LIX is over 0: the letter gets a finding about all of it.
        let strict = Settings {
            lix_max: Some(0.0),
            ..Settings::default()
        };
        let mut a = file(
            "breve/a,b:c.txt",
            "Kære Søren\n\nVi vil afsende brevet i dag. Så vil vi afhjælpe fejlen.\n",
            &strict,
        );
        for f in &mut a.analysis.findings {
            if f.rule == "kancellisprog/afhjaelpe" {
                f.message = "100 % sikkert:\nskriv »løse«.".into();
            }
        }
        let b = file("./ok.txt", "Tak for dit brev.\n", &Settings::default());
        Report {
            files: vec![a, b],
            errors: vec![InputError::new(
                "mangler,1:2.txt",
                "Filen findes ikke.\n50 % af stien: a,b",
            )],
        }
    }

    /// The lexicon's rules, the LIX rule left out.
    pub(crate) fn sample_rules() -> Vec<&'static RuleMeta> {
        let r = Registry::embedded();
        r.rules()[..r.lexicon().entries().len()].iter().collect()
    }

    fn sarif(report: &Report, rules: &[&RuleMeta]) -> serde_json::Value {
        let mut out = Vec::new();
        let cx = EmitterContext {
            rules,
            fail_on: Some(Severity::Warning),
            ..EmitterContext::default()
        };
        write(&mut out, report, &cx).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("}\n"));
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn sample_has_the_findings_the_tests_rely_on() {
        let report = sample();
        let rules: Vec<&str> = report.files[0]
            .analysis
            .findings
            .iter()
            .map(|f| &*f.rule)
            .collect();
        assert_eq!(
            rules,
            [
                "laesbarhed/lix-max",
                "kancellisprog/afsende",
                "kancellisprog/afhjaelpe"
            ]
        );
        assert!(report.files[1].analysis.findings.is_empty());
    }

    #[test]
    fn log_structure() {
        let report = sample();
        let rules = sample_rules();
        let v = sarif(&report, &rules);
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["$schema"], SCHEMA);
        let runs = v["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "klarbrev");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

        // Every given rule, then the LIX rule built from its finding.
        let descriptors = driver["rules"].as_array().unwrap();
        assert_eq!(descriptors.len(), rules.len() + 1);
        let lix = descriptors.last().unwrap();
        assert_eq!(lix["id"], "laesbarhed/lix-max");
        assert_eq!(lix["name"], "laesbarhed_lix-max");
        assert_eq!(lix["defaultConfiguration"]["level"], "error");
        assert_eq!(lix["properties"]["category"], "laesbarhed");
        assert!(lix.get("fullDescription").is_none());
        let ids: Vec<&str> = descriptors
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "rule ids are unique");
        let fagord = descriptors
            .iter()
            .find(|r| r["properties"]["category"] == "fagord")
            .unwrap();
        assert!(fagord["fullDescription"]["text"].as_str().unwrap().len() > 10);

        // Results in report order; ruleIndex points at the rule.
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for r in results {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(descriptors[i]["id"], r["ruleId"]);
            assert_eq!(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "breve/a,b%3Ac.txt"
            );
        }
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["error", "note", "warning"]);

        // The whole-letter finding: first line only, no fixes.
        let whole = &results[0];
        assert_eq!(
            whole["locations"][0]["physicalLocation"]["region"],
            serde_json::json!({"startLine": 1})
        );
        assert!(whole.get("fixes").is_none());

        // Columns and char offsets count chars, not bytes: »æ« and »ø« on
        // line 1 and »å« before »afhjælpe« are one column each.
        let afsende = &results[1];
        assert_eq!(
            afsende["message"]["text"],
            "Skriv bare »sende« – »afsende« er unødigt formelt. »afsende«"
        );
        let text = &report.files[0].analysis.document.text;
        let offset = text[..text.find("afsende").unwrap()].chars().count();
        assert_eq!(
            afsende["locations"][0]["physicalLocation"]["region"],
            serde_json::json!({
                "startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 15,
                "charOffset": offset, "charLength": 7
            })
        );
        let fix = &afsende["fixes"][0];
        assert_eq!(fix["description"]["text"], "Erstat med »sende«");
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "breve/a,b%3Ac.txt");
        assert_eq!(
            change["replacements"][0],
            serde_json::json!({
                "deletedRegion": {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 15},
                "insertedContent": {"text": "sende"}
            })
        );

        let afhjaelpe = &results[2];
        let region = &afhjaelpe["locations"][0]["physicalLocation"]["region"];
        let col = "Vi vil afsende brevet i dag. Så vil vi ".chars().count() + 1;
        assert_eq!(region["startColumn"], col);
        assert_eq!(region["endColumn"], col + "afhjælpe".chars().count());
        assert_eq!(region["charLength"], 8);
        assert_eq!(
            afhjaelpe["message"]["text"],
            "100 % sikkert:\nskriv »løse«. »afhjælpe«"
        );
        // An unsafe fix is offered too.
        assert_eq!(
            afhjaelpe["fixes"][0]["description"]["text"],
            "Erstat med »løse«"
        );

        // The unreadable input.
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["level"], "error");
        assert_eq!(
            notes[0]["message"]["text"],
            "Filen findes ikke.\n50 % af stien: a,b"
        );
        assert_eq!(
            notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "mangler,1%3A2.txt"
        );
    }

    #[test]
    fn display_fixes_are_left_out_and_clean_runs_succeed() {
        let mut report = sample();
        report.errors.clear();
        for f in &mut report.files[0].analysis.findings {
            for x in &mut f.fixes {
                x.applicability = Applicability::Display;
            }
        }
        let v = sarif(&report, &[]);
        let run = &v["runs"][0];
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        assert_eq!(
            run["invocations"][0]["toolExecutionNotifications"],
            serde_json::json!([])
        );
        for r in run["results"].as_array().unwrap() {
            assert!(r.get("fixes").is_none());
        }
        // Without given rules, each rule comes from its first finding.
        let ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "laesbarhed/lix-max",
                "kancellisprog/afsende",
                "kancellisprog/afhjaelpe"
            ]
        );
    }

    #[test]
    fn output_is_deterministic() {
        let report = sample();
        let rules = sample_rules();
        let cx = EmitterContext {
            rules: &rules,
            ..EmitterContext::default()
        };
        let mut a = Vec::new();
        let mut b = Vec::new();
        write(&mut a, &report, &cx).unwrap();
        write(&mut b, &report, &cx).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn uris() {
        assert_eq!(artifact_uri("./breve/brev.txt"), "breve/brev.txt");
        assert_eq!(artifact_uri(".\\breve\\brev.txt"), "breve/brev.txt");
        assert_eq!(artifact_uri("a b/æ.txt"), "a%20b/%C3%A6.txt");
        assert_eq!(artifact_uri("x:y,z%.txt"), "x%3Ay,z%25.txt");
        assert!(artifact_uri("/srv/breve/a.txt").starts_with("file:///"));
        let cwd = std::env::current_dir().unwrap();
        let inside = cwd.join("breve").join("a.txt");
        assert_eq!(artifact_uri(inside.to_str().unwrap()), "breve/a.txt");
    }
}
