//! The YAML form of lexicon files, and reading it into typed entries that
//! remember where they were written (file and line), so every problem can be
//! reported as `file:line`.

use std::borrow::Cow;

use serde::Deserialize;

use super::shared::LineFinder;
use crate::diagnostic::{Applicability, Severity};

/// Text of the lexicon: borrowed from the binary for the shipped entries,
/// owned for entries read from a user's files.
pub use crate::diagnostic::Text;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileYaml {
    category: String,
    #[serde(default)]
    entries: Vec<EntryYaml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryYaml {
    id: String,
    severity: Severity,
    applicability: Applicability,
    message: String,
    #[serde(default)]
    explanation: Option<String>,
    #[serde(default)]
    compound: Compound,
    #[serde(default)]
    match_case: bool,
    #[serde(default)]
    position: Position,
    #[serde(default = "yes")]
    ends_sentence: bool,
    #[serde(default)]
    once: bool,
    forms: Vec<FormYaml>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    near_misses: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormYaml {
    form: String,
    #[serde(default)]
    replacement: Option<String>,
}

fn yes() -> bool {
    true
}

/// May a form also match as part of a longer, compound word?
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compound {
    /// Whole words only.
    #[default]
    None,
    /// Also as the first part of a longer word.
    Prefix,
    /// Also as the last part of a longer word.
    Suffix,
    /// Also inside a longer word at either end.
    Both,
}

impl Compound {
    pub fn allows_prefix(self) -> bool {
        matches!(self, Compound::Prefix | Compound::Both)
    }
    pub fn allows_suffix(self) -> bool {
        matches!(self, Compound::Suffix | Compound::Both)
    }
}

/// Where in a sentence a form may match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    #[default]
    Any,
    SentenceStart,
    MidSentence,
}

/// Where a piece of lexicon data was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: Text,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One surface form of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub form: Text,
    pub replacement: Option<Text>,
    pub line: usize,
}

/// One lexicon entry, validated for shape but not yet against the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: Text,
    /// `category/id`, the rule id its findings carry.
    pub rule_id: Text,
    pub category: Text,
    pub severity: Severity,
    pub applicability: Applicability,
    pub message: Text,
    pub explanation: Option<Text>,
    pub compound: Compound,
    pub match_case: bool,
    pub position: Position,
    pub ends_sentence: bool,
    /// Report only the first hit in a letter (a term is explained once).
    pub once: bool,
    pub forms: Vec<Form>,
    pub examples: Vec<Text>,
    pub near_misses: Vec<Text>,
    pub origin: Origin,
}

impl Entry {
    /// The rule id findings carry: the category, a slash, the entry id.
    pub fn rule(&self) -> String {
        self.rule_id.to_string()
    }
}

/// A shipped lexicon file as build.rs compiled it.
pub struct StaticFile {
    pub name: &'static str,
    pub yaml: &'static str,
    pub entries: &'static [StaticEntry],
}

/// A shipped entry as build.rs compiled it.
pub struct StaticEntry {
    pub id: &'static str,
    pub rule: &'static str,
    pub category: &'static str,
    pub severity: Severity,
    pub applicability: Applicability,
    pub message: &'static str,
    pub explanation: Option<&'static str>,
    pub compound: Compound,
    pub match_case: bool,
    pub position: Position,
    pub ends_sentence: bool,
    pub once: bool,
    pub forms: &'static [StaticForm],
    pub examples: &'static [&'static str],
    pub near_misses: &'static [&'static str],
    pub line: usize,
}

pub struct StaticForm {
    pub form: &'static str,
    pub replacement: Option<&'static str>,
    pub line: usize,
}

impl StaticEntry {
    /// The entry, borrowing all its text from the binary.
    pub fn to_entry(&self, file: &'static str) -> Entry {
        Entry {
            id: Cow::Borrowed(self.id),
            rule_id: Cow::Borrowed(self.rule),
            category: Cow::Borrowed(self.category),
            severity: self.severity,
            applicability: self.applicability,
            message: Cow::Borrowed(self.message),
            explanation: self.explanation.map(Cow::Borrowed),
            compound: self.compound,
            match_case: self.match_case,
            position: self.position,
            ends_sentence: self.ends_sentence,
            once: self.once,
            forms: self
                .forms
                .iter()
                .map(|f| Form {
                    form: Cow::Borrowed(f.form),
                    replacement: f.replacement.map(Cow::Borrowed),
                    line: f.line,
                })
                .collect(),
            examples: self.examples.iter().map(|s| Cow::Borrowed(*s)).collect(),
            near_misses: self.near_misses.iter().map(|s| Cow::Borrowed(*s)).collect(),
            origin: Origin {
                file: Cow::Borrowed(file),
                line: self.line,
            },
        }
    }
}

