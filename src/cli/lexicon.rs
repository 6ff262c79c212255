//! `klarbrev lexicon`: list the entries, explain a word, and check lexicon
//! files before they are used.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::{LexiconArgs, Outcome};
use klarbrev::diagnostic::{Applicability, Severity};
use klarbrev::lexicon::{self, Entry, normalize_form, validate};
use klarbrev::rules::{Registry, Settings};

#[derive(Subcommand)]
pub enum Command {
    /// Tjek leksikonfiler: dobbelte id'er og former, manglende erstatninger, erstatninger der selv bliver fanget, eksempler der ikke rammer.
    #[command(
        help_template = super::HELP_TEMPLATE,
        override_usage = "klarbrev lexicon check [MAPPE]",
        next_help_heading = "Tilvalg"
    )]
    Check {
        /// Mappe med egne leksikonfiler. Uden mappe tjekkes det indbyggede leksikon.
        #[arg(value_name = "MAPPE", help_heading = "Argumenter")]
        dir: Option<PathBuf>,
    },
    /// Vis leksikonets opslag.
    #[command(
        help_template = super::HELP_TEMPLATE,
        override_usage = "klarbrev lexicon list [TILVALG]",
        next_help_heading = "Tilvalg"
    )]
    List {
        /// Vis kun én kategori (fx kancellisprog, vendinger, fagord).
        #[arg(long, value_name = "KATEGORI")]
        category: Option<String>,
        /// Uddataformat: human (standard) eller json.
        #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_possible_values = true, hide_default_value = true)]
        format: ListFormat,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Forklar et ord eller en vending: hvad leksikonet siger, alternativerne og eksemplerne.
    #[command(
        help_template = super::HELP_TEMPLATE,
        override_usage = "klarbrev lexicon explain [TILVALG] <ORD>...",
        next_help_heading = "Tilvalg"
    )]
    Explain {
        /// Ordet eller vendingen (flere ord læses som én vending), eller et id.
        #[arg(required = true, value_name = "ORD", help_heading = "Argumenter")]
        words: Vec<String>,
        /// Uddataformat: human (standard) eller json.
        #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_possible_values = true, hide_default_value = true)]
        format: ListFormat,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

pub fn run(command: Command) -> Outcome {
    let result = match command {
        Command::Check { dir } => check(dir),
        Command::List {
            category,
            format,
            lexicon,
        } => list(category, format, &lexicon),
        Command::Explain {
            words,
            format,
            lexicon,
        } => explain(&words.join(" "), format, &lexicon),
    };
    match result {
        Ok(outcome) => outcome,
        Err(message) => {
            crate::cli::error(&message);
            Outcome::Error
        }
    }
}

fn check(dir: Option<PathBuf>) -> anyhow::Result<Outcome> {
    let (problems, entries) = match &dir {
        None => {
            let entries = lexicon::embedded_entries_from_yaml()?;
            (validate::check(&entries), entries.len())
        }
        Some(dir) => {
            let user = lexicon::read_dir(dir)?;
            if user.is_empty() {
                anyhow::bail!(
                    "{}: mappen har ingen leksikonfiler (*.yaml).",
                    dir.display()
                );
            }
            // The user's entries are checked together with the shipped
            // ones they join (an id they share replaces the shipped entry),
            // and only problems in the user's own files are reported.
            let ids: HashSet<String> = user.iter().map(|e| e.id.to_string()).collect();
            let files: HashSet<String> = user.iter().map(|e| e.origin.file.to_string()).collect();
            let count = user.len();
            let mut all: Vec<Entry> = lexicon::embedded_entries()
                .into_iter()
                .filter(|e| !ids.contains(&*e.id))
                .collect();
            all.extend(user);
            let problems = validate::check(&all)
                .into_iter()
                .filter(|p| files.contains(&*p.origin.file))
                .collect();
            (problems, count)
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in &problems {
        let _ = writeln!(out, "{p}");
    }
    if problems.is_empty() {
        let _ = writeln!(out, "Leksikonet er i orden: {entries} opslag tjekket.");
        Ok(Outcome::Fine)
    } else {
        let _ = writeln!(
            out,
            "{} {} i {entries} opslag.",
            problems.len(),
            if problems.len() == 1 {
                "problem"
            } else {
                "problemer"
            }
        );
        Ok(Outcome::Findings)
    }
}

fn list(
    category: Option<String>,
    format: ListFormat,
    args: &LexiconArgs,
) -> anyhow::Result<Outcome> {
    let rules = args.load()?;
    let settings = rules.letter_settings(None);
    let entries: Vec<&Entry> = rules
        .registry()
        .lexicon()
        .entries()
        .iter()
        .filter(|e| {
            !settings.disabled(&e.rule_id) && category.as_deref().is_none_or(|c| *e.category == *c)
        })
        .collect();
    if let Some(c) = &category {
        if entries.is_empty() {
            anyhow::bail!("kategorien »{c}« findes ikke i leksikonet.");
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Json => {
            let json: Vec<JsonEntry> = entries.iter().map(|e| JsonEntry::of(e)).collect();
            let _ = serde_json::to_writer(&mut out, &json);
            let _ = writeln!(out);
        }
        ListFormat::Human => {
            for e in &entries {
                let forms: Vec<String> = e.forms.iter().take(3).map(form_text).collect();
                let more = if e.forms.len() > 3 {
                    format!(" … ({} former)", e.forms.len())
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{:<44} {:<8} {:<9} {}{more}",
                    e.rule(),
                    e.severity.danish(),
                    e.applicability.danish_short(),
                    forms.join(" · ")
                );
            }
            let forms: usize = entries.iter().map(|e| e.forms.len()).sum();
            let _ = writeln!(out, "{} opslag, {forms} former.", entries.len());
        }
    }
    Ok(Outcome::Fine)
}

fn explain(query: &str, format: ListFormat, args: &LexiconArgs) -> anyhow::Result<Outcome> {
    let rules = args.load()?;
    let found = lookup(rules.registry(), &rules.letter_settings(None), query);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let ListFormat::Json = format {
        let json: Vec<JsonEntry> = found.iter().map(|e| JsonEntry::of(e)).collect();
        let _ = serde_json::to_writer(&mut out, &json);
        let _ = writeln!(out);
        return Ok(if found.is_empty() {
            Outcome::Findings
        } else {
            Outcome::Fine
        });
    }
    if found.is_empty() {
        let _ = writeln!(
            out,
            "Leksikonet har intet opslag for »{query}«. Se alle med »klarbrev lexicon list«."
        );
        return Ok(Outcome::Findings);
    }
    let key = normalize_form(query);
    for (i, e) in found.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "{} ({})", e.rule(), e.severity.danish());
        let _ = writeln!(out, "  {}", e.message);
        if let Some(x) = &e.explanation {
            let _ = writeln!(out, "  Forklaring: {x}");
        }
        if let Some(f) = e.forms.iter().find(|f| normalize_form(&f.form) == key) {
            if let Some(r) = &f.replacement {
                let _ = writeln!(
                    out,
                    "  Skriv i stedet: »{r}« ({})",
                    e.applicability.danish()
                );
            }
        }
        let forms: Vec<String> = e.forms.iter().map(form_text).collect();
        let _ = writeln!(out, "  Former: {}", forms.join(" · "));
        for example in &e.examples {
            let _ = writeln!(out, "  Eksempel: {example}");
        }
        let _ = writeln!(out, "  Kilde: {}", e.origin);
    }
    Ok(Outcome::Fine)
}

/// The switched-on entries a word, phrase or id belongs to.
pub(crate) fn lookup<'a>(
    registry: &'a Registry,
    settings: &Settings,
    query: &str,
) -> Vec<&'a Entry> {
    registry
        .lexicon()
        .lookup(query)
        .into_iter()
        .filter(|e| !settings.disabled(&e.rule_id))
        .collect()
}

fn form_text(f: &lexicon::Form) -> String {
    match &f.replacement {
        Some(r) => format!("{} → {r}", f.form),
        None => f.form.to_string(),
    }
}

#[derive(Serialize)]
pub(crate) struct JsonEntry<'a> {
    rule: String,
    id: &'a str,
    category: &'a str,
    severity: Severity,
    applicability: Applicability,
    message: &'a str,
    explanation: Option<&'a str>,
    forms: Vec<JsonForm<'a>>,
    examples: Vec<&'a str>,
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct JsonForm<'a> {
    form: &'a str,
    replacement: Option<&'a str>,
}

impl<'a> JsonEntry<'a> {
    pub(crate) fn of(e: &'a Entry) -> Self {
        JsonEntry {
            rule: e.rule(),
            id: &e.id,
            category: &e.category,
            severity: e.severity,
            applicability: e.applicability,
            message: &e.message,
            explanation: e.explanation.as_deref(),
            forms: e
                .forms
                .iter()
                .map(|f| JsonForm {
                    form: &f.form,
                    replacement: f.replacement.as_deref(),
                })
                .collect(),
            examples: e.examples.iter().map(|x| &**x).collect(),
            file: &e.origin.file,
            line: e.origin.line,
        }
    }
}
