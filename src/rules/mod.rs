//! Rules: what turns a letter into findings. Every rule has a [`RuleMeta`]
//! — id, category, default severity, what it says, how it can be fixed and
//! where it comes from — and the [`Registry`] holds them all: the lexicon's
//! entries (one rule each) and the built-in rules, each in its own file with
//! its own documentation and tests. A finding is always made from its
//! rule's meta ([`RuleMeta::finding`]), so it can never disagree with the
//! rule list that `klarbrev rules`, SARIF and the config see.

mod cpr;
mod lexicon;
mod lix_max;
mod lix_rise;
mod plain_facts;
mod registry;
pub mod required;
mod settings;
pub mod suppress;
mod unused_suppression;

use std::sync::OnceLock;

use crate::diagnostic::{Applicability, Finding, Fix, Severity, Text};
use crate::facts::Fact;
use crate::metrics::Metrics;
use crate::text::{Document, Segmentation, Span};

pub use lexicon::check as lexicon_check;
pub use lix_rise::LIX_SLACK;
pub use registry::{Registry, RuleError};
pub use settings::{Settings, matches_rule};

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSource {
    /// An entry of the lexicon, at a file and line.
    Lexicon { file: Text, line: usize },
    /// Built into klarbrev.
    BuiltIn,
}

/// A built-in rule's documentation, in the same four sections for every
/// rule (as `klarbrev rules explain` prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule flags.
    pub flags: &'static str,
    /// Why it matters, with the legal source where there is one.
    pub why: &'static str,
    /// A text the rule flags.
    pub example: &'static str,
    /// Whether and how a finding of it can be fixed.
    pub fix: &'static str,
}

/// What klarbrev knows about a rule before it has found anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// `category/id`, e.g. `kancellisprog/fremsende` or `laesbarhed/lix-max`.
    pub id: Text,
    pub category: Text,
    pub severity: Severity,
    /// The rule's Danish message: one sentence, what is wrong and what to do.
    pub summary: Text,
    /// A plain explanation a letter could give its reader (for `fagord`).
    pub explanation: Option<Text>,
    /// The most a fix of this rule may be trusted; `None` when the rule
    /// never suggests a fix.
    pub fix: Option<Applicability>,
    pub source: RuleSource,
    /// For built-in rules; a lexicon entry is documented by its fields.
    pub doc: Option<&'static RuleDoc>,
}

impl RuleMeta {
    /// The id after the category: `fremsende` of `kancellisprog/fremsende`.
    pub fn bare_id(&self) -> &str {
        self.id.split_once('/').map_or(&*self.id, |(_, id)| id)
    }

    /// A finding of this rule at `span` with the rule's own message.
    pub fn finding(&self, span: Span, matched: impl Into<String>) -> Finding {
        Finding {
            rule: self.id.clone(),
            category: self.category.clone(),
            severity: self.severity,
            message: self.summary.clone(),
            explanation: self.explanation.clone(),
            span,
            matched: matched.into(),
            fixes: Vec::new(),
        }
    }

    /// A finding about the whole letter, with a message that says more than
    /// the rule's summary (a LIX, a limit).
    pub fn letter_finding(&self, message: String) -> Finding {
        let mut f = self.finding(Span::new(0, 0), String::new());
        f.message = message.into();
        f
    }
}

impl Finding {
    /// The finding with a suggested replacement.
    pub fn with_fix(mut self, replacement: Text, applicability: Applicability) -> Finding {
        self.fixes.push(Fix {
            replacement,
            applicability,
        });
        self
    }
}

/// What a rule may look at: the parsed letter, its segmentation and
/// metrics, its settings and type, and its facts (read on first use).
pub struct Context<'a> {
    pub document: &'a Document,
    pub segmentation: &'a Segmentation,
    pub metrics: &'a Metrics,
    pub settings: &'a Settings,
    facts: &'a OnceLock<Vec<Fact>>,
}

impl<'a> Context<'a> {
    pub fn new(
        document: &'a Document,
        segmentation: &'a Segmentation,
        metrics: &'a Metrics,
        settings: &'a Settings,
        facts: &'a OnceLock<Vec<Fact>>,
    ) -> Self {
        Context {
            document,
            segmentation,
            metrics,
            settings,
            facts,
        }
    }

    /// The letter type, when known (`check` finds it before the analysis).
    pub fn letter_type(&self) -> Option<&'a str> {
        self.settings.letter_type.as_deref()
    }

    /// The letter's facts, outside front matter and template tags.
    pub fn facts(&self) -> &'a [Fact] {
        self.facts.get_or_init(|| facts_of(self.document))
    }

    /// The letter's prose in lower case: what the content rules read.
    pub fn prose_lower(&self) -> String {
        self.document.prose_text().to_lowercase()
    }
}

/// The facts of a document, outside front matter and template tags.
pub fn facts_of(doc: &Document) -> Vec<Fact> {
    let mut skip: Vec<std::ops::Range<usize>> = doc.tags.iter().map(|t| t.range.clone()).collect();
    if let Some(fm) = &doc.front_matter {
        skip.push(fm.clone());
    }
    crate::facts::extract(&doc.text, &skip)
}

/// A built-in rule (or a family of rules, such as the required elements):
/// the rules it can report and how it finds them.
pub trait Rule: Send + Sync {
    /// Every rule this check can report.
    fn metas(&self) -> &'static [RuleMeta];
    /// Adds the findings of this check for one letter.
    fn check(&self, _cx: &Context<'_>, _found: &mut Vec<Finding>) {}
    /// Runs after every rule's `check`, over all the letter's findings: for
    /// rules about other findings (suppression comments).
    fn review(&self, _cx: &Context<'_>, _found: &mut Vec<Finding>) {}
}

/// The built-in rules, in the order `klarbrev rules` lists them.
pub fn built_in() -> [&'static dyn Rule; 6] {
    [
        &plain_facts::PlainFacts,
        &lix_max::LixMax,
        &lix_rise::LixRise,
        &required::Required,
        &cpr::Cpr,
        &unused_suppression::UnusedSuppression,
    ]
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small helpers for the rules' own tests.

    use super::*;

    /// The rule ids the whole analysis reports for `text` (Markdown) with
    /// the given settings, in order.
    pub fn rules_for(text: &str, settings: &Settings) -> Vec<String> {
        let doc = Document::parse(text.to_string(), crate::text::Format::Markdown).unwrap();
        crate::analysis::analyse(doc, Registry::embedded(), settings)
            .findings
            .into_iter()
            .map(|f| f.rule.into_owned())
            .collect()
    }
}
