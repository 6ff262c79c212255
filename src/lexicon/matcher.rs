//! Finding lexicon forms in a letter with one Aho-Corasick automaton over
//! every surface form (daachorse's double-array automaton: it can be
//! compiled when the binary is built and loaded in microseconds).
//!
//! The letter's prose is first copied into a *normalized* text: lower case
//! (only where the lower-case char has the same UTF-8 length, which holds
//! for every Danish letter, æ/ø/å included), every run of whitespace as one
//! space, and a NUL between blocks and at Tera placeholders so that no
//! phrase runs across them. Because every kept char keeps its length, a
//! short table of segments maps normalized offsets back to byte-exact
//! offsets in the original. The automaton reports every (overlapping)
//! occurrence; each is checked for word boundaries, compound policy, case
//! and position, and of what is left the leftmost, then longest, wins.

use std::borrow::Cow;
use std::sync::Arc;

use daachorse::DoubleArrayAhoCorasick;

use super::schema::{Entry, Position};
use super::shared::{Patterns, add_pattern, compile, lower};
use crate::text::{Document, Prose, Segmentation, Span};

/// One occurrence of a lexicon form in a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry in the lexicon.
    pub entry: usize,
    /// Index of the form in the entry.
    pub form: usize,
    /// Byte span in the original text.
    pub span: Span,
    /// The form matched as part of a longer word (allowed by the entry's
    /// compound policy).
    pub in_compound: bool,
}

/// The compiled automaton. Each of its patterns is one distinct normalized
/// form; the pattern's value indexes `targets`, the (entry, form) pairs
/// that share it.
#[derive(Clone)]
pub struct Matcher {
    automaton: Option<Arc<DoubleArrayAhoCorasick<u32>>>,
    targets: Vec<Cow<'static, [(u32, u32)]>>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.targets.len())
            .finish()
    }
}

impl Matcher {
    /// Compiles every form of every entry into one automaton.
    pub fn new(entries: &[Entry]) -> Matcher {
        let mut patterns = Patterns::new();
        for (ei, entry) in entries.iter().enumerate() {
            for (fi, form) in entry.forms.iter().enumerate() {
                add_pattern(&mut patterns, &form.form, ei as u32, fi as u32);
            }
        }
        // Without an automaton nothing matches.
        let automaton = compile(&patterns).map(Arc::new);
        Matcher {
            automaton,
            targets: patterns.into_values().map(Cow::Owned).collect(),
        }
    }

    /// Loads an automaton that build.rs compiled, with its targets.
    pub fn prebuilt(bytes: &[u8], targets: &'static [&'static [(u32, u32)]]) -> Option<Matcher> {
        let (automaton, _) = DoubleArrayAhoCorasick::deserialize(bytes).ok()?;
        Some(Matcher {
            automaton: Some(Arc::new(automaton)),
            targets: targets.iter().map(|t| Cow::Borrowed(*t)).collect(),
        })
    }

    /// Every hit in the prose of `doc`, leftmost-longest, without overlaps,
    /// in text order.
    pub fn find(
        &self,
        entries: &[Entry],
        enabled: &[bool],
        doc: &Document,
        seg: &Segmentation,
    ) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let norm = Normalized::of(doc);
        let starts: Vec<usize> = seg
            .sentences
            .iter()
            .filter_map(|s| seg.words.get(s.first_word).map(|w| w.span.start))
            .collect();
        let text = norm.text.as_bytes();
        let mut found: Vec<Hit> = Vec::with_capacity(text.len() / 16);
        for m in automaton.find_overlapping_iter(&norm.text) {
            let (s, e) = (m.start(), m.end());
            let before = is_word_char_before(text, s);
            let after = is_word_char_after(text, e);
            let Some(targets) = self.targets.get(m.value() as usize) else {
                continue;
            };
            // The span is worked out for the first target that passes the
            // cheap checks; most raw hits (»de« inside a word) pass none.
            let mut span = None;
            for &(ei, fi) in targets.iter() {
                let (ei, fi) = (ei as usize, fi as usize);
                let (Some(entry), Some(true)) = (entries.get(ei), enabled.get(ei)) else {
                    continue;
                };
                if (before && !entry.compound.allows_suffix())
                    || (after && !entry.compound.allows_prefix())
                {
                    continue;
                }
                let span = *span
                    .get_or_insert_with(|| Span::new(norm.to_original(s), norm.to_original_end(e)));
                if entry.match_case && !same_case(span.slice(&doc.text), &entry.forms[fi].form) {
                    continue;
                }
                let wanted = match entry.position {
                    Position::SentenceStart => Some(true),
                    Position::MidSentence => Some(false),
                    _ => None,
                };
                if let Some(wanted) = wanted {
                    if starts.binary_search(&span.start).is_ok() != wanted {
                        continue;
                    }
                }
                found.push(Hit {
                    entry: ei,
                    form: fi,
                    span,
                    in_compound: before || after,
                });
            }
        }
        found.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
                .then(a.entry.cmp(&b.entry))
        });
        let mut hits = Vec::with_capacity(found.len());
        let mut end = 0;
        for hit in found {
            if hit.span.start >= end {
                end = hit.span.end;
                hits.push(hit);
            }
        }
        hits
    }
}

