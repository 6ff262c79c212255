//! The command line: a thin clap layer over the library. It parses
//! arguments, runs a command and maps the outcome to an exit code:
//! 0 fine, 1 findings at or above the failing level, 2 usage or input error.

mod check;
mod diff;
mod lexicon;
mod rewrite;
mod score;
mod serve;

use std::path::PathBuf;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand, ValueEnum};

/// Clap's help in Danish: headings, usage and the help and version flags.
pub const HELP_TEMPLATE: &str = "{about}\n\nBrug: {usage}\n\n{all-args}";

#[derive(Parser)]
#[command(
    name = "klarbrev",
    version,
    about = "Gør breve fra myndigheder lette at læse: LIX, kancellisprog og enkle omskrivninger.",
    help_template = HELP_TEMPLATE,
    override_usage = "klarbrev <KOMMANDO> [TILVALG]",
    subcommand_help_heading = "Kommandoer",
    subcommand_value_name = "KOMMANDO",
    next_help_heading = "Tilvalg",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Vis hjælp.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Vis versionen.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Mål brevets læsbarhed: LIX, sætningslængder og fund.
    Score(score::Args),
    /// Omskriv et brev: sikre rettelser fra leksikonet, eller hele brevet fra en skabelon.
    Rewrite(rewrite::Args),
    /// Sammenlign to udgaver af et brev: ord for ord, læsbarhed, fund og fakta.
    Diff(diff::Args),
    /// Tjek et helt brevbibliotek i CI: konfiguration, påkrævet indhold, baseline og CI-formater.
    Check(check::Args),
    /// Se, forklar og tjek leksikonet af kancellisprog.
    #[command(subcommand)]
    Lexicon(lexicon::Command),
    /// Start en lokal webside til sagsbehandlere (intet bliver gemt).
    Serve(serve::Args),
}

/// Reads one letter and analyses it; an unreadable letter is an error
/// naming the file.
pub fn analyse_source(
    source: &klarbrev::input::Source,
    stdin_format: klarbrev::Format,
    lexicon: &klarbrev::lexicon::Lexicon,
    options: &klarbrev::Options,
) -> Result<klarbrev::emit::FileReport, klarbrev::input::InputError> {
    let (letter, document) = klarbrev::input::load(source, stdin_format)?;
    let analysis = klarbrev::analysis::analyse_with(document, lexicon, options);
    Ok(klarbrev::emit::FileReport::new(letter, analysis))
}

/// The source a path argument names (`-` is standard input).
pub fn source_of(path: &std::path::Path) -> klarbrev::input::Source {
    if path.as_os_str() == "-" {
        klarbrev::input::Source::Stdin
    } else {
        klarbrev::input::Source::File(path.to_path_buf())
    }
}

/// Which lexicon to use: the embedded one, plus the user's directories,
/// minus the rules switched off.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LexiconArgs {
    /// Mappe med egne leksikonfiler (*.yaml); et opslag med et eksisterende id erstatter det. Kan gentages.
    #[arg(long = "lexicon", value_name = "MAPPE")]
    dirs: Vec<PathBuf>,
    /// Slå en regel fra (id eller kategori/id). Kan gentages.
    #[arg(long = "disable", value_name = "ID")]
    disabled: Vec<String>,
}

impl LexiconArgs {
    pub fn load(&self) -> Result<klarbrev::lexicon::Lexicon, klarbrev::lexicon::LexiconError> {
        klarbrev::lexicon::Lexicon::load(&self.dirs, &self.disabled)
    }
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    /// Farver, når uddata går til en terminal, og NO_COLOR ikke er sat.
    Auto,
    /// Altid farver.
    Always,
    /// Aldrig farver.
    Never,
}

impl ColorChoice {
    pub fn enabled(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// The outcome of a command, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Fine,
    Findings,
    Error,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Fine => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        })
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Score(args) => score::run(args, std::io::stdout().is_terminal()).into(),
        Command::Rewrite(args) => rewrite::run(args, std::io::stdout().is_terminal()).into(),
        Command::Diff(args) => diff::run(args, std::io::stdout().is_terminal()).into(),
        Command::Check(args) => check::run(args, std::io::stdout().is_terminal()).into(),
        Command::Lexicon(command) => lexicon::run(command).into(),
        Command::Serve(args) => serve::run(args).into(),
    }
}

/// Prints a command-line error in Danish (help and version go out as they
/// are) and returns the matching exit code.
fn usage_error(e: clap::Error) -> ExitCode {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return Outcome::Fine.into();
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return Outcome::Error.into();
        }
        ErrorKind::UnknownArgument => {
            let mut m = format!(
                "ukendt tilvalg »{}«",
                text(ContextKind::InvalidArg).unwrap_or_default()
            );
            if let Some(s) = text(ContextKind::SuggestedArg) {
                m.push_str(&format!(" – mente du »{s}«?"));
            }
            m
        }
        ErrorKind::InvalidSubcommand => {
            let mut m = format!(
                "ukendt kommando »{}«",
                text(ContextKind::InvalidSubcommand).unwrap_or_default()
            );
            if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                m.push_str(&format!(" – mente du »{s}«?"));
            }
            m
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = format!(
                "ugyldig værdi »{}« til {}",
                text(ContextKind::InvalidValue).unwrap_or_default(),
                text(ContextKind::InvalidArg).unwrap_or_default()
            );
            if let Some(valid) = text(ContextKind::ValidValue) {
                m.push_str(&format!("; mulige værdier: {valid}"));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => format!(
            "mangler {}",
            text(ContextKind::InvalidArg).unwrap_or_else(|| "et argument".into())
        ),
        ErrorKind::MissingSubcommand => "mangler en kommando, fx »klarbrev score BREV.txt«".into(),
        _ => format!("kommandolinjen kunne ikke forstås ({})", e.kind()),
    };
    let stop = if message.ends_with(['.', '?']) {
        ""
    } else {
        "."
    };
    eprintln!("fejl: {message}{stop}\nSe »klarbrev --help« for hjælp.");
    Outcome::Error.into()
}
