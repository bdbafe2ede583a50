//! Every change a person makes, as data: an [`Edit`] applied to the model
//! returns its inverse, so undo and redo are two stacks of transactions
//! (the way helix keeps its history).

use super::{
    Annotations, Attributes, Entity, EntityLabel, Origin, Quote, QuoteKind, ReviewStatus, Span,
    Status,
};

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
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it, or `None` when
    /// the edit does not fit the model (an index past the end): nothing changes.
    fn apply(self, doc: &mut Annotations) -> Option<Edit> {
        Some(match self {
            Edit::InsertQuote { index, quote } => {
                (index <= doc.quotes.len()).then_some(())?;
                doc.quotes.insert(index, quote);
                Edit::RemoveQuote { index }
            }
            Edit::RemoveQuote { index } => {
                (index < doc.quotes.len()).then_some(())?;
                let quote = doc.quotes.remove(index);
                Edit::InsertQuote { index, quote }
            }
            Edit::ReplaceQuote { index, quote } => {
                let slot = doc.quotes.get_mut(index)?;
                let old = std::mem::replace(slot, quote);
                Edit::ReplaceQuote { index, quote: old }
            }
            Edit::InsertEntity { index, entity } => {
                (index <= doc.entities.len()).then_some(())?;
                doc.entities.insert(index, entity);
                Edit::RemoveEntity { index }
            }
            Edit::RemoveEntity { index } => {
                (index < doc.entities.len()).then_some(())?;
                let entity = doc.entities.remove(index);
                Edit::InsertEntity { index, entity }
            }
            Edit::ReplaceEntity { index, entity } => {
                let slot = doc.entities.get_mut(index)?;
                let old = std::mem::replace(slot, entity);
                Edit::ReplaceEntity { index, entity: old }
            }
            Edit::SetReviewStatus(status) => {
                Edit::SetReviewStatus(std::mem::replace(&mut doc.review.status, status))
            }
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

    fn with(mut self, edit: Edit) -> Transaction {
        self.edits.push(edit);
        self
    }

    /// Applies every edit in order; returns the transaction that undoes them.
    /// An edit that does not fit stops the transaction and the edits already
    /// made are rolled back, so the model is never left half-changed.
    pub fn apply(self, doc: &mut Annotations) -> Option<Transaction> {
        let mut undo = Vec::with_capacity(self.edits.len());
        for edit in self.edits {
            match edit.apply(doc) {
                Some(inverse) => undo.push(inverse),
                None => {
                    for inverse in undo.into_iter().rev() {
                        inverse.apply(doc);
                    }
                    return None;
                }
            }
        }
        undo.reverse();
        Some(Transaction {
            name: self.name,
            edits: undo,
        })
    }

    // --- What a reviewer does, each built from the smallest edits. ---

    /// Makes `speaker` (an entity id, or nobody) the speaker of quote `index`.
    pub fn set_speaker(doc: &Annotations, index: usize, speaker: Option<String>) -> Option<Self> {
        let mut quote = doc.quotes.get(index)?.clone();
        quote.speaker = speaker;
        quote.status = Status::Edited;
        quote.origin = Origin::Manual;
        Some(Transaction::new("Set speaker").with(Edit::ReplaceQuote { index, quote }))
    }

    /// Accepts or rejects quote `index` (or puts it back to pending).
    pub fn set_quote_status(doc: &Annotations, index: usize, status: Status) -> Option<Self> {
        let mut quote = doc.quotes.get(index)?.clone();
        let name = match status {
            Status::Accepted => "Accept quote",
            Status::Rejected => "Reject quote",
            _ => "Change quote status",
        };
        // Accepting a quote the person already edited keeps it marked edited.
        if !(status == Status::Accepted && quote.status == Status::Edited) {
            quote.status = status;
        }
        Some(Transaction::new(name).with(Edit::ReplaceQuote { index, quote }))
    }

    pub fn set_quote_kind(doc: &Annotations, index: usize, kind: QuoteKind) -> Option<Self> {
        let mut quote = doc.quotes.get(index)?.clone();
        quote.kind = kind;
        quote.status = Status::Edited;
        quote.origin = Origin::Manual;
        Some(Transaction::new("Change quote kind").with(Edit::ReplaceQuote { index, quote }))
    }

    /// A new quote over `content`, made by a person, kept in reading order.
    pub fn add_quote(doc: &Annotations, kind: QuoteKind, content: Span) -> Self {
        let quote = Quote {
            id: doc.next_id("q"),
            kind,
            content: vec![content],
            cue: None,
            source: None,
            speaker: None,
            confidence: None,
            origin: Origin::Manual,
            status: Status::Edited,
            extra: Default::default(),
        };
        let index = doc.quotes.partition_point(|q| q.start() <= quote.start());
        Transaction::new("Add quote").with(Edit::InsertQuote { index, quote })
    }

    /// A new entity named by `mention`, made by a person.
    pub fn add_entity(doc: &Annotations, label: &str, mention: Span) -> Self {
        let entity = Entity {
            id: doc.next_id("e"),
            label: label.to_owned(),
            name: mention.text.clone(),
            mentions: vec![mention],
            origin: Origin::Manual,
            status: Status::Edited,
            attributes: None,
            registry: None,
            extra: Default::default(),
        };
        let index = doc.entities.len();
        Transaction::new("Add entity").with(Edit::InsertEntity { index, entity })
    }

    /// A new person named `name` (not found in the text), made speaker of
    /// quote `quote_index` in the same step.
    pub fn new_person_as_speaker(
        doc: &Annotations,
        quote_index: usize,
        name: &str,
    ) -> Option<Self> {
        let id = doc.next_id("e");
        let entity = Entity {
            id: id.clone(),
            label: EntityLabel::Person.as_str().to_owned(),
            name: name.trim().to_owned(),
            mentions: Vec::new(),
            origin: Origin::Manual,
            status: Status::Edited,
            attributes: None,
            registry: None,
            extra: Default::default(),
        };
        let speaker = Transaction::set_speaker(doc, quote_index, Some(id))?;
        let mut tx = Transaction::new("New person as speaker").with(Edit::InsertEntity {
            index: doc.entities.len(),
            entity,
        });
        tx.edits.extend(speaker.edits);
        Some(tx)
    }

    /// Adds `mention` to entity `index`; a span some other entity already
    /// holds moves over.
    pub fn add_mention(doc: &Annotations, index: usize, mention: Span) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        let mut tx = Transaction::new("Add mention");
        for (i, other) in doc.entities.iter().enumerate() {
            if i != index && other.mentions.contains(&mention) {
                let mut other = other.clone();
                other.mentions.retain(|m| m != &mention);
                other.status = Status::Edited;
                tx.edits.push(Edit::ReplaceEntity {
                    index: i,
                    entity: other,
                });
            }
        }
        if !entity.mentions.contains(&mention) {
            let at = entity
                .mentions
                .partition_point(|m| m.start <= mention.start);
            entity.mentions.insert(at, mention);
        }
        entity.status = Status::Edited;
        Some(tx.with(Edit::ReplaceEntity { index, entity }))
    }

    pub fn rename_entity(doc: &Annotations, index: usize, name: &str) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        entity.name = name.trim().to_owned();
        entity.status = Status::Edited;
        Some(Transaction::new("Rename entity").with(Edit::ReplaceEntity { index, entity }))
    }

    pub fn set_entity_label(doc: &Annotations, index: usize, label: &str) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        entity.label = label.to_owned();
        entity.status = Status::Edited;
        Some(Transaction::new("Change label").with(Edit::ReplaceEntity { index, entity }))
    }

    pub fn set_entity_status(doc: &Annotations, index: usize, status: Status) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        entity.status = status;
        Some(Transaction::new("Change entity status").with(Edit::ReplaceEntity { index, entity }))
    }

    /// Folds entity `from` into entity `into`: its mentions join `into`, and
    /// quotes it spoke now have `into` as speaker.
    pub fn merge_entities(doc: &Annotations, from: usize, into: usize) -> Option<Self> {
        if from == into {
            return None;
        }
        let source = doc.entities.get(from)?;
        let mut target = doc.entities.get(into)?.clone();
        for m in &source.mentions {
            if !target.mentions.contains(m) {
                target.mentions.push(m.clone());
            }
        }
        target.mentions.sort_by_key(|m| (m.start, m.end));
        target.status = Status::Edited;
        let mut tx = Transaction::new("Merge entities");
        tx.edits
            .extend(retarget_quotes(doc, &source.id, Some(&target.id)));
        tx.edits.push(Edit::ReplaceEntity {
            index: into,
            entity: target,
        });
        tx.edits.push(Edit::RemoveEntity { index: from });
        Some(tx)
    }

    /// Deletes entity `index`; quotes it spoke are left with no speaker.
    pub fn delete_entity(doc: &Annotations, index: usize) -> Option<Self> {
        let entity = doc.entities.get(index)?;
        let mut tx = Transaction::new("Delete entity");
        tx.edits.extend(retarget_quotes(doc, &entity.id, None));
        tx.edits.push(Edit::RemoveEntity { index });
        Some(tx)
    }

    /// Sets attribute `key` of entity `index` to `value`, or removes it
    /// (`None`); a reviewer's act, so the entity becomes `edited` (which
    /// confirms its other attributes too, as the contract has it). Quotes
    /// are not touched. `None` when there is no such entity or the value is
    /// not allowed (a gender outside the four).
    pub fn set_attribute(
        doc: &Annotations,
        index: usize,
        key: &str,
        value: Option<&str>,
    ) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        let mut attributes = entity.attributes.take().unwrap_or_default();
        attributes.set(key, value).ok()?;
        // Clearing the last attribute leaves no empty object behind.
        entity.attributes = (!attributes.is_empty()).then_some(attributes);
        entity.status = Status::Edited;
        let name = match value {
            Some(_) => format!("Set {key}"),
            None => format!("Clear {key}"),
        };
        Some(Transaction::new(name).with(Edit::ReplaceEntity { index, entity }))
    }

    /// Gives entity `index` every attribute of `from` (a registry entry's),
    /// replacing its own values of those keys and keeping its other keys;
    /// the entity becomes `edited`.
    pub fn fill_attributes(doc: &Annotations, index: usize, from: &Attributes) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        fill(&mut entity, from)?;
        entity.status = Status::Edited;
        Some(Transaction::new("Fill attributes").with(Edit::ReplaceEntity { index, entity }))
    }

    /// Links entity `index` to the registry entry `id`, or unlinks it
    /// (`None`); the entity becomes `edited`, its attributes stay.
    pub fn link_registry(doc: &Annotations, index: usize, id: Option<&str>) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        entity.registry = id.map(str::to_owned);
        entity.status = Status::Edited;
        let name = if id.is_some() {
            "Link to registry"
        } else {
            "Unlink from registry"
        };
        Some(Transaction::new(name).with(Edit::ReplaceEntity { index, entity }))
    }

    /// Links entity `index` to registry entry `id` and fills its attributes
    /// from the entry's (`from`), as one step to undo.
    pub fn link_and_fill(
        doc: &Annotations,
        index: usize,
        id: &str,
        from: &Attributes,
    ) -> Option<Self> {
        let mut entity = doc.entities.get(index)?.clone();
        entity.registry = Some(id.to_owned());
        fill(&mut entity, from)?;
        entity.status = Status::Edited;
        Some(Transaction::new("Link to registry").with(Edit::ReplaceEntity { index, entity }))
    }

    pub fn set_review_status(status: ReviewStatus) -> Self {
        Transaction::new("Change review status").with(Edit::SetReviewStatus(status))
    }
}

