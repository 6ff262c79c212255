//! `klarbrev rewrite` and `klarbrev diff` on real files.

use super::*;

const STIFF: &str = "Kære Åse\n\nVi FREMSENDER hermed brevet. Endvidere  skal du svare,\nsåfremt du kan, senest den 14. april 2026 kl. 12.\n";

fn temp_letter(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn rewrite_applies_safe_fixes_and_keeps_the_rest_byte_for_byte() {
    let out = klarbrev(&["rewrite", "-"], Some(STIFF.as_bytes()));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "Kære Åse\n\nVi SENDER hermed brevet. Desuden  skal du svare,\nhvis du kan,"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("senest den 14. april 2026 kl. 12.\n"),
        "{text}"
    );
    let err = stderr(&out);
    assert!(err.contains("rettelser"), "{err}");
    assert!(err.contains("0 tabt"), "{err}");
}

#[test]
fn rewrite_to_a_file_and_in_place_and_again_changes_nothing() {
    let (dir, path) = temp_letter(STIFF);
    let target = dir.path().join("ny.txt");
    let out = klarbrev(
        &[
            "rewrite",
            path.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let first = std::fs::read_to_string(&target).unwrap();
    assert!(first.contains("SENDER"));
    let out = klarbrev(&["rewrite", "--in-place", target.to_str().unwrap()], None);
    assert_eq!(code(&out), 0);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), first);
    // Nothing but the two letters in the directory: no temporary files left.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn unsafe_fixes_only_with_the_flag() {
    let text = "Det sker, idet du er syg.\n";
    let out = klarbrev(&["rewrite", "-"], Some(text.as_bytes()));
    assert_eq!(stdout(&out), text);
    let out = klarbrev(&["rewrite", "--unsafe-fixes", "-"], Some(text.as_bytes()));
    assert_eq!(stdout(&out), "Det sker, fordi du er syg.\n");
}

/// A user lexicon whose »safe« fix drops a phone number: the gate must
/// stop it.
pub(crate) fn lossy_lexicon() -> tempfile::TempDir {
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
    dir
}

#[test]
fn a_rewrite_that_loses_a_fact_is_refused_and_nothing_is_written() {
    let lex = lossy_lexicon();
    let (dir, path) = temp_letter("Har du spørgsmål, så ring på 72 36 00 00.\n");
    let target = dir.path().join("ny.txt");
    let args = [
        "rewrite",
        "--lexicon",
        lex.path().to_str().unwrap(),
        path.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ];
    let out = klarbrev(&args, None);
    assert_eq!(code(&out), 1);
    assert!(!target.exists());
    let err = stderr(&out);
    assert!(
        err.contains("tabt: telefonnummer »72 36 00 00« (linje 1:30)"),
        "{err}"
    );
    assert!(err.contains("er ikke skrevet"), "{err}");
    let mut allowed = args.to_vec();
    allowed.extend(["--drop-fact", "phone:72 36 00 00"]);
    let out = klarbrev(&allowed, None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "Har du spørgsmål, så ring til os.\n"
    );
}

const SUMMONS: &str = "De indkaldes hermed til samtale den 17. marts 2026 kl. 10.00-10.45.\n\nRing på tlf. 72 36 00 00 eller skriv til jobcenter@havnby.dk.\n";

