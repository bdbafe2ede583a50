//! Extraction speed in bytes of article per second: the bundled sample
//! repeated to about a megabyte and to eight (the same speed a byte shows
//! that extraction stays linear in the article's length), and a few short
//! hand-written articles; and the time to load the bundled attribution
//! model.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::extract::extract;

const MODEL: &[u8] = include_bytes!("../assets/attribution/polnear.model");

const SAMPLE: &str = quotecheck_core::sample::TEXT;

/// Short articles with the harder cases: split and multi-paragraph quotes,
/// inverted attributions, straight quotes, reported speech.
const ARTICLES: &[&str] = &[
    "“We will appeal,” said Thomas Grant, the lawyer for the family. “The ruling ignores \
     the evidence,” he added.\n\nThe court said in a statement that the judges had \
     considered every argument.",
    "Mayor Lisa Wong spoke on Friday.\r\n\r\n\"The bridge opens in May,\" Wong said. \
     \"Nobody will pay a toll.\r\n\r\n\"Not this year, not next year.\"\r\n",
    "According to officials, the talks collapsed late on Tuesday. The minister called the \
     offer an “insult” and left, aides said. “I have nothing to add,” she told reporters.",
];

fn repeated(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() < bytes {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

fn bench_extract(c: &mut Criterion) {
    let big = repeated(SAMPLE, 1 << 20);
    let mut group = c.benchmark_group("extract");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("sample_1mb", |b| b.iter(|| extract("big.txt", &big)));
    // A run of a few seconds needs fewer of them.
    let longer = repeated(SAMPLE, 8 << 20);
    group.sample_size(10);
    group.throughput(Throughput::Bytes(longer.len() as u64));
    group.bench_function("sample_8mb", |b| b.iter(|| extract("long.txt", &longer)));
    let articles: usize = ARTICLES.iter().map(|a| a.len()).sum();
    group.throughput(Throughput::Bytes(articles as u64));
    group.bench_function("short_articles", |b| {
        b.iter(|| {
            ARTICLES
                .iter()
                .map(|a| extract("a.txt", a).quotes.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("attribution");
    group.sample_size(10);
    group.bench_function("load model", |b| {
        b.iter(|| AttributionModel::from_bytes(std::hint::black_box(MODEL)))
    });
    group.finish();
}

criterion_group!(benches, bench_extract, loading);
criterion_main!(benches);
