//! The extractor: from an article's text to quotes, speakers and entities.

use crate::model::Annotations;

/// Name and version written to `review.extractor`.
pub const EXTRACTOR_NAME: &str = concat!("quotecheck ", env!("CARGO_PKG_VERSION"), " rules");

/// Extracts the quotes and entities of `text` into a new annotation file.
pub fn extract(name: &str, text: &str) -> Annotations {
    let mut doc = Annotations::new(name, text);
    doc.review.extractor = Some(EXTRACTOR_NAME.to_owned());
    doc.entities = crate::tagger::Tagger::bundled().entities(text);
    doc
}
