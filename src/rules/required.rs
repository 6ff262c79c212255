//! `indhold/…`: what each kind of letter must contain. A letter whose type
//! is known is checked for the elements the law asks of it; each missing
//! element is a finding of category `indhold` whose message names the
//! legal source. The checks read the letter's prose only (never its front
//! matter, code or template tags) and its facts.

use std::borrow::Cow;

use super::{Context, Rule, RuleDoc, RuleMeta, RuleSource};
use crate::diagnostic::{Finding, Severity};
use crate::facts::{Fact, FactKind};

pub const CATEGORY: &str = "indhold";

static DOC: RuleDoc = RuleDoc {
    flags: "Et brev af en kendt type – `type:` i front matter, `types:` eller `overrides:` i klarbrev.yaml, eller genkendt af `check` – som mangler et element, loven kræver af den type: kontaktoplysninger i alle breve; dato, tidspunkt, sted og konsekvens i en indkaldelse; frist og følge i en anmodning; frist, svarmåde og den påtænkte afgørelse i en partshøring; begrundelse, hjemmel og klagevejledning (instans, frist, måde) i en afgørelse.",
    why: "Forvaltningsloven §§ 19 og 22–25, retssikkerhedsloven §§ 66–67 og bekendtgørelse nr. 442 af 26. maj 2023 § 20 siger, hvad borgeren skal have at vide. Et brev uden det er ikke kun svært at forstå – det kan gøre afgørelsen ugyldig eller en sanktion umulig.",
    example: "type: afgoerelse-afslag … »Du får afslag.« (ingen begrundelse, hjemmel eller klagevejledning)",
    fix: "Ingen automatisk rettelse: skriv det manglende element med egne ord; skabelonerne (`klarbrev rewrite --template`) har dem alle.",
};

macro_rules! meta {
    ($id:literal, $summary:literal) => {
        RuleMeta {
            id: Cow::Borrowed(concat!("indhold/", $id)),
            category: Cow::Borrowed(CATEGORY),
            severity: Severity::Warning,
            summary: Cow::Borrowed($summary),
            explanation: None,
            fix: None,
            source: RuleSource::BuiltIn,
            doc: Some(&DOC),
        }
    };
}

/// One rule per element; a letter type's element may say more in its own
/// message.
static METAS: [RuleMeta; 15] = [
    meta!(
        "kontakt",
        "Brevet siger ikke, hvordan borgeren kan kontakte jer."
    ),
    meta!(
        "dato",
        "Indkaldelsen har ingen dato for mødet (BEK nr. 442 af 26.05.2023 § 20)."
    ),
    meta!(
        "tidspunkt",
        "Indkaldelsen har intet tidspunkt for mødet (BEK nr. 442 af 26.05.2023 § 20)."
    ),
    meta!(
        "sted",
        "Indkaldelsen siger ikke, hvor mødet er (BEK nr. 442 af 26.05.2023 § 20)."
    ),
    meta!(
        "konsekvens",
        "Indkaldelsen siger ikke, hvad der sker, hvis borgeren ikke kommer (lov om aktiv socialpolitik § 35, stk. 1, og § 37)."
    ),
    meta!("frist", "Brevet har ingen frist (en dato) for svaret."),
    meta!(
        "foelge",
        "Anmodningen siger ikke, hvad der sker, hvis oplysningerne ikke kommer."
    ),
    meta!(
        "svar",
        "Partshøringen siger ikke, hvordan borgeren kan svare (forvaltningsloven § 19)."
    ),
    meta!(
        "paataenkt",
        "Partshøringen siger ikke, hvilken afgørelse vi overvejer at træffe (forvaltningsloven § 19)."
    ),
    meta!(
        "begrundelse",
        "Afgørelsen har ingen begrundelse (forvaltningsloven §§ 22–24)."
    ),
    meta!(
        "hjemmel",
        "Afgørelsen nævner ikke de regler, den bygger på (forvaltningsloven § 24)."
    ),
    meta!(
        "klagevejledning",
        "Afgørelsen har ingen klagevejledning (forvaltningsloven § 25)."
    ),
    meta!(
        "klageinstans",
        "Klagevejledningen siger ikke, hvor klagen skal sendes hen (forvaltningsloven § 25, retssikkerhedsloven § 66)."
    ),
    meta!(
        "klagefrist",
        "Klagevejledningen har ingen frist for at klage (forvaltningsloven § 25, retssikkerhedsloven § 67)."
    ),
    meta!(
        "klagemaade",
        "Klagevejledningen siger ikke, hvordan man klager (forvaltningsloven § 25)."
    ),
];

pub struct Required;

impl Rule for Required {
    fn metas(&self) -> &'static [RuleMeta] {
        &METAS
    }

    fn check(&self, cx: &Context<'_>, found: &mut Vec<Finding>) {
        if let Some(kind) = cx.letter_type() {
            found.extend(check(kind, &cx.prose_lower(), cx.facts()));
        }
    }
}

fn meta(id: &str) -> &'static RuleMeta {
    METAS
        .iter()
        .find(|m| m.bare_id() == id)
        .unwrap_or(&METAS[0])
}

