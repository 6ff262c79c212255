//! The fact gate's verdict: may a rewrite be used as it is? A rewrite that
//! loses a fact of the original is refused unless the user has said that
//! is all right (`--allow-lost-facts`, or the page's confirmation). The
//! command line, the server and the page all take the verdict from here.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::facts::Comparison;

/// The verdict on a rewrite, from how the original's facts fared in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Every fact of the original is in the rewrite.
    Kept,
    /// Facts are lost, and the user let the rewrite through anyway.
    Allowed { lost: usize },
    /// Facts are lost: the rewrite is not written, and not used before
    /// the user has seen what is missing.
    Refused { lost: usize },
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
            Gate::Allowed { lost } | Gate::Refused { lost } => lost,
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

/// In JSON `{"verdict":"kept|allowed|refused","refused":bool,"lost":N}`:
/// one field to branch on, the count for a message, and the lost facts
/// themselves are in the summary next to it.
impl Serialize for Gate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Gate", 3)?;
        st.serialize_field("verdict", self.verdict())?;
        st.serialize_field("refused", &self.refused())?;
        st.serialize_field("lost", &self.lost())?;
        st.end()
    }
}

/// The verdict on a comparison of facts; `allow_lost` lets a rewrite
/// that loses facts through.
pub fn gate(facts: &Comparison, allow_lost: bool) -> Gate {
    match facts.lost.len() {
        0 => Gate::Kept,
        lost if allow_lost => Gate::Allowed { lost },
        lost => Gate::Refused { lost },
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
            false,
        )
        .unwrap();
        assert_eq!(
            done.outcome.after.document.text,
            "Har du spørgsmål, så ring til os."
        );
        assert_eq!(done.gate, Gate::Refused { lost: 1 });
        assert!(done.gate.refused());
        let json = serde_json::to_value(done.response(None, None)).unwrap();
        assert_eq!(
            json["gate"],
            serde_json::json!({ "verdict": "refused", "refused": true, "lost": 1 })
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
            true,
        )
        .unwrap();
        assert_eq!(done.gate, Gate::Allowed { lost: 1 });
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
            false,
        )
        .unwrap();
        assert_ne!(done.outcome.after.document.text, before.document.text);
        assert_eq!(done.gate, Gate::Kept);
        assert!(!done.gate.refused());
        assert_eq!(done.gate.lost(), 0);
    }

    #[test]
    fn the_gate_reads_only_the_lost_facts() {
        let none = Comparison::default();
        assert_eq!(gate(&none, false), Gate::Kept);
        assert_eq!(gate(&none, true), Gate::Kept);
    }
}
