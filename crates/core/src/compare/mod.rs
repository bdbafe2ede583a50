//! Two reviewers' files of one article side by side: every difference
//! between them, and the adjudicated file made by settling each one.
//!
//! Quotes are paired with `eval`'s rule (content overlapping by at least half
//! of the shorter, one to one, largest overlap first), entities by the
//! mentions they share (the same span first, then overlapping ones) or, for
//! people named nowhere in the text, by name; ids are never compared, so two
//! files that number their entities differently still agree on who spoke.
//! Rejected tags are no tags here, as in `eval`: a quote one reviewer
//! rejected and the other accepted is a quote only the other found.
//!
//! The result starts as A's file with every item both agree on as it is,
//! each tag only one reviewer has added as `pending`, and every difference
//! open (listed by key in `review.adjudication.open`). Settling one is an
//! [`Intent::Settle`], so it is undone like any edit: taking a side's version
//! puts that side's value of what differs into the result, and taking the
//! side that lacks a tag rejects it (kept as a negative example). Settling
//! the last open difference marks the review done.

mod folders;

pub use folders::{PairItem, PairQueue, pair_folders};

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::eval::match_contents;
use crate::format::{FileError, load_annotations};
use crate::model::{
    Adjudication, Annotations, Attributes, Entity, Intent, Quote, ReviewStatus, Reviewer, Span,
    Status, Taken, sha256_hex,
};

/// Why two files cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(
        "{a} and {b} are not the same article: their texts differ (sha256 {digest_a} and {digest_b}); only two reviews of one text can be compared"
    )]
    DifferentTexts {
        a: String,
        b: String,
        digest_a: String,
        digest_b: String,
    },
}

impl CompareError {
    /// Every problem, one a line, for the window's report.
    pub fn problems(&self) -> Vec<String> {
        match self {
            CompareError::File(e) => e.problems(),
            other => vec![other.to_string()],
        }
    }
}

/// One of the two reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    A,
    B,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::A => "A",
            Side::B => "B",
        })
    }
}

/// What two reviewers disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    /// A quote one of them found and the other did not.
    Quote,
    Content,
    Kind,
    Cue,
    Source,
    Speaker,
    /// An entity one of them tagged and the other did not.
    Entity,
    Label,
    Name,
    Attributes,
    Mentions,
}

impl Aspect {
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Quote => "quote",
            Aspect::Content => "content",
            Aspect::Kind => "kind",
            Aspect::Cue => "cue",
            Aspect::Source => "source",
            Aspect::Speaker => "speaker",
            Aspect::Entity => "entity",
            Aspect::Label => "label",
            Aspect::Name => "name",
            Aspect::Attributes => "attributes",
            Aspect::Mentions => "mentions",
        }
    }

    /// Of a quote (else of an entity).
    pub fn of_quote(self) -> bool {
        self <= Aspect::Speaker
    }

    /// A whole tag one side has and the other lacks.
    pub fn is_presence(self) -> bool {
        matches!(self, Aspect::Quote | Aspect::Entity)
    }
}

/// One difference: an aspect of a quote or entity, named by the id it has
/// in the result and in each reviewer's file (`None`: that reviewer has no
/// such tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub aspect: Aspect,
    pub id: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

impl Difference {
    /// How the difference is named in `review.adjudication.open`: "q3 speaker".
    pub fn key(&self) -> String {
        format!("{} {}", self.id, self.aspect.as_str())
    }
}

/// How a difference stands in the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Open,
    /// The result holds this side's version.
    As(Side),
    /// Settled, and the result holds neither side's version.
    Edited,
    /// The tag is no longer in the result (the adjudicator deleted it).
    Gone,
}

/// A tag of the result, or its version in one reviewer's file.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Quote(Quote),
    Entity(Entity),
}

impl Item {
    fn status(&self) -> Status {
        match self {
            Item::Quote(q) => q.status,
            Item::Entity(e) => e.status,
        }
    }

    fn set_status(&mut self, status: Status) {
        match self {
            Item::Quote(q) => q.status = status,
            Item::Entity(e) => e.status = status,
        }
    }

