//! What a reviewer asks for, named by ids: "make e2 the speaker of q4",
//! "merge e5 into e1". An intent becomes a [`Transaction`] only when it is
//! carried out, against the model as it is then, so two changes asked for
//! in the same frame never land on the wrong quote, and a quote deleted
//! meanwhile is an error that says so rather than an edit of its neighbour.
//!
//! A reviewer's decisions are training and publication data, so the rules
//! here keep them: a quote's `status` changes only when the reviewer decides
//! on that quote (accepts, rejects or edits it), never as a side effect of
//! editing an entity; where an entity edit must change a quote (its speaker
//! is deleted) the quote goes back to `pending` with no speaker, to be looked
//! at again, and a rejected quote stays rejected. `origin` says who made a
//! tag and never changes once it is made. `reviewed_by` follows `status`:
//! a decision records the reviewer who made it (or nobody, where no name is
//! known), and a tag going back to pending keeps no name. A quote's source (the words that
//! name its speaker) follows its speaker, so a corrected file teaches the
//! right source.

use super::edit::{Edit, EditError, Transaction};
use super::{
    Annotations, Attributes, Entity, EntityLabel, Origin, Quote, QuoteKind, ReviewStatus, Span,
    Status,
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
    /// Make an entity (or nobody) the speaker of a quote. `mention` is the
    /// mention the reviewer clicked to choose it, which becomes the source;
    /// chosen from a list, the source stays if it names the entity and is
    /// otherwise the entity's mention nearest the cue (none if it has none).
    /// Nobody as speaker keeps a source that names no person or
    /// organisation ("Western officials", "the daily"), the words PolNeAR
    /// and a retrained model call the source, and clears one that names
    /// somebody.
    SetSpeaker {
        quote: String,
        speaker: Option<String>,
        mention: Option<Span>,
    },
    /// Set (or clear) the words that introduce a quote.
    SetCue {
        quote: String,
        cue: Option<Span>,
    },
    /// Set (or clear) the words that name a quote's speaker; words that hold
    /// a mention of a person or organisation make it the speaker too.
    SetSource {
        quote: String,
        source: Option<Span>,
    },
    /// Accept every quote still pending (before marking an article done).
    AcceptPendingQuotes,
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
    /// of `quote` in the same step; its source stays if it names no person
    /// or organisation (a description: "the governor").
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
    /// Set attribute `key` of an entity (or clear it: `None`). The entity
    /// becomes `edited`, which confirms its other attributes too (the
    /// contract's way of telling a reviewer's attributes from automatic
    /// ones); quotes are not touched.
    SetAttribute {
        entity: String,
        key: String,
        value: Option<String>,
    },
    /// Link an entity to the folder registry's entry `id`, taking every
    /// attribute the entry has (`None`: unlink, attributes stay).
    LinkRegistry {
        entity: String,
        link: Option<(String, Attributes)>,
    },
    /// Fold entity `from` into `into`: its mentions join `into`, and quotes
    /// it spoke have `into` as speaker, their decisions kept.
    MergeEntities {
        from: String,
        into: String,
    },
    /// Delete an entity. Quotes it spoke are left with no speaker (and no
    /// source where that was one of its mentions) and pending again, but
    /// rejected ones stay rejected.
    DeleteEntity {
        entity: String,
    },
    SetReviewStatus(ReviewStatus),
    /// Settle difference `key` of an adjudication (see [`crate::compare`]):
    /// `taken`, a quote or entity under the id the result gives it, replaces
    /// the result's, and the difference is no longer open. `None` settles it
    /// as the result stands, for the adjudicator to edit by hand. Settling
    /// the last open difference marks the review done. `name` is the step's
    /// name in the undo menu.
    Settle {
        key: String,
        taken: Option<Taken>,
        name: String,
    },
}