/// A lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct SchemaError {
    pub origin: Origin,
    pub message: String,
}

/// Parses one lexicon file. `file` is the name used in messages.
pub fn parse_file(file: &str, text: &str) -> Result<Vec<Entry>, SchemaError> {
    let parsed: FileYaml = serde_yaml::from_str(text).map_err(|e| SchemaError {
        origin: Origin {
            file: file.to_string().into(),
            line: e.location().map_or(1, |l| l.line()),
        },
        message: format!(
            "ugyldig leksikonfil: {}",
            crate::fmt::danish_serde_error(&e.to_string())
        ),
    })?;
    Ok(entries_of(file, text, parsed))
}

fn entries_of(file: &str, text: &str, parsed: FileYaml) -> Vec<Entry> {
    let lines = LineFinder::new(text);
    // Each entry and form is looked for after the one before it.
    let mut next = 1;
    let mut entries = Vec::with_capacity(parsed.entries.len());
    for e in parsed.entries {
        let line = lines.find("id:", &e.id, next);
        next = line + 1;
        let mut form_after = line;
        let forms = e
            .forms
            .into_iter()
            .map(|f| {
                let fl = lines.find("form:", &f.form, form_after);
                form_after = fl + 1;
                Form {
                    form: f.form.into(),
                    replacement: f.replacement.map(Into::into),
                    line: fl,
                }
            })
            .collect();
        entries.push(Entry {
            rule_id: format!("{}/{}", parsed.category, e.id).into(),
            id: e.id.into(),
            category: parsed.category.clone().into(),
            severity: e.severity,
            applicability: e.applicability,
            message: e.message.into(),
            explanation: e.explanation.map(Into::into),
            compound: e.compound,
            match_case: e.match_case,
            position: e.position,
            ends_sentence: e.ends_sentence,
            once: e.once,
            forms,
            examples: e.examples.into_iter().map(Into::into).collect(),
            near_misses: e.near_misses.into_iter().map(Into::into).collect(),
            origin: Origin {
                file: file.to_string().into(),
                line,
            },
        });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"category: kancellisprog
entries:
  - id: fremsende
    severity: warning
    applicability: safe
    message: "Skriv »sende«."
    forms:
      - { form: fremsende, replacement: sende }
      - { form: "fremsender", replacement: sender }
    examples:
      - "Vi fremsender brevet."
  - id: idet
    severity: warning
    applicability: unsafe
    message: "Skriv »fordi«."
    forms:
      - form: idet
        replacement: fordi
    examples:
      - "Det sker, idet du er syg."
"#;

    #[test]
    fn entries_know_their_lines() {
        let entries = parse_file("k.yaml", FILE).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].origin.line, 3);
        assert_eq!(entries[0].forms[1].line, 9);
        assert_eq!(entries[1].origin.line, 12);
        assert_eq!(entries[1].forms[0].line, 17);
        assert_eq!(entries[1].rule(), "kancellisprog/idet");
        assert_eq!(entries[0].compound, Compound::None);
        assert!(entries[0].ends_sentence);
    }

    #[test]
    fn unknown_fields_and_values_are_errors_with_a_line() {
        let bad = FILE.replace("applicability: unsafe", "applicability: maybe");
        let err = parse_file("k.yaml", &bad).unwrap_err();
        assert_eq!(err.origin.line, 14, "{err}");
        assert!(err.message.contains("ukendt værdi"), "{err}");
        let bad = FILE.replace("    examples:\n      - \"Vi", "    exampels:\n      - \"Vi");
        let err = parse_file("k.yaml", &bad).unwrap_err();
        assert!(err.message.contains("ukendt felt"), "{err}");
    }
}
