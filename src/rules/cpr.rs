//! `indhold/cpr-nummer`: a CPR number in a letter template.

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Finding, Severity};
use crate::facts::FactKind;

pub static META: RuleMeta = RuleMeta {
    id: std::borrow::Cow::Borrowed("indhold/cpr-nummer"),
    category: std::borrow::Cow::Borrowed("indhold"),
    severity: Severity::Error,
    summary: std::borrow::Cow::Borrowed(
        "Et cpr-nummer hører kun til i et brev til personen selv – aldrig i en skabelon.",
    ),
    explanation: None,
    fix: None,
    source: RuleSource::BuiltIn,
    doc: Some(&DOC),
};

static DOC: RuleDoc = RuleDoc {
    flags: "I `check` (et bibliotek af skabeloner): et cpr-nummer (seks cifre, bindestreg eller mellemrum, fire cifre).",
    why: "Et cpr-nummer er en personoplysning (databeskyttelsesloven § 11). I en skabelon er det enten en glemt rest af et rigtigt brev eller et eksempel, der kan blive sendt videre; begge dele er et brud på fortroligheden.",
    example: "Cpr-nr.: 010190-1234",
    fix: "Ingen automatisk rettelse: fjern nummeret, eller brug en pladsholder som {{ cpr }}.",
};

pub struct Cpr;

impl Rule for Cpr {
    fn metas(&self) -> &'static [RuleMeta] {
        std::slice::from_ref(&META)
    }

    fn check(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        if !cx.settings.library {
            return;
        }
        found.extend(
            cx.facts()
                .iter()
                .filter(|f| f.kind == FactKind::Cpr)
                .map(|f| META.finding(f.span, f.text.clone())),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    const TEXT: &str = "Dit cpr-nummer er 010190-1234. Ring til os.";

    #[test]
    fn a_cpr_number_in_a_template_is_a_finding() {
        let s = Settings {
            library: true,
            ..Settings::default()
        };
        assert!(rules_for(TEXT, &s).contains(&"indhold/cpr-nummer".to_string()));
    }

    #[test]
    fn a_letter_to_the_person_may_carry_it() {
        assert!(!rules_for(TEXT, &Settings::default()).contains(&"indhold/cpr-nummer".to_string()));
    }
}
