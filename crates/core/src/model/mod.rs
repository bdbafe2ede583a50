//! The annotation model: one article, its entities and quotes, and the state of
//! its review. These types are exactly the annotation file of version 1 (see
//! `annotation-format.md` of the shared project folder); fields other tools add are kept in `extra` so a
//! round trip through quotecheck loses nothing.
//!
//! Offsets are chars (Unicode scalar values), end exclusive, as in the file.
//! The model knows nothing of the window: every change a person makes is an
//! [`Intent`], carried out as a [`Transaction`] of [`Edit`]s that the
//! [`History`] can undo.

mod attributes;
mod edit;
mod history;
mod intent;
mod label;
mod text;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use attributes::{
    AttributeError, Attributes, GENDER, Gender, KB, ROLE, ROLES, attribute_problems,
};
pub use edit::{Edit, EditError, Transaction};
pub use history::History;
pub use intent::{Created, Intent, Plan, Taken};
pub use label::EntityLabel;
pub use text::TextIndex;

/// The value of `format` in every annotation file.
pub const FORMAT_NAME: &str = "quotecheck-annotations";
/// The newest file version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// The CoNLL-2003 label set every new file starts with.
pub const DEFAULT_LABELS: [EntityLabel; 4] = EntityLabel::ALL;

/// A stretch of the article: chars `start..end` and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Fields other tools wrote on the span, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// By place and text: spans equal in those and differing in fields of other
/// tools hash alike, as they may.
impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.start, self.end, &self.text).hash(state);
    }
}

impl Span {
    /// The span of chars `start..end` of `index`'s text. Callers pass offsets
    /// that lie inside the text; others are clamped rather than panicking.
    pub fn new(index: &TextIndex, start: usize, end: usize) -> Span {
        let end = end.min(index.char_len());
        let start = start.min(end);
        Span {
            start,
            end,
            text: index.slice(start, end).to_owned(),
            extra: Map::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// The span without the white space at its ends (a drag easily catches
    /// a space); `None` when nothing else is left.
    pub fn trimmed(&self) -> Option<Span> {
        let text = self.text.trim();
        if text.is_empty() {
            return None;
        }
        let leading = self.text.len() - self.text.trim_start().len();
        let start = self.start + self.text[..leading].chars().count();
        Some(Span {
            start,
            end: start + text.chars().count(),
            text: text.to_owned(),
            extra: self.extra.clone(),
        })
    }

    /// The part of a mention that is a name, the way CoNLL-2003 marks names:
    /// without a leading article or possessive ("the Pentagon" → "Pentagon").
    /// `None` for a mention that names nobody by name ("the secretary",
    /// "he", "officials"): such a mention is right in a review, but taught
    /// as a name it would make a tagger tag "secretary".
    pub fn name_part(&self) -> Option<Span> {
        const LEADING: [&str; 11] = [
            "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my",
        ];
        let trimmed = self.trimmed()?;
        let first_end = trimmed
            .text
            .find(char::is_whitespace)
            .unwrap_or(trimmed.text.len());
        let first = &trimmed.text[..first_end];
        let rest = if LEADING.contains(&first.to_lowercase().as_str()) {
            let skipped = trimmed.text[first_end..].trim_start();
            let skip_chars = trimmed.text[..trimmed.text.len() - skipped.len()]
                .chars()
                .count();
            Span {
                start: trimmed.start + skip_chars,
                end: trimmed.end,
                text: skipped.to_owned(),
                extra: trimmed.extra.clone(),
            }
        } else {
            trimmed
        };
        let named = rest
            .text
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        (named && !rest.text.is_empty()).then_some(rest)
    }
}

/// Who made a tag: the extractor or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    #[default]
    Auto,
    Manual,
}

/// Where a tag stands in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Pending,
    Accepted,
    Edited,
    Rejected,
}

impl Status {
    /// A person has looked at the tag and decided.
    pub fn is_reviewed(self) -> bool {
        self != Status::Pending
    }

