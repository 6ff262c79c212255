//! What a fact is: its kind (with the names readers and templates use for
//! it) and the fact itself — where it stands, as written, and its value in
//! one normalized spelling.

use serde::Serialize;

use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Date,
    Time,
    Amount,
    Legal,
    Deadline,
    Phone,
    Email,
    Url,
    Cpr,
}

impl FactKind {
    /// The Danish name shown to readers.
    pub fn danish(self) -> &'static str {
        match self {
            FactKind::Date => "dato",
            FactKind::Time => "tidspunkt",
            FactKind::Amount => "beløb",
            FactKind::Legal => "lovhenvisning",
            FactKind::Deadline => "frist",
            FactKind::Phone => "telefonnummer",
            FactKind::Email => "e-mail",
            FactKind::Url => "webadresse",
            FactKind::Cpr => "cpr-nummer",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FactKind::Date => "date",
            FactKind::Time => "time",
            FactKind::Amount => "amount",
            FactKind::Legal => "legal",
            FactKind::Deadline => "deadline",
            FactKind::Phone => "phone",
            FactKind::Email => "email",
            FactKind::Url => "url",
            FactKind::Cpr => "cpr",
        }
    }

    pub fn from_name(name: &str) -> Option<FactKind> {
        ALL_KINDS.into_iter().find(|k| k.name() == name)
    }
}

pub const ALL_KINDS: [FactKind; 9] = [
    FactKind::Date,
    FactKind::Time,
    FactKind::Amount,
    FactKind::Legal,
    FactKind::Deadline,
    FactKind::Phone,
    FactKind::Email,
    FactKind::Url,
    FactKind::Cpr,
];

/// One fact found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Span,
    /// The text as written.
    pub text: String,
    /// The normalized value: `2026-03-03` (or `--03-03` without a year),
    /// `10:30`, `1234.50 kr`, `§ 13, stk. 7, nr. 3`, `frist 2026-04-14` or
    /// `frist 4 uger`, `72360000`, a lower-case address, `DDMMYY-XXXX`.
    pub value: String,
}
