//! `fakta/beloeb`, `fakta/dato`, `fakta/frist`: facts written the way a
//! citizen reads them. An amount as »1.250 kr.« (not »kr. 1.250,00«), a
//! date with the month's name (»1. september 2004«, not »01.09.04«), and a
//! deadline counted from the letter's date given as the date itself. The
//! first two are safe: the fact gate sees the same value before and after.
//! `fakta/ugedag` warns when a date's weekday is not the day it falls on.

use std::borrow::Cow;

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::facts::{Date, Fact, FactKind, Role, TimeUnit, Value, plain_amount, plain_date};

pub static METAS: [RuleMeta; 4] = [
    RuleMeta {
        id: Cow::Borrowed("fakta/beloeb"),
        category: Cow::Borrowed("fakta"),
        severity: Severity::Info,
        summary: Cow::Borrowed(
            "Skriv beløbet, som man siger det: »1.250 kr.« – uden »kr.« foran og uden »,00«.",
        ),
        explanation: None,
        fix: Some(Applicability::Safe),
        source: RuleSource::BuiltIn,
        doc: Some(&DOC_AMOUNT),
    },
    RuleMeta {
        id: Cow::Borrowed("fakta/dato"),
        category: Cow::Borrowed("fakta"),
        severity: Severity::Info,
        summary: Cow::Borrowed(
            "Skriv datoen med månedens navn: »1. september 2004« læses lettere end »01.09.04«.",
        ),
        explanation: None,
        fix: Some(Applicability::Safe),
        source: RuleSource::BuiltIn,
        doc: Some(&DOC_DATE),
    },
    RuleMeta {
        id: Cow::Borrowed("fakta/frist"),
        category: Cow::Borrowed("fakta"),
        severity: Severity::Info,
        summary: Cow::Borrowed(
            "Skriv fristens dato: borgeren skal ikke selv regne dagene ud fra brevets dato.",
        ),
        explanation: None,
        fix: Some(Applicability::Display),
        source: RuleSource::BuiltIn,
        doc: Some(&DOC_DEADLINE),
    },
    RuleMeta {
        id: Cow::Borrowed("fakta/ugedag"),
        category: Cow::Borrowed("fakta"),
        severity: Severity::Warning,
        summary: Cow::Borrowed("Ugedagen passer ikke til datoen."),
        explanation: None,
        fix: None,
        source: RuleSource::BuiltIn,
        doc: Some(&DOC_WEEKDAY),
    },
];

static DOC_WEEKDAY: RuleDoc = RuleDoc {
    flags: "En dato med ugedag (»tirsdag den 9. november 2026«), hvor ugedagen ikke er den, datoen falder på.",
    why: "Borgeren ved ikke, om mødet eller fristen er den dag, ugedagen siger, eller den dag, datoen siger. Udebliver borgeren derfor, kan det koste hjælp.",
    example: "»tirsdag den 9. november 2026« (9. november 2026 er en mandag)",
    fix: "Ingen automatisk rettelse: find ud af, om det er ugedagen eller datoen, der er forkert, og ret den.",
};

static DOC_AMOUNT: RuleDoc = RuleDoc {
    flags: "Et beløb med »kr.« eller »DKK« foran, med »,00« eller »,-« bagefter.",
    why: "I almindelig dansk løbende tekst står »kr.« efter beløbet, og hele kroner skrives uden øre. »kr. 1.250,00« ligner en kontoudskrift og er sværere at læse højt.",
    example: "»kr. 1.250,00« → »1.250 kr.«",
    fix: "Sikker: beløbet er det samme, og fakta-tjekket ser det samme beløb før og efter.",
};

static DOC_DATE: RuleDoc = RuleDoc {
    flags: "En dato skrevet med tal (»09.11.2026«, »01.09.04«, »9/11-2026«, »2026-11-09«), når året er med.",
    why: "Med tal kan datoen læses på flere måder, og to cifre for året er uklart. Månedens navn kan ikke misforstås.",
    example: "»01.09.04« → »1. september 2004«",
    fix: "Sikker: datoen er den samme, og fakta-tjekket ser den samme dato før og efter.",
};

static DOC_DEADLINE: RuleDoc = RuleDoc {
    flags: "En frist, der tælles fra brevets dato (»senest 14 dage efter brevets dato«), når brevet har sin dato.",
    why: "Borgeren skal selv finde brevets dato og tælle dage. Skriv datoen – og sig gerne, at det er 14 dage efter brevets dato.",
    example: "Brevet er dateret 3. marts 2026: »senest 14 dage efter brevets dato« → »senest den 17. marts 2026«",
    fix: "Kun et forslag: tjek datoen, før du bruger den (hverdage tælles ikke).",
};

pub struct PlainFacts;

/// The date a deadline counted in days or weeks from the letter's date
/// falls on, and where the words »efter brevets dato« end.
fn deadline_date(f: &Fact, text: &str, letter: Option<Date>) -> Option<(Date, usize)> {
    let Value::DeadlineRelative(n, unit) = f.value else {
        return None;
    };
    // Only the words right after the deadline: »efter brevets dato«.
    let rest = text.get(f.span.end..crate::facts::boundary_before(text, f.span.end + 40))?;
    let gap = rest.len() - rest.trim_start().len();
    let after = rest.trim_start().to_lowercase();
    let anchor = [
        "efter brevets dato",
        "fra brevets dato",
        "efter dette brevs dato",
    ]
    .iter()
    .find(|a| after.starts_with(*a))?;
    let end = f.span.end + gap + anchor.len();
    let days = match unit {
        TimeUnit::Dage => n as i64,
        TimeUnit::Uger => 7 * n as i64,
        _ => return None,
    };
    Some((letter?.plus_days(days)?, end))
}