#[test]
fn rewrite_with_a_template_fills_facts_and_marks_what_is_missing() {
    let args = [
        "rewrite",
        "--template",
        "indkaldelse",
        "--set",
        "navn=Åse Hansen",
        "-",
    ];
    let out = klarbrev(&args, Some(SUMMONS.as_bytes()));
    let err = stderr(&out);
    // Gaps remain, so the gate refuses and nothing is written.
    assert_eq!(code(&out), 1, "{err}");
    assert_eq!(stdout(&out), "");
    assert!(err.contains("fra brevet, linje 1:"), "{err}");
    assert!(err.contains("givet med --set/--facts"), "{err}");
    assert!(err.contains("MANGLER – giv den med --set"), "{err}");
    assert!(err.contains("0 tabt"), "{err}");
    assert!(err.contains("[MANGLER: …]"), "{err}");
    // The template's own legal statement is listed for a person to check.
    assert!(
        err.contains("tilføjet – tjek: lovhenvisning »lov om aktiv socialpolitik § "),
        "{err}"
    );
    // The draft itself is in the JSON answer, to be completed.
    let mut json_args = args.to_vec();
    json_args.insert(1, "--format=json");
    let out = klarbrev(&json_args, Some(SUMMONS.as_bytes()));
    assert_eq!(code(&out), 1);
    let v = json(&out);
    assert_eq!(v["gate"]["verdict"], "refused");
    assert!(v["gate"]["missing"].as_u64().unwrap() >= 1);
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Åse Hansen"), "{text}");
    assert!(text.contains("17. marts 2026"), "{text}");
    assert!(text.contains("10.00") && text.contains("10.45"), "{text}");
    assert!(text.contains("72 36 00 00"), "{text}");
    assert!(text.contains("[MANGLER: "), "{text}");
}

#[test]
fn template_auto_says_which_cue_decided_and_facts_files_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("fakta.yaml");
    std::fs::write(
        &facts,
        "navn: Åse Hansen\nmoedeform: du møder op hos os\nsagsbehandler: Henriette Bach\nkommune: Jobcenter Havnby\n",
    )
    .unwrap();
    let out = klarbrev(
        &[
            "rewrite",
            "--template",
            "auto",
            "--facts",
            facts.to_str().unwrap(),
            "-",
        ],
        Some(SUMMONS.as_bytes()),
    );
    let err = stderr(&out);
    assert_eq!(code(&out), 0, "{err}");
    assert!(
        err.contains("skabelon »indkaldelse« (valgt, fordi brevet skriver »"),
        "{err}"
    );
    let text = stdout(&out);
    assert!(!text.contains("[MANGLER"), "{text}");
    assert!(text.contains("Henriette Bach"), "{text}");
    let out = klarbrev(
        &["rewrite", "--template", "findes-ikke", "-"],
        Some(b"Hej."),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("Mulige skabeloner"));
}

#[test]
fn rewrite_json_lists_fixes_facts_and_text() {
    let out = klarbrev(
        &["rewrite", "--format", "json", "-"],
        Some(STIFF.as_bytes()),
    );
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert!(v["text"].as_str().unwrap().contains("SENDER"));
    assert!(v["applied"].as_array().unwrap().len() >= 3);
    assert_eq!(v["summary"]["facts"]["lost"], serde_json::json!([]));
    assert!(v["summary"]["before"]["lix"].is_number());
}

#[test]
fn rewrite_json_carries_the_invented_facts_and_the_gates_verdict() {
    let lex = lossy_lexicon();
    let lex = lex.path().to_str().unwrap();
    let letter = "Har du spørgsmål, så ring på 72 36 00 00.\n";
    let args = ["rewrite", "--format", "json", "--lexicon", lex, "-"];
    let out = klarbrev(&args, Some(letter.as_bytes()));
    assert_eq!(code(&out), 1, "the phone number is lost");
    let v = json(&out);
    assert_eq!(v["invented"], serde_json::json!([]));
    assert_eq!(
        v["gate"],
        serde_json::json!({ "verdict": "refused", "refused": true, "lost": 1, "changed": 0, "missing": 0 })
    );
    assert_eq!(v["written"], serde_json::Value::Null);
    let mut allowed = args.to_vec();
    allowed.insert(1, "--drop-fact=phone:72360000");
    let v = json(&klarbrev(&allowed, Some(letter.as_bytes())));
    assert_eq!(v["gate"]["verdict"], "allowed");
    let v = json(&klarbrev(
        &["rewrite", "--format", "json", "-"],
        Some(STIFF.as_bytes()),
    ));
    assert_eq!(v["gate"]["verdict"], "kept");
    assert_eq!(v["gate"]["refused"], false);
}

