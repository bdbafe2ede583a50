//! A Citron document turned into annotations: each coreference group a
//! PERSON entity, each quote with contents a quote.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::ids::quote_ids;
use super::{
    CONFIDENCE, COREFERENCES, CitronDoc, CitronQuote, CitronSpan, FIELDS, ID, OTHER_SOURCES,
    QUOTES_WITHOUT_CONTENTS, shortened,
};
use crate::format::brat::kind_from_marks;
use crate::model::{Annotations, Entity, Origin, Quote, Span, Status, TextIndex};

/// Annotations read from Citron, with what of the file the review will not
/// show as it was written.
#[derive(Debug, Clone)]
pub struct Import {
    pub annotations: Annotations,
    /// One message a problem, naming its quote; the import went on.
    pub warnings: Vec<String>,
}

/// Reads a Citron document. Each coreference group becomes a PERSON entity
/// (Citron groups speakers); a quote's speaker is the group holding its source.
pub fn from_citron(name: &str, value: Value) -> Result<Annotations, String> {
    import(name, value).map(|i| i.annotations)
}

/// [`from_citron`], with the warnings: sources after the first, quotes
/// without contents, confidences outside 0–1, ids used twice.
pub fn import(name: &str, value: Value) -> Result<Import, String> {
    let citron: CitronDoc =
        serde_json::from_value(value).map_err(|e| format!("not a Citron document: {e}"))?;
    let index = TextIndex::new(&citron.text);
    let mut reading = Reading {
        index: &index,
        doc: Annotations::new(name, citron.text.as_str()),
        warnings: Vec::new(),
    };
    reading.add_entities(citron.coreference_groups.as_deref().unwrap_or_default())?;
    reading.add_quotes(&citron.quotes)?;
    let mut doc = reading.doc;
    if !citron.extra.is_empty() {
        doc.extra.insert(FIELDS.into(), Value::Object(citron.extra));
    }
    doc.normalize_order();
    Ok(Import {
        annotations: doc,
        warnings: reading.warnings,
    })
}

/// A document being read, and what was said about it so far.
struct Reading<'a> {
    index: &'a TextIndex,
    doc: Annotations,
    warnings: Vec<String>,
}

/// A Citron quote read, with its place in the file (from 1) and as written.
pub(super) struct Read<'v> {
    position: usize,
    pub(super) quote: CitronQuote,
    raw: &'v Value,
}

impl Read<'_> {
    /// How messages name the quote: its place in the file, and its id.
    pub(super) fn name(&self) -> String {
        match &self.quote.id {
            Some(id) => format!("Citron quote {} (id {id})", self.position),
            None => format!("Citron quote {}", self.position),
        }
    }
}

/// The spans of a Citron quote as the article has them, and its confidence
/// with the value as written.
struct QuoteSpans<'v> {
    content: Vec<Span>,
    cue: Option<Span>,
    sources: Vec<Span>,
    coreferences: Vec<Span>,
    confidence: Option<(f64, &'v Value)>,
}

