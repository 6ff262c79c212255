//! `klarbrev/ubrugt-undertrykkelse`: a suppression comment that suppresses
//! nothing. The comments themselves are read in [`super::suppress`]; this
//! file is the rule that reports the unused ones.

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Finding, Severity};

pub static META: RuleMeta = RuleMeta {
    id: std::borrow::Cow::Borrowed("klarbrev/ubrugt-undertrykkelse"),
    category: std::borrow::Cow::Borrowed("klarbrev"),
    severity: Severity::Info,
    summary: std::borrow::Cow::Borrowed(
        "Kommentaren undertrykker intet fund her; fjern den, eller ret reglens navn.",
    ),
    explanation: None,
    fix: None,
    source: RuleSource::BuiltIn,
    doc: Some(&DOC),
};

static DOC: RuleDoc = RuleDoc {
    flags: "En kommentar `<!-- klarbrev-disable … -->`, `<!-- klarbrev-disable-next-line … -->` eller `{# klarbrev-disable … #}`, der ikke skjuler noget fund.",
    why: "En undertrykkelse, der intet gør, er enten en stavefejl i reglens navn (og så skjuler den ikke det, den skulle) eller en rest, efter teksten blev rettet. Begge dele gør biblioteket sværere at vedligeholde.",
    example: "<!-- klarbrev-disable-next-line tone -->\nHej.",
    fix: "Ingen automatisk rettelse: fjern kommentaren, eller ret reglens navn (se »klarbrev rules«).",
};

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn metas(&self) -> &'static [RuleMeta] {
        std::slice::from_ref(&META)
    }

    /// Suppression comments exist in Markdown and Tera only. They are
    /// applied after every other rule, so this rule knows which were used.
    fn review(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        if cx.document.format.has_comments() {
            super::suppress::apply(&cx.document.text, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    #[test]
    fn an_unused_comment_is_reported_and_a_used_one_is_not() {
        let used = "<!-- klarbrev-disable-next-line saafremt -->\nSåfremt du kan.\n";
        assert!(
            !rules_for(used, &Settings::default())
                .contains(&"klarbrev/ubrugt-undertrykkelse".to_string())
        );
        let unused = "<!-- klarbrev-disable-next-line tone -->\nHej.\n";
        assert_eq!(
            rules_for(unused, &Settings::default()),
            ["klarbrev/ubrugt-undertrykkelse"]
        );
    }
}
