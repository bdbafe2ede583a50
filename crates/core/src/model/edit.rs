//! Every change to the model, as data: an [`Edit`] applied to the model
//! returns its inverse, so undo and redo are two stacks of transactions
//! (the way helix keeps its history, see [`super::history`]).
//!
//! Edits address quotes and entities by their place in the lists, which is
//! only right against the model they were built for. Nothing outside the
//! model builds them: a person's change arrives as an
//! [`Intent`](super::Intent) that names ids, and becomes a transaction
//! against the model as it is at that moment.

use super::{Adjudication, Annotations, Entity, Quote, ReviewStatus};

/// The smallest changes; everything a reviewer does is made of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    InsertQuote { index: usize, quote: Quote },
    RemoveQuote { index: usize },
    ReplaceQuote { index: usize, quote: Quote },
    InsertEntity { index: usize, entity: Entity },
    RemoveEntity { index: usize },
    ReplaceEntity { index: usize, entity: Entity },
    SetReviewStatus(ReviewStatus),
    SetAdjudication(Option<Adjudication>),
}

/// Why a change cannot be made to the model as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no quote {0} (any more)")]
    NoQuote(String),
    #[error("there is no entity {0} (any more)")]
    NoEntity(String),
    #[error("{0} places past the end of the list: the model changed since the edit was made")]
    OutOfPlace(&'static str),
    #[error("chars {start}..{end} are not a stretch of the text")]
    NotInText { start: usize, end: usize },
    #[error("{0}")]
    Refused(&'static str),
    #[error(transparent)]
    Attribute(#[from] super::AttributeError),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it; an edit that
    /// does not fit the model (an index past the end) changes nothing.
    fn apply(self, doc: &mut Annotations) -> Result<Edit, EditError> {
        let out_of_place = |what| EditError::OutOfPlace(what);
        Ok(match self {
            Edit::InsertQuote { index, quote } => {
                if index > doc.quotes.len() {
                    return Err(out_of_place("a new quote"));
                }
                doc.quotes.insert(index, quote);
                Edit::RemoveQuote { index }
            }
            Edit::RemoveQuote { index } => {
                if index >= doc.quotes.len() {
                    return Err(out_of_place("a removed quote"));
                }
                let quote = doc.quotes.remove(index);
                Edit::InsertQuote { index, quote }
            }
            Edit::ReplaceQuote { index, quote } => {
                let slot = doc
                    .quotes
                    .get_mut(index)
                    .ok_or(out_of_place("a changed quote"))?;
                let old = std::mem::replace(slot, quote);
                Edit::ReplaceQuote { index, quote: old }
            }
            Edit::InsertEntity { index, entity } => {
                if index > doc.entities.len() {
                    return Err(out_of_place("a new entity"));
                }
                doc.entities.insert(index, entity);
                Edit::RemoveEntity { index }
            }
            Edit::RemoveEntity { index } => {
                if index >= doc.entities.len() {
                    return Err(out_of_place("a removed entity"));
                }
                let entity = doc.entities.remove(index);
                Edit::InsertEntity { index, entity }
            }
            Edit::ReplaceEntity { index, entity } => {
                let slot = doc
                    .entities
                    .get_mut(index)
                    .ok_or(out_of_place("a changed entity"))?;
                let old = std::mem::replace(slot, entity);
                Edit::ReplaceEntity { index, entity: old }
            }
            Edit::SetReviewStatus(status) => {
                Edit::SetReviewStatus(std::mem::replace(&mut doc.review.status, status))
            }
            Edit::SetAdjudication(adjudication) => Edit::SetAdjudication(std::mem::replace(
                &mut doc.review.adjudication,
                adjudication,
            )),
        })
    }
}

/// Edits that belong together and are undone together, with a name for the
/// undo menu ("Set speaker", "Merge entities").
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    pub name: String,
    pub edits: Vec<Edit>,
}

impl Transaction {
    pub fn new(name: impl Into<String>) -> Transaction {
        Transaction {
            name: name.into(),
            edits: Vec::new(),
        }
    }

    pub(super) fn with(mut self, edit: Edit) -> Transaction {
        self.edits.push(edit);
        self
    }

    /// Whether it changes a quote or an entity (not only the review's
    /// status or adjudication).
    pub(super) fn changes_tags(&self) -> bool {
        self.edits
            .iter()
            .any(|e| !matches!(e, Edit::SetReviewStatus(_) | Edit::SetAdjudication(_)))
    }

    /// Applies every edit in order; returns the transaction that undoes them.
    /// An edit that does not fit stops the transaction and the edits already
    /// made are rolled back, so the model is never left half-changed.
    pub fn apply(self, doc: &mut Annotations) -> Result<Transaction, EditError> {
        let mut undo = Vec::with_capacity(self.edits.len());
        for edit in self.edits {
            match edit.apply(doc) {
                Ok(inverse) => undo.push(inverse),
                Err(e) => {
                    for inverse in undo.into_iter().rev() {
                        // Inverses of edits just made always fit.
                        let _ = inverse.apply(doc);
                    }
                    return Err(e);
                }
            }
        }
        undo.reverse();
        Ok(Transaction {
            name: self.name,
            edits: undo,
        })
    }
}
