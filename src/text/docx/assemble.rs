//! The synthetic text: the paragraphs the parser read become one block each,
//! separated by a blank line, with byte ranges of prose and placeholders
//! into the text. Empty paragraphs leave no block, and a `«Navn»` typed as
//! plain text becomes a placeholder here, like a merge field.

use std::ops::Range;

use super::parser::Segment;
use crate::text::document::{Block, Document, Format, Piece};

pub(super) fn assemble(paragraphs: Vec<Vec<Segment>>) -> Document {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut line = String::new();
    let mut pieces = Vec::new();
    for segments in paragraphs {
        line.clear();
        pieces.clear();
        for segment in segments {
            let start = line.len();
            match segment {
                Segment::Prose(prose) => {
                    line.push_str(&prose);
                    prose_pieces(&line, start..line.len(), &mut pieces);
                }
                Segment::Field(name) => {
                    line.push('«');
                    line.push_str(&name);
                    line.push('»');
                    pieces.push(Piece::Placeholder(start..line.len()));
                }
            }
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Placeholders start and end with a guillemet, so trimming only
        // shortens prose.
        let lead = line.len() - line.trim_start().len();
        let end = lead + trimmed.len();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let offset = text.len();
        text.push_str(trimmed);
        let shift = |r: &Range<usize>| {
            let start = r.start.clamp(lead, end);
            let stop = r.end.clamp(lead, end);
            (start - lead + offset)..(stop - lead + offset)
        };
        let block = Block {
            pieces: pieces
                .iter()
                .filter_map(|piece| match piece {
                    Piece::Source(r) => Some(Piece::Source(shift(r))),
                    Piece::Placeholder(r) => Some(Piece::Placeholder(shift(r))),
                    _ => None,
                })
                .filter(|piece| match piece {
                    Piece::Source(r) | Piece::Placeholder(r) => !r.is_empty(),
                    _ => false,
                })
                .collect(),
        };
        blocks.push(block);
    }
    Document {
        text,
        format: Format::Docx,
        metadata: None,
        front_matter: None,
        tags: Vec::new(),
        blocks,
    }
}

/// Appends `line[range]` as prose, with every `«Navn»` in it (a guillemet,
/// a word without spaces, a guillemet) as a placeholder.
fn prose_pieces(line: &str, range: Range<usize>, pieces: &mut Vec<Piece>) {
    let prose = &line[range.clone()];
    let mut from = 0;
    let mut pos = 0;
    while let Some(i) = prose[pos..].find('«') {
        let open = pos + i;
        let inner = open + '«'.len_utf8();
        pos = inner;
        let Some(len) = prose[inner..].find(|c: char| c == '»' || c == '«' || c.is_whitespace())
        else {
            break;
        };
        let word = &prose[inner..inner + len];
        if !prose[inner + len..].starts_with('»') || !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let close = inner + len + '»'.len_utf8();
        if open > from {
            pieces.push(Piece::Source(range.start + from..range.start + open));
        }
        pieces.push(Piece::Placeholder(range.start + open..range.start + close));
        from = close;
        pos = close;
    }
    if from < prose.len() {
        pieces.push(Piece::Source(range.start + from..range.end));
    }
}

#[cfg(test)]
mod tests {
    use crate::text::docx::testing::{blocks, counts, p, read_body};
    use crate::text::segment;

    #[test]
    fn headings_list_items_and_table_cells_are_blocks() {
        let body = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:t>Afgørelse om boligstøtte</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Listeafsnit"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Du skal sende lønsedler</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Du skal sende lejekontrakten</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:tcPr/>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>
{}"#,
            p("Beløb"),
            p("1.200 kr."),
            p("om måneden"),
            p("Med venlig hilsen"),
        );
        let doc = read_body(&body);
        assert_eq!(
            blocks(&doc),
            vec![
                "Afgørelse om boligstøtte",
                "Du skal sende lønsedler",
                "Du skal sende lejekontrakten",
                "Beløb",
                "1.200 kr.",
                "om måneden",
                "Med venlig hilsen",
            ]
        );
        assert!(doc.text.starts_with("Afgørelse om boligstøtte\n\nDu skal"));
        let s = segment(&doc, crate::lexicon::Lexicon::embedded().abbreviations());
        assert_eq!(s.paragraphs, 7);
        // Every block ends its sentence, even without a full stop.
        assert_eq!(s.sentences.len(), 7);
        assert_eq!(s.sentences[0].words, 3);
    }

    #[test]
    fn typed_guillemets_are_placeholders() {
        let doc = read_body(&p("Kære «Fornavn» «Efter navn» og «», «x»."));
        assert_eq!(
            blocks(&doc),
            vec!["Kære [«Fornavn»] «Efter navn» og «», [«x»]."]
        );
        let (words, _) = counts(&doc);
        assert_eq!(words[1], ("«Fornavn»".into(), 0));
    }
}