    /// The spans an aspect covers in the text, to show where it is.
    pub fn spans(&self, aspect: Aspect) -> Vec<Span> {
        match self {
            Item::Quote(q) => match aspect {
                Aspect::Cue => q.cue.iter().cloned().collect(),
                Aspect::Source => q.source.iter().cloned().collect(),
                _ => q.content.clone(),
            },
            Item::Entity(e) => e.mentions.clone(),
        }
    }

    /// Equal in `aspect` (for a presence: in every aspect).
    fn same(&self, other: &Item, aspect: Aspect) -> bool {
        match (self, other) {
            (Item::Quote(x), Item::Quote(y)) => match aspect {
                Aspect::Content => spans_key(&x.content) == spans_key(&y.content),
                Aspect::Kind => x.kind == y.kind,
                Aspect::Cue => span_key(x.cue.as_ref()) == span_key(y.cue.as_ref()),
                Aspect::Source => span_key(x.source.as_ref()) == span_key(y.source.as_ref()),
                Aspect::Speaker => x.speaker == y.speaker,
                _ => QUOTE_ASPECTS.iter().all(|&a| self.same(other, a)),
            },
            (Item::Entity(x), Item::Entity(y)) => match aspect {
                Aspect::Label => x.label == y.label,
                Aspect::Name => x.name == y.name,
                Aspect::Attributes => {
                    attributes_key(x.attributes.as_ref()) == attributes_key(y.attributes.as_ref())
                }
                Aspect::Mentions => spans_key(&x.mentions) == spans_key(&y.mentions),
                _ => ENTITY_ASPECTS.iter().all(|&a| self.same(other, a)),
            },
            _ => false,
        }
    }

    /// `from`'s value of `aspect`, put into this item.
    fn take(&mut self, from: &Item, aspect: Aspect) {
        match (self, from) {
            (Item::Quote(x), Item::Quote(y)) => match aspect {
                Aspect::Content => x.content = y.content.clone(),
                Aspect::Kind => x.kind = y.kind,
                Aspect::Cue => x.cue = y.cue.clone(),
                Aspect::Source => x.source = y.source.clone(),
                Aspect::Speaker => x.speaker = y.speaker.clone(),
                _ => *x = y.clone(),
            },
            (Item::Entity(x), Item::Entity(y)) => match aspect {
                Aspect::Label => x.label = y.label.clone(),
                Aspect::Name => x.name = y.name.clone(),
                Aspect::Attributes => x.attributes = y.attributes.clone(),
                Aspect::Mentions => x.mentions = y.mentions.clone(),
                _ => *x = y.clone(),
            },
            _ => {}
        }
    }
}

const QUOTE_ASPECTS: [Aspect; 5] = [
    Aspect::Content,
    Aspect::Kind,
    Aspect::Cue,
    Aspect::Source,
    Aspect::Speaker,
];
const ENTITY_ASPECTS: [Aspect; 4] = [
    Aspect::Label,
    Aspect::Name,
    Aspect::Attributes,
    Aspect::Mentions,
];

fn spans_key(spans: &[Span]) -> Vec<(usize, usize)> {
    let mut key: Vec<_> = spans.iter().map(|s| (s.start, s.end)).collect();
    key.sort_unstable();
    key
}

fn span_key(span: Option<&Span>) -> Option<(usize, usize)> {
    span.map(|s| (s.start, s.end))
}

/// No attributes and an empty object say the same.
fn attributes_key(attributes: Option<&Attributes>) -> Option<&Attributes> {
    attributes.filter(|a| !a.is_empty())
}

/// Two reviewers' files of one article, their differences, and the result
/// they start.
#[derive(Debug, Clone)]
pub struct Comparison {
    a: Annotations,
    b: Annotations,
    /// How each file is named to the person ("ana/article.json").
    names: [String; 2],
    /// B's quote and entity ids → the ids they have in the result.
    b_ids: HashMap<String, String>,
    differences: Vec<Difference>,
    result: Annotations,
}

