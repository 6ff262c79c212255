//! Fixes: how a replacement takes over the look of the text it replaces.

/// How a piece of the original is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Two or more letters, all capitals.
    AllCaps,
    /// A capital first letter.
    Leading,
    /// Anything else: the replacement is used as the lexicon wrote it.
    AsWritten,
}

pub fn case_of(original: &str) -> Case {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    match (letters.next(), letters.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => {
            if letters.all(char::is_uppercase) {
                Case::AllCaps
            } else {
                Case::Leading
            }
        }
        (Some(a), _) if a.is_uppercase() => Case::Leading,
        _ => Case::AsWritten,
    }
}

/// The replacement written the way the original was: ALL CAPS stays all
/// caps, a leading capital stays a leading capital, anything else is left
/// as the lexicon wrote it.
pub fn copy_case(original: &str, replacement: &str) -> String {
    in_case(case_of(original), replacement)
}

/// The replacement written in `case`.
pub fn in_case(case: Case, replacement: &str) -> String {
    match case {
        Case::AllCaps => replacement.to_uppercase(),
        Case::Leading => {
            let mut chars = replacement.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        Case::AsWritten => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_of_the_original_is_read_from_its_letters() {
        assert_eq!(case_of("fremsender"), Case::AsWritten);
        assert_eq!(case_of("»jf."), Case::AsWritten);
        assert_eq!(case_of("Endvidere"), Case::Leading);
        assert_eq!(case_of("»Ærgerligt«"), Case::Leading);
        assert_eq!(case_of("I henhold til"), Case::Leading);
        assert_eq!(case_of("I"), Case::Leading);
        assert_eq!(case_of("ENDVIDERE"), Case::AllCaps);
        assert_eq!(case_of("I HENHOLD TIL"), Case::AllCaps);
        assert_eq!(case_of("IHT. loven"), Case::Leading);
        assert_eq!(case_of("2026"), Case::AsWritten);
    }

    #[test]
    fn capitals_are_copied() {
        assert_eq!(copy_case("fremsender", "sender"), "sender");
        assert_eq!(copy_case("Endvidere", "desuden"), "Desuden");
        assert_eq!(copy_case("ENDVIDERE", "desuden"), "DESUDEN");
        assert_eq!(copy_case("Ærgerligt", "øv"), "Øv");
        assert_eq!(copy_case("I henhold til", "efter"), "Efter");
        // One capital letter is a capital, not all caps.
        assert_eq!(copy_case("I", "efter"), "Efter");
    }
}

/// A fix that was applied: where it was in the text it was applied to, and
/// what it changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub rule: String,
    pub span: crate::text::Span,
    pub original: String,
    pub replacement: String,
    pub applicability: crate::diagnostic::Applicability,
}

/// Applies every fix at least as trusted as `min` to `text`, keeping every
/// byte outside the fixed spans. Fixes are taken in text order; a fix that
/// overlaps one already taken is left out.
pub fn apply(
    text: &str,
    findings: &[crate::diagnostic::Finding],
    min: crate::diagnostic::Applicability,
) -> (String, Vec<Applied>) {
    let mut chosen: Vec<Applied> = Vec::new();
    let mut end = 0;
    let mut sorted: Vec<&crate::diagnostic::Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (f.span.start, f.span.end));
    for f in sorted {
        let Some(fix) = f.fixes.iter().find(|x| x.applicability >= min) else {
            continue;
        };
        if f.span.is_empty() || f.span.start < end {
            continue;
        }
        end = f.span.end;
        chosen.push(Applied {
            rule: f.rule.to_string(),
            span: f.span,
            original: f.matched.clone(),
            replacement: fix.replacement.to_string(),
            applicability: fix.applicability,
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for a in &chosen {
        out.push_str(&text[at..a.span.start]);
        out.push_str(&a.replacement);
        at = a.span.end;
    }
    out.push_str(&text[at..]);
    (out, chosen)
}
