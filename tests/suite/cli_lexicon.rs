//! The lexicon on the command line: findings in `score`, user lexicons,
//! switching rules off, and `klarbrev lexicon check|list|explain`.

use super::*;

fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const LETTER: &str = "Vi fremsender hermed brevet, og De bedes svare.\n";

fn rules(out: &Output) -> Vec<String> {
    json(out)["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn score_reports_lexicon_findings_with_fixes_and_positions() {
    let out = klarbrev(&["score", "--format", "json", "-"], Some(LETTER.as_bytes()));
    assert_eq!(code(&out), 1);
    let v = json(&out);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "kancellisprog/fremsende")
        .expect("fremsende");
    assert_eq!(f["category"], "kancellisprog");
    assert_eq!(f["matched"], "fremsender");
    assert_eq!(f["span"]["start"], 3);
    assert_eq!(f["span"]["end"], 13);
    assert_eq!(f["span"]["line"], 1);
    assert_eq!(f["span"]["column"], 4);
    assert_eq!(f["fixes"][0]["replacement"], "sender");
    assert_eq!(f["fixes"][0]["applicability"], "safe");
    assert!(!f["message"].as_str().unwrap().is_empty());
}

#[test]
fn human_findings_are_shown_rustc_style() {
    let out = klarbrev(&["score", "--color", "never", "-"], Some(LETTER.as_bytes()));
    let s = stdout(&out);
    assert!(s.contains("advarsel[kancellisprog/fremsende]: "), "{s}");
    assert!(s.contains(" --> -:1:4"), "{s}");
    assert!(s.contains("1 | Vi fremsender hermed brevet"), "{s}");
    assert!(s.contains("  |    ^^^^^^^^^^\n"), "{s}");
    assert!(s.contains("= forslag: »sender« (sikker rettelse)"), "{s}");
    assert!(s.contains("pr. 100 ord"), "{s}");
}

#[test]
fn fail_on_decides_the_exit_code() {
    let args = |level: &'static str| ["score", "--fail-on", level, "-"];
    assert_eq!(
        code(&klarbrev(&args("warning"), Some(LETTER.as_bytes()))),
        1
    );
    assert_eq!(code(&klarbrev(&args("error"), Some(LETTER.as_bytes()))), 0);
    assert_eq!(code(&klarbrev(&args("never"), Some(LETTER.as_bytes()))), 0);
    // »kl.« is only info.
    let info = "Mødet er kl. 10.".as_bytes();
    assert_eq!(code(&klarbrev(&args("warning"), Some(info))), 0);
    assert_eq!(code(&klarbrev(&args("info"), Some(info))), 1);
}

#[test]
fn disable_switches_a_rule_off_by_id_or_rule() {
    let all = rules(&klarbrev(
        &["score", "--format", "json", "-"],
        Some(LETTER.as_bytes()),
    ));
    assert!(all.contains(&"kancellisprog/fremsende".to_string()));
    for id in ["fremsende", "kancellisprog/fremsende"] {
        let out = klarbrev(
            &["score", "--format", "json", "--disable", id, "-"],
            Some(LETTER.as_bytes()),
        );
        let r = rules(&out);
        assert!(!r.contains(&"kancellisprog/fremsende".to_string()), "{r:?}");
        assert_eq!(r.len(), all.len() - 1);
    }
    let out = klarbrev(&["score", "--disable", "findes-ikke", "-"], Some(b"Hej."));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--disable findes-ikke"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_user_lexicon_adds_and_replaces_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "egne.yaml",
        r#"category: kommune
entries:
  - id: borgerservice-havnby
    severity: warning
    applicability: safe
    message: "Skriv »Borgerservice«."
    forms:
      - { form: BSH, replacement: Borgerservice }
    examples: ["Kom ned i BSH."]
  - id: fremsende
    severity: error
    applicability: unsafe
    message: "Vi skriver altid »sende«."
    forms:
      - { form: fremsender, replacement: sender }
    examples: ["Vi fremsender brevet."]
"#,
    );
    let d = dir.path().to_str().unwrap();
    let out = klarbrev(
        &["score", "--format", "json", "--lexicon", d, "-"],
        Some("Vi fremsender det til BSH.".as_bytes()),
    );
    let v = json(&out);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let fremsende = findings
        .iter()
        .find(|f| f["matched"] == "fremsender")
        .unwrap();
    assert_eq!(fremsende["rule"], "kommune/fremsende");
    assert_eq!(fremsende["severity"], "error");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "kommune/borgerservice-havnby")
    );
    // The shipped entry is gone, not doubled.
    assert!(
        !findings
            .iter()
            .any(|f| f["rule"] == "kancellisprog/fremsende")
    );
}

