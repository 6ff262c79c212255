//! Filling a template: each of its facts is taken from the user, from the
//! original's front matter, or from a fact of the original whose sentence
//! fits the slot — never invented — and the template is rendered with
//! them. A required fact nobody supplied shows as `[MANGLER: …]`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Slot, Template, TemplateError};
use crate::facts::{Fact, FactKind};
use crate::lexicon::normalize_form;
use crate::text::LineIndex;

/// Where a filled-in value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Origin {
    /// A fact of the original letter, at this line and column.
    Original {
        line: usize,
        column: usize,
        text: String,
    },
    /// Given by the user (`--set` or `--facts`).
    User,
    /// The original's front matter.
    FrontMatter,
    /// `municipality:` in `klarbrev.yaml`.
    Config,
}

/// One of the template's facts, filled or not.
#[derive(Debug, Clone, Serialize)]
pub struct Filled {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub description: String,
    pub value: Option<String>,
    pub origin: Option<Origin>,
}

/// A template rendered with the facts of an original.
#[derive(Debug, Clone, Serialize)]
pub struct Rendered {
    pub template: String,
    pub text: String,
    pub filled: Vec<Filled>,
}

impl Rendered {
    /// The required facts nobody supplied.
    pub fn missing(&self) -> impl Iterator<Item = &Filled> {
        self.filled
            .iter()
            .filter(|f| f.required && f.value.is_none())
    }
}

/// What a template is filled from: the original letter's text, its
/// sentences (byte ranges), facts and front matter, and the values the user
/// gave with `--set` / `--facts`.
pub struct Sources<'a> {
    pub text: &'a str,
    pub sentences: Vec<(usize, usize)>,
    pub facts: &'a [Fact],
    pub metadata: Option<&'a serde_json::Value>,
    pub user: &'a BTreeMap<String, String>,
    /// Values from the configuration (`municipality:`), used when neither
    /// the user, the front matter nor the original gives one.
    pub config: &'a BTreeMap<String, String>,
}

/// Fills the template's facts and renders it. Required facts are filled
/// first, in the template's order; an optional fact only takes a fact of
/// the original whose sentence has a word of its name or description, and
/// a slot with its own `cues` only one whose sentence has one of them.
pub fn render(template: &Template, src: &Sources<'_>) -> Result<Rendered, TemplateError> {
    let original = src.text;
    let facts = src.facts;
    let lines = LineIndex::new(original);
    let sentences = &src.sentences;
    let mut used = vec![false; facts.len()];
    let mut filled = Vec::new();
    let mut context = tera::Context::new();
    let order = template
        .slots
        .iter()
        .filter(|(_, s)| s.required)
        .chain(template.slots.iter().filter(|(_, s)| !s.required));
    for (name, slot) in order {
        let user = src.user;
        let metadata = src.metadata;
        let (value, origin) = if let Some(v) = user.get(name) {
            (Some(v.clone()), Some(Origin::User))
        } else if let Some(v) = metadata.and_then(|m| m.get(name)).and_then(scalar) {
            (Some(v), Some(Origin::FrontMatter))
        } else if let Some(kind) = FactKind::from_name(&slot.kind) {
            match pick(
                facts, &used, kind, name, slot, template, original, sentences,
            ) {
                None if src.config.contains_key(name) => {
                    (src.config.get(name).cloned(), Some(Origin::Config))
                }
                Some(i) => {
                    used[i] = true;
                    let f = &facts[i];
                    let (line, column) = lines.line_col(original, f.span.start);
                    (
                        Some(display(f)),
                        Some(Origin::Original {
                            line,
                            column,
                            text: f.text.clone(),
                        }),
                    )
                }
                None => (None, None),
            }
        } else if let Some(v) = src.config.get(name) {
            (Some(v.clone()), Some(Origin::Config))
        } else {
            (None, None)
        };
        let shown = match (&value, slot.required) {
            (Some(v), _) => v.clone(),
            (None, true) => format!("[MANGLER: {}]", short(&slot.description, name)),
            (None, false) => String::new(),
        };
        context.insert(name, &shown);
        filled.push(Filled {
            name: name.clone(),
            kind: slot.kind.clone(),
            required: slot.required,
            description: slot.description.clone(),
            value,
            origin,
        });
    }
    let text = tera::Tera::one_off(&template.body, &context, false).map_err(|e| {
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        TemplateError::Render {
            name: template.name.clone(),
            detail,
        }
    })?;
    // Report the facts in the template's order.
    filled.sort_by_key(|f| template.slots.iter().position(|(n, _)| *n == f.name));
    Ok(Rendered {
        template: template.name.clone(),
        text: tidy(&text),
        filled,
    })
}

