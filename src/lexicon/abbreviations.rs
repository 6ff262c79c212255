//! The abbreviations that never end a sentence, made from the lexicon's
//! entries with `ends_sentence: false`.

use super::schema::Entry;
pub use crate::text::Abbreviations;

/// Collects the forms ending in `.` of every entry that never ends a
/// sentence.
pub fn of_entries(entries: &[Entry]) -> Abbreviations {
    Abbreviations::from_forms(
        entries
            .iter()
            .filter(|e| !e.ends_sentence)
            .flat_map(|e| &e.forms)
            .map(|f| &*f.form),
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn embedded_lexicon_has_the_required_abbreviations() {
        let a = super::super::Lexicon::embedded().abbreviations();
        for required in [
            "jf.", "jfr.", "bl.a.", "f.eks.", "fx.", "kl.", "stk.", "nr.", "pkt.", "tlf.", "att.",
            "vedr.", "ang.", "ca.", "evt.", "pga.", "iht.", "mht.", "ifm.", "inkl.", "ekskl.",
            "dvs.", "d.", "s.", "hr.", "fr.",
        ] {
            assert!(a.never_ends_sentence(required), "{required} mangler");
        }
        assert!(!a.never_ends_sentence("osv."));
    }
}
