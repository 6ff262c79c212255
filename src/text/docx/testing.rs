//! Helpers for the reader's tests: a Word package built in memory from a
//! body of `w:p` elements, and views of the document read from it.

use std::io::{Cursor, Write};

use super::package::MAIN_PART;
use super::read;
use crate::text::{Document, Piece, segment};

pub(super) const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>"#;
pub(super) const TAIL: &str =
    r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#;

pub(super) fn package(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub(super) fn docx(body: &str) -> Vec<u8> {
    let xml = format!("{HEAD}{body}{TAIL}");
    package(&[
        ("[Content_Types].xml", b"<Types/>"),
        (MAIN_PART, xml.as_bytes()),
    ])
}

pub(super) fn read_body(body: &str) -> Document {
    read(&docx(body)).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of each block, placeholders in brackets.
pub(super) fn blocks(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| {
            b.pieces
                .iter()
                .map(|p| match p {
                    Piece::Source(r) => doc.text[r.clone()].to_string(),
                    Piece::Placeholder(r) => format!("[{}]", &doc.text[r.clone()]),
                    other => panic!("unexpected piece {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// Words (with their letter counts) and sentence lengths.
pub(super) fn counts(doc: &Document) -> (Vec<(String, u32)>, Vec<u32>) {
    let s = segment(doc, crate::lexicon::Lexicon::embedded().abbreviations());
    let words = s
        .words
        .iter()
        .map(|w| (doc.text[w.span.start..w.span.end].to_string(), w.letters))
        .collect();
    (words, s.sentences.iter().map(|s| s.words).collect())
}

pub(super) fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// Fragments of the zip and quick-xml crates' English messages (and their
/// vocabulary), none of which may reach a reader.
const ENGLISH: &[&str] = &[
    "Could not",
    "EOCD",
    "Zip",
    "archive",
    "nvalid",
    "rror",
    "xpected",
    "found",
    "tag ",
    "attribute",
    "entity",
    "position",
    "checksum",
    "deflate",
    "stream",
    "I/O",
    "cannot",
    "not ",
];

/// A message a reader sees: Danish, without the English text of the crates
/// underneath, and ending in what to do.
pub(super) fn assert_readable(message: &str) {
    for english in ENGLISH {
        assert!(
            !message.contains(english),
            "English »{english}« in: {message}"
        );
    }
    assert!(
        message.ends_with("som .docx.") || message.ends_with("uden adgangskode."),
        "no advice at the end: {message}"
    );
}
