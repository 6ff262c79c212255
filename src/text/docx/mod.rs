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
//! `«Navn»` and becomes a [`Piece::Placeholder`], like a Tera `{{ … }}`: one
//! word without letters. So does `«Navn»` typed as plain text. Other fields
//! (page numbers, dates) keep their shown result as prose.

use std::borrow::Cow;
use std::io::{Cursor, Read, Seek};
use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use zip::ZipArchive;
use zip::result::ZipError;

use super::document::{Block, Document, Format, Piece};

/// Why a Word file could not be read. The messages name no file; the caller
/// adds it.
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

/// The signature of an OLE compound file (.doc, or an encrypted .docx).
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Where Word keeps the main document.
const MAIN_PART: &str = "word/document.xml";

/// The most a part may unpack to; a letter is a few hundred kilobytes.
const MAX_PART: u64 = 256 << 20;

const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads a .docx or .dotx file into a [`Document`] of format
/// [`Format::Docx`].
pub fn read(bytes: &[u8]) -> Result<Document, DocxError> {
    let part = main_part(bytes)?;
    let xml = decode_xml(&part)?;
    let paragraphs = Parser::default().run(&xml)?;
    Ok(assemble(paragraphs))
}

// ---------------------------------------------------------------------------
// The package

fn main_part(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut archive = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(e) => return Err(not_an_archive(bytes, &e)),
    };
    if let Some(part) = read_part(&mut archive, MAIN_PART)? {
        return Ok(part);
    }
    // Word now and then names the main part otherwise (word/document2.xml);
    // the package relationships say where it is.
    let target = read_part(&mut archive, "_rels/.rels")
        .ok()
        .flatten()
        .and_then(|rels| office_document_target(&rels));
    if let Some(target) = target {
        if let Some(part) = read_part(&mut archive, &target)? {
            return Ok(part);
        }
    }
    Err(DocxError::Corrupt(format!(
        "{MAIN_PART} mangler i pakken; det er ikke et Word-dokument"
    )))
}

fn not_an_archive(bytes: &[u8], e: &ZipError) -> DocxError {
    if bytes.starts_with(&OLE_SIGNATURE) {
        DocxError::Encrypted
    } else if bytes.starts_with(b"PK") {
        DocxError::Corrupt(zip_detail(e))
    } else if bytes.is_empty() {
        DocxError::NotWord("filen er tom".into())
    } else {
        DocxError::NotWord("den er ikke en ZIP-pakke, som en .docx-fil skal være".into())
    }
}

fn zip_detail(e: &ZipError) -> String {
    match e {
        ZipError::Io(e) => format!("ZIP-pakken kan ikke pakkes ud ({e})"),
        ZipError::InvalidArchive(detail) => {
            format!("ZIP-pakken er afkortet eller ugyldig ({detail})")
        }
        ZipError::UnsupportedArchive(detail) if *detail == ZipError::PASSWORD_REQUIRED => {
            "indholdet er krypteret".into()
        }
        ZipError::InvalidPassword => "indholdet er krypteret".into(),
        ZipError::UnsupportedArchive(detail) => {
            format!("ZIP-pakken bruger en form, der ikke understøttes ({detail})")
        }
        other => format!("ZIP-pakken kan ikke læses ({other})"),
    }
}

/// The unpacked bytes of the part `name`, `None` if the package lacks it.
fn read_part<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Corrupt(format!("{name}: {}", zip_detail(&e)))),
    };
    let mut out = Vec::with_capacity(file.size().min(1 << 20) as usize);
    file.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Corrupt(format!("{name} kan ikke pakkes ud ({e})")))?;
    if out.len() as u64 > MAX_PART {
        return Err(DocxError::Corrupt(format!(
            "{name} fylder over {} MB udpakket",
            MAX_PART >> 20
        )));
    }
    Ok(Some(out))
}

