//! Checks a set of lexicon entries for the mistakes that would make the
//! lexicon lie: duplicate ids, a form claimed by two entries, a fix without
//! a replacement, a replacement the lexicon itself would flag, an example
//! that does not trigger its entry, a near miss that does. Each problem
//! names the file and line.

use std::collections::HashMap;

use super::schema::{Entry, Origin};
use super::{Lexicon, normalize_form};
use crate::diagnostic::Applicability;

/// One thing wrong in the lexicon data: like a file that cannot be read,
/// a message at a file and line.
pub type Problem = super::schema::SchemaError;

/// Every problem of `entries`, sorted by file and line.
pub fn check(entries: &[Entry]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |origin: &Origin, line: usize, message: String| {
        problems.push(Problem {
            origin: Origin {
                file: origin.file.clone(),
                line,
            },
            message,
        })
    };
    let mut ids: HashMap<&str, &Entry> = HashMap::new();
    let mut forms: HashMap<String, &Entry> = HashMap::new();
    for e in entries {
        let at = e.origin.line;
        if !is_id(&e.id) {
            push(
                &e.origin,
                at,
                format!(
                    "id »{}« må kun have små bogstaver a-z, cifre og bindestreg",
                    e.id
                ),
            );
        }
        if !is_id(&e.category) {
            push(
                &e.origin,
                at,
                format!(
                    "kategorien »{}« må kun have små bogstaver a-z, cifre og bindestreg",
                    e.category
                ),
            );
        }
        if let Some(first) = ids.insert(&*e.id, e) {
            push(
                &e.origin,
                at,
                format!("id »{}« er allerede brugt i {}", e.id, first.origin),
            );
        }
        if e.message.trim().is_empty() {
            push(&e.origin, at, "opslaget mangler en besked (message)".into());
        }
        if e.category == "fagord" && e.explanation.as_deref().is_none_or(|x| x.trim().is_empty()) {
            push(
                &e.origin,
                at,
                "et fagord skal have en forklaring (explanation)".into(),
            );
        }
        if e.examples.is_empty() {
            push(
                &e.origin,
                at,
                "opslaget har intet eksempel (examples)".into(),
            );
        }
        if e.forms.is_empty() {
            push(&e.origin, at, "opslaget har ingen former (forms)".into());
        }
        for f in &e.forms {
            let key = normalize_form(&f.form);
            if key.is_empty() || f.form.trim() != f.form {
                push(
                    &e.origin,
                    f.line,
                    format!("formen »{}« er tom eller har mellemrum i enderne", f.form),
                );
                continue;
            }
            match forms.get(&key) {
                Some(other) if std::ptr::eq(*other, e) => push(
                    &e.origin,
                    f.line,
                    format!("formen »{}« står to gange i opslaget", f.form),
                ),
                Some(other) => push(
                    &e.origin,
                    f.line,
                    format!(
                        "formen »{}« hører også til »{}« ({})",
                        f.form,
                        other.rule(),
                        other.origin
                    ),
                ),
                None => {
                    forms.insert(key, e);
                }
            }
            match (e.applicability, &f.replacement) {
                (Applicability::Safe | Applicability::Unsafe, None) => push(
                    &e.origin,
                    f.line,
                    format!(
                        "formen »{}« har ingen erstatning (replacement), men opslaget er {}",
                        f.form,
                        e.applicability.id()
                    ),
                ),
                (Applicability::Display, Some(r)) => push(
                    &e.origin,
                    f.line,
                    format!(
                        "formen »{}« har erstatningen »{r}«, men opslaget er display (kun forklaring)",
                        f.form
                    ),
                ),
                _ => {}
            }
        }
    }

    let lexicon = Lexicon::new(entries.to_vec());
    for e in entries {
        let rule = e.rule();
        for example in &e.examples {
            if !rules_in(&lexicon, example).contains(&rule) {
                push(
                    &e.origin,
                    e.origin.line,
                    format!("eksemplet »{example}« giver intet fund for opslaget"),
                );
            }
        }
        for near in &e.near_misses {
            if rules_in(&lexicon, near).contains(&rule) {
                push(
                    &e.origin,
                    e.origin.line,
                    format!("near miss »{near}« giver alligevel et fund for opslaget"),
                );
            }
        }
        for f in &e.forms {
            let Some(r) = &f.replacement else { continue };
            let caught = rules_in(&lexicon, r);
            if let Some(by) = caught.first() {
                push(
                    &e.origin,
                    f.line,
                    format!(
                        "erstatningen »{r}« for »{}« bliver selv fanget af »{by}«",
                        f.form
                    ),
                );
            }
        }
    }
    problems
        .sort_by(|a, b| (&*a.origin.file, a.origin.line).cmp(&(&*b.origin.file, b.origin.line)));
    problems
}

