//! The document model: a letter's decoded text, its format, the metadata of
//! its front matter, and the prose blocks that readability is measured on.
//! A block is a paragraph, heading, list item or table cell; its pieces are
//! byte ranges of prose inside the text, so markup, code, link targets and
//! template logic never reach the word counter.

use std::ops::Range;

use serde::Serialize;

use super::tera::{self, Tag, TagKind};
use super::{markdown, plain};

/// How a letter's text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: blocks are separated by blank lines.
    Txt,
    /// Markdown (CommonMark with tables), optionally with YAML front matter.
    Markdown,
    /// A Tera template of plain text (`.tera`, `.txt.tera`).
    Tera,
    /// A Tera template of Markdown (`.md.tera`).
    #[serde(rename = "tera")]
    TeraMarkdown,
    /// A Word file (`.docx`, `.dotx`), read by [`super::docx::read`] into a
    /// synthetic text of one paragraph per block.
    Docx,
}

impl Format {
    /// The format a file name calls for; `None` for an extension klarbrev
    /// does not read when it walks a directory.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_lowercase();
        if name.ends_with(".md.tera") || name.ends_with(".markdown.tera") {
            Some(Format::TeraMarkdown)
        } else if name.ends_with(".tera") {
            Some(Format::Tera)
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            Some(Format::Markdown)
        } else if name.ends_with(".txt") {
            Some(Format::Txt)
        } else if name.ends_with(".docx") || name.ends_with(".dotx") {
            Some(Format::Docx)
        } else {
            None
        }
    }

    /// The name used in JSON output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Markdown => "markdown",
            Format::Tera | Format::TeraMarkdown => "tera",
            Format::Docx => "docx",
        }
    }

    fn is_markdown(self) -> bool {
        matches!(self, Format::Markdown | Format::TeraMarkdown)
    }

    fn is_template(self) -> bool {
        matches!(self, Format::Tera | Format::TeraMarkdown)
    }

    /// Whether the format has comments, and so suppression comments
    /// (`<!-- … -->` in Markdown, `{# … #}` in Tera).
    pub fn has_comments(self) -> bool {
        self.is_markdown() || self.is_template()
    }
}

/// One stretch of a block, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Prose that appears in the text exactly as written.
    Source(Range<usize>),
    /// Prose whose text differs from its source (a Markdown escape or
    /// entity): the characters are `text`, located at `at` in the source.
    Literal { text: String, at: Range<usize> },
    /// A Tera `{{ … }}` placeholder: one word without letters.
    Placeholder(Range<usize>),
    /// Whitespace that the source does not show as a character (a soft line
    /// break in Markdown, inline code, an image).
    Break,
}

/// A paragraph, heading, list item, table cell or other unit after which a
/// sentence always ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    pub pieces: Vec<Piece>,
}

/// A decoded letter ready for analysis.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub format: Format,
    /// The YAML front matter, if the letter has one. It is never scored.
    pub metadata: Option<serde_json::Value>,
    /// Byte range of the front matter including its `---` fences.
    pub front_matter: Option<Range<usize>>,
    /// Tera tags, in order (templates only).
    pub tags: Vec<Tag>,
    pub blocks: Vec<Block>,
}

/// One stretch of the prose the rules may read, in reading order (see
/// [`Document::prose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prose<'a> {
    /// Text exactly as in the source, starting at byte `at`.
    Source { text: &'a str, at: usize },
    /// Text that differs from its source (a Markdown escape or entity),
    /// located at `at` in the source.
    Literal { text: &'a str, at: &'a Range<usize> },
    /// A template placeholder: one word without letters.
    Placeholder(&'a Range<usize>),
    /// Whitespace the source does not show as a character.
    Break,
    /// The end of a block: a sentence always ends here.
    BlockEnd,
}

/// Why a decoded text could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("front matter i linje {line} er ikke gyldig YAML: {detail}")]
    FrontMatter { line: usize, detail: String },
    #[error("front matter skal være en samling af nøgler og værdier (linje {line})")]
    FrontMatterNotMapping { line: usize },
}

impl Document {
    /// Builds the document model of `text` in the given format.
    pub fn parse(text: String, format: Format) -> Result<Document, DocumentError> {
        let (metadata, front_matter) = if format.is_markdown() {
            parse_front_matter(&text)?
        } else {
            (None, None)
        };
        let tags = if format.is_template() {
            tera::scan(&text)
        } else {
            Vec::new()
        };
        let body_start = front_matter.as_ref().map_or(0, |r| r.end);
        let blocks = if format.is_markdown() {
            if tags.is_empty() {
                markdown::blocks(&text[body_start..], body_start, &tags)
            } else {
                let masked = tera::mask(&text, &tags);
                markdown::blocks(&masked[body_start..], body_start, &tags)
            }
        } else {
            plain::blocks(&text, &tags)
        };
        Ok(Document {
            text,
            format,
            metadata,
            front_matter,
            tags,
            blocks,
        })
    }
}