#[test]
fn diff_shows_words_and_the_before_after_table() {
    let (dir, old) = temp_letter(STIFF);
    let new = dir.path().join("ny.txt");
    std::fs::write(
        &new,
        "Kære Åse\n\nVi sender brevet. Svar, hvis du kan, senest den 14. april 2026.\n",
    )
    .unwrap();
    let out = klarbrev(
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&out), 1, "the time »kl. 12« is lost");
    let s = stdout(&out);
    assert!(s.contains("[-FREMSENDER hermed-]{+sender+}"), "{s}");
    assert!(s.contains("LIX"), "{s}");
    assert!(s.contains("fund: kancellisprog"), "{s}");
    assert!(s.contains("tabt: tidspunkt »kl. 12« (linje 4:43)"), "{s}");
    let out = klarbrev(
        &["diff", old.to_str().unwrap(), old.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&out), 0);
}

#[test]
fn diff_json_has_operations_with_byte_spans() {
    let (dir, old) = temp_letter("Vi fremsender brevet.\n");
    let new = dir.path().join("ny.txt");
    std::fs::write(&new, "Vi sender brevet.\n").unwrap();
    let out = klarbrev(
        &[
            "diff",
            "--format",
            "json",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
        None,
    );
    let v = json(&out);
    let ops = v["ops"].as_array().unwrap();
    let del = ops.iter().find(|o| o["op"] == "delete").unwrap();
    assert_eq!(del["text"], "fremsender");
    assert_eq!(del["old"]["start"], 3);
    assert_eq!(del["old"]["end"], 13);
    let ins = ops.iter().find(|o| o["op"] == "insert").unwrap();
    assert_eq!(ins["new"]["start"], 3);
    assert_eq!(ins["new"]["end"], 9);
    assert_eq!(v["summary"]["facts"]["lost"], serde_json::json!([]));
    assert_eq!(v["gate"]["verdict"], "kept");
}

#[test]
fn unified_diff_applies_with_git() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("brev.txt");
    let new = dir.path().join("ny.txt");
    std::fs::write(&old, STIFF).unwrap();
    let rewritten = stdout(&klarbrev(&["rewrite", old.to_str().unwrap()], None));
    std::fs::write(&new, &rewritten).unwrap();
    let out = klarbrev_in(
        dir.path(),
        &["diff", "--format", "unified", "brev.txt", "ny.txt"],
        None,
    );
    let patch = stdout(&out);
    assert!(
        patch.starts_with("--- a/brev.txt\n+++ b/brev.txt\n"),
        "{patch}"
    );
    std::fs::write(dir.path().join("p.diff"), &patch).unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git runs")
    };
    assert!(git(&["init", "-q"]).status.success());
    let applied = git(&["apply", "p.diff"]);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert_eq!(std::fs::read_to_string(&old).unwrap(), rewritten);
}

#[test]
fn every_example_letter_rewrites_with_no_lost_fact_and_a_lower_lix() {
    for name in [
        "afgoerelse-bevilling.md",
        "afgoerelse-sanktion.txt",
        "anmodning-dokumentation.md",
        "indkaldelse-samtale.txt",
        "partshoering.md.tera",
    ] {
        let path = example(name);
        for extra in [None, Some("--unsafe-fixes")] {
            let mut args = vec!["rewrite", "--format", "json", path.to_str().unwrap()];
            args.extend(extra);
            let out = klarbrev(&args, None);
            assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
            let v = json(&out);
            let s = &v["summary"];
            assert_eq!(s["facts"]["lost"], serde_json::json!([]), "{name}");
            let (before, after) = (
                s["before"]["lix"].as_f64().unwrap(),
                s["after"]["lix"].as_f64().unwrap(),
            );
            assert!(after < before, "{name} {extra:?}: LIX {before} → {after}");
            assert!(s["after"]["findings"].as_u64() < s["before"]["findings"].as_u64());
        }
    }
}

