//! The fact gate's verdict: may a rewrite be used as it is? A rewrite that
//! loses or changes a fact of the original, or still has a `[MANGLER: …]`
//! gap, is refused, unless the user has named each lost or changed fact
//! that may go (`--drop-fact KIND:VALUE`, `drop_facts` in the API). The
//! command line, the server and the page all take the verdict from here.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::facts::{Comparison, Fact, FactKind};

/// A fact the user has said may go: its kind and its value as the report
/// shows it or as the letter writes it (`amount:450 kr.`,
/// `phone:72 36 00 00`, `date:17. marts 2026`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropFact {
    pub kind: FactKind,
    pub value: String,
}

impl std::str::FromStr for DropFact {
    type Err = String;

    fn from_str(s: &str) -> Result<DropFact, String> {
        let (kind, value) = s.split_once(':').ok_or_else(|| {
            format!("»{s}« skal skrives ART:VÆRDI, fx phone:72360000 eller amount:450 kr.")
        })?;
        let kind = FactKind::from_name(kind.trim()).ok_or_else(|| {
            let names: Vec<&str> = crate::facts::ALL_KINDS.iter().map(|k| k.name()).collect();
            format!(
                "»{}« er ikke en slags fakta; brug en af {}",
                kind.trim(),
                names.join(", ")
            )
        })?;
        Ok(DropFact {
            kind,
            value: value.trim().to_string(),
        })
    }
}

impl DropFact {
    /// Whether this names `fact`: the same kind, and the value as written,
    /// as normalized, or read as a fact of that kind with the same value.
    pub fn names(&self, fact: &Fact) -> bool {
        if self.kind != fact.kind {
            return false;
        }
        let v = self.value.to_lowercase();
        if v == fact.text.to_lowercase() || v == fact.value.to_string().to_lowercase() {
            return true;
        }
        crate::facts::extract(&self.value, &[])
            .iter()
            .any(|f| f.kind == fact.kind && f.value.same(&fact.value))
    }
}

/// The verdict on a rewrite, from how the original's facts fared in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Every fact of the original is in the rewrite, in its role.
    Kept,
    /// Facts are lost or changed, and the user named each one that may go.
    Allowed { lost: usize, changed: usize },
    /// Facts are lost or changed, or gaps remain: the rewrite is not
    /// written, and not used before the user has seen what is wrong.
    Refused {
        lost: usize,
        changed: usize,
        missing: usize,
    },
}

impl Gate {
    /// Whether the rewrite must not be used as it is.
    pub fn refused(self) -> bool {
        matches!(self, Gate::Refused { .. })
    }

    /// How many facts of the original the rewrite lost.
    pub fn lost(self) -> usize {
        match self {
            Gate::Kept => 0,
            Gate::Allowed { lost, .. } | Gate::Refused { lost, .. } => lost,
        }
    }

    /// How many facts of the original the rewrite changed.
    pub fn changed(self) -> usize {
        match self {
            Gate::Kept => 0,
            Gate::Allowed { changed, .. } | Gate::Refused { changed, .. } => changed,
        }
    }

    /// How many `[MANGLER: …]` gaps the rewrite still has.
    pub fn missing(self) -> usize {
        match self {
            Gate::Refused { missing, .. } => missing,
            _ => 0,
        }
    }

    fn verdict(self) -> &'static str {
        match self {
            Gate::Kept => "kept",
            Gate::Allowed { .. } => "allowed",
            Gate::Refused { .. } => "refused",
        }
    }
}

/// In JSON `{"verdict":"kept|allowed|refused","refused":bool,"lost":N,
/// "changed":N,"missing":N}`: one field to branch on, the counts for a
/// message; the facts themselves are in the summary next to it.
impl Serialize for Gate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Gate", 5)?;
        st.serialize_field("verdict", self.verdict())?;
        st.serialize_field("refused", &self.refused())?;
        st.serialize_field("lost", &self.lost())?;
        st.serialize_field("changed", &self.changed())?;
        st.serialize_field("missing", &self.missing())?;
        st.end()
    }
}

/// What the user lets go: named facts, or (the page's and the API's
/// `allow_lost_facts`, until the page names facts one by one) everything.
#[derive(Debug, Clone, Default)]
pub struct Allow {
    pub drop: Vec<DropFact>,
    pub all: bool,
}

impl Allow {
    fn lets_go(&self, fact: &Fact) -> bool {
        self.all || self.drop.iter().any(|d| d.names(fact))
    }
}

