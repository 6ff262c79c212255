//! Choosing a template for an original: every template lists cues (words
//! that recognise a letter of its type), and the template whose cues occur
//! most often in the original is the one to rewrite it with.

use super::{Template, TemplateError};
use crate::lexicon::normalize_form;

/// All templates' cues, compiled once: one automaton over the distinct
/// normalized cue texts, and for each template its cues as indexes into
/// them.
struct CueIndex {
    automaton: Option<daachorse::DoubleArrayAhoCorasick<u32>>,
    texts: Vec<String>,
    /// (template, index into `texts`, the cue as the template spells it).
    cues: Vec<(usize, usize, String)>,
}

fn cue_index() -> Result<&'static CueIndex, TemplateError> {
    static INDEX: std::sync::OnceLock<CueIndex> = std::sync::OnceLock::new();
    let all = Template::all()?;
    Ok(INDEX.get_or_init(|| {
        let mut texts: Vec<String> = all
            .iter()
            .flat_map(|t| t.cues.iter().map(|c| normalize_form(c)))
            .filter(|c| !c.is_empty())
            .collect();
        texts.sort_unstable();
        texts.dedup();
        let cues = all
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.cues.iter().map(move |c| (i, c)))
            .filter_map(|(i, c)| {
                let k = texts.binary_search(&normalize_form(c)).ok()?;
                Some((i, k, c.clone()))
            })
            .collect();
        let automaton = crate::lexicon::automaton(texts.iter().map(String::as_str));
        CueIndex {
            automaton,
            texts,
            cues,
        }
    }))
}

/// For every embedded template (in [`Template::all`] order): how often its
/// cues occur in `original`, and the cue that occurs most. One automaton
/// over all templates' cues reads the letter once.
pub fn cue_scores(original: &str) -> Result<Vec<(usize, Option<String>)>, TemplateError> {
    let index = cue_index()?;
    let mut counts = vec![0usize; index.texts.len()];
    if let Some(a) = &index.automaton {
        for m in a.find_overlapping_iter(normalize_form(original)) {
            if let Some(n) = counts.get_mut(m.value() as usize) {
                *n += 1;
            }
        }
    }
    let mut scores: Vec<(usize, Option<(usize, &str)>)> = vec![(0, None); Template::all()?.len()];
    for (t, k, cue) in &index.cues {
        let n = counts[*k];
        let slot = &mut scores[*t];
        slot.0 += n;
        if n > 0 && slot.1.is_none_or(|(b, _)| n > b) {
            slot.1 = Some((n, cue));
        }
    }
    Ok(scores
        .into_iter()
        .map(|(n, best)| (n, best.map(|(_, c)| c.to_string())))
        .collect())
}

/// The template whose cues occur most often in `original`, and the cue
/// that decided.
pub fn choose(original: &str) -> Result<(Template, String), TemplateError> {
    let all = Template::all()?;
    let mut best: Option<(usize, usize, String)> = None;
    for (i, (score, cue)) in cue_scores(original)?.into_iter().enumerate() {
        if let Some(cue) = cue {
            if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
                best = Some((score, i, cue));
            }
        }
    }
    best.map(|(_, i, c)| (all[i].clone(), c))
        .ok_or_else(|| TemplateError::NoMatch(Template::names()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_templates_parse_and_choose_by_cues() {
        let all = Template::all().unwrap();
        assert!(!all.is_empty());
        for t in all {
            assert!(!t.cues.is_empty(), "{}", t.name);
        }
        let (t, cue) = choose("De indkaldes hermed til en jobsamtale.").unwrap();
        assert_eq!(t.letter_type, "indkaldelse");
        assert!(!cue.is_empty());
        assert!(choose("Hej med dig.").is_err());
    }
}
