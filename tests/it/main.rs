//! The command line's integration tests, one binary with a module per area.
//! They run the built `quotecheck` as scripts do; the window's tests are in
//! `tests/app`.

mod adjudicate;
mod attribution_training;
mod cli;
mod convert;
mod eval;
mod report;
mod tagger_training;
