//! Segmentation into words and sentences, exactly as DESIGN.md defines them.
//!
//! A block's pieces are read as one stream of characters. A *token* is a run
//! of non-whitespace; with its surrounding punctuation stripped it is a
//! *word* if anything letter- or digit-like is left (a Tera placeholder
//! counts as such a word, with no letters). A word's length is its number of
//! grapheme clusters that contain an alphabetic character.
//!
//! A sentence ends after a token whose trailing punctuation holds `!` or
//! `?`; after `.`, `…` or `:` only when the next word starts with an
//! upper-case letter, and never after the `.` of an abbreviation the lexicon
//! marks as not ending sentences; and always at the end of a block.

use unicode_segmentation::UnicodeSegmentation;

use super::abbreviations::Abbreviations;
use super::document::{Document, Prose};
use super::span::Span;

/// A word: its span (punctuation stripped) and its number of letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub letters: u32,
}

/// A sentence: from its first token to the end of its terminating token,
/// closing quotes and brackets included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Number of words in the sentence (always at least one).
    pub words: u32,
    /// Index of the sentence's first word in [`Segmentation::words`].
    pub first_word: usize,
}

/// All words and sentences of a document, in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segmentation {
    pub words: Vec<Word>,
    pub sentences: Vec<Sentence>,
    /// Blocks that contain at least one word.
    pub paragraphs: usize,
}

/// Segments every prose block of `doc`.
pub fn segment(doc: &Document, abbreviations: &Abbreviations) -> Segmentation {
    let mut s = Segmenter::new(abbreviations);
    // Danish prose averages about six bytes a word and well over sixty a
    // sentence; reserving that up front saves regrowing large vectors.
    s.out.words.reserve(doc.text.len() / 7);
    s.out.sentences.reserve(doc.text.len() / 100);
    for prose in doc.prose() {
        match prose {
            Prose::Source {
                text: src,
                at: start,
            } => {
                let bytes = src.as_bytes();
                let mut i = 0;
                while let Some(&b) = bytes.get(i) {
                    let at = start + i;
                    // ASCII, most of a Danish letter, needs no decoding.
                    let ch = if b < 0x80 {
                        b as char
                    } else {
                        src[i..]
                            .chars()
                            .next()
                            .unwrap_or(char::REPLACEMENT_CHARACTER)
                    };
                    i += ch.len_utf8();
                    s.push_char(at, start + i, ch);
                }
            }
            Prose::Literal { text, at } => {
                for ch in text.chars() {
                    s.push_char(at.start, at.end, ch);
                }
            }
            Prose::Placeholder(range) => s.push_placeholder(range.start, range.end),
            Prose::Break => s.end_token(),
            Prose::BlockEnd => s.end_block(),
        }
    }
    s.out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    None,
    /// `.`, `…` or `:`: ends the sentence if the next word is capitalised.
    Soft,
    /// `!` or `?`: always ends the sentence.
    Hard,
}

/// The character a placeholder stands as inside a token's buffer.
const PLACEHOLDER: char = '\u{FFFC}';

struct Pending {
    end: usize,
    words: u32,
    next_start: Option<usize>,
}

struct Segmenter<'a> {
    abbreviations: &'a Abbreviations,
    out: Segmentation,
    // The token being read.
    active: bool,
    start: usize,
    end: usize,
    buf: String,
    core: Option<(usize, usize)>,
    core_start: usize,
    core_end: usize,
    letters: u32,
    complex: bool,
    lower: String,
    // The sentence being read.
    sentence_start: Option<usize>,
    sentence_words: u32,
    first_word: usize,
    last_end: usize,
    pending: Option<Pending>,
    block_words: usize,
}

