//! Turning a file's bytes into text. Danish letters arrive as UTF-8 (with or
//! without a byte order mark), as UTF-16 from Windows tools, and from older
//! case systems as Windows-1252. Offsets everywhere else refer to the text
//! this module returns, with any byte order mark removed.

use serde::Serialize;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Why bytes could not be read as a letter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("ikke en tekstfil: den indeholder NUL-bytes")]
    NotText,
}

/// Decodes a file's bytes: a UTF-16 byte order mark selects UTF-16, valid
/// UTF-8 is taken as it is, and anything else is read as Windows-1252. NUL
/// bytes never occur in a letter, so a file with them is refused rather than
/// scored as gibberish.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (utf16, encoding) = match bytes {
        [0xFF, 0xFE, ..] => (Some(encoding_rs::UTF_16LE), Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => (Some(encoding_rs::UTF_16BE), Encoding::Utf16Be),
        _ => (None, Encoding::Utf8),
    };
    if let Some(enc) = utf16 {
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if text.contains('\0') {
            return Err(DecodeError::NotText);
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            had_errors,
        });
    }
    if bytes.contains(&0) {
        return Err(DecodeError::NotText);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            had_errors: false,
        }),
        Err(_) => {
            let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Windows1252,
                had_errors,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Kære Åse".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Kære Åse", Encoding::Utf8));
        let d = decode(b"\xEF\xBB\xBFK\xC3\xA6re").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Kære", Encoding::Utf8));
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Søg".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Søg", Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Søg".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Søg", Encoding::Utf16Be));
    }

    #[test]
    fn invalid_utf8_is_windows_1252() {
        let d = decode(b"K\xe6re S\xf8ren, \x80 5").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "Kære Søren, € 5");
    }

    #[test]
    fn nul_bytes_are_not_text() {
        assert_eq!(decode(b"abc\0def").unwrap_err(), DecodeError::NotText);
        // UTF-16 without a byte order mark is full of NUL bytes too.
        assert_eq!(decode(b"a\0b\0").unwrap_err(), DecodeError::NotText);
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
