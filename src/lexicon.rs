//! The lexicon's data as far as segmentation needs it: which abbreviations
//! never end a sentence. The data lives in `lexicon/forkortelser.yaml`
//! (embedded in the binary), so the list a user reads is the list the
//! segmenter uses.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

const FORKORTELSER: &str = include_str!("../lexicon/forkortelser.yaml");

/// Abbreviations (lower case, with their final `.`) whose full stop never
/// ends a sentence inside a block.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    never_end: HashSet<String>,
}

#[derive(Deserialize)]
struct File {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default = "yes")]
    ends_sentence: bool,
    forms: Vec<Form>,
}

#[derive(Deserialize)]
struct Form {
    form: String,
}

fn yes() -> bool {
    true
}

impl Abbreviations {
    /// The abbreviations of the embedded default lexicon.
    pub fn embedded() -> &'static Abbreviations {
        static CELL: OnceLock<Abbreviations> = OnceLock::new();
        CELL.get_or_init(|| {
            // The embedded file is checked by the test suite; if it were ever
            // broken, segmentation would only lose its abbreviation rule.
            Abbreviations::from_yaml(FORKORTELSER).unwrap_or_default()
        })
    }

    /// Reads abbreviations from a lexicon file in the `forkortelser.yaml`
    /// format.
    pub fn from_yaml(yaml: &str) -> Result<Abbreviations, serde_yaml::Error> {
        let file: File = serde_yaml::from_str(yaml)?;
        let never_end = file
            .entries
            .into_iter()
            .filter(|e| !e.ends_sentence)
            .flat_map(|e| e.forms)
            .map(|f| f.form.to_lowercase())
            .filter(|f| f.ends_with('.'))
            .collect();
        Ok(Abbreviations { never_end })
    }

    /// Whether `abbreviation` (lower case, ending in `.`) never ends a
    /// sentence.
    pub fn never_ends_sentence(&self, abbreviation: &str) -> bool {
        self.never_end.contains(abbreviation)
    }

    pub fn len(&self) -> usize {
        self.never_end.len()
    }

    pub fn is_empty(&self) -> bool {
        self.never_end.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_parses_and_has_the_required_abbreviations() {
        let a = Abbreviations::from_yaml(FORKORTELSER).expect("forkortelser.yaml");
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
