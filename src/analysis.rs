//! One letter, analysed: its document, segmentation, metrics and findings.
//! This is what every emitter and command works from.

use crate::diagnostic::{CATEGORY_READABILITY, Finding, RULE_LIX_MAX, Severity};
use crate::lexicon::Abbreviations;
use crate::metrics::Metrics;
use crate::text::{Document, Segmentation, Span, segment};

/// Settings that turn metrics into findings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A letter whose LIX is above this gets a `lix-max` finding.
    pub max_lix: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub segmentation: Segmentation,
    pub metrics: Metrics,
    pub findings: Vec<Finding>,
}

/// Analyses a parsed document.
pub fn analyse(document: Document, options: &Options) -> Analysis {
    let segmentation = segment(&document, Abbreviations::embedded());
    let metrics = Metrics::of(&segmentation);
    let mut findings = Vec::new();
    if let (Some(max), Some(lix)) = (options.max_lix, metrics.lix) {
        if lix > max {
            findings.push(Finding {
                rule: RULE_LIX_MAX.into(),
                category: CATEGORY_READABILITY.into(),
                severity: Severity::Error,
                message: format!(
                    "Brevets LIX er {} ({}), over grænsen på {}. Skriv kortere sætninger og brug kortere ord.",
                    crate::fmt::decimal(lix),
                    crate::metrics::Band::of(lix).name(),
                    crate::fmt::decimal(max)
                ),
                span: Span::new(0, 0),
                matched: String::new(),
                fixes: Vec::new(),
            });
        }
    }
    findings.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    Analysis {
        document,
        segmentation,
        metrics,
        findings,
    }
}