/// The verdict on a comparison of facts and the rewritten text.
pub fn gate(facts: &Comparison, rewritten: &str, allow: &Allow) -> Gate {
    let lost = facts.lost.len();
    let changed = facts.changed.len();
    let missing = rewritten.matches("[MANGLER:").count();
    let unexcused = facts.lost.iter().filter(|f| !allow.lets_go(f)).count()
        + facts
            .changed
            .iter()
            .filter(|c| !allow.lets_go(&c.before))
            .count();
    if missing > 0 || unexcused > 0 {
        Gate::Refused {
            lost,
            changed,
            missing,
        }
    } else if lost + changed > 0 {
        Gate::Allowed { lost, changed }
    } else {
        Gate::Kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::app::{rewrite, score};
    use crate::rewrite::Request;
    use crate::rules::{Registry, Settings};
    use crate::text::Format;

    fn analysed(text: &str, registry: &Registry) -> Analysis {
        score(text.into(), Format::Txt, registry, &Settings::default()).unwrap()
    }

    /// A lexicon whose one fix drops a phone number.
    fn lossy() -> (tempfile::TempDir, Registry) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("tab.yaml"),
            r#"category: test
entries:
  - id: ring-nummer
    severity: warning
    applicability: safe
    message: "Skriv bare »ring til os«."
    forms:
      - { form: "ring på 72 36 00 00", replacement: "ring til os" }
    examples: ["Du kan ring på 72 36 00 00."]
"#,
        )
        .unwrap();
        let lexicon = crate::lexicon::Lexicon::load(&[dir.path().to_path_buf()]).unwrap();
        (dir, Registry::new(lexicon))
    }

    const LOSSY: &str = "Har du spørgsmål, så ring på 72 36 00 00.";

    #[test]
    fn a_rewrite_that_loses_a_fact_is_refused() {
        let (_dir, registry) = lossy();
        let before = analysed(LOSSY, &registry);
        let done = rewrite(
            &before,
            &registry,
            &Settings::default(),
            &Request::default(),
            &Allow::default(),
        )
        .unwrap();
        assert_eq!(
            done.outcome.after.document.text,
            "Har du spørgsmål, så ring til os."
        );
        assert_eq!(
            done.gate,
            Gate::Refused {
                lost: 1,
                changed: 0,
                missing: 0
            }
        );
        assert!(done.gate.refused());
        let json = serde_json::to_value(done.response(None, None)).unwrap();
        assert_eq!(
            json["gate"],
            serde_json::json!({ "verdict": "refused", "refused": true, "lost": 1, "changed": 0, "missing": 0 })
        );
    }

    #[test]
    fn allow_lost_lets_a_lossy_rewrite_through() {
        let (_dir, registry) = lossy();
        let before = analysed(LOSSY, &registry);
        let done = rewrite(
            &before,
            &registry,
            &Settings::default(),
            &Request::default(),
            &Allow {
                drop: vec!["phone:72 36 00 00".parse().unwrap()],
                all: false,
            },
        )
        .unwrap();
        assert_eq!(
            done.gate,
            Gate::Allowed {
                lost: 1,
                changed: 0
            }
        );
        assert!(!done.gate.refused());
    }

    #[test]
    fn a_rewrite_that_keeps_every_fact_is_not_refused() {
        let registry = Registry::embedded();
        let before = analysed(
            "Vi fremsender hermed brevet. Mødet er den 17. marts 2026 kl. 10.00.",
            registry,
        );
        let done = rewrite(
            &before,
            registry,
            &Settings::default(),
            &Request::default(),
            &Allow::default(),
        )
        .unwrap();
        assert_ne!(done.outcome.after.document.text, before.document.text);
        assert_eq!(done.gate, Gate::Kept);
        assert!(!done.gate.refused());
        assert_eq!(done.gate.lost(), 0);
    }

    #[test]
    fn gaps_are_refused_and_drop_names_one_fact() {
        let none = Comparison::default();
        assert_eq!(gate(&none, "Hej", &Allow::default()), Gate::Kept);
        assert!(gate(&none, "Mødet er [MANGLER: dato].", &Allow::default()).refused());
        let c = crate::facts::compare(
            &crate::facts::extract("Ring 72 36 00 00 eller skriv til a@b.dk.", &[]),
            &crate::facts::extract("Skriv til os.", &[]),
        );
        let phone = Allow {
            drop: vec!["phone:72360000".parse().unwrap()],
            all: false,
        };
        assert!(gate(&c, "", &phone).refused(), "the e-mail is still lost");
        let both = Allow {
            drop: vec![
                "phone:72360000".parse().unwrap(),
                "email:A@b.dk".parse().unwrap(),
            ],
            all: false,
        };
        assert_eq!(
            gate(&c, "", &both),
            Gate::Allowed {
                lost: 2,
                changed: 0
            }
        );
        assert!("telefon:1".parse::<DropFact>().is_err());
        assert!("phone".parse::<DropFact>().is_err());
    }
}
