//! quotecheck: the command line and the review window, on top of
//! [`quotecheck_core`] (the model, formats, tagger and extractor).
//!
//! - [`commands`]: the subcommands (`extract`, `check`, `convert`, `eval`, `train`).
//! - [`app`]: the review window (feature `gui`, on by default).

#[cfg(feature = "gui")]
pub mod app;
pub mod commands;
mod progress;