/// A version of a quote or entity an adjudicator takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    // Boxed: an intent stays small in the window's request queue.
    Quote(Box<Quote>),
    Entity(Box<Entity>),
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
    /// The transaction that carries the intent out on `doc` as it is now,
    /// its decisions recorded as nobody's (see [`Intent::plan_by`]).
    /// `Ok(None)` when it would change nothing (the speaker it already has).
    pub fn plan(&self, doc: &Annotations) -> Result<Option<Plan>, EditError> {
        self.plan_by(doc, None)
    }

    /// [`Intent::plan`] for reviewer `by`: every quote or entity the intent
    /// decides on records `by` in `reviewed_by`. The first change a person
    /// makes to the tags of a file nobody had started on marks its review in
    /// progress, in the same transaction (undone with it): a file saved with
    /// a reviewer's corrections and still called unreviewed would be left
    /// out of `train --reviewed` and of the report's count of files under
    /// review.
    pub fn plan_by(&self, doc: &Annotations, by: Option<&str>) -> Result<Option<Plan>, EditError> {
        let mut plan = self.plan_changes(doc, by)?;
        if doc.review.status == ReviewStatus::Unreviewed
            && let Some(plan) = &mut plan
            && plan.transaction.changes_tags()
        {
            (plan.transaction.edits).push(Edit::SetReviewStatus(ReviewStatus::InProgress));
        }
        Ok(plan)
    }

    fn plan_changes(&self, doc: &Annotations, by: Option<&str>) -> Result<Option<Plan>, EditError> {
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
                let mut new_quote = q.clone();
                new_quote.decide(new, by);
                if new_quote == *q {
                    return Ok(None);
                }
                let name = match status {
                    Status::Accepted => "Accept quote",
                    Status::Rejected => "Reject quote",
                    _ => "Change quote status",
                };
                let q = new_quote;
                plain(Transaction::new(name).with(Edit::ReplaceQuote { index, quote: q }))
            }
            Intent::SetQuoteKind { quote, kind } => {
                let (index, q) = quote_by_id(doc, quote)?;
                if q.kind == *kind {
                    return Ok(None);
                }
                let mut q = q.clone();
                q.kind = *kind;
                plain(edited(by, "Change quote kind", index, q))
            }
            Intent::SetSpeaker {
                quote,
                speaker,
                mention,
            } => {
                let (index, q) = quote_by_id(doc, quote)?;
                let mut new = q.clone();
                new.speaker = speaker.clone();
                new.source = match (speaker, mention) {
                    (None, _) => q.source.clone().filter(|s| !names_a_speaker(doc, s)),
                    (Some(id), mention) => {
                        let (_, entity) = entity_by_id(doc, id)?;
                        // A name within the quote's own words is what
                        // the speaker says, not who says it.
                        match mention
                            .as_ref()
                            .filter(|m| !q.content.iter().any(|c| c.overlaps(m)))
                        {
                            Some(mention) => Some(trimmed(doc, mention)?),
                            None => source_naming(entity, q),
                        }
                    }
                };
                if new.speaker == q.speaker && new.source == q.source {
                    return Ok(None);
                }
                plain(edited(by, "Set speaker", index, new))
            }
            Intent::SetCue { quote, cue } => {
                let (index, q) = quote_by_id(doc, quote)?;
                let cue = cue.as_ref().map(|c| trimmed(doc, c)).transpose()?;
                if q.cue == cue {
                    return Ok(None);
                }
                if overlap(cue.as_ref(), q.source.as_ref()) {
                    return Err(EditError::Refused(
                        "the cue would overlap the quote's source; select the words beside it",
                    ));
                }
                let mut q = q.clone();
                q.cue = cue;
                plain(edited(by, "Set cue", index, q))
            }
            Intent::SetSource { quote, source } => {
                let (index, q) = quote_by_id(doc, quote)?;
                let source = source.as_ref().map(|s| trimmed(doc, s)).transpose()?;
                let mut new = q.clone();
                if let Some(named) = source.as_ref().and_then(|s| speaker_named_by(doc, s)) {
                    new.speaker = Some(named.to_owned());
                }
                new.source = source;
                if new.source == q.source && new.speaker == q.speaker {
                    return Ok(None);
                }
                // PolNeAR has one source in 20,000 that shares words with its
                // cue: a drag that ran into the cue is a slip of the hand.
                if overlap(new.source.as_ref(), q.cue.as_ref()) {
                    return Err(EditError::Refused(
                        "the source would overlap the quote's cue; select the words beside it",
                    ));
                }
                plain(edited(by, "Set source", index, new))
            }
            Intent::AcceptPendingQuotes => {
                let mut tx = Transaction::new("Accept pending quotes");
                for (index, q) in doc.quotes.iter().enumerate() {
                    if q.status == Status::Pending {
                        let mut quote = q.clone();
                        quote.decide(Status::Accepted, by);
                        tx.edits.push(Edit::ReplaceQuote { index, quote });
                    }
                }
                if tx.edits.is_empty() {
                    return Ok(None);
                }
                plain(tx)
            }
            Intent::AddQuote { kind, content } => {
                let content = trimmed(doc, content)?;
                let id = doc.next_id("q");
                let quote = Quote {
                    id: id.clone(),
                    kind: *kind,
                    content: vec![content],
                    cue: None,
                    source: None,
                    speaker: None,
                    confidence: None,
                    origin: Origin::Manual,
                    status: Status::Edited,
                    reviewed_by: by.map(str::to_owned),
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
                let mention = trimmed(doc, mention)?;
                let id = doc.next_id("e");
                let mut entity =
                    Entity::by_reviewer(id.clone(), label, mention.text.clone(), vec![mention]);
                entity.reviewed_by = by.map(str::to_owned);
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
                let mut entity = Entity::by_reviewer(
                    id.clone(),
                    EntityLabel::Person.as_str(),
                    name.to_owned(),
                    Vec::new(),
                );
                entity.reviewed_by = by.map(str::to_owned);
                let mut quote = q.clone();
                quote.speaker = Some(id.clone());
                // Named nowhere in the text: a source that names someone
                // else goes, a description ("The governor") stays, as it
                // does for nobody.
                quote.source = q.source.clone().filter(|s| !names_a_speaker(doc, s));
                quote.decide(Status::Edited, by);
                let transaction = Transaction::new("New person as speaker")
                    .with(Edit::InsertEntity {
                        index: doc.entities.len(),
                        entity,
                    })
                    .with(Edit::ReplaceQuote { index, quote });
                Ok(Some(Plan {
                    transaction,
                    created: Some(Created::Entity(id)),
                }))
            }
            Intent::AddMention { entity, mention } => {
                let mention = &trimmed(doc, mention)?;
                let (index, e) = entity_by_id(doc, entity)?;
                let mut tx = Transaction::new("Add mention");
                for (i, other) in doc.entities.iter().enumerate() {
                    if i != index && other.mentions.contains(mention) {
                        let mut other = other.clone();
                        other.mentions.retain(|m| m != mention);
                        other.decide(Status::Edited, by);
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
                e.decide(Status::Edited, by);
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
                e.decide(Status::Edited, by);
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
                e.decide(Status::Edited, by);
                plain(
                    Transaction::new("Change label").with(Edit::ReplaceEntity { index, entity: e }),
                )
            }
            Intent::SetEntityStatus { entity, status } => {
                let (index, e) = entity_by_id(doc, entity)?;
                let mut new = e.clone();
                new.decide(*status, by);
                if new == *e {
                    return Ok(None);
                }
                let e = new;
                plain(
                    Transaction::new("Change entity status")
                        .with(Edit::ReplaceEntity { index, entity: e }),
                )
            }
            Intent::SetAttribute { entity, key, value } => {
                let (index, old) = entity_by_id(doc, entity)?;
                let mut e = old.clone();
                let mut attributes = e.attributes.take().unwrap_or_default();
                attributes.set(key, value.as_deref())?;
                // Clearing the last attribute leaves no empty object behind.
                e.attributes = (!attributes.is_empty()).then_some(attributes);
                e.decide(Status::Edited, by);
                if e == *old {
                    return Ok(None);
                }
                let name = match value {
                    Some(_) => format!("Set {key}"),
                    None => format!("Clear {key}"),
                };
                plain(Transaction::new(name).with(Edit::ReplaceEntity { index, entity: e }))
            }
            Intent::LinkRegistry { entity, link } => {
                let (index, e) = entity_by_id(doc, entity)?;
                let mut e = e.clone();
                let name = match link {
                    Some((id, from)) => {
                        e.registry = Some(id.clone());
                        let mut attributes = e.attributes.take().unwrap_or_default();
                        for (key, value) in from.iter() {
                            attributes.set(key, Some(value))?;
                        }
                        e.attributes = (!attributes.is_empty()).then_some(attributes);
                        "Link to registry"
                    }
                    None => {
                        e.registry = None;
                        "Unlink from registry"
                    }
                };
                e.decide(Status::Edited, by);
                plain(Transaction::new(name).with(Edit::ReplaceEntity { index, entity: e }))
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
                target.decide(Status::Edited, by);
                let mut tx = Transaction::new("Merge entities");
                // One person under one id now: the quotes' decisions stand.
                for (index, q) in doc.quotes.iter().enumerate() {
                    if q.speaker.as_deref() == Some(from.as_str()) {
                        let mut quote = q.clone();
                        quote.speaker = Some(into.clone());
                        tx.edits.push(Edit::ReplaceQuote { index, quote });
                    }
                }
                tx.edits.push(Edit::ReplaceEntity {
                    index: into_index,
                    entity: target,
                });
                tx.edits.push(Edit::RemoveEntity { index: from_index });
                plain(tx)
            }
            Intent::DeleteEntity { entity } => {
                let (index, deleted) = entity_by_id(doc, entity)?;
                let mut tx = Transaction::new("Delete entity");
                for (i, q) in doc.quotes.iter().enumerate() {
                    if q.speaker.as_deref() != Some(entity.as_str()) {
                        continue;
                    }
                    let mut quote = q.clone();
                    quote.speaker = None;
                    let names_deleted = |s: &Span| deleted.mentions.iter().any(|m| m.overlaps(s));
                    if quote.source.as_ref().is_some_and(names_deleted) {
                        quote.source = None;
                    }
                    // Who said it is open again; "not a quote" still holds.
                    if quote.status != Status::Rejected {
                        quote.decide(Status::Pending, by);
                    }
                    tx.edits.push(Edit::ReplaceQuote { index: i, quote });
                }
                tx.edits.push(Edit::RemoveEntity { index });
                plain(tx)
            }
            Intent::SetReviewStatus(status) => {
                if doc.review.status == *status {
                    return Ok(None);
                }
                plain(Transaction::new("Change review status").with(Edit::SetReviewStatus(*status)))
            }
            Intent::Settle { key, taken, name } => {
                let mut tx = Transaction::new(name.clone());
                match taken {
                    Some(Taken::Quote(new)) => {
                        let (index, old) = quote_by_id(doc, &new.id)?;
                        // A speaker the adjudicator deleted meanwhile.
                        if let Some(speaker) = &new.speaker {
                            entity_by_id(doc, speaker)?;
                        }
                        let mut quote = Quote::clone(new);
                        quote.decide(new.status, by);
                        if quote != *old {
                            tx.edits.push(Edit::ReplaceQuote { index, quote });
                        }
                    }
                    Some(Taken::Entity(new)) => {
                        let (index, old) = entity_by_id(doc, &new.id)?;
                        let mut entity = Entity::clone(new);
                        entity.decide(new.status, by);
                        if entity != *old {
                            tx.edits.push(Edit::ReplaceEntity { index, entity });
                        }
                    }
                    None => {}
                }
                if let Some(adjudication) = &doc.review.adjudication
                    && adjudication.open.contains(key)
                {
                    let mut settled = adjudication.clone();
                    settled.open.retain(|k| k != key);
                    if settled.open.is_empty() && doc.review.status != ReviewStatus::Done {
                        tx.edits.push(Edit::SetReviewStatus(ReviewStatus::Done));
                    }
                    tx.edits.push(Edit::SetAdjudication(Some(settled)));
                }
                if tx.edits.is_empty() {
                    return Ok(None);
                }
                plain(tx)
            }
        }
    }
}

