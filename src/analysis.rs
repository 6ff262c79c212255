//! One letter, analysed: its document, segmentation, metrics, facts and
//! final findings. [`analyse`] is the one place rules turn into findings:
//! the lexicon's and the built-in rules run, suppression comments, disabled
//! rules and severity overrides are applied, and the findings are sorted
//! once. Every command and the server work from its result.

use std::sync::OnceLock;

use crate::diagnostic::Finding;
use crate::facts::Fact;
use crate::metrics::Metrics;
use crate::rules::{Context, Registry, Settings};
use crate::text::{Document, Segmentation, segment};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub segmentation: Segmentation,
    pub metrics: Metrics,
    /// Sorted by span, then rule id.
    pub findings: Vec<Finding>,
    /// The letter type the content rules used, if any.
    pub letter_type: Option<String>,
    facts: OnceLock<Vec<Fact>>,
}

impl Analysis {
    /// The letter's facts (outside front matter and template tags), read
    /// on first use.
    pub fn facts(&self) -> &[Fact] {
        self.facts
            .get_or_init(|| crate::rules::facts_of(&self.document))
    }

    /// Findings per category, as the summaries show them.
    pub fn findings_by_category(&self) -> std::collections::BTreeMap<String, usize> {
        count_by_category(&self.findings)
    }

    /// Findings per 100 words; none without words.
    pub fn findings_per_100_words(&self) -> Option<f64> {
        let words = self.metrics.words;
        (words > 0).then(|| 100.0 * self.findings.len() as f64 / words as f64)
    }
}

/// Counts findings by category.
pub fn count_by_category(findings: &[Finding]) -> std::collections::BTreeMap<String, usize> {
    let mut by: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for f in findings {
        // A key is made once per category, not once per finding.
        match by.get_mut(&*f.category) {
            Some(n) => *n += 1,
            None => {
                by.insert(f.category.to_string(), 1);
            }
        }
    }
    by
}

/// Analyses a parsed document with the registry's rules under `settings`.
pub fn analyse(document: Document, registry: &Registry, settings: &Settings) -> Analysis {
    let segmentation = segment(&document, registry.lexicon().abbreviations());
    let metrics = Metrics::of(&segmentation);
    let facts = OnceLock::new();
    let mut findings = Vec::new();
    {
        let cx = Context::new(&document, &segmentation, &metrics, settings, &facts);
        crate::rules::lexicon_check(registry, &cx, &mut findings);
        for rule in registry.built_in() {
            rule.check(&cx, &mut findings);
        }
        for rule in registry.built_in() {
            rule.review(&cx, &mut findings);
        }
    }
    if !settings.disable.is_empty() {
        findings.retain(|f| !settings.disabled(&f.rule));
    }
    if !settings.severity.is_empty() {
        for f in &mut findings {
            f.severity = settings.severity_of(&f.rule, &f.category, f.severity);
        }
    }
    findings.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    Analysis {
        document,
        segmentation,
        metrics,
        findings,
        letter_type: settings.letter_type.clone(),
        facts,
    }
}
