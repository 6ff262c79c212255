//! Which abbreviations never end a sentence. The segmenter is given the
//! list; the lexicon makes it from its `forkortelse` entries
//! (`ends_sentence: false`), so the list a user reads and edits is the list
//! the segmenter uses.

use std::collections::HashSet;

/// Abbreviations (lower case, with their final `.`) whose full stop never
/// ends a sentence inside a block.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    never_end: HashSet<String>,
}

impl Abbreviations {
    /// The forms that end in `.`, in lower case.
    pub fn from_forms<'a>(forms: impl IntoIterator<Item = &'a str>) -> Abbreviations {
        let never_end = forms
            .into_iter()
            .map(str::to_lowercase)
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