/// Whether the original text has the form's exact letters and case (runs of
/// whitespace compare as one space).
fn same_case(original: &str, form: &str) -> bool {
    original.split_whitespace().eq(form.split_whitespace())
}

fn is_word_char_before(text: &[u8], at: usize) -> bool {
    let Some(c) = char_before(text, at) else {
        return false;
    };
    if c == '-' {
        // A hyphen joins only when a word stands right before it.
        return char_before(text, at - 1).is_some_and(char::is_alphanumeric);
    }
    c.is_alphanumeric()
}

fn is_word_char_after(text: &[u8], at: usize) -> bool {
    let Some(c) = char_at(text, at) else {
        return false;
    };
    if c == '-' {
        return char_at(text, at + 1).is_some_and(char::is_alphanumeric);
    }
    c.is_alphanumeric()
}

fn char_before(text: &[u8], at: usize) -> Option<char> {
    if at == 0 {
        return None;
    }
    if text[at - 1] < 0x80 {
        return Some(text[at - 1] as char);
    }
    let mut start = at - 1;
    while start > 0 && at - start < 4 && (text[start] & 0xC0) == 0x80 {
        start -= 1;
    }
    std::str::from_utf8(&text[start..at]).ok()?.chars().next()
}

fn char_at(text: &[u8], at: usize) -> Option<char> {
    let rest = text.get(at..)?;
    let len = match *rest.first()? {
        b if b < 0x80 => return Some(b as char),
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    };
    std::str::from_utf8(rest.get(..len)?).ok()?.chars().next()
}

/// ASCII whitespace as `char::is_whitespace` sees it.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The normalized prose of a document and the map back to the original.
struct Normalized {
    text: String,
    /// (normalized offset, original offset) where a linear stretch starts.
    segments: Vec<(usize, usize)>,
}

impl Normalized {
    fn of(doc: &Document) -> Normalized {
        let mut n = Normalized {
            text: String::new(),
            segments: Vec::new(),
        };
        let mut out: Vec<u8> = Vec::with_capacity(doc.text.len() + doc.blocks.len());
        // The original offset the next normalized byte maps to if the
        // current segment continues; usize::MAX after a separator.
        let mut expected = usize::MAX;
        // The last char pushed was a space or NUL: more whitespace adds
        // nothing.
        let mut separated = true;
        for prose in doc.prose() {
            match prose {
                Prose::Source {
                    text: src,
                    at: base,
                } => {
                    let bytes = src.as_bytes();
                    let mut i = 0;
                    while i < bytes.len() {
                        let at = base + i;
                        // A run of ASCII in which whitespace comes one
                        // byte at a time – by far the most of a letter –
                        // is copied whole: lower case, and a space for
                        // each whitespace byte, keep every offset.
                        if bytes[i] < 0x80 && !(separated && is_ascii_space(bytes[i])) {
                            let mut j = i;
                            let mut space = separated;
                            while j < bytes.len() && bytes[j] < 0x80 {
                                let is_space = is_ascii_space(bytes[j]);
                                if is_space && space {
                                    break;
                                }
                                space = is_space;
                                j += 1;
                            }
                            if at != expected {
                                n.segments.push((out.len(), at));
                            }
                            let from = out.len();
                            out.extend_from_slice(&bytes[i..j]);
                            for b in &mut out[from..] {
                                *b = if is_ascii_space(*b) {
                                    b' '
                                } else {
                                    b.to_ascii_lowercase()
                                };
                            }
                            expected = base + j;
                            separated = space;
                            i = j;
                            continue;
                        }
                        let c = src[i..].chars().next().unwrap_or(' ');
                        let len = c.len_utf8();
                        i += len;
                        if c.is_whitespace() {
                            if separated {
                                continue;
                            }
                            if at != expected {
                                n.segments.push((out.len(), at));
                            }
                            out.push(b' ');
                            expected = at + 1;
                            separated = true;
                            continue;
                        }
                        if at != expected {
                            n.segments.push((out.len(), at));
                        }
                        out.extend_from_slice(lower(c).encode_utf8(&mut [0; 4]).as_bytes());
                        expected = at + len;
                        separated = false;
                    }
                }
                Prose::Literal { .. } | Prose::Break => {
                    if !separated {
                        out.push(b' ');
                        separated = true;
                    }
                    expected = usize::MAX;
                }
                Prose::Placeholder(_) | Prose::BlockEnd => {
                    out.push(0);
                    expected = usize::MAX;
                    separated = true;
                }
            }
        }
        // Only whole chars were copied, so this never fails.
        n.text = String::from_utf8(out).unwrap_or_default();
        n
    }

