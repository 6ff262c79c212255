//! Small XML helpers shared by the package relationships and the document
//! part: decoding a part's bytes into text, reading an attribute by its
//! local name whatever its prefix, and saying in Danish what is wrong with
//! XML that cannot be read.

use std::borrow::Cow;

use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::escape::EscapeError;
use quick_xml::events::BytesStart;
use quick_xml::events::attributes::AttrError;

use super::DocxError;

/// What to do about a document part that is not well-formed: Word writes
/// well-formed XML, and when it meets a damaged file it offers to repair it.
const REPAIR: &str =
    "Åbn filen i Word, lad Word reparere den, hvis Word tilbyder det, og gem den igen som .docx.";

/// The error for a document part that cannot be read: what is wrong, where
/// (a byte offset into the part, for whoever looks at the file), and what
/// to do.
pub(super) fn xml_error(what: &str, at: Option<u64>) -> DocxError {
    match at {
        Some(at) => DocxError::Xml(format!("{what} (ved byte {at}). {REPAIR}")),
        None => DocxError::Xml(format!("{what}. {REPAIR}")),
    }
}

/// The text of an XML part: UTF-8 (with or without a byte-order mark), or
/// UTF-16 with one.
pub(super) fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, DocxError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_with_bom_removal(bytes);
        if malformed {
            return Err(xml_error(
                &format!("brevteksten er ikke gyldig {}-tekst", encoding.name()),
                None,
            ));
        }
        return Ok(text);
    }
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        xml_error(
            "brevteksten er ikke gyldig UTF-8-tekst",
            Some(e.valid_up_to() as u64),
        )
    })
}

/// The value of the attribute with local name `name`.
pub(super) fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
    for attr in e.attributes() {
        let attr = attr.map_err(|e| describe(&e.into()))?;
        if attr.key.local_name().as_ref() == name {
            let value = attr.unescape_value().map_err(|e| describe(&e))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// What is wrong, in Danish. quick-xml's own messages are English and speak
/// of its internals, so they never reach a reader; the names of the
/// elements involved are kept, since they help whoever opens the file.
pub(super) fn describe(e: &Error) -> String {
    match e {
        Error::Syntax(e) => match e {
            SyntaxError::InvalidBangMarkup => "der står ugyldig markup efter »<!«".into(),
            SyntaxError::UnclosedPIOrXmlDecl => {
                "en XML-erklæring eller en behandlingsinstruktion er ikke afsluttet med »?>«".into()
            }
            SyntaxError::UnclosedComment => "en kommentar er ikke afsluttet med »-->«".into(),
            SyntaxError::UnclosedDoctype => "en DOCTYPE-erklæring er ikke afsluttet med »>«".into(),
            SyntaxError::UnclosedCData => "en CDATA-sektion er ikke afsluttet med »]]>«".into(),
            SyntaxError::UnclosedTag => "et mærke er ikke afsluttet med »>«".into(),
        },
        Error::IllFormed(e) => match e {
            IllFormedError::MissingDeclVersion(_) => {
                "XML-erklæringen begynder ikke med et versionsnummer".into()
            }
            IllFormedError::MissingDoctypeName => "DOCTYPE-erklæringen mangler et navn".into(),
            IllFormedError::MissingEndTag(tag) => format!("mærket <{tag}> bliver aldrig lukket"),
            IllFormedError::UnmatchedEndTag(tag) => {
                format!("slutmærket </{tag}> har intet startmærke")
            }
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("slutmærket </{found}> passer ikke til det åbne mærke <{expected}>")
            }
            IllFormedError::DoubleHyphenInComment => "en kommentar indeholder »--«".into(),
            IllFormedError::UnclosedReference => {
                "en entitet (&…;) er ikke afsluttet med »;«".into()
            }
        },
        Error::InvalidAttr(e) => match e {
            AttrError::ExpectedEq(_) => "en attribut mangler »=« efter sit navn".into(),
            AttrError::ExpectedValue(_) => "en attribut mangler sin værdi efter »=«".into(),
            AttrError::UnquotedValue(_) => "en attributværdi står ikke i anførselstegn".into(),
            AttrError::ExpectedQuote(..) => {
                "en attributværdi mangler sit afsluttende anførselstegn".into()
            }
            AttrError::Duplicated(..) => "en attribut står to gange i samme mærke".into(),
        },
        Error::Escape(e) => match e {
            EscapeError::UnrecognizedEntity(_, name) => format!("entiteten &{name}; er ukendt"),
            EscapeError::UnterminatedEntity(_) => {
                "en entitet (&…;) er ikke afsluttet med »;«".into()
            }
            EscapeError::InvalidCharRef(_) => "en tegnreference (&#…;) er ugyldig".into(),
        },
        Error::Encoding(_) => "brevteksten er ikke gyldig UTF-8-tekst".into(),
        Error::Namespace(_) => "et navnerum (xmlns) er erklæret forkert".into(),
        Error::Io(_) => "brevteksten kan ikke læses".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::docx::package::MAIN_PART;
    use crate::text::docx::read;
    use crate::text::docx::testing::{HEAD, TAIL, p, package};

    #[test]
    fn utf16_document_part_is_read() {
        let xml = format!("{HEAD}{}{TAIL}", p("Æble"));
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let file = package(&[(MAIN_PART, &bytes)]);
        assert_eq!(read(&file).unwrap().text, "Æble");
    }
}