impl Comparison {
    /// Reads and compares two annotation files.
    pub fn load(a: &Path, b: &Path) -> Result<Comparison, CompareError> {
        let (doc_a, doc_b) = (load_annotations(a)?, load_annotations(b)?);
        Comparison::new(doc_a, doc_b, [file_label(a), file_label(b)])
    }

    /// Compares `a` and `b`, named `names` in messages and in the result;
    /// refused when they are not of the same text.
    pub fn new(
        a: Annotations,
        b: Annotations,
        names: [String; 2],
    ) -> Result<Comparison, CompareError> {
        let (digest_a, digest_b) = (sha256_hex(a.text()), sha256_hex(b.text()));
        if digest_a != digest_b {
            let [a, b] = names;
            return Err(CompareError::DifferentTexts {
                a,
                b,
                digest_a,
                digest_b,
            });
        }
        let mut cmp = Comparison {
            result: a.clone(),
            a,
            b,
            names,
            b_ids: HashMap::new(),
            differences: Vec::new(),
        };
        cmp.build();
        Ok(cmp)
    }

    pub fn a(&self) -> &Annotations {
        &self.a
    }

    pub fn b(&self) -> &Annotations {
        &self.b
    }

    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::A => &self.names[0],
            Side::B => &self.names[1],
        }
    }

    /// The reviewer's name where the file gives one, else the file's.
    pub fn reviewer(&self, side: Side) -> &str {
        let doc = match side {
            Side::A => &self.a,
            Side::B => &self.b,
        };
        doc.review
            .annotator
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.name(side))
    }

    /// Every difference, in reading order.
    pub fn differences(&self) -> &[Difference] {
        &self.differences
    }

    /// The adjudicated file as it starts: what both agree on, tags only one
    /// added as pending, every difference open.
    pub fn result(&self) -> &Annotations {
        &self.result
    }

    fn build(&mut self) {
        let (a, b) = (&self.a, &self.b);
        let mut b_ids = HashMap::new();
        let compared_a = compared_entities(a);
        let compared_b = compared_entities(b);
        let entity_pairs = match_entities(a, &compared_a, b, &compared_b);
        let quotes_a = visible_quotes(a);
        let quotes_b = visible_quotes(b);
        let contents = |doc: &Annotations, quotes: &[usize]| -> Vec<Vec<(usize, usize)>> {
            quotes
                .iter()
                .map(|&i| {
                    doc.quotes[i]
                        .content
                        .iter()
                        .map(|s| (s.start, s.end))
                        .collect()
                })
                .collect()
        };
        let (ca, cb) = (contents(a, &quotes_a), contents(b, &quotes_b));
        let quote_pairs: Vec<(usize, usize)> = match_contents(
            &ca.iter().collect::<Vec<_>>(),
            &cb.iter().collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|(i, j)| (quotes_a[i], quotes_b[j]))
        .collect();

        // What the result keeps of A: every compared tag, and tags both
        // rejected (agreed negative examples).
        let rejected_b: HashSet<Vec<(usize, usize)>> = b
            .quotes
            .iter()
            .filter(|q| q.status == Status::Rejected)
            .map(|q| spans_key(&q.content))
            .collect();
        let rejected_b_entities: HashSet<Vec<(usize, usize)>> = b
            .entities
            .iter()
            .filter(|e| e.status == Status::Rejected)
            .map(|e| spans_key(&e.mentions))
            .collect();
        let mut result = a.clone();
        // Settled by hand, not as extract wrote it.
        result.review.extracted_sha256 = None;
        result.quotes.retain(|q| {
            q.status != Status::Rejected || rejected_b.contains(&spans_key(&q.content))
        });
        // The speakers of the quotes kept stay too, rejected or not.
        let kept: HashSet<&str> = compared_a
            .iter()
            .map(|&i| a.entities[i].id.as_str())
            .chain(result.quotes.iter().filter_map(|q| q.speaker.as_deref()))
            .collect();
        let kept: HashSet<String> = kept.into_iter().map(str::to_owned).collect();
        result.entities.retain(|e| {
            kept.contains(&e.id) || rejected_b_entities.contains(&spans_key(&e.mentions))
        });
        for label in &b.labels {
            if !result.labels.contains(label) {
                result.labels.push(label.clone());
            }
        }

        let mut differences = Vec::new();
        // Entities: B's matched ones take A's ids; B's own are added.
        let matched_b: HashMap<usize, usize> = entity_pairs.iter().map(|&(i, j)| (j, i)).collect();
        let matched_a: HashSet<usize> = entity_pairs.iter().map(|&(i, _)| i).collect();
        for &j in &compared_b {
            let id = match matched_b.get(&j) {
                Some(&i) => a.entities[i].id.clone(),
                None => {
                    let id = result.next_id("e");
                    let mut entity = b.entities[j].clone();
                    entity.id = id.clone();
                    pend(&mut entity.status, &mut entity.reviewed_by);
                    result.entities.push(entity);
                    differences.push(Difference {
                        aspect: Aspect::Entity,
                        id: id.clone(),
                        a: None,
                        b: Some(b.entities[j].id.clone()),
                    });
                    id
                }
            };
            b_ids.insert(b.entities[j].id.clone(), id);
        }
        for &i in &compared_a {
            if matched_a.contains(&i) {
                continue;
            }
            let id = &a.entities[i].id;
            if let Some(e) = result.entities.iter_mut().find(|e| e.id == *id) {
                pend(&mut e.status, &mut e.reviewed_by);
            }
            differences.push(Difference {
                aspect: Aspect::Entity,
                id: id.clone(),
                a: Some(id.clone()),
                b: None,
            });
        }
        for &(i, j) in &entity_pairs {
            let (x, y) = (
                Item::Entity(a.entities[i].clone()),
                Item::Entity(map_entity(&b_ids, &b.entities[j])),
            );
            for aspect in ENTITY_ASPECTS {
                if !x.same(&y, aspect) {
                    differences.push(Difference {
                        aspect,
                        id: a.entities[i].id.clone(),
                        a: Some(a.entities[i].id.clone()),
                        b: Some(b.entities[j].id.clone()),
                    });
                }
            }
        }

        // Quotes, the same way.
        let matched_b: HashMap<usize, usize> = quote_pairs.iter().map(|&(i, j)| (j, i)).collect();
        let matched_a: HashSet<usize> = quote_pairs.iter().map(|&(i, _)| i).collect();
        for &j in &quotes_b {
            let id = match matched_b.get(&j) {
                Some(&i) => a.quotes[i].id.clone(),
                None => {
                    let id = result.next_id("q");
                    b_ids.insert(b.quotes[j].id.clone(), id.clone());
                    let mut quote = map_quote(&b_ids, &b.quotes[j]);
                    pend(&mut quote.status, &mut quote.reviewed_by);
                    result.quotes.push(quote);
                    differences.push(Difference {
                        aspect: Aspect::Quote,
                        id: id.clone(),
                        a: None,
                        b: Some(b.quotes[j].id.clone()),
                    });
                    id
                }
            };
            b_ids.insert(b.quotes[j].id.clone(), id);
        }
        for &i in &quotes_a {
            if matched_a.contains(&i) {
                continue;
            }
            let id = &a.quotes[i].id;
            if let Some(q) = result.quotes.iter_mut().find(|q| q.id == *id) {
                pend(&mut q.status, &mut q.reviewed_by);
            }
            differences.push(Difference {
                aspect: Aspect::Quote,
                id: id.clone(),
                a: Some(id.clone()),
                b: None,
            });
        }
        for &(i, j) in &quote_pairs {
            let (x, y) = (
                Item::Quote(a.quotes[i].clone()),
                Item::Quote(map_quote(&b_ids, &b.quotes[j])),
            );
            for aspect in QUOTE_ASPECTS {
                if !x.same(&y, aspect) {
                    differences.push(Difference {
                        aspect,
                        id: a.quotes[i].id.clone(),
                        a: Some(a.quotes[i].id.clone()),
                        b: Some(b.quotes[j].id.clone()),
                    });
                }
            }
        }

        result.normalize_order();
        let position = |d: &Difference| {
            let start = if d.aspect.of_quote() {
                result.quote_index(&d.id).map(|i| result.quotes[i].start())
            } else {
                result
                    .entity(&d.id)
                    .and_then(|e| e.mentions.iter().map(|m| m.start).min())
            };
            (start.unwrap_or(usize::MAX), d.aspect)
        };
        differences.sort_by_key(|d| (position(d), d.id.clone()));
        result.review.status = if differences.is_empty() {
            ReviewStatus::Done
        } else {
            ReviewStatus::InProgress
        };
        result.review.annotator = None;
        result.review.updated_at = None;
        result.review.adjudication = Some(Adjudication {
            reviewers: [Side::A, Side::B]
                .map(|side| Reviewer {
                    annotator: match side {
                        Side::A => a.review.annotator.clone(),
                        Side::B => b.review.annotator.clone(),
                    },
                    file: self.name(side).to_owned(),
                    extra: Default::default(),
                })
                .to_vec(),
            open: differences.iter().map(Difference::key).collect(),
            extra: Default::default(),
        });
        self.differences = differences;
        self.result = result;
        self.b_ids = b_ids;
    }

    /// `side`'s version of the tag `d` is about, under the result's ids;
    /// `None` where that side has no such tag.
    pub fn version(&self, d: &Difference, side: Side) -> Option<Item> {
        let (doc, id) = match side {
            Side::A => (&self.a, d.a.as_deref()?),
            Side::B => (&self.b, d.b.as_deref()?),
        };
        if d.aspect.of_quote() {
            let q = &doc.quotes[doc.quote_index(id)?];
            Some(Item::Quote(match side {
                Side::A => q.clone(),
                Side::B => map_quote(&self.b_ids, q),
            }))
        } else {
            let e = doc.entity(id)?;
            Some(Item::Entity(match side {
                Side::A => e.clone(),
                Side::B => map_entity(&self.b_ids, e),
            }))
        }
    }

    /// The tag `d` is about as it is in `result` now.
    pub fn current(&self, result: &Annotations, d: &Difference) -> Option<Item> {
        if d.aspect.of_quote() {
            let i = result.quote_index(&d.id)?;
            Some(Item::Quote(result.quotes[i].clone()))
        } else {
            result.entity(&d.id).cloned().map(Item::Entity)
        }
    }

    /// How difference `d` stands in `result`.
    pub fn settled(&self, result: &Annotations, d: &Difference) -> Settled {
        let Some(current) = self.current(result, d) else {
            return Settled::Gone;
        };
        let open = result
            .review
            .adjudication
            .as_ref()
            .is_some_and(|adj| adj.open.contains(&d.key()));
        if open {
            return Settled::Open;
        }
        if d.aspect.is_presence() && current.status() == Status::Rejected {
            return Settled::As(if d.a.is_none() { Side::A } else { Side::B });
        }
        for side in [Side::A, Side::B] {
            if self
                .version(d, side)
                .is_some_and(|v| v.same(&current, d.aspect))
            {
                return Settled::As(side);
            }
        }
        Settled::Edited
    }

    /// The intent that settles `d` in `result` with `side`'s version: its
    /// value of what differs, the whole tag where only that side has it,
    /// or the tag rejected where that side has none.
    pub fn take(&self, result: &Annotations, d: &Difference, side: Side) -> Option<Intent> {
        let mut item = self.current(result, d)?;
        match self.version(d, side) {
            Some(version) => {
                item.take(&version, d.aspect);
                let status = [Side::A, Side::B]
                    .into_iter()
                    .filter_map(|s| self.version(d, s))
                    .find(|v| v.same(&item, d.aspect))
                    .map_or(Status::Edited, |v| v.status());
                // Taken, it is decided: a side's pending tag is accepted now.
                item.set_status(match status {
                    Status::Pending => Status::Accepted,
                    other => other,
                });
            }
            None => item.set_status(Status::Rejected),
        }
        let taken = match item {
            Item::Quote(q) => Taken::Quote(Box::new(q)),
            Item::Entity(e) => Taken::Entity(Box::new(e)),
        };
        Some(Intent::Settle {
            key: d.key(),
            taken: Some(taken),
            name: format!("Take {side}'s {} of {}", d.aspect.as_str(), d.id),
        })
    }

    /// The intent that settles `d` as the result stands, for the
    /// adjudicator to edit with the ordinary tools.
    pub fn settle_by_hand(&self, d: &Difference) -> Intent {
        Intent::Settle {
            key: d.key(),
            taken: None,
            name: format!("Settle the {} of {} by hand", d.aspect.as_str(), d.id),
        }
    }

    /// `side`'s value of what `d` is about, in words ("Sergey Lavrov",
    /// "no quote", "gender woman").
    pub fn describe(&self, d: &Difference, side: Side) -> String {
        let doc = match side {
            Side::A => &self.a,
            Side::B => &self.b,
        };
        match self.version(d, side) {
            None => format!("no {}", d.aspect.as_str()),
            Some(item) => describe_item(&item, d.aspect, |id| match side {
                Side::A => doc.entity_name(id).map(str::to_owned),
                Side::B => self
                    .b_ids
                    .iter()
                    .find(|(_, r)| r.as_str() == id)
                    .and_then(|(b_id, _)| doc.entity_name(b_id))
                    .map(str::to_owned),
            }),
        }
    }

    /// What the result holds now for what `d` is about, in words.
    pub fn describe_result(&self, result: &Annotations, d: &Difference) -> String {
        match self.current(result, d) {
            None => format!("{} is gone", d.id),
            Some(item) if d.aspect.is_presence() && item.status() == Status::Rejected => {
                format!("no {} (rejected)", d.aspect.as_str())
            }
            Some(item) => describe_item(&item, d.aspect, |id| {
                result.entity_name(id).map(str::to_owned)
            }),
        }
    }
}

