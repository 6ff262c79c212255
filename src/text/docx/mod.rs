//! Word files (`.docx`, `.dotx`): the paragraphs of `word/document.xml`
//! become a synthetic text with one block per paragraph.
//!
//! Every `w:p` (also inside table cells and text boxes) is one block, its
//! runs joined without separators; tabs and line breaks read as spaces.
//! Blocks are separated by a blank line in the text. Deleted revisions,
//! hidden text and the fallback copies of `mc:AlternateContent` are left
//! out; inserted revisions are kept. Headers, footers, footnotes and
//! comments live in other parts of the package and are not read.
//!
//! A mail-merge field (`MERGEFIELD Navn`, simple or complex) is written as
//! `«Navn»` and becomes a [`Piece::Placeholder`](super::Piece::Placeholder), like a Tera `{{ … }}`: one
//! word without letters. So does `«Navn»` typed as plain text. Other fields
//! (page numbers, dates) keep their shown result as prose.
//!
//! One file per step: `package` gets the main part out of the ZIP, `xml`
//! decodes it, `parser` walks its elements into paragraphs (with `fields`
//! deciding what a field shows), and `assemble` lays the paragraphs out as
//! the synthetic text.

mod assemble;
mod fields;
mod package;
mod parser;
#[cfg(test)]
mod testing;
mod xml;

use self::assemble::assemble;
use self::package::main_part;
use self::parser::Parser;
use self::xml::decode_xml;
use super::document::Document;

/// Why a Word file could not be read. Each message is Danish and says what
/// is wrong and what to do; the English messages of the zip and quick-xml
/// crates underneath are described anew, never passed on. The messages name
/// no file; the caller adds it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// An OLE compound file: a password-protected .docx or a Word 97–2003
    /// .doc file.
    #[error(
        "Filen er krypteret med adgangskode eller er et gammelt Word-format (.doc); gem den som .docx uden adgangskode."
    )]
    Encrypted,
    /// Not a ZIP package at all.
    #[error("Filen er ikke en gyldig Word-fil (.docx): {0}")]
    NotWord(String),
    /// A ZIP package that is truncated, corrupt or lacks the document part.
    #[error("Filen er beskadiget: {0}")]
    Corrupt(String),
    /// The document part is not well-formed XML.
    #[error("Word-filens indhold kan ikke læses: {0}")]
    Xml(String),
}

/// Reads a .docx or .dotx file into a [`Document`] of format
/// [`Format::Docx`](super::Format::Docx).
pub fn read(bytes: &[u8]) -> Result<Document, DocxError> {
    let part = main_part(bytes)?;
    let xml = decode_xml(&part)?;
    let paragraphs = Parser::default().run(&xml)?;
    Ok(assemble(paragraphs))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::testing::{counts, docx, p, read_body};
    use super::*;
    use crate::text::{Piece, segment};

    #[test]
    fn a_realistic_letter() {
        let body = [
            r#"<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr><w:r><w:t>Svar på din ansøgning om hjælp til medicin</w:t></w:r></w:p>"#.to_string(),
            r#"<w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Navn "><w:r><w:t>«Navn»</w:t></w:r></w:fldSimple></w:p>"#.to_string(),
            p("Vi har behandlet din ansøgning. Du får hjælp til medicin fra 1. marts."),
            p("Hvis du har spørgsmål, er du velkommen til at ringe til os."),
            p("Med venlig hilsen"),
            p("Ydelsesservice"),
        ]
        .concat();
        let doc = read_body(&body);
        let (words, sentences) = counts(&doc);
        assert_eq!(words.len(), 8 + 2 + 13 + 12 + 3 + 1);
        assert_eq!(sentences, vec![8, 2, 5, 8, 12, 3, 1]);
        assert_eq!(words.iter().filter(|w| w.1 == 0).count(), 2); // «Navn», 1.
    }

    /// Pieces lie inside the text on char boundaries, and segmentation
    /// copes with them.
    fn check(doc: &Document) {
        for block in &doc.blocks {
            assert!(!block.pieces.is_empty());
            for piece in &block.pieces {
                let (Piece::Source(r) | Piece::Placeholder(r)) = piece else {
                    panic!("unexpected piece {piece:?}");
                };
                assert!(r.start < r.end && r.end <= doc.text.len());
                assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
            }
        }
        segment(doc, crate::lexicon::Lexicon::embedded().abbreviations());
    }

    /// Pieces of paragraph content that are well-formed XML on their own,
    /// in any order (fields may still be unbalanced).
    const CONTENT: &[&str] = &[
        "<w:r><w:t>Kære </w:t></w:r>",
        "<w:r><w:t xml:space=\"preserve\"> ø. </w:t></w:r>",
        "<w:r><w:t>«</w:t></w:r>",
        "<w:r><w:t>Navn»</w:t></w:r>",
        "<w:r><w:t>«Navn» &amp; x</w:t></w:r>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>skjult</w:t></w:r>",
        "<w:r><w:tab/><w:br/></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:instrText>MERGEFIELD Navn</w:instrText></w:r>",
        "<w:r><w:instrText> MERGEFIELD \\* x</w:instrText></w:r>",
        "<w:r><w:instrText> PAGE </w:instrText></w:r>",
        "<w:fldSimple w:instr=\"MERGEFIELD Adresse\"><w:r><w:t>«Adresse»</w:t></w:r></w:fldSimple>",
        "<w:fldSimple w:instr=\"MERGEFIELD\"/>",
        "<w:del><w:r><w:delText>x</w:delText></w:r></w:del>",
        "<w:ins><w:r><w:t>ny</w:t></w:r></w:ins>",
        "<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>boks</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>boks</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r>",
        "</w:p><w:p>",
        "</w:p><w:tbl><w:tr><w:tc><w:p>x</w:p></w:tc></w:tr></w:tbl><w:p>",
    ];

    /// Fragments that need not balance.
    const FRAGMENTS: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "</w:t>",
        "Kære ",
        "«",
        "»",
        "&amp;",
        "<w:fldSimple w:instr=\"MERGEFIELD x\">",
        "</w:fldSimple>",
        "<w:del>",
        "</w:del>",
        "<w:fldChar w:fldCharType=\"begin\"/>",
        "<mc:Fallback>",
        "</mc:Fallback>",
        "&#0;",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(doc) = read(&bytes) {
                check(&doc);
            }
        }

        #[test]
        fn damaged_packages_never_panic(
            cut in 0usize..40,
            flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        ) {
            let mut file = docx(&[p("Kære «Navn»,"), p("Vi har modtaget din ansøgning.")].concat());
            for (at, b) in flips {
                let i = at.index(file.len());
                file[i] ^= b;
            }
            file.truncate(file.len().saturating_sub(cut));
            if let Ok(doc) = read(&file) {
                check(&doc);
            }
        }

        #[test]
        fn well_formed_content_is_always_read(
            parts in prop::collection::vec(prop::sample::select(CONTENT), 0..40),
        ) {
            let file = docx(&format!("<w:p>{}</w:p>", parts.concat()));
            let doc = read(&file).unwrap_or_else(|e| panic!("{e}"));
            check(&doc);
        }

        #[test]
        fn arbitrary_markup_never_panics(
            parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40),
        ) {
            if let Ok(doc) = read(&docx(&parts.concat())) {
                check(&doc);
            }
        }
    }
}
