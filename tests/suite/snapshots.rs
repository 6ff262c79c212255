//! Snapshot tests (insta) of every output format on the example letters.
//! A change to any emitter shows up as a reviewable diff of its whole
//! output (`cargo insta review`, or set INSTA_UPDATE=always and read the
//! `.snap.new` files). Paths are relative to the repository root, so the
//! snapshots are the same on every machine; the version is redacted.

use super::{code, klarbrev, stderr, stdout};

/// Runs klarbrev from the repository root and returns its standard output
/// with the crate's version replaced, after checking the exit code.
fn output(args: &[&str], expected_code: i32) -> String {
    let out = klarbrev(args, None);
    assert_eq!(
        code(&out),
        expected_code,
        "klarbrev {args:?}: {}",
        stderr(&out)
    );
    stdout(&out).replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn check_every_format_on_the_examples() {
    let s = settings();
    for format in ["human", "json", "sarif", "junit", "github"] {
        let text = output(
            &["check", "examples", "--format", format, "--color", "never"],
            1,
        );
        s.bind(|| insta::assert_snapshot!(format!("check_{format}"), text));
    }
}

#[test]
fn score_both_formats_on_each_example() {
    let s = settings();
    for letter in [
        "afgoerelse-bevilling.md",
        "afgoerelse-sanktion.txt",
        "anmodning-dokumentation.md",
        "indkaldelse-samtale.txt",
        "partshoering.md.tera",
    ] {
        let path = format!("examples/{letter}");
        let stem = letter.split('.').next().unwrap_or(letter);
        for format in ["human", "json"] {
            let text = output(
                &[
                    "score",
                    &path,
                    "--format",
                    format,
                    "--fail-on",
                    "never",
                    "--color",
                    "never",
                ],
                0,
            );
            s.bind(|| insta::assert_snapshot!(format!("score_{format}_{stem}"), text));
        }
    }
}

#[test]
fn rewrite_and_diff_formats() {
    let s = settings();
    let letter = "examples/indkaldelse-samtale.txt";
    for format in ["human", "json"] {
        let text = output(
            &["rewrite", letter, "--format", format, "--color", "never"],
            0,
        );
        s.bind(|| insta::assert_snapshot!(format!("rewrite_{format}"), text));
    }
    let old = "tests/fixtures/diff/gammel.txt";
    let new = "tests/fixtures/diff/ny.txt";
    for format in ["human", "unified", "json"] {
        let text = output(
            &["diff", old, new, "--format", format, "--color", "never"],
            1,
        );
        s.bind(|| insta::assert_snapshot!(format!("diff_{format}"), text));
    }
}

#[test]
fn rules_explain() {
    let s = settings();
    let text = output(&["rules", "explain", "lix-max"], 0);
    s.bind(|| insta::assert_snapshot!("rules_explain_lix_max", text));
    let text = output(&["rules", "explain", "kancellisprog/saafremt"], 0);
    s.bind(|| insta::assert_snapshot!("rules_explain_saafremt", text));
}
