//! What a reviewer asks for, named by ids: "make e2 the speaker of q4",
//! "merge e5 into e1". An intent becomes a [`Transaction`] only when it is
//! carried out, against the model as it is then, so two changes asked for
//! in the same frame never land on the wrong quote, and a quote deleted
//! meanwhile is an error that says so rather than an edit of its neighbour.

use super::edit::{Edit, EditError, Transaction};
use super::{
    Annotations, Entity, EntityLabel, Origin, Quote, QuoteKind, ReviewStatus, Span, Status,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Accept or reject a quote, or put it back to pending.
    SetQuoteStatus {
        quote: String,
        status: Status,
    },
    SetQuoteKind {
        quote: String,
        kind: QuoteKind,
    },
    /// Make an entity (or nobody) the speaker of a quote.
    SetSpeaker {
        quote: String,
        speaker: Option<String>,
    },
    /// A new quote over `content`, made by a person.
    AddQuote {
        kind: QuoteKind,
        content: Span,
    },
    /// A new entity named by `mention`, made by a person.
    AddEntity {
        label: String,
        mention: Span,
    },
    /// A new person named `name` (not found in the text), made the speaker
    /// of `quote` in the same step.
    NewPersonAsSpeaker {
        quote: String,
        name: String,
    },
    /// Add `mention` to an entity; a span another entity holds moves over.
    AddMention {
        entity: String,
        mention: Span,
    },
    RenameEntity {
        entity: String,
        name: String,
    },
    SetEntityLabel {
        entity: String,
        label: String,
    },
    SetEntityStatus {
        entity: String,
        status: Status,
    },
    /// Fold entity `from` into `into`: its mentions join `into`, and quotes
    /// it spoke have `into` as speaker.
    MergeEntities {
        from: String,
        into: String,
    },
    /// Delete an entity; quotes it spoke are left with no speaker.
    DeleteEntity {
        entity: String,
    },
    SetReviewStatus(ReviewStatus),
}

/// An intent made into edits, and what it made that a view should select.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub transaction: Transaction,
    pub created: Option<Created>,
}

/// A quote or entity an intent creates, by the id it will have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    Quote(String),
    Entity(String),
}

