//! Citron's JSON (BBC R&D's quote extractor): `text`, `quotes` with `cue`,
//! `sources` and `contents` spans, and `coreference_groups` of spans that
//! name the same speaker.

use serde::{Deserialize, Serialize};

use super::brat::kind_from_marks;
use crate::model::{Annotations, Entity, Origin, Quote, Span, Status, TextIndex};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronQuote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    cue: Option<CitronSpan>,
    #[serde(default)]
    sources: Vec<CitronSpan>,
    #[serde(default)]
    contents: Vec<CitronSpan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    coreferences: Vec<CitronSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitronDoc {
    text: String,
    #[serde(default)]
    quotes: Vec<CitronQuote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    coreference_groups: Vec<Vec<CitronSpan>>,
}

/// True when `value` looks like a Citron document rather than ours.
pub fn is_citron(value: &serde_json::Value) -> bool {
    value.get("format").is_none()
        && value.get("text").is_some_and(|t| t.is_string())
        && value.get("quotes").is_some()
}

/// Reads a Citron document. Each coreference group becomes a PERSON entity
/// (Citron groups speakers); a quote's speaker is the group holding its source.
pub fn from_citron(name: &str, value: serde_json::Value) -> Result<Annotations, String> {
    let citron: CitronDoc =
        serde_json::from_value(value).map_err(|e| format!("not a Citron document: {e}"))?;
    let index = TextIndex::new(&citron.text);
    let n = index.char_len();
    let span = |s: &CitronSpan| -> Result<Span, String> {
        if s.start > s.end || s.end > n {
            return Err(format!(
                "span {}..{} lies outside the text ({n} chars)",
                s.start, s.end
            ));
        }
        Ok(Span::new(&index, s.start, s.end))
    };
    let mut doc = Annotations::new(name, citron.text.clone());
    for group in &citron.coreference_groups {
        let mut mentions = group.iter().map(span).collect::<Result<Vec<_>, _>>()?;
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions.dedup();
        let Some(longest) = mentions.iter().max_by_key(|m| m.text.chars().count()) else {
            continue;
        };
        doc.entities.push(Entity {
            id: format!("e{}", doc.entities.len() + 1),
            label: "PERSON".into(),
            name: longest.text.clone(),
            mentions,
            origin: Origin::Auto,
            status: Status::Pending,
            attributes: None,
            registry: None,
            reviewed_by: None,
            extra: Default::default(),
        });
    }
    for (i, q) in citron.quotes.iter().enumerate() {
        let content = q.contents.iter().map(span).collect::<Result<Vec<_>, _>>()?;
        if content.is_empty() {
            continue;
        }
        let source = q.sources.first().map(span).transpose()?;
        let speaker = source.as_ref().and_then(|s| {
            doc.entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.overlaps(s)))
                .map(|e| e.id.clone())
        });
        doc.quotes.push(Quote {
            id: format!("q{}", i + 1),
            kind: kind_from_marks(&content),
            content,
            cue: q.cue.as_ref().map(span).transpose()?,
            source,
            speaker,
            confidence: q.confidence,
            origin: Origin::Auto,
            status: Status::Pending,
            reviewed_by: None,
            extra: Default::default(),
        });
    }
    doc.normalize_order();
    Ok(doc)
}

/// Writes a Citron document: every quote not rejected, with the speaker's
/// mentions as its coreferences, and for each speaker a group of its
/// mentions and of the sources of its quotes ("he", "the secretary").
pub fn to_citron(doc: &Annotations) -> Result<serde_json::Value, serde_json::Error> {
    let cs = |s: &Span| CitronSpan {
        start: s.start,
        end: s.end,
        text: s.text.clone(),
    };
    let mut groups: Vec<(&str, Vec<Span>)> = Vec::new();
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
    let quotes = doc
        .visible_quotes()
        .map(|q| {
            let group = groups
                .iter()
                .find(|(id, _)| Some(*id) == q.speaker.as_deref());
            CitronQuote {
                id: Some(q.id.clone()),
                cue: q.cue.as_ref().map(cs),
                sources: q.source.iter().map(cs).collect(),
                contents: q.content.iter().map(cs).collect(),
                coreferences: group
                    .map(|(_, spans)| spans.iter().map(cs).collect())
                    .unwrap_or_default(),
                confidence: q.confidence,
            }
        })
        .collect();
    let citron = CitronDoc {
        text: doc.document.text.clone(),
        quotes,
        coreference_groups: groups
            .iter()
            .map(|(_, spans)| {
                let mut spans: Vec<CitronSpan> = spans.iter().map(cs).collect();
                spans.sort_by_key(|s| (s.start, s.end));
                spans
            })
            .collect(),
    };
    serde_json::to_value(citron)
}
