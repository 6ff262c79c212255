//! `klarbrev check` over a small letter library.

use super::*;

/// A copy of the fixture library `tests/fixtures/bibliotek` (good and bad
/// letters, a stricter folder, an archive the config excludes, suppression
/// comments), so a test may change it.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&root().join("tests/fixtures/bibliotek"), dir.path());
    dir
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn check(dir: &std::path::Path, args: &[&str]) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    klarbrev_in(dir, &all, None)
}

fn rules_of(v: &serde_json::Value, path: &str) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(path))
        .unwrap_or_else(|| panic!("{path} mangler"))["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_walks_the_library_with_config_types_and_required_elements() {
    let lib = library();
    let out = check(lib.path(), &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "./breve/afgoerelser/afslag.md",
            "./breve/god-anmodning.md",
            "./breve/indkaldelse.md",
            "./breve/undertrykt.md"
        ]
    );
    // The good request lacks nothing and has nothing stiff.
    let good: Vec<String> = rules_of(&v, "god-anmodning.md")
        .into_iter()
        .filter(|r| !r.starts_with("fagord/"))
        .collect();
    assert_eq!(good, Vec::<String>::new());
    // Suppressed on its line, and the unused tone suppression is reported.
    let suppressed = rules_of(&v, "undertrykt.md");
    assert!(
        !suppressed.contains(&"kancellisprog/saafremt".to_string()),
        "{suppressed:?}"
    );
    assert!(
        suppressed.contains(&"klarbrev/ubrugt-undertrykkelse".to_string()),
        "{suppressed:?}"
    );
    let types: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["letter_type"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(types[0], "afgoerelse-afslag");
    assert_eq!(types[2], "indkaldelse");
    let summons = rules_of(&v, "indkaldelse.md");
    assert!(
        summons.contains(&"indhold/konsekvens".to_string()),
        "{summons:?}"
    );
    assert!(
        !summons.contains(&"indhold/dato".to_string()),
        "{summons:?}"
    );
    let decision = rules_of(&v, "afslag.md");
    for r in [
        "indhold/hjemmel",
        "indhold/klagevejledning",
        "laesbarhed/lix-max",
        "tiltale/de",
    ] {
        assert!(decision.contains(&r.to_string()), "{r}: {decision:?}");
    }
}

#[test]
fn human_output_has_findings_and_a_library_summary() {
    let lib = library();
    let out = check(lib.path(), &["--color", "never"]);
    let s = stdout(&out);
    assert!(s.contains("advarsel[indhold/konsekvens]"), "{s}");
    assert!(s.contains("Opsummering"), "{s}");
    assert!(s.contains("4 breve"), "{s}");
    assert!(s.contains("LIX median"), "{s}");
    assert!(s.contains("De hyppigste regler:"), "{s}");
}

#[test]
fn a_bad_config_names_key_file_and_line() {
    let lib = library();
    std::fs::write(lib.path().join("klarbrev.yaml"), "lix:\n  maks: 40\n").unwrap();
    let out = check(lib.path(), &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("klarbrev.yaml:2"), "{err}");
    assert!(err.contains("maks"), "{err}");
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_checked() {
    let lib = library();
    std::fs::write(lib.path().join("breve/binaer.txt"), b"\0\0\0").unwrap();
    let out = check(lib.path(), &["--format", "json"]);
    assert_eq!(code(&out), 2);
    let v = json(&out);
    assert_eq!(v["files"].as_array().unwrap().len(), 4);
    assert!(
        v["errors"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("binaer.txt")
    );
}

#[test]
fn suppressions_and_cpr_numbers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brev.md"),
        "<!-- klarbrev-disable-next-line kancellisprog -->\nSåfremt du vil.\n\nDit cpr-nummer er 010190-1234. Ring 72 36 00 00.\n\n<!-- klarbrev-disable tone -->\n",
    )
    .unwrap();
    let out = check(dir.path(), &["--format", "json", "--fail-on", "never"]);
    assert_eq!(code(&out), 0);
    let rules = rules_of(&json(&out), "brev.md");
    assert!(
        !rules.contains(&"kancellisprog/saafremt".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"indhold/cpr-nummer".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"klarbrev/ubrugt-undertrykkelse".to_string()),
        "{rules:?}"
    );
}

