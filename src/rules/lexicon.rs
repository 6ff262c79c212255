//! The lexicon as a source of rules: every entry of `lexicon/*.yaml` is one
//! rule, and its hits in a letter's prose are its findings. The entries'
//! own tests are their `examples` and `near_misses`, run by
//! `klarbrev lexicon check` and the test suite.

use super::{Context, Registry};
use crate::diagnostic::{Applicability, Finding, Text};
use crate::fix::{Case, case_of, in_case};
use crate::lexicon::Hit;

/// Adds the findings of the switched-on entries. A `once` entry is reported
/// at its first hit only: a term is explained once.
pub fn check(registry: &Registry, cx: &Context<'_>, found: &mut Vec<Finding>) {
    let lexicon = registry.lexicon();
    let mask = registry.lexicon_mask(cx.settings);
    let hits = lexicon.find(cx.document, cx.segmentation, &mask);
    let entries = lexicon.entries();
    let mut seen = vec![false; entries.len()];
    found.reserve(hits.len());
    for hit in hits {
        if entries[hit.entry].once && std::mem::replace(&mut seen[hit.entry], true) {
            continue;
        }
        if let Some(f) = finding(registry, cx, hit) {
            found.push(f);
        }
    }
}

fn finding(registry: &Registry, cx: &Context<'_>, hit: Hit) -> Option<Finding> {
    let entry = registry.lexicon().entries().get(hit.entry)?;
    let meta = registry.entry_meta(hit.entry)?;
    let form = entry.forms.get(hit.form)?;
    let matched = hit.span.slice(&cx.document.text);
    let finding = meta.finding(hit.span, matched);
    match (&form.replacement, entry.applicability) {
        (Some(r), a) if a > Applicability::Display => {
            // An entry that must match its case exactly (»De« → »du«)
            // already says how its replacement is written.
            let case = if entry.match_case {
                Case::AsWritten
            } else {
                case_of(matched)
            };
            let replacement: Text = match case {
                Case::AsWritten => r.clone(),
                case => in_case(case, r).into(),
            };
            // Inside a compound the rest of the word may not fit the
            // replacement: a human decides.
            let applicability = if hit.in_compound {
                a.min(Applicability::Unsafe)
            } else {
                a
            };
            Some(finding.with_fix(replacement, applicability))
        }
        _ => Some(finding),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    #[test]
    fn a_disabled_entry_or_category_finds_nothing() {
        let text = "Vi fremsender hermed afgørelsen om sanktion.";
        let all = rules_for(text, &Settings::default());
        assert!(
            all.contains(&"kancellisprog/fremsende".to_string()),
            "{all:?}"
        );
        for off in ["fremsende", "kancellisprog/fremsende", "kancellisprog"] {
            let s = Settings {
                disable: vec![off.into()],
                ..Settings::default()
            };
            let found = rules_for(text, &s);
            assert!(
                !found.contains(&"kancellisprog/fremsende".to_string()),
                "{off}: {found:?}"
            );
        }
    }
}
