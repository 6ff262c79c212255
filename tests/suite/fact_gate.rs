//! The fact gate's battery: single edits that change one fact (its value,
//! its unit or its role, swaps included) must all be reported, and edits
//! that change only notation or wording must never be. The edits are made
//! over the example letters, the fixture letters and the templates; the
//! figures per kind are printed (`cargo test fact_gate -- --nocapture`)
//! and are the ones in the README.

use std::collections::BTreeMap;

use klarbrev::facts::{Comparison, Fact, FactKind, compare, extract};
use klarbrev::text::{Document, Format};

/// The texts the battery edits: every example letter, every fixture
/// letter, every template.
fn corpus() -> Vec<(String, Document)> {
    let root = super::root();
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures/bibliotek/breve", "templates"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let format = if name.ends_with(".tera") {
                Format::Tera
            } else if name.ends_with(".md") {
                Format::Markdown
            } else {
                Format::Txt
            };
            let doc = Document::parse(text, format).unwrap();
            out.push((name, doc));
        }
    }
    assert!(out.len() >= 10, "the corpus is missing: {}", out.len());
    out
}

fn facts(doc: &Document) -> Vec<Fact> {
    klarbrev::rules::facts_of(doc)
}

fn facts_of_text(text: &str, like: &Document) -> Vec<Fact> {
    match Document::parse(text.to_string(), like.format) {
        Ok(d) => facts(&d),
        Err(_) => extract(text, &[]),
    }
}

fn reported(c: &Comparison) -> bool {
    !c.all_kept()
}

/// Changes one digit of a fact's text: the first and the last, each to
/// the next digit (9 to 8, so a number never grows a digit).
fn digit_edits(f: &Fact) -> Vec<(usize, char)> {
    let digits: Vec<(usize, char)> = f
        .text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .collect();
    let mut out = Vec::new();
    for &(i, c) in [digits.first(), digits.last()].into_iter().flatten() {
        let d = c.to_digit(10).unwrap();
        let n = if d == 9 { 8 } else { d + 1 };
        let new = char::from_digit(n, 10).unwrap();
        if !out.iter().any(|(j, _)| *j == f.span.start + i) {
            out.push((f.span.start + i, new));
        }
    }
    out
}

