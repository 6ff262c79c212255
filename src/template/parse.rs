//! A template's metadata: its front matter (type, title, cues, the facts
//! it needs and of which kind, its constants) is read and checked into a
//! [`Template`], and the embedded templates are parsed once.

use serde::{Deserialize, Serialize};

use super::{TEMPLATES, TemplateError};
use crate::facts::FactKind;
use crate::text::{Document, Format};

/// What a template needs to know about one fact.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub description: String,
    /// Words that must stand in the sentence of an original's fact for it
    /// to fill this slot (e.g. »telefonmøde« for the number we call).
    #[serde(default)]
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[serde(rename = "type")]
    letter_type: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    facts: serde_yaml::Mapping,
    #[serde(default)]
    constants: Vec<String>,
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub letter_type: String,
    pub title: String,
    pub description: String,
    pub cues: Vec<String>,
    /// The facts in the order the template lists them.
    pub slots: Vec<(String, Slot)>,
    pub constants: Vec<String>,
    pub body: String,
}

impl Template {
    /// Every embedded template, sorted by name.
    pub fn all() -> Result<&'static [Template], TemplateError> {
        // Parsed once: `check` asks for them for every letter.
        static ALL: std::sync::OnceLock<Result<Vec<Template>, TemplateError>> =
            std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            TEMPLATES
                .iter()
                .map(|(n, t)| Template::parse(n, t))
                .collect()
        })
        .as_deref()
        .map_err(Clone::clone)
    }

    /// The names of the embedded templates.
    pub fn names() -> String {
        TEMPLATES
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn named(name: &str) -> Result<Template, TemplateError> {
        Template::all()?
            .iter()
            .find(|t| t.name == name)
            .cloned()
            .ok_or_else(|| TemplateError::Unknown(name.to_string(), Template::names()))
    }

    pub fn parse(name: &str, text: &str) -> Result<Template, TemplateError> {
        let meta_error = |detail: String| TemplateError::Meta {
            name: name.to_string(),
            detail,
        };
        let doc = Document::parse(text.to_string(), Format::TeraMarkdown)
            .map_err(|e| meta_error(e.to_string()))?;
        let Some(fm) = doc.front_matter.clone() else {
            return Err(meta_error("front matter mangler".into()));
        };
        let yaml = text[..fm.end]
            .trim_start_matches("---")
            .trim_end()
            .trim_end_matches("---");
        let meta: Meta = serde_yaml::from_str(yaml).map_err(|e| meta_error(e.to_string()))?;
        let mut slots = Vec::new();
        for (key, value) in meta.facts {
            let key = key
                .as_str()
                .ok_or_else(|| meta_error("et fakta-navn er ikke tekst".into()))?
                .to_string();
            let slot: Slot =
                serde_yaml::from_value(value).map_err(|e| meta_error(format!("{key}: {e}")))?;
            if slot.kind != "text" && FactKind::from_name(&slot.kind).is_none() {
                return Err(meta_error(format!("{key}: ukendt kind »{}«", slot.kind)));
            }
            slots.push((key, slot));
        }
        Ok(Template {
            name: name.to_string(),
            letter_type: meta.letter_type,
            title: meta.title,
            description: meta.description,
            cues: meta.cues,
            slots,
            constants: meta.constants,
            body: text[fm.end..].to_string(),
        })
    }
}
