//! Finding and reading the letters a command was given: files, directories
//! (walked for the supported extensions, .gitignore respected, sorted by
//! path) and `-` for standard input. A letter that cannot be read becomes an
//! [`InputError`] naming the file; the others are read as usual.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::text::{Document, DocumentError, Encoding, Format, decode};

/// Where a letter comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    /// The path as shown to users (`-` for standard input).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".into(),
        }
    }
}

/// A letter that could not be read, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    pub path: String,
    /// Danish: what is wrong, and where possible what to do.
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A letter's text and how it was read.
#[derive(Debug, Clone)]
pub struct Letter {
    pub path: String,
    pub text: String,
    pub format: Format,
    pub encoding: Encoding,
    /// Danish notes for the reader, e.g. that the file was not UTF-8.
    pub notes: Vec<String>,
}

/// Expands command-line paths into letters to read, in order: each argument
/// in turn, a directory's supported files sorted by path.
pub fn discover(args: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => walk(arg, &mut sources, &mut errors),
            Ok(_) => sources.push(Source::File(arg.clone())),
            Err(e) => errors.push(InputError::new(arg.display().to_string(), io_message(&e))),
        }
    }
    (sources, errors)
}

fn walk(dir: &Path, sources: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && Format::from_path(entry.path()).is_some() {
                    found.push(entry.into_path());
                }
            }
            Err(e) => errors.push(InputError::new(
                dir.display().to_string(),
                format!(
                    "Mappen kunne ikke gennemgås helt ({}).",
                    crate::input::walk_reason(&e)
                ),
            )),
        }
    }
    found.sort();
    sources.extend(found.into_iter().map(Source::File));
}

/// Reads one letter and builds its document: Word files through the
/// `.docx` reader, everything else decoded as text. The returned letter's
/// `text` has been moved into the document.
pub fn load(source: &Source, stdin_format: Format) -> Result<(Letter, Document), InputError> {
    let path = source.display();
    let (bytes, format) = read_bytes(source, stdin_format)?;
    if format == Format::Docx {
        let document =
            crate::text::docx::read(&bytes).map_err(|e| InputError::new(&path, e.to_string()))?;
        let letter = Letter {
            path,
            text: String::new(),
            format,
            encoding: Encoding::Utf8,
            notes: Vec::new(),
        };
        return Ok((letter, document));
    }
    let mut letter = decode_letter(path, &bytes, format)?;
    let text = std::mem::take(&mut letter.text);
    let document = Document::parse(text, format)
        .map_err(|e| InputError::new(&letter.path, document_message(&e)))?;
    Ok((letter, document))
}

fn read_bytes(source: &Source, stdin_format: Format) -> Result<(Vec<u8>, Format), InputError> {
    let path = source.display();
    Ok(match source {
        Source::File(p) => {
            let bytes = std::fs::read(p).map_err(|e| InputError::new(&path, io_message(&e)))?;
            (bytes, Format::from_path(p).unwrap_or(Format::Txt))
        }
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::new(&path, io_message(&e)))?;
            (bytes, stdin_format)
        }
    })
}

fn decode_letter(path: String, bytes: &[u8], format: Format) -> Result<Letter, InputError> {
    let decoded = decode(bytes).map_err(|e| InputError::new(&path, capitalise(&e.to_string())))?;
    let mut notes = Vec::new();
    if decoded.encoding == Encoding::Windows1252 {
        notes.push("Filen er ikke gyldig UTF-8 og er læst som Windows-1252.".to_string());
    } else if decoded.had_errors {
        notes.push("Nogle tegn i filen kunne ikke læses og er vist som �.".to_string());
    }
    Ok(Letter {
        path,
        text: decoded.text,
        format,
        encoding: decoded.encoding,
        notes,
    })
}

/// The Danish message for a document error.
pub fn document_message(e: &DocumentError) -> String {
    capitalise(&e.to_string())
}

fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "Filen findes ikke. Tjek stavningen af stien.".into(),
        PermissionDenied => "Ingen adgang til filen. Tjek filens rettigheder.".into(),
        IsADirectory => "Det er en mappe, ikke en fil.".into(),
        InvalidData => "Filen kunne ikke læses: ugyldige data.".into(),
        _ => format!("Filen kunne ikke læses: {}.", io_reason(e)),
    }
}

/// Why a folder could not be walked, in Danish.
pub fn walk_reason(e: &ignore::Error) -> String {
    match e.io_error() {
        Some(io) => io_reason(io),
        None => "en sti kunne ikke læses, eller en .gitignore-fil er ugyldig".into(),
    }
}

/// Why reading or writing failed, in Danish and in lower case, for a
/// message that already says which file: the system's own (English) text
/// never reaches the reader.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "filen eller mappen findes ikke".into(),
        PermissionDenied => "ingen adgang; tjek rettighederne".into(),
        IsADirectory => "det er en mappe, ikke en fil".into(),
        NotADirectory => "en del af stien er en fil, ikke en mappe".into(),
        AlreadyExists => "der findes allerede en fil med det navn".into(),
        StorageFull => "disken er fuld".into(),
        ReadOnlyFilesystem => "filsystemet er skrivebeskyttet".into(),
        InvalidData => "ugyldige data".into(),
        UnexpectedEof => "filen slutter for tidligt".into(),
        BrokenPipe => "modtageren lukkede forbindelsen".into(),
        Interrupted => "afbrudt".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("systemfejl nr. {n}"),
            None => "ukendt fejl".into(),
        },
    }
}

/// The message with a capital first letter and a full stop.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(chars.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}