/// The target of the package's `officeDocument` relationship, as a part
/// name inside the ZIP.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let xml = decode_xml(rels).ok()?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let kind = attribute(&e, b"Type").ok()??;
                if kind.ends_with("/officeDocument") {
                    let target = attribute(&e, b"Target").ok()??;
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The text of an XML part: UTF-8 (with or without a byte-order mark), or
/// UTF-16 with one.
fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, DocxError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_with_bom_removal(bytes);
        if malformed {
            return Err(DocxError::Xml(format!(
                "teksten er ikke gyldig {}",
                encoding.name()
            )));
        }
        return Ok(text);
    }
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        DocxError::Xml(format!(
            "teksten er ikke gyldig UTF-8 (byte {})",
            e.valid_up_to()
        ))
    })
}

// ---------------------------------------------------------------------------
// The document part

/// A stretch of a paragraph as read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Prose(String),
    /// A merge field, by name.
    Field(String),
}

/// The elements the parser tracks on its stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Paragraph,
    Run,
    RunProperties,
    Text,
    Instruction,
    SimpleField,
    /// An element whose whole content is left out.
    Skipped,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    Word,
    Compatibility,
    Other,
}

/// A complex field (`w:fldChar begin` … `end`) being read.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    /// Past `separate`: the shown result follows.
    in_result: bool,
    /// A merge field: its result is replaced by a placeholder.
    merge: bool,
}

#[derive(Debug, Default)]
struct Parser {
    elements: Vec<Element>,
    /// Depth of the element whose content is being skipped.
    skip_from: Option<usize>,
    /// Paragraphs in order of their start.
    paragraphs: Vec<Vec<Segment>>,
    /// Indices of the open paragraphs (a text box nests one in another).
    open: Vec<usize>,
    /// Per open run: whether its text is hidden.
    hidden: Vec<bool>,
    fields: Vec<Field>,
    /// Per open `w:fldSimple`: whether its shown result is left out.
    simple_fields: Vec<bool>,
}

