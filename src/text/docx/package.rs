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
        "den indeholder intet Word-dokument ({MAIN_PART} mangler) og er måske en anden Office-fil, fx fra Excel eller PowerPoint. Gem brevet fra Word som .docx."
    )))
}

/// What to do about a package that cannot be unpacked: Word itself always
/// writes one that can.
const RESAVE: &str = "Gem filen igen fra Word som .docx.";

fn not_an_archive(bytes: &[u8], e: &ZipError) -> DocxError {
    if bytes.starts_with(&OLE_SIGNATURE) {
        DocxError::Encrypted
    } else if bytes.starts_with(b"PK") {
        DocxError::Corrupt(zip_detail(e, "den"))
    } else if bytes.is_empty() {
        DocxError::NotWord("filen er tom. Gem brevet fra Word som .docx, og prøv igen.".into())
    } else {
        DocxError::NotWord(
            "den er ikke en ZIP-pakke, som en .docx-fil skal være, og er måske en anden slags fil med forkert endelse. Åbn den i Word, og gem den som .docx."
                .into(),
        )
    }
}

/// Why `subject` (the file, or a part of it) cannot be unpacked, and what
/// to do. The zip crate's own messages are English and name ZIP internals
/// (»Could not find EOCD«), which say nothing to a reader, so they are
/// left out.
fn zip_detail(e: &ZipError, subject: &str) -> String {
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            format!(
                "{subject} er krypteret med en adgangskode på en måde, som Word ikke bruger. Gem filen igen fra Word som .docx uden adgangskode."
            )
        }
        ZipError::UnsupportedArchive(_) => format!(
            "{subject} er pakket med en metode, som Word ikke bruger, og kan ikke pakkes ud. {RESAVE}"
        ),
        _ => format!(
            "{subject} kan ikke pakkes ud, måske fordi filen ikke er blevet gemt eller kopieret helt. {RESAVE}"
        ),
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
        Err(e) => {
            let subject = format!("brevteksten ({name})");
            return Err(DocxError::Corrupt(zip_detail(&e, &subject)));
        }
    };
    let mut out = Vec::with_capacity(file.size().min(1 << 20) as usize);
    file.take(MAX_PART + 1).read_to_end(&mut out).map_err(|_| {
        DocxError::Corrupt(format!(
            "brevteksten ({name}) kan ikke pakkes ud, fordi de pakkede data er ødelagt. {RESAVE}"
        ))
    })?;
    if out.len() as u64 > MAX_PART {
        return Err(DocxError::Corrupt(format!(
            "brevteksten ({name}) fylder over {} MB, når den pakkes ud, og så stort er intet brev. {RESAVE}",
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
    use crate::text::docx::testing::{HEAD, TAIL, assert_readable, docx, p, package};

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

    #[test]
    fn a_truncated_zip_says_it_cannot_be_unpacked() {
        let file = docx(&p("Et brev med lidt tekst i."));
        let err = read(&file[..file.len() / 2]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Filen er beskadiget: den kan ikke pakkes ud, måske fordi filen ikke er blevet gemt eller kopieret helt. Gem filen igen fra Word som .docx."
        );
        // Cut anywhere, the file never shows the zip crate's words.
        for len in (4..file.len()).step_by(7) {
            if let Err(err) = read(&file[..len]) {
                assert_readable(&err.to_string());
            }
        }
    }

    #[test]
    fn damaged_compressed_data_is_named_in_danish() {
        let text = "Et brev med lidt tekst i. ".repeat(50);
        let mut file = docx(&p(&text));
        let at = file
            .windows(MAIN_PART.len())
            .position(|w| w == MAIN_PART.as_bytes())
            .unwrap();
        for b in &mut file[at + MAIN_PART.len() + 20..at + MAIN_PART.len() + 60] {
            *b ^= 0x5A;
        }
        let message = read(&file).unwrap_err().to_string();
        assert_eq!(
            message,
            "Filen er beskadiget: brevteksten (word/document.xml) kan ikke pakkes ud, fordi de pakkede data er ødelagt. Gem filen igen fra Word som .docx."
        );
        assert_readable(&message);
    }

    #[test]
    fn a_file_that_is_not_a_zip_says_what_to_do() {
        let err = read(b"Kaere Aase, dette er ren tekst.\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Filen er ikke en gyldig Word-fil (.docx): den er ikke en ZIP-pakke, som en .docx-fil skal være, og er måske en anden slags fil med forkert endelse. Åbn den i Word, og gem den som .docx."
        );
        assert_readable(&err.to_string());
        let err = read(b"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Filen er ikke en gyldig Word-fil (.docx): filen er tom. Gem brevet fra Word som .docx, og prøv igen."
        );
    }

    #[test]
    fn a_zip_without_the_document_part_says_what_is_missing() {
        let file = package(&[("xl/workbook.xml", b"<workbook/>")]);
        let err = read(&file).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Filen er beskadiget: den indeholder intet Word-dokument (word/document.xml mangler) og er måske en anden Office-fil, fx fra Excel eller PowerPoint. Gem brevet fra Word som .docx."
        );
        assert_readable(&err.to_string());
    }

    #[test]
    fn every_zip_failure_is_described_in_danish() {
        let errors = [
            ZipError::Io(std::io::Error::other("unexpected end of file")),
            ZipError::InvalidArchive("Could not find EOCD".into()),
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED),
            ZipError::UnsupportedArchive("Compression method not supported"),
            ZipError::InvalidPassword,
            ZipError::FileNotFound,
        ];
        for e in &errors {
            for subject in ["den", "brevteksten (word/document.xml)"] {
                let message = zip_detail(e, subject);
                assert!(message.starts_with(subject), "{message}");
                assert_readable(&message);
            }
        }
        assert_eq!(
            zip_detail(&errors[2], "den"),
            "den er krypteret med en adgangskode på en måde, som Word ikke bruger. Gem filen igen fra Word som .docx uden adgangskode."
        );
    }
}
