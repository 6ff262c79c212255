//! Word fields: simple ones (`w:fldSimple`) and complex ones (`w:fldChar`
//! begin … separate … end, with the instruction in `w:instrText` runs,
//! possibly nested). A merge field stands for a value the letter is filled
//! with, so it becomes a placeholder by name instead of its shown result;
//! any other field shows only its result. This file owns that state and
//! the question it decides: whether text read now is shown.

use quick_xml::events::BytesStart;

use super::parser::Parser;
use super::xml::attribute;

/// A complex field (`w:fldChar begin` … `end`) being read.
#[derive(Debug, Default)]
pub(super) struct Field {
    pub(super) instruction: String,
    /// Past `separate`: the shown result follows.
    pub(super) in_result: bool,
    /// A merge field: its result is replaced by a placeholder.
    merge: bool,
}

impl Parser {
    pub(super) fn field_char(&mut self, e: &BytesStart) -> Result<(), String> {
        match attribute(e, b"fldCharType")?.as_deref() {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                let outer = self.fields.len().saturating_sub(1);
                let visible = self.visible_within(outer);
                if let Some(field) = self.fields.last_mut() {
                    if !field.in_result {
                        field.in_result = true;
                        if let Some(name) = merge_field_name(&field.instruction) {
                            field.merge = true;
                            if visible {
                                self.push_field(name);
                            }
                        }
                    }
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    // A merge field without a shown result still stands for
                    // its value.
                    if !field.in_result && self.visible_within(self.fields.len()) {
                        if let Some(name) = merge_field_name(&field.instruction) {
                            self.push_field(name);
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether text read now is shown in the document.
    pub(super) fn visible(&self) -> bool {
        self.visible_within(self.fields.len())
    }

    /// Whether text is shown, counting only the outermost `fields` complex
    /// fields.
    fn visible_within(&self, fields: usize) -> bool {
        !self.hidden.last().copied().unwrap_or(false)
            && !self.simple_fields.iter().any(|&hides| hides)
            && self.fields[..fields.min(self.fields.len())]
                .iter()
                .all(|f| f.in_result && !f.merge)
    }
}

/// The field name of a `MERGEFIELD` instruction (` MERGEFIELD Navn \*
/// MERGEFORMAT `, or a quoted name), `None` for any other field.
pub(super) fn merge_field_name(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start();
    let keyword_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (keyword, rest) = rest.split_at(keyword_end);
    if !keyword.eq_ignore_ascii_case("MERGEFIELD") {
        return None;
    }
    let rest = rest.trim_start();
    let name = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest
            .split_whitespace()
            .next()
            .filter(|n| !n.starts_with('\\'))
            .unwrap_or_default(),
    };
    let name = name
        .split(|c: char| c.is_whitespace() || c == '«' || c == '»')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(name)
}

#[cfg(test)]
mod tests {
    use crate::text::Piece;
    use crate::text::docx::testing::{blocks, counts, read_body};

    #[test]
    fn simple_merge_field_is_one_placeholder_word() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Fornavn \* MERGEFORMAT "><w:r><w:rPr><w:noProof/></w:rPr><w:t>«Fornavn»</w:t></w:r></w:fldSimple><w:r><w:t>,</w:t></w:r></w:p>"#,
        );
        assert_eq!(doc.text, "Kære «Fornavn»,");
        assert_eq!(
            doc.blocks[0].pieces,
            vec![
                Piece::Source(0..6),
                Piece::Placeholder(6..17),
                Piece::Source(17..18)
            ]
        );
        let (words, sentences) = counts(&doc);
        assert_eq!(words, vec![("Kære".into(), 4), ("«Fornavn»".into(), 0)]);
        assert_eq!(sentences, vec![2]);
    }

    #[test]
    fn complex_merge_field_is_one_placeholder_word() {
        let doc = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Vi har modtaget din ansøgning om </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r><w:r><w:instrText xml:space="preserve">FIELD  "Ydelse type" \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Ydelse</w:t></w:r><w:r><w:t xml:space="preserve"> type»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:t xml:space="preserve"> den </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD Dato</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>. Side </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            blocks(&doc),
            vec!["Vi har modtaget din ansøgning om [«Ydelse type»] den [«Dato»]. Side 2."]
        );
        let (words, sentences) = counts(&doc);
        let letters: Vec<u32> = words.iter().map(|w| w.1).collect();
        assert_eq!(letters, vec![2, 3, 8, 3, 9, 2, 0, 3, 0, 4, 0]);
        assert_eq!(sentences, vec![9, 2]);
    }

    #[test]
    fn nested_fields_show_only_their_result() {
        // { IF { MERGEFIELD Køn } = "K" "Kære fru" "Kære hr." }
        let doc = read_body(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD Køn</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Køn»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = "K" "Kære fru" "Kære hr." </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Kære hr.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Jensen</w:t></w:r></w:p>"#,
        );
        assert_eq!(blocks(&doc), vec!["Kære hr. Jensen"]);
    }
}
