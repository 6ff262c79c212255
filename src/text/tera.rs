//! Tera tags in letter templates. `{{ … }}` stands for a value the letter
//! will contain (a name, a date), so it counts as one word without letters;
//! `{% … %}` and `{# … #}` are template logic and comments, never text.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `{{ … }}`: a placeholder for a value.
    Expr,
    /// `{% … %}`: a statement (if, for, include, …).
    Stmt,
    /// `{# … #}`: a template comment.
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub range: Range<usize>,
    pub kind: TagKind,
}

impl Tag {
    /// The tag's content without delimiters and whitespace control marks.
    pub fn inner<'a>(&self, text: &'a str) -> &'a str {
        let s = &text[self.range.start + 2..self.range.end - 2];
        s.trim_matches('-').trim()
    }
}

/// Finds every Tera tag in `text`, in order and without overlaps. An opening
/// delimiter that is never closed is left as plain text, as is everything
/// between `{% raw %}` and `{% endraw %}`.
pub fn scan(text: &str) -> Vec<Tag> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    let mut in_raw = false;
    while let Some(pos) = find_open(bytes, i) {
        let (kind, close) = match bytes[pos + 1] {
            b'{' => (TagKind::Expr, "}}"),
            b'%' => (TagKind::Stmt, "%}"),
            _ => (TagKind::Comment, "#}"),
        };
        let Some(rel) = text[pos + 2..].find(close) else {
            break;
        };
        let tag = Tag {
            range: pos..pos + 2 + rel + 2,
            kind,
        };
        let inner = tag.inner(text);
        if in_raw {
            if kind == TagKind::Stmt && inner == "endraw" {
                in_raw = false;
                i = tag.range.end;
                tags.push(tag);
            } else {
                i = pos + 2;
            }
            continue;
        }
        if kind == TagKind::Stmt && inner == "raw" {
            in_raw = true;
        }
        i = tag.range.end;
        tags.push(tag);
    }
    tags
}

fn find_open(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#') {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A copy of `text` in which every tag is overwritten byte for byte by
/// letters (newlines kept), so a Markdown parser sees each tag as an ordinary
/// word and every offset stays the same.
pub fn mask(text: &str, tags: &[Tag]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for tag in tags {
        for b in &mut bytes[tag.range.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b'x';
            }
        }
    }
    // Every tag starts and ends on an ASCII delimiter, so whole chars were
    // replaced by ASCII and the result is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TagKind)> {
        scan(text)
            .into_iter()
            .map(|t| (&text[t.range], t.kind))
            .collect()
    }

    #[test]
    fn finds_all_three_kinds() {
        let t = "Kære {{ navn }}{# hilsen #}\n{% if frist %}Svar senest {{ frist }}.{% endif %}";
        assert_eq!(
            kinds(t),
            vec![
                ("{{ navn }}", TagKind::Expr),
                ("{# hilsen #}", TagKind::Comment),
                ("{% if frist %}", TagKind::Stmt),
                ("{{ frist }}", TagKind::Expr),
                ("{% endif %}", TagKind::Stmt),
            ]
        );
    }

    #[test]
    fn unclosed_tag_is_text() {
        assert!(scan("Pris {{ 5 kr").is_empty());
        assert_eq!(scan("{ ikke et tag }").len(), 0);
    }

    #[test]
    fn raw_blocks_keep_their_content_as_text() {
        let t = "{% raw %}Skriv {{ navn }} her{%- endraw -%} og {{ x }}";
        assert_eq!(
            kinds(t),
            vec![
                ("{% raw %}", TagKind::Stmt),
                ("{%- endraw -%}", TagKind::Stmt),
                ("{{ x }}", TagKind::Expr),
            ]
        );
    }

    #[test]
    fn mask_keeps_offsets_and_newlines() {
        let t = "Hej {{ æ\nø }} du";
        let m = mask(t, &scan(t));
        assert_eq!(m.len(), t.len());
        assert!(m.starts_with("Hej xxxxx"));
        assert!(m.contains('\n'));
        assert!(m.ends_with(" du"));
    }
}
