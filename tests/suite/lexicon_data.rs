//! The lexicon's data in canonical form, the way the typos project keeps its
//! dictionary: every `lexicon/*.yaml` lists its entries sorted by id (byte
//! order), no id is used twice in any file, no form is written twice (as the
//! matcher sees forms: case and spacing ignored), and no replacement is
//! flagged by the entry it comes from. One canonical order gives every new
//! entry one place to go, so a duplicate or a merge mistake shows in a diff.
//!
//! `KLARBREV_SORT_LEXICON=1 cargo test --test suite lexicon_data` writes a
//! sorted copy of each file that is out of order to a temporary folder: it
//! moves whole entries, with the comment and blank lines just above each,
//! and changes nothing else. Copy it over the file.

use std::collections::HashMap;
use std::path::PathBuf;

use klarbrev::analysis::analyse;
use klarbrev::fix::{Case, copy_case, in_case};
use klarbrev::lexicon::{Entry, Lexicon, normalize_form, schema};
use klarbrev::rules::{Registry, Settings};
use klarbrev::text::{Document, Format};

use super::root;

const SORT_VAR: &str = "KLARBREV_SORT_LEXICON";
const SORT_HINT: &str = "KLARBREV_SORT_LEXICON=1 cargo test --test suite lexicon_data";

/// One lexicon file as it is written in the repository.
struct File {
    /// `lexicon/<name>.yaml`, as problems name it.
    name: String,
    path: PathBuf,
    text: String,
    entries: Vec<Entry>,
}

/// Every `lexicon/*.yaml`, sorted by name, read with the strict schema.
fn files() -> Vec<File> {
    let dir = root().join("lexicon");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("lexicon/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = format!(
                "lexicon/{}",
                path.file_name().and_then(|n| n.to_str()).expect("UTF-8")
            );
            let text = std::fs::read_to_string(&path).expect("lexicon file");
            let entries = schema::parse_file(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            File {
                name,
                path,
                text,
                entries,
            }
        })
        .collect()
}

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(er) i leksikonet:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Order

/// Every entry that stands after an entry with a larger id, with where it
/// belongs.
fn order_problems(file: &str, entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, pair) in entries.windows(2).enumerate() {
        let (before, e) = (&pair[0], &pair[1]);
        if e.id.as_bytes() >= before.id.as_bytes() {
            continue;
        }
        // The first entry above it with a larger id is where it goes.
        let target = entries[..=i]
            .iter()
            .find(|t| t.id.as_bytes() > e.id.as_bytes())
            .unwrap_or(before);
        problems.push(format!(
            "{file}:{}: »{}« står efter »{}« (linje {}), men opslagene i en fil skal stå sorteret efter id (byteorden). \
             Flyt hele opslaget op foran »{}« (linje {}), eller kør `{SORT_HINT}`.",
            e.origin.line, e.id, before.id, before.origin.line, target.id, target.origin.line
        ));
    }
    problems
}

/// A lexicon file with its entries in canonical order: the text before the
/// first entry stays, then each entry, as written, with the comment and blank
/// lines just above it, sorted by id. `None` if the entries cannot be told
/// apart in the text (each must begin on its own `- id:` line, all at one
/// indentation).
fn canonical(text: &str, entries: &[Entry]) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let first = lines
        .iter()
        .position(|l| l.trim_start().starts_with("- id:"));
    let Some(first) = first else {
        return entries.is_empty().then(|| text.to_string());
    };
    let starts: Vec<usize> = (first..lines.len())
        .filter(|&i| {
            lines[i].trim_start().starts_with("- id:") && indent(lines[i]) == indent(lines[first])
        })
        .collect();
    if starts.len() != entries.len()
        || starts.iter().zip(entries).any(|(&s, e)| {
            let value = lines[s].trim_start()["- id:".len()..].trim();
            value.trim_matches(['"', '\'']) != e.id
        })
    {
        return None;
    }
    // A piece begins above its `- id:` line, at the comments and blank lines
    // that belong to it.
    let mut cuts = Vec::with_capacity(starts.len() + 1);
    for (k, &start) in starts.iter().enumerate() {
        let floor = if k == 0 { 0 } else { starts[k - 1] + 1 };
        let mut cut = start;
        while cut > floor && {
            let l = lines[cut - 1].trim();
            l.is_empty() || l.starts_with('#')
        } {
            cut -= 1;
        }
        cuts.push(cut);
    }
    cuts.push(lines.len());
    let mut pieces: Vec<(&str, String)> = entries
        .iter()
        .zip(cuts.windows(2))
        .map(|(e, w)| {
            let mut piece: String = lines[w[0]..w[1]].concat();
            if !piece.ends_with('\n') {
                piece.push('\n');
            }
            (&*e.id, piece)
        })
        .collect();
    pieces.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out: String = lines[..cuts[0]].concat();
    for (_, piece) in pieces {
        out.push_str(&piece);
    }
    Some(out)
}

