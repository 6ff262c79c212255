//! Throughput of the hot path: decoding a letter's text into a document,
//! segmenting it and computing its metrics. Run with `cargo bench`.
//!
//! The input is the example letters repeated to about 1 MB, or, when
//! `KLARBREV_BENCH_CORPUS` names a file (such as the corpus.txt that
//! `../shared/bench/make-corpus.sh` builds), that file.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use std::sync::OnceLock;

use klarbrev::analysis::analyse;
use klarbrev::emit::{self, FileReport};
use klarbrev::lexicon::{Entry, Lexicon, embedded_entries};
use klarbrev::metrics::Metrics;
use klarbrev::rules::{Registry, Settings};
use klarbrev::text::{Document, Format, segment};

fn main() {
    divan::main();
}

fn examples(ext: &str) -> String {
    let mut out = String::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    for p in paths {
        out.push_str(&std::fs::read_to_string(p).expect("example letter"));
        out.push_str("\n\n");
    }
    out
}

fn big_plain() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        if let Some(path) = std::env::var_os("KLARBREV_BENCH_CORPUS") {
            return std::fs::read_to_string(path).expect("KLARBREV_BENCH_CORPUS");
        }
        repeat(&examples(".txt"), 1 << 20)
    })
}

/// A lexicon ten times the shipped one: every entry, and nine more of each
/// whose forms carry Danish inflection endings (»fremsendes«,
/// »fremsenderne« …), so the automaton grows tenfold with forms that look
/// like real words and now and then match one.
fn lexicon_10x() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        const ENDINGS: [&str; 9] = ["e", "s", "es", "er", "ne", "en", "et", "ede", "erne"];
        let base = embedded_entries();
        let mut entries: Vec<Entry> = base.clone();
        for (k, ending) in ENDINGS.iter().enumerate() {
            for e in &base {
                let mut copy = e.clone();
                copy.id = format!("{}-x{k}", e.id).into();
                for f in &mut copy.forms {
                    f.form = format!("{}{ending}", f.form).into();
                }
                entries.push(copy);
            }
        }
        Lexicon::new(entries)
    })
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Segmentation and metrics of plain text, the document already built.
#[divan::bench(sample_count = 20)]
fn segment_and_metrics_txt(bencher: Bencher) {
    let doc = Document::parse(big_plain().to_string(), Format::Txt).expect("document");
    let abbreviations = Lexicon::embedded().abbreviations();
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| Metrics::of(&segment(black_box(&doc), abbreviations)));
}

/// Everything from text to analysis for plain text with the shipped
/// lexicon: blocks, segmentation, metrics, lexicon findings.
#[divan::bench(sample_count = 20)]
fn analyse_txt(bencher: Bencher) {
    let text = big_plain();
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| text.to_string())
        .bench_values(|t| {
            analyse(
                Document::parse(t, Format::Txt).expect("document"),
                Registry::embedded(),
                &Settings::default(),
            )
        });
}

/// The same with a lexicon ten times larger.
#[divan::bench(sample_count = 20)]
fn analyse_txt_lexicon_10x(bencher: Bencher) {
    let text = big_plain();
    let registry = &Registry::new(lexicon_10x().clone());
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| text.to_string())
        .bench_values(|t| {
            analyse(
                Document::parse(t, Format::Txt).expect("document"),
                registry,
                &Settings::default(),
            )
        });
}

/// Everything from text to analysis for Markdown (pulldown-cmark included).
#[divan::bench(sample_count = 20)]
fn analyse_markdown(bencher: Bencher) {
    // The example letters' bodies, without their front matter.
    let body: String = examples(".md")
        .split("\n\n---\n")
        .map(|letter| {
            let letter = letter.strip_prefix("---\n").unwrap_or(letter);
            letter
                .split_once("\n---\n")
                .map_or(letter, |(_, body)| body)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = repeat(&body, 1 << 20);
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| text.clone())
        .bench_values(|t| {
            analyse(
                Document::parse(t, Format::Markdown).expect("document"),
                Registry::embedded(),
                &Settings::default(),
            )
        });
}

/// One 2 KB letter from text to analysis.
#[divan::bench]
fn analyse_one_2kb_letter(bencher: Bencher) {
    let letter: String = examples(".txt").chars().take(2048).collect();
    bencher
        .counter(BytesCount::new(letter.len()))
        .with_inputs(|| letter.clone())
        .bench_values(|t| {
            analyse(
                Document::parse(t, Format::Txt).expect("document"),
                Registry::embedded(),
                &Settings::default(),
            )
        });
}

fn dense_10kb() -> String {
    let unit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/indkaldelse-samtale.txt"
    ))
    .expect("example letter");
    let mut letter = unit;
    while letter.len() < 10_240 {
        letter = format!("{letter}\n\n{letter}");
    }
    let cut = letter[..10_240].rfind('\n').unwrap_or(10_240);
    letter.truncate(cut);
    letter
}

