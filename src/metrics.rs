//! Readability metrics of one letter, computed from its segmentation:
//! LIX = words / sentences + 100 × long words / words, where a long word
//! has more than six letters. A letter without words has no LIX (null),
//! never NaN.

use serde::Serialize;

use crate::text::Segmentation;

/// Words with more letters than this are long.
pub const LONG_WORD_LETTERS: u32 = 6;
/// Sentences with more words than this are reported as long.
pub const LONG_SENTENCE_WORDS: u32 = 25;

/// Björnsson's LIX bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Band {
    #[serde(rename = "meget let")]
    VeryEasy,
    #[serde(rename = "let")]
    Easy,
    #[serde(rename = "middel")]
    Medium,
    #[serde(rename = "svær")]
    Hard,
    #[serde(rename = "meget svær")]
    VeryHard,
}

impl Band {
    /// The band of a LIX value: under 25, 25–34, 35–44, 45–54, 55 and over.
    pub fn of(lix: f64) -> Band {
        if lix < 25.0 {
            Band::VeryEasy
        } else if lix < 35.0 {
            Band::Easy
        } else if lix < 45.0 {
            Band::Medium
        } else if lix < 55.0 {
            Band::Hard
        } else {
            Band::VeryHard
        }
    }

    /// The Danish name.
    pub fn name(self) -> &'static str {
        match self {
            Band::VeryEasy => "meget let",
            Band::Easy => "let",
            Band::Medium => "middel",
            Band::Hard => "svær",
            Band::VeryHard => "meget svær",
        }
    }
}

/// A sentence named by position and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceRef {
    pub start: usize,
    pub end: usize,
    pub words: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    pub words: usize,
    pub sentences: usize,
    pub long_words: usize,
    pub lix: Option<f64>,
    pub lix_band: Option<Band>,
    pub avg_sentence_words: Option<f64>,
    pub max_sentence_words: u32,
    /// Long words as a share of all words (0–1).
    pub long_word_share: Option<f64>,
    /// Blocks with at least one word.
    pub paragraphs: usize,
    pub longest_sentence: Option<SentenceRef>,
    /// Every sentence over [`LONG_SENTENCE_WORDS`] words.
    pub long_sentences: Vec<SentenceRef>,
}

impl Metrics {
    pub fn of(seg: &Segmentation) -> Metrics {
        let words = seg.words.len();
        let sentences = seg.sentences.len();
        let long_words = seg
            .words
            .iter()
            .filter(|w| w.letters > LONG_WORD_LETTERS)
            .count();
        let lix = lix(words, sentences, long_words);
        let as_ref = |s: &crate::text::Sentence| SentenceRef {
            start: s.span.start,
            end: s.span.end,
            words: s.words,
        };
        // The first of equally long sentences is the longest.
        let longest = seg
            .sentences
            .iter()
            .rev()
            .max_by_key(|s| s.words)
            .map(as_ref);
        Metrics {
            words,
            sentences,
            long_words,
            lix,
            lix_band: lix.map(Band::of),
            avg_sentence_words: (sentences > 0).then(|| words as f64 / sentences as f64),
            max_sentence_words: longest.map_or(0, |s| s.words),
            long_word_share: (words > 0).then(|| long_words as f64 / words as f64),
            paragraphs: seg.paragraphs,
            longest_sentence: longest,
            long_sentences: seg
                .sentences
                .iter()
                .filter(|s| s.words > LONG_SENTENCE_WORDS)
                .map(as_ref)
                .collect(),
        }
    }
}

/// LIX from counts; `None` when there are no words (or, which cannot happen
/// with words present, no sentences).
pub fn lix(words: usize, sentences: usize, long_words: usize) -> Option<f64> {
    if words == 0 || sentences == 0 {
        return None;
    }
    let w = words as f64;
    Some(w / sentences as f64 + 100.0 * long_words as f64 / w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Document, Format, segment};

    fn metrics(text: &str) -> Metrics {
        let doc = Document::parse(text.into(), Format::Txt).unwrap();
        Metrics::of(&segment(
            &doc,
            crate::lexicon::Lexicon::embedded().abbreviations(),
        ))
    }

    #[test]
    fn lix_by_hand() {
        // 12 words, 2 sentences, long words: afgørelse (9), begrundet (9),
        // forvaltningsloven (17) → 12/2 + 100·3/12 = 31.
        let m =
            metrics("Din afgørelse er begrundet. Det står i forvaltningsloven og i brevet her.");
        assert_eq!((m.words, m.sentences, m.long_words), (12, 2, 3));
        let expected = 12.0 / 2.0 + 100.0 * 3.0 / 12.0;
        assert_eq!(m.lix, Some(expected));
        assert_eq!(m.lix_band, Some(Band::Easy));
    }

    #[test]
    fn exactly_six_letters_is_not_long() {
        let m = metrics("Sådan! Kontor. Ansøgt. Ansøger.");
        // Sådan 5, Kontor 6, Ansøgt 6, Ansøger 7.
        assert_eq!(m.long_words, 1);
    }

    #[test]
    fn no_words_no_lix() {
        for text in ["", "   ", "§ – …", "\n\n\n"] {
            let m = metrics(text);
            assert_eq!(m.lix, None);
            assert_eq!(m.lix_band, None);
            assert_eq!(m.avg_sentence_words, None);
            assert_eq!((m.words, m.sentences, m.max_sentence_words), (0, 0, 0));
        }
    }

    #[test]
    fn bands_at_their_edges() {
        assert_eq!(Band::of(24.99), Band::VeryEasy);
        assert_eq!(Band::of(25.0), Band::Easy);
        assert_eq!(Band::of(34.99), Band::Easy);
        assert_eq!(Band::of(35.0), Band::Medium);
        assert_eq!(Band::of(45.0), Band::Hard);
        assert_eq!(Band::of(54.99), Band::Hard);
        assert_eq!(Band::of(55.0), Band::VeryHard);
    }

    #[test]
    fn long_sentences_and_the_longest() {
        let long = format!("Ord {}", vec!["ord"; 25].join(" "));
        let m = metrics(&format!("Kort sætning. {long}. Igen kort."));
        assert_eq!(m.max_sentence_words, 26);
        assert_eq!(m.long_sentences.len(), 1);
        assert_eq!(m.longest_sentence.unwrap().words, 26);
        assert_eq!(m.paragraphs, 1);
        let m = metrics(&vec!["ord"; 25].join(" "));
        assert!(m.long_sentences.is_empty());
    }
}
