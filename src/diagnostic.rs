//! Findings: what klarbrev reports about a letter. Every finding carries the
//! id of the rule that made it, so output, suppressions and baselines can
//! name it; a fix carries an applicability, so "may I apply this?" is one
//! comparison.

use std::borrow::Cow;

use serde::Serialize;

use crate::text::Span;

/// Text a finding shares with the rule that made it: borrowed from the
/// binary for the shipped lexicon (no copy per finding), owned otherwise.
pub type Text = Cow<'static, str>;

/// How serious a finding is. Ordered, so a threshold is a comparison.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The id in JSON and config files, as serde writes it.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Danish word shown to readers.
    pub fn danish(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "advarsel",
            Severity::Error => "fejl",
        }
    }
}

/// Whether a fix may be applied without a human look. Ordered from least
/// to most trusted.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// An explanation only; nothing to insert.
    Display,
    /// Usually right, but meaning or grammar may change: a human decides.
    Unsafe,
    /// Keeps meaning and grammar in every context.
    Safe,
}

impl Applicability {
    pub const ALL: [Applicability; 3] = [
        Applicability::Display,
        Applicability::Unsafe,
        Applicability::Safe,
    ];

    /// The id in JSON and lexicon files, as serde writes it.
    pub fn id(self) -> &'static str {
        match self {
            Applicability::Display => "display",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }

    /// What it means for the reader, in Danish.
    pub fn danish(self) -> &'static str {
        match self {
            Applicability::Safe => "sikker rettelse",
            Applicability::Unsafe => "tjek selv, før du retter",
            Applicability::Display => "kun forklaring",
        }
    }

    /// One Danish word for a list.
    pub fn danish_short(self) -> &'static str {
        match self {
            Applicability::Safe => "sikker",
            Applicability::Unsafe => "usikker",
            Applicability::Display => "forklaring",
        }
    }
}

/// A suggested replacement of a finding's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: Text,
    pub applicability: Applicability,
}

/// One thing klarbrev found in a letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable lowercase id of the rule (a lexicon entry's id, or a built-in
    /// rule such as `lix-max`).
    pub rule: Text,
    pub category: Text,
    pub severity: Severity,
    /// Danish, one sentence.
    pub message: Text,
    /// A plain explanation a letter could give its reader (for `fagord`).
    pub explanation: Option<Text>,
    pub span: Span,
    /// The text the span covers (empty for findings about the whole letter).
    pub matched: String,
    pub fixes: Vec<Fix>,
}

/// Rule id of the finding a letter gets when its LIX is over the limit.
pub const RULE_LIX_MAX: &str = "laesbarhed/lix-max";
/// Category of readability findings.
pub const CATEGORY_READABILITY: &str = "laesbarhed";

#[cfg(test)]
mod ids {
    use super::*;

    #[test]
    fn ids_are_the_names_serde_writes() {
        for s in Severity::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.id())
            );
        }
        for a in Applicability::ALL {
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.id())
            );
        }
    }
}