impl<'a> Segmenter<'a> {
    fn new(abbreviations: &'a Abbreviations) -> Self {
        Segmenter {
            abbreviations,
            out: Segmentation::default(),
            active: false,
            start: 0,
            end: 0,
            buf: String::new(),
            core: None,
            core_start: 0,
            core_end: 0,
            letters: 0,
            complex: false,
            lower: String::new(),
            sentence_start: None,
            sentence_words: 0,
            first_word: 0,
            last_end: 0,
            pending: None,
            block_words: 0,
        }
    }

    #[inline]
    fn push_char(&mut self, start: usize, end: usize, ch: char) {
        if ch.is_whitespace() {
            self.end_token();
            return;
        }
        if !self.active {
            self.active = true;
            self.start = start;
        }
        self.end = end;
        let pos = self.buf.len();
        self.buf.push(ch);
        let wordlike = if ch.is_ascii() {
            if ch.is_ascii_alphabetic() {
                self.letters += 1;
                true
            } else {
                ch.is_ascii_digit()
            }
        } else {
            if ch >= '\u{300}' {
                // Beyond Latin-1 and Latin Extended, a char may combine with
                // its neighbours into one grapheme cluster: count those
                // tokens by clusters instead.
                self.complex = true;
            }
            if is_latin1_supplement_letter(ch) || ch.is_alphabetic() {
                self.letters += 1;
                true
            } else {
                ch.is_numeric()
            }
        };
        if wordlike {
            self.mark_core(pos, start, end);
        }
    }

    fn push_placeholder(&mut self, start: usize, end: usize) {
        if !self.active {
            self.active = true;
            self.start = start;
        }
        self.end = end;
        let pos = self.buf.len();
        self.buf.push(PLACEHOLDER);
        self.mark_core(pos, start, end);
    }

    #[inline]
    fn mark_core(&mut self, pos: usize, start: usize, end: usize) {
        let pos_end = self.buf.len();
        match &mut self.core {
            Some((_, e)) => *e = pos_end,
            None => {
                self.core = Some((pos, pos_end));
                self.core_start = start;
            }
        }
        self.core_end = end;
    }

    fn end_token(&mut self) {
        if !self.active {
            return;
        }
        let (is_word, letters, first_upper, trailing_from) = match self.core {
            Some((cs, ce)) => {
                let core = &self.buf[cs..ce];
                let letters = if self.complex {
                    core.graphemes(true)
                        .filter(|g| g.chars().any(char::is_alphabetic))
                        .count() as u32
                } else {
                    self.letters
                };
                let upper = core.chars().next().is_some_and(char::is_uppercase);
                (true, letters, upper, ce)
            }
            None => (false, 0, false, 0),
        };
        let trailing = &self.buf[trailing_from..];
        let mut term = terminator(trailing);
        if term == Terminator::Soft
            && is_word
            && trailing.starts_with('.')
            && terminator(&trailing[1..]) == Terminator::None
        {
            let (cs, ce) = self.core.unwrap_or_default();
            self.lower.clear();
            self.lower
                .extend(self.buf[cs..ce].chars().flat_map(char::to_lowercase));
            self.lower.push('.');
            if self.abbreviations.never_ends_sentence(&self.lower) {
                term = Terminator::None;
            }
        }
        let token = Token {
            start: self.start,
            end: self.end,
            word: is_word.then_some(Word {
                span: Span::new(self.core_start, self.core_end),
                letters,
            }),
            first_upper,
            term,
        };
        self.active = false;
        self.buf.clear();
        self.core = None;
        self.letters = 0;
        self.complex = false;
        self.on_token(token);
    }

    fn on_token(&mut self, tok: Token) {
        if tok.word.is_some() {
            if let Some(p) = self.pending.take() {
                if tok.first_upper {
                    self.close(p.end, p.words);
                    self.sentence_start = p.next_start;
                }
            }
        } else if let Some(p) = &mut self.pending {
            p.next_start.get_or_insert(tok.start);
        }
        self.sentence_start.get_or_insert(tok.start);
        self.last_end = tok.end;
        if let Some(word) = tok.word {
            self.out.words.push(word);
            self.sentence_words += 1;
            self.block_words += 1;
        }
        match tok.term {
            Terminator::Hard => {
                self.pending = None;
                self.close(tok.end, self.sentence_words);
            }
            Terminator::Soft => {
                self.pending = Some(Pending {
                    end: tok.end,
                    words: self.sentence_words,
                    next_start: None,
                });
            }
            Terminator::None => {}
        }
    }