/// B's entity under the id it has in the result.
fn map_entity(b_ids: &HashMap<String, String>, e: &Entity) -> Entity {
    let mut e = e.clone();
    if let Some(id) = b_ids.get(&e.id) {
        e.id = id.clone();
    }
    e
}

/// B's quote under the ids its quote and speaker have in the result.
fn map_quote(b_ids: &HashMap<String, String>, q: &Quote) -> Quote {
    let mut q = q.clone();
    if let Some(id) = b_ids.get(&q.id) {
        q.id = id.clone();
    }
    q.speaker = q.speaker.as_ref().and_then(|s| b_ids.get(s).cloned());
    q
}

/// A tag not yet decided in the result: pending, nobody's decision.
fn pend(status: &mut Status, reviewed_by: &mut Option<String>) {
    *status = Status::Pending;
    *reviewed_by = None;
}

fn describe_item(item: &Item, aspect: Aspect, name_of: impl Fn(&str) -> Option<String>) -> String {
    let text = |span: Option<&Span>| span.map_or_else(|| "none".to_owned(), |s| quoted(&s.text));
    match item {
        Item::Quote(q) => match aspect {
            Aspect::Kind => q.kind.as_str().to_owned(),
            Aspect::Cue => text(q.cue.as_ref()),
            Aspect::Source => text(q.source.as_ref()),
            Aspect::Speaker => q.speaker.as_deref().map_or_else(
                || "nobody".to_owned(),
                |id| name_of(id).unwrap_or(id.to_owned()),
            ),
            _ => {
                let content: Vec<String> = q.content.iter().map(|s| quoted(&s.text)).collect();
                let spans: Vec<String> = q
                    .content
                    .iter()
                    .map(|s| format!("{}–{}", s.start, s.end))
                    .collect();
                format!("{} ({})", content.join(" … "), spans.join(", "))
            }
        },
        Item::Entity(e) => match aspect {
            Aspect::Label => e.label.clone(),
            Aspect::Name => e.name.clone(),
            Aspect::Attributes => match attributes_key(e.attributes.as_ref()) {
                None => "none".to_owned(),
                Some(attrs) => attrs
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            Aspect::Mentions => {
                let mentions: Vec<String> = e
                    .mentions
                    .iter()
                    .map(|m| format!("{} at {}", quoted(&m.text), m.start))
                    .collect();
                if mentions.is_empty() {
                    "none".to_owned()
                } else {
                    mentions.join(", ")
                }
            }
            _ => format!("{} {}", e.label, e.name),
        },
    }
}

fn quoted(text: &str) -> String {
    format!("‘{text}’")
}

/// A file as it is named to the person: its folder and name.
pub fn file_label(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match path
        .parent()
        .and_then(Path::file_name)
        .map(|p| p.to_string_lossy())
    {
        Some(parent) => format!("{parent}/{name}"),
        None => name,
    }
}

/// Quotes that count: not rejected, with content.
fn visible_quotes(doc: &Annotations) -> Vec<usize> {
    (0..doc.quotes.len())
        .filter(|&i| doc.quotes[i].status != Status::Rejected && !doc.quotes[i].content.is_empty())
        .collect()
}

/// Entities that count: not rejected, or speaking a quote that counts (a
/// speaker is never left out of the result).
fn compared_entities(doc: &Annotations) -> Vec<usize> {
    let speakers: HashSet<&str> = visible_quotes(doc)
        .into_iter()
        .filter_map(|i| doc.quotes[i].speaker.as_deref())
        .collect();
    (0..doc.entities.len())
        .filter(|&i| {
            let e = &doc.entities[i];
            e.status != Status::Rejected || speakers.contains(e.id.as_str())
        })
        .collect()
}

/// Entities of A and B that are the same real thing, one to one: most
/// mentions at the very same span first, then most overlapping mentions,
/// then the same name (people typed in, named nowhere in the text).
fn match_entities(
    a: &Annotations,
    compared_a: &[usize],
    b: &Annotations,
    compared_b: &[usize],
) -> Vec<(usize, usize)> {
    // (exact, overlapping, same name) per candidate pair.
    let mut scores: HashMap<(usize, usize), (usize, usize, bool)> = HashMap::new();
    let mut b_mentions: Vec<(usize, usize, usize)> = compared_b
        .iter()
        .flat_map(|&j| {
            b.entities[j]
                .mentions
                .iter()
                .map(move |m| (m.start, m.end, j))
        })
        .collect();
    b_mentions.sort_unstable();
    let longest = b_mentions.iter().map(|m| m.1 - m.0).max().unwrap_or(0);
    for &i in compared_a {
        for m in &a.entities[i].mentions {
            // B mentions starting in [m.start - longest, m.end) may overlap.
            let from = b_mentions.partition_point(|x| x.0 < m.start.saturating_sub(longest));
            for &(start, end, j) in b_mentions[from..].iter().take_while(|x| x.0 < m.end) {
                if start < m.end && m.start < end {
                    let score = scores.entry((i, j)).or_default();
                    if (start, end) == (m.start, m.end) {
                        score.0 += 1;
                    } else {
                        score.1 += 1;
                    }
                }
            }
        }
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for &j in compared_b {
        by_name
            .entry(b.entities[j].name.to_lowercase())
            .or_default()
            .push(j);
    }
    for &i in compared_a {
        if let Some(js) = by_name.get(&a.entities[i].name.to_lowercase()) {
            for &j in js {
                scores.entry((i, j)).or_default().2 = true;
            }
        }
    }
    let mut candidates: Vec<((usize, usize, bool), usize, usize)> =
        scores.into_iter().map(|((i, j), s)| (s, i, j)).collect();
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_a, mut used_b) = (HashSet::new(), HashSet::new());
    candidates
        .into_iter()
        .filter(|&(_, i, j)| {
            let fresh = !used_a.contains(&i) && !used_b.contains(&j);
            if fresh {
                used_a.insert(i);
                used_b.insert(j);
            }
            fresh
        })
        .map(|(_, i, j)| (i, j))
        .collect()
}
