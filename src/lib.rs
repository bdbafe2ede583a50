//! quotecheck: tag the quotes, speakers and entities of news articles, let a
//! person review them fast, and save the result as annotation files.
//!
//! - [`model`]: the annotation file as data, and the edits that change it.
//! - [`format`]: reading articles and reading/writing annotation files.
//! - [`extract`]: the rule-based extractor, from plain text to annotations.
//! - [`app`]: the review window.

pub mod app;
pub mod extract;
pub mod format;
pub mod model;
pub mod commands;
mod progress;
pub mod tokenize;
