//! Pieces of the lexicon that build.rs uses too, when it compiles the
//! shipped lexicon ahead: this file therefore uses nothing from the crate.

use std::collections::BTreeMap;

/// Every distinct normalized form, with the (entry, form) pairs that share
/// it. Its order is the automaton's pattern order.
pub type Patterns = BTreeMap<String, Vec<(u32, u32)>>;

/// Adds one form of an entry to the pattern table (an empty form adds
/// nothing).
pub fn add_pattern(patterns: &mut Patterns, form: &str, entry: u32, index: u32) {
    let key = normalize_form(form);
    if !key.is_empty() {
        patterns.entry(key).or_default().push((entry, index));
    }
}

/// One Aho-Corasick automaton over the table's forms; each pattern's value
/// is its position in the table. Fails only for an empty or absurdly large
/// table.
pub fn compile(patterns: &Patterns) -> Option<daachorse::DoubleArrayAhoCorasick<u32>> {
    automaton(patterns.keys().map(String::as_str))
}

/// An automaton that reports every match, overlapping ones too, with the
/// pattern's position in `patterns` as its value.
pub fn automaton<'a>(
    patterns: impl IntoIterator<Item = &'a str>,
) -> Option<daachorse::DoubleArrayAhoCorasick<u32>> {
    daachorse::DoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::Standard)
        .build_with_values(patterns.into_iter().enumerate().map(|(i, k)| (k, i as u32)))
        .ok()
}

/// A form as the automaton sees it: lower case, single spaces.
pub fn normalize_form(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for word in form.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(lower));
    }
    out
}

/// Lower case where that keeps the char's UTF-8 length (so offsets in a
/// normalized text map back one to one); other chars are kept as they are.
#[inline]
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if !c.is_uppercase() {
        return c;
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Finds the line on which a key's value was written in a YAML file,
/// searching forward.
pub struct LineFinder<'a> {
    lines: Vec<&'a str>,
}

impl<'a> LineFinder<'a> {
    pub fn new(text: &'a str) -> Self {
        LineFinder {
            lines: text.lines().collect(),
        }
    }

    /// The first 1-based line from `from` on that has `key` followed by
    /// `value` (quoted or not); `from` itself if none does.
    pub fn find(&self, key: &str, value: &str, from: usize) -> usize {
        for (i, line) in self.lines.iter().enumerate().skip(from.saturating_sub(1)) {
            if let Some(pos) = line.find(key) {
                let rest = line[pos + key.len()..].trim_start();
                let rest = rest.trim_start_matches(['"', '\'']);
                if rest.starts_with(value) {
                    return i + 1;
                }
            }
        }
        from.max(1)
    }
}
