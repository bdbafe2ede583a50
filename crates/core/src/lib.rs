//! The core of quotecheck: everything but the window and the command line.
//!
//! - [`model`]: the annotation file as data, and the edits that change it.
//! - [`format`]: reading articles and reading/writing annotation files and
//!   the formats of other tools.
//! - [`tokenize`]: the tokens every other layer works on.
//! - [`tagger`]: the trained entity tagger.
//! - [`extract`]: from plain text to quotes, speakers and entities.
//! - [`eval`]: scores against a gold standard, and agreement.
//! - [`compare`]: two reviewers' differences, and the file that settles them.
//! - [`queue`], [`recovery`]: a folder under review, and unsaved work kept
//!   against crashes.
//! - [`quoted`], [`registry`], [`report`]: who is quoted in an article, the
//!   folder's people and organisations, and the figures across a folder.
//!
//! Nothing here draws or parses a command line; the `quotecheck` crate does
//! both on top of this one.

pub mod compare;
pub mod eval;
pub mod extract;
pub mod format;
pub mod model;
pub mod queue;
pub mod quoted;
pub mod recovery;
pub mod registry;
pub mod report;
pub mod sample;
pub mod tagger;
pub mod tokenize;
