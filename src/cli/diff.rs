//! `klarbrev diff OLD NEW`: what changed between two versions of a letter,
//! and whether every fact of the old one is still there.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{ColorChoice, LexiconArgs, Outcome, analyse_source, source_of};
use klarbrev::diff;
use klarbrev::emit;
use klarbrev::text::Format;

#[derive(clap::Args)]
#[command(
    help_template = super::HELP_TEMPLATE,
    override_usage = "klarbrev diff [TILVALG] <GAMMEL> <NY>",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Den gamle udgave.
    #[arg(value_name = "GAMMEL", help_heading = "Argumenter")]
    old: PathBuf,
    /// Den nye udgave.
    #[arg(value_name = "NY", help_heading = "Argumenter")]
    new: PathBuf,
    /// Uddataformat: human (ord for ord og en tabel, standard), unified (en patch til git apply) eller json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human, hide_possible_values = true, hide_default_value = true)]
    format: DiffFormat,
    /// Farver: auto (kun i en terminal og uden NO_COLOR, standard), always eller never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, hide_possible_values = true, hide_default_value = true)]
    color: ColorChoice,
    /// Lad en tabt eller ændret fakta gå: ART:VÆRDI, fx --drop-fact phone:72360000. Kan gentages.
    #[arg(long, value_name = "ART:VÆRDI")]
    drop_fact: Vec<klarbrev::app::DropFact>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DiffFormat {
    Human,
    Unified,
    Json,
}

pub fn run(args: Args, stdout_is_terminal: bool) -> Outcome {
    let rules = match args.lexicon.load() {
        Ok(l) => l,
        Err(e) => {
            crate::cli::error(&e);
            return Outcome::Error;
        }
    };
    let read = |p: &PathBuf| analyse_source(&source_of(p), Format::Txt, &rules, None);
    let (old, new) = match (read(&args.old), read(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                crate::cli::error(&e);
            }
            return Outcome::Error;
        }
    };
    let (a, b) = (&old.analysis, &new.analysis);
    let allow = klarbrev::app::Allow {
        drop: args.drop_fact.clone(),
        all: false,
    };
    let diffed = klarbrev::app::diff(a, b, &allow);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match args.format {
        DiffFormat::Unified => write!(
            out,
            "{}",
            diff::unified(&a.document.text, &b.document.text, &old.path)
        ),
        DiffFormat::Json => {
            let json = diffed.response(Some(&old.path), Some(&new.path));
            serde_json::to_writer(&mut out, &json)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        DiffFormat::Human => {
            let style = emit::human::Style {
                color: args.color.enabled(stdout_is_terminal),
            };
            emit::diff::write_words(&mut out, &diffed.ops, style).and_then(|()| {
                emit::diff::write_summary(
                    &mut out,
                    &diffed.summary,
                    &a.document.text,
                    &b.document.text,
                )
            })
        }
    }
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
    if diffed.gate.refused() {
        super::rewrite::gate_message(
            &mut std::io::stderr().lock(),
            diffed.gate,
            "kan ikke bruges, som den er",
        );
        Outcome::Findings
    } else {
        Outcome::Fine
    }
}
