//! `klarbrev score`: metrics and findings per letter.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{ColorChoice, Outcome};
use klarbrev::diagnostic::Severity;
use klarbrev::emit::{self, Emitter};
use klarbrev::input;
use klarbrev::text::Format;

#[derive(clap::Args)]
#[command(
    help_template = super::HELP_TEMPLATE,
    override_usage = "klarbrev score [TILVALG] <STI>...",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Filer, mapper (gennemgås for .txt, .md, .tera og .md.tera) eller - for standardinput.
    #[arg(required = true, value_name = "STI", help_heading = "Argumenter")]
    paths: Vec<PathBuf>,
    /// Uddataformat: human (læsbar oversigt, standard) eller json (se README).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, hide_possible_values = true, hide_default_value = true)]
    format: OutputFormat,
    /// Et brev med en LIX over N er et fund (afslutningskode 1).
    #[arg(long, value_name = "N")]
    fail_lix: Option<f64>,
    /// Laveste alvor, der giver afslutningskode 1: error, warning (standard), info eller never.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, hide_possible_values = true, hide_default_value = true)]
    fail_on: FailOn,
    #[command(flatten)]
    lexicon: super::LexiconArgs,
    /// Formatet af tekst fra standardinput: txt (standard), markdown eller tera.
    #[arg(long, value_enum, default_value_t = InputFormat::Txt, hide_possible_values = true, hide_default_value = true)]
    stdin_format: InputFormat,
    /// Farver: auto (kun i en terminal og uden NO_COLOR, standard), always eller never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, hide_possible_values = true, hide_default_value = true)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    /// Læsbar oversigt pr. brev.
    Human,
    /// Ét JSON-dokument (se README for felterne).
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum InputFormat {
    Txt,
    Markdown,
    Tera,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Txt => Format::Txt,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Tera => Format::TeraMarkdown,
        }
    }
}

pub fn run(args: Args, stdout_is_terminal: bool) -> Outcome {
    if let Some(n) = args.fail_lix {
        if !n.is_finite() || n < 0.0 {
            crate::cli::error(format_args!(
                "--fail-lix skal være et tal på 0 eller derover, ikke {n}."
            ));
            return Outcome::Error;
        }
    }
    let rules = match args.lexicon.load() {
        Ok(r) => r,
        Err(e) => {
            crate::cli::error(&e);
            return Outcome::Error;
        }
    };
    let stdin_format = Format::from(args.stdin_format);
    let (sources, mut errors) = input::discover(&args.paths);
    let threshold = args.fail_on.threshold();
    let mut failing = false;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut emitter: Box<dyn Emitter> = match args.format {
        OutputFormat::Json => Box::new(emit::json::Json::default()),
        OutputFormat::Human => Box::new(emit::human::Human::new(emit::human::Style {
            color: args.color.enabled(stdout_is_terminal),
        })),
    };
    let written = super::stream(
        &sources,
        |source| super::analyse_source(source, stdin_format, &rules, args.fail_lix),
        &mut *emitter,
        &mut out,
        &mut errors,
        |file| {
            failing |= threshold
                .is_some_and(|min| file.analysis.findings.iter().any(|f| f.severity >= min));
        },
    )
    .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            crate::cli::error(format_args!(
                "resultatet kunne ikke skrives ({})",
                klarbrev::input::io_reason(&e)
            ));
            return Outcome::Error;
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            crate::cli::error(e);
        }
        return Outcome::Error;
    }
    if failing {
        Outcome::Findings
    } else {
        Outcome::Fine
    }
}