impl Reading<'_> {
    /// The span `s` of the article; `what` names it in the error.
    fn span(&self, what: &str, s: &CitronSpan) -> Result<Span, String> {
        let n = self.index.char_len();
        if s.start > s.end {
            return Err(format!(
                "{what}: span {}..{} ends before it starts",
                s.start, s.end
            ));
        }
        if s.end > n {
            return Err(format!(
                "{what}: span {}..{} lies outside the text ({n} chars)",
                s.start, s.end
            ));
        }
        let at_offsets = self.index.slice(s.start, s.end);
        if let Some(text) = &s.text
            && text != at_offsets
        {
            // Offsets counted otherwise (bytes, UTF-16 units) or a text
            // edited since: either the offsets or the copy is wrong, and
            // importing the offsets would tag other words than the file's.
            return Err(format!(
                "{what}: span {}..{} says {:?} but the article there is {:?}; \
                 correct the offsets or the span's text",
                s.start,
                s.end,
                shortened(text),
                shortened(at_offsets)
            ));
        }
        let mut span = Span::new(self.index, s.start, s.end);
        span.extra = s.extra.clone();
        Ok(span)
    }

    /// Every span of `spans`, named `what 1`, `what 2`… in errors.
    fn spans(&self, what: &str, spans: &[CitronSpan]) -> Result<Vec<Span>, String> {
        (spans.iter().enumerate())
            .map(|(i, s)| self.span(&format!("{what} {}", i + 1), s))
            .collect()
    }

    fn add_entities(&mut self, groups: &[Vec<CitronSpan>]) -> Result<(), String> {
        for (g, group) in groups.iter().enumerate() {
            let mut mentions = self.spans(&format!("coreference group {} span", g + 1), group)?;
            mentions.sort_by_key(|m| (m.start, m.end));
            mentions.dedup();
            // An empty group names nobody: there is nothing to keep.
            let Some(longest) = mentions.iter().max_by_key(|m| m.text.chars().count()) else {
                continue;
            };
            let id = format!("e{}", self.doc.entities.len() + 1);
            let name = longest.text.clone();
            (self.doc.entities).push(Entity::automatic(id, "PERSON", name, mentions));
        }
        Ok(())
    }

    fn add_quotes(&mut self, raw_quotes: &[Value]) -> Result<(), String> {
        let quotes = (raw_quotes.iter().enumerate())
            .map(|(i, raw)| read_quote(i + 1, raw))
            .collect::<Result<Vec<_>, _>>()?;
        let entity_ids: HashSet<&str> = self.doc.entities.iter().map(|e| e.id.as_str()).collect();
        let ids = quote_ids(&quotes, &entity_ids, &mut self.warnings);
        let mut without_contents = Vec::new();
        for (read, id) in quotes.iter().zip(ids) {
            let quote = self.quote(read, id)?;
            match quote {
                Some(quote) => self.doc.quotes.push(quote),
                None => without_contents.push(read.raw.clone()),
            }
        }
        if !without_contents.is_empty() {
            (self.doc.extra).insert(QUOTES_WITHOUT_CONTENTS.into(), without_contents.into());
        }
        Ok(())
    }

    /// The quote `read` as the annotation format holds it, with the id
    /// `id`; `None` (and a warning) for a quote without contents, which has
    /// no id.
    fn quote(&mut self, read: &Read, id: Option<String>) -> Result<Option<Quote>, String> {
        let spans = self.quote_spans(read)?;
        let Some(id) = id else {
            self.warnings.push(format!(
                "{} has no contents, and a quote needs some: it is not among the \
                 quotes to review; kept as written in {QUOTES_WITHOUT_CONTENTS} and \
                 written back to Citron",
                read.name()
            ));
            return Ok(None);
        };
        let q = &read.quote;
        let name = if q.id.as_ref().and_then(Value::as_str) == Some(&id) {
            read.name()
        } else {
            format!("{}, quote {id} here,", read.name())
        };
        let mut extra = Map::new();
        if let Some(citron_id) = q.id.as_ref().filter(|c| c.as_str() != Some(&id)) {
            extra.insert(ID.into(), citron_id.clone());
        }
        let source = self.first_source(&name, spans.sources, &mut extra);
        let speaker = source.as_ref().and_then(|s| self.speaker_of(s));
        let uncovered = self.uncovered(spans.coreferences, speaker.as_deref(), source.as_ref());
        if !uncovered.is_empty() {
            extra.insert(COREFERENCES.into(), spans_value(&uncovered));
        }
        let confidence = spans
            .confidence
            .and_then(|(value, written)| self.confidence(&name, value, written, &mut extra));
        if !q.extra.is_empty() {
            extra.insert(FIELDS.into(), Value::Object(q.extra.clone()));
        }
        Ok(Some(Quote {
            id,
            kind: kind_from_marks(&spans.content),
            content: spans.content,
            cue: spans.cue,
            source,
            speaker,
            confidence,
            origin: Origin::Auto,
            status: Status::Pending,
            reviewed_by: None,
            extra,
        }))
    }

    /// Every span of the quote, checked against the article, and its
    /// confidence: checked whether the quote is kept or not, so that a file
    /// that contradicts itself is refused whole.
    fn quote_spans<'v>(&self, read: &'v Read) -> Result<QuoteSpans<'v>, String> {
        let name = read.name();
        let q = &read.quote;
        let coreferences = q.coreferences.as_deref().unwrap_or_default();
        Ok(QuoteSpans {
            content: self.spans(&format!("{name} content"), &q.contents)?,
            cue: (q.cue.as_ref())
                .map(|c| self.span(&format!("{name} cue"), c))
                .transpose()?,
            sources: self.spans(&format!("{name} source"), &q.sources)?,
            coreferences: self.spans(&format!("{name} coreference"), coreferences)?,
            confidence: (q.confidence.as_ref())
                .filter(|c| !c.is_null())
                .map(|c| confidence_of(&name, c))
                .transpose()?,
        })
    }

    /// The quote's source, the first of `sources`; the others are kept in
    /// `extra` and named, since the review shows one.
    fn first_source(
        &mut self,
        name: &str,
        mut sources: Vec<Span>,
        extra: &mut Map<String, Value>,
    ) -> Option<Span> {
        if sources.is_empty() {
            return None;
        }
        let first = sources.remove(0);
        if !sources.is_empty() {
            (self.warnings).push(other_sources_warning(name, &first, &sources));
            extra.insert(OTHER_SOURCES.into(), spans_value(&sources));
        }
        Some(first)
    }

    /// The quote's confidence: `value` if it lies in 0–1, as the annotation
    /// format holds it; else none, and the value as `written` is kept in
    /// `extra` and named.
    fn confidence(
        &mut self,
        name: &str,
        value: f64,
        written: &Value,
        extra: &mut Map<String, Value>,
    ) -> Option<f64> {
        if (0.0..=1.0).contains(&value) {
            return Some(value);
        }
        self.warnings.push(format!(
            "{name} has confidence {written}, outside the 0–1 of the annotation \
             format: kept as {CONFIDENCE} and written back to Citron; the review \
             takes the quote for one without a confidence"
        ));
        extra.insert(CONFIDENCE.into(), written.clone());
        None
    }

    /// The entity whose mentions the source overlaps.
    fn speaker_of(&self, source: &Span) -> Option<String> {
        (self.doc.entities.iter())
            .find(|e| e.mentions.iter().any(|m| m.overlaps(source)))
            .map(|e| e.id.clone())
    }

    /// The coreferences `to_citron` will not write again by itself: those
    /// that are neither a mention of the speaker nor the quote's source.
    fn uncovered(
        &self,
        coreferences: Vec<Span>,
        speaker: Option<&str>,
        source: Option<&Span>,
    ) -> Vec<Span> {
        let Some(entity) = speaker.and_then(|id| self.doc.entity(id)) else {
            return coreferences;
        };
        coreferences
            .into_iter()
            .filter(|c| !entity.mentions.contains(c) && Some(c) != source)
            .collect()
    }
}