impl Document {
    /// The prose the rules may read, block by block: front matter, code,
    /// HTML, link targets and template tags are never part of it. The
    /// segmenter, the lexicon's matcher and the content rules all read the
    /// letter through this.
    pub fn prose(&self) -> impl Iterator<Item = Prose<'_>> {
        self.blocks.iter().flat_map(move |block| {
            block
                .pieces
                .iter()
                .map(move |piece| match piece {
                    Piece::Source(range) => Prose::Source {
                        text: self.text.get(range.clone()).unwrap_or(""),
                        at: range.start,
                    },
                    Piece::Literal { text, at } => Prose::Literal { text, at },
                    Piece::Placeholder(range) => Prose::Placeholder(range),
                    Piece::Break => Prose::Break,
                })
                .chain(std::iter::once(Prose::BlockEnd))
        })
    }

    /// The prose as one string: blocks end with a line break, placeholders
    /// and breaks are a space.
    pub fn prose_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for p in self.prose() {
            match p {
                Prose::Source { text, .. } | Prose::Literal { text, .. } => out.push_str(text),
                Prose::Placeholder(_) | Prose::Break => out.push(' '),
                Prose::BlockEnd => out.push('\n'),
            }
        }
        out
    }
}

type FrontMatter = (Option<serde_json::Value>, Option<Range<usize>>);

/// Front matter is a YAML block at the very top, fenced by `---` lines (the
/// closing fence may also be `...`). Without a closing fence the opening
/// `---` is ordinary Markdown (a rule), as in other Markdown tools.
fn parse_front_matter(text: &str) -> Result<FrontMatter, DocumentError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((None, None));
    };
    let yaml_start = text.len() - rest.len();
    let mut pos = yaml_start;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &text[yaml_start..pos];
            let end = pos + line.len();
            let value: serde_yaml::Value = if yaml.trim().is_empty() {
                serde_yaml::Value::Null
            } else {
                serde_yaml::from_str(yaml).map_err(|e| DocumentError::FrontMatter {
                    line: e.location().map_or(1, |l| l.line()) + 1,
                    detail: e.to_string(),
                })?
            };
            let json = match value {
                serde_yaml::Value::Null => serde_json::Value::Object(Default::default()),
                serde_yaml::Value::Mapping(_) => {
                    serde_json::to_value(&value).map_err(|e| DocumentError::FrontMatter {
                        line: 2,
                        detail: e.to_string(),
                    })?
                }
                _ => return Err(DocumentError::FrontMatterNotMapping { line: 2 }),
            };
            return Ok((Some(json), Some(0..end)));
        }
        pos += line.len();
    }
    Ok((None, None))
}

/// Appends the prose of `range` to `pieces`, cut around the Tera tags in it:
/// a `{{ … }}` that starts inside the range becomes a placeholder, other
/// tags disappear.
pub(crate) fn push_prose(pieces: &mut Vec<Piece>, range: Range<usize>, tags: &[Tag]) {
    if tags.is_empty() {
        if !range.is_empty() {
            pieces.push(Piece::Source(range));
        }
        return;
    }
    let mut start = range.start;
    let first = tags.partition_point(|t| t.range.end <= range.start);
    for tag in &tags[first..] {
        if tag.range.start >= range.end {
            break;
        }
        if tag.range.start > start {
            pieces.push(Piece::Source(start..tag.range.start));
        }
        if tag.kind == TagKind::Expr && tag.range.start >= range.start {
            pieces.push(Piece::Placeholder(tag.range.clone()));
        }
        start = start.max(tag.range.end.min(range.end));
    }
    if start < range.end {
        pieces.push(Piece::Source(start..range.end));
    }
}

/// Whether `offset` lies strictly inside a tag (where a line break is part
/// of the tag, not of the prose).
pub(crate) fn inside_tag(tags: &[Tag], offset: usize) -> bool {
    let i = tags.partition_point(|t| t.range.end <= offset);
    tags.get(i).is_some_and(|t| t.range.start < offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        use std::path::Path;
        assert_eq!(
            Format::from_path(Path::new("a/b.md.tera")),
            Some(Format::TeraMarkdown)
        );
        assert_eq!(Format::from_path(Path::new("b.TERA")), Some(Format::Tera));
        assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("b.txt")), Some(Format::Txt));
        assert_eq!(Format::from_path(Path::new("b.DOCX")), Some(Format::Docx));
        assert_eq!(Format::from_path(Path::new("b.dotx")), Some(Format::Docx));
        assert_eq!(Format::from_path(Path::new("b.doc")), None);
        assert_eq!(Format::from_path(Path::new("b.pdf")), None);
    }

    #[test]
    fn front_matter_is_metadata_not_prose() {
        let doc = Document::parse(
            "---\ntype: indkaldelse\ntitel: Samtale\n---\nHej.\n".into(),
            Format::Markdown,
        )
        .unwrap();
        let meta = doc.metadata.unwrap();
        assert_eq!(meta["type"], "indkaldelse");
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.front_matter, Some(0..41));
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let err =
            Document::parse("---\na: 1\nb: [\n---\nHej\n".into(), Format::Markdown).unwrap_err();
        assert!(matches!(err, DocumentError::FrontMatter { .. }), "{err}");
    }

    #[test]
    fn unclosed_front_matter_is_markdown() {
        let doc = Document::parse("---\nHej med dig\n".into(), Format::Markdown).unwrap();
        assert!(doc.metadata.is_none());
    }

    #[test]
    fn push_prose_cuts_around_tags() {
        let text = "Kære {{ navn }}{% if x %}, hej";
        let tags = tera::scan(text);
        let mut pieces = Vec::new();
        push_prose(&mut pieces, 0..text.len(), &tags);
        assert_eq!(
            pieces,
            vec![
                Piece::Source(0..6),
                Piece::Placeholder(6..16),
                Piece::Source(26..31),
            ]
        );
    }
}
