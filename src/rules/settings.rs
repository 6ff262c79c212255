//! What one letter is checked with: the limits, the rules switched off and
//! re-graded, and what is known about the letter before it is read. The
//! config (`klarbrev.yaml`) and the command line make these; the analysis
//! applies them.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;

/// The settings of one letter's analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// A letter whose LIX is above this gets a `laesbarhed/lix-max` finding.
    pub lix_max: Option<f64>,
    /// Rules switched off: each a rule id, `category/id` or a category,
    /// checked against the registry before it gets here.
    pub disable: Vec<String>,
    /// Severity overrides by rule id, `category/id` or category; one for a
    /// rule wins over one for its category.
    pub severity: BTreeMap<String, Severity>,
    /// The letter type, when known: its required elements are checked.
    pub letter_type: Option<String>,
    /// The letter is a template in a library: a CPR number in it is a
    /// finding (in a letter to the person it is not).
    pub library: bool,
    /// The letter's LIX in the baseline: a rise of more than
    /// [`super::LIX_SLACK`] is a finding.
    pub baseline_lix: Option<f64>,
}

impl Settings {
    /// Whether a rule (`category/id`) is switched off: by its full id, its
    /// bare id or its category.
    pub fn disabled(&self, rule: &str) -> bool {
        self.disable.iter().any(|d| matches_rule(d, rule))
    }

    /// The severity a finding of `rule` gets: an override for the rule
    /// wins over one for its category.
    pub fn severity_of(&self, rule: &str, category: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(k, _)| matches_rule(k, rule))
            .max_by_key(|(k, _)| k.contains('/') as u8 * 2 + (**k != category) as u8)
            .map_or(default, |(_, s)| *s)
    }
}

/// `pattern` names `rule` (`category/id`): the whole id, the bare id, or
/// the category.
pub fn matches_rule(pattern: &str, rule: &str) -> bool {
    let (category, id) = rule.split_once('/').unwrap_or(("", rule));
    pattern == rule || pattern == id || pattern == category
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_named_by_id_full_id_or_category() {
        let s = Settings {
            disable: vec!["kl".into(), "indhold/kontakt".into(), "fagord".into()],
            ..Settings::default()
        };
        assert!(s.disabled("forkortelse/kl"));
        assert!(s.disabled("indhold/kontakt"));
        assert!(s.disabled("fagord/sanktion"));
        assert!(!s.disabled("forkortelse/jf"));
        assert!(!s.disabled("indhold/dato"));
    }

    #[test]
    fn a_rule_override_wins_over_its_category() {
        let mut severity = BTreeMap::new();
        severity.insert("fagord".to_string(), Severity::Info);
        severity.insert("fagord/sanktion".to_string(), Severity::Error);
        let s = Settings {
            severity,
            ..Settings::default()
        };
        assert_eq!(
            s.severity_of("fagord/sanktion", "fagord", Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            s.severity_of("fagord/ydelse", "fagord", Severity::Warning),
            Severity::Info
        );
        assert_eq!(
            s.severity_of("tone/x", "tone", Severity::Warning),
            Severity::Warning
        );
    }
}
