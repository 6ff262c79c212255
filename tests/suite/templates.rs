//! The shipped letter templates, rendered with realistic facts: plain
//! enough (LIX ≤ 30), complete, and carrying what the law asks of their
//! type.

use std::collections::BTreeMap;

use klarbrev::template::{Sources, Template, render};
use klarbrev::{Format, score_text};

/// A realistic value for a slot: the description's first »example«, or a
/// typical value of its kind.
fn value(name: &str, kind: &str, description: &str) -> String {
    if let Some(example) = description
        .split('»')
        .nth(1)
        .and_then(|s| s.split('«').next())
    {
        return example.to_string();
    }
    match (kind, name) {
        (_, "navn") => "Åse Hansen".into(),
        (_, "sagsbehandler") => "Henriette Bach".into(),
        (_, "kommune") => "Havnby Kommune".into(),
        ("date", _) => "17. marts 2026".into(),
        ("time", _) => "10.00".into(),
        ("amount", _) => "1.234,50 kr.".into(),
        ("legal", _) => "lov om aktiv socialpolitik § 81".into(),
        ("deadline", _) => "14. april 2026".into(),
        ("phone", _) => "72 36 00 00".into(),
        ("email", _) => "jobcenter@havnby.dk".into(),
        ("url", _) => "www.borger.dk".into(),
        _ => "din ansøgning om hjælp".into(),
    }
}

fn rendered(t: &Template) -> String {
    let user: BTreeMap<String, String> = t
        .slots
        .iter()
        .map(|(n, s)| (n.clone(), value(n, &s.kind, &s.description)))
        .collect();
    let sources = Sources {
        text: "",
        sentences: Vec::new(),
        facts: &[],
        metadata: None,
        user: &user,
        config: &BTreeMap::new(),
    };
    render(t, &sources).expect("template renders").text
}

#[test]
fn all_seven_letter_types_are_there() {
    let types: Vec<String> = Template::all()
        .unwrap()
        .iter()
        .map(|t| t.letter_type.clone())
        .collect();
    for t in [
        "indkaldelse",
        "anmodning",
        "partshoering",
        "afgoerelse-bevilling",
        "afgoerelse-afslag",
        "afgoerelse-nedsaettelse",
        "aflysning",
    ] {
        assert!(types.iter().any(|x| x == t), "{t} mangler: {types:?}");
    }
}

#[test]
fn rendered_templates_are_plain_and_complete() {
    for t in Template::all().unwrap() {
        let text = rendered(t);
        assert!(!text.contains("[MANGLER"), "{}: {text}", t.name);
        assert!(!text.contains("{{") && !text.contains("{%"), "{}", t.name);
        let a = score_text(&text, Format::Markdown).unwrap();
        let lix = a.metrics.lix.unwrap();
        assert!(lix <= 30.0, "{}: LIX {lix}", t.name);
        // No stiff language left: only explained terms (fagord) and
        // abbreviations may be flagged.
        let stiff: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| !matches!(&*f.category, "fagord" | "forkortelse"))
            .map(|f| f.matched.as_str())
            .collect();
        assert!(stiff.len() <= 2, "{}: {stiff:?}", t.name);
    }
}

#[test]
fn rendered_templates_keep_what_the_law_asks() {
    for t in Template::all().unwrap() {
        let text = rendered(t).to_lowercase();
        let has = |needle: &str| text.contains(needle);
        match t.letter_type.as_str() {
            "indkaldelse" => {
                assert!(
                    has("rimelig grund"),
                    "{}: what happens if you do not come",
                    t.name
                );
                assert!(has("§ 37"), "{}: the rule behind the consequence", t.name);
                assert!(has("flytte"), "{}: how to move the meeting", t.name);
                assert!(has("syg"), "{}: what to do when ill", t.name);
            }
            "partshoering" => {
                assert!(has("§ 19"), "{}: forvaltningsloven § 19", t.name);
                assert!(has("14. april 2026"), "{}: the deadline", t.name);
            }
            "anmodning" => {
                assert!(has("14. april 2026"), "{}: the deadline", t.name);
            }
            "afgoerelse-afslag" | "afgoerelse-nedsaettelse" => {
                assert!(has("klage"), "{}: klagevejledning", t.name);
                assert!(has("4 uger"), "{}: the deadline to complain", t.name);
                assert!(has("ankestyrelsen"), "{}: the appeal body", t.name);
                assert!(has("§ 81") || has("§"), "{}: hjemmel", t.name);
            }
            "afgoerelse-bevilling" => {
                assert!(has("§"), "{}: hjemmel", t.name);
            }
            "aflysning" => {
                assert!(has("aflys") || has("flytt"), "{}", t.name);
            }
            other => panic!("ukendt brevtype {other}"),
        }
    }
}

#[test]
fn templates_render_with_facts_missing() {
    for t in Template::all().unwrap() {
        let user = BTreeMap::new();
        let sources = Sources {
            text: "",
            sentences: Vec::new(),
            facts: &[],
            metadata: None,
            user: &user,
            config: &BTreeMap::new(),
        };
        let r = render(t, &sources).expect("renders without facts");
        let required = t.slots.iter().filter(|(_, s)| s.required).count();
        assert_eq!(r.missing().count(), required, "{}", t.name);
        assert!(r.text.contains("[MANGLER: "), "{}", t.name);
        assert!(!r.text.contains("{{"), "{}", t.name);
    }
}
