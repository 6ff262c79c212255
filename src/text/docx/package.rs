//! The Word package: a ZIP file whose main part, `word/document.xml` (or
//! wherever the package relationships point), holds the letter. This file
//! owns getting that part's bytes out safely — telling a ZIP from an OLE
//! file (.doc or a password-protected .docx), capping how much a part may
//! unpack to — and naming what went wrong when it cannot.

use std::io::{Cursor, Read, Seek};

use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use super::DocxError;
use super::xml::{attribute, decode_xml};

/// The signature of an OLE compound file (.doc, or an encrypted .docx).
pub(super) const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Where Word keeps the main document.
pub(super) const MAIN_PART: &str = "word/document.xml";

/// The most a part may unpack to; a letter is a few hundred kilobytes.
const MAX_PART: u64 = 256 << 20;

pub(super) fn main_part(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::docx::read;
    use crate::text::docx::testing::{HEAD, TAIL, docx, p, package};

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
}