impl Rule for PlainFacts {
    fn metas(&self) -> &'static [RuleMeta] {
        &METAS
    }

    fn check(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        let facts = cx.facts();
        let text = &cx.document.text;
        let letter = facts
            .iter()
            .find(|f| f.kind == FactKind::Date && f.role == Role::LetterDate)
            .and_then(Fact::date);
        for f in facts {
            if let (Some(said), Some(real)) = (f.weekday, f.date().and_then(|d| d.weekday()))
                && said != real
            {
                let mut finding = METAS[3].finding(f.span, f.text.clone());
                finding.message = format!(
                    "Ugedagen passer ikke til datoen: {} er en {}, ikke en {}.",
                    f.date()
                        .and_then(plain_date)
                        .unwrap_or_else(|| f.text.clone()),
                    real.danish(),
                    said.danish()
                )
                .into();
                found.push(finding);
            }
            match (&f.kind, &f.value) {
                (FactKind::Amount, Value::Amount(oere)) => {
                    let t = f.text.to_lowercase();
                    let stiff = t.starts_with("kr")
                        || t.starts_with("dkk")
                        || t.contains(",00")
                        || t.contains(",-");
                    let plain = plain_amount(*oere);
                    if stiff && plain != f.text {
                        found.push(
                            METAS[0]
                                .finding(f.span, f.text.clone())
                                .with_fix(plain.into(), Applicability::Safe),
                        );
                    }
                }
                (FactKind::Date, Value::Date(d))
                    if f.text.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    let numeric = !f.text.chars().any(char::is_alphabetic);
                    if let (true, Some(plain)) = (numeric, plain_date(*d)) {
                        found.push(
                            METAS[1]
                                .finding(f.span, f.text.clone())
                                .with_fix(plain.into(), Applicability::Safe),
                        );
                    }
                }
                (FactKind::Deadline, Value::DeadlineRelative(..)) => {
                    if let Some((date, end)) = deadline_date(f, text, letter)
                        && let Some(date) = plain_date(date)
                    {
                        let span = crate::text::Span::new(f.span.start, end);
                        let mut finding = METAS[2].finding(span, &text[f.span.start..end]);
                        finding.message = format!(
                            "Skriv fristens dato: »{}« efter brevets dato er den {date}.",
                            f.text
                        )
                        .into();
                        found.push(
                            finding.with_fix(
                                format!("senest den {date}").into(),
                                Applicability::Display,
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{Registry, Settings};

    fn fixes(text: &str) -> Vec<(String, String, String)> {
        let a = crate::analyse(
            crate::Document::parse(text.to_string(), crate::Format::Txt).unwrap(),
            Registry::embedded(),
            &Settings::default(),
        );
        a.findings
            .iter()
            .filter(|f| f.category == "fakta")
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.matched.clone(),
                    f.fixes
                        .first()
                        .map(|x| x.replacement.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn stiff_amounts_get_a_plain_form() {
        assert_eq!(
            fixes("Du får kr. 1.250,00 om måneden."),
            [(
                "fakta/beloeb".into(),
                "kr. 1.250,00".into(),
                "1.250 kr.".into()
            )]
        );
        assert_eq!(fixes("Du får kr. 12.450,50.")[0].2, "12.450,50 kr.");
        assert_eq!(fixes("Du får 500,- kr.")[0].2, "500 kr.");
        assert!(fixes("Du får 1.250 kr.").is_empty());
    }

    #[test]
    fn numeric_dates_get_the_months_name() {
        assert_eq!(
            fixes("Perioden 01.09.04 – 30.09.04 er opgjort.")
                .iter()
                .map(|f| f.2.clone())
                .collect::<Vec<_>>(),
            ["1. september 2004", "30. september 2004"]
        );
        assert!(fixes("Mødet er den 3. marts 2026.").is_empty());
    }

    #[test]
    fn a_weekday_that_does_not_fit_the_date_is_a_warning() {
        let f = fixes("Mødet er tirsdag den 9. november 2026.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "fakta/ugedag");
        assert!(fixes("Mødet er mandag den 9. november 2026.").is_empty());
        assert_eq!(
            fixes("Svar senest fredag den 10. november 2026.")[0].0,
            "fakta/ugedag"
        );
    }

    #[test]
    fn a_deadline_from_the_letters_date_becomes_a_date() {
        let f = fixes("Dato: 3. marts 2026\n\nSvar senest 14 dage efter brevets dato.");
        assert_eq!(
            f,
            [(
                "fakta/frist".into(),
                "senest 14 dage efter brevets dato".into(),
                "senest den 17. marts 2026".into()
            )]
        );
        assert!(
            fixes("Svar senest 14 dage efter brevets dato.").is_empty(),
            "no letter date"
        );
    }
}
