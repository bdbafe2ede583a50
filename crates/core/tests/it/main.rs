//! The core's integration tests, one binary with a module per area (as
//! ripgrep keeps them): one link instead of one per file.

mod adjudication;
mod annotation_file;
mod attribution_model;
mod entity_attributes;
mod extract_rules;
mod extract_sample;
mod model_props;
mod people_registry;
mod report_figures;
mod tagger_any_text;
mod tagger_model;
mod tagger_news;
mod tagger_reviewed;
