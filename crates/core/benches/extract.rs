//! Extraction speed in bytes of article per second: the bundled sample
//! repeated to about a megabyte and to eight (the same speed a byte shows
//! that extraction stays linear in the article's length), a few short
//! hand-written articles, and text with no sentence ending at all; and the
//! time to load the bundled attribution model.

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

/// Text a scraper may hand over, with no sentence ending for pages on end:
/// each at 100 kB and at 400 kB, whose equal speed a byte shows extraction
/// linear in the length (the first two were quadratic: 100,000 `"` took
/// 6.5 s, 100,000 "X said " 12 s).
const WITHOUT_FULL_STOPS: &[(&str, &str)] = &[
    ("quote_marks", "\""),
    ("said", "X said "),
    ("reported", "The A of B said that C told D "),
    ("quoted", "\"a\" said X. "),
];

fn without_full_stops(c: &mut Criterion) {
    let mut group = c.benchmark_group("without_full_stops");
    group.sample_size(10);
    for (name, piece) in WITHOUT_FULL_STOPS {
        for kb in [100, 400] {
            let text = piece.repeat(kb * 1000 / piece.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}_{kb}kb"), |b| {
                b.iter(|| extract("page.txt", &text))
            });
        }
    }
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

criterion_group!(benches, bench_extract, without_full_stops, loading);
criterion_main!(benches);