/// A quote or entity a reviewer decides on: its status and who decided
/// change together.
trait Decided {
    fn decide(&mut self, status: Status, by: Option<&str>);
}

/// The name a decision records: nobody's on a pending tag.
fn decider(status: Status, by: Option<&str>) -> Option<String> {
    by.filter(|_| status != Status::Pending).map(str::to_owned)
}

impl Decided for Quote {
    fn decide(&mut self, status: Status, by: Option<&str>) {
        self.status = status;
        self.reviewed_by = decider(status, by);
    }
}

impl Decided for Entity {
    fn decide(&mut self, status: Status, by: Option<&str>) {
        self.status = status;
        self.reviewed_by = decider(status, by);
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

/// `span` without white space at its ends, checked against the text: it
/// must cover chars of the text and repeat them.
fn trimmed(doc: &Annotations, span: &Span) -> Result<Span, EditError> {
    let fits = span.start < span.end
        && doc
            .text()
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .eq(span.text.chars());
    if !fits {
        return Err(EditError::NotInText {
            start: span.start,
            end: span.end,
        });
    }
    span.trimmed()
        .ok_or(EditError::Refused("the selection holds only white space"))
}

/// A quote the reviewer `by` changed: edited, whoever made it.
fn edited(by: Option<&str>, name: &str, index: usize, mut quote: Quote) -> Transaction {
    quote.decide(Status::Edited, by);
    Transaction::new(name).with(Edit::ReplaceQuote { index, quote })
}

/// The source a quote should show once `entity` speaks it: its source if
/// that names the entity, else the entity's mention nearest the cue (or the
/// quote) outside the quote's own words, else none.
fn source_naming(entity: &Entity, quote: &Quote) -> Option<Span> {
    if let Some(source) = &quote.source
        && entity.mentions.iter().any(|m| m.overlaps(source))
    {
        return Some(source.clone());
    }
    quote.nearest_mention(entity).cloned()
}

/// Whether both spans are there and share a char.
fn overlap(a: Option<&Span>, b: Option<&Span>) -> bool {
    a.zip(b).is_some_and(|(a, b)| a.overlaps(b))
}

/// Whether a mention of a person or organisation overlaps `span`.
fn names_a_speaker(doc: &Annotations, span: &Span) -> bool {
    doc.entities
        .iter()
        .filter(|e| EntityLabel::name_can_speak(&e.label))
        .any(|e| e.mentions.iter().any(|m| m.overlaps(span)))
}

/// The person or organisation one of whose mentions `span` covers.
fn speaker_named_by<'a>(doc: &'a Annotations, span: &Span) -> Option<&'a str> {
    doc.entities
        .iter()
        .filter(|e| EntityLabel::name_can_speak(&e.label))
        .find(|e| {
            e.mentions
                .iter()
                .any(|m| span.start <= m.start && m.end <= span.end)
        })
        .map(|e| e.id.as_str())
}
