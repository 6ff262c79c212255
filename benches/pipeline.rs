//! Throughput of the steps after the analysis: reading the facts of a
//! letter, rewriting it (with the lexicon's safe fixes, or from the template
//! `auto` chooses), the word diff and the before → after summary, and
//! reading a Word file. Run with `cargo bench --bench pipeline`.
//!
//! The input is the example letters, each read in its own format, one
//! iteration working through all of them: that is what one `rewrite` or one
//! `diff` works on. The Word file is built here from the plain-text example
//! letters, the way Word writes one.

use std::io::Write as _;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

use klarbrev::analysis::{Analysis, analyse};
use klarbrev::rewrite::{self, Request};
use klarbrev::rules::{Registry, Settings};
use klarbrev::text::{Document, Format, docx};
use klarbrev::{diff, facts};

fn main() {
    divan::main();
}

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// The example letters, sorted by name: (file name, text).
fn letters() -> &'static [(String, String)] {
    static LETTERS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(EXAMPLES)
            .expect("examples/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| Format::from_path(p).is_some())
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("example letter"))
            })
            .collect()
    })
}

/// Every example letter, analysed with the shipped lexicon.
fn analyses() -> &'static [Analysis] {
    static ANALYSES: OnceLock<Vec<Analysis>> = OnceLock::new();
    ANALYSES.get_or_init(|| {
        letters()
            .iter()
            .map(|(name, text)| {
                let format = Format::from_path(std::path::Path::new(name)).expect("format");
                let doc = Document::parse(text.clone(), format).expect("document");
                analyse(doc, Registry::embedded(), &Settings::default())
            })
            .collect()
    })
}

fn letter_bytes() -> usize {
    analyses().iter().map(|a| a.document.text.len()).sum()
}

fn request(template: Option<&str>) -> Request {
    Request {
        template: template.map(str::to_string),
        ..Request::default()
    }
}

/// Every letter rewritten with the safe fixes: (before, after).
fn rewritten() -> &'static [(Analysis, Analysis)] {
    static PAIRS: OnceLock<Vec<(Analysis, Analysis)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        analyses()
            .iter()
            .map(|a| {
                let out = rewrite::rewrite(
                    a,
                    Registry::embedded(),
                    &Settings::default(),
                    &request(None),
                )
                .expect("rewrite");
                (a.clone(), out.after)
            })
            .collect()
    })
}

/// Both texts of every pair: what the diff and the summary read.
fn pair_bytes() -> usize {
    rewritten()
        .iter()
        .map(|(b, a)| b.document.text.len() + a.document.text.len())
        .sum()
}

/// The facts of every letter (dates, times, amounts, legal references,
/// deadlines, contact details), outside front matter and template tags.
#[divan::bench(sample_count = 200)]
fn facts_extract(bencher: Bencher) {
    let inputs: Vec<(&str, Vec<std::ops::Range<usize>>)> = analyses()
        .iter()
        .map(|a| {
            let mut skip: Vec<_> = a.document.tags.iter().map(|t| t.range.clone()).collect();
            skip.extend(a.document.front_matter.clone());
            (a.document.text.as_str(), skip)
        })
        .collect();
    bencher.counter(BytesCount::new(letter_bytes())).bench(|| {
        inputs
            .iter()
            .map(|(text, skip)| facts::extract(black_box(text), skip).len())
            .sum::<usize>()
    });
}

/// `rewrite` with the lexicon's safe fixes, round by round, and the fact
/// check after it.
#[divan::bench(sample_count = 100)]
fn rewrite_safe_fixes(bencher: Bencher) {
    let request = request(None);
    bencher.counter(BytesCount::new(letter_bytes())).bench(|| {
        for a in analyses() {
            let out = rewrite::rewrite(
                black_box(a),
                Registry::embedded(),
                &Settings::default(),
                &request,
            )
            .expect("rewrite");
            black_box(out);
        }
    });
}

/// `rewrite --template auto`: choose the template by its cues, fill it with
/// the letter's facts, analyse the result and check the facts.
#[divan::bench(sample_count = 100)]
fn rewrite_template_auto(bencher: Bencher) {
    let request = request(Some("auto"));
    bencher.counter(BytesCount::new(letter_bytes())).bench(|| {
        for a in analyses() {
            let out = rewrite::rewrite(
                black_box(a),
                Registry::embedded(),
                &Settings::default(),
                &request,
            )
            .expect("rewrite with a template");
            black_box(out);
        }
    });
}

