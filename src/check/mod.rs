//! `klarbrev check`: the gate for a letter library. Every letter is read,
//! analysed with the library's lexicon and config, checked for what its
//! type must contain and for CPR numbers, filtered by suppression comments,
//! the config's rules and a baseline — in parallel, reported in path order.

pub mod baseline;
pub mod config;
pub mod required;
pub mod suppress;

use std::path::{Path, PathBuf};

use crate::analysis::{Options, analyse_with};
use crate::diagnostic::{Finding, Severity};
use crate::emit::FileReport;
use crate::facts::FactKind;
use crate::input::{self, InputError, Source};
use crate::lexicon::Lexicon;
use crate::text::{Document, Format};

pub use baseline::Baseline;
pub use config::{Config, ConfigError, Settings};

/// Files under `paths` that the library check reads, sorted by path:
/// supported extensions, `.gitignore` respected, the config's include and
/// exclude applied. A path that does not exist is an error.
pub fn discover(paths: &[PathBuf], config: &Config) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
                    match entry {
                        Ok(e) => {
                            let p = e.path();
                            if e.file_type().is_some_and(|t| t.is_file())
                                && Format::from_path(p).is_some()
                                && config.wants(p)
                            {
                                files.push(p.to_path_buf());
                            }
                        }
                        Err(e) => errors.push(InputError::new(
                            path.display().to_string(),
                            format!("Mappen kunne ikke gennemgås helt: {e}"),
                        )),
                    }
                }
            }
            Ok(_) => files.push(path.clone()),
            Err(_) => errors.push(InputError::new(
                path.display().to_string(),
                "Filen eller mappen findes ikke.",
            )),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// The letter type: front matter `type:`, else the config, else (when the
/// config allows) the template whose cues occur at least twice.
pub fn letter_type(doc: &Document, settings: &Settings, detect: bool) -> Option<String> {
    if let Some(t) = doc
        .metadata
        .as_ref()
        .and_then(|m| m.get("type"))
        .and_then(|t| t.as_str())
    {
        return Some(t.to_string());
    }
    if let Some(t) = &settings.letter_type {
        return Some(t.clone());
    }
    if !detect {
        return None;
    }
    let all = crate::template::Template::all().ok()?;
    let scores = crate::template::cue_scores(&doc.text).ok()?;
    let mut best: Option<(usize, usize)> = None;
    for (i, (score, _)) in scores.into_iter().enumerate() {
        if score >= 2 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| all[i].letter_type.clone())
}

/// Checks one letter.
pub fn check_file(
    path: &Path,
    config: &Config,
    lexicon: &Lexicon,
    baseline: Option<&Baseline>,
) -> Result<FileReport, InputError> {
    let settings = config.settings(path);
    let source = Source::File(path.to_path_buf());
    let (letter, doc) = input::load(&source, Format::Txt)?;
    let kind = letter_type(&doc, &settings, config.detect_types);
    let options = Options {
        max_lix: Some(settings.lix_max),
    };
    let mut analysis = analyse_with(doc, lexicon, &options);
    let facts = crate::diff::facts_of(&analysis);
    let mut extra: Vec<Finding> = facts
        .iter()
        .filter(|f| f.kind == FactKind::Cpr)
        .map(|f| Finding {
            rule: "indhold/cpr-nummer".into(),
            category: required::CATEGORY.into(),
            severity: Severity::Error,
            message:
                "Et cpr-nummer hører kun til i et brev til personen selv – aldrig i en skabelon."
                    .into(),
            explanation: None,
            span: f.span,
            matched: f.text.clone(),
            fixes: Vec::new(),
        })
        .collect();
    if let Some(kind) = &kind {
        extra.extend(required::check(kind, &analysis.document.text, &facts));
    }
    let mut findings = std::mem::take(&mut analysis.findings);
    findings.extend(extra);
    if matches!(
        analysis.document.format,
        Format::Markdown | Format::Tera | Format::TeraMarkdown
    ) {
        findings = suppress::apply(&analysis.document.text, findings);
    }
    findings.retain(|f| !settings.disabled(&f.rule));
    for f in &mut findings {
        f.severity = settings.severity_of(&f.rule, &f.category, f.severity);
    }
    findings.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    analysis.findings = findings;
    analysis.metrics.count_findings(&analysis.findings);
    let mut report = FileReport::new(letter, analysis);
    report.letter_type = kind;
    if let Some(b) = baseline {
        b.filter(&mut report);
    }
    Ok(report)
}
