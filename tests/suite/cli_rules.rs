//! The rules layer from the command line: `klarbrev rules`, `--disable` by
//! id, `kategori/id` or category in every command, and rule names in
//! `klarbrev.yaml` checked against the registry.

use super::*;

fn all_rules(v: &serde_json::Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("afslag.md"),
        "---\ntype: afgoerelse-afslag\ntitle: klagevejledning, 4 uger, Ankestyrelsen\n---\n\nDe meddeles hermed afslag på Deres ansøgning om sanktion, idet Deres indtægtsforhold overstiger grænsen for den pågældende ydelse efter gældende regler.\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_disables_a_built_in_rule_by_full_id_and_a_whole_category() {
    let lib = library();
    let out = klarbrev_in(lib.path(), &["check", "--format", "json"], None);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let before = all_rules(&json(&out));
    for rule in [
        "indhold/kontakt",
        "laesbarhed/lix-max",
        "indhold/klagevejledning",
    ] {
        assert!(before.contains(&rule.to_string()), "{rule}: {before:?}");
    }
    assert!(
        before.iter().any(|r| r.starts_with("fagord/")),
        "{before:?}"
    );
    for (off, gone) in [
        ("indhold/kontakt", "indhold/kontakt"),
        ("laesbarhed/lix-max", "laesbarhed/lix-max"),
        ("lix-max", "laesbarhed/lix-max"),
    ] {
        let out = klarbrev_in(
            lib.path(),
            &["check", "--format", "json", "--disable", off],
            None,
        );
        assert_ne!(code(&out), 2, "--disable {off}: {}", stderr(&out));
        let after = all_rules(&json(&out));
        assert!(!after.contains(&gone.to_string()), "{off}: {after:?}");
        assert_eq!(after.len() + 1, before.len(), "{off}: only {gone} goes");
    }
    let out = klarbrev_in(
        lib.path(),
        &["check", "--format", "json", "--disable", "fagord"],
        None,
    );
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let after = all_rules(&json(&out));
    assert!(!after.iter().any(|r| r.starts_with("fagord/")), "{after:?}");
}

#[test]
fn front_matter_never_satisfies_a_required_element() {
    let lib = library();
    let out = klarbrev_in(lib.path(), &["check", "--format", "json"], None);
    let rules = all_rules(&json(&out));
    for rule in [
        "indhold/klagevejledning",
        "indhold/klageinstans",
        "indhold/klagefrist",
    ] {
        assert!(rules.contains(&rule.to_string()), "{rule}: {rules:?}");
    }
}

#[test]
fn disable_in_the_config_and_in_score() {
    let lib = library();
    std::fs::write(
        lib.path().join("klarbrev.yaml"),
        "disable: [indhold/kontakt, fagord]\n",
    )
    .unwrap();
    let out = klarbrev_in(lib.path(), &["check", "--format", "json"], None);
    let rules = all_rules(&json(&out));
    assert!(!rules.contains(&"indhold/kontakt".to_string()), "{rules:?}");
    assert!(!rules.iter().any(|r| r.starts_with("fagord/")), "{rules:?}");
    // score reads the same config the same way.
    let out = klarbrev_in(
        lib.path(),
        &["score", "--format", "json", "afslag.md"],
        None,
    );
    let rules = all_rules(&json(&out));
    assert!(!rules.iter().any(|r| r.starts_with("fagord/")), "{rules:?}");
    assert!(rules.iter().any(|r| r.starts_with("tiltale/")), "{rules:?}");
}

#[test]
fn an_unknown_rule_is_an_error_naming_it_on_the_command_line_and_in_the_config() {
    let lib = library();
    for cmd in [&["check"][..], &["score", "afslag.md"], &["rules", "list"]] {
        let mut args = cmd.to_vec();
        args.extend(["--disable", "fremsend"]);
        let out = klarbrev_in(lib.path(), &args, None);
        assert_eq!(code(&out), 2, "{cmd:?}");
        let err = stderr(&out);
        assert!(
            err.contains("--disable fremsend: »fremsend« er hverken en regel eller en kategori")
                && err.contains("Mente du »fremsende«?"),
            "{cmd:?}: {err}"
        );
    }
    std::fs::write(
        lib.path().join("klarbrev.yaml"),
        "lix:\n  max: 40\nseverity:\n  fagord: info\n  kancelisprog: error\n",
    )
    .unwrap();
    let out = klarbrev_in(lib.path(), &["check"], None);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("klarbrev.yaml:5: »kancelisprog« er hverken en regel eller en kategori"),
        "{err}"
    );
}

#[test]
fn rules_explain_covers_built_in_and_lexicon_rules() {
    let out = klarbrev(&["rules", "explain", "lix-max"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for section in [
        "laesbarhed/lix-max",
        "Hvad den finder:",
        "Hvorfor:",
        "Eksempel:",
        "Rettelse:",
    ] {
        assert!(text.contains(section), "{section}: {text}");
    }
    let out = klarbrev(&["rules", "explain", "kancellisprog/fremsende"], None);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("Rettelse: sikker rettelse"),
        "{}",
        stdout(&out)
    );
    let out = klarbrev(&["rules", "list", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "laesbarhed/lix-max",
        "laesbarhed/lix-steget",
        "indhold/kontakt",
        "indhold/cpr-nummer",
        "klarbrev/ubrugt-undertrykkelse",
        "kancellisprog/fremsende",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let out = klarbrev(&["rules", "explain", "findes-ikke"], None);
    assert_eq!(code(&out), 2);
}
