//! `klarbrev rewrite FILE`: a plain version of a letter, either with the
//! lexicon's fixes applied or rendered whole from a letter template — and
//! never with a fact of the original lost unless the user says so.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::score::InputFormat;
use super::{ColorChoice, LexiconArgs, Outcome, analyse_source, source_of};
use klarbrev::app::Gate;
use klarbrev::diff::{self, Summary};
use klarbrev::emit;
use klarbrev::facts::Fact;
use klarbrev::fmt::decimal;
use klarbrev::input;
use klarbrev::output::write_atomic;
use klarbrev::rewrite::Made;
use klarbrev::template::Origin;
use klarbrev::text::Format;

#[derive(clap::Args)]
#[command(
    help_template = super::HELP_TEMPLATE,
    override_usage = "klarbrev rewrite [TILVALG] <FIL>",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Brevet, der skal omskrives (- for standardinput).
    #[arg(value_name = "FIL", help_heading = "Argumenter")]
    file: PathBuf,
    /// Skriv omskrivningen til FIL i stedet for at vise den.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FIL",
        conflicts_with = "in_place"
    )]
    output: Option<PathBuf>,
    /// Erstat brevet med omskrivningen.
    #[arg(long)]
    in_place: bool,
    /// Brug også de usikre rettelser (dem, et menneske bør se på).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Vis forskellen mellem brevet og omskrivningen i stedet for omskrivningen.
    #[arg(long)]
    diff: bool,
    /// Omskriv hele brevet fra en skabelon: et navn, eller auto for at lade klarbrev vælge.
    #[arg(long, value_name = "NAVN")]
    template: Option<String>,
    /// Giv en fakta til skabelonen, fx --set navn="Åse Hansen". Kan gentages.
    #[arg(long = "set", value_name = "NØGLE=VÆRDI")]
    set: Vec<String>,
    /// YAML-fil med fakta til skabelonen (nøgle: værdi).
    #[arg(long, value_name = "FIL")]
    facts: Option<PathBuf>,
    /// Lad en tabt eller ændret fakta gå: ART:VÆRDI, fx --drop-fact phone:72360000. Kan gentages.
    #[arg(long, value_name = "ART:VÆRDI")]
    drop_fact: Vec<klarbrev::app::DropFact>,
    /// Uddataformat: human (standard) eller json.
    #[arg(long, value_enum, default_value_t = RewriteFormat::Human, hide_possible_values = true, hide_default_value = true)]
    format: RewriteFormat,
    /// Formatet af tekst fra standardinput: txt (standard), markdown eller tera.
    #[arg(long, value_enum, default_value_t = InputFormat::Txt, hide_possible_values = true, hide_default_value = true)]
    stdin_format: InputFormat,
    /// Farver: auto (kun i en terminal og uden NO_COLOR, standard), always eller never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, hide_possible_values = true, hide_default_value = true)]
    color: ColorChoice,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RewriteFormat {
    Human,
    Json,
}

pub fn run(args: Args, stdout_is_terminal: bool) -> Outcome {
    match rewrite(args, stdout_is_terminal) {
        Ok(o) => o,
        Err(message) => {
            crate::cli::error(&message);
            Outcome::Error
        }
    }
}

fn rewrite(args: Args, stdout_is_terminal: bool) -> anyhow::Result<Outcome> {
    let rules = args.lexicon.load()?;
    let source = source_of(&args.file);
    if args.in_place && matches!(source, input::Source::Stdin) {
        anyhow::bail!("--in-place kan ikke bruges med standardinput; brug -o FIL.");
    }
    let original = analyse_source(&source, args.stdin_format.into(), &rules, None)?;
    let path = original.path.clone();
    let before = &original.analysis;
    let word_target = (args.in_place && before.document.format == Format::Docx)
        || args
            .output
            .as_ref()
            .is_some_and(|o| matches!(Format::from_path(o), Some(Format::Docx)));
    if word_target {
        anyhow::bail!(
            "{path}: klarbrev skriver ikke Word-filer; skriv omskrivningen som tekst med -o FIL.md eller -o FIL.txt."
        );
    }

    let user = user_facts(&args)?;
    let request = klarbrev::rewrite::Request {
        template: args.template.clone(),
        unsafe_fixes: args.unsafe_fixes,
        user: user.clone(),
        config: rules.config.municipality.slots(),
    };
    let settings = rules.letter_settings(match &source {
        input::Source::File(p) => Some(p.as_path()),
        input::Source::Stdin => None,
    });
    let done = klarbrev::app::rewrite(
        before,
        rules.registry(),
        &settings,
        &request,
        &klarbrev::app::Allow {
            drop: args.drop_fact.clone(),
            all: false,
        },
    )
    .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let (made, summary) = (&done.outcome.made, &done.outcome.summary);
    let old_text = &before.document.text;
    let new_text = done.text();
    let refuse = done.gate.refused();
    let target = if args.in_place {
        Some(args.file.clone())
    } else {
        args.output.clone()
    };
    let mut written = None;
    if !refuse {
        if let Some(target) = &target {
            write_atomic(target, new_text.as_bytes()).map_err(|e| {
                anyhow::anyhow!("{}: kunne ikke skrive filen: {e}", target.display())
            })?;
            written = Some(target.display().to_string());
        }
    }

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let style = emit::human::Style {
        color: args.color.enabled(stdout_is_terminal),
    };
    let result = match args.format {
        RewriteFormat::Json => {
            let json = done.response(Some(&path), written.as_deref());
            serde_json::to_writer(&mut out, &json)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        RewriteFormat::Human => {
            if args.diff {
                let chunks = diff::words(old_text, new_text);
                emit::diff::write_words(&mut out, &chunks, style)
                    .and_then(|()| emit::diff::write_summary(&mut out, summary, old_text, new_text))
            } else if target.is_none() && !refuse {
                write!(out, "{new_text}")
            } else {
                Ok(())
            }
        }
    }
    .and_then(|()| out.flush());
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            anyhow::bail!("kunne ikke skrive resultatet: {e}");
        }
    }

    // The report goes to standard error, so the rewrite itself can be piped.
    report(
        &path,
        made,
        summary,
        (old_text, new_text),
        &done.outcome.invented,
        done.gate,
    );
    Ok(if refuse {
        Outcome::Findings
    } else {
        Outcome::Fine
    })
}

