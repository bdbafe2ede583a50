//! Reviewed annotation files as training documents: a newsroom's own
//! corrections teach the tagger its kind of text.
//!
//! Mentions of entities a person accepted or edited are entities; mentions of
//! rejected ones, like every other token, are not. A sentence that still
//! holds a pending entity is left out, since nobody has decided it yet; a
//! file nobody has started reviewing is skipped whole.

use std::path::Path;

use super::text::LabeledText;
use crate::format::load_annotations;
use crate::model::EntityLabel;
use crate::model::{Annotations, Status, TextIndex};

/// What reading one reviewed file gave.
pub enum Reviewed {
    Document(LabeledText),
    /// The file's review has not started; it teaches nothing.
    Unreviewed,
}

/// Reads the annotation file at `path` as a training document.
pub fn read_reviewed(path: &Path) -> Result<Reviewed, crate::format::FileError> {
    let doc = load_annotations(path)?;
    Ok(reviewed_document(&doc))
}

/// The training document of an annotation file.
pub fn reviewed_document(doc: &Annotations) -> Reviewed {
    if !doc.review_started() {
        return Reviewed::Unreviewed;
    }
    let index = TextIndex::new(doc.text());
    let byte_span = |m: &crate::model::Span| (index.byte(m.start), index.byte(m.end));
    let mut entities = Vec::new();
    let mut undecided = Vec::new();
    for entity in &doc.entities {
        match entity.status {
            Status::Accepted | Status::Edited => {
                // A label the user added (EVENT…) is not one the tagger
                // predicts: its tokens are left unlabelled, like other text.
                if let Some(kind) = EntityLabel::from_name(&entity.label) {
                    entities.extend(entity.mentions.iter().map(|m| {
                        let (start, end) = byte_span(m);
                        (start, end, kind)
                    }));
                }
            }
            Status::Pending => undecided.extend(entity.mentions.iter().map(byte_span)),
            Status::Rejected => {}
        }
    }
    let mut labeled = LabeledText::from_spans(doc.text().to_owned(), &entities);
    let undecided_tokens: Vec<_> = undecided
        .iter()
        .map(|&(s, e)| labeled.doc.tokens_within(s, e))
        .collect();
    labeled.retain_sentences(|sentence| {
        !undecided_tokens
            .iter()
            .any(|t| t.start < sentence.end && sentence.start < t.end)
    });
    Reviewed::Document(labeled)
}
