//! One letter, analysed: its document, segmentation, metrics and findings.
//! This is what every emitter and command works from.

use crate::diagnostic::{
    Applicability, CATEGORY_READABILITY, Finding, Fix, RULE_LIX_MAX, Severity, Text,
};
use crate::fix::{Case, case_of, in_case};
use crate::lexicon::{Hit, Lexicon};
use crate::metrics::{Band, Metrics};
use crate::text::{Document, Segmentation, Span, segment};

/// Settings that turn metrics into findings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A letter whose LIX is above this gets a `laesbarhed/lix-max` finding.
    pub max_lix: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub segmentation: Segmentation,
    pub metrics: Metrics,
    pub findings: Vec<Finding>,
}

/// Analyses a parsed document with the embedded lexicon.
pub fn analyse(document: Document, options: &Options) -> Analysis {
    analyse_with(document, Lexicon::embedded(), options)
}

/// Analyses a parsed document with a given lexicon.
pub fn analyse_with(document: Document, lexicon: &Lexicon, options: &Options) -> Analysis {
    let segmentation = segment(&document, lexicon.abbreviations());
    let mut metrics = Metrics::of(&segmentation);
    let mut seen = vec![false; lexicon.entries().len()];
    let mut findings: Vec<Finding> = lexicon
        .find(&document, &segmentation)
        .into_iter()
        .filter(|hit| {
            // A term is explained once: later hits of a `once` entry are
            // left out.
            let once = lexicon.entries()[hit.entry].once;
            !once || !std::mem::replace(&mut seen[hit.entry], true)
        })
        .map(|hit| lexicon_finding(&document, lexicon, hit))
        .collect();
    if let (Some(max), Some(lix)) = (options.max_lix, metrics.lix) {
        if lix > max {
            findings.push(Finding {
                rule: RULE_LIX_MAX.into(),
                category: CATEGORY_READABILITY.into(),
                severity: Severity::Error,
                message: format!(
                    "Brevets LIX er {} ({}), over grænsen på {}. Skriv kortere sætninger og brug kortere ord.",
                    crate::fmt::decimal(lix),
                    Band::of(lix).name(),
                    crate::fmt::decimal(max)
                )
                .into(),
                explanation: None,
                span: Span::new(0, 0),
                matched: String::new(),
                fixes: Vec::new(),
            });
        }
    }
    findings.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    metrics.count_findings(&findings);
    Analysis {
        document,
        segmentation,
        metrics,
        findings,
    }
}

fn lexicon_finding(doc: &Document, lexicon: &Lexicon, hit: Hit) -> Finding {
    let entry = &lexicon.entries()[hit.entry];
    let form = &entry.forms[hit.form];
    let matched = hit.span.slice(&doc.text);
    let fixes = match (&form.replacement, entry.applicability) {
        (Some(r), a) if a > Applicability::Display => {
            // An entry that must match its case exactly (»De« → »du«)
            // already says how its replacement is written.
            let case = if entry.match_case {
                Case::AsWritten
            } else {
                case_of(matched)
            };
            let replacement: Text = match case {
                Case::AsWritten => r.clone(),
                case => in_case(case, r).into(),
            };
            // Inside a compound the rest of the word may not fit the
            // replacement: a human decides.
            let applicability = if hit.in_compound {
                a.min(Applicability::Unsafe)
            } else {
                a
            };
            vec![Fix {
                replacement,
                applicability,
            }]
        }
        _ => Vec::new(),
    };
    Finding {
        rule: entry.rule_id.clone(),
        category: entry.category.clone(),
        severity: entry.severity,
        message: entry.message.clone(),
        explanation: entry.explanation.clone(),
        span: hit.span,
        matched: matched.to_string(),
        fixes,
    }
}