/// Copies every attribute of `from` onto `entity`; `None` (nothing to do)
/// only if `from` held a value `Attributes` refuses, which it cannot.
fn fill(entity: &mut Entity, from: &Attributes) -> Option<()> {
    let mut attributes = entity.attributes.take().unwrap_or_default();
    for (key, value) in from.iter() {
        attributes.set(key, Some(value)).ok()?;
    }
    entity.attributes = (!attributes.is_empty()).then_some(attributes);
    Some(())
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

/// Undo and redo stacks over one document.
///
/// Each applied transaction gets a serial number; [`History::state`] names the
/// state the document is in, so the window knows it is unsaved exactly when
/// that differs from the state at the last save (undoing back to it is clean).
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<(u64, Transaction)>,
    redo: Vec<(u64, Transaction)>,
    serial: u64,
}

impl History {
    /// Applies `tx` to `doc` and remembers how to undo it. Returns false (and
    /// changes nothing) when the transaction does not fit the document.
    pub fn apply(&mut self, doc: &mut Annotations, tx: Transaction) -> bool {
        match tx.apply(doc) {
            Some(inverse) => {
                self.serial += 1;
                self.undo.push((self.serial, inverse));
                self.redo.clear();
                true
            }
            None => false,
        }
    }

    pub fn undo(&mut self, doc: &mut Annotations) -> bool {
        Self::shift(&mut self.undo, &mut self.redo, doc)
    }

    pub fn redo(&mut self, doc: &mut Annotations) -> bool {
        Self::shift(&mut self.redo, &mut self.undo, doc)
    }

    fn shift(
        from: &mut Vec<(u64, Transaction)>,
        to: &mut Vec<(u64, Transaction)>,
        doc: &mut Annotations,
    ) -> bool {
        let Some((serial, tx)) = from.pop() else {
            return false;
        };
        match tx.apply(doc) {
            Some(inverse) => {
                to.push((serial, inverse));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Name of what Ctrl+Z would undo.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|(_, t)| t.name.as_str())
    }

    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|(_, t)| t.name.as_str())
    }

    /// Names the document's current state: 0 at load, else the serial number
    /// of the last transaction still applied.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |(serial, _)| *serial)
    }
}