/// `--facts FILE` first, then every `--set KEY=VALUE` on top.
fn user_facts(args: &Args) -> anyhow::Result<BTreeMap<String, String>> {
    let mut facts = BTreeMap::new();
    if let Some(path) = &args.facts {
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "{}: filen kunne ikke læses ({})",
                path.display(),
                klarbrev::input::io_reason(&e)
            )
        })?;
        let map: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: ikke en YAML-samling af nøgler og værdier ({})",
                    path.display(),
                    klarbrev::fmt::danish_serde_error(&e.to_string())
                )
            })?;
        for (k, v) in map {
            let value = match v {
                serde_yaml::Value::String(s) => s,
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::Bool(b) => b.to_string(),
                _ => {
                    anyhow::bail!(
                        "{}: værdien af »{k}« skal være tekst eller et tal",
                        path.display()
                    );
                }
            };
            facts.insert(k, value);
        }
    }
    for pair in &args.set {
        let Some((k, v)) = pair.split_once('=') else {
            anyhow::bail!("--set {pair}: skriv NØGLE=VÆRDI, fx --set navn=\"Åse Hansen\"");
        };
        facts.insert(k.trim().to_string(), v.to_string());
    }
    Ok(facts)
}

fn report(
    path: &str,
    made: &Made,
    summary: &Summary,
    (old_text, new_text): (&str, &str),
    invented: &[Fact],
    gate: Gate,
) {
    let lix = |x: Option<f64>| x.map_or("–".to_string(), decimal);
    let mut err = std::io::stderr().lock();
    match made {
        Made::Fixes(applied) => {
            let _ = writeln!(
                err,
                "{path}: {} {}",
                applied.len(),
                if applied.len() == 1 {
                    "rettelse"
                } else {
                    "rettelser"
                }
            );
        }
        Made::Template {
            rendered,
            template,
            ranking,
        } => {
            match ranking.first() {
                Some(best) => {
                    let chosen = best.cues.join(", ");
                    let _ = writeln!(
                        err,
                        "{path}: skabelon »{}« (valgt, fordi brevet skriver {chosen})",
                        template.name
                    );
                    let others: Vec<String> =
                        ranking.iter().skip(1).map(|c| c.describe()).collect();
                    if !others.is_empty() {
                        let _ = writeln!(err, "  nærmest derefter: {}", others.join("; "));
                    }
                }
                None => {
                    let _ = writeln!(err, "{path}: skabelon »{}«", template.name);
                }
            }
            for f in &rendered.filled {
                let from = match &f.origin {
                    Some(Origin::Original { line, column, .. }) => {
                        format!("fra brevet, linje {line}:{column}")
                    }
                    Some(Origin::User) => "givet med --set/--facts".to_string(),
                    Some(Origin::FrontMatter) => "fra brevets front matter".to_string(),
                    Some(Origin::Config) => "fra klarbrev.yaml (municipality)".to_string(),
                    None if f.required => "MANGLER – giv den med --set".to_string(),
                    None => "ikke brugt".to_string(),
                };
                let value = f.value.as_deref().unwrap_or("");
                let _ = writeln!(err, "  {:<16} {value:<28} {from}", f.name);
            }
        }
    }
    let _ = writeln!(
        err,
        "  LIX {} → {} · fund {} → {}",
        lix(summary.before.lix),
        lix(summary.after.lix),
        summary.before.findings,
        summary.after.findings,
    );
    // What a template says that the letter did not is the template's own
    // statement: a person must confirm it.
    let added = match made {
        Made::Template { .. } => "tilføjet – tjek:",
        Made::Fixes(_) => "ny:  ",
    };
    let _ = emit::diff::write_facts(&mut err, &summary.facts, old_text, new_text, added);
    gate_message(&mut err, gate, "er ikke skrevet");
    for f in invented {
        let _ = writeln!(
            err,
            "advarsel: omskrivningen nævner {} »{}«, som ikke står i brevet.",
            f.kind.danish(),
            f.text
        );
    }
}

/// What the gate decided, in words: why a rewrite was refused and what to
/// do, or that named facts were let go.
pub fn gate_message(err: &mut dyn std::io::Write, gate: Gate, refused_what: &str) {
    match gate {
        Gate::Kept => {}
        Gate::Allowed { lost, changed } => {
            let _ = writeln!(
                err,
                "  {} tabte og {} ændrede fakta er lukket igennem med --drop-fact.",
                lost, changed
            );
        }
        Gate::Refused {
            lost,
            changed,
            missing,
        } => {
            let mut why = Vec::new();
            if lost > 0 {
                why.push(format!("mister {lost} fakta"));
            }
            if changed > 0 {
                why.push(format!("ændrer {changed} fakta"));
            }
            if missing > 0 {
                why.push(format!("har {missing} huller med [MANGLER: …]"));
            }
            let _ = writeln!(
                err,
                "fejl: omskrivningen {} og {refused_what}. Ret den, giv fakta med --set, eller lad en bestemt fakta gå med --drop-fact ART:VÆRDI.",
                why.join(", ")
            );
        }
    }
}
