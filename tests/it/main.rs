//! The command line's integration tests, one binary with a module per area.
//! They run the built `quotecheck` as scripts do; the window's tests are in
//! the `crates/window-tests` crate.

mod adjudicate;
mod attribution_training;
mod brat_import;
mod citron_import;
mod cli;
mod convert;
mod eval;
mod report;
mod tagger_training;

use std::process::{Command, Output};

/// Runs the built `quotecheck` with `args`.
fn quotecheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(args)
        .output()
        .expect("the quotecheck binary runs")
}

/// `out`, which must be a run that succeeded: the failure shows its stderr.
#[track_caller]
fn succeeded(out: Output) -> Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Asserts that one of `warnings` holds every one of `words`.
#[track_caller]
fn assert_warned(warnings: &[String], words: &[&str]) {
    assert!(
        warnings
            .iter()
            .any(|w| words.iter().all(|word| w.contains(word))),
        "no warning holding {words:?} among {warnings:#?}"
    );
}
