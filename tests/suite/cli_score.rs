//! `klarbrev score` on real files and on bad input.

use super::*;

const EXAMPLES: [&str; 5] = [
    "afgoerelse-bevilling.md",
    "afgoerelse-sanktion.txt",
    "anmodning-dokumentation.md",
    "indkaldelse-samtale.txt",
    "partshoering.md.tera",
];

#[test]
fn scores_every_example_letter_as_hard_to_read() {
    let out = klarbrev(&["score", "--format", "json", "examples"], None);
    // The stiff examples are full of kancellisprog: findings, exit 1.
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    // A directory is walked in path order.
    let expected: Vec<String> = EXAMPLES.iter().map(|e| format!("examples/{e}")).collect();
    assert_eq!(paths, expected);
    for f in files {
        let m = &f["metrics"];
        let lix = m["lix"].as_f64().unwrap();
        // The examples are written in the stiff style klarbrev exists for.
        assert!(lix >= 45.0, "{}: LIX {lix}", f["path"]);
        assert!(["svær", "meget svær"].contains(&m["lix_band"].as_str().unwrap()));
        let sentences = f["sentences"].as_array().unwrap();
        assert_eq!(sentences.len() as u64, m["sentences"].as_u64().unwrap());
        let words: u64 = sentences.iter().map(|s| s["words"].as_u64().unwrap()).sum();
        assert_eq!(words, m["words"].as_u64().unwrap());
        assert!(!f["long_sentences"].as_array().unwrap().is_empty());
        let findings = f["findings"].as_array().unwrap();
        assert!(
            findings.len() > 20,
            "{}: {} findings",
            f["path"],
            findings.len()
        );
        let by_category = m["findings_by_category"].as_object().unwrap();
        let total: u64 = by_category.values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(total as usize, findings.len());
        assert!(m["findings_per_100_words"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(v["errors"], serde_json::json!([]));
}

#[test]
fn json_contract_fields_are_where_the_readme_says() {
    let out = klarbrev(
        &[
            "score",
            "--format",
            "json",
            "examples/anmodning-dokumentation.md",
        ],
        None,
    );
    let v = json(&out);
    let f = &v["files"][0];
    assert_eq!(f["format"], "markdown");
    assert_eq!(f["encoding"], "utf-8");
    assert_eq!(f["metadata"]["type"], "anmodning");
    for key in [
        "words",
        "sentences",
        "long_words",
        "lix",
        "lix_band",
        "avg_sentence_words",
        "max_sentence_words",
    ] {
        assert!(f["metrics"].get(key).is_some(), "metrics.{key}");
    }
    let s = &f["sentences"][0];
    assert!(s["start"].is_u64() && s["end"].is_u64() && s["words"].is_u64());
    // Front matter is never scored: the first sentence starts after it.
    let text = std::fs::read_to_string(example("anmodning-dokumentation.md")).unwrap();
    let body = text[3..].find("\n---").unwrap() + 3;
    assert!(s["start"].as_u64().unwrap() as usize > body);
}

#[test]
fn tera_templates_report_format_tera() {
    let out = klarbrev(
        &["score", "--format", "json", "examples/partshoering.md.tera"],
        None,
    );
    assert_eq!(json(&out)["files"][0]["format"], "tera");
}

#[test]
fn human_output_has_summary_and_long_sentences_with_positions() {
    let out = klarbrev(&["score", "examples/indkaldelse-samtale.txt"], None);
    assert_eq!(code(&out), 1);
    let s = stdout(&out);
    assert!(s.starts_with("examples/indkaldelse-samtale.txt\n"), "{s}");
    assert!(s.contains("LIX "), "{s}");
    assert!(s.contains(" ord pr. sætning"), "{s}");
    assert!(s.contains("lange ord"), "{s}");
    assert!(s.contains("Lange sætninger (over 25 ord):"), "{s}");
    // Each long sentence starts with line:column.
    let line = s
        .lines()
        .find(|l| l.contains(" ord: "))
        .expect("a long sentence");
    let pos = line.split_whitespace().next().unwrap();
    let (l, c) = pos.split_once(':').unwrap();
    assert!(
        l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(),
        "{line}"
    );
    // Not a terminal: no colour.
    assert!(!s.contains('\x1b'));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color_on_auto() {
    let out = klarbrev(
        &[
            "score",
            "--color",
            "always",
            "examples/indkaldelse-samtale.txt",
        ],
        None,
    );
    assert!(stdout(&out).contains("\x1b["));
    let out = klarbrev(
        &[
            "score",
            "--color",
            "never",
            "examples/indkaldelse-samtale.txt",
        ],
        None,
    );
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn missing_file_is_a_danish_error_naming_it() {
    let out = klarbrev(
        &[
            "score",
            "findes-ikke.txt",
            "examples/indkaldelse-samtale.txt",
        ],
        None,
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("findes-ikke.txt"), "{err}");
    assert!(err.contains("findes ikke"), "{err}");
    // The other letter is still scored.
    assert!(stdout(&out).contains("examples/indkaldelse-samtale.txt"));
}

#[test]
fn a_binary_file_among_good_ones_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Kære Åse. Du er velkommen.").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"PK\x03\x04\0\0binary\0").unwrap();
    std::fs::write(dir.path().join("c.md"), "# Hej\n\nVi ses.").unwrap();
    std::fs::write(dir.path().join("d.pdf"), b"%PDF\0").unwrap();
    let out = klarbrev_in(dir.path(), &["score", "--format", "json", "."], None);
    assert_eq!(code(&out), 2);
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./a.txt", "./c.md"]);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "./b.txt");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("Ikke en tekstfil")
    );
    assert!(stderr(&out).contains("./b.txt"));
}

#[test]
fn windows_1252_is_decoded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.txt");
    // "Kære Søren. Vi har modtaget Deres brev." in Windows-1252.
    std::fs::write(&path, b"K\xe6re S\xf8ren. Vi har modtaget Deres brev.").unwrap();
    let out = klarbrev(&["score", "--format", "json", path.to_str().unwrap()], None);
    assert_eq!(code(&out), 1); // »Deres« is a finding
    let f = &json(&out)["files"][0];
    assert_eq!(f["encoding"], "windows-1252");
    assert!(f["notes"][0].as_str().unwrap().contains("Windows-1252"));
    assert_eq!(f["metrics"]["words"], 7);
    assert_eq!(f["metrics"]["long_words"], 1); // modtaget
    let out = klarbrev(&["score", path.to_str().unwrap()], None);
    assert!(stdout(&out).contains("bemærk: Filen er ikke gyldig UTF-8"));
}

#[test]
fn utf16_with_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("word.txt");
    let text = "Kære Åse\r\nDu skal komme.\r\n\r\nMed venlig hilsen";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let out = klarbrev(&["score", "--format", "json", path.to_str().unwrap()], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let f = &json(&out)["files"][0];
    assert_eq!(f["encoding"], "utf-16le");
    assert_eq!(f["metrics"]["words"], 8);
    assert_eq!(f["metrics"]["sentences"], 2);
}

#[test]
fn empty_file_has_no_lix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tom.md");
    std::fs::write(&path, "").unwrap();
    let out = klarbrev(&["score", "--format", "json", path.to_str().unwrap()], None);
    assert_eq!(code(&out), 0);
    let m = &json(&out)["files"][0]["metrics"];
    assert_eq!(m["words"], 0);
    assert!(m["lix"].is_null());
    assert!(m["lix_band"].is_null());
    assert!(m["avg_sentence_words"].is_null());
    let out = klarbrev(&["score", path.to_str().unwrap()], None);
    assert!(stdout(&out).contains("LIX – (ingen ord)"));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let out = klarbrev(
        &["score", "--format", "json", "-"],
        Some("Du skal komme den 3. marts kl. 10. Ring, hvis du er syg!".as_bytes()),
    );
    assert_eq!(code(&out), 0);
    let f = &json(&out)["files"][0];
    assert_eq!(f["path"], "-");
    assert_eq!(f["format"], "txt");
    assert_eq!(f["metrics"]["sentences"], 2);
    let out = klarbrev(
        &[
            "score",
            "--format",
            "json",
            "--stdin-format",
            "markdown",
            "-",
        ],
        Some(b"# Overskrift\n\nTekst her."),
    );
    let f = &json(&out)["files"][0];
    assert_eq!(f["format"], "markdown");
    assert_eq!(f["metrics"]["sentences"], 2);
}

#[test]
fn fail_lix_turns_a_hard_letter_into_a_finding() {
    let out = klarbrev(
        &[
            "score",
            "--format",
            "json",
            "--fail-lix",
            "45",
            "examples/indkaldelse-samtale.txt",
        ],
        None,
    );
    assert_eq!(code(&out), 1);
    let f = &json(&out)["files"][0]["findings"][0];
    assert_eq!(f["rule"], "laesbarhed/lix-max");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["span"]["line"], 1);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("over grænsen på 45,0")
    );
    // Under the limit: no finding.
    let out = klarbrev(
        &[
            "score",
            "--fail-lix",
            "90",
            "--fail-on",
            "error",
            "examples/indkaldelse-samtale.txt",
        ],
        None,
    );
    assert_eq!(code(&out), 0);
}

#[test]
fn bad_front_matter_is_an_error_for_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.md");
    std::fs::write(&path, "---\ntype: [indkaldelse\n---\nHej.\n").unwrap();
    let out = klarbrev(&["score", path.to_str().unwrap()], None);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("brev.md"), "{err}");
    assert!(err.contains("Front matter"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&klarbrev(&["score"], None)), 2);
    assert_eq!(code(&klarbrev(&["score", "--format", "xml", "x"], None)), 2);
    assert_eq!(
        code(&klarbrev(&["score", "--fail-lix", "-3", "examples"], None)),
        2
    );
}

#[test]
fn usage_errors_and_help_are_danish() {
    let out = klarbrev(&["score", "--formt", "json", "examples"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("ukendt tilvalg »--formt« – mente du »--format«?"));
    let out = klarbrev(&["score", "--format", "xml", "examples"], None);
    assert!(
        stderr(&out).contains("ugyldig værdi »xml«"),
        "{}",
        stderr(&out)
    );
    let out = klarbrev(&["score", "--help"], None);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Brug: klarbrev score [TILVALG] <STI>..."));
}