/// The word diff of each letter and its safe rewrite (both texts counted).
#[divan::bench(sample_count = 200)]
fn diff_words(bencher: Bencher) {
    bencher.counter(BytesCount::new(pair_bytes())).bench(|| {
        for (before, after) in rewritten() {
            black_box(diff::words(
                black_box(&before.document.text),
                black_box(&after.document.text),
            ));
        }
    });
}

/// The before → after table of each letter and its safe rewrite: metrics,
/// findings by category, and the facts of both compared.
#[divan::bench(sample_count = 200)]
fn diff_summary(bencher: Bencher) {
    bencher.counter(BytesCount::new(pair_bytes())).bench(|| {
        for (before, after) in rewritten() {
            black_box(diff::summary(black_box(before), black_box(after)));
        }
    });
}

/// Reading a Word file into a document, counted in bytes of the file.
#[divan::bench(sample_count = 200)]
fn docx_read(bencher: Bencher) {
    let file = word_file();
    bencher
        .counter(BytesCount::new(file.len()))
        .bench(|| docx::read(black_box(&file)).expect("docx"));
}

// ---------------------------------------------------------------------------
// A Word file as Word writes one

/// The plain-text example letters as one Word file: a paragraph per block,
/// each with its paragraph properties and revision ids, the text in runs
/// of a few words with their run properties, a word split across two runs
/// at a proofing mark now and then, a mail-merge field for the name, and
/// the package's other parts (styles, relations, properties) around it,
/// deflated.
fn word_file() -> Vec<u8> {
    let mut body = String::new();
    let mut n = 0usize;
    for (name, text) in letters() {
        if !name.ends_with(".txt") {
            continue;
        }
        for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
            n += 1;
            let heading = n % 9 == 1;
            let style = if heading { "Overskrift1" } else { "Normal" };
            body.push_str(&format!(
                r#"<w:p w14:paraId="{n:08X}" w:rsidR="00A1{n:04}" w:rsidRDefault="00B2{n:04}"><w:pPr><w:pStyle w:val="{style}"/><w:spacing w:after="160" w:line="259" w:lineRule="auto"/><w:rPr><w:lang w:val="da-DK"/></w:rPr></w:pPr>"#
            ));
            if n == 2 {
                body.push_str(r#"<w:r><w:t xml:space="preserve">Kære </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Navn \* MERGEFORMAT "><w:r><w:rPr><w:noProof/></w:rPr><w:t>«Navn»</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> </w:t></w:r>"#);
            }
            let words: Vec<&str> = block.split_whitespace().collect();
            for (k, chunk) in words.chunks(5).enumerate() {
                let mut run = chunk.join(" ");
                if (k + 1) * 5 < words.len() {
                    run.push(' ');
                }
                if k % 4 == 3 && run.len() > 8 {
                    // Word cuts a run at a proofing mark, mid-word too.
                    let cut = run
                        .char_indices()
                        .map(|(i, _)| i)
                        .find(|&i| i >= 4)
                        .unwrap_or(0);
                    push_run(&mut body, &run[..cut], k);
                    body.push_str(r#"<w:proofErr w:type="spellStart"/>"#);
                    push_run(&mut body, &run[cut..], k + 1);
                    body.push_str(r#"<w:proofErr w:type="spellEnd"/>"#);
                } else {
                    push_run(&mut body, &run, k);
                }
            }
            body.push_str("</w:p>");
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>{body}<w:sectPr w:rsidR="00A10001"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1701" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>"#
    );
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style></w:styles>"#;
    let parts: [(&str, &str); 6] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &document),
        ("word/styles.xml", styles),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        ),
        (
            "docProps/core.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Brev fra Havnby Kommune</dc:title><dc:creator>Jobcenter Havnby</dc:creator></cp:coreProperties>"#,
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(name, options).expect("zip part");
        zip.write_all(data.as_bytes()).expect("zip write");
    }
    let file = zip.finish().expect("zip").into_inner();
    // The file reads back as the letters' text.
    let doc = docx::read(&file).expect("the built Word file reads");
    assert!(doc.text.contains("«Navn»") && doc.blocks.len() == n);
    file
}

/// One run: its properties (font, language, now and then bold) and its
/// text, XML-escaped.
fn push_run(body: &mut String, text: &str, k: usize) {
    let bold = if k % 7 == 6 { "<w:b/>" } else { "" };
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    body.push_str(&format!(
        r#"<w:r w:rsidRPr="00C3{k:04}"><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>{bold}<w:lang w:val="da-DK"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
    ));
}