    fn segment(&self, norm: usize) -> (usize, usize) {
        let i = self.segments.partition_point(|s| s.0 <= norm);
        self.segments
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0))
    }

    /// The original offset of a normalized offset that starts a char.
    fn to_original(&self, norm: usize) -> usize {
        let (ns, os) = self.segment(norm);
        os + (norm - ns)
    }

    /// The original offset just after the char that ends at `norm`.
    fn to_original_end(&self, norm: usize) -> usize {
        let (ns, os) = self.segment(norm.saturating_sub(1));
        os + (norm - ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::normalize_form;

    #[test]
    fn lower_keeps_lengths() {
        assert_eq!(normalize_form("Æble  PÅ\nØen"), "æble på øen");
        assert_eq!(lower('İ'), 'İ'); // lower case is longer: kept
    }

    #[test]
    fn prebuilt_automaton_loads() {
        let m = Matcher::prebuilt(
            super::super::embedded::AUTOMATON,
            super::super::embedded::TARGETS,
        )
        .expect("the automaton build.rs made loads");
        assert_eq!(m.targets.len(), super::super::embedded::TARGETS.len());
    }

    #[test]
    fn char_helpers_read_utf8() {
        let t = "på-øen".as_bytes();
        assert_eq!(char_before(t, 3), Some('å'));
        assert_eq!(char_at(t, 4), Some('ø'));
        assert_eq!(char_at(t, t.len()), None);
    }

    proptest::proptest! {
        /// The normalized text is the prose in lower case with each run of
        /// whitespace as one space, and every char maps back to the char it
        /// came from.
        #[test]
        fn normalized_text_maps_back_to_its_chars(
            text in "[aæAÆøØ.ßİ \n\t\r\u{a0}\u{2003}-]{0,60}"
        ) {
            let doc = crate::text::Document::parse(text.clone(), crate::text::Format::Txt)
                .expect("document");
            let n = Normalized::of(&doc);
            let expected: String = doc.blocks.iter().map(|b| {
                let mut s = String::new();
                for piece in &b.pieces {
                    if let crate::text::Piece::Source(r) = piece {
                        for c in doc.text[r.clone()].chars() {
                            if c.is_whitespace() {
                                if !s.is_empty() && !s.ends_with(' ') {
                                    s.push(' ');
                                }
                            } else {
                                s.push(lower(c));
                            }
                        }
                    }
                }
                s + "\0"
            }).collect();
            proptest::prop_assert_eq!(&n.text, &expected);
            for (k, c) in n.text.char_indices() {
                if c == '\0' {
                    continue;
                }
                let o = n.to_original(k);
                let original = doc.text[o..].chars().next().expect("a char");
                if c == ' ' {
                    proptest::prop_assert!(original.is_whitespace(), "{k} -> {o}");
                } else {
                    proptest::prop_assert_eq!(lower(original), c, "{} -> {}", k, o);
                    proptest::prop_assert_eq!(n.to_original_end(k + c.len_utf8()), o + original.len_utf8());
                }
            }
        }
    }
}

#[cfg(test)]
mod matching {
    use crate::analysis::analyse;
    use crate::lexicon::{Lexicon, schema::parse_file};
    use crate::rules::{Registry, Settings};
    use crate::text::{Document, Format};

    const YAML: &str = r#"category: test
entries:
  - id: fremsende
    severity: warning
    applicability: safe
    message: "m"
    forms:
      - { form: fremsende, replacement: sende }
      - { form: fremsender, replacement: sender }
    examples: ["Vi fremsender."]
  - id: i-henhold-til
    severity: warning
    applicability: unsafe
    message: "m"
    forms:
      - { form: i henhold til, replacement: efter }
    examples: ["i henhold til"]
  - id: henhold
    severity: info
    applicability: display
    message: "m"
    forms:
      - { form: henhold }
    examples: ["henhold"]
  - id: saerlig
    severity: info
    applicability: display
    message: "m"
    compound: suffix
    forms:
      - { form: ydelse }
    examples: ["ydelse"]
  - id: de
    severity: warning
    applicability: safe
    message: "m"
    match_case: true
    position: mid_sentence
    forms:
      - { form: De, replacement: du }
    examples: ["Nu kan De komme."]
  - id: de-skal
    severity: warning
    applicability: unsafe
    message: "m"
    match_case: true
    position: sentence_start
    forms:
      - { form: De skal, replacement: Du skal }
    examples: ["De skal komme."]
  - id: saafremt
    severity: warning
    applicability: safe
    message: "m"
    forms:
      - { form: såfremt, replacement: hvis }
    examples: ["såfremt"]
  - id: sanktion
    severity: info
    applicability: display
    message: "m"
    explanation: "Et fradrag i din hjælp."
    once: true
    forms:
      - { form: sanktion }
      - { form: sanktionen }
    examples: ["sanktion"]
"#;

    /// (rule, matched text, first fix) of every finding.
    fn hits(text: &str, format: Format) -> Vec<(String, String, Option<String>)> {
        let lexicon = Lexicon::new(parse_file("t.yaml", YAML).unwrap());
        let doc = Document::parse(text.to_string(), format).unwrap();
        let a = analyse(doc, &Registry::new(lexicon), &Settings::default());
        for f in &a.findings {
            assert_eq!(&a.document.text[f.span.start..f.span.end], f.matched);
        }
        a.findings
            .into_iter()
            .map(|f| {
                let fix = f.fixes.first().map(|x| x.replacement.to_string());
                (
                    f.rule.trim_start_matches("test/").to_string(),
                    f.matched,
                    fix,
                )
            })
            .collect()
    }

    fn rules(text: &str) -> Vec<String> {
        hits(text, Format::Txt).into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn case_insensitive_including_danish_letters() {
        assert_eq!(rules("SÅFREMT du kan. Såfremt. såfremt"), ["saafremt"; 3]);
        let h = hits("SÅFREMT du kan", Format::Txt);
        assert_eq!(h[0].2.as_deref(), Some("HVIS"));
        let h = hits("Såfremt du kan", Format::Txt);
        assert_eq!(h[0].2.as_deref(), Some("Hvis"));
    }

    #[test]
    fn whole_words_unless_compound_allows() {
        assert!(rules("Fremsendelsen og genfremsende og fremsendes").is_empty());
        // `suffix` lets »ydelse« end a longer word, never start one.
        assert_eq!(rules("kontantydelse"), ["saerlig"]);
        assert!(rules("ydelsesperiode").is_empty());
        let h = hits("ydelse og hjælp", Format::Txt);
        assert_eq!(h[0].1, "ydelse");
    }

    #[test]
    fn longest_match_wins_where_entries_overlap() {
        assert_eq!(rules("Det sker i henhold til loven."), ["i-henhold-til"]);
        assert_eq!(rules("Det sker i henhold."), ["henhold"]);
    }

    #[test]
    fn phrases_match_across_line_breaks_and_spaces_with_exact_spans() {
        let text = "Det sker i  henhold\r\n  til loven, såfremt.";
        let h = hits(text, Format::Txt);
        assert_eq!(h[0].1, "i  henhold\r\n  til");
        assert_eq!(h[1].1, "såfremt");
    }

    #[test]
    fn spans_are_exact_after_multibyte_and_markup() {
        let h = hits("Kære Åse, **vi** *fremsender* brevet.", Format::Markdown);
        assert_eq!(
            h,
            [(
                "fremsende".to_string(),
                "fremsender".to_string(),
                Some("sender".to_string())
            )]
        );
        let h = hits("Vi *fremsender* i **henhold** til loven.", Format::Markdown);
        assert_eq!(h[1].1, "i **henhold** til");
    }

    #[test]
    fn phrases_do_not_cross_blocks_or_placeholders() {
        assert_eq!(rules("Det sker i\n\nhenhold til"), ["henhold"]);
        let h = hits("Det sker i {{ x }} henhold til", Format::Tera);
        assert_eq!(
            h.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["henhold"]
        );
        // Code and link targets are not prose.
        assert!(hits("`fremsender` [x](https://fremsender.dk)", Format::Markdown).is_empty());
    }

    #[test]
    fn once_entries_are_reported_at_their_first_hit_only() {
        let h = hits(
            "En sanktion. Sanktionen gælder. Igen en sanktion.",
            Format::Txt,
        );
        assert_eq!(h, [("sanktion".to_string(), "sanktion".to_string(), None)]);
    }

    #[test]
    fn match_case_and_position() {
        // Mid-sentence capital »De« is formal address; »de« is not.
        assert_eq!(rules("Nu kan De komme, og de andre også."), ["de"]);
        // At the start of a sentence »De skal« is the phrase, and its
        // replacement is used as written.
        let h = hits("De skal komme. Husk at De skal komme.", Format::Txt);
        assert_eq!(
            h[0],
            ("de-skal".into(), "De skal".into(), Some("Du skal".into()))
        );
        assert_eq!(h[1], ("de".into(), "De".into(), Some("du".into())));
        assert_eq!(h.len(), 2);
        assert!(rules("DE skal komme").is_empty());
    }
}