/// A description up to its first example (»fx …«), for the missing marker.
fn short<'a>(description: &'a str, name: &'a str) -> &'a str {
    let d = description
        .split(", fx")
        .next()
        .unwrap_or(description)
        .trim();
    if d.is_empty() { name } else { d }
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The unused fact of `kind` whose sentence best fits the slot: words of
/// the slot's name and description count double, the template's cues once;
/// on a tie the first in the letter wins.
#[allow(clippy::too_many_arguments)]
fn pick(
    facts: &[Fact],
    used: &[bool],
    kind: FactKind,
    name: &str,
    slot: &Slot,
    template: &Template,
    original: &str,
    sentences: &[(usize, usize)],
) -> Option<usize> {
    let mut own: Vec<String> = clue_words(&format!(
        "{} {}",
        name.replace('_', " "),
        short(&slot.description, name)
    ));
    own.sort();
    own.dedup();
    let cues: Vec<String> = template.cues.iter().map(|c| normalize_form(c)).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, f) in facts.iter().enumerate() {
        if used[i] || f.kind != kind || part_of_reference(facts, f, original) {
            continue;
        }
        let Some(role_bonus) = role_fit(name, f) else {
            continue;
        };
        let (s, e) = sentences
            .iter()
            .copied()
            .find(|(s, e)| *s <= f.span.start && f.span.start < *e)
            .unwrap_or((f.span.start, f.span.end));
        let sentence = normalize_form(&original[s..e]);
        let own_hits = own.iter().filter(|w| sentence.contains(w.as_str())).count();
        let slot_cues = slot
            .cues
            .iter()
            .filter(|c| sentence.contains(&normalize_form(c)))
            .count();
        // A slot with cues of its own takes only a fact whose sentence has
        // one; an optional slot only one whose sentence speaks of it. A
        // wrong value would mislead more than a gap.
        if (!slot.cues.is_empty() && slot_cues == 0)
            || (!slot.required && own_hits == 0 && role_bonus < 8)
        {
            continue;
        }
        let cue_hits = cues
            .iter()
            .filter(|c| sentence.contains(c.as_str()))
            .count();
        let score = 4 * slot_cues + 2 * own_hits + cue_hits + role_bonus;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Whether a fact's role and unit fit a slot, by the slot's name: the
/// letter's date only in `brevdato` (and never elsewhere), a period's ends
/// in `…_fra` / `…_til`, a range's end only in `…_slut`, a daily amount only
/// in `…_pr_dag` and never in a total. `None` rules the fact out; a number
/// is a bonus for a fitting role.
fn role_fit(slot: &str, f: &Fact) -> Option<usize> {
    use crate::facts::{Role, Unit};
    match f.kind {
        FactKind::Date => {
            if slot == "brevdato" {
                return (f.role == Role::LetterDate).then_some(8);
            }
            if f.role == Role::LetterDate {
                return None;
            }
            let wanted = if slot.ends_with("_fra") {
                Some(Role::PeriodStart)
            } else if slot.ends_with("_til") {
                Some(Role::PeriodEnd)
            } else if slot == "dato" || slot == "ny_dato" || slot == "gammel_dato" {
                Some(Role::Meeting)
            } else {
                None
            };
            Some(if wanted == Some(f.role) { 6 } else { 0 })
        }
        FactKind::Time => {
            if slot.ends_with("_slut") {
                return (f.unit == Some(Unit::To)).then_some(6);
            }
            if f.unit == Some(Unit::To) {
                return None;
            }
            Some(if f.role == Role::Meeting { 2 } else { 0 })
        }
        FactKind::Amount => {
            if slot.ends_with("_pr_dag") {
                return (f.unit == Some(Unit::PerDay)).then_some(6);
            }
            match f.unit {
                Some(Unit::PerDay | Unit::PerWeek) => None,
                Some(Unit::Total) => Some(4),
                _ => Some(0),
            }
        }
        _ => Some(0),
    }
}

/// A date that only says when a rule was issued (»BEK nr. 1216 af
/// 28.09.2023«) is part of the reference, not a date of the case.
fn part_of_reference(facts: &[Fact], f: &Fact, original: &str) -> bool {
    f.kind == FactKind::Date
        && facts.iter().any(|r| {
            r.kind == FactKind::Legal
                && r.span.end <= f.span.start
                && original
                    .get(r.span.end..f.span.start)
                    .is_some_and(|between| between.trim().eq_ignore_ascii_case("af"))
        })
}

/// Stems of the longer words of a description (four letters are enough to
/// meet »mødet«, »mødelokale« and »møde« alike).
fn clue_words(text: &str) -> Vec<String> {
    normalize_form(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.chars().take(4).collect())
        .collect()
}

/// How a fact is written into a letter: amounts and dates in their plain
/// form (»1.250 kr.«, »1. september 2004«), times as »10.00« (without
/// »kl.«), deadlines without »senest«, everything else as the original
/// wrote it.
fn display(f: &Fact) -> String {
    if let Some(plain) = f.plain() {
        return plain;
    }
    match f.kind {
        FactKind::Time => f.value.to_string().replace(':', "."),
        FactKind::Deadline => {
            let t = f.text.as_str();
            let lower = t.to_lowercase();
            let mut rest = t;
            for prefix in [
                "senest den ",
                "senest ",
                "inden for ",
                "inden den ",
                "inden ",
                "før den ",
                "før ",
            ] {
                if lower.starts_with(prefix) {
                    rest = &t[prefix.len()..];
                    break;
                }
            }
            rest.to_string()
        }
        _ => f.text.clone(),
    }
}

/// At most one blank line in a row, and no blank lines at the start.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim_start_matches('\n').lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::extract;
    use crate::text::Format;

    fn sources<'a>(
        text: &'a str,
        facts: &'a [Fact],
        user: &'a BTreeMap<String, String>,
    ) -> Sources<'a> {
        let a = crate::score_text(text, Format::Txt).unwrap();
        Sources {
            text,
            sentences: a
                .segmentation
                .sentences
                .iter()
                .map(|s| (s.span.start, s.span.end))
                .collect(),
            facts,
            metadata: None,
            user,
            config: &NO_CONFIG,
        }
    }

    static NO_CONFIG: BTreeMap<String, String> = BTreeMap::new();

    const T: &str = "---\ntype: indkaldelse\ntitle: Samtale\ncues: [\"indkaldes\", \"samtale\"]\nfacts:\n  dato:\n    kind: date\n    required: true\n    description: \"mødets dato, fx 1. maj\"\n  tid_start:\n    kind: time\n    required: true\n    description: start\n  tid_slut:\n    kind: time\n    required: true\n    description: slut\n  navn:\n    kind: text\n    required: true\n    description: \"borgerens navn\"\n  email:\n    kind: email\n    description: e-mail\nconstants: [\"4 uger\"]\n---\nKære {{ navn }}\n\nVi ses {{ dato }} klokken {{ tid_start }} til {{ tid_slut }}.\n{% if email %}Skriv til {{ email }}.{% endif %}\n";

    #[test]
    fn fills_facts_in_template_order_and_marks_the_missing() {
        let t = Template::parse("t", T).unwrap();
        let original = "Havnby, 3. marts 2026\n\nDe indkaldes til samtale den 17. marts 2026 fra kl. 10.00 til kl. 10.45.";
        let facts = extract(original, &[]);
        let user = BTreeMap::new();
        let r = render(&t, &sources(original, &facts, &user)).unwrap();
        assert!(
            r.text
                .contains("Vi ses 17. marts 2026 klokken 10.00 til 10.45."),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("Kære [MANGLER: borgerens navn]"),
            "{}",
            r.text
        );
        assert!(!r.text.contains("Skriv til"));
        let missing: Vec<&str> = r.missing().map(|f| f.name.as_str()).collect();
        assert_eq!(missing, ["navn"]);
        let dato = &r.filled[0];
        assert_eq!(
            dato.origin,
            Some(Origin::Original {
                line: 3,
                column: 30,
                text: "17. marts 2026".into()
            })
        );
    }

    #[test]
    fn user_values_win_and_are_never_rendered_as_templates() {
        let t = Template::parse("t", T).unwrap();
        let mut user = BTreeMap::new();
        user.insert("navn".to_string(), "{{ 7*7 }} <b>Åse</b>".to_string());
        let r = render(&t, &sources("", &[], &user)).unwrap();
        assert!(r.text.contains("Kære {{ 7*7 }} <b>Åse</b>"), "{}", r.text);
        assert_eq!(r.filled[3].origin, Some(Origin::User));
    }
}
