//! The command line: a thin clap layer over the library. It parses
//! arguments, runs a command and maps the outcome to an exit code:
//! 0 fine, 1 findings at or above the failing level, 2 usage or input error.

mod score;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "klarbrev",
    version,
    about = "Gør breve fra myndigheder lette at læse: LIX, kancellisprog og enkle omskrivninger.",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Mål brevets læsbarhed: LIX, sætningslængder og fund.
    Score(score::Args),
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
    let cli = Cli::parse();
    match cli.command {
        Command::Score(args) => score::run(args, std::io::stdout().is_terminal()).into(),
    }
}
