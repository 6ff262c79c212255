//! The lexicon: Danish words and phrases that make a letter from a public
//! authority hard or cold to read, each with a plain alternative or an
//! explanation. The data lives in `lexicon/*.yaml`, is embedded in the
//! binary, and is compiled once into one matcher. Users add entry files
//! from their own directories (an entry with an existing id replaces it);
//! which entries are switched on is the rules layer's business.

mod abbreviations;
mod embedded;
mod matcher;
pub mod schema;
mod shared;
pub mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use abbreviations::Abbreviations;
pub use matcher::Hit;
pub use schema::{Compound, Entry, Form, Origin, Position, SchemaError};
pub use shared::{automaton, normalize_form};

use crate::text::{Document, Segmentation};

/// Why a lexicon could not be put together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    #[error("{0}")]
    Schema(#[from] SchemaError),
    #[error("{path}: leksikonmappen kunne ikke læses: {detail}")]
    Dir { path: String, detail: String },
    #[error("{path}: filen kunne ikke læses: {detail}")]
    File { path: String, detail: String },
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<Entry>,
    matcher: matcher::Matcher,
    abbreviations: Abbreviations,
}

impl Lexicon {
    /// The embedded default lexicon, compiled on first use.
    pub fn embedded() -> &'static Lexicon {
        static CELL: OnceLock<Lexicon> = OnceLock::new();
        CELL.get_or_init(|| {
            let entries = embedded_entries();
            // The automaton was compiled from exactly these entries by
            // build.rs; compiling it again is only a fallback.
            let matcher = matcher::Matcher::prebuilt(embedded::AUTOMATON, embedded::TARGETS)
                .unwrap_or_else(|| matcher::Matcher::new(&entries));
            Lexicon::with_matcher(entries, matcher)
        })
    }

    /// Compiles a lexicon from entries.
    pub fn new(entries: Vec<Entry>) -> Lexicon {
        let matcher = matcher::Matcher::new(&entries);
        Lexicon::with_matcher(entries, matcher)
    }

    fn with_matcher(entries: Vec<Entry>, matcher: matcher::Matcher) -> Lexicon {
        let abbreviations = abbreviations::of_entries(&entries);
        Lexicon {
            entries,
            matcher,
            abbreviations,
        }
    }

    /// The default entries, then every `.yaml` file in `dirs` (an entry
    /// with an id already present replaces it).
    pub fn load(dirs: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let lexicon = if dirs.is_empty() {
            Lexicon::embedded().clone()
        } else {
            let mut entries = embedded_entries();
            for dir in dirs {
                merge(&mut entries, read_dir(dir)?);
            }
            Lexicon::new(entries)
        };
        Ok(lexicon)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    /// Every hit of the switched-on entries (`enabled`, one flag per
    /// entry) in the prose of a segmented document.
    pub fn find(&self, doc: &Document, seg: &Segmentation, enabled: &[bool]) -> Vec<Hit> {
        self.matcher.find(&self.entries, enabled, doc, seg)
    }

    /// The rule ids of every entry that matches somewhere in a plain text.
    pub fn rules_in(&self, text: &str) -> Vec<&str> {
        let Ok(doc) = Document::parse(text.to_string(), crate::text::Format::Txt) else {
            return Vec::new();
        };
        let seg = crate::text::segment(&doc, &self.abbreviations);
        let on = vec![true; self.entries.len()];
        self.find(&doc, &seg, &on)
            .into_iter()
            .map(|h| &*self.entries[h.entry].rule_id)
            .collect()
    }

    /// The entries a word or phrase belongs to: by form (case and spacing
    /// ignored) or by id (`id` or `category/id`).
    pub fn lookup(&self, query: &str) -> Vec<&Entry> {
        let q = normalize_form(query);
        self.entries
            .iter()
            .filter(|e| {
                e.id == query
                    || e.rule() == query
                    || e.forms.iter().any(|f| normalize_form(&f.form) == q)
            })
            .collect()
    }
}

/// The shipped entries, as build.rs compiled them (nothing is parsed).
pub fn embedded_entries() -> Vec<Entry> {
    embedded::FILES
        .iter()
        .flat_map(|f| f.entries.iter().map(|e| e.to_entry(f.name)))
        .collect()
}

/// The shipped files as written: (name, YAML).
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().map(|f| (f.name, f.yaml))
}

/// Reads the shipped files from their YAML with the strict schema, as a
/// user's files are read, so that every problem has its line.
pub fn embedded_entries_from_yaml() -> Result<Vec<Entry>, SchemaError> {
    let mut entries = Vec::new();
    for (name, yaml) in embedded_files() {
        entries.extend(schema::parse_file(name, yaml)?);
    }
    Ok(entries)
}

