//! Invariants that hold for any text: spans on char boundaries and inside
//! the text, words inside their sentences, LIX finite or absent.

use klarbrev::{Format, score_text};
use proptest::prelude::*;

/// Text that is likely to hit the segmenter's corners: Danish letters,
/// terminators, quotes, digits, Markdown and Tera syntax, combining marks,
/// CRLF and odd whitespace.
fn letterish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Kære",
        "du",
        "Søren",
        "jf.",
        "bl.a.",
        "3.",
        "marts",
        "kl.",
        "10.30",
        "5.000",
        "kr.",
        "§",
        "–",
        "…",
        ".",
        ":",
        "!",
        "?",
        "»",
        "«",
        "(",
        ")",
        "\"",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        "\t",
        "\u{a0}",
        "e\u{301}",
        "a\u{30A}",
        "*",
        "**",
        "_",
        "#",
        "- ",
        "| ",
        "`",
        "```",
        "<b>",
        "[x](y)",
        "{{ navn }}",
        "{%",
        "%}",
        "{#",
        "#}",
        "{{",
        "}}",
        "---\n",
        "Æ",
        "ø",
        "Å",
        "\u{feff}",
        "\u{200d}",
        "👍🏽",
        "ﬁ",
        "De",
        "Dem",
        "såfremt",
        "i henhold",
        "til",
        "fremsender",
        "hermed",
        "İ",
        "ẞ",
        "-",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str, format: Format) {
    let Ok(a) = score_text(text, format) else {
        return; // bad front matter is an error, not a panic
    };
    let t = &a.document.text;
    let on = |i: usize| i <= t.len() && t.is_char_boundary(i);
    for w in &a.segmentation.words {
        assert!(on(w.span.start) && on(w.span.end) && w.span.start < w.span.end);
    }
    let mut last = 0;
    for s in &a.segmentation.sentences {
        assert!(on(s.span.start) && on(s.span.end) && s.span.start < s.span.end);
        assert!(s.span.start >= last, "sentences in order");
        last = s.span.end;
        assert!(s.words >= 1);
        for w in &a.segmentation.words[s.first_word..s.first_word + s.words as usize] {
            assert!(w.span.start >= s.span.start && w.span.end <= s.span.end);
        }
    }
    for f in &a.findings {
        assert!(on(f.span.start) && on(f.span.end) && f.span.start <= f.span.end);
        assert_eq!(&t[f.span.start..f.span.end], f.matched);
    }
    let m = &a.metrics;
    match m.lix {
        Some(lix) => assert!(lix.is_finite() && lix >= 0.0 && m.words > 0),
        None => assert_eq!(m.words, 0),
    }
    let words: u32 = a.segmentation.sentences.iter().map(|s| s.words).sum();
    assert_eq!(words as usize, m.words);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn invariants_hold_for_letterish_text(text in letterish()) {
        for format in [Format::Txt, Format::Markdown, Format::Tera, Format::TeraMarkdown] {
            check(&text, format);
        }
    }

    #[test]
    fn invariants_hold_for_any_string(text in any::<String>()) {
        for format in [Format::Txt, Format::Markdown, Format::Tera, Format::TeraMarkdown] {
            check(&text, format);
        }
    }
}

fn rewrite(text: &str, format: Format, min: klarbrev::Applicability) -> Option<(String, usize)> {
    let registry = klarbrev::Registry::embedded();
    let settings = klarbrev::Settings::default();
    let doc = klarbrev::Document::parse(text.to_string(), format).ok()?;
    let a = klarbrev::analysis::analyse(doc, registry, &settings);
    let fixed = klarbrev::rewrite::apply_fixes(a, registry, &settings, min).ok()?;
    Some((fixed.text, fixed.applied.len()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Applying all fixes twice changes nothing the second time, and a
    /// text without fixes comes back unchanged.
    #[test]
    fn rewriting_is_idempotent(text in letterish()) {
        for format in [Format::Txt, Format::Markdown] {
            for min in [klarbrev::Applicability::Safe, klarbrev::Applicability::Unsafe] {
                let Some((once, applied)) = rewrite(&text, format, min) else { continue };
                if applied == 0 {
                    prop_assert_eq!(&once, &text);
                }
                let (twice, again) = rewrite(&once, format, min).expect("a rewrite parses");
                prop_assert_eq!(again, 0, "{:?} → {:?}", text, once);
                prop_assert_eq!(twice, once);
            }
        }
    }
}

/// A letter of sentences with facts in them, each sentence filled with
/// random numbers.
fn letter_with_facts() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        (1u32..=28, 1u32..=12, 2020i32..=2030).prop_map(|(day, month, y)| {
            let date = klarbrev::facts::Date {
                year: Some(y),
                month,
                day,
            };
            let written = klarbrev::facts::plain_date(date).unwrap_or_default();
            format!("Vi ses til en samtale den {written}.")
        }),
        (1u32..=28, 1u32..=12, 2020u32..=2030)
            .prop_map(|(d, m, y)| format!("Svar senest den {d:02}.{m:02}.{y}.")),
        (8u32..=15, 0u32..=5).prop_map(|(h, q)| format!("Mødet er kl. {h}.{:02}.", q * 10)),
        (10u32..=99_999, 0u32..=99).prop_map(|(k, o)| format!("Du får {k},{o:02} kr. om måneden.")),
        (10_000_000u32..=99_999_999).prop_map(|n| format!("Ring på {n}.")),
        (1u32..=99, 1u32..=9).prop_map(|(p, s)| format!("Det står i aktivloven § {p}, stk. {s}.")),
        (1u32..=60).prop_map(|n| format!("Du kan klage inden {n} uger.")),
        (1u32..=99).prop_map(|n| format!("Vi trækker {n} % af hjælpen.")),
        Just("Har du spørgsmål, er du velkommen til at kontakte os.".to_string()),
    ];
    prop::collection::vec(sentence, 1..8).prop_map(|s| s.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any single change of one digit inside a fact is reported by the
    /// fact gate as changed or lost.
    #[test]
    fn the_gate_reports_any_digit_changed_inside_a_fact(
        letter in letter_with_facts(),
        pick in any::<prop::sample::Index>(),
        bump in 1u32..=9,
    ) {
        use klarbrev::facts::{compare, extract};
        let before = extract(&letter, &[]);
        prop_assume!(!before.is_empty());
        let digits: Vec<usize> = before
            .iter()
            .flat_map(|f| (f.span.start..f.span.end).filter(|&i| letter.as_bytes()[i].is_ascii_digit()))
            .collect();
        prop_assume!(!digits.is_empty());
        let at = digits[pick.index(digits.len())];
        let old = (letter.as_bytes()[at] - b'0') as u32;
        let new = char::from_digit((old + bump) % 10, 10).unwrap();
        let mut edited = letter.clone();
        edited.replace_range(at..at + 1, &new.to_string());
        let c = compare(&before, &extract(&edited, &[]));
        prop_assert!(!c.all_kept(), "{letter:?} → {edited:?}: {c:?}");
    }
}
