//! `klarbrev rules`: every rule klarbrev can report — the lexicon's and the
//! built-in ones — and `rules explain ID` for one of them or a category.

use std::io::Write;

use clap::Subcommand;
use serde::Serialize;

use super::lexicon::ListFormat;
use super::{LexiconArgs, Outcome};
use klarbrev::rules::{Registry, RuleMeta, RuleSource};

#[derive(Subcommand)]
pub enum Command {
    /// Vis alle regler: id, alvor, rettelse og kilde.
    #[command(
        help_template = super::HELP_TEMPLATE,
        override_usage = "klarbrev rules list [TILVALG]",
        next_help_heading = "Tilvalg"
    )]
    List {
        /// Vis kun én kategori (fx laesbarhed, indhold, kancellisprog).
        #[arg(long, value_name = "KATEGORI")]
        category: Option<String>,
        /// Uddataformat: human (standard) eller json.
        #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_possible_values = true, hide_default_value = true)]
        format: ListFormat,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Forklar en regel (id eller kategori/id) eller alle regler i en kategori.
    #[command(
        help_template = super::HELP_TEMPLATE,
        override_usage = "klarbrev rules explain [TILVALG] <REGEL>",
        next_help_heading = "Tilvalg"
    )]
    Explain {
        /// Reglens id, kategori/id eller en kategori.
        #[arg(value_name = "REGEL", help_heading = "Argumenter")]
        rule: String,
        /// Uddataformat: human (standard) eller json.
        #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_possible_values = true, hide_default_value = true)]
        format: ListFormat,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}

/// A rule as JSON.
#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    category: &'a str,
    severity: klarbrev::Severity,
    summary: &'a str,
    explanation: Option<&'a str>,
    fix: Option<klarbrev::Applicability>,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<JsonDoc<'a>>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    flags: &'a str,
    why: &'a str,
    example: &'a str,
    fix: &'a str,
}

impl<'a> JsonRule<'a> {
    fn of(m: &'a RuleMeta) -> Self {
        JsonRule {
            id: &m.id,
            category: &m.category,
            severity: m.severity,
            summary: &m.summary,
            explanation: m.explanation.as_deref(),
            fix: m.fix,
            source: source(m),
            doc: m.doc.map(|d| JsonDoc {
                flags: d.flags,
                why: d.why,
                example: d.example,
                fix: d.fix,
            }),
        }
    }
}

fn source(m: &RuleMeta) -> String {
    match &m.source {
        RuleSource::Lexicon { file, line } => format!("{file}:{line}"),
        RuleSource::BuiltIn => "indbygget".to_string(),
    }
}

pub fn run(command: Command) -> Outcome {
    let result = match command {
        Command::List {
            category,
            format,
            lexicon,
        } => lexicon
            .load()
            .and_then(|r| list(r.registry(), category.as_deref(), format)),
        Command::Explain {
            rule,
            format,
            lexicon,
        } => lexicon
            .load()
            .and_then(|r| explain(r.registry(), &rule, format)),
    };
    match result {
        Ok(o) => o,
        Err(message) => {
            crate::cli::error(&message);
            Outcome::Error
        }
    }
}

fn list(
    registry: &Registry,
    category: Option<&str>,
    format: ListFormat,
) -> anyhow::Result<Outcome> {
    if let Some(c) = category {
        if !registry.is_category(c) {
            let known: Vec<&str> = registry.categories().collect();
            anyhow::bail!(
                "kategorien »{c}« findes ikke. Kategorierne er: {}.",
                known.join(", ")
            );
        }
    }
    let rules: Vec<&RuleMeta> = registry
        .rules()
        .iter()
        .filter(|m| category.is_none_or(|c| *m.category == *c))
        .collect();
    print(&rules, format, |out| {
        for m in &rules {
            writeln!(
                out,
                "{:<44} {:<8} {:<10} {}",
                m.id,
                m.severity.danish(),
                m.fix.map_or("ingen", |a| a.danish_short()),
                m.summary
            )?;
        }
        let built_in = rules
            .iter()
            .filter(|m| m.source == RuleSource::BuiltIn)
            .count();
        writeln!(
            out,
            "{} regler: {} fra leksikonet, {built_in} indbyggede. Se én med »klarbrev rules explain ID«.",
            rules.len(),
            rules.len() - built_in
        )
    })
}

fn explain(registry: &Registry, name: &str, format: ListFormat) -> anyhow::Result<Outcome> {
    let found = registry.select(name)?;
    print(&found, format, |out| {
        for (i, m) in found.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_rule(out, registry, m)?;
        }
        Ok(())
    })
}

/// Writes rules to standard output: as JSON, or as `human` writes them.
fn print(
    rules: &[&RuleMeta],
    format: ListFormat,
    human: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let written = match format {
        ListFormat::Json => {
            let json: Vec<JsonRule> = rules.iter().map(|m| JsonRule::of(m)).collect();
            serde_json::to_writer(&mut out, &json)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        ListFormat::Human => human(&mut out),
    };
    written.map_err(|e| {
        anyhow::anyhow!(
            "resultatet kunne ikke skrives ({})",
            klarbrev::input::io_reason(&e)
        )
    })?;
    Ok(Outcome::Fine)
}

/// One rule in the same sections for every rule: what it flags, why, an
/// example, and whether its fix is safe.
fn write_rule(out: &mut dyn Write, registry: &Registry, m: &RuleMeta) -> std::io::Result<()> {
    writeln!(out, "{} ({}, {})", m.id, m.severity.danish(), source(m))?;
    writeln!(out, "  {}", m.summary)?;
    if let Some(d) = m.doc {
        writeln!(out, "  Hvad den finder: {}", d.flags)?;
        writeln!(out, "  Hvorfor: {}", d.why)?;
        writeln!(out, "  Eksempel: {}", d.example)?;
        writeln!(out, "  Rettelse: {}", d.fix)?;
        return Ok(());
    }
    let entry = registry
        .lexicon()
        .entries()
        .iter()
        .find(|e| *e.rule_id == *m.id);
    if let Some(e) = entry {
        let forms: Vec<&str> = e.forms.iter().map(|f| &*f.form).collect();
        writeln!(out, "  Hvad den finder: {}", forms.join(" · "))?;
        match &e.explanation {
            Some(x) => writeln!(out, "  Hvorfor: {} {x}", e.message)?,
            None => writeln!(out, "  Hvorfor: {}", e.message)?,
        }
        if let Some(x) = e.examples.first() {
            writeln!(out, "  Eksempel: {x}")?;
        }
        let fix = match m.fix {
            Some(a) => {
                let replacements: Vec<String> = e
                    .forms
                    .iter()
                    .filter_map(|f| f.replacement.as_ref().map(|r| format!("{} → {r}", f.form)))
                    .take(3)
                    .collect();
                format!("{} ({})", a.danish(), replacements.join(", "))
            }
            None => "ingen automatisk rettelse; meddelelsen siger, hvad du kan skrive.".into(),
        };
        writeln!(out, "  Rettelse: {fix}")?;
    }
    Ok(())
}