/// The Citron quote at `position` (from 1), with the error naming it.
fn read_quote(position: usize, raw: &Value) -> Result<Read<'_>, String> {
    let quote = serde_json::from_value(raw.clone())
        .map_err(|e| format!("Citron quote {position}: not a Citron quote: {e}"))?;
    Ok(Read {
        position,
        quote,
        raw,
    })
}

/// A confidence as a number, with the value as written: a JSON number or
/// a string of one, as Citron's extractor writes it (`"0.9000"`).
fn confidence_of<'v>(name: &str, value: &'v Value) -> Result<(f64, &'v Value), String> {
    let number = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|c| c.is_finite()),
        _ => None,
    };
    number
        .map(|n| (n, value))
        .ok_or_else(|| format!("{name}: confidence {value} is no number"))
}

fn other_sources_warning(name: &str, first: &Span, others: &[Span]) -> String {
    let texts: Vec<String> = others
        .iter()
        .map(|s| format!("{:?} ({}..{})", shortened(&s.text), s.start, s.end))
        .collect();
    format!(
        "{name} has {} sources, and a quote holds one: {:?} is its source; {} kept \
         as {OTHER_SOURCES}, written back to Citron but not shown in the review",
        others.len() + 1,
        shortened(&first.text),
        texts.join(", ")
    )
}

/// Spans as the annotation file writes them, for an `extra` map.
fn spans_value(spans: &[Span]) -> Value {
    let span_value = |s: &Span| {
        let mut object = s.extra.clone();
        object.insert("start".into(), s.start.into());
        object.insert("end".into(), s.end.into());
        object.insert("text".into(), s.text.clone().into());
        Value::Object(object)
    };
    Value::Array(spans.iter().map(span_value).collect())
}