fn rules_in(lexicon: &Lexicon, text: &str) -> Vec<String> {
    lexicon
        .rules_in(text)
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::schema::parse_file;

    const GOOD: &str = r#"category: kancellisprog
entries:
  - id: fremsende
    severity: warning
    applicability: safe
    message: "Skriv »sende«."
    forms:
      - { form: fremsende, replacement: sende }
      - { form: fremsender, replacement: sender }
    examples:
      - "Vi fremsender brevet."
    near_misses:
      - "Fremsendelsen er sket."
"#;

    fn problems(yaml: &str) -> Vec<String> {
        check(&parse_file("t.yaml", yaml).unwrap())
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn a_good_entry_has_no_problems() {
        assert_eq!(problems(GOOD), Vec::<String>::new());
    }

    #[test]
    fn every_kind_of_problem_names_file_and_line() {
        let extra = r#"  - id: fremsende
    severity: warning
    applicability: safe
    message: "Dobbelt."
    forms:
      - { form: FREMSENDER, replacement: sender }
      - { form: tilsende }
      - { form: erholde, replacement: fremsende }
    examples:
      - "Her står intet."
    near_misses:
      - "Vi fremsender det."
"#;
        let p = problems(&format!("{GOOD}{extra}"));
        let has = |needle: &str| p.iter().any(|x| x.contains(needle));
        assert!(
            has("t.yaml:14: id »fremsende« er allerede brugt i t.yaml:3"),
            "{p:#?}"
        );
        assert!(
            has(
                "t.yaml:19: formen »FREMSENDER« hører også til »kancellisprog/fremsende« (t.yaml:3)"
            ),
            "{p:#?}"
        );
        assert!(
            has("t.yaml:20: formen »tilsende« har ingen erstatning"),
            "{p:#?}"
        );
        assert!(
            has("t.yaml:21: erstatningen »fremsende« for »erholde« bliver selv fanget"),
            "{p:#?}"
        );
        assert!(
            has("eksemplet »Her står intet.« giver intet fund"),
            "{p:#?}"
        );
        assert!(
            has("near miss »Vi fremsender det.« giver alligevel et fund"),
            "{p:#?}"
        );
    }

    #[test]
    fn display_entries_take_no_replacement_and_fagord_need_explanations() {
        let yaml = r#"category: fagord
entries:
  - id: sanktion
    severity: info
    applicability: display
    message: "Forklar ordet."
    forms:
      - { form: sanktion, replacement: straf }
    examples:
      - "Du får en sanktion."
"#;
        let p = problems(yaml);
        assert!(
            p.iter().any(|x| x.contains("men opslaget er display")),
            "{p:#?}"
        );
        assert!(
            p.iter().any(|x| x.contains("skal have en forklaring")),
            "{p:#?}"
        );
    }
}

#[cfg(test)]
mod shipped {
    /// The shipped lexicon passes its own check, so the data can never rot.
    #[test]
    fn shipped_lexicon_has_no_problems() {
        let entries =
            crate::lexicon::embedded_entries_from_yaml().expect("embedded lexicon parses");
        let problems = super::check(&entries);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            problems.is_empty(),
            "{} problemer:\n{}",
            problems.len(),
            text.join("\n")
        );
    }
}
