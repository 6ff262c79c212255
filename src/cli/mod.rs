//! The command line: a thin clap layer over the library. It parses
//! arguments, runs a command and maps the outcome to an exit code:
//! 0 fine, 1 findings at or above the failing level, 2 usage or input error.
//! `klarbrev serve` is its own module of the binary (`crate::serve`); it
//! takes the rules the same way ([`LexiconArgs`], [`Rules`]).

mod check;
mod diff;
pub(crate) mod lexicon;
mod rewrite;
mod rules;
mod score;

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
    /// Se og forklar alle regler: leksikonets og de indbyggede.
    #[command(subcommand)]
    Rules(rules::Command),
    /// Se, forklar og tjek leksikonet af kancellisprog.
    #[command(subcommand)]
    Lexicon(lexicon::Command),
    /// Start en lokal webside til sagsbehandlere (intet bliver gemt).
    Serve(crate::serve::Args),
}

/// Reads one letter and analyses it with the rules and the config; an
/// unreadable letter is an error naming the file.
pub fn analyse_source(
    source: &klarbrev::input::Source,
    stdin_format: klarbrev::Format,
    rules: &Rules,
    lix_max: Option<f64>,
) -> Result<klarbrev::emit::FileReport, klarbrev::input::InputError> {
    let (letter, document) = klarbrev::input::load(source, stdin_format)?;
    let mut settings = rules.letter_settings(source_path(source));
    if lix_max.is_some() {
        settings.lix_max = lix_max;
    }
    let analysis = klarbrev::analysis::analyse(document, rules.registry(), &settings);
    Ok(klarbrev::emit::FileReport::new(letter, analysis))
}

fn source_path(source: &klarbrev::input::Source) -> Option<&std::path::Path> {
    match source {
        klarbrev::input::Source::File(p) => Some(p),
        klarbrev::input::Source::Stdin => None,
    }
}

/// How many letters are read at once before their reports are written:
/// enough to keep every core busy, few enough that memory stays flat.
const BATCH: usize = 256;

/// Reads and analyses `items` on all cores, a batch at a time, and hands
/// each report to the emitter in input order as soon as its batch is done,
/// so memory does not grow with the number of letters. `seen` sees every
/// report before it is written; errors are collected, sorted by path, and
/// written at the end.
pub fn stream<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<klarbrev::emit::FileReport, klarbrev::input::InputError> + Sync,
    emitter: &mut dyn klarbrev::emit::Emitter,
    out: &mut dyn std::io::Write,
    errors: &mut Vec<klarbrev::input::InputError>,
    mut seen: impl FnMut(&klarbrev::emit::FileReport),
) -> std::io::Result<()> {
    use rayon::prelude::*;
    // A progress bar only where a person watches and the wait is long.
    let bar = (std::io::stderr().is_terminal() && items.len() > 100).then(|| {
        let bar = indicatif::ProgressBar::new(items.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} breve")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    emitter.begin(out)?;
    for batch in items.chunks(BATCH) {
        let results: Vec<_> = batch.par_iter().map(&work).collect();
        for r in results {
            match r {
                Ok(file) => {
                    seen(&file);
                    emitter.file(out, &file)?;
                }
                Err(e) => errors.push(e),
            }
        }
        if let Some(b) = &bar {
            b.inc(batch.len() as u64);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    emitter.finish(out, errors)
}

/// The source a path argument names (`-` is standard input).
pub fn source_of(path: &std::path::Path) -> klarbrev::input::Source {
    if path.as_os_str() == "-" {
        klarbrev::input::Source::Stdin
    } else {
        klarbrev::input::Source::File(path.to_path_buf())
    }
}

/// Which rules to use: `klarbrev.yaml` (given or found here or in a parent
/// folder), the embedded lexicon plus the user's directories, minus the
/// rules switched off. Every command takes these the same way.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LexiconArgs {
    /// Konfigurationsfil (standard: klarbrev.yaml her eller i en overmappe).
    #[arg(long, value_name = "FIL")]
    pub config: Option<PathBuf>,
    /// Mappe med egne leksikonfiler (*.yaml); et opslag med et eksisterende id erstatter det. Kan gentages.
    #[arg(long = "lexicon", value_name = "MAPPE")]
    dirs: Vec<PathBuf>,
    /// Slå en regel fra: et id, kategori/id eller en hel kategori (se »klarbrev rules«). Kan gentages.
    #[arg(long = "disable", value_name = "REGEL")]
    disabled: Vec<String>,
}

/// The config, the registry and the rules switched off on the command
/// line, all checked.
pub struct Rules {
    pub config: klarbrev::check::Config,
    owned: Option<klarbrev::rules::Registry>,
    pub disable: Vec<String>,
}

impl Rules {
    pub fn registry(&self) -> &klarbrev::rules::Registry {
        self.owned
            .as_ref()
            .unwrap_or_else(|| klarbrev::rules::Registry::embedded())
    }

    /// The settings of one letter outside `check`: what the config says
    /// (rules, severities, an explicit `lix.max`), and the command line's
    /// rules switched off.
    pub fn letter_settings(&self, path: Option<&std::path::Path>) -> klarbrev::rules::Settings {
        let mut s = match path {
            Some(p) => self.config.settings(p),
            None => self.config.settings(std::path::Path::new("-")),
        };
        s.disable.extend(self.disable.iter().cloned());
        // The letter type and the content rules are `check`'s business.
        s.letter_type = None;
        s
    }
}

impl LexiconArgs {
    pub fn load(&self) -> anyhow::Result<Rules> {
        let config = match &self.config {
            Some(file) => klarbrev::check::Config::load(file),
            None => {
                let cwd = std::env::current_dir().map_err(|e| {
                    anyhow::anyhow!(
                        "den aktuelle mappe kan ikke læses ({})",
                        klarbrev::input::io_reason(&e)
                    )
                })?;
                klarbrev::check::Config::discover(&cwd)
            }
        }?;
        let mut dirs = config.lexicon_dirs.clone();
        dirs.extend(self.dirs.iter().cloned());
        let owned = if dirs.is_empty() {
            None
        } else {
            let lexicon = klarbrev::lexicon::Lexicon::load(&dirs)?;
            Some(klarbrev::rules::Registry::new(lexicon))
        };
        let rules = Rules {
            config,
            owned,
            disable: self.disabled.clone(),
        };
        rules.config.check_rules(rules.registry())?;
        for name in &rules.disable {
            rules
                .registry()
                .select(name)
                .map_err(|e| anyhow::anyhow!("--disable {name}: {e}"))?;
        }
        Ok(rules)
    }
}

/// The one place an error reaches the reader: `fejl: …` on standard
/// error. Every message is Danish and says which file and what to do.
pub fn error(message: impl std::fmt::Display) {
    eprintln!("fejl: {message:#}");
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
        Command::Rules(command) => rules::run(command).into(),
        Command::Lexicon(command) => lexicon::run(command).into(),
        Command::Serve(args) => crate::serve::run(args).into(),
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
    crate::cli::error(format_args!(
        "{message}{stop}\nSe »klarbrev --help« for hjælp."
    ));
    Outcome::Error.into()
}
