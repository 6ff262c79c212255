//! `laesbarhed/lix-max`: a letter whose LIX is above the limit.

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Finding, Severity};
use crate::fmt::decimal;
use crate::metrics::Band;

pub static META: RuleMeta = RuleMeta {
    id: std::borrow::Cow::Borrowed("laesbarhed/lix-max"),
    category: std::borrow::Cow::Borrowed("laesbarhed"),
    severity: Severity::Error,
    summary: std::borrow::Cow::Borrowed("Brevets LIX er over grænsen."),
    explanation: None,
    fix: None,
    source: RuleSource::BuiltIn,
    doc: Some(&DOC),
};

static DOC: RuleDoc = RuleDoc {
    flags: "Et brev, hvis LIX er over grænsen: `lix.max` i klarbrev.yaml (45, når intet er sat, for `check`) eller `--fail-lix N` for `score`.",
    why: "LIX måler lange sætninger og lange ord. Over 45 er en tekst svær for mange voksne læsere, og mange borgere, der får breve fra jobcentret, læser svært. Forvaltningsloven siger intet om LIX, men god forvaltningsskik kræver, at borgeren kan forstå brevet.",
    example: "De skal i henhold til lovgivningens bestemmelser fremsende dokumentation for Deres nuværende indkomstforhold inden for den fastsatte tidsfrist. (LIX over 60)",
    fix: "Ingen automatisk rettelse: skriv kortere sætninger (under 20 ord), del lange sætninger og brug kortere ord.",
};

pub struct LixMax;

impl Rule for LixMax {
    fn metas(&self) -> &'static [RuleMeta] {
        std::slice::from_ref(&META)
    }

    fn check(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        let (Some(max), Some(lix)) = (cx.settings.lix_max, cx.metrics.lix) else {
            return;
        };
        if lix > max {
            found.push(META.letter_finding(format!(
                "Brevets LIX er {} ({}), over grænsen på {}. Skriv kortere sætninger og brug kortere ord.",
                decimal(lix),
                Band::of(lix).name(),
                decimal(max)
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    const HARD: &str =
        "Ansøgningsbehandlingen forudsætter dokumentationsmateriale vedrørende indkomstforholdene.";

    #[test]
    fn a_letter_over_the_limit_is_a_finding() {
        let s = Settings {
            lix_max: Some(45.0),
            ..Settings::default()
        };
        assert!(rules_for(HARD, &s).contains(&"laesbarhed/lix-max".to_string()));
    }

    #[test]
    fn no_limit_or_an_easy_letter_is_no_finding() {
        assert!(!rules_for(HARD, &Settings::default()).contains(&"laesbarhed/lix-max".to_string()));
        let s = Settings {
            lix_max: Some(45.0),
            ..Settings::default()
        };
        assert!(
            !rules_for("Du får pengene i dag.", &s).contains(&"laesbarhed/lix-max".to_string())
        );
    }

    #[test]
    fn it_can_be_switched_off() {
        let s = Settings {
            lix_max: Some(45.0),
            disable: vec!["laesbarhed/lix-max".into()],
            ..Settings::default()
        };
        assert!(!rules_for(HARD, &s).contains(&"laesbarhed/lix-max".to_string()));
    }
}
