//! Reading a file the user hands over as bytes (the page's upload): Word
//! files through the `.docx` reader, everything else decoded as text; and
//! the names of the text formats in requests and answers.

use serde::Serialize;

use super::AppError;
use crate::text::{Format, decode, docx};

/// An uploaded file as text, and the format to read it in.
#[derive(Debug, Clone, Serialize)]
pub struct Upload {
    pub text: String,
    /// `txt`, `markdown` or `tera` (a Word file's text is `txt`).
    pub format: &'static str,
}

/// Reads the bytes of a file called `name` into text; nothing is kept.
pub fn read_upload(name: &str, bytes: &[u8]) -> Result<Upload, AppError> {
    let format = Format::from_path(std::path::Path::new(name)).unwrap_or(Format::Txt);
    let (text, format) = if format == Format::Docx {
        (docx::read(bytes)?.text, Format::Txt)
    } else {
        (decode(bytes)?.text, format)
    };
    Ok(Upload {
        text,
        format: format_name(format),
    })
}

/// The format a request names: `txt` (also when none is named),
/// `markdown` or `tera`.
pub fn format_named(name: Option<&str>) -> Result<Format, AppError> {
    match name.unwrap_or("txt") {
        "txt" => Ok(Format::Txt),
        "markdown" => Ok(Format::Markdown),
        "tera" => Ok(Format::TeraMarkdown),
        other => Err(AppError::Format(other.to_string())),
    }
}

/// The name of a format in an answer, as [`format_named`] reads it.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "markdown",
        Format::Tera | Format::TeraMarkdown => "tera",
        _ => "txt",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_word_files_are_read_and_broken_ones_refused() {
        let u = read_upload("brev.md", "# Kære Åse".as_bytes()).unwrap();
        assert_eq!((u.text.as_str(), u.format), ("# Kære Åse", "markdown"));
        let e = read_upload("brev.docx", b"not a zip").unwrap_err();
        assert!(matches!(e, AppError::Word(_)), "{e:?}");
        assert!(e.sentence().starts_with("Filen "), "{e}");
    }

    #[test]
    fn format_names_go_both_ways() {
        for name in ["txt", "markdown", "tera"] {
            assert_eq!(format_name(format_named(Some(name)).unwrap()), name);
        }
        let e = format_named(Some("pdf")).unwrap_err();
        assert_eq!(
            e.sentence(),
            "Ukendt format »pdf«: brug txt, markdown eller tera."
        );
    }
}