#[test]
fn entries_are_sorted_by_id_in_each_file() {
    let sort = std::env::var_os(SORT_VAR).is_some();
    let mut problems = Vec::new();
    for file in files() {
        let found = order_problems(&file.name, &file.entries);
        if found.is_empty() {
            continue;
        }
        if !sort {
            problems.extend(found);
            continue;
        }
        match canonical(&file.text, &file.entries) {
            Some(sorted) => {
                // Tests never write into the repository: the sorted file
                // goes to a temporary folder for the developer to copy.
                let dir = std::env::temp_dir().join("klarbrev-sorteret-leksikon");
                std::fs::create_dir_all(&dir).expect("temporary folder");
                let to = dir.join(file.path.file_name().expect("file name"));
                std::fs::write(&to, sorted).expect("write sorted copy");
                problems.push(format!(
                    "{}: ikke sorteret; en sorteret udgave ligger i {} – kopiér den over filen",
                    file.name,
                    to.display()
                ));
            }
            None => problems.push(format!(
                "{}: kan ikke sortere filen automatisk: hvert opslag skal begynde på sin egen linje med »- id:«, alle med samme indrykning. Flyt opslagene i hånden.",
                file.name
            )),
        }
    }
    report(&problems);
}

// ---------------------------------------------------------------------------
// Duplicates

fn id_problems(files: &[(&str, &[Entry])]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (file, entries) in files {
        for e in *entries {
            let here = format!("{file}:{}", e.origin.line);
            if let Some(first) = seen.get(&*e.id) {
                problems.push(format!(
                    "{here}: id »{}« er også brugt i {first}. Et id skal være unikt på tværs af alle filer: \
                     giv det ene opslag et nyt id, eller slå de to opslag sammen.",
                    e.id
                ));
            } else {
                seen.insert(&e.id, here);
            }
        }
    }
    problems
}

