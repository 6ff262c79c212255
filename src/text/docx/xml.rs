//! Small XML helpers shared by the package relationships and the document
//! part: decoding a part's bytes into text, and reading an attribute by its
//! local name whatever its prefix.

use std::borrow::Cow;

use quick_xml::events::BytesStart;

use super::DocxError;

/// The text of an XML part: UTF-8 (with or without a byte-order mark), or
/// UTF-16 with one.
pub(super) fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, DocxError> {
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

/// The value of the attribute with local name `name`.
pub(super) fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if attr.key.local_name().as_ref() == name {
            let value = attr.unescape_value().map_err(|e| e.to_string())?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
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
