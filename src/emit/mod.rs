//! Output formats. Each format is one small emitter behind the [`Emitter`]
//! trait: it is given each letter's report as soon as that letter is done,
//! in path order, and the unreadable inputs at the end, so no format holds
//! a library in memory. Positions are found with one line/column cursor per
//! letter. Commands choose the format and the writer.

pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::input::InputError;
pub use crate::report::{FileReport, Report};
use crate::rules::RuleMeta;

/// What every emitter may need besides the letters: the rules of the run
/// (SARIF lists them), the failing threshold (JUnit marks failures with it)
/// and whether to colour.
#[derive(Debug, Clone, Copy)]
pub struct EmitterContext<'a> {
    pub rules: &'a [&'a RuleMeta],
    pub fail_on: Option<Severity>,
    pub style: human::Style,
}

impl Default for EmitterContext<'_> {
    fn default() -> Self {
        EmitterContext {
            rules: &[],
            fail_on: None,
            style: human::Style { color: false },
        }
    }
}

/// One output format, written letter by letter.
pub trait Emitter {
    /// Before the first letter.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One letter, as soon as it is done.
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()>;
    /// After the last letter: the inputs that could not be read, sorted by
    /// path.
    fn finish(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()>;
}

/// Writes a whole report through an emitter.
pub fn write_report(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    report: &Report,
) -> io::Result<()> {
    emitter.begin(out)?;
    for f in &report.files {
        emitter.file(out, f)?;
    }
    emitter.finish(out, &report.errors)
}