fn form_problems(files: &[(&str, &[Entry])]) -> Vec<String> {
    let mut problems = Vec::new();
    // Normalised form → (file, entry, line) of its first appearance.
    let mut seen: HashMap<String, (&str, &Entry, usize)> = HashMap::new();
    for (file, entries) in files {
        for e in *entries {
            for f in &e.forms {
                let key = normalize_form(&f.form);
                match seen.get(&key) {
                    Some((_, first, line)) if std::ptr::eq(*first, e) => problems.push(format!(
                        "{file}:{}: formen »{}« står to gange i opslaget »{}« (også linje {line}), \
                         når store og små bogstaver og mellemrum ikke tæller. Slet den ene.",
                        f.line, f.form, e.id
                    )),
                    Some((first_file, first, line)) => problems.push(format!(
                        "{file}:{}: formen »{}« i opslaget »{}« står også i »{}« ({first_file}:{line}), \
                         når store og små bogstaver og mellemrum ikke tæller. En form hører til ét opslag: \
                         slet den fra det ene.",
                        f.line,
                        f.form,
                        e.rule(),
                        first.rule()
                    )),
                    None => {
                        seen.insert(key, (file, e, f.line));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn no_id_is_used_twice() {
    let files = files();
    let all: Vec<(&str, &[Entry])> = files
        .iter()
        .map(|f| (f.name.as_str(), f.entries.as_slice()))
        .collect();
    report(&id_problems(&all));
}

#[test]
fn no_form_is_written_twice() {
    let files = files();
    let all: Vec<(&str, &[Entry])> = files
        .iter()
        .map(|f| (f.name.as_str(), f.entries.as_slice()))
        .collect();
    report(&form_problems(&all));
}

// ---------------------------------------------------------------------------
// Cycles

/// Every replacement its own entry would flag again: a fix that would need
/// fixing. The replacement is tried as the fix would write it (the case of
/// the original copied: as written, with a capital, in capitals; for a
/// `match_case` entry only the form's own case), alone in a sentence and in
/// the middle of one. `lexicon` holds every entry (with `once` off, so no
/// hit hides another); where a hit of another entry overlaps a replacement
/// and could hide one of this entry, the entry is tried alone.
fn cycle_problems(file: &str, entry: &Entry, registry: &Registry) -> Vec<String> {
    // All the replacements of the entry in one text, one per paragraph;
    // each range remembers its form.
    let mut text = String::new();
    let mut ranges: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (index, f) in entry.forms.iter().enumerate() {
        let Some(r) = &f.replacement else { continue };
        let mut variants = if entry.match_case {
            vec![copy_case(&f.form, r)]
        } else {
            vec![
                r.to_string(),
                in_case(Case::Leading, r),
                in_case(Case::AllCaps, r),
            ]
        };
        variants.dedup();
        for v in &variants {
            for (before, after) in [("", ""), ("Så ", " nu.")] {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(before);
                ranges.push((text.len()..text.len() + v.len(), index));
                text.push_str(v);
                text.push_str(after);
            }
        }
    }
    if ranges.is_empty() {
        return Vec::new();
    }
    let doc = Document::parse(text, Format::Txt).expect("document");
    let mut analysis = analyse(doc.clone(), registry, &Settings::default());
    let inside = |span: &klarbrev::Span, r: &std::ops::Range<usize>| {
        r.start <= span.start && span.end <= r.end
    };
    let hidden = analysis.findings.iter().any(|finding| {
        *finding.rule != *entry.rule_id
            && ranges
                .iter()
                .any(|(r, _)| finding.span.start < r.end && r.start < finding.span.end)
    });
    if hidden {
        let alone = Registry::new(Lexicon::new(vec![Entry {
            once: false,
            ..entry.clone()
        }]));
        analysis = analyse(doc, &alone, &Settings::default());
    }
    let mut caught: Vec<(usize, &str)> = analysis
        .findings
        .iter()
        .filter(|finding| *finding.rule == *entry.rule_id)
        .filter_map(|finding| {
            ranges
                .iter()
                .find(|(r, _)| inside(&finding.span, r))
                .map(|(_, index)| (*index, finding.matched.as_str()))
        })
        .collect();
    caught.sort_by_key(|(index, _)| *index);
    caught.dedup_by_key(|(index, _)| *index);
    caught
        .into_iter()
        .map(|(index, matched)| {
            let f = &entry.forms[index];
            format!(
                "{file}:{}: erstatningen »{}« for »{}« bliver selv fanget af opslaget »{}« (som »{matched}«), \
                 så rettelsen skulle rettes igen. Vælg en erstatning, opslaget ikke fanger, \
                 eller gør formen mere præcis.",
                f.line,
                f.replacement.as_deref().unwrap_or_default(),
                f.form,
                entry.id,
            )
        })
        .collect()
}

/// One lexicon of the files' entries, each hit reported (`once` off).
fn every_entry(files: &[File]) -> Lexicon {
    Lexicon::new(
        files
            .iter()
            .flat_map(|f| &f.entries)
            .map(|e| Entry {
                once: false,
                ..e.clone()
            })
            .collect(),
    )
}

#[test]
fn no_replacement_is_flagged_by_its_own_entry() {
    let files = files();
    let registry = Registry::new(every_entry(&files));
    let mut problems = Vec::new();
    for file in &files {
        for e in &file.entries {
            problems.extend(cycle_problems(&file.name, e, &registry));
        }
    }
    report(&problems);
}

// ---------------------------------------------------------------------------
// The checks themselves

const UNSORTED: &str = r#"# Et forord, der bliver stående.
category: kancellisprog
entries:
  - id: saaledes
    severity: info
    applicability: safe
    message: "Skriv »sådan«."
    forms:
      - { form: "således", replacement: "sådan" }
    examples:
      - "Det er således."

  # Om »såfremt«: hører til opslaget under sig.
  - id: saafremt
    severity: warning
    applicability: safe
    message: "Skriv »hvis«."
    forms:
      - { form: "såfremt", replacement: "hvis" }
    examples:
      - "Såfremt du kan."
  - id: afgive
    severity: warning
    applicability: unsafe
    message: "Skriv »give«."
    forms:
      - { form: "afgive", replacement: "give" }
      - { form: "AFGIVE", replacement: "giv" }
    examples:
      - "Du kan afgive svar."
"#;

fn parse(text: &str) -> Vec<Entry> {
    schema::parse_file("t.yaml", text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_entry_out_of_order_is_named_with_its_file_line_and_place() {
    let p = order_problems("t.yaml", &parse(UNSORTED));
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(
        p[0].starts_with("t.yaml:14: »saafremt« står efter »saaledes« (linje 4)"),
        "{p:#?}"
    );
    assert!(
        p[0].contains("Flyt hele opslaget op foran »saaledes« (linje 4)"),
        "{p:#?}"
    );
    assert!(
        p[1].contains("foran »saaledes«") && p[1].contains(SORT_HINT),
        "{p:#?}"
    );
}

#[test]
fn sorting_moves_whole_entries_with_their_comments() {
    let entries = parse(UNSORTED);
    let sorted = canonical(UNSORTED, &entries).expect("sortable");
    let again = parse(&sorted);
    let ids: Vec<&str> = again.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["afgive", "saafremt", "saaledes"]);
    assert!(order_problems("t.yaml", &again).is_empty());
    assert!(sorted.starts_with(
        "# Et forord, der bliver stående.\ncategory: kancellisprog\nentries:\n  - id: afgive\n"
    ));
    assert!(
        sorted.contains("\n\n  # Om »såfremt«: hører til opslaget under sig.\n  - id: saafremt\n"),
        "{sorted}"
    );
    // The same lines, only in another order.
    let mut a: Vec<&str> = UNSORTED.lines().collect();
    let mut b: Vec<&str> = sorted.lines().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert_eq!(canonical(&sorted, &again).as_deref(), Some(sorted.as_str()));
}

#[test]
fn a_file_whose_entries_cannot_be_told_apart_is_not_sorted() {
    let flow = "category: kancellisprog\nentries:\n  - {id: b, severity: info, applicability: display, message: m, forms: [{form: b}], examples: [b]}\n  - {id: a, severity: info, applicability: display, message: m, forms: [{form: a}], examples: [a]}\n";
    assert_eq!(canonical(flow, &parse(flow)), None);
}

#[test]
fn duplicate_ids_and_forms_are_named_with_both_places() {
    let entries = parse(UNSORTED);
    let other = parse(
        "category: vendinger\nentries:\n  - id: afgive\n    severity: info\n    applicability: safe\n    message: \"m\"\n    forms:\n      - { form: \"Såfremt \", replacement: \"hvis\" }\n    examples:\n      - \"Såfremt.\"\n",
    );
    let all = [("a.yaml", entries.as_slice()), ("b.yaml", other.as_slice())];
    let ids = id_problems(&all);
    assert_eq!(ids.len(), 1, "{ids:#?}");
    assert!(
        ids[0].starts_with("b.yaml:3: id »afgive« er også brugt i a.yaml:22."),
        "{ids:#?}"
    );
    let forms = form_problems(&all);
    assert_eq!(forms.len(), 2, "{forms:#?}");
    assert!(
        forms[0].starts_with(
            "a.yaml:28: formen »AFGIVE« står to gange i opslaget »afgive« (også linje 27)"
        ),
        "{forms:#?}"
    );
    assert!(
        forms[1].starts_with("b.yaml:8: formen »Såfremt « i opslaget »vendinger/afgive« står også i »kancellisprog/saafremt« (a.yaml:19)"),
        "{forms:#?}"
    );
}

#[test]
fn a_replacement_its_own_entry_flags_is_a_cycle() {
    let entries = parse(
        "category: vendinger\nentries:\n  - id: i-henhold-til\n    severity: info\n    applicability: safe\n    message: \"m\"\n    position: mid_sentence\n    forms:\n      - { form: \"i henhold til\", replacement: \"efter\" }\n      - { form: \"henhold\", replacement: \"i henhold\" }\n    examples:\n      - \"Det sker i henhold til loven.\"\n",
    );
    let p = cycle_problems(
        "t.yaml",
        &entries[0],
        &Registry::new(Lexicon::new(entries.clone())),
    );
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].starts_with("t.yaml:10: erstatningen »i henhold« for »henhold« bliver selv fanget af opslaget »i-henhold-til« (som »henhold«)"),
        "{p:#?}"
    );
}
