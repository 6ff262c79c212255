//! `laesbarhed/lix-steget`: a letter whose LIX rose since the baseline.

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Finding, Severity};
use crate::fmt::decimal;

/// How much a letter's LIX may rise over its baseline.
pub const LIX_SLACK: f64 = 0.5;

pub static META: RuleMeta = RuleMeta {
    id: std::borrow::Cow::Borrowed("laesbarhed/lix-steget"),
    category: std::borrow::Cow::Borrowed("laesbarhed"),
    severity: Severity::Error,
    summary: std::borrow::Cow::Borrowed("Brevets LIX er steget siden baseline."),
    explanation: None,
    fix: None,
    source: RuleSource::BuiltIn,
    doc: Some(&DOC),
};

static DOC: RuleDoc = RuleDoc {
    flags: "Med `check --baseline FIL`: et brev, hvis LIX er steget mere end 0,5 siden baselinen blev skrevet.",
    why: "En baseline lader et bibliotek med gamle fund komme i CI uden at fejle på dem alle; men et brev, der bliver sværere at læse, skal opdages, selv om det ikke får nye fund.",
    example: "Baselinen siger LIX 38,0 for breve/indkaldelse.md; efter en ændring er den 41,2.",
    fix: "Ingen automatisk rettelse: find de sætninger, ændringen gjorde længere, eller skriv en ny baseline, hvis stigningen er i orden.",
};

pub struct LixRise;

impl Rule for LixRise {
    fn metas(&self) -> &'static [RuleMeta] {
        std::slice::from_ref(&META)
    }

    fn check(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        let (Some(before), Some(now)) = (cx.settings.baseline_lix, cx.metrics.lix) else {
            return;
        };
        if now > before + LIX_SLACK {
            found.push(META.letter_finding(format!(
                "Brevets LIX er steget fra {} til {} siden baseline.",
                decimal(before),
                decimal(now)
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    const TEXT: &str = "Vi har modtaget din ansøgning om hjælp til medicin.";

    fn rose(baseline: f64) -> bool {
        let s = Settings {
            baseline_lix: Some(baseline),
            ..Settings::default()
        };
        rules_for(TEXT, &s).contains(&"laesbarhed/lix-steget".to_string())
    }

    #[test]
    fn a_rise_over_the_slack_is_a_finding() {
        assert!(rose(10.0));
        assert!(!rose(80.0));
        assert!(
            !rules_for(TEXT, &Settings::default()).contains(&"laesbarhed/lix-steget".to_string())
        );
    }
}