#[test]
fn every_single_digit_edit_inside_a_fact_is_reported() {
    let mut tally: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for (name, doc) in corpus() {
        let before = facts(&doc);
        for f in &before {
            for (at, digit) in digit_edits(f) {
                let mut text = doc.text.clone();
                text.replace_range(at..at + 1, &digit.to_string());
                let after = facts_of_text(&text, &doc);
                let c = compare(&before, &after);
                let t = tally.entry(f.kind.name()).or_default();
                t.0 += 1;
                if reported(&c) {
                    t.1 += 1;
                } else {
                    missed.push(format!(
                        "{name}: {} »{}« digit at {at}",
                        f.kind.name(),
                        f.text
                    ));
                }
            }
        }
    }
    let total: usize = tally.values().map(|t| t.0).sum();
    eprintln!("digit edits per kind (edits, reported):");
    for (k, (n, r)) in &tally {
        eprintln!("  {k:<12} {n:>4} {r:>4}");
    }
    eprintln!("  {:<12} {total:>4}", "i alt");
    assert!(total >= 150, "only {total} edits");
    assert!(
        missed.is_empty(),
        "{} not reported:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// Edits that change a fact's unit or role, swap two facts, or change a
/// fact that carries no digit: (original, edited, kind that must be
/// reported).
const MEANING_EDITS: &[(&str, &str, FactKind)] = &[
    (
        "Du får 450 kr. pr. dag.",
        "Du får 450 kr. pr. uge.",
        FactKind::Amount,
    ),
    (
        "Du får 450 kr. pr. dag.",
        "Du får 450 kr. om måneden.",
        FactKind::Amount,
    ),
    (
        "Du får 450 kr. pr. dag.",
        "Du får 450 kr. i alt.",
        FactKind::Amount,
    ),
    (
        "Du har fået 2.310,50 kr. for meget pr. måned.",
        "Du har fået 2.310,50 kr. for meget.",
        FactKind::Amount,
    ),
    (
        "Du skal i alt betale 6.000 kr. tilbage. Vi trækker 500 kr. om måneden i din hjælp.",
        "Du skal i alt betale 500 kr. tilbage. Vi trækker 6.000 kr. om måneden i din hjælp.",
        FactKind::Amount,
    ),
    (
        "Havnby, 3. marts 2026\n\nVi indkalder dig til en samtale den 17. marts 2026.",
        "Havnby, 17. marts 2026\n\nVi indkalder dig til en samtale den 3. marts 2026.",
        FactKind::Date,
    ),
    (
        "Vi ses mandag den 9. november 2026.",
        "Vi ses tirsdag den 9. november 2026.",
        FactKind::Date,
    ),
    (
        "Det følger af lov om aktiv socialpolitik § 36.",
        "Det følger af lov om social service § 36.",
        FactKind::Legal,
    ),
    (
        "Det følger af aktivlovens § 36.",
        "Det følger af serviceloven § 36.",
        FactKind::Legal,
    ),
    (
        "Det følger af § 12 i lov om sygedagpenge.",
        "Det følger af § 12 i lov om social service.",
        FactKind::Legal,
    ),
    (
        "Det følger af § 11, stk. 3.",
        "Det følger af § 11.",
        FactKind::Legal,
    ),
    ("Sagsnr. 23/5511\n\nKære Åse", "Kære Åse", FactKind::Case),
    (
        "J.nr. 2025-1102\n\nKære Åse",
        "J.nr. 2025-1120\n\nKære Åse",
        FactKind::Case,
    ),
    (
        "Vi trækker 25 % af beløbet.",
        "Vi trækker 35 % af beløbet.",
        FactKind::Percent,
    ),
    (
        "Du kan få hjælp i 6 uger.",
        "Du kan få hjælp i 16 uger.",
        FactKind::Duration,
    ),
    (
        "Vi har åbent kl. 8-14 på hverdage.",
        "Vi har åbent kl. 8-13 på hverdage.",
        FactKind::Time,
    ),
    (
        "Mødet er på Strandvejen 14, st., 8000 Aarhus C.",
        "Mødet er hos os.",
        FactKind::Address,
    ),
    (
        "Mødet er på Strandvejen 14, st., 8000 Aarhus C.",
        "Mødet er på Strandvejen 41, st., 8000 Aarhus C.",
        FactKind::Address,
    ),
    (
        "Du kan klage til Ankestyrelsen.",
        "Du kan klage til Familieretshuset.",
        FactKind::Authority,
    ),
    (
        "Klagen sendes videre til Ankestyrelsen.",
        "Klagen sendes videre til os.",
        FactKind::Authority,
    ),
    (
        "Du skal svare senest 14 dage efter, at du har fået brevet.",
        "Du skal svare senest 4 dage efter, at du har fået brevet.",
        FactKind::Deadline,
    ),
    (
        "Du skal svare senest 14 dage efter, at du har fået brevet.",
        "Du skal svare, når du har fået brevet.",
        FactKind::Deadline,
    ),
    (
        "Perioden 01.09.04 – 30.09.04 er opgjort.",
        "Perioden 01.09.04 – 31.10.04 er opgjort.",
        FactKind::Period,
    ),
    (
        "Du får hjælp fra 1. marts 2026 til og med 31. maj 2026.",
        "Du får hjælp fra 1. marts 2026.",
        FactKind::Period,
    ),
    (
        "Med venlig hilsen\n\nHenriette Bach\nJobcenter Havnby",
        "Med venlig hilsen\n\nJobcenter Havnby",
        FactKind::Caseworker,
    ),
    (
        "Skriv til jobcenter@havnby.dk.",
        "Skriv til jobcentret@havnby.dk.",
        FactKind::Email,
    ),
    (
        "Læs mere på borger.dk og www.havnby.dk/klage.",
        "Læs mere på www.havnby.dk/klager.",
        FactKind::Url,
    ),
    (
        "Din hjælp stopper med virkning fra 1. april 2026. Vi holder møde 1. maj 2026.",
        "Din hjælp stopper med virkning fra 1. maj 2026. Vi holder møde 1. april 2026.",
        FactKind::Date,
    ),
    (
        "Ring på 72 36 00 00. Eller ring på 72 36 00 00 i morgen.",
        "Ring på 72 36 00 00. Eller ring på 72 36 00 01 i morgen.",
        FactKind::Phone,
    ),
    (
        "Du får 1.234,00 kr. pr. dag i perioden.",
        "Du får 1.234,00 kr. i perioden.",
        FactKind::Amount,
    ),
];

#[test]
fn edits_of_unit_role_and_swaps_are_reported() {
    let mut missed = Vec::new();
    for (a, b, kind) in MEANING_EDITS {
        let c = compare(&extract(a, &[]), &extract(b, &[]));
        let hit = c.lost.iter().any(|f| f.kind == *kind)
            || c.changed.iter().any(|x| x.before.kind == *kind);
        if !hit {
            missed.push(format!("{a:?} → {b:?}: {c:?}"));
        }
    }
    assert!(MEANING_EDITS.len() >= 30);
    assert!(missed.is_empty(), "not reported:\n{}", missed.join("\n\n"));
}

/// The same facts in other words or another notation: never reported.
const BENIGN_EDITS: &[(&str, &str)] = &[
    ("Du får 450 kr.", "Du får 450,00 kr."),
    ("Du får kr. 1.250,00.", "Du får 1.250 kr."),
    ("Du får 500,- kroner.", "Du får 500 kr."),
    ("Mødet er den 09.11.2026.", "Mødet er den 9. november 2026."),
    ("Mødet er den 9/11-2026.", "Vi ses 9. nov. 2026."),
    (
        "Mødet er mandag den 9. november 2026.",
        "Mødet er den 9. november 2026.",
    ),
    (
        "Mødet er den 9. november 2026.",
        "Mødet er mandag den 9. november 2026.",
    ),
    ("Mødet er kl. 8.00.", "Mødet er klokken 8."),
    ("Mødet er kl. 10.30.", "Mødet er klokken 10:30."),
    (
        "Mødet er fra kl. 10.00 til kl. 10.45.",
        "Mødet er kl. 10.00-10.45.",
    ),
    ("Ring på tlf. 86123456.", "Ring på telefon 86 12 34 56."),
    ("Ring på +45 86 12 34 56.", "Ring på 8612 3456."),
    (
        "Skriv til Jobcenter@Havnby.dk.",
        "Skriv til jobcenter@havnby.dk.",
    ),
    ("Se https://www.borger.dk/klage.", "Se borger.dk/klage."),
    (
        "jf. lov om aktiv socialpolitik § 36",
        "Det står i aktivloven § 36.",
    ),
    ("efter LAS § 36", "efter § 36 i lov om aktiv socialpolitik"),
    (
        "efter aktivlovens § 13, stk. 7",
        "efter aktivloven § 13, stk. 7",
    ),
    (
        "jf. forvaltningslovens § 19",
        "Det står i forvaltningsloven § 19.",
    ),
    ("jf. §13 stk. 7", "se § 13, stk. 7"),
    ("§§ 35–40 a", "§§ 35-40 a"),
    (
        "Send dem senest den 14. april 2026.",
        "Vi skal have dem senest den 14.04.2026.",
    ),
    ("Svar inden for fire uger.", "Svar inden 4 uger."),
    (
        "Klagen skal sendes inden 4 uger.",
        "Du skal klage inden for 4 uger.",
    ),
    ("Sagsnr. 23/5511", "Sagsnummer: 23/5511"),
    ("J.nr. 2025-1102", "j. nr. 2025-1102"),
    ("Vi trækker 25 %.", "Vi trækker 25 procent."),
    ("i 6 uger", "i seks uger"),
    (
        "Du kan klage til Ankestyrelsen.",
        "Ankestyrelsen behandler din klage.",
    ),
    (
        "Mødet er på Strandvejen 14, st., 8000 Aarhus C.",
        "Kom til Strandvejen 14, st., 8000 Aarhus C.",
    ),
    (
        "Havnby, 3. marts 2026\n\nVi indkalder dig til samtale den 17. marts 2026.",
        "Havnby, den 03.03.2026\n\nKom til en samtale med os den 17. marts 2026.",
    ),
    (
        "De indkaldes til samtale den 17. marts 2026 kl. 10.00. Ring på 72 36 00 00.",
        "Ring på 72 36 00 00. Du er indkaldt til samtale den 17. marts 2026 kl. 10.00.",
    ),
    (
        "Du har fået 2.310,50 kr. for meget pr. måned.",
        "Du har hver måned fået 2.310,50 kr. for meget pr. måned.",
    ),
    ("Du får 450 kr. pr. dag.", "Du får 450 kr. om dagen."),
    (
        "Vi trækker 500 kr. om måneden.",
        "Vi trækker 500 kr. pr. måned.",
    ),
    (
        "Perioden 01.09.04 – 30.09.04.",
        "Perioden 1. september 2004 – 30. september 2004.",
    ),
    (
        "fra 1. marts 2026 til og med 31. maj 2026",
        "fra 1. marts til og med 31. maj 2026",
    ),
    (
        "Med venlig hilsen\n\nHenriette Bach\nJobcenter Havnby",
        "Venlig hilsen\n\nHenriette Bach\nJobcenter Havnby",
    ),
    (
        "Vi har åbent kl. 8-14 på hverdage.",
        "Du kan ringe alle hverdage kl. 8.00-14.00.",
    ),
    (
        "Ring på 72 36 00 00. Eller ring på 72 36 00 00 i morgen.",
        "Ring på 72 36 00 00 i dag eller i morgen.",
    ),
    (
        "BEK nr. 1216 af 28.09.2023",
        "bekendtgørelse nr. 1216 af 28. september 2023",
    ),
];

/// Notation changes made to every fact of the corpus where one applies.
fn renotated(f: &Fact) -> Option<String> {
    use klarbrev::facts::Value;
    match (&f.kind, &f.value) {
        (FactKind::Date, Value::Date(d)) if d.year.is_some() => {
            if f.text.chars().any(char::is_alphabetic) {
                Some(format!("{:02}.{:02}.{}", d.day, d.month, d.year?))
            } else {
                klarbrev::facts::plain_date(*d)
            }
        }
        (FactKind::Amount, Value::Amount(oere)) => Some(if oere % 100 == 0 {
            format!("{},00 kr.", oere / 100)
        } else {
            format!("{},{:02} kr.", oere / 100, oere % 100)
        }),
        (FactKind::Phone, Value::Phone(digits)) if digits.len() == 8 => {
            Some(if f.text.contains(' ') {
                digits.clone()
            } else {
                format!(
                    "{} {} {} {}",
                    &digits[0..2],
                    &digits[2..4],
                    &digits[4..6],
                    &digits[6..8]
                )
            })
        }
        (FactKind::Time, Value::Time(t)) if f.unit.is_none() && f.text.starts_with("kl.") => {
            Some(format!("klokken {}:{:02}", t.hour, t.minute))
        }
        _ => None,
    }
}

#[test]
fn notation_and_wording_changes_are_never_reported() {
    let mut quiet = 0;
    let mut loud = Vec::new();
    for (a, b) in BENIGN_EDITS {
        let c = compare(&extract(a, &[]), &extract(b, &[]));
        if reported(&c) {
            loud.push(format!("{a:?} → {b:?}: {c:?}"));
        } else {
            quiet += 1;
        }
    }
    // One notation change at a time to each fact of the corpus.
    let mut corpus_edits = 0;
    for (name, doc) in corpus() {
        let before = facts(&doc);
        for f in &before {
            let Some(new) = renotated(f) else { continue };
            let mut text = doc.text.clone();
            text.replace_range(f.span.start..f.span.end, &new);
            let c = compare(&before, &facts_of_text(&text, &doc));
            corpus_edits += 1;
            if reported(&c) {
                loud.push(format!(
                    "{name}: »{}« → »{new}«: {:?}",
                    f.text,
                    (&c.changed, &c.lost)
                ));
            } else {
                quiet += 1;
            }
        }
    }
    eprintln!(
        "benign edits: {} written by hand, {corpus_edits} notation changes in the corpus, {quiet} quiet",
        BENIGN_EDITS.len()
    );
    assert!(BENIGN_EDITS.len() + corpus_edits >= 50);
    assert!(
        loud.is_empty(),
        "{} reported:\n{}",
        loud.len(),
        loud.join("\n\n")
    );
}

/// Every example letter's own safe rewrite keeps every fact in its role.
#[test]
fn the_examples_own_rewrites_keep_every_fact() {
    let registry = klarbrev::Registry::embedded();
    for (name, doc) in corpus().into_iter().filter(|(n, _)| !n.ends_with(".tera")) {
        let before = klarbrev::analyse(doc, registry, &klarbrev::Settings::default());
        let done = klarbrev::app::rewrite(
            &before,
            registry,
            &klarbrev::Settings::default(),
            &klarbrev::rewrite::Request::default(),
            &klarbrev::app::Allow::default(),
        )
        .unwrap();
        let c = &done.outcome.summary.facts;
        assert!(
            c.all_kept(),
            "{name}: changed {:?} lost {:?}",
            c.changed,
            c.lost
        );
    }
}
