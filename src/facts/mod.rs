//! Facts: the concrete things a letter must not lose or change when it is
//! rewritten — dates, times, periods, amounts with their unit, percentages,
//! durations, deadlines, legal references with their law, case numbers,
//! phone numbers, e-mail and web addresses, postal addresses, authorities,
//! the caseworker, CPR numbers. Each fact has a kind, a typed value in one
//! normalized form, a unit or qualifier, a span and a role read from its
//! sentence (the letter's date is not the meeting's date).
//!
//! `kind` holds the types; `calendar`, `money`, `legal` and `contact` find
//! the kinds (each with its own tests); `role` reads roles and units;
//! `extract` puts them together; `compare` says, role by role, which facts
//! of an original a rewrite kept, changed, lost or added.

mod calendar;
mod compare;
mod contact;
mod extract;
mod kind;
mod legal;
mod money;
mod role;

pub use compare::{Aspect, Change, Comparison, compare};
pub use extract::extract;
pub use kind::{
    ALL_KINDS, Date, Fact, FactKind, LegalRef, Role, Time, TimeUnit, Unit, Value, Weekday,
    plain_amount, plain_date,
};
pub use legal::law_of;

/// `i`, or the next char boundary after it (windows around a fact start
/// at a byte offset and must not cut a character).
fn boundary_after(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `i`, or the char boundary before it.
pub(crate) fn boundary_before(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