#[test]
fn a_baseline_fails_only_on_new_findings_and_rising_lix() {
    let lib = library();
    let base = lib.path().join("baseline.json");
    let out = check(lib.path(), &["--write-baseline", base.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(text.contains("\"rule\": \"tiltale/de\""), "{text}");
    assert!(!text.contains("\"line\""));
    // Nothing new: passes.
    let out = check(lib.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    // An edit above a known finding does not make it new; a new stiff word
    // does, and so does a harder letter.
    let path = lib.path().join("breve/afgoerelser/afslag.md");
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("Ny første linje.\n\n{old}")).unwrap();
    let out = check(lib.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    std::fs::write(
        &path,
        format!(
            "{old}\nEndvidere bemærkes uoverskueligheden af bestemmelsernes anvendelsesområde.\n"
        ),
    )
    .unwrap();
    let out = check(
        lib.path(),
        &["--baseline", base.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code(&out), 1);
    let rules = rules_of(&json(&out), "afslag.md");
    assert!(
        rules.contains(&"kancellisprog/endvidere".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"laesbarhed/lix-steget".to_string()),
        "{rules:?}"
    );
    assert!(!rules.contains(&"tiltale/de".to_string()), "{rules:?}");
}

#[test]
fn ci_formats_and_output_file() {
    let lib = library();
    let out = check(lib.path(), &["--format", "sarif", "--output", "r.sarif"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(lib.path().join("r.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    let out = check(lib.path(), &["--format", "junit"]);
    let s = stdout(&out);
    assert!(s.contains("<testsuites") && s.contains("<failure"), "{s}");
    let out = check(lib.path(), &["--format", "github"]);
    let s = stdout(&out);
    assert!(
        s.contains("::warning file=breve/indkaldelse.md,")
            || s.contains("::warning file=./breve/indkaldelse.md,"),
        "{s}"
    );
}

/// A minimal Word file with the given paragraphs.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write as _;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn word_files_are_checked_and_broken_ones_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brev.docx"),
        docx(&[
            "Kære «Navn»",
            "Vi fremsender hermed brevet. Ring 72 36 00 00.",
        ]),
    )
    .unwrap();
    let good = docx(&["Hej."]);
    std::fs::write(dir.path().join("halv.docx"), &good[..good.len() / 2]).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 64]);
    std::fs::write(dir.path().join("laast.dotx"), ole).unwrap();
    let out = check(dir.path(), &["--format", "json"]);
    assert_eq!(code(&out), 2);
    let v = json(&out);
    let f = &v["files"][0];
    assert_eq!(f["format"], "docx");
    assert_eq!(f["metrics"]["words"], 11);
    let rules = rules_of(&v, "brev.docx");
    assert!(
        rules.contains(&"kancellisprog/fremsende".to_string()),
        "{rules:?}"
    );
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    let msg = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        msg("halv.docx").contains("beskadiget") || msg("halv.docx").contains("ikke en gyldig"),
        "{}",
        msg("halv.docx")
    );
    assert!(
        msg("laast.dotx").contains("adgangskode"),
        "{}",
        msg("laast.dotx")
    );
}

/// SARIF from `check` is valid against the official SARIF 2.1.0 schema.
/// The schema is not in the repository: `.ci/run` installs the npm package
/// that ships it (see `.ci/validate-sarif.py`). Where it is missing, this
/// test fails in CI and only says so elsewhere.
#[test]
fn sarif_is_valid_against_the_schema() {
    let lib = library();
    std::fs::write(
        lib.path().join("breve/cpr.txt"),
        "Cpr 010190-1234, ring 72 36 00 00.\n",
    )
    .unwrap();
    let out = check(
        lib.path(),
        &[
            "--format",
            "sarif",
            "--output",
            "r.sarif",
            ".",
            "findes-ikke",
        ],
    );
    assert_eq!(code(&out), 2);
    let validator = root().join(".ci/validate-sarif.py");
    let result = std::process::Command::new("python3")
        .arg(&validator)
        .arg(lib.path().join("r.sarif"))
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&result.stdout).to_string()
        + &String::from_utf8_lossy(&result.stderr);
    match result.status.code() {
        Some(0) => {}
        Some(2) if std::env::var_os("CI").is_none() => {
            eprintln!("SARIF-skemaet er ikke installeret her; kør .ci/run for at tjekke: {said}");
        }
        _ => panic!("SARIF er ikke gyldig: {said}"),
    }
}
