//! Letter templates: whole letters in plain Danish (`templates/*.md.tera`,
//! embedded in the binary) that are filled with the facts of an original
//! letter. A template says in its front matter which facts it needs, of
//! which kind, and which words recognise an original of its type. A fact is
//! never invented: it comes from the original, from the user, or is one of
//! the template's stated constants; a required fact that is missing is
//! rendered as a visible `[MANGLER: …]`.
//!
//! Three concepts, one file each: `parse` reads a template's front matter
//! into a [`Template`], `choose` picks the template whose cues occur in an
//! original, and `render` fills a template's facts and renders it.

mod choose;
mod parse;
mod render;

pub use choose::{Candidate, MIN_CUE_SCORE, choose, chosen, ranking};
pub use parse::{Slot, Template};
pub use render::{Filled, Origin, Rendered, Sources, render};

// Written by build.rs: `TEMPLATES`, every `templates/*.tera` as (name,
// text) sorted by name, kept at this path since it is public.
include!(concat!(env!("OUT_DIR"), "/templates.rs"));

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("skabelonen »{0}« findes ikke. Mulige skabeloner: {1}")]
    Unknown(String, String),
    #[error("skabelonen »{name}« har en fejl i front matter: {detail}")]
    Meta { name: String, detail: String },
    #[error("skabelonen »{name}« kunne ikke udfyldes: {detail}")]
    Render { name: String, detail: String },
    #[error(
        "brevtypen kunne ikke genkendes sikkert: en skabelon skal have mindst 2 af sine kendetegn i brevet og flere end de andre. Nærmest: {0}. Vælg en med --template NAVN ({1})"
    )]
    NoMatch(String, String),
}
