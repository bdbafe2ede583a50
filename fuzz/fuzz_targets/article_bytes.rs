//! Any bytes opened as an article: decoded or refused, never a panic; what
//! is decoded extracts into a valid file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck_core::format::{decode_article, validate};

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = decode_article(data) {
        let doc = quotecheck_core::extract::extract("fuzz.txt", &article.text);
        assert!(validate(&doc).is_empty());
    }
});
