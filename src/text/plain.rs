//! Blocks of plain text: a blank line (only whitespace) separates blocks,
//! and a single newline is a soft wrap inside one.

use super::document::{Block, push_prose};
use super::tera::Tag;

pub(crate) fn blocks(text: &str, tags: &[Tag]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some((s, e)) = current.take() {
                blocks.push(block(s..e, tags));
            }
        } else {
            let end = start + content.len();
            current = Some(current.map_or((start, end), |(s, _)| (s, end)));
        }
    }
    if let Some((s, e)) = current {
        blocks.push(block(s..e, tags));
    }
    blocks
}

fn block(range: std::ops::Range<usize>, tags: &[Tag]) -> Block {
    let mut b = Block::default();
    push_prose(&mut b.pieces, range, tags);
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Piece;

    #[test]
    fn blank_lines_separate_blocks_crlf_too() {
        let t = "Kære Åse\r\nlinje to\r\n \r\n\r\nNy blok\n";
        let b = blocks(t, &[]);
        assert_eq!(b.len(), 2);
        let end = t.find(" to").unwrap() + 3;
        assert_eq!(b[0].pieces, vec![Piece::Source(0..end)]);
        let Piece::Source(r) = &b[1].pieces[0] else {
            panic!()
        };
        assert_eq!(&t[r.clone()], "Ny blok");
    }
}
