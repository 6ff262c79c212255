//! Throughput of the hot path: decoding a letter's text into a document,
//! segmenting it and computing its metrics. Run with `cargo bench`.
//!
//! The input is the example letters repeated to about 1 MB, or, when
//! `KLARBREV_BENCH_CORPUS` names a file (such as the corpus.txt that
//! `../shared/bench/make-corpus.sh` builds), that file.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use klarbrev::analysis::{Options, analyse};
use klarbrev::lexicon::Abbreviations;
use klarbrev::metrics::Metrics;
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

fn big_plain() -> String {
    if let Some(path) = std::env::var_os("KLARBREV_BENCH_CORPUS") {
        return std::fs::read_to_string(path).expect("KLARBREV_BENCH_CORPUS");
    }
    repeat(&examples(".txt"), 1 << 20)
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Segmentation and metrics of plain text, the document already built.
#[divan::bench]
fn segment_and_metrics_txt(bencher: Bencher) {
    let doc = Document::parse(big_plain(), Format::Txt).expect("document");
    let abbreviations = Abbreviations::embedded();
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| Metrics::of(&segment(black_box(&doc), abbreviations)));
}

/// Everything from text to analysis for plain text: blocks, segmentation,
/// metrics.
#[divan::bench]
fn analyse_txt(bencher: Bencher) {
    let text = big_plain();
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| text.clone())
        .bench_values(|t| {
            analyse(
                Document::parse(t, Format::Txt).expect("document"),
                &Options::default(),
            )
        });
}

/// Everything from text to analysis for Markdown (pulldown-cmark included).
#[divan::bench]
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
                &Options::default(),
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
                &Options::default(),
            )
        });
}