impl Intent {
    /// The transaction that carries the intent out on `doc` as it is now.
    /// `Ok(None)` when it would change nothing (the speaker it already has).
    pub fn plan(&self, doc: &Annotations) -> Result<Option<Plan>, EditError> {
        let plain = |transaction| {
            Ok(Some(Plan {
                transaction,
                created: None,
            }))
        };
        match self {
            Intent::SetQuoteStatus { quote, status } => {
                let (index, q) = quote_by_id(doc, quote)?;
                // Accepting a quote the person already edited keeps it edited.
                let new = if *status == Status::Accepted && q.status == Status::Edited {
                    Status::Edited
                } else {
                    *status
                };
                if new == q.status {
                    return Ok(None);
                }
                let name = match status {
                    Status::Accepted => "Accept quote",
                    Status::Rejected => "Reject quote",
                    _ => "Change quote status",
                };
                let mut q = q.clone();
                q.status = new;
                plain(Transaction::new(name).with(Edit::ReplaceQuote { index, quote: q }))
            }
            Intent::SetQuoteKind { quote, kind } => {
                let (index, q) = quote_by_id(doc, quote)?;
                if q.kind == *kind {
                    return Ok(None);
                }
                let mut q = q.clone();
                q.kind = *kind;
                q.status = Status::Edited;
                q.origin = Origin::Manual;
                plain(
                    Transaction::new("Change quote kind")
                        .with(Edit::ReplaceQuote { index, quote: q }),
                )
            }
            Intent::SetSpeaker { quote, speaker } => {
                let (index, q) = quote_by_id(doc, quote)?;
                if let Some(id) = speaker {
                    entity_by_id(doc, id)?;
                }
                if q.speaker == *speaker {
                    return Ok(None);
                }
                plain(set_speaker(q, index, speaker.clone(), "Set speaker"))
            }
            Intent::AddQuote { kind, content } => {
                check_span(doc, content)?;
                let id = doc.next_id("q");
                let quote = Quote {
                    id: id.clone(),
                    kind: *kind,
                    content: vec![content.clone()],
                    cue: None,
                    source: None,
                    speaker: None,
                    confidence: None,
                    origin: Origin::Manual,
                    status: Status::Edited,
                    extra: Default::default(),
                };
                let index = doc.quotes.partition_point(|q| q.start() <= quote.start());
                Ok(Some(Plan {
                    transaction: Transaction::new("Add quote")
                        .with(Edit::InsertQuote { index, quote }),
                    created: Some(Created::Quote(id)),
                }))
            }
            Intent::AddEntity { label, mention } => {
                check_span(doc, mention)?;
                let id = doc.next_id("e");
                let entity = Entity {
                    id: id.clone(),
                    label: label.clone(),
                    name: mention.text.clone(),
                    mentions: vec![mention.clone()],
                    origin: Origin::Manual,
                    status: Status::Edited,
                    extra: Default::default(),
                };
                let index = doc.entities.len();
                Ok(Some(Plan {
                    transaction: Transaction::new("Add entity")
                        .with(Edit::InsertEntity { index, entity }),
                    created: Some(Created::Entity(id)),
                }))
            }
            Intent::NewPersonAsSpeaker { quote, name } => {
                let (index, q) = quote_by_id(doc, quote)?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(EditError::Refused("a new person needs a name"));
                }
                let id = doc.next_id("e");
                let entity = Entity {
                    id: id.clone(),
                    label: EntityLabel::Person.as_str().to_owned(),
                    name: name.to_owned(),
                    mentions: Vec::new(),
                    origin: Origin::Manual,
                    status: Status::Edited,
                    extra: Default::default(),
                };
                let speaker = set_speaker(q, index, Some(id.clone()), "New person as speaker");
                let mut transaction =
                    Transaction::new("New person as speaker").with(Edit::InsertEntity {
                        index: doc.entities.len(),
                        entity,
                    });
                transaction.edits.extend(speaker.edits);
                Ok(Some(Plan {
                    transaction,
                    created: Some(Created::Entity(id)),
                }))
            }
            Intent::AddMention { entity, mention } => {
                check_span(doc, mention)?;
                let (index, e) = entity_by_id(doc, entity)?;
                let mut tx = Transaction::new("Add mention");
                for (i, other) in doc.entities.iter().enumerate() {
                    if i != index && other.mentions.contains(mention) {
                        let mut other = other.clone();
                        other.mentions.retain(|m| m != mention);
                        other.status = Status::Edited;
                        tx.edits.push(Edit::ReplaceEntity {
                            index: i,
                            entity: other,
                        });
                    }
                }
                let mut e = e.clone();
                if !e.mentions.contains(mention) {
                    let at = e.mentions.partition_point(|m| m.start <= mention.start);
                    e.mentions.insert(at, mention.clone());
                }
                e.status = Status::Edited;
                plain(tx.with(Edit::ReplaceEntity { index, entity: e }))
            }
            Intent::RenameEntity { entity, name } => {
                let (index, e) = entity_by_id(doc, entity)?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(EditError::Refused("an entity needs a name"));
                }
                if e.name == name {
                    return Ok(None);
                }
                let mut e = e.clone();
                e.name = name.to_owned();
                e.status = Status::Edited;
                plain(
                    Transaction::new("Rename entity")
                        .with(Edit::ReplaceEntity { index, entity: e }),
                )
            }
            Intent::SetEntityLabel { entity, label } => {
                let (index, e) = entity_by_id(doc, entity)?;
                if e.label == *label {
                    return Ok(None);
                }
                let mut e = e.clone();
                e.label = label.clone();
                e.status = Status::Edited;
                plain(
                    Transaction::new("Change label").with(Edit::ReplaceEntity { index, entity: e }),
                )
            }
            Intent::SetEntityStatus { entity, status } => {
                let (index, e) = entity_by_id(doc, entity)?;
                if e.status == *status {
                    return Ok(None);
                }
                let mut e = e.clone();
                e.status = *status;
                plain(
                    Transaction::new("Change entity status")
                        .with(Edit::ReplaceEntity { index, entity: e }),
                )
            }
            Intent::MergeEntities { from, into } => {
                if from == into {
                    return Err(EditError::Refused("an entity cannot be merged into itself"));
                }
                let (from_index, source) = entity_by_id(doc, from)?;
                let (into_index, target) = entity_by_id(doc, into)?;
                let mut target = target.clone();
                for m in &source.mentions {
                    if !target.mentions.contains(m) {
                        target.mentions.push(m.clone());
                    }
                }
                target.mentions.sort_by_key(|m| (m.start, m.end));
                target.status = Status::Edited;
                let mut tx = Transaction::new("Merge entities");
                tx.edits.extend(retarget_quotes(doc, from, Some(into)));
                tx.edits.push(Edit::ReplaceEntity {
                    index: into_index,
                    entity: target,
                });
                tx.edits.push(Edit::RemoveEntity { index: from_index });
                plain(tx)
            }
            Intent::DeleteEntity { entity } => {
                let (index, _) = entity_by_id(doc, entity)?;
                let mut tx = Transaction::new("Delete entity");
                tx.edits.extend(retarget_quotes(doc, entity, None));
                tx.edits.push(Edit::RemoveEntity { index });
                plain(tx)
            }
            Intent::SetReviewStatus(status) => {
                if doc.review.status == *status {
                    return Ok(None);
                }
                plain(Transaction::new("Change review status").with(Edit::SetReviewStatus(*status)))
            }
        }
    }
}

fn quote_by_id<'a>(doc: &'a Annotations, id: &str) -> Result<(usize, &'a Quote), EditError> {
    doc.quote_index(id)
        .map(|i| (i, &doc.quotes[i]))
        .ok_or_else(|| EditError::NoQuote(id.to_owned()))
}

fn entity_by_id<'a>(doc: &'a Annotations, id: &str) -> Result<(usize, &'a Entity), EditError> {
    doc.entity_index(id)
        .map(|i| (i, &doc.entities[i]))
        .ok_or_else(|| EditError::NoEntity(id.to_owned()))
}

/// A span must cover chars of the text and repeat them.
fn check_span(doc: &Annotations, span: &Span) -> Result<(), EditError> {
    let fits = span.start < span.end
        && doc
            .text()
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .eq(span.text.chars());
    if fits {
        Ok(())
    } else {
        Err(EditError::NotInText {
            start: span.start,
            end: span.end,
        })
    }
}

fn set_speaker(quote: &Quote, index: usize, speaker: Option<String>, name: &str) -> Transaction {
    let mut quote = quote.clone();
    quote.speaker = speaker;
    quote.status = Status::Edited;
    quote.origin = Origin::Manual;
    Transaction::new(name).with(Edit::ReplaceQuote { index, quote })
}

/// Edits that move every quote spoken by `from` to `to`.
fn retarget_quotes(doc: &Annotations, from: &str, to: Option<&str>) -> Vec<Edit> {
    doc.quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.speaker.as_deref() == Some(from))
        .map(|(index, q)| {
            let mut quote = q.clone();
            quote.speaker = to.map(str::to_owned);
            quote.status = Status::Edited;
            quote.origin = Origin::Manual;
            Edit::ReplaceQuote { index, quote }
        })
        .collect()
}