/// The lexicon scan alone on the dense 10 KB letter.
#[divan::bench(sample_count = 500)]
fn lexicon_find_10kb_dense(bencher: Bencher) {
    let lexicon = Lexicon::embedded();
    let doc = Document::parse(dense_10kb(), Format::Txt).expect("document");
    let seg = segment(&doc, lexicon.abbreviations());
    let on = vec![true; lexicon.entries().len()];
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| lexicon.find(black_box(&doc), black_box(&seg), &on));
}

/// Segmentation alone on the dense 10 KB letter.
#[divan::bench(sample_count = 500)]
fn segment_10kb_dense(bencher: Bencher) {
    let lexicon = Lexicon::embedded();
    let doc = Document::parse(dense_10kb(), Format::Txt).expect("document");
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| segment(black_box(&doc), lexicon.abbreviations()));
}

/// The work of one `POST /api/score` for a 10 KB letter where every fifth
/// word is a finding (the stiff example repeated): parse, analyse, build
/// the JSON object and serialise it.
#[divan::bench(sample_count = 200)]
fn serve_score_10kb_dense(bencher: Bencher) {
    let letter = dense_10kb();
    bencher
        .counter(BytesCount::new(letter.len()))
        .with_inputs(|| letter.clone())
        .bench_values(|t| {
            let doc = Document::parse(t, Format::Txt).expect("document");
            let analysis = analyse(doc, Registry::embedded(), &Settings::default());
            let report = FileReport::of_text("brev", analysis);
            let mut body = Vec::with_capacity(131_072);
            emit::json::write_file(&mut body, &report).expect("json");
            body
        });
}

/// The analysis alone of the dense 10 KB letter (parse, segment, scan,
/// findings).
#[divan::bench(sample_count = 300)]
fn analyse_10kb_dense(bencher: Bencher) {
    let letter = dense_10kb();
    bencher.with_inputs(|| letter.clone()).bench_values(|t| {
        let doc = Document::parse(t, Format::Txt).expect("document");
        analyse(doc, Registry::embedded(), &Settings::default())
    });
}

/// Writing the JSON object of the dense 10 KB letter, analysis done.
#[divan::bench(sample_count = 300)]
fn json_10kb_dense(bencher: Bencher) {
    let letter = dense_10kb();
    let doc = Document::parse(letter, Format::Txt).expect("document");
    let analysis = analyse(doc, Registry::embedded(), &Settings::default());
    let report = FileReport::of_text("brev", analysis);
    bencher.bench(|| {
        let mut v = Vec::with_capacity(130_000);
        emit::json::write_file(&mut v, &report).expect("json");
        v
    });
}

/// The SARIF results of the dense 10 KB letter and of the same letter 16
/// times longer on one line (a PDF extraction): the cost per finding must
/// not grow with the letter.
#[divan::bench(args = [1, 16], sample_count = 50)]
fn sarif_dense(bencher: Bencher, times: usize) {
    use emit::Emitter;
    let letter = dense_10kb().repeat(times);
    let letter = if times > 1 {
        letter.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        letter
    };
    let bytes = letter.len();
    let doc = Document::parse(letter, Format::Txt).expect("document");
    let analysis = analyse(doc, Registry::embedded(), &Settings::default());
    let report = FileReport::of_text("brev", analysis);
    let cx = emit::EmitterContext::default();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            let mut v = Vec::with_capacity(1 << 20);
            let mut sarif = emit::sarif::Sarif::new(&cx);
            sarif.file(&mut v, &report).expect("sarif");
            v
        });
}
