//! The entity tagger's speed: tagging throughput on one core, and the time
//! to load the bundled model.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotecheck_core::tagger::Tagger;

const MODEL: &[u8] = include_bytes!("../assets/ner/conll2003.model");
const SAMPLE: &str = quotecheck_core::sample::TEXT;

fn tagging(c: &mut Criterion) {
    // About 100 kB of news text: the sample article, over and over.
    let text = SAMPLE.repeat(100_000 / SAMPLE.len() + 1);
    let tagger = Tagger::bundled();
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("tag 100 kB", |b| {
        b.iter(|| tagger.tag(std::hint::black_box(&text)))
    });
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("tagger");
    group.sample_size(10);
    group.bench_function("load model", |b| {
        b.iter(|| Tagger::from_bytes(std::hint::black_box(MODEL)))
    });
    group.finish();
}

criterion_group!(benches, tagging, loading);
criterion_main!(benches);
