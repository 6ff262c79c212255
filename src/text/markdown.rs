//! Blocks of Markdown prose, read with pulldown-cmark. Paragraphs, headings,
//! list items, block quotes and table cells hold prose; code, HTML, image
//! descriptions and link targets do not. Text split into several events by
//! inline markup (`**vigtigt**`) stays one stream, so a word or sentence can
//! run across emphasis.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::document::{Block, Piece, inside_tag, push_prose};
use super::tera::Tag as TeraTag;

/// `src` is the Markdown body (after any front matter), which starts at
/// byte `base` of the document text; every range returned is absolute.
/// `tags` are the document's Tera tags; for a template `src` has them
/// masked as letters so that Markdown sees each tag as one word.
pub(crate) fn blocks(src: &str, base: usize, tags: &[TeraTag]) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    let mut current = Block::default();
    // Depth inside elements whose text is not prose (code blocks, images).
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        let abs = range.start + base..range.end + base;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    flush(&mut out, &mut current);
                    hidden += 1;
                }
                Tag::Image { .. } => {
                    current.pieces.push(Piece::Break);
                    hidden += 1;
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell => flush(&mut out, &mut current),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    hidden = hidden.saturating_sub(1);
                    flush(&mut out, &mut current);
                }
                TagEnd::Image => {
                    hidden = hidden.saturating_sub(1);
                    current.pieces.push(Piece::Break);
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell => flush(&mut out, &mut current),
                _ => {}
            },
            Event::Text(text) if hidden == 0 => {
                if src.get(range.clone()) == Some(&*text) {
                    push_prose(&mut current.pieces, abs, tags);
                } else {
                    current.pieces.push(Piece::Literal {
                        text: text.into_string(),
                        at: abs,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 && !inside_tag(tags, abs.start) => {
                current.pieces.push(Piece::Break);
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
                if hidden == 0 =>
            {
                current.pieces.push(Piece::Break);
            }
            Event::Rule => flush(&mut out, &mut current),
            _ => {}
        }
    }
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<Block>, current: &mut Block) {
    if current.pieces.iter().any(|p| !matches!(p, Piece::Break)) {
        out.push(std::mem::take(current));
    } else {
        current.pieces.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        blocks(src, 0, &[])
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Source(r) => src[r.clone()].to_string(),
                        Piece::Literal { text, .. } => text.clone(),
                        Piece::Placeholder(_) => "{}".into(),
                        Piece::Break => " ".into(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn headings_items_cells_and_paragraphs_are_blocks() {
        let src = "# Indkaldelse\n\nDu skal *komme*\nkl. 10.\n\n- Lønsedler\n- Kontoudtog\n\n| Beløb | Dato |\n|---|---|\n| 5.000 kr. | 1. maj |\n";
        assert_eq!(
            texts(src),
            vec![
                "Indkaldelse",
                "Du skal komme kl. 10.",
                "Lønsedler",
                "Kontoudtog",
                "Beløb",
                "Dato",
                "5.000 kr.",
                "1. maj"
            ]
        );
    }

    #[test]
    fn code_html_and_link_targets_are_not_prose() {
        let src = "Se [vejledningen](https://example.org/lang-adresse) nu.\n\n```\nkode her\n```\n\n<div>html</div>\n\nBrug `kode` og ![billede](x.png) her.";
        assert_eq!(texts(src), vec!["Se vejledningen nu.", "Brug   og    her."]);
    }

    #[test]
    fn escapes_become_literals_at_their_source() {
        let src = "Pris 5 \\* 3 &amp; mere";
        let b = blocks(src, 0, &[]);
        assert!(b[0].pieces.iter().any(|p| matches!(p, Piece::Literal { text, at } if text == "&" && &src[at.clone()] == "&amp;")));
    }
}