/// Reads every `.yaml` / `.yml` file of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<Entry>, LexiconError> {
    let dir_error = |e: std::io::Error| LexiconError::Dir {
        path: dir.display().to_string(),
        detail: e.to_string(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(dir_error)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    let mut entries = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| LexiconError::File {
            path: name.clone(),
            detail: e.to_string(),
        })?;
        entries.extend(schema::parse_file(&name, &text)?);
    }
    Ok(entries)
}

/// Adds `extra` to `entries`; an entry whose id exists replaces it in place.
pub fn merge(entries: &mut Vec<Entry>, extra: Vec<Entry>) {
    let mut index: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.to_string(), i))
        .collect();
    for entry in extra {
        match index.get(&*entry.id) {
            Some(&i) => entries[i] = entry,
            None => {
                index.insert(entry.id.to_string(), entries.len());
                entries.push(entry);
            }
        }
    }
}

#[cfg(test)]
mod coverage {
    use crate::analysis::analyse;
    use crate::rules::{Registry, Settings};
    use crate::text::{Document, Format};

    /// The words and phrases every Danish plain-language guide names are
    /// in the shipped lexicon, in the category a reader would look for them.
    #[test]
    fn the_classic_cases_are_covered() {
        let cases = [
            (
                "kancellisprog",
                "Vi fremsender brevet, påbegynder sagen, såfremt du kan, og endvidere idet vi forinden hermed i nærværende sag har foranlediget, at du kan tilsende og erholde det, vi anmoder om, og fremkomme med svar.",
            ),
            (
                "vendinger",
                "Det sker i henhold til loven, med henblik på svar, i forbindelse med sagen; der henvises til reglerne under henvisning til loven i medfør af § 3, for så vidt angår hjælp, i det omfang det går, på foranledning af dig.",
            ),
            (
                "nominalisering",
                "Vi vil foretage en vurdering af sagen, træffe afgørelse om hjælpen, give tilladelse til flytning og foretage udbetaling.",
            ),
            (
                "forkortelse",
                "Se jf. iht. pga. bl.a. evt. mht. vedr. ifm. reglerne.",
            ),
            (
                "tiltale",
                "Nu kan De komme med Dem og Deres papirer, borgeren, ansøgeren, modtageren, ydelsesmodtageren, pågældende og undertegnede.",
            ),
            (
                "passiv",
                "Du indkaldes, bedes svare, papirer fremsendes, hjælp udbetales, bevilges, afgørelsen træffes og sagen vurderes.",
            ),
            (
                "fagord",
                "Du skal stå til rådighed, ellers får du en sanktion efter partshøring; du er aktivitetsparat eller jobparat, i ressourceforløb eller fleksjob, med hjemmel til ydelse, klageinstans, aktindsigt og rimelig grund.",
            ),
            (
                "tone",
                "Vi gør opmærksom på, at De skal være opmærksom på, at hvis du undlader at komme, får du et påbud.",
            ),
        ];
        for (category, text) in cases {
            let doc = Document::parse(text.to_string(), Format::Txt).unwrap();
            let a = analyse(doc, Registry::embedded(), &Settings::default());
            let n = a.findings.iter().filter(|f| f.category == category).count();
            assert!(n > 0, "{category}: no findings in {text}");
        }
    }

    #[test]
    fn named_words_each_have_an_entry() {
        let lexicon = super::Lexicon::embedded();
        for word in [
            "fremsende",
            "påbegynde",
            "såfremt",
            "endvidere",
            "idet",
            "forinden",
            "hermed",
            "nærværende",
            "pågældende",
            "foranlediget",
            "tilsende",
            "erholde",
            "anmode",
            "i henhold til",
            "med henblik på",
            "i forbindelse med",
            "der henvises til",
            "under henvisning til",
            "i medfør af",
            "for så vidt angår",
            "i det omfang",
            "på foranledning af",
            "foretage en vurdering af",
            "træffe afgørelse om",
            "give tilladelse til",
            "foretage udbetaling",
            "jf.",
            "iht.",
            "pga.",
            "bl.a.",
            "evt.",
            "mht.",
            "vedr.",
            "ifm.",
            "borgeren",
            "ansøgeren",
            "modtageren",
            "ydelsesmodtageren",
            "undertegnede",
            "indkaldes",
            "bedes",
            "fremsendes",
            "udbetales",
            "bevilges",
            "træffes",
            "vurderes",
            "rådighed",
            "sanktion",
            "partshøring",
            "aktivitetsparat",
            "jobparat",
            "ressourceforløb",
            "fleksjob",
            "hjemmel",
            "ydelse",
            "klageinstans",
            "aktindsigt",
            "rimelig grund",
            "vi gør opmærksom på",
            "De skal være opmærksom på",
            "undlader",
            "påbud",
        ] {
            assert!(
                !lexicon.lookup(word).is_empty(),
                "»{word}« mangler i leksikonet"
            );
        }
    }
}
