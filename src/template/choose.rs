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

/// At least this many whole-word cue hits before `auto` picks a template;
/// below it, or on a tie, klarbrev refuses and names the closest ones.
pub const MIN_CUE_SCORE: usize = 2;

/// A template's claim on a letter: how many of its cues the letter has
/// (whole words), and which, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    pub name: String,
    pub score: usize,
    /// The cues as a reader sees them: »samtale« 2×.
    pub cues: Vec<String>,
    /// The cue found most often, as the template spells it.
    #[serde(skip)]
    pub top_cue: String,
}

impl Candidate {
    /// »indkaldelse (3: »samtale« 2×, »indkaldes«)«.
    pub fn describe(&self) -> String {
        format!("{} ({}: {})", self.name, self.score, self.cues.join(", "))
    }
}

/// Per template, its cues found in `original` with their counts, most
/// frequent first.
fn cue_counts(original: &str) -> Result<Vec<Vec<(String, usize)>>, TemplateError> {
    let index = cue_index()?;
    let text = normalize_form(original);
    let mut counts = vec![0usize; index.texts.len()];
    if let Some(a) = &index.automaton {
        for m in a.find_overlapping_iter(&text) {
            let whole = !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if whole && let Some(n) = counts.get_mut(m.value() as usize) {
                *n += 1;
            }
        }
    }
    let mut out: Vec<Vec<(String, usize)>> = vec![Vec::new(); Template::all()?.len()];
    for (t, k, cue) in &index.cues {
        if counts[*k] > 0 {
            out[*t].push((cue.clone(), counts[*k]));
        }
    }
    for c in &mut out {
        c.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    Ok(out)
}

/// Every template with at least one cue in `original`, best first.
pub fn ranking(original: &str) -> Result<Vec<Candidate>, TemplateError> {
    let all = Template::all()?;
    let mut out: Vec<Candidate> = cue_counts(original)?
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| Candidate {
            name: all[i].name.clone(),
            top_cue: c[0].0.clone(),
            score: c.iter().map(|(_, n)| n).sum(),
            cues: c
                .iter()
                .map(|(cue, n)| {
                    if *n > 1 {
                        format!("»{cue}« {n}×")
                    } else {
                        format!("»{cue}«")
                    }
                })
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// The candidate `auto` picks from a ranking: the best, if it has at
/// least [`MIN_CUE_SCORE`] hits and more than the next.
pub fn chosen(ranked: &[Candidate]) -> Option<&Candidate> {
    let best = ranked.first()?;
    let tie = ranked.get(1).is_some_and(|c| c.score == best.score);
    (best.score >= MIN_CUE_SCORE && !tie).then_some(best)
}

/// The template whose cues occur most often in `original` as whole words,
/// with the top three candidates (the chosen one first). Refused, naming
/// the closest, when [`chosen`] picks none.
pub fn choose(original: &str) -> Result<(Template, Vec<Candidate>), TemplateError> {
    let mut ranked = ranking(original)?;
    ranked.truncate(3);
    match chosen(&ranked) {
        Some(best) => Ok((Template::named(&best.name)?, ranked)),
        None => {
            let closest = if ranked.is_empty() {
                "ingen".to_string()
            } else {
                ranked
                    .iter()
                    .map(Candidate::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            Err(TemplateError::NoMatch(closest, Template::names()))
        }
    }
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
        let (t, ranked) = choose("De indkaldes hermed til en jobsamtale.").unwrap();
        assert_eq!(t.letter_type, "indkaldelse");
        assert_eq!(ranked[0].name, "indkaldelse");
        assert_eq!(ranked[0].score, 2);
        assert!(choose("Hej med dig.").is_err());
    }

    #[test]
    fn cues_count_as_whole_words_and_weak_or_tied_letters_are_refused() {
        // »fraflyttet« is not »flyttet«.
        let r = ranking("Du er fraflyttet kommunen.").unwrap();
        assert!(r.iter().all(|c| c.name != "aflysning-flytning"), "{r:?}");
        // One cue is too little to rewrite a whole letter.
        let e = choose("Vi skal tale om din samtale.").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("indkaldelse (1: »samtale«)"), "{msg}");
        // A tie is refused and both are named.
        let e = choose("Mødet er aflyst. Du får afslag.")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("aflysning-flytning") && e.contains("afgoerelse-afslag"),
            "{e}"
        );
    }
}
