//! The application layer: what a command does with one letter, as library
//! calls that the command line and the server both make. It owns scoring a
//! text, rewriting one with the fact gate's verdict, diffing two texts and
//! reading an uploaded file, and the JSON answers of rewrite and diff,
//! declared once here so the CLI's `--format json` and the server's API
//! cannot drift apart. It never prints and knows nothing of HTTP or clap;
//! the callers decide what a verdict means for an exit code or a status.

mod diff;
mod gate;
mod rewrite;
mod upload;

pub use diff::{DiffResponse, Diffed, diff};
pub use gate::{Allow, DropFact, Gate, gate};
pub use rewrite::{RewriteResponse, Rewritten, TemplateUse, rewrite};
pub use upload::{Upload, format_name, format_named, read_upload};

use crate::analysis::{Analysis, analyse};
use crate::rules::{Registry, Settings};
use crate::text::{Document, DocumentError, Format};

/// The version of the JSON answers; it changes only when a field is
/// removed or changes meaning.
pub const JSON_VERSION: u32 = 1;

/// Why a request could not be answered. The messages are Danish and name
/// no file; the caller adds one where it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error(transparent)]
    Rewrite(#[from] crate::rewrite::RewriteError),
    #[error(transparent)]
    Word(#[from] crate::text::docx::DocxError),
    #[error(transparent)]
    Decode(#[from] crate::text::DecodeError),
    /// A format name that is not `txt`, `markdown` or `tera`.
    #[error("ukendt format »{0}«: brug txt, markdown eller tera")]
    Format(String),
}

impl AppError {
    /// The message as a sentence on its own (a capital first letter and a
    /// full stop), for a reader who sees no file name before it.
    pub fn sentence(&self) -> String {
        match self {
            // Already sentences, some ending in a detail without a stop.
            AppError::Word(e) => e.to_string(),
            e => crate::input::capitalise(&e.to_string()),
        }
    }
}

/// Scores one text: parses it in `format` and analyses it with the
/// registry's rules under `settings`.
pub fn score(
    text: String,
    format: Format,
    registry: &Registry,
    settings: &Settings,
) -> Result<Analysis, AppError> {
    let document = Document::parse(text, format)?;
    Ok(analyse(document, registry, settings))
}