    /// Ends the current sentence at `end` with its first `words` words.
    fn close(&mut self, end: usize, words: u32) {
        let Some(start) = self.sentence_start.take() else {
            return;
        };
        if words > 0 {
            self.out.sentences.push(Sentence {
                span: Span::new(start, end),
                words,
                first_word: self.first_word,
            });
        }
        self.first_word += words as usize;
        self.sentence_words -= words;
    }

    fn end_block(&mut self) {
        self.end_token();
        self.pending = None;
        self.close(self.last_end, self.sentence_words);
        if self.block_words > 0 {
            self.out.paragraphs += 1;
        }
        self.block_words = 0;
    }
}

struct Token {
    start: usize,
    end: usize,
    word: Option<Word>,
    first_upper: bool,
    term: Terminator,
}

/// The letters of the Latin-1 Supplement (æ, ø, å, é …), known without
/// Unicode's table.
fn is_latin1_supplement_letter(ch: char) -> bool {
    matches!(ch, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}')
}

fn terminator(punct: &str) -> Terminator {
    let mut term = Terminator::None;
    for c in punct.chars() {
        match c {
            '!' | '?' => return Terminator::Hard,
            '.' | '…' | ':' => term = Terminator::Soft,
            _ => {}
        }
    }
    term
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;

    fn seg(text: &str, format: Format) -> (Document, Segmentation) {
        let doc = Document::parse(text.to_string(), format).unwrap();
        let s = segment(&doc, crate::lexicon::Lexicon::embedded().abbreviations());
        (doc, s)
    }

    /// The sentences of a plain text, as their source text.
    fn sentences(text: &str) -> Vec<String> {
        sentences_in(text, Format::Txt)
    }

    fn sentences_in(text: &str, format: Format) -> Vec<String> {
        let (doc, s) = seg(text, format);
        s.sentences
            .iter()
            .map(|x| x.span.slice(&doc.text).to_string())
            .collect()
    }

    fn words(text: &str) -> Vec<(String, u32)> {
        words_in(text, Format::Txt)
    }

    fn words_in(text: &str, format: Format) -> Vec<(String, u32)> {
        let (doc, s) = seg(text, format);
        s.words
            .iter()
            .map(|w| (w.span.slice(&doc.text).to_string(), w.letters))
            .collect()
    }

    #[test]
    fn words_strip_surrounding_punctuation_and_count_letters() {
        assert_eq!(
            words("»Kære Søren,« (e-mail) 2026 § – ..."),
            vec![
                ("Kære".into(), 4),
                ("Søren".into(), 5),
                ("e-mail".into(), 5),
                ("2026".into(), 0)
            ]
        );
    }

    #[test]
    fn digits_and_punctuation_are_not_letters() {
        assert_eq!(
            words("1.234,50 kr. 10.30 3."),
            vec![
                ("1.234,50".into(), 0),
                ("kr".into(), 2),
                ("10.30".into(), 0),
                ("3".into(), 0)
            ]
        );
    }

    #[test]
    fn letters_are_grapheme_clusters() {
        // "å" written as a + combining ring is one letter, as is "å".
        assert_eq!(
            words("ba\u{30A}d båd"),
            vec![("ba\u{30A}d".into(), 3), ("båd".into(), 3)]
        );
    }

    #[test]
    fn a_lone_paragraph_sign_or_dash_is_not_a_word() {
        assert_eq!(words("§ – … » «"), Vec::<(String, u32)>::new());
        assert!(sentences("§").is_empty());
    }

    #[test]
    fn ordinals_and_dates_do_not_end_sentences() {
        assert_eq!(
            sentences("Mødet er den 3. marts 2026 kl. 10.30 i lokale 2. Kom til tiden."),
            vec![
                "Mødet er den 3. marts 2026 kl. 10.30 i lokale 2.",
                "Kom til tiden."
            ]
        );
    }

    #[test]
    fn amounts_do_not_end_sentences() {
        assert_eq!(
            sentences("Du får 5.000 kr. i hjælp. Beløbet udbetales 1. maj."),
            vec!["Du får 5.000 kr. i hjælp.", "Beløbet udbetales 1. maj."]
        );
    }

    #[test]
    fn abbreviations_before_capitals_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Det følger af praksis, jf. Ankestyrelsens afgørelse. Vi skriver bl.a. Jobnet og f.eks. Borger.dk her."
            ),
            vec![
                "Det følger af praksis, jf. Ankestyrelsens afgørelse.",
                "Vi skriver bl.a. Jobnet og f.eks. Borger.dk her."
            ]
        );
        // Upper-case abbreviation at the start of a sentence.
        assert_eq!(
            sentences("Jf. Loven gælder det."),
            vec!["Jf. Loven gælder det."]
        );
    }

    #[test]
    fn other_abbreviations_end_sentences_before_capitals() {
        assert_eq!(
            sentences("Tag lønsedler osv. Vi ses."),
            vec!["Tag lønsedler osv.", "Vi ses."]
        );
    }

    #[test]
    fn abbreviation_followed_by_colon_still_ends() {
        assert_eq!(
            sentences("Vi skal bruge f.eks.: Lønsedler."),
            vec!["Vi skal bruge f.eks.:", "Lønsedler."]
        );
    }

    #[test]
    fn colon_before_capital_ends_before_lower_case_does_not() {
        assert_eq!(
            sentences("Bemærk: Du skal komme. Husk: tag papirer med."),
            vec!["Bemærk:", "Du skal komme.", "Husk: tag papirer med."]
        );
    }

    #[test]
    fn question_and_exclamation_always_end() {
        assert_eq!(
            sentences("Kan du komme? ja, det kan jeg! tak"),
            vec!["Kan du komme?", "ja, det kan jeg!", "tak"]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_belong_to_the_sentence() {
        assert_eq!(
            sentences("Han sagde: »Kom nu.« Det gjorde hun. (Hun kom.) Godt!«) Slut"),
            vec![
                "Han sagde:",
                "»Kom nu.«",
                "Det gjorde hun.",
                "(Hun kom.)",
                "Godt!«)",
                "Slut"
            ]
        );
    }

    #[test]
    fn opening_quote_before_capital_ends_sentence() {
        assert_eq!(
            sentences("Vi skrev. »Hvorfor?« spurgte du."),
            vec!["Vi skrev.", "»Hvorfor?«", "spurgte du."]
        );
    }

    #[test]
    fn ellipsis_ends_only_before_capital() {
        assert_eq!(
            sentences("Vi venter… og venter… Så kommer svaret... Endelig."),
            vec!["Vi venter… og venter…", "Så kommer svaret...", "Endelig."]
        );
    }

    #[test]
    fn non_word_tokens_after_a_soft_end_start_the_next_sentence() {
        assert_eq!(
            sentences("Du kom. – Det var godt."),
            vec!["Du kom.", "– Det var godt."]
        );
    }

    #[test]
    fn blocks_end_sentences_and_soft_wraps_do_not() {
        assert_eq!(
            sentences(
                "Kære Søren\n\nVi har modtaget\ndin ansøgning\n\nMed venlig hilsen\nJobcentret"
            ),
            vec![
                "Kære Søren",
                "Vi har modtaget\ndin ansøgning",
                "Med venlig hilsen\nJobcentret"
            ]
        );
    }

    #[test]
    fn crlf_is_like_lf() {
        let lf = sentences("Linje et\nlinje to.\n\nNy blok.");
        let crlf = sentences("Linje et\r\nlinje to.\r\n\r\nNy blok.");
        assert_eq!(lf.len(), 2);
        assert_eq!(crlf.len(), 2);
        assert_eq!(crlf[0], "Linje et\r\nlinje to.");
    }

    #[test]
    fn markdown_headings_and_list_items_are_blocks() {
        assert_eq!(
            sentences_in(
                "# Din samtale\n\nVi ses\n\n- lønsedler\n- kontoudtog\n",
                Format::Markdown
            ),
            vec!["Din samtale", "Vi ses", "lønsedler", "kontoudtog"]
        );
    }

    #[test]
    fn markdown_emphasis_does_not_split_sentences_or_words() {
        let md = "Du skal **senest den 14. april** sende *os* papirerne. Vig**tigt**: Ring.";
        assert_eq!(
            sentences_in(md, Format::Markdown),
            vec![
                "Du skal **senest den 14. april** sende *os* papirerne.",
                "Vig**tigt**:",
                "Ring."
            ]
        );
        assert_eq!(words_in(md, Format::Markdown)[9], ("Vig**tigt".into(), 7));
    }

    #[test]
    fn markdown_front_matter_and_code_are_not_counted() {
        let md = "---\ntitel: Et langt brev med mange ord\n---\nHej.\n\n```\nkode kode kode\n```\n";
        assert_eq!(words_in(md, Format::Markdown), vec![("Hej".into(), 3)]);
    }

    #[test]
    fn tera_placeholders_are_words_without_letters() {
        let t = "Kære {{ navn }}{# kommentar #}\n\n{% if frist %}Svar senest {{ frist }}. Tak{% endif %}";
        assert_eq!(
            words_in(t, Format::Tera),
            vec![
                ("Kære".into(), 4),
                ("{{ navn }}".into(), 0),
                ("Svar".into(), 4),
                ("senest".into(), 6),
                ("{{ frist }}".into(), 0),
                ("Tak".into(), 3)
            ]
        );
        assert_eq!(
            sentences_in(t, Format::Tera),
            vec!["Kære {{ navn }}", "Svar senest {{ frist }}.", "Tak"]
        );
    }

    #[test]
    fn tera_markdown_tags_inside_markdown() {
        let t = "# Til {{ navn }}\n\n{% if x %}\nDu skal *komme* {{ dato }}.\n{% endif %}\n";
        assert_eq!(
            sentences_in(t, Format::TeraMarkdown),
            vec!["Til {{ navn }}", "Du skal *komme* {{ dato }}."]
        );
        assert_eq!(words_in(t, Format::TeraMarkdown).len(), 6);
    }

    #[test]
    fn empty_text_has_nothing() {
        let (_, s) = seg("", Format::Txt);
        assert_eq!(s, Segmentation::default());
        let (_, s) = seg("  \n\n \t", Format::Txt);
        assert_eq!(s, Segmentation::default());
    }

    #[test]
    fn sentences_index_their_words() {
        let (_, s) = seg("Et to. Tre fire fem.", Format::Txt);
        assert_eq!(s.sentences[1].first_word, 2);
        assert_eq!(s.sentences[1].words, 3);
    }
}

#[cfg(test)]
mod latin1 {
    /// The Latin-1 shortcut takes exactly the Latin-1 chars Unicode calls
    /// alphabetic, from À on (× and ÷ are not letters).
    #[test]
    fn the_latin1_shortcut_agrees_with_unicode() {
        for ch in '\u{C0}'..='\u{FF}' {
            assert_eq!(
                super::is_latin1_supplement_letter(ch),
                ch.is_alphabetic(),
                "{ch}"
            );
        }
        assert!(!super::is_latin1_supplement_letter('a'));
    }
}
