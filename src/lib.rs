//! quotecheck: tag the quotes, speakers and entities of news articles, let a
//! person review them fast, and save the result as annotation files.
//!
//! - [`model`]: the annotation file as data, and the edits that change it.
//! - [`format`]: reading articles and reading/writing annotation files.
//! - [`extract`]: the rule-based extractor, from plain text to annotations.
//! - [`tagger`]: the trained entity tagger the extractor uses.
//! - [`app`]: the review window (feature `gui`, on by default).

#[cfg(feature = "gui")]
pub mod app;
pub mod commands;
pub mod eval;
pub mod extract;
pub mod format;
pub mod model;
mod progress;
pub mod queue;
pub mod recovery;
pub mod tagger;
pub mod tokenize;
