//! Any bytes given as an annotation file: an error or a valid document,
//! never a panic; what loads saves and loads again unchanged.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quotecheck_core::format::{from_json, to_json, validate};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = from_json(Path::new("fuzz.json"), data) {
        assert!(validate(&doc).is_empty());
        let again = from_json(Path::new("again.json"), &to_json(&doc).unwrap()).expect("a saved file loads");
        assert_eq!(again.quotes, doc.quotes);
        assert_eq!(again.entities.len(), doc.entities.len());
    }
});