/// One required element: its rule id (after `indhold/`) and message.
struct Element {
    id: &'static str,
    message: &'static str,
    present: fn(&Letter) -> bool,
}

/// What the checks look at: the letter's prose in lower case and its facts.
struct Letter<'a> {
    lower: &'a str,
    facts: &'a [Fact],
}

impl Letter<'_> {
    fn has(&self, kind: FactKind) -> bool {
        self.facts.iter().any(|f| f.kind == kind)
    }
    fn says(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.lower.contains(w))
    }
}

const CONTACT: Element = Element {
    id: "kontakt",
    message: "Brevet siger ikke, hvordan borgeren kan kontakte jer: skriv et telefonnummer eller en e-mailadresse.",
    present: |l| l.has(FactKind::Phone) || l.has(FactKind::Email),
};

const SUMMONS: &[Element] = &[
    Element {
        id: "dato",
        message: "Indkaldelsen har ingen dato for mødet (BEK nr. 442 af 26.05.2023 § 20).",
        present: |l| l.has(FactKind::Date),
    },
    Element {
        id: "tidspunkt",
        message: "Indkaldelsen har intet tidspunkt for mødet (BEK nr. 442 af 26.05.2023 § 20).",
        present: |l| l.has(FactKind::Time),
    },
    Element {
        id: "sted",
        message: "Indkaldelsen siger ikke, hvor mødet er, eller hvilket nummer vi ringer til (BEK nr. 442 af 26.05.2023 § 20).",
        present: |l| {
            l.has(FactKind::Phone)
                || l.says(&[
                    "vej ", "vej,", "gade", "plads", "allé", "lokale", "adresse", "video",
                    "telefon",
                ])
        },
    },
    Element {
        id: "konsekvens",
        message: "Indkaldelsen siger ikke konkret, hvad der sker, hvis borgeren ikke kommer (lov om aktiv socialpolitik § 35, stk. 1, og § 37).",
        present: |l| l.says(&["rimelig grund", "trækker", "fradrag", "§ 37", "§§ 36"]),
    },
];

const REQUEST: &[Element] = &[
    Element {
        id: "frist",
        message: "Anmodningen har ingen frist (en dato) for, hvornår oplysningerne skal være hos os.",
        present: |l| l.has(FactKind::Deadline) || l.has(FactKind::Date),
    },
    Element {
        id: "foelge",
        message: "Anmodningen siger ikke, hvad der sker, hvis oplysningerne ikke kommer (sagen afgøres på de oplysninger, vi har).",
        present: |l| {
            l.says(&[
                "foreliggende grundlag",
                "de oplysninger, vi har",
                "det, vi ved",
                "ud fra det, vi har",
                "det, vi har",
            ])
        },
    },
];

const HEARING: &[Element] = &[
    Element {
        id: "frist",
        message: "Partshøringen har ingen frist for bemærkninger (forvaltningsloven § 19).",
        present: |l| l.has(FactKind::Deadline) || l.has(FactKind::Date),
    },
    Element {
        id: "svar",
        message: "Partshøringen siger ikke, hvordan borgeren kan svare – skriftligt, på telefon eller på et møde (forvaltningsloven § 19).",
        present: |l| l.says(&["ring", "skriv", "svar", "bemærkning", "kommentar"]),
    },
    Element {
        id: "paataenkt",
        message: "Partshøringen siger ikke, hvilken afgørelse vi overvejer at træffe (forvaltningsloven § 19).",
        present: |l| {
            l.says(&[
                "påtænk",
                "overvej",
                "regner med at",
                "vil beslutte",
                "vil træffe",
                "forventer at",
            ])
        },
    },
];

const DECISION: &[Element] = &[
    Element {
        id: "begrundelse",
        message: "Afgørelsen har ingen begrundelse: skriv, hvorfor vi har besluttet det (forvaltningsloven §§ 22–24).",
        present: |l| {
            l.says(&[
                "fordi",
                "begrund",
                "lagt vægt på",
                "derfor",
                "da du",
                "idet",
            ])
        },
    },
    Element {
        id: "hjemmel",
        message: "Afgørelsen nævner ikke de regler, den bygger på (hjemmel, forvaltningsloven § 24).",
        present: |l| l.has(FactKind::Legal),
    },
    Element {
        id: "klagevejledning",
        message: "Afgørelsen har ingen klagevejledning (forvaltningsloven § 25).",
        present: |l| l.says(&["klage"]),
    },
    Element {
        id: "klageinstans",
        message: "Klagevejledningen siger ikke, hvor klagen skal sendes hen (forvaltningsloven § 25, retssikkerhedsloven § 66).",
        present: |l| l.says(&["ankestyrelsen", "kommune", "jobcenter"]),
    },
    Element {
        id: "klagefrist",
        message: "Klagevejledningen har ingen frist for at klage (forvaltningsloven § 25, retssikkerhedsloven § 67: 4 uger).",
        present: |l| l.has(FactKind::Deadline) || l.says(&["4 uger", "fire uger"]),
    },
    Element {
        id: "klagemaade",
        message: "Klagevejledningen siger ikke, hvordan man klager – skriftligt, mundtligt, Digital Post eller e-mail (forvaltningsloven § 25).",
        present: |l| {
            l.says(&[
                "skriv",
                "ring",
                "mundtlig",
                "skriftlig",
                "digital post",
                "e-mail",
                "telefon",
            ])
        },
    },
];