fn changes(out: &Output) -> usize {
    json(out)["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["op"] != "equal")
        .count()
}

#[test]
fn diffs_of_identical_empty_and_reencoded_letters_have_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    std::fs::write(p("a.txt"), STIFF).unwrap();
    std::fs::write(p("tom1.txt"), "").unwrap();
    std::fs::write(p("tom2.txt"), "").unwrap();
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(STIFF);
    std::fs::write(p("gammel.txt"), &*latin1).unwrap();

    for (old, new) in [
        ("a.txt", "a.txt"),
        ("tom1.txt", "tom2.txt"),
        ("gammel.txt", "a.txt"),
    ] {
        let out = klarbrev(&["diff", "--format", "json", &p(old), &p(new)], None);
        assert_eq!(code(&out), 0, "{old} {new}: {}", stderr(&out));
        assert_eq!(changes(&out), 0, "{old} {new}");
        let out = klarbrev(&["diff", "--format", "unified", &p(old), &p(new)], None);
        assert_eq!(stdout(&out), "", "{old} {new}");
    }
}

/// Slots are filled by role: the meeting's date is never the letter's
/// date, and the letter's date goes to `brevdato`, in whichever order the
/// letter has them.
#[test]
fn template_slots_take_facts_in_their_role() {
    for letter in [
        "Havnby, 1. marts 2026\n\nVi indkalder dig til samtale den 17. marts 2026 kl. 10.00-10.45.\n",
        "Dato: 1. marts 2026\n\nDu skal komme til en samtale. Samtalen er den 17. marts 2026 kl. 10.00-10.45.\n",
    ] {
        let out = klarbrev(
            &[
                "rewrite",
                "--template",
                "indkaldelse",
                "--format",
                "json",
                "-",
            ],
            Some(letter.as_bytes()),
        );
        let v = json(&out);
        let value = |name: &str| slot(&v, name)["value"].as_str().unwrap_or("").to_string();
        assert_eq!(value("dato"), "17. marts 2026", "{letter}");
        assert_eq!(value("brevdato"), "1. marts 2026", "{letter}");
        assert_eq!(value("tid_start"), "10.00");
        assert_eq!(value("tid_slut"), "10.45");
    }
}

/// `municipality:` in klarbrev.yaml fills the sender's slots the letter
/// does not, and says so; the letter's own facts still come first.
#[test]
fn the_municipality_in_the_config_fills_the_senders_slots() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("klarbrev.yaml"),
        "municipality:\n  name: Jobcenter Strandby\n  phone: 70 10 20 30\n  opening_hours: mandag til fredag kl. 9-12\n",
    )
    .unwrap();
    let letter = "De indkaldes til samtale den 17. marts 2026 kl. 10.00-10.45.\n";
    let out = super::klarbrev_in(
        dir.path(),
        &[
            "rewrite",
            "--template",
            "indkaldelse",
            "--format",
            "json",
            "-",
        ],
        Some(letter.as_bytes()),
    );
    let v = json(&out);
    let slot = |name: &str| slot(&v, name);
    assert_eq!(slot("kommune")["value"], "Jobcenter Strandby");
    assert_eq!(slot("kommune")["origin"]["from"], "config");
    assert_eq!(slot("telefon")["value"], "70 10 20 30");
    assert_eq!(slot("dato")["origin"]["from"], "original");
    assert!(v["text"].as_str().unwrap().contains("Jobcenter Strandby"));

    std::fs::write(
        dir.path().join("klarbrev.yaml"),
        "municipality:\n  navn: X\n",
    )
    .unwrap();
    let out = super::klarbrev_in(dir.path(), &["rewrite", "-"], Some(letter.as_bytes()));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("klarbrev.yaml"), "{}", stderr(&out));
}

/// The filled slot `name` of a rewrite's JSON answer.
fn slot(v: &serde_json::Value, name: &str) -> serde_json::Value {
    v["template"]["facts"]
        .as_array()
        .and_then(|facts| facts.iter().find(|f| f["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("no slot {name}: {v}"))
}
