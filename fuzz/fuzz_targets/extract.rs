//! The extractor on any text: no panic, and every span it emits is valid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck_core::format::validate;

fuzz_target!(|text: &str| {
    let doc = quotecheck_core::extract::extract("fuzz.txt", text);
    let problems = validate(&doc);
    assert!(problems.is_empty(), "{problems:?}");
});
