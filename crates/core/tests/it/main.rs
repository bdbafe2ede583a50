//! The core's integration tests, one binary with a module per area (as
//! ripgrep keeps them): one link instead of one per file.

mod annotation_file;
mod attribution_model;
mod extract_rules;
mod extract_sample;
mod model_props;
mod tagger_any_text;
mod tagger_model;
mod tagger_reviewed;