#[test]
fn a_broken_user_lexicon_is_an_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "forkert.yaml",
        "category: kommune\nentries:\n  - id: x\n    severity: meget\n",
    );
    let out = klarbrev(
        &["score", "--lexicon", dir.path().to_str().unwrap(), "-"],
        Some(b"Hej."),
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:4", path.display())), "{err}");
}

#[test]
fn lexicon_check_passes_on_the_shipped_lexicon() {
    let out = klarbrev(&["lexicon", "check"], None);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("Leksikonet er i orden"));
}

#[test]
fn lexicon_check_reports_problems_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "egne.yaml",
        r#"category: kommune
entries:
  - id: sende-videre
    severity: warning
    applicability: safe
    message: "Skriv »sende«."
    forms:
      - { form: sende videre }
      - { form: idet, replacement: såfremt }
    examples: ["Her står intet relevant."]
    near_misses: ["Vi vil sende videre i morgen."]
"#,
    );
    let out = klarbrev(&["lexicon", "check", dir.path().to_str().unwrap()], None);
    assert_eq!(code(&out), 1);
    let s = stdout(&out);
    let file = path.display().to_string();
    assert!(
        s.contains(&format!(
            "{file}:8: formen »sende videre« har ingen erstatning"
        )),
        "{s}"
    );
    assert!(
        s.contains(&format!(
            "{file}:9: formen »idet« hører også til »kancellisprog/idet«"
        )),
        "{s}"
    );
    assert!(s.contains(&format!("{file}:9: erstatningen »såfremt« for »idet« bliver selv fanget af »kancellisprog/saafremt«")), "{s}");
    assert!(
        s.contains("eksemplet »Her står intet relevant.« giver intet fund"),
        "{s}"
    );
    assert!(
        s.contains("near miss »Vi vil sende videre i morgen.« giver alligevel et fund"),
        "{s}"
    );
}

#[test]
fn lexicon_list_and_explain() {
    let out = klarbrev(&["lexicon", "list", "--category", "forkortelse"], None);
    assert_eq!(code(&out), 0);
    let s = stdout(&out);
    assert!(s.contains("forkortelse/jf"), "{s}");
    assert!(!s.contains("kancellisprog/"), "{s}");
    let out = klarbrev(&["lexicon", "list", "--format", "json"], None);
    let all = json(&out);
    assert!(all.as_array().unwrap().len() >= 400);
    let forms: usize = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["forms"].as_array().unwrap().len())
        .sum();
    assert!(forms >= 1200, "{forms}");

    let out = klarbrev(&["lexicon", "explain", "fremsender"], None);
    assert_eq!(code(&out), 0);
    let s = stdout(&out);
    assert!(s.contains("kancellisprog/fremsende"), "{s}");
    assert!(s.contains("Skriv i stedet: »sender«"), "{s}");
    assert!(s.contains("Eksempel: "), "{s}");
    let out = klarbrev(&["lexicon", "explain", "I", "HENHOLD", "til"], None);
    assert!(stdout(&out).contains("vendinger/i-henhold-til"));
    let out = klarbrev(&["lexicon", "explain", "sanktion"], None);
    assert!(stdout(&out).contains("Forklaring: "));
    let out = klarbrev(&["lexicon", "explain", "ordetfindesikke"], None);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("intet opslag"));
}
