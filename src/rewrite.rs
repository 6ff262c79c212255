//! Rewriting a letter with the lexicon's fixes. Fixes are applied round by
//! round until none is left (a replacement can meet its new neighbours and
//! form a phrase the lexicon knows), so rewriting a rewrite changes nothing.

use crate::analysis::{Analysis, analyse};
use crate::diagnostic::Applicability;
use crate::fix::{Applied, apply};
use crate::rules::{Registry, Settings};
use crate::text::{Document, DocumentError};

/// At most this many rounds; real letters settle in one or two.
const MAX_ROUNDS: usize = 8;

/// The result of applying fixes.
#[derive(Debug, Clone)]
pub struct FixedText {
    pub text: String,
    /// The fixes applied, round by round (spans refer to the text of their
    /// round).
    pub applied: Vec<Applied>,
    /// The analysis of the final text.
    pub analysis: Analysis,
}

/// Applies every fix at least as trusted as `min` to the analysed letter.
pub fn apply_fixes(
    analysis: Analysis,
    registry: &Registry,
    settings: &Settings,
    min: Applicability,
) -> Result<FixedText, DocumentError> {
    let mut current = analysis;
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let (text, round) = apply(&current.document.text, &current.findings, min);
        if round.is_empty() {
            break;
        }
        applied.extend(round);
        let doc = Document::parse(text, current.document.format)?;
        current = analyse(doc, registry, settings);
    }
    Ok(FixedText {
        text: current.document.text.clone(),
        applied,
        analysis: current,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;

    fn rewrite(text: &str, min: Applicability) -> FixedText {
        let registry = Registry::embedded();
        let settings = Settings::default();
        let doc = Document::parse(text.to_string(), Format::Txt).unwrap();
        let a = analyse(doc, registry, &settings);
        apply_fixes(a, registry, &settings, min).unwrap()
    }

    #[test]
    fn safe_fixes_keep_case_and_everything_around_them() {
        let r = rewrite(
            "Vi FREMSENDER brevet.\n\nEndvidere  skal du svare, såfremt du kan.",
            Applicability::Safe,
        );
        assert_eq!(
            r.text,
            "Vi SENDER brevet.\n\nDesuden  skal du svare, hvis du kan."
        );
        assert_eq!(r.applied.len(), 3);
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let text = "Det sker, idet du er syg.";
        assert_eq!(rewrite(text, Applicability::Safe).text, text);
        assert_eq!(
            rewrite(text, Applicability::Unsafe).text,
            "Det sker, fordi du er syg."
        );
    }

    #[test]
    fn a_clean_text_is_left_alone() {
        let text = "Du skal komme til en samtale hos os.\nRing, hvis du er syg.";
        let r = rewrite(text, Applicability::Unsafe);
        assert_eq!(r.text, text);
        assert!(r.applied.is_empty());
    }

    #[test]
    fn rewriting_a_rewrite_changes_nothing() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/indkaldelse-samtale.txt"
        ))
        .unwrap();
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let once = rewrite(&text, min);
            assert_ne!(once.text, text);
            let twice = rewrite(&once.text, min);
            assert_eq!(twice.text, once.text);
            assert!(twice.applied.is_empty());
        }
    }
}

/// How a rewrite was made.
#[derive(Debug, Clone)]
pub enum Made {
    /// The lexicon's fixes, applied round by round.
    Fixes(Vec<Applied>),
    /// A letter template, filled with the original's facts.
    Template {
        rendered: Box<crate::template::Rendered>,
        template: Box<crate::template::Template>,
        /// The top three templates for `auto`, the chosen one first (its
        /// most frequent cue is the one that decided); empty for a named
        /// template.
        ranking: Vec<crate::template::Candidate>,
    },
}

/// What to rewrite with.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// A template name, `auto`, or none for the lexicon's fixes.
    pub template: Option<String>,
    /// Apply the fixes a human should look at too.
    pub unsafe_fixes: bool,
    /// Facts the user gives the template (`--set`, `--facts`).
    pub user: std::collections::BTreeMap<String, String>,
    /// The sender's details from `klarbrev.yaml` (`municipality:`), for
    /// the slots nothing else fills.
    pub config: std::collections::BTreeMap<String, String>,
}

/// A finished rewrite and how it compares to the original.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub after: Analysis,
    pub made: Made,
    pub summary: crate::diff::Summary,
    /// Facts the rewrite states that the original does not, and that
    /// neither the template (as a constant) nor the user gave.
    pub invented: Vec<crate::facts::Fact>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RewriteError {
    #[error("{0}")]
    Template(#[from] crate::template::TemplateError),
    #[error("{0}")]
    Document(#[from] DocumentError),
}

/// Rewrites an analysed letter: with the lexicon's fixes, or from a
/// template filled with its facts; then compares the facts.
pub fn rewrite(
    before: &Analysis,
    registry: &Registry,
    settings: &Settings,
    request: &Request,
) -> Result<Outcome, RewriteError> {
    use crate::template::{self, Template};
    use crate::text::Format;
    // Read once: they fill a template and are what the rewrite must keep.
    let facts = before.facts();
    let (after, made) = match &request.template {
        None => {
            let min = if request.unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let fixed = apply_fixes(before.clone(), registry, settings, min)?;
            (fixed.analysis, Made::Fixes(fixed.applied))
        }
        Some(name) => {
            let (template, ranking) = if name == "auto" {
                template::choose(&before.document.text)?
            } else {
                (Template::named(name)?, Vec::new())
            };
            let sources = template::Sources {
                text: &before.document.text,
                sentences: before
                    .segmentation
                    .sentences
                    .iter()
                    .map(|s| (s.span.start, s.span.end))
                    .collect(),
                facts,
                metadata: before.document.metadata.as_ref(),
                user: &request.user,
                config: &request.config,
            };
            let rendered = template::render(&template, &sources)?;
            let doc = Document::parse(rendered.text.clone(), Format::Markdown)?;
            (
                analyse(doc, registry, settings),
                Made::Template {
                    rendered: Box::new(rendered),
                    template: Box::new(template),
                    ranking,
                },
            )
        }
    };
    let summary = crate::diff::summary(before, &after);
    let invented = summary
        .facts
        .added
        .iter()
        .filter(|f| match &made {
            Made::Template { template, .. } => {
                !template
                    .constants
                    .iter()
                    .any(|c| c.contains(&f.text) || f.text.contains(c.as_str()))
                    && !request.user.values().any(|v| v.contains(&f.text))
            }
            Made::Fixes(_) => true,
        })
        .cloned()
        .collect();
    Ok(Outcome {
        after,
        made,
        summary,
        invented,
    })
}
