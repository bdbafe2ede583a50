//! Citron's JSON (BBC R&D's quote extractor): `text`, `quotes` with `cue`,
//! `sources` and `contents` spans (and optionally `coreferences`,
//! `confidence` and `id`), and `coreference_groups` of spans that name the
//! same speaker.
//!
//! Reading loses nothing silently. What contradicts itself (a span outside
//! the text, a span whose `text` is not the article's text at its offsets, a
//! confidence that is no number) is an error naming the quote. What Citron
//! holds and the annotation format has no field for is kept in the `extra`
//! maps under the keys below, and [`to_citron`] writes it back, so
//! Citron → annotation file → Citron keeps it; what the review will not show
//! (a second source, a quote without contents, a confidence outside 0–1) is
//! also named in a warning.

use super::shortened;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod ids;
mod read;
mod write;

pub use read::{Import, from_citron, import};
pub use write::{left_out, to_citron};

/// On a quote: its Citron `id` where that could not be the quote's own id
/// (not a string, a duplicate, an entity's id, holding spaces).
const ID: &str = "citron_id";
/// On a quote: its Citron sources after the first, which is its `source`.
const OTHER_SOURCES: &str = "citron_other_sources";
/// On a quote: its Citron coreferences that are not mentions of its speaker.
const COREFERENCES: &str = "citron_coreferences";
/// On a quote: a Citron confidence outside 0–1, as written.
const CONFIDENCE: &str = "citron_confidence";
/// On a quote and on the file: Citron's fields quotecheck does not know.
/// Kept under one key, not beside quotecheck's own fields, because Citron's
/// may bear the same names (`status`, `document`) and would clash.
const FIELDS: &str = "citron_fields";
/// On the file: Citron quotes without contents, as written; a quote of the
/// annotation format has at least one content span.
const QUOTES_WITHOUT_CONTENTS: &str = "citron_quotes_without_contents";

/// The keys of a Citron quote and document, which their `citron_fields`
/// must not hold when written back.
const QUOTE_KEYS: [&str; 6] = [
    "id",
    "cue",
    "sources",
    "contents",
    "coreferences",
    "confidence",
];
const DOC_KEYS: [&str; 3] = ["text", "quotes", "coreference_groups"];
const SPAN_KEYS: [&str; 3] = ["start", "end", "text"];

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronSpan {
    start: usize,
    end: usize,
    /// A copy of the article's text at the offsets; absent, nothing to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// Fields of other tools on the span: kept in the span's own `extra`,
    /// where they cannot clash (a span of the annotation format has no
    /// fields but Citron's three).
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronQuote {
    /// Any JSON value: Citron says only that it is unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    cue: Option<CitronSpan>,
    #[serde(default)]
    sources: Vec<CitronSpan>,
    #[serde(default)]
    contents: Vec<CitronSpan>,
    /// Citron reads `null` as "not known".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coreferences: Option<Vec<CitronSpan>>,
    /// A number, or a string such as `"0.9000"`, as Citron's extractor
    /// writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<Value>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronDoc {
    text: String,
    /// As written: each is read on its own, so that an error names its quote
    /// and a quote quotecheck cannot hold is kept whole.
    #[serde(default)]
    quotes: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coreference_groups: Option<Vec<Vec<CitronSpan>>>,
    /// Such as the `source` (application, model) Citron's extractor adds.
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// True when `value` looks like a Citron document rather than ours.
pub fn is_citron(value: &serde_json::Value) -> bool {
    value.get("format").is_none()
        && value.get("text").is_some_and(|t| t.is_string())
        && value.get("quotes").is_some()
}

/// `map` without `keys`: Citron's own fields, when `map` is to be written
/// beside them, must not stand in for them.
fn without(map: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    map.iter()
        .filter(|(k, _)| !keys.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