    /// The status as the annotation file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Edited => "edited",
            Status::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// All of the content is inside quotation marks.
    Direct,
    /// A few quoted words inside the writer's own sentence.
    Partial,
    /// Quoted and paraphrased parts.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    pub const ALL: [QuoteKind; 4] = [
        QuoteKind::Direct,
        QuoteKind::Partial,
        QuoteKind::Mixed,
        QuoteKind::Indirect,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    #[default]
    Unreviewed,
    InProgress,
    Done,
}

/// One real-world thing and the places the text names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub label: String,
    pub name: String,
    pub mentions: Vec<Span>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// Gender, role, knowledge-base id…; absent stays absent on saving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
    /// The id of the folder's registry entry this entity is (see
    /// [`crate::registry`]), set when a reviewer links them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// Who made the decision its `status` records (see [`Quote::reviewed_by`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Entity {
    /// An entity a reviewer made: manual, edited, no attributes yet.
    pub fn by_reviewer(id: String, label: &str, name: String, mentions: Vec<Span>) -> Entity {
        Entity {
            id,
            label: label.to_owned(),
            name,
            mentions,
            origin: Origin::Manual,
            status: Status::Edited,
            attributes: None,
            registry: None,
            reviewed_by: None,
            extra: Map::new(),
        }
    }

    /// An entity a program found: automatic, pending a reviewer's decision.
    pub fn automatic(id: String, label: &str, name: String, mentions: Vec<Span>) -> Entity {
        Entity {
            origin: Origin::Auto,
            status: Status::Pending,
            ..Entity::by_reviewer(id, label, name, mentions)
        }
    }

    /// The value of attribute `key`, if the entity has one.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.as_ref()?.get(key)
    }

    pub fn gender(&self) -> Option<Gender> {
        self.attributes.as_ref()?.gender
    }
}

/// Something somebody said, where the text says so, and who.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub kind: QuoteKind,
    pub content: Vec<Span>,
    #[serde(default)]
    pub cue: Option<Span>,
    #[serde(default)]
    pub source: Option<Span>,
    #[serde(default)]
    pub speaker: Option<String>,
    /// As written: a double, so that a value another tool wrote to more
    /// digits than a float holds comes back as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// The reviewer whose decision `status` records (the window's reviewer
    /// name): set whenever a person accepts, rejects, edits or adds the tag,
    /// and only then; absent on a pending tag and where nobody gave a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Quote {
    /// Where the quote begins in the text (its first content span).
    pub fn start(&self) -> usize {
        self.content.iter().map(|s| s.start).min().unwrap_or(0)
    }

    pub fn end(&self) -> usize {
        self.content.iter().map(|s| s.end).max().unwrap_or(0)
    }

    /// The mention of `entity` nearest to the quote's cue (or, with no
    /// cue, to its content), outside the content: the source a quote takes
    /// when a reviewer picks that entity as its speaker. Ties go to the
    /// mention before the cue, where a speaker is most often named.
    pub fn nearest_mention<'e>(&self, entity: &'e Entity) -> Option<&'e Span> {
        let (from, to) = match &self.cue {
            Some(cue) => (cue.start, cue.end),
            None => (self.start(), self.end()),
        };
        let distance = |m: &Span| {
            if m.end <= from {
                (from - m.end, 0)
            } else if m.start >= to {
                (m.start - to, 1)
            } else {
                (0, 0)
            }
        };
        entity
            .mentions
            .iter()
            .filter(|m| !self.content.iter().any(|c| c.overlaps(m)))
            .min_by_key(|m| distance(m))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub name: String,
    pub sha256: String,
    pub text: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Review {
    #[serde(default)]
    pub status: ReviewStatus,
    #[serde(default)]
    pub annotator: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub extractor: Option<String>,
    /// What `extract` wrote, as a digest ([`Annotations::seal_as_extracted`]):
    /// a file that no longer matches it was changed since, if only by hand in
    /// a text editor, and extracting again must not replace it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_sha256: Option<String>,
    /// Set on a file made by settling two reviewers' differences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication: Option<Adjudication>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How an adjudicated file came about: whose files were compared, and the
/// differences still to settle (see [`crate::compare`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Adjudication {
    /// The two reviewers, A then B.
    pub reviewers: Vec<Reviewer>,
    /// Keys of the differences not settled yet ("q3 speaker"); empty once
    /// every one is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One of the reviewers an adjudicated file was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Reviewer {
    /// Their file's `review.annotator`.
    pub annotator: Option<String>,
    /// Their file, as its folder and name (`ana/article.json`).
    pub file: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What makes an annotation file more than what `extract` would write
/// afresh ([`Annotations::work_in_it`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkInFile {
    /// A reviewer has started on it.
    Review,
    /// Another tool added fields to it.
    OtherToolsFields,
    /// It changed since `extract` wrote it (by hand in a text editor, say).
    ChangedSinceExtracted,
}

