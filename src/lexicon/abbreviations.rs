//! Which abbreviations never end a sentence. The lexicon's `forkortelse`
//! entries say so with `ends_sentence: false`, so the list a user reads and
//! edits is the list the segmenter uses.

use std::collections::HashSet;

use super::schema::Entry;

/// Abbreviations (lower case, with their final `.`) whose full stop never
/// ends a sentence inside a block.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    never_end: HashSet<String>,
}

impl Abbreviations {
    /// The abbreviations of the embedded default lexicon.
    pub fn embedded() -> &'static Abbreviations {
        super::Lexicon::embedded().abbreviations()
    }

    /// Collects the forms ending in `.` of every entry that never ends a
    /// sentence.
    pub fn from_entries(entries: &[Entry]) -> Abbreviations {
        let never_end = entries
            .iter()
            .filter(|e| !e.ends_sentence)
            .flat_map(|e| &e.forms)
            .map(|f| f.form.to_lowercase())
            .filter(|f| f.ends_with('.'))
            .collect();
        Abbreviations { never_end }
    }

    /// Whether `abbreviation` (lower case, ending in `.`) never ends a
    /// sentence.
    pub fn never_ends_sentence(&self, abbreviation: &str) -> bool {
        self.never_end.contains(abbreviation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_has_the_required_abbreviations() {
        let a = Abbreviations::embedded();
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
