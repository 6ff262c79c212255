//! Compiles the shipped lexicon ahead, so that the binary starts in a
//! fraction of a millisecond: every `lexicon/*.yaml` is read here once and
//! turned into Rust data (no YAML parsing at run time), and every surface
//! form is compiled into one Aho-Corasick automaton (daachorse), which is
//! stored serialized and only loaded at run time.
//!
//! The test suite reads the same files as YAML with the strict schema of
//! `src/lexicon/schema.rs` (`klarbrev lexicon check`), so a mistake in the
//! data is reported there with its line; this script only refuses what it
//! cannot turn into data.

#[path = "src/lexicon/shared.rs"]
#[allow(dead_code)]
mod shared;

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let dir = root.join("lexicon");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/lexicon/shared.rs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("lexicon/ kan ikke læses")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();

    let mut code = String::new();
    let mut patterns = shared::Patterns::new();
    let mut entry_index = 0u32;
    code.push_str("pub static FILES: &[StaticFile] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!(
            "lexicon/{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
        );
        let yaml = std::fs::read_to_string(path).expect("lexicon file is UTF-8");
        let value: Value = match serde_yaml::from_str(&yaml) {
            Ok(v) => v,
            Err(e) => panic!("{name}: ugyldig YAML: {e}"),
        };
        let lines = shared::LineFinder::new(&yaml);
        let category = str_field(&value, "category", &name);
        writeln!(
            code,
            "  StaticFile {{ name: {name:?}, yaml: include_str!({:?}), entries: &[",
            path.display().to_string()
        )
        .unwrap();
        let mut next = 1;
        for entry in value["entries"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let id = str_field(entry, "id", &name);
            let where_ = format!("{name}, {id}");
            let rule = format!("{category}/{id}");
            let line = lines.find("id:", &id, next);
            next = line + 1;
            let mut form_from = line;
            let mut forms = String::new();
            for (fi, f) in entry["forms"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                let form = str_field(f, "form", &where_);
                let fl = lines.find("form:", &form, form_from);
                form_from = fl + 1;
                let replacement = f["replacement"].as_str();
                write!(
                    forms,
                    "StaticForm {{ form: {form:?}, replacement: {replacement:?}, line: {fl} }}, "
                )
                .unwrap();
                shared::add_pattern(&mut patterns, &form, entry_index, fi as u32);
            }
            let strings = |key: &str| -> String {
                entry[key]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(|s| format!("{s:?}, "))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            writeln!(
                code,
                "    StaticEntry {{ id: {id:?}, rule: {rule:?}, category: {category:?}, severity: Severity::{}, applicability: Applicability::{}, message: {:?}, explanation: {:?}, compound: Compound::{}, match_case: {}, position: Position::{}, ends_sentence: {}, once: {}, forms: &[{forms}], examples: &[{}], near_misses: &[{}], line: {line} }},",
                variant(entry, "severity", &["info", "warning", "error"], None, &where_),
                variant(entry, "applicability", &["safe", "unsafe", "display"], None, &where_),
                str_field(entry, "message", &where_),
                entry["explanation"].as_str(),
                variant(entry, "compound", &["none", "prefix", "suffix", "both"], Some("none"), &where_),
                entry["match_case"].as_bool().unwrap_or(false),
                variant(entry, "position", &["any", "sentence_start", "mid_sentence"], Some("any"), &where_),
                entry["ends_sentence"].as_bool().unwrap_or(true),
                entry["once"].as_bool().unwrap_or(false),
                strings("examples"),
                strings("near_misses"),
            )
            .unwrap();
            entry_index += 1;
        }
        code.push_str("  ]},\n");
    }
    code.push_str("];\n");

    // One automaton over every distinct normalized form; its value is an
    // index into TARGETS, the (entry, form) pairs that share the form.
    let automaton =
        shared::compile(&patterns).expect("the lexicon's forms compile into an automaton");
    let bin = out.join("lexicon_automaton.bin");
    std::fs::write(&bin, automaton.serialize()).expect("write automaton");
    code.push_str("pub static TARGETS: &[&[(u32, u32)]] = &[\n");
    for targets in patterns.values() {
        writeln!(code, "  &{targets:?},").unwrap();
    }
    code.push_str("];\n");
    writeln!(
        code,
        "pub static AUTOMATON: &[u8] = include_bytes!({:?});",
        bin.display().to_string()
    )
    .unwrap();
    std::fs::write(out.join("lexicon_data.rs"), code).expect("write lexicon_data.rs");

    embed_templates(&root, &out);
}

/// Embeds every `templates/*.tera` as (name, text), sorted by name; the
/// name is the file name without `.md.tera` / `.tera`.
fn embed_templates(root: &std::path::Path, out: &std::path::Path) {
    let dir = root.join("templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tera"));
    files.sort();
    let mut code = String::from("pub static TEMPLATES: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        let name = file
            .trim_end_matches(".tera")
            .trim_end_matches(".md")
            .trim_end_matches(".txt");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out.join("templates.rs"), code).expect("write templates.rs");
}

fn str_field(v: &Value, key: &str, at: &str) -> String {
    match v[key].as_str() {
        Some(s) => s.to_string(),
        None => panic!("{at}: feltet »{key}« mangler eller er ikke tekst"),
    }
}

fn variant(v: &Value, key: &str, allowed: &[&str], default: Option<&str>, at: &str) -> String {
    let value = match (v[key].as_str(), default) {
        (Some(s), _) => s,
        (None, Some(d)) => d,
        (None, None) => panic!("{at}: feltet »{key}« mangler"),
    };
    if !allowed.contains(&value) {
        panic!("{at}: »{value}« er ikke en gyldig værdi for »{key}« ({allowed:?})");
    }
    // snake_case → CamelCase, the enum's variant name.
    value
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}