/// A decision that grants everything asked for needs no reasons and no
/// complaint guidance (forvaltningsloven § 22), but still its legal basis.
const GRANT: &[Element] = &[Element {
    id: "hjemmel",
    message: "Afgørelsen nævner ikke de regler, den bygger på (hjemmel, forvaltningsloven § 24).",
    present: |l| l.has(FactKind::Legal),
}];

/// The letter types klarbrev knows the requirements of.
pub const TYPES: &[&str] = &[
    "indkaldelse",
    "anmodning",
    "partshoering",
    "afgoerelse",
    "afgoerelse-bevilling",
    "afgoerelse-afslag",
    "afgoerelse-nedsaettelse",
    "aflysning",
];

fn elements(letter_type: &str) -> &'static [Element] {
    match letter_type {
        "indkaldelse" => SUMMONS,
        "anmodning" => REQUEST,
        "partshoering" => HEARING,
        "afgoerelse-bevilling" => GRANT,
        t if t.starts_with("afgoerelse") => DECISION,
        _ => &[],
    }
}

/// The findings for the elements a letter of `letter_type` lacks.
/// `lower` is the letter's prose in lower case; unknown types need only
/// contact information.
fn check(letter_type: &str, lower: &str, facts: &[Fact]) -> Vec<Finding> {
    let letter = Letter { lower, facts };
    std::iter::once(&CONTACT)
        .chain(elements(letter_type))
        .filter(|e| !(e.present)(&letter))
        .map(|e| meta(e.id).letter_finding(e.message.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::extract;
    use crate::rules::Settings;
    use crate::rules::testing::rules_for;

    fn missing(t: &str, text: &str) -> Vec<String> {
        check(t, &text.to_lowercase(), &extract(text, &[]))
            .into_iter()
            .map(|f| f.rule.into_owned())
            .collect()
    }

    #[test]
    fn every_element_has_its_rule() {
        for e in std::iter::once(&CONTACT)
            .chain(SUMMONS)
            .chain(REQUEST)
            .chain(HEARING)
            .chain(DECISION)
            .chain(GRANT)
        {
            assert_eq!(meta(e.id).bare_id(), e.id);
        }
    }

    #[test]
    fn front_matter_never_satisfies_an_element() {
        let settings = Settings {
            letter_type: Some("afgoerelse-afslag".into()),
            ..Settings::default()
        };
        let text = "---\ntitle: klagevejledning til Ankestyrelsen, klage inden 4 uger, skriv\n---\n\nDu får afslag, fordi din indtægt er for høj, jf. § 11. Ring 72 36 00 00.\n";
        let found = rules_for(text, &settings);
        for rule in [
            "indhold/klagevejledning",
            "indhold/klageinstans",
            "indhold/klagefrist",
        ] {
            assert!(found.contains(&rule.to_string()), "{rule}: {found:?}");
        }
    }

    #[test]
    fn a_disabled_element_is_not_reported() {
        let settings = Settings {
            letter_type: Some("ukendt".into()),
            disable: vec!["indhold/kontakt".into()],
            ..Settings::default()
        };
        assert!(rules_for("Hej.", &settings).is_empty());
    }

    #[test]
    fn a_complete_summons_lacks_nothing() {
        let text = "Du skal til samtale 17. marts 2026 kl. 10.00 i lokale 2.14. Kommer du ikke og har du ingen rimelig grund, trækker vi i din hjælp. Ring på 72 36 00 00.";
        assert_eq!(missing("indkaldelse", text), Vec::<String>::new());
    }

    #[test]
    fn a_summons_without_time_and_consequence() {
        let text = "Du skal til samtale 17. marts 2026. Ring på 72 36 00 00.";
        assert_eq!(
            missing("indkaldelse", text),
            ["indhold/tidspunkt", "indhold/konsekvens"]
        );
    }

    #[test]
    fn a_decision_needs_reasons_basis_and_complaint_guidance() {
        let text = "Du får afslag. Skriv til jobcenter@havnby.dk.";
        assert_eq!(
            missing("afgoerelse-afslag", text),
            [
                "indhold/begrundelse",
                "indhold/hjemmel",
                "indhold/klagevejledning",
                "indhold/klagefrist"
            ]
        );
        let text = "Du får afslag, fordi din indtægt er for høj, jf. § 11. Du kan klage til kommunen inden 4 uger. Skriv til jobcenter@havnby.dk.";
        assert_eq!(missing("afgoerelse-afslag", text), Vec::<String>::new());
        // A full grant needs its basis, not reasons or complaint guidance.
        assert_eq!(
            missing("afgoerelse-bevilling", "Du får hjælpen. Ring 72 36 00 00."),
            ["indhold/hjemmel"]
        );
    }

    #[test]
    fn every_letter_needs_contact_information() {
        assert_eq!(missing("ukendt", "Hej."), ["indhold/kontakt"]);
    }
}
