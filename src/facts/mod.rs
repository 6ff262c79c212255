//! Facts: the concrete things a letter must not lose when it is rewritten —
//! dates, times, amounts, legal references, deadlines, phone numbers,
//! e-mail and web addresses, CPR numbers. Each fact has a kind, a span and
//! a normalized value, so »3. marts 2026« and »03.03.2026« are the same
//! fact, and »3. marts« (no year) is kept by »3. marts 2026«.
//!
//! Three concepts, one file each: `kind` says what a fact is, `extract`
//! finds the facts of a text and normalizes their values, and `compare`
//! says which facts of an original a rewrite kept, lost or added.

mod compare;
mod extract;
mod kind;

pub use compare::{Comparison, compare};
pub use extract::extract;
pub use kind::{ALL_KINDS, Fact, FactKind};
