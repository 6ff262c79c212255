//! Baselines: today's findings, recorded so CI fails only on new ones. A
//! finding is known by a fingerprint without line numbers — path, rule,
//! matched text, the words around it and which occurrence of that it is —
//! so an edit above it does not make it new. Each letter's LIX is recorded
//! too; a letter fails when its LIX rises by more than [`LIX_SLACK`] (the
//! rule `laesbarhed/lix-steget`, which the analysis runs with the LIX from
//! here).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::diagnostic::Finding;
use crate::text::Span;

pub use crate::rules::LIX_SLACK;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub letters: Vec<Letter>,
    /// Letters by path, made on first look-up.
    #[serde(skip)]
    index: OnceLock<HashMap<String, usize>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    pub path: String,
    pub lix: Option<f64>,
    pub findings: Vec<Fingerprint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    pub rule: String,
    pub matched: String,
    pub context: String,
    pub occurrence: u32,
}

/// The fingerprints of a letter's findings, in the letter's order.
pub fn fingerprints(text: &str, findings: &[Finding]) -> Vec<Fingerprint> {
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let matched = f
                .matched
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let context = context(text, f.span);
            let n = seen
                .entry((f.rule.to_string(), matched.clone(), context.clone()))
                .or_default();
            *n += 1;
            Fingerprint {
                rule: f.rule.to_string(),
                matched,
                context,
                occurrence: *n,
            }
        })
        .collect()
}

/// Two words before and two after a span, lower case; nothing for a
/// finding about the whole letter.
fn context(text: &str, span: Span) -> String {
    if span.is_empty() && span.start == 0 {
        return String::new();
    }
    let before: Vec<&str> = text[..span.start]
        .split_whitespace()
        .rev()
        .take(2)
        .collect();
    let after: Vec<&str> = text[span.end..].split_whitespace().take(2).collect();
    let mut words: Vec<&str> = before.into_iter().rev().collect();
    words.push("…");
    words.extend(after);
    words.join(" ").to_lowercase()
}

/// How a path is written in a baseline.
fn key(path: &str) -> &str {
    path.trim_start_matches("./")
}

impl Letter {
    /// Today's findings and LIX of one letter.
    pub fn of(path: &str, analysis: &Analysis) -> Letter {
        let mut findings = fingerprints(&analysis.document.text, &analysis.findings);
        findings.sort();
        Letter {
            path: key(path).to_string(),
            lix: analysis.metrics.lix.map(|x| (x * 100.0).round() / 100.0),
            findings,
        }
    }
}

/// A baseline file that is not what `--write-baseline` writes; the payload
/// is the (Danish) reason.
#[derive(Debug, thiserror::Error)]
#[error("ikke en gyldig baseline ({0}); skriv en ny med »klarbrev check --write-baseline FIL«")]
pub struct BaselineError(pub String);

impl Baseline {
    /// A baseline of these letters, sorted by path for a stable file.
    pub fn record(mut letters: Vec<Letter>) -> Baseline {
        letters.sort_by(|a, b| a.path.cmp(&b.path));
        Baseline {
            version: 1,
            letters,
            index: OnceLock::new(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Baseline, BaselineError> {
        serde_json::from_str(text)
            .map_err(|e| BaselineError(crate::fmt::danish_serde_error(&e.to_string())))
    }

    /// What the baseline knows of a letter.
    pub fn letter(&self, path: &str) -> Option<&Letter> {
        let index = self.index.get_or_init(|| {
            self.letters
                .iter()
                .enumerate()
                .map(|(i, l)| (l.path.clone(), i))
                .collect()
        });
        index.get(key(path)).map(|&i| &self.letters[i])
    }

    /// The findings of a letter the baseline does not know.
    pub fn new_findings(&self, path: &str, analysis: &Analysis) -> Vec<Finding> {
        let Some(known) = self.letter(path) else {
            return analysis.findings.clone();
        };
        let old: HashSet<&Fingerprint> = known.findings.iter().collect();
        let prints = fingerprints(&analysis.document.text, &analysis.findings);
        analysis
            .findings
            .iter()
            .zip(prints)
            .filter(|(_, p)| !old.contains(p))
            .map(|(f, _)| f.clone())
            .collect()
    }
}