impl Parser {
    fn run(mut self, xml: &str) -> Result<Vec<Vec<Segment>>, DocxError> {
        let mut reader = NsReader::from_str(xml);
        let mut root = false;
        loop {
            let (space, event) = match reader.read_resolved_event() {
                Ok((resolved, event)) => (space_of(&resolved, &event), event),
                Err(e) => {
                    return Err(DocxError::Xml(format!(
                        "fejl ved byte {}: {e}",
                        reader.error_position()
                    )));
                }
            };
            let at = reader.buffer_position();
            let xml_error =
                |detail: String| DocxError::Xml(format!("fejl ved byte {at}: {detail}"));
            match event {
                Event::Start(e) => {
                    root = true;
                    let element = if self.skip_from.is_some() {
                        Element::Other
                    } else {
                        self.open(space, &e).map_err(xml_error)?
                    };
                    if element == Element::Skipped {
                        self.skip_from = Some(self.elements.len());
                    }
                    self.elements.push(element);
                }
                Event::Empty(e) => {
                    root = true;
                    if self.skip_from.is_none() {
                        let element = self.open(space, &e).map_err(xml_error)?;
                        self.close(element);
                    }
                }
                Event::End(_) => {
                    let Some(element) = self.elements.pop() else {
                        return Err(xml_error("slutmærke uden startmærke".into()));
                    };
                    match self.skip_from {
                        Some(depth) if depth == self.elements.len() => self.skip_from = None,
                        Some(_) => {}
                        None => self.close(element),
                    }
                }
                Event::Text(t) => {
                    let text = t.xml10_content().map_err(|e| xml_error(e.to_string()))?;
                    self.text(&text);
                }
                Event::CData(t) => {
                    let text = t.xml10_content().map_err(|e| xml_error(e.to_string()))?;
                    self.text(&text);
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref().map_err(|e| xml_error(e.to_string()))? {
                        Some(ch) => ch,
                        None => match &*r {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            other => {
                                return Err(xml_error(format!(
                                    "ukendt entitet &{};",
                                    String::from_utf8_lossy(other)
                                )));
                            }
                        },
                    };
                    self.text(ch.encode_utf8(&mut [0; 4]));
                }
                Event::Eof => {
                    if !self.elements.is_empty() {
                        return Err(xml_error("filen slutter midt i et element".into()));
                    }
                    if !root {
                        return Err(xml_error("der er intet dokument i filen".into()));
                    }
                    return Ok(self.paragraphs);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Handles the start of an element (or an empty element) and tells what
    /// it is.
    fn open(&mut self, space: Space, e: &BytesStart) -> Result<Element, String> {
        let parent = self.elements.last().copied();
        let in_run = parent == Some(Element::Run);
        let name = e.local_name();
        let element = match (space, name.as_ref()) {
            (Space::Compatibility, b"Fallback") => Element::Skipped,
            (Space::Word, _) => match name.as_ref() {
                b"p" => {
                    self.open.push(self.paragraphs.len());
                    self.paragraphs.push(Vec::new());
                    Element::Paragraph
                }
                b"r" => {
                    self.hidden.push(false);
                    Element::Run
                }
                b"rPr" if in_run => Element::RunProperties,
                b"vanish" if parent == Some(Element::RunProperties) => {
                    let on = attribute(e, b"val")?
                        .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
                    if let Some(hidden) = self.hidden.last_mut() {
                        *hidden = on;
                    }
                    Element::Other
                }
                b"t" if in_run => Element::Text,
                b"instrText" if in_run => Element::Instruction,
                b"tab" | b"ptab" | b"br" | b"cr" if in_run => {
                    self.push_shown(" ");
                    Element::Other
                }
                b"noBreakHyphen" if in_run => {
                    self.push_shown("-");
                    Element::Other
                }
                b"fldChar" if in_run => {
                    self.field_char(e)?;
                    Element::Other
                }
                b"fldSimple" => {
                    let instruction = attribute(e, b"instr")?.unwrap_or_default();
                    let merge = merge_field_name(&instruction);
                    let hides = merge.is_some();
                    if let Some(name) = merge {
                        if self.visible() {
                            self.push_field(name);
                        }
                    }
                    self.simple_fields.push(hides);
                    Element::SimpleField
                }
                // Deleted and moved-away revisions, paragraph properties
                // (tab stops, the paragraph mark), content-control settings
                // and phonetic guides.
                b"del" | b"moveFrom" | b"delText" | b"delInstrText" | b"pPr" | b"sdtPr" | b"rt" => {
                    Element::Skipped
                }
                _ => Element::Other,
            },
            _ => Element::Other,
        };
        Ok(element)
    }

    /// Handles the end of an element.
    fn close(&mut self, element: Element) {
        match element {
            Element::Paragraph => {
                self.open.pop();
            }
            Element::Run => {
                self.hidden.pop();
            }
            Element::SimpleField => {
                self.simple_fields.pop();
            }
            _ => {}
        }
    }

    fn field_char(&mut self, e: &BytesStart) -> Result<(), String> {
        match attribute(e, b"fldCharType")?.as_deref() {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                let outer = self.fields.len().saturating_sub(1);
                let visible = self.visible_within(outer);
                if let Some(field) = self.fields.last_mut() {
                    if !field.in_result {
                        field.in_result = true;
                        if let Some(name) = merge_field_name(&field.instruction) {
                            field.merge = true;
                            if visible {
                                self.push_field(name);
                            }
                        }
                    }
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    // A merge field without a shown result still stands for
                    // its value.
                    if !field.in_result && self.visible_within(self.fields.len()) {
                        if let Some(name) = merge_field_name(&field.instruction) {
                            self.push_field(name);
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether text read now is shown in the document.
    fn visible(&self) -> bool {
        self.visible_within(self.fields.len())
    }

    /// Whether text is shown, counting only the outermost `fields` complex
    /// fields.
    fn visible_within(&self, fields: usize) -> bool {
        !self.hidden.last().copied().unwrap_or(false)
            && !self.simple_fields.iter().any(|&hides| hides)
            && self.fields[..fields.min(self.fields.len())]
                .iter()
                .all(|f| f.in_result && !f.merge)
    }

    /// Character data: prose inside `w:t`, an instruction inside
    /// `w:instrText`, nothing elsewhere.
    fn text(&mut self, text: &str) {
        if self.skip_from.is_some() {
            return;
        }
        match self.elements.last() {
            Some(Element::Text) => self.push_shown(text),
            Some(Element::Instruction) => {
                if let Some(field) = self.fields.last_mut() {
                    if !field.in_result {
                        field.instruction.push_str(text);
                    }
                }
            }
            _ => {}
        }
    }

    /// Appends prose to the current paragraph, if it is shown.
    fn push_shown(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        let Some(&index) = self.open.last() else {
            return;
        };
        let segments = &mut self.paragraphs[index];
        if !matches!(segments.last(), Some(Segment::Prose(_))) {
            segments.push(Segment::Prose(String::new()));
        }
        if let Some(Segment::Prose(prose)) = segments.last_mut() {
            // Blocks are lines of the synthetic text.
            prose.extend(text.chars().map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            }));
        }
    }

    fn push_field(&mut self, name: String) {
        if let Some(&index) = self.open.last() {
            self.paragraphs[index].push(Segment::Field(name));
        }
    }
}

fn space_of(resolved: &ResolveResult, event: &Event) -> Space {
    if !matches!(event, Event::Start(_) | Event::Empty(_) | Event::End(_)) {
        return Space::Other;
    }
    match resolved {
        ResolveResult::Bound(Namespace(ns)) if W_NAMESPACES.contains(ns) => Space::Word,
        ResolveResult::Bound(Namespace(ns)) if *ns == MC_NAMESPACE => Space::Compatibility,
        // A hand-made file that forgot to declare the usual prefix.
        ResolveResult::Unknown(prefix) if prefix == b"w" => Space::Word,
        _ => Space::Other,
    }
}

/// The value of the attribute with local name `name`.
fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if attr.key.local_name().as_ref() == name {
            let value = attr.unescape_value().map_err(|e| e.to_string())?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// The field name of a `MERGEFIELD` instruction (` MERGEFIELD Navn \*
/// MERGEFORMAT `, or a quoted name), `None` for any other field.
fn merge_field_name(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start();
    let keyword_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (keyword, rest) = rest.split_at(keyword_end);
    if !keyword.eq_ignore_ascii_case("MERGEFIELD") {
        return None;
    }
    let rest = rest.trim_start();
    let name = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest
            .split_whitespace()
            .next()
            .filter(|n| !n.starts_with('\\'))
            .unwrap_or_default(),
    };
    let name = name
        .split(|c: char| c.is_whitespace() || c == '«' || c == '»')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(name)
}

// ---------------------------------------------------------------------------
// The synthetic text

fn assemble(paragraphs: Vec<Vec<Segment>>) -> Document {
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
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;
    use crate::lexicon::Abbreviations;
    use crate::text::segment;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>"#;
    const TAIL: &str =
        r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#;

    fn package(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!("{HEAD}{body}{TAIL}");
        package(&[
            ("[Content_Types].xml", b"<Types/>"),
            (MAIN_PART, xml.as_bytes()),
        ])
    }

    fn read_body(body: &str) -> Document {
        read(&docx(body)).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The text of each block, placeholders in brackets.
    fn blocks(doc: &Document) -> Vec<String> {
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
    fn counts(doc: &Document) -> (Vec<(String, u32)>, Vec<u32>) {
        let s = segment(doc, Abbreviations::embedded());
        let words = s
            .words
            .iter()
            .map(|w| (doc.text[w.span.start..w.span.end].to_string(), w.letters))
            .collect();
        (words, s.sentences.iter().map(|s| s.words).collect())
    }

    fn p(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    #[test]
    fn runs_split_mid_word_join_into_one_word() {
        let doc = read_body(
            r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Ansø</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>gning</w:t></w:r><w:r><w:t xml:space="preserve">en er </w:t></w:r><w:r><w:t>mod</w:t></w:r><w:r><w:t>taget.</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.format, Format::Docx);
        assert_eq!(doc.text, "Ansøgningen er modtaget.");
        assert!(doc.metadata.is_none() && doc.front_matter.is_none() && doc.tags.is_empty());
        let (words, sentences) = counts(&doc);
        assert_eq!(
            words,
            vec![
                ("Ansøgningen".into(), 11),
                ("er".into(), 2),
                ("modtaget".into(), 8)
            ]
        );
        assert_eq!(sentences, vec![3]);
    }

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
        let s = segment(&doc, Abbreviations::embedded());
        assert_eq!(s.paragraphs, 7);
        // Every block ends its sentence, even without a full stop.
        assert_eq!(s.sentences.len(), 7);
        assert_eq!(s.sentences[0].words, 3);
    }

    #[test]
    fn tabs_and_breaks_are_spaces() {
        let doc = read_body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr><w:r><w:t>Anne Hansen</w:t><w:br/><w:t>Vejen</w:t><w:tab/><w:t>3</w:t><w:cr/><w:t>8000</w:t><w:br w:type="page"/><w:t>Aarhus</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.text, "Anne Hansen Vejen 3 8000 Aarhus");
        assert_eq!(counts(&doc).0.len(), 6);
    }

    #[test]
    fn simple_merge_field_is_one_placeholder_word() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Fornavn \* MERGEFORMAT "><w:r><w:rPr><w:noProof/></w:rPr><w:t>«Fornavn»</w:t></w:r></w:fldSimple><w:r><w:t>,</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.text, "Kære «Fornavn»,");
        assert_eq!(
            doc.blocks[0].pieces,
            vec![
                Piece::Source(0..6),
                Piece::Placeholder(6..17),
                Piece::Source(17..18)
            ]
        );
        let (words, sentences) = counts(&doc);
        assert_eq!(words, vec![("Kære".into(), 4), ("«Fornavn»".into(), 0)]);
        assert_eq!(sentences, vec![2]);
    }

    #[test]
    fn complex_merge_field_is_one_placeholder_word() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Vi har modtaget din ansøgning om </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r><w:r><w:instrText xml:space="preserve">FIELD  "Ydelse type" \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Ydelse</w:t></w:r><w:r><w:t xml:space="preserve"> type»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:t xml:space="preserve"> den </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD Dato</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>. Side </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            blocks(&doc),
            vec!["Vi har modtaget din ansøgning om [«Ydelse type»] den [«Dato»]. Side 2."]
        );
        let (words, sentences) = counts(&doc);
        let letters: Vec<u32> = words.iter().map(|w| w.1).collect();
        assert_eq!(letters, vec![2, 3, 8, 3, 9, 2, 0, 3, 0, 4, 0]);
        assert_eq!(sentences, vec![9, 2]);
    }

    #[test]
    fn nested_fields_show_only_their_result() {
        // { IF { MERGEFIELD Køn } = "K" "Kære fru" "Kære hr." }
        let doc = read_body(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD Køn</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Køn»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = "K" "Kære fru" "Kære hr." </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Kære hr.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Jensen</w:t></w:r></w:p>"#,
        );
        assert_eq!(blocks(&doc), vec!["Kære hr. Jensen"]);
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

    #[test]
    fn deleted_revisions_are_skipped_and_insertions_kept() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Du får </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">ikke </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">fuld </w:t></w:r></w:ins><w:r><w:t>støtte.</w:t></w:r><w:moveFrom><w:r><w:t>Flyttet</w:t></w:r></w:moveFrom></w:p>
<w:del w:id="3"><w:r><w:t>Slettet</w:t></w:r></w:del>"#,
        );
        assert_eq!(doc.text, "Du får fuld støtte.");
    }

    #[test]
    fn hidden_text_and_fallbacks_are_skipped() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Synlig </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>skjult </w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>tekst</w:t></w:r>
<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>I boksen</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>I boksen</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> slut</w:t></w:r></w:p>"#,
        );
        assert_eq!(blocks(&doc), vec!["Synlig tekst slut", "I boksen"]);
    }

    #[test]
    fn entities_and_character_references_are_decoded() {
        let doc = read_body(&p("Hansen &amp; S&#248;n &#xE6; &lt;3"));
        assert_eq!(doc.text, "Hansen & Søn æ <3");
    }

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

    #[test]
    fn main_part_found_through_the_package_relationships() {
        let xml = format!("{HEAD}{}{TAIL}", p("Hej"));
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let file = package(&[
            ("_rels/.rels", rels),
            ("word/document2.xml", xml.as_bytes()),
        ]);
        assert_eq!(read(&file).unwrap().text, "Hej");
    }

    #[test]
    fn utf16_document_part_is_read() {
        let xml = format!("{HEAD}{}{TAIL}", p("Æble"));
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let file = package(&[(MAIN_PART, &bytes)]);
        assert_eq!(read(&file).unwrap().text, "Æble");
    }

    #[test]
    fn truncated_file_is_corrupt() {
        let file = docx(&p("Et brev med lidt tekst i."));
        for len in [file.len() / 2, file.len() - 10, 30] {
            let err = read(&file[..len]).unwrap_err();
            assert!(matches!(err, DocxError::Corrupt(_)), "{len}: {err}");
            assert!(
                err.to_string().starts_with("Filen er beskadiget: "),
                "{err}"
            );
        }
    }

    #[test]
    fn corrupt_compressed_data_is_corrupt() {
        let text = "Et brev med lidt tekst i. ".repeat(50);
        let mut file = docx(&p(&text));
        // Damage the compressed document part, leaving the directory.
        let at = file
            .windows(MAIN_PART.len())
            .position(|w| w == MAIN_PART.as_bytes())
            .unwrap();
        for b in &mut file[at + MAIN_PART.len() + 20..at + MAIN_PART.len() + 60] {
            *b ^= 0x5A;
        }
        let err = read(&file).unwrap_err();
        assert!(matches!(err, DocxError::Corrupt(_)), "{err}");
    }

    #[test]
    fn random_bytes_are_not_a_word_file() {
        let err = read(b"Kaere Aase, dette er ren tekst.\n").unwrap_err();
        assert!(matches!(err, DocxError::NotWord(_)), "{err}");
        assert!(
            err.to_string()
                .starts_with("Filen er ikke en gyldig Word-fil (.docx): "),
            "{err}"
        );
        assert!(matches!(read(b""), Err(DocxError::NotWord(_))));
    }

    #[test]
    fn ole_file_is_encrypted_or_old_word() {
        let mut bytes = OLE_SIGNATURE.to_vec();
        bytes.extend([0u8; 504]);
        let err = read(&bytes).unwrap_err();
        assert_eq!(err, DocxError::Encrypted);
        assert_eq!(
            err.to_string(),
            "Filen er krypteret med adgangskode eller er et gammelt Word-format (.doc); gem den som .docx uden adgangskode."
        );
    }

    #[test]
    fn zip_without_document_part_is_corrupt() {
        let file = package(&[("xl/workbook.xml", b"<workbook/>")]);
        let err = read(&file).unwrap_err();
        assert!(matches!(err, DocxError::Corrupt(_)), "{err}");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }

    #[test]
    fn malformed_xml_cannot_be_read() {
        for xml in [
            format!("{HEAD}<w:p><w:r><w:t>Hej</w:r></w:p>{TAIL}"),
            format!("{HEAD}<w:p><w:r><w:t>Hej</w:t></w:r>"),
            format!("{HEAD}{}&nbsp;{TAIL}", p("x")),
            String::new(),
            "<w:r><w:fldChar a=\"1\" a=\"2\"/></w:r>".into(),
            "<w:r><w:fldChar w:fldCharType=begin/></w:r>".into(),
        ] {
            let err = read(&package(&[(MAIN_PART, xml.as_bytes())])).unwrap_err();
            assert!(matches!(err, DocxError::Xml(_)), "{xml}: {err}");
            assert!(
                err.to_string()
                    .starts_with("Word-filens indhold kan ikke læses: ")
            );
        }
        let err = read(&package(&[(MAIN_PART, b"<a>\xFF</a>")])).unwrap_err();
        assert!(matches!(err, DocxError::Xml(_)), "{err}");
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
        segment(doc, Abbreviations::embedded());
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
