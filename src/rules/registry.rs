//! The registry: every rule klarbrev can report, from the lexicon and
//! built in, found by id or category. The command line and `klarbrev.yaml`
//! name rules through it, so a name that matches nothing is an error that
//! says so instead of a setting that silently does nothing.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use super::{Rule, RuleMeta, RuleSource, Settings, built_in};
use crate::diagnostic::Applicability;
use crate::lexicon::{Entry, Lexicon};

/// A rule name that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("»{name}« er hverken en regel eller en kategori.{hint} Se alle med »klarbrev rules«.")]
    Unknown {
        name: String,
        /// ` Mente du »…«?`, or nothing.
        hint: String,
    },
}

/// Every rule: the lexicon's entries (in the lexicon's order, so a hit's
/// entry index is its rule's index) and then the built-in rules.
#[derive(Debug)]
pub struct Registry {
    lexicon: Lexicon,
    metas: Vec<RuleMeta>,
    by_id: HashMap<String, usize>,
    /// The rules a name selects, by every name that selects any: full id,
    /// bare id and category.
    by_name: HashMap<String, Vec<usize>>,
    categories: BTreeSet<String>,
    all_on: Vec<bool>,
}

impl Registry {
    /// The rules of a lexicon and the built-in rules.
    pub fn new(lexicon: Lexicon) -> Registry {
        let mut metas: Vec<RuleMeta> = lexicon.entries().iter().map(lexicon_meta).collect();
        for rule in built_in() {
            metas.extend(rule.metas().iter().cloned());
        }
        let mut by_id = HashMap::with_capacity(metas.len());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(2 * metas.len());
        let mut categories = BTreeSet::new();
        for (i, m) in metas.iter().enumerate() {
            by_id.entry(m.id.to_string()).or_insert(i);
            categories.insert(m.category.to_string());
            let mut names = vec![&*m.id, m.bare_id(), &*m.category];
            names.dedup();
            for name in names {
                by_name.entry(name.to_string()).or_default().push(i);
            }
        }
        Registry {
            all_on: vec![true; lexicon.entries().len()],
            lexicon,
            metas,
            by_id,
            by_name,
            categories,
        }
    }

    /// The embedded lexicon's rules and the built-in ones, made once.
    pub fn embedded() -> &'static Registry {
        static CELL: OnceLock<Registry> = OnceLock::new();
        CELL.get_or_init(|| Registry::new(Lexicon::embedded().clone()))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every rule, the lexicon's first.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.metas
    }

    /// The built-in checks.
    pub fn built_in(&self) -> impl Iterator<Item = &'static dyn Rule> {
        built_in().into_iter()
    }

    /// The meta of the lexicon entry at `index`.
    pub fn entry_meta(&self, index: usize) -> Option<&RuleMeta> {
        (index < self.lexicon.entries().len()).then(|| &self.metas[index])
    }

    /// A rule by its full id (`kancellisprog/fremsende`), or by its bare id
    /// when only one rule has it.
    pub fn get(&self, id: &str) -> Option<&RuleMeta> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(&self.metas[i]);
        }
        let mut bare = self.metas.iter().filter(|m| m.bare_id() == id);
        match (bare.next(), bare.next()) {
            (Some(m), None) => Some(m),
            _ => None,
        }
    }

    /// Whether `name` is a category.
    pub fn is_category(&self, name: &str) -> bool {
        self.categories.contains(name)
    }

    pub fn categories(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(String::as_str)
    }

    /// The rules a name selects: one rule by id or `category/id`, or every
    /// rule of a category. An unknown name is an error with the closest
    /// name as a hint.
    pub fn select(&self, name: &str) -> Result<Vec<&RuleMeta>, RuleError> {
        let found: Vec<&RuleMeta> = self
            .by_name
            .get(name)
            .map(|ix| ix.iter().map(|&i| &self.metas[i]).collect())
            .unwrap_or_default();
        if found.is_empty() {
            return Err(RuleError::Unknown {
                name: name.to_string(),
                hint: self.hint(name),
            });
        }
        Ok(found)
    }

    /// Checks that every name selects at least one rule.
    pub fn check_names<'n>(
        &self,
        names: impl IntoIterator<Item = &'n str>,
    ) -> Result<(), RuleError> {
        for n in names {
            self.select(n)?;
        }
        Ok(())
    }

    fn hint(&self, name: &str) -> String {
        let candidates = self
            .metas
            .iter()
            .flat_map(|m| [&*m.id, m.bare_id()])
            .chain(self.categories.iter().map(String::as_str));
        let best = candidates
            .map(|c| (strsim::levenshtein(name, c), c))
            .filter(|(d, _)| *d <= 1.max(name.chars().count() / 3))
            .min();
        match best {
            Some((_, c)) => format!(" Mente du »{c}«?"),
            None => String::new(),
        }
    }

    /// Which lexicon entries are switched on under `settings`: one look-up
    /// per name switched off, not one comparison per entry.
    pub fn lexicon_mask(&self, settings: &Settings) -> Cow<'_, [bool]> {
        if settings.disable.is_empty() {
            return Cow::Borrowed(&self.all_on);
        }
        let mut mask = self.all_on.clone();
        for name in &settings.disable {
            for &i in self.by_name.get(name.as_str()).into_iter().flatten() {
                if let Some(on) = mask.get_mut(i) {
                    *on = false;
                }
            }
        }
        Cow::Owned(mask)
    }
}

fn lexicon_meta(e: &Entry) -> RuleMeta {
    let fixes =
        e.applicability > Applicability::Display && e.forms.iter().any(|f| f.replacement.is_some());
    RuleMeta {
        id: e.rule_id.clone(),
        category: e.category.clone(),
        severity: e.severity,
        summary: e.message.clone(),
        explanation: e.explanation.clone(),
        fix: fixes.then_some(e.applicability),
        source: RuleSource::Lexicon {
            file: e.origin.file.clone(),
            line: e.origin.line,
        },
        doc: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rules_are_found_by_id_category_and_full_id() {
        let r = Registry::embedded();
        assert_eq!(&*r.get("lix-max").unwrap().id, "laesbarhed/lix-max");
        assert_eq!(&*r.get("indhold/kontakt").unwrap().id, "indhold/kontakt");
        assert!(r.select("fagord").unwrap().len() > 10);
        assert!(r.select("laesbarhed/lix-max").is_ok());
        assert!(r.is_category("indhold"));
    }

    #[test]
    fn an_unknown_name_is_an_error_with_a_hint() {
        let e = Registry::embedded().select("lix-maks").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("»lix-maks«"), "{text}");
        assert!(text.contains("Mente du »lix-max«?"), "{text}");
    }

    #[test]
    fn every_rule_id_is_unique_and_has_a_category_prefix() {
        let r = Registry::embedded();
        let mut seen = std::collections::HashSet::new();
        for m in r.rules() {
            assert!(seen.insert(&*m.id), "{} to gange", m.id);
            assert_eq!(m.id.split_once('/').map(|x| x.0), Some(&*m.category));
        }
    }

    #[test]
    fn a_disabled_category_switches_its_entries_off() {
        let r = Registry::embedded();
        let s = Settings {
            disable: vec!["fagord".into()],
            ..Settings::default()
        };
        let mask = r.lexicon_mask(&s);
        for (e, on) in r.lexicon().entries().iter().zip(mask.iter()) {
            assert_eq!(*on, &*e.category != "fagord", "{}", e.rule_id);
        }
    }
}
