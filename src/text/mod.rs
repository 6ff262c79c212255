//! From bytes to analysable text: decoding, the document model (prose blocks
//! of plain text, Markdown and Tera templates), spans, and segmentation into
//! blocks, sentences and words.

pub mod abbreviations;
pub mod decode;
pub mod document;
pub mod docx;
mod markdown;
mod plain;
pub mod segment;
pub mod span;
pub mod tera;

pub use abbreviations::Abbreviations;
pub use decode::{DecodeError, Decoded, Encoding, decode};
pub use document::{Block, Document, DocumentError, Format, Piece, Prose};
pub use segment::{Segmentation, Sentence, Word, segment};
pub use span::{LineCursor, LineIndex, Span};
