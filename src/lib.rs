//! klarbrev makes Danish letters from public authorities readable. It
//! scores a letter (LIX done the Danish way, long sentences, bureaucratic
//! language), suggests plain rewrites, and checks that a rewrite keeps every
//! fact.
//!
//! Data flows one way: bytes → [`text::Document`] → [`lexicon`] →
//! [`rules`] → [`analysis::Analysis`] → [`report`] → emitters in [`emit`]
//! → the commands. [`app`] is what the command line and the server both
//! call: score, rewrite with the fact gate's verdict, diff, read an upload. `ARCHITECTURE.md` says what each stage owns. The
//! library never prints; the binary decides what goes where.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod app;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod facts;
pub mod fix;
pub mod fmt;
pub mod input;
pub mod lexicon;
pub mod metrics;
pub mod output;
pub mod report;
pub mod rewrite;
pub mod rules;
pub mod template;
pub mod text;

pub use analysis::{Analysis, analyse};
pub use diagnostic::{Applicability, Finding, Fix, Severity};
pub use metrics::{Band, Metrics};
pub use rules::{Registry, Settings};
pub use text::{Document, Format, Span};

/// Scores a text in the given format with default options: the shortest
/// way from a string to its metrics.
pub fn score_text(text: &str, format: Format) -> Result<Analysis, text::DocumentError> {
    let doc = Document::parse(text.to_string(), format)?;
    Ok(analyse(doc, Registry::embedded(), &Settings::default()))
}
