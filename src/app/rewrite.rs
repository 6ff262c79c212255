//! Rewriting one letter, with the fact gate's verdict, and the JSON answer
//! that `klarbrev rewrite --format json` and `POST /api/rewrite` both give.

use serde::Serialize;

use super::{Allow, AppError, Gate, JSON_VERSION, gate};
use crate::analysis::Analysis;
use crate::diff::Summary;
use crate::facts::Fact;
use crate::fix::Applied;
use crate::rewrite::{Made, Outcome, Request};
use crate::rules::{Registry, Settings};
use crate::template::Filled;

/// A finished rewrite and the gate's verdict on it.
#[derive(Debug, Clone)]
pub struct Rewritten {
    pub outcome: Outcome,
    pub gate: Gate,
}

/// Rewrites an analysed letter as `request` says (see
/// [`crate::rewrite::rewrite`]) and judges it: refused if it loses or
/// changes a fact or leaves a gap, unless `allow` lets each one go.
pub fn rewrite(
    before: &Analysis,
    registry: &Registry,
    settings: &Settings,
    request: &Request,
    allow: &Allow,
) -> Result<Rewritten, AppError> {
    let outcome = crate::rewrite::rewrite(before, registry, settings, request)?;
    let gate = gate(&outcome.summary.facts, &outcome.after.document.text, allow);
    Ok(Rewritten { outcome, gate })
}

impl Rewritten {
    /// The rewritten text.
    pub fn text(&self) -> &str {
        &self.outcome.after.document.text
    }

    /// The JSON answer. `path` names the letter where there is a file
    /// (the server's texts have none); `written` is where the rewrite was
    /// written, if anywhere.
    pub fn response<'a>(
        &'a self,
        path: Option<&'a str>,
        written: Option<&'a str>,
    ) -> RewriteResponse<'a> {
        let (applied, template): (&[Applied], _) = match &self.outcome.made {
            Made::Fixes(a) => (a, None),
            Made::Template {
                rendered,
                template,
                ranking,
            } => (
                &[],
                Some(TemplateUse {
                    name: &template.name,
                    cue: ranking.first().map(|c| c.top_cue.as_str()),
                    ranking,
                    facts: &rendered.filled,
                }),
            ),
        };
        RewriteResponse {
            version: JSON_VERSION,
            path,
            template,
            applied,
            text: self.text(),
            summary: &self.outcome.summary,
            invented: &self.outcome.invented,
            gate: self.gate,
            written,
        }
    }
}

/// The JSON answer of a rewrite.
#[derive(Debug, Serialize)]
pub struct RewriteResponse<'a> {
    pub version: u32,
    /// The letter's path; absent for a text without a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    /// The template used, if any.
    pub template: Option<TemplateUse<'a>>,
    /// The lexicon's fixes applied (none with a template).
    pub applied: &'a [Applied],
    pub text: &'a str,
    pub summary: &'a Summary,
    /// Facts the rewrite states that neither the original, the template
    /// nor the user gave.
    pub invented: &'a [Fact],
    pub gate: Gate,
    /// Where the rewrite was written; null when it was not.
    pub written: Option<&'a str>,
}

/// A template and the facts it was filled with.
#[derive(Debug, Serialize)]
pub struct TemplateUse<'a> {
    pub name: &'a str,
    /// The cue that chose the template (`auto`).
    pub cue: Option<&'a str>,
    /// `auto`: the top three templates with their cues, the chosen first.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub ranking: &'a [crate::template::Candidate],
    pub facts: &'a [Filled],
}
