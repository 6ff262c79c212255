//! Baselines: today's findings, recorded so CI fails only on new ones. A
//! finding is known by a fingerprint without line numbers — path, rule,
//! matched text, the words around it and which occurrence of that it is —
//! so an edit above it does not make it new. Each letter's LIX is recorded
//! too; a letter fails when its LIX rises by more than [`LIX_SLACK`].

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, Severity};
use crate::emit::FileReport;
use crate::text::Span;

/// How much a letter's LIX may rise over its baseline.
pub const LIX_SLACK: f64 = 0.5;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub letters: Vec<Letter>,
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
pub fn fingerprints(file: &FileReport) -> Vec<Fingerprint> {
    let text = &file.analysis.document.text;
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    file.analysis
        .findings
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

impl Baseline {
    /// Today's findings and LIX of every letter, sorted for a stable file.
    pub fn record(files: &[FileReport]) -> Baseline {
        let mut letters: Vec<Letter> = files
            .iter()
            .map(|f| {
                let mut findings = fingerprints(f);
                findings.sort();
                Letter {
                    path: f.path.trim_start_matches("./").to_string(),
                    lix: f.analysis.metrics.lix.map(|x| (x * 100.0).round() / 100.0),
                    findings,
                }
            })
            .collect();
        letters.sort_by(|a, b| a.path.cmp(&b.path));
        Baseline {
            version: 1,
            letters,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Baseline, String> {
        serde_json::from_str(text).map_err(|e| format!("ikke en gyldig baseline: {e}"))
    }

    /// Drops every finding the baseline knows, and adds a finding for a
    /// letter whose LIX rose by more than [`LIX_SLACK`].
    pub fn filter(&self, file: &mut FileReport) {
        let path = file.path.trim_start_matches("./");
        let by_path: BTreeMap<&str, &Letter> =
            self.letters.iter().map(|l| (l.path.as_str(), l)).collect();
        let Some(known) = by_path.get(path) else {
            return;
        };
        let old: HashSet<&Fingerprint> = known.findings.iter().collect();
        let prints = fingerprints(file);
        let findings = std::mem::take(&mut file.analysis.findings);
        file.analysis.findings = findings
            .into_iter()
            .zip(prints)
            .filter(|(_, p)| !old.contains(p))
            .map(|(f, _)| f)
            .collect();
        if let (Some(before), Some(now)) = (known.lix, file.analysis.metrics.lix) {
            if now > before + LIX_SLACK {
                file.analysis.findings.insert(
                    0,
                    Finding {
                        rule: "laesbarhed/lix-steget".into(),
                        category: "laesbarhed".into(),
                        severity: Severity::Error,
                        message: format!(
                            "Brevets LIX er steget fra {} til {} siden baseline.",
                            crate::fmt::decimal(before),
                            crate::fmt::decimal(now)
                        )
                        .into(),
                        explanation: None,
                        span: Span::new(0, 0),
                        matched: String::new(),
                        fixes: Vec::new(),
                    },
                );
            }
        }
        file.analysis
            .metrics
            .count_findings(&file.analysis.findings);
    }
}
