//! Annotations written as a Citron document, with what an import kept of
//! Citron in the `extra` maps written back where Citron had it.

use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Map, Value};

use super::{
    CONFIDENCE, COREFERENCES, CitronDoc, CitronQuote, CitronSpan, DOC_KEYS, FIELDS, ID,
    OTHER_SOURCES, QUOTE_KEYS, QUOTES_WITHOUT_CONTENTS, SPAN_KEYS, without,
};
use crate::model::{Annotations, Quote, Span};

/// A speaker's entity id and the spans that name it.
type Group<'a> = (&'a str, Vec<Span>);

/// Writes a Citron document: every quote not rejected, with the speaker's
/// mentions as its coreferences, and for each speaker a group of its
/// mentions and of the sources of its quotes ("he", "the secretary").
/// What an import kept in `extra` (ids, sources after the first, quotes
/// without contents, unknown fields…) goes back where Citron had it.
pub fn to_citron(doc: &Annotations) -> Result<Value, serde_json::Error> {
    let groups = speaker_groups(doc);
    let mut quotes = doc
        .visible_quotes()
        .map(|q| citron_quote(q, &groups))
        .collect::<Result<Vec<_>, _>>()?;
    let without_contents: Option<Vec<Value>> =
        kept(&doc.extra, QUOTES_WITHOUT_CONTENTS, "the file")?;
    quotes.extend(without_contents.unwrap_or_default());
    let coreference_groups: Vec<Vec<CitronSpan>> = groups
        .iter()
        .map(|(_, spans)| {
            let mut spans: Vec<CitronSpan> = spans.iter().map(citron_span).collect();
            spans.sort_by_key(|s| (s.start, s.end));
            spans
        })
        .collect();
    let fields: Option<Map<String, Value>> = kept(&doc.extra, FIELDS, "the file")?;
    let citron = CitronDoc {
        text: doc.document.text.clone(),
        quotes,
        coreference_groups: (!coreference_groups.is_empty()).then_some(coreference_groups),
        extra: without(&fields.unwrap_or_default(), &DOC_KEYS),
    };
    serde_json::to_value(citron)
}

/// What a Citron document cannot hold of `doc`, for a person to read:
/// Citron keeps quotes and their speakers, so every other entity, and every
/// rejected quote, is left out.
pub fn left_out(doc: &Annotations) -> Vec<String> {
    let speakers: std::collections::HashSet<&str> = doc
        .visible_quotes()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    let entities = (doc.entities.iter())
        .filter(|e| !speakers.contains(e.id.as_str()))
        .map(|e| format!("{:?} ({}), which speaks no quote kept", e.name, e.label));
    let rejected = (doc.quotes.iter())
        .filter(|q| q.status == crate::model::Status::Rejected)
        .map(|q| format!("quote {}, rejected", q.id));
    entities.chain(rejected).collect()
}

/// For each speaker of a quote not rejected, its mentions and the sources
/// of its quotes, in the order the quotes come.
fn speaker_groups(doc: &Annotations) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for q in doc.visible_quotes() {
        let Some(e) = q.speaker.as_deref().and_then(|id| doc.entity(id)) else {
            continue;
        };
        let at = match groups.iter().position(|(id, _)| *id == e.id) {
            Some(at) => at,
            None => {
                groups.push((&e.id, e.mentions.clone()));
                groups.len() - 1
            }
        };
        if let Some(source) = &q.source
            && !groups[at].1.contains(source)
        {
            groups[at].1.push(source.clone());
        }
    }
    groups
}

fn citron_quote(q: &Quote, groups: &[Group]) -> Result<Value, serde_json::Error> {
    let owner = format!("quote {}", q.id);
    let id = q
        .extra
        .get(ID)
        .cloned()
        .unwrap_or_else(|| q.id.clone().into());
    let mut sources: Vec<Span> = q.source.iter().cloned().collect();
    let others: Option<Vec<Span>> = kept(&q.extra, OTHER_SOURCES, &owner)?;
    add_new(&mut sources, others.unwrap_or_default());
    let mut coreferences: Vec<Span> = groups
        .iter()
        .find(|(id, _)| Some(*id) == q.speaker.as_deref())
        .map(|(_, spans)| spans.clone())
        .unwrap_or_default();
    let uncovered: Option<Vec<Span>> = kept(&q.extra, COREFERENCES, &owner)?;
    add_new(&mut coreferences, uncovered.unwrap_or_default());
    let fields: Option<Map<String, Value>> = kept(&q.extra, FIELDS, &owner)?;
    let quote = CitronQuote {
        id: Some(id),
        cue: q.cue.as_ref().map(citron_span),
        sources: sources.iter().map(citron_span).collect(),
        contents: q.content.iter().map(citron_span).collect(),
        coreferences: (!coreferences.is_empty())
            .then(|| coreferences.iter().map(citron_span).collect()),
        confidence: (q.confidence.map(Value::from)).or_else(|| q.extra.get(CONFIDENCE).cloned()),
        extra: without(&fields.unwrap_or_default(), &QUOTE_KEYS),
    };
    serde_json::to_value(quote)
}

/// Appends the spans of `more` that `spans` does not hold yet: a reviewer
/// may have made a kept source the quote's own.
fn add_new(spans: &mut Vec<Span>, more: Vec<Span>) {
    for span in more {
        if !spans.contains(&span) {
            spans.push(span);
        }
    }
}

fn citron_span(s: &Span) -> CitronSpan {
    CitronSpan {
        start: s.start,
        end: s.end,
        text: Some(s.text.clone()),
        extra: without(&s.extra, &SPAN_KEYS),
    }
}

/// What an import kept under `key` of `extra`, read back; an error naming
/// `owner` and the key when a hand has made it something else.
fn kept<T: DeserializeOwned>(
    extra: &Map<String, Value>,
    key: &str,
    owner: &str,
) -> Result<Option<T>, serde_json::Error> {
    extra
        .get(key)
        .map(|value| {
            T::deserialize(value)
                .map_err(|e| serde_json::Error::custom(format!("{owner}: {key}: {e}")))
        })
        .transpose()
}
