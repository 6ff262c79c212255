//! The document part: a walk over the events of `word/document.xml` that
//! turns every `w:p` into a list of [`Segment`]s — prose joined from its
//! runs, and merge fields by name. The parser keeps a stack of the
//! elements it is inside, so that deleted revisions, paragraph properties
//! and the fallback copies of `mc:AlternateContent` are skipped whole, and
//! hidden runs leave no text. Fields are read in [`super::fields`].

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::DocxError;
use super::fields::{Field, merge_field_name};
use super::xml::{attribute, describe, xml_error};

const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A stretch of a paragraph as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Segment {
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

#[derive(Debug, Default)]
pub(super) struct Parser {
    elements: Vec<Element>,
    /// Depth of the element whose content is being skipped.
    skip_from: Option<usize>,
    /// Paragraphs in order of their start.
    paragraphs: Vec<Vec<Segment>>,
    /// Indices of the open paragraphs (a text box nests one in another).
    open: Vec<usize>,
    /// Per open run: whether its text is hidden.
    pub(super) hidden: Vec<bool>,
    pub(super) fields: Vec<Field>,
    /// Per open `w:fldSimple`: whether its shown result is left out.
    pub(super) simple_fields: Vec<bool>,
}

impl Parser {
    pub(super) fn run(mut self, xml: &str) -> Result<Vec<Vec<Segment>>, DocxError> {
        let mut reader = NsReader::from_str(xml);
        let mut root = false;
        loop {
            let (space, event) = match reader.read_resolved_event() {
                Ok((resolved, event)) => (space_of(&resolved, &event), event),
                Err(e) => return Err(xml_error(&describe(&e), Some(reader.error_position()))),
            };
            let at = reader.buffer_position();
            let xml_error = |detail: String| xml_error(&detail, Some(at));
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
                        return Err(xml_error("der står et slutmærke uden startmærke".into()));
                    };
                    match self.skip_from {
                        Some(depth) if depth == self.elements.len() => self.skip_from = None,
                        Some(_) => {}
                        None => self.close(element),
                    }
                }
                Event::Text(t) => {
                    let text = t
                        .xml10_content()
                        .map_err(|e| xml_error(describe(&e.into())))?;
                    self.text(&text);
                }
                Event::CData(t) => {
                    let text = t
                        .xml10_content()
                        .map_err(|e| xml_error(describe(&e.into())))?;
                    self.text(&text);
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref().map_err(|e| xml_error(describe(&e)))? {
                        Some(ch) => ch,
                        None => match &*r {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            other => {
                                return Err(xml_error(format!(
                                    "entiteten &{}; er ukendt",
                                    String::from_utf8_lossy(other)
                                )));
                            }
                        },
                    };
                    self.text(ch.encode_utf8(&mut [0; 4]));
                }
                Event::Eof => {
                    if !self.elements.is_empty() {
                        return Err(xml_error("brevteksten slutter midt i et element".into()));
                    }
                    if !root {
                        return Err(xml_error(
                            "brevteksten indeholder intet XML-dokument".into(),
                        ));
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

    pub(super) fn push_field(&mut self, name: String) {
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

#[cfg(test)]
mod tests {
    use crate::text::Format;
    use crate::text::docx::package::MAIN_PART;
    use crate::text::docx::testing::{
        HEAD, TAIL, assert_readable, blocks, counts, p, package, read_body,
    };
    use crate::text::docx::{DocxError, read};

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
    fn tabs_and_breaks_are_spaces() {
        let doc = read_body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr><w:r><w:t>Anne Hansen</w:t><w:br/><w:t>Vejen</w:t><w:tab/><w:t>3</w:t><w:cr/><w:t>8000</w:t><w:br w:type="page"/><w:t>Aarhus</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.text, "Anne Hansen Vejen 3 8000 Aarhus");
        assert_eq!(counts(&doc).0.len(), 6);
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

    #[test]
    fn invalid_xml_says_what_is_wrong_in_danish() {
        let read_xml = |xml: &str| {
            read(&package(&[(MAIN_PART, xml.as_bytes())]))
                .unwrap_err()
                .to_string()
        };
        let repair = "Åbn filen i Word, lad Word reparere den, hvis Word tilbyder det, og gem den igen som .docx.";
        assert_eq!(
            read_xml("<w:p><w:r><w:t>Hej</w:r></w:p>"),
            format!(
                "Word-filens indhold kan ikke læses: slutmærket </w:r> passer ikke til det åbne mærke <w:t> (ved byte 18). {repair}"
            )
        );
        assert_eq!(
            read_xml("<w:p><w:r><w:t>Hej</w:t></w:r>"),
            format!(
                "Word-filens indhold kan ikke læses: brevteksten slutter midt i et element (ved byte 30). {repair}"
            )
        );
        assert_eq!(
            read_xml("<w:p>&nbsp;</w:p>"),
            format!(
                "Word-filens indhold kan ikke læses: entiteten &nbsp; er ukendt (ved byte 11). {repair}"
            )
        );
        assert_eq!(
            read_xml("<w:r><w:fldChar a=\"1\" a=\"2\"/></w:r>"),
            format!(
                "Word-filens indhold kan ikke læses: en attribut står to gange i samme mærke (ved byte 29). {repair}"
            )
        );
        // Every way the XML can be broken reads as Danish with advice.
        for xml in [
            format!("{HEAD}<w:p><w:r><w:t>Hej</w:r></w:p>{TAIL}"),
            format!("{HEAD}<w:p><w:r><w:t>Hej</w:t></w:r>"),
            format!("{HEAD}{}&nbsp;{TAIL}", p("x")),
            String::new(),
            "<!-- x".into(),
            "<w:p".into(),
            "<![CDATA[x".into(),
            "<?xml".into(),
            "<!x>".into(),
            "</w:p>".into(),
            "<w:p>&amp</w:p>".into(),
            "<w:p>&#xZZ;</w:p>".into(),
            "<w:r><w:fldChar a=\"1\" a=\"2\"/></w:r>".into(),
            "<w:r><w:fldChar w:fldCharType=begin/></w:r>".into(),
            "<w:r><w:fldChar w:fldCharType/></w:r>".into(),
            "<w:r><w:fldChar w:fldCharType=\"&bad;\"/></w:r>".into(),
            "<w:fldSimple w:instr=\"x/>".into(),
        ] {
            let message = read_xml(&xml);
            assert!(
                message.starts_with("Word-filens indhold kan ikke læses: "),
                "{xml}: {message}"
            );
            assert_readable(&message);
        }
        let err = read(&package(&[(MAIN_PART, b"<a>\xFF</a>")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "Word-filens indhold kan ikke læses: brevteksten er ikke gyldig UTF-8-tekst (ved byte 3). {repair}"
            )
        );
        let err = read(&package(&[(MAIN_PART, b"\xFF\xFE<\x00\xD8")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "Word-filens indhold kan ikke læses: brevteksten er ikke gyldig UTF-16LE-tekst. {repair}"
            )
        );
    }
}
