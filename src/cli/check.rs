//! `klarbrev check [PATH…]`: the CI gate over a letter library.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::score::FailOn;
use super::{ColorChoice, LexiconArgs, Outcome};
use klarbrev::check::{self, Baseline, baseline};
use klarbrev::diagnostic::Severity;
use klarbrev::emit::{self, Emitter, EmitterContext};
use klarbrev::output::{AtomicFile, write_atomic};
use klarbrev::rules::RuleMeta;

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
            crate::cli::error(&message);
            Outcome::Error
        }
    }
}

fn check(args: Args, stdout_is_terminal: bool) -> anyhow::Result<Outcome> {
    let rules = args.lexicon.load()?;
    let config = &rules.config;
    let registry = rules.registry();
    let baseline = match &args.baseline {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                anyhow::anyhow!(
                    "{}: baselinen kunne ikke læses ({})",
                    p.display(),
                    klarbrev::input::io_reason(&e)
                )
            })?;
            Some(Baseline::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?)
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
    let (files, mut errors) = check::discover(&paths, config);

    // Every rule the run can report: all but those switched off for the
    // whole library.
    let everywhere = check::library_settings(config, std::path::Path::new(""), &rules.disable);
    let run_rules: Vec<&RuleMeta> = registry
        .rules()
        .iter()
        .filter(|m| !everywhere.disabled(&m.id))
        .collect();
    let cx = EmitterContext {
        rules: &run_rules,
        fail_on,
        style: emit::human::Style {
            color: args.output.is_none() && args.color.enabled(stdout_is_terminal),
        },
    };
    let mut emitter: Box<dyn Emitter> = match args.format {
        CheckFormat::Human => Box::new(emit::human::HumanCheck::new(cx.style)),
        CheckFormat::Json => Box::new(emit::json::Json::default()),
        CheckFormat::Sarif => Box::new(emit::sarif::Sarif::new(&cx)),
        CheckFormat::Junit => Box::new(emit::junit::Junit::new(&cx)),
        CheckFormat::Github => Box::new(emit::github::Github),
    };

    // The output goes straight to standard output, or to a temporary file
    // beside the target that replaces it only when everything is written.
    let not_written = |path: &std::path::Path, e: std::io::Error| {
        anyhow::anyhow!(
            "{}: filen kunne ikke skrives ({})",
            path.display(),
            klarbrev::input::io_reason(&e)
        )
    };
    let mut target = match &args.output {
        Some(path) => Some(AtomicFile::new(path).map_err(|e| not_written(path, e))?),
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = match &mut target {
        Some(t) => Box::new(BufWriter::with_capacity(1 << 16, t.file())),
        None => Box::new(BufWriter::with_capacity(1 << 16, stdout.lock())),
    };
    let mut failing = false;
    let mut recorded: Vec<baseline::Letter> = Vec::new();
    let recording = args.write_baseline.is_some();
    let written = super::stream(
        &files,
        |p| check::check_file(p, config, registry, &rules.disable, baseline.as_ref()),
        &mut *emitter,
        &mut *out,
        &mut errors,
        |file| {
            failing |=
                fail_on.is_some_and(|min| file.analysis.findings.iter().any(|f| f.severity >= min));
            if recording {
                recorded.push(baseline::Letter::of(&file.path, &file.analysis));
            }
        },
    )
    .and_then(|()| out.flush());
    drop(out);
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && target.is_none() => {}
        Err(e) => {
            anyhow::bail!(
                "resultatet kunne ikke skrives ({})",
                klarbrev::input::io_reason(&e)
            );
        }
        Ok(()) => {
            if let (Some(t), Some(path)) = (target, &args.output) {
                t.commit().map_err(|e| not_written(path, e))?;
            }
        }
    }

    if let Some(path) = &args.write_baseline {
        let b = Baseline::record(recorded);
        write_atomic(path, b.to_json().as_bytes()).map_err(|e| {
            anyhow::anyhow!(
                "{}: baselinen kunne ikke skrives ({})",
                path.display(),
                klarbrev::input::io_reason(&e)
            )
        })?;
        eprintln!(
            "Baseline med {} breve og {} fund skrevet til {}.",
            b.letters.len(),
            b.letters.iter().map(|l| l.findings.len()).sum::<usize>(),
            path.display()
        );
    }
    for e in &errors {
        crate::cli::error(e);
    }
    if !errors.is_empty() {
        return Ok(Outcome::Error);
    }
    if args.write_baseline.is_some() {
        return Ok(Outcome::Fine);
    }
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Fine
    })
}
