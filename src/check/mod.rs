//! `klarbrev check`: the gate for a letter library. Every letter is read,
//! its type found, analysed with the library's rules and config, and
//! filtered by a baseline; the command streams the reports to an emitter
//! in path order.

pub mod baseline;
pub mod config;

use std::path::{Path, PathBuf};

use crate::analysis::analyse;
use crate::input::{self, InputError, Source};
use crate::report::FileReport;
use crate::rules::{Registry, Settings};
use crate::text::{Document, Format};

pub use baseline::Baseline;
pub use config::{Config, ConfigError};

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
                            format!(
                                "Mappen kunne ikke gennemgås helt ({}).",
                                crate::input::walk_reason(&e)
                            ),
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
pub fn letter_type(doc: &Document, configured: Option<&str>, detect: bool) -> Option<String> {
    if let Some(t) = doc
        .metadata
        .as_ref()
        .and_then(|m| m.get("type"))
        .and_then(|t| t.as_str())
    {
        return Some(t.to_string());
    }
    if let Some(t) = configured {
        return Some(t.to_string());
    }
    if !detect {
        return None;
    }
    // The same choice as `rewrite --template auto`: whole-word cues, at
    // least two, and more than any other template.
    let ranked = crate::template::ranking(&doc.text).ok()?;
    let best = crate::template::chosen(&ranked)?;
    crate::template::Template::all()
        .ok()?
        .iter()
        .find(|t| t.name == best.name)
        .map(|t| t.letter_type.clone())
}

/// The settings `check` gives one letter: the config's, with the library
/// defaults (the LIX limit, the CPR rule) and the rules switched off on
/// the command line.
pub fn library_settings(config: &Config, path: &Path, disable: &[String]) -> Settings {
    let mut s = config.settings(path);
    s.lix_max = s.lix_max.or(Some(config::DEFAULT_LIX_MAX));
    s.library = true;
    s.disable.extend(disable.iter().cloned());
    s
}

/// Checks one letter: read, find its type, analyse, and keep only what the
/// baseline does not know.
pub fn check_file(
    path: &Path,
    config: &Config,
    registry: &Registry,
    disable: &[String],
    baseline: Option<&Baseline>,
) -> Result<FileReport, InputError> {
    let mut settings = library_settings(config, path, disable);
    let source = Source::File(path.to_path_buf());
    let (letter, doc) = input::load(&source, Format::Txt)?;
    settings.letter_type = letter_type(&doc, settings.letter_type.as_deref(), config.detect_types);
    let known = baseline.and_then(|b| b.letter(&letter.path));
    settings.baseline_lix = known.and_then(|l| l.lix);
    let mut analysis = analyse(doc, registry, &settings);
    if let Some(b) = baseline {
        analysis.findings = b.new_findings(&letter.path, &analysis);
    }
    Ok(FileReport::new(letter, analysis))
}
