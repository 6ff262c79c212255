//! `klarbrev check [PATH…]`: the CI gate over a letter library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;

use super::score::FailOn;
use super::{ColorChoice, LexiconArgs, Outcome};
use klarbrev::check::{self, Baseline, Config};
use klarbrev::diagnostic::Severity;
use klarbrev::emit::{self, FileReport, Report, RuleInfo};
use klarbrev::input::InputError;
use klarbrev::lexicon::Lexicon;
use klarbrev::output::write_atomic;

#[derive(clap::Args)]
#[command(
    help_template = super::HELP_TEMPLATE,
    override_usage = "klarbrev check [TILVALG] [STI]...",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Filer og mapper med breve (standard: den aktuelle mappe).
    #[arg(value_name = "STI", help_heading = "Argumenter")]
    paths: Vec<PathBuf>,
    /// Konfigurationsfil (standard: klarbrev.yaml her eller i en overmappe).
    #[arg(long, value_name = "FIL")]
    config: Option<PathBuf>,
    /// Uddataformat: human (standard), json, sarif, junit eller github.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human, hide_possible_values = true, hide_default_value = true)]
    format: CheckFormat,
    /// Skriv resultatet til FIL (aldrig halvt skrevet) i stedet for standardoutput.
    #[arg(long, value_name = "FIL")]
    output: Option<PathBuf>,
    /// Laveste alvor, der giver afslutningskode 1: error, warning (standard), info eller never.
    #[arg(long, value_enum, hide_possible_values = true)]
    fail_on: Option<FailOn>,
    /// Fejl kun på fund, der ikke står i denne baseline, og på breve, hvis LIX er steget mere end 0,5.
    #[arg(long, value_name = "FIL", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Gem dagens fund og LIX som baseline i FIL.
    #[arg(long, value_name = "FIL")]
    write_baseline: Option<PathBuf>,
    /// Farver: auto (kun i en terminal og uden NO_COLOR, standard), always eller never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, hide_possible_values = true, hide_default_value = true)]
    color: ColorChoice,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
}

pub fn run(args: Args, stdout_is_terminal: bool) -> Outcome {
    match check(args, stdout_is_terminal) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("fejl: {message}");
            Outcome::Error
        }
    }
}

fn check(args: Args, stdout_is_terminal: bool) -> Result<Outcome, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("den aktuelle mappe kan ikke læses: {e}"))?;
    let config = match &args.config {
        Some(file) => Config::load(file),
        None => Config::discover(&cwd),
    }
    .map_err(|e| e.to_string())?;
    let mut dirs = config.lexicon_dirs.clone();
    dirs.extend(args.lexicon.dirs.iter().cloned());
    let lexicon = Lexicon::load(&dirs, &args.lexicon.disabled).map_err(|e| e.to_string())?;
    let baseline = match &args.baseline {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("{}: baseline kunne ikke læses: {e}", p.display()))?;
            Some(Baseline::from_json(&text).map_err(|e| format!("{}: {e}", p.display()))?)
        }
        None => None,
    };
    let fail_on = match args.fail_on {
        Some(f) => f.threshold(),
        None => match config.fail_on {
            Some(check::config::FailOnYaml::Error) => Some(Severity::Error),
            Some(check::config::FailOnYaml::Info) => Some(Severity::Info),
            Some(check::config::FailOnYaml::Never) => None,
            Some(check::config::FailOnYaml::Warning) | None => Some(Severity::Warning),
        },
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (files, mut errors) = check::discover(&paths, &config);

    // A progress bar only where a person watches and the wait is long.
    let bar = (std::io::stderr().is_terminal() && files.len() > 100).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} breve")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Vec<Result<FileReport, InputError>> = files
        .par_iter()
        .map(|p| {
            let r = check::check_file(p, &config, &lexicon, baseline.as_ref());
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut report = Report::default();
    for r in results {
        match r {
            Ok(f) => report.files.push(f),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;

    if let Some(path) = &args.write_baseline {
        let b = Baseline::record(&report.files);
        write_atomic(path, b.to_json().as_bytes())
            .map_err(|e| format!("{}: baseline kunne ikke skrives: {e}", path.display()))?;
        eprintln!(
            "Baseline med {} breve og {} fund skrevet til {}.",
            b.letters.len(),
            b.letters.iter().map(|l| l.findings.len()).sum::<usize>(),
            path.display()
        );
    }

    let rules = rule_infos(&lexicon);
    let mut buffer: Vec<u8> = Vec::new();
    let color = args.output.is_none() && args.color.enabled(stdout_is_terminal);
    let style = emit::human::Style { color };
    match args.format {
        CheckFormat::Human => emit::human::write_check(&mut buffer, &report, style),
        CheckFormat::Json => emit::json::write(&mut buffer, &report),
        CheckFormat::Sarif => emit::sarif::write(&mut buffer, &report, &rules, fail_on),
        CheckFormat::Junit => emit::junit::write(&mut buffer, &report, &rules, fail_on),
        CheckFormat::Github => emit::github::write(&mut buffer, &report, &rules, fail_on),
    }
    .map_err(|e| format!("resultatet kunne ikke skrives: {e}"))?;
    match &args.output {
        Some(path) => write_atomic(path, &buffer)
            .map_err(|e| format!("{}: filen kunne ikke skrives: {e}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&buffer).and_then(|()| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(format!("resultatet kunne ikke skrives: {e}"));
                }
            }
        }
    }
    for e in &report.errors {
        eprintln!("fejl: {e}");
    }
    if !report.errors.is_empty() {
        return Ok(Outcome::Error);
    }
    if args.write_baseline.is_some() {
        return Ok(Outcome::Fine);
    }
    let failing = fail_on.is_some_and(|min| {
        report
            .files
            .iter()
            .flat_map(|f| &f.analysis.findings)
            .any(|f| f.severity >= min)
    });
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Fine
    })
}

/// Every rule a check can report: the lexicon's and the built-in ones.
fn rule_infos(lexicon: &Lexicon) -> Vec<RuleInfo> {
    let mut rules = RuleInfo::of_lexicon(lexicon);
    let builtin = |id: &str, category: &str, severity, message: &str| RuleInfo {
        id: id.into(),
        category: category.into(),
        severity,
        message: message.into(),
        explanation: None,
    };
    for (id, message) in check::required::rules() {
        rules.push(builtin(
            &id,
            check::required::CATEGORY,
            Severity::Warning,
            message,
        ));
    }
    rules.push(builtin(
        "laesbarhed/lix-max",
        "laesbarhed",
        Severity::Error,
        "Brevets LIX er over grænsen.",
    ));
    rules.push(builtin(
        "laesbarhed/lix-steget",
        "laesbarhed",
        Severity::Error,
        "Brevets LIX er steget siden baseline.",
    ));
    rules.push(builtin(
        "indhold/cpr-nummer",
        "indhold",
        Severity::Error,
        "Et cpr-nummer hører ikke hjemme i en skabelon.",
    ));
    rules.push(builtin(
        "klarbrev/ubrugt-undertrykkelse",
        "klarbrev",
        Severity::Info,
        "En kommentar undertrykker intet fund.",
    ));
    rules
}