/// One annotation file: the article and everything known about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    pub format: String,
    pub version: u32,
    pub document: Document,
    pub labels: Vec<String>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub review: Review,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Annotations {
    /// Whether a person has started to review the file: it says so, or it
    /// holds a decision or a tag a person made. Earlier builds saved
    /// "unreviewed" over a reviewer's corrections until the article was
    /// marked done; their decisions count all the same.
    pub fn review_started(&self) -> bool {
        let decided =
            |status: Status, origin: Origin| status != Status::Pending || origin == Origin::Manual;
        self.review.status != ReviewStatus::Unreviewed
            || self.quotes.iter().any(|q| decided(q.status, q.origin))
            || self.entities.iter().any(|e| decided(e.status, e.origin))
    }

    /// Whether the file holds fields quotecheck does not know, anywhere
    /// (another tool's `x_kb` on an entity, a note on the file): a file
    /// `extract` would write afresh must not lose them.
    pub fn has_fields_of_other_tools(&self) -> bool {
        let span = |s: &Span| !s.extra.is_empty();
        !self.extra.is_empty()
            || !self.document.extra.is_empty()
            || !self.review.extra.is_empty()
            || (self.entities.iter()).any(|e| !e.extra.is_empty() || e.mentions.iter().any(span))
            || self.quotes.iter().any(|q| {
                !q.extra.is_empty() || q.content.iter().chain(&q.cue).chain(&q.source).any(span)
            })
    }

    /// The work in the file that writing a fresh extraction over it would
    /// lose, if any: `extract` and `convert` keep such a file.
    pub fn work_in_it(&mut self) -> Option<WorkInFile> {
        if self.review_started() {
            Some(WorkInFile::Review)
        } else if self.has_fields_of_other_tools() {
            Some(WorkInFile::OtherToolsFields)
        } else if self.changed_since_extracted() == Some(true) {
            Some(WorkInFile::ChangedSinceExtracted)
        } else {
            None
        }
    }

    /// Records what the file holds now in `review.extracted_sha256`, for
    /// [`Annotations::changed_since_extracted`]; puts the tags in the order
    /// the file is written in first, so the seal is that of the file.
    pub fn seal_as_extracted(&mut self) {
        self.normalize_order();
        self.review.extracted_sha256 = self.content_digest();
    }

    /// Whether the file changed since `extract` sealed it: `None` when no
    /// seal says (a file from the window, another tool or an older build).
    /// Takes the article out for the while, as [`Annotations::seal_as_extracted`]
    /// does, rather than copy it.
    pub fn changed_since_extracted(&mut self) -> Option<bool> {
        let sealed = self.review.extracted_sha256.clone()?;
        Some(self.content_digest().as_deref() != Some(sealed.as_str()))
    }

    /// SHA-256 of what the file says beyond its text (which `sha256`
    /// stands for), its seal and its time of saving (saved again unchanged,
    /// it is the same file): as JSON with keys sorted and no nulls, so that
    /// neither the order of a struct's fields nor whether a build writes an
    /// empty field changes it.
    fn content_digest(&mut self) -> Option<String> {
        let seal = self.review.extracted_sha256.take();
        let saved_at = self.review.updated_at.take();
        let text = std::mem::take(&mut self.document.text);
        let value = serde_json::to_value(&*self);
        self.review.extracted_sha256 = seal;
        self.review.updated_at = saved_at;
        self.document.text = text;
        let mut value = value.ok()?;
        without_nulls(&mut value);
        Some(sha256_hex_bytes(&serde_json::to_vec(&value).ok()?))
    }

    /// An article with no tags yet.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Annotations {
        let text = text.into();
        Annotations {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            document: Document {
                name: name.into(),
                sha256: sha256_hex(&text),
                text,
                extra: Map::new(),
            },
            labels: DEFAULT_LABELS
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect(),
            entities: Vec::new(),
            quotes: Vec::new(),
            review: Review::default(),
            extra: Map::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.document.text
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    pub fn quote_index(&self, id: &str) -> Option<usize> {
        self.quotes.iter().position(|q| q.id == id)
    }

    /// The entity named by `id`, for showing a speaker: its canonical name.
    pub fn entity_name(&self, id: &str) -> Option<&str> {
        self.entity(id).map(|e| e.name.as_str())
    }

    /// Quotes not rejected whose speaker is a rejected entity, each with
    /// that entity: the report counts them as naming nobody, so a reviewer
    /// who settles one of the two should see the other.
    pub fn quotes_with_rejected_speaker(&self) -> Vec<(&Quote, &Entity)> {
        self.quotes
            .iter()
            .filter(|q| q.status != Status::Rejected)
            .filter_map(|q| Some((q, self.entity(q.speaker.as_deref()?)?)))
            .filter(|(_, e)| e.status == Status::Rejected)
            .collect()
    }

    /// A fresh id with `prefix` (`e` or `q`) that no entity or quote uses.
    pub fn next_id(&self, prefix: &str) -> String {
        let used = self
            .entities
            .iter()
            .map(|e| e.id.as_str())
            .chain(self.quotes.iter().map(|q| q.id.as_str()));
        let highest = used
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest + 1)
    }

    /// Quotes a reader should show: everything but the rejected ones.
    pub fn visible_quotes(&self) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(|q| q.status != Status::Rejected)
    }

    /// How many quotes have been decided on, and how many there are.
    pub fn quote_progress(&self) -> (usize, usize) {
        let reviewed = self
            .quotes
            .iter()
            .filter(|q| q.status.is_reviewed())
            .count();
        (reviewed, self.quotes.len())
    }

    /// The indices of the quotes, least sure first: by rising confidence,
    /// quotes of equal confidence in reading order, and quotes with none
    /// (made by a person) last. Decided quotes keep their place, so the
    /// order does not shift under a reviewer working through it.
    pub fn quotes_least_sure_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.quotes.len()).collect();
        order.sort_by(|&a, &b| {
            let sureness = |i: usize| self.quotes[i].confidence.unwrap_or(f64::INFINITY);
            sureness(a).total_cmp(&sureness(b))
        });
        order
    }

    /// The lowest confidence among the quotes nobody has decided on yet:
    /// how much an article needs a reviewer.
    pub fn least_sure_pending(&self) -> Option<f64> {
        self.quotes
            .iter()
            .filter(|q| !q.status.is_reviewed())
            .filter_map(|q| q.confidence)
            .min_by(f64::total_cmp)
    }

    /// Puts quotes in reading order, entities in order of their ids and each
    /// entity's mentions in text order, so that saved files diff well.
    pub fn normalize_order(&mut self) {
        for e in &mut self.entities {
            e.mentions.sort_by_key(|m| (m.start, m.end));
        }
        self.entities.sort_by_key(|e| id_number(&e.id));
        self.quotes.sort_by_key(|q| (q.start(), id_number(&q.id)));
    }
}

/// Sorts `q10` after `q9`; ids that are not prefix+number sort last, by text.
fn id_number(id: &str) -> (u64, String) {
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    (digits.parse().unwrap_or(u64::MAX), id.to_owned())
}

/// `value` with every null field of every object taken out.
fn without_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(without_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(without_nulls),
        _ => {}
    }
}

/// The hex SHA-256 of `text`'s UTF-8 bytes, as `document.sha256` holds it.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
