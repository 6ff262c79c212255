//! Fixes: how a replacement takes over the look of the text it replaces.

/// The replacement written the way the original was: ALL CAPS stays all
/// caps, a leading capital stays a leading capital, anything else is left
/// as the lexicon wrote it.
pub fn copy_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_caps {
        return replacement.to_uppercase();
    }
    let first_upper = original
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if first_upper {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
